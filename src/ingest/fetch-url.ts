import { DEFAULT_MAX_ARTICLE_BYTES } from '../formats/index.js';

/** Options for {@link fetchUrl}. */
export interface FetchOptions {
  /** Give up after this many milliseconds (connect and body together). */
  readonly timeoutMs?: number;
  /** Refuse bodies larger than this many bytes. */
  readonly maxBytes?: number;
  /** A conditional GET: the validators of the copy already held. A 304 answer is then `notModified`. */
  readonly ifNoneMatch?: string | null;
  readonly ifModifiedSince?: string | null;
}

/** A fetched body, or why there is none. */
export type Fetched =
  | {
      readonly ok: true;
      readonly url: string;
      readonly bytes: Uint8Array;
      readonly contentType: string | null;
      /** The validators to send next time, where the server gave them. */
      readonly etag: string | null;
      readonly lastModified: string | null;
    }
  | { readonly ok: false; readonly reason: string; readonly notModified?: true };

/** Default time allowed for one URL. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Fetches a URL with a time limit and a size limit, reading the body in
 * chunks so an oversized response is cut off, not buffered. Failures are
 * reasons, never exceptions.
 */
export async function fetchUrl(url: string, options: FetchOptions = {}): Promise<Fetched> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, maxBytes = DEFAULT_MAX_ARTICLE_BYTES, ifNoneMatch = null, ifModifiedSince = null } = options;
  const signal = AbortSignal.timeout(timeoutMs);
  const headers: Record<string, string> = { 'user-agent': 'claimtrail', accept: '*/*' };
  if (ifNoneMatch) headers['if-none-match'] = ifNoneMatch;
  if (ifModifiedSince) headers['if-modified-since'] = ifModifiedSince;
  try {
    const res = await fetch(url, { signal, redirect: 'follow', headers });
    if (res.status === 304) {
      await res.body?.cancel();
      return { ok: false, reason: 'not modified', notModified: true };
    }
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
    return {
      ok: true,
      url: res.url || url,
      bytes: Buffer.concat(chunks),
      contentType: res.headers.get('content-type'),
      etag: res.headers.get('etag'),
      lastModified: res.headers.get('last-modified'),
    };
  } catch (err) {
    if (signal.aborted) return { ok: false, reason: `timed out after ${timeoutMs} ms` };
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return { ok: false, reason: `fetch failed${err instanceof Error ? `: ${err.message}` : ''}${cause}` };
  }
}
