import { DEFAULT_MAX_ARTICLE_BYTES } from '../formats/index.js';

/** Options for {@link fetchUrl}. */
export interface FetchOptions {
  /** Give up after this many milliseconds (connect and body together). */
  readonly timeoutMs?: number;
  /** Refuse bodies larger than this many bytes. */
  readonly maxBytes?: number;
}

/** A fetched body, or why there is none. */
export type Fetched =
  | { readonly ok: true; readonly url: string; readonly bytes: Uint8Array; readonly contentType: string | null }
  | { readonly ok: false; readonly reason: string };

/** Default time allowed for one URL. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Fetches a URL with a time limit and a size limit, reading the body in
 * chunks so an oversized response is cut off, not buffered. Failures are
 * reasons, never exceptions.
 */
export async function fetchUrl(url: string, options: FetchOptions = {}): Promise<Fetched> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, maxBytes = DEFAULT_MAX_ARTICLE_BYTES } = options;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, { signal, redirect: 'follow', headers: { 'user-agent': 'claimtrail', accept: '*/*' } });
    if (!res.ok) {
      await res.body?.cancel();
      return { ok: false, reason: `HTTP ${res.status} ${res.statusText}`.trim() };
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
      await res.body?.cancel();
      return { ok: false, reason: `larger than the ${maxBytes} bytes limit (${declared} bytes)` };
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (res.body) {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        size += chunk.length;
        if (size > maxBytes) {
          await res.body.cancel().catch(() => undefined);
          return { ok: false, reason: `larger than the ${maxBytes} bytes limit` };
        }
        chunks.push(chunk);
      }
    }
    return { ok: true, url: res.url || url, bytes: Buffer.concat(chunks), contentType: res.headers.get('content-type') };
  } catch (err) {
    if (signal.aborted) return { ok: false, reason: `timed out after ${timeoutMs} ms` };
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return { ok: false, reason: `fetch failed${err instanceof Error ? `: ${err.message}` : ''}${cause}` };
  }
}
