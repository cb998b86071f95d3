import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, ApiError, type AddResponse, type ArticleDetail, type ExtractResponse } from '../api.js';
import { Legend, Reader } from '../components/reader.js';
import { ErrorBox, Loading } from '../components/states.js';
import { Link } from '../router.js';

type Mode = 'text' | 'url' | 'file';

type Outcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'error'; readonly error: Error }
  | { readonly kind: 'added'; readonly result: AddResponse; readonly first: ArticleDetail | null }
  | { readonly kind: 'extracted'; readonly extraction: ExtractResponse };

const TOKEN_KEY = 'claimtrail-token';

/** `/add`: paste text, give a URL or upload a file; the extraction shows at once. */
export function AddView(): JSX.Element {
  const [mode, setMode] = useState<Mode>('text');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const [needsToken, setNeedsToken] = useState(token !== '');

  const run = async (work: () => Promise<Outcome>) => {
    setOutcome({ kind: 'busy' });
    try {
      setOutcome(await work());
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setNeedsToken(true);
      setOutcome({ kind: 'error', error: e instanceof Error ? e : new Error(String(e)) });
    }
  };
  const added = async (result: AddResponse): Promise<Outcome> => {
    const first = result.articles[0];
    return { kind: 'added', result, first: first ? await api.article(String(first.id)) : null };
  };

  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const only = (e.submitter as HTMLButtonElement | null)?.value === 'extract';
    const get = (name: string) => String(form.get(name) ?? '').trim();
    if (needsToken) sessionStorage.setItem(TOKEN_KEY, token);
    if (mode === 'file') {
      const file = form.get('file');
      if (!(file instanceof File) || file.size === 0) return setOutcome({ kind: 'error', error: new Error('Choose a file first.') });
      return run(async () => added(await api.addFile(file, token)));
    }
    if (mode === 'url') {
      const url = get('url');
      if (!url) return setOutcome({ kind: 'error', error: new Error('Give a URL first.') });
      return run(async () => added(await api.addJson({ url }, token)));
    }
    const text = String(form.get('text') ?? '');
    if (!text.trim()) return setOutcome({ kind: 'error', error: new Error('Paste some text first.') });
    if (only) return run(async () => ({ kind: 'extracted', extraction: await api.extract(text, token) }));
    const body: Record<string, string> = { text };
    for (const name of ['title', 'outlet', 'publishedAt']) if (get(name)) body[name] = get(name);
    return run(async () => added(await api.addJson(body, token)));
  };

  return (
    <section>
      <h1>Add an article</h1>
      <div class="tabs" role="tablist" aria-label="What to add">
        {(['text', 'url', 'file'] as const).map((m) => (
          <button key={m} type="button" role="tab" aria-selected={mode === m} class={mode === m ? 'on' : ''} onClick={() => setMode(m)}>
            {m === 'text' ? 'Paste text' : m === 'url' ? 'From a URL' : 'Upload a file'}
          </button>
        ))}
      </div>
      <form class="add-form" onSubmit={onSubmit}>
        {mode === 'text' ? (
          <>
            <label class="wide">
              Article text
              <textarea name="text" rows={12} required />
            </label>
            <label>
              Title <input name="title" />
            </label>
            <label>
              Outlet <input name="outlet" />
            </label>
            <label>
              Published <input name="publishedAt" type="date" />
            </label>
          </>
        ) : mode === 'url' ? (
          <label class="wide">
            Page or feed URL <input name="url" type="url" placeholder="https://…" required />
          </label>
        ) : (
          <label class="wide">
            Text, HTML, RSS/Atom/JSON Feed or JSON Lines file <input name="file" type="file" required />
          </label>
        )}
        {needsToken ? (
          <label>
            Access token <input type="password" value={token} onInput={(e) => setToken((e.currentTarget as HTMLInputElement).value)} autocomplete="off" />
          </label>
        ) : null}
        <div class="actions">
          <button type="submit" value="add" disabled={outcome.kind === 'busy'}>
            Add to the record
          </button>
          {mode === 'text' ? (
            <button type="submit" value="extract" class="secondary" disabled={outcome.kind === 'busy'}>
              Extract only, don't save
            </button>
          ) : null}
        </div>
      </form>
      <Result outcome={outcome} />
    </section>
  );
}

function Result({ outcome }: { outcome: Outcome }): JSX.Element | null {
  if (outcome.kind === 'idle') return null;
  if (outcome.kind === 'busy') return <Loading what="Reading and extracting" />;
  if (outcome.kind === 'error') return <ErrorBox error={outcome.error} />;
  if (outcome.kind === 'extracted') {
    const x = outcome.extraction;
    return (
      <div class="result-panel">
        <h2>Extraction (not saved)</h2>
        <Legend />
        <Reader text={x.text} attributions={x.attributions} stored={false} />
      </div>
    );
  }
  const { result, first } = outcome;
  return (
    <div class="result-panel" role="status">
      <h2>Added</h2>
      <ul>
        {result.articles.map((a) => (
          <li key={a.id}>
            <Link href={`/articles/${a.id}`}>{a.title ?? a.source}</Link> — {a.outcome}, {a.attributions} attributions
          </li>
        ))}
      </ul>
      {result.diagnostics.length > 0 ? (
        <ul class="diagnostics">
          {result.diagnostics.map((d, i) => (
            <li key={i}>
              {d.source}: {d.reason}
            </li>
          ))}
        </ul>
      ) : null}
      {first ? (
        <>
          <Legend />
          <Reader text={first.text} attributions={first.attributions} stored />
        </>
      ) : null}
    </div>
  );
}
