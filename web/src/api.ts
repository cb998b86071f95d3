import type {
  AddResponse,
  ArticleDetail,
  ArticleSummary,
  ExtractResponse,
  Page,
  SearchResult,
  SpeakerPage,
  SpeakerSummary,
  Stats,
  Trace,
} from '../../src/server/api-types.js';

export type * from '../../src/server/api-types.js';

/** A failed API call, with the status and message the server gave. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { accept: 'application/json', ...(init.headers ?? {}) } });
  } catch {
    throw new ApiError(0, 'the server cannot be reached');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = body && typeof body === 'object' && 'message' in body ? String((body as { message: unknown }).message) : res.statusText;
    throw new ApiError(res.status, message || `request failed (${res.status})`);
  }
  return body as T;
}

const auth = (token: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

/** The API client: one function per endpoint. */
export const api = {
  stats: () => call<Stats>('/api/stats'),
  articles: (next?: string) => call<Page<ArticleSummary>>(next ?? '/api/articles?limit=50'),
  article: (id: string) => call<ArticleDetail>(`/api/articles/${encodeURIComponent(id)}`),
  speakers: (next?: string) => call<Page<SpeakerSummary>>(next ?? '/api/speakers?limit=50'),
  speaker: (id: string) => call<SpeakerPage>(`/api/speakers/${encodeURIComponent(id)}`),
  search: (params: URLSearchParams, next?: string) => call<Page<SearchResult & { id: number }>>(next ?? `/api/search?${params.toString()}`),
  trace: (id: string) => call<Trace & { id: number }>(`/api/attributions/${encodeURIComponent(id)}/trace`),
  extract: (text: string, token: string) =>
    call<ExtractResponse>('/api/extract', { method: 'POST', headers: { 'content-type': 'application/json', ...auth(token) }, body: JSON.stringify({ text }) }),
  addJson: (body: Record<string, string>, token: string) =>
    call<AddResponse>('/api/articles', { method: 'POST', headers: { 'content-type': 'application/json', ...auth(token) }, body: JSON.stringify(body) }),
  addFile: (file: File, token: string) => {
    const form = new FormData();
    form.set('file', file);
    return call<AddResponse>('/api/articles', { method: 'POST', headers: auth(token), body: form });
  },
};
