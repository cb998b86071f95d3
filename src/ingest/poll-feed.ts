import type { FeedState, Store } from '../store/index.js';
import { isDiagnostic, type ArticleInput } from './article-input.js';
import { articleContentHash, articleIdentity } from './identity.js';
import { fetchUrl, type FetchOptions } from './fetch-url.js';
import { readSource } from './readers/index.js';

/** What one poll of a feed found. */
export type FeedPoll =
  | { readonly kind: 'not-modified'; readonly url: string }
  | { readonly kind: 'failed'; readonly url: string; readonly reason: string }
  | {
      readonly kind: 'fetched';
      readonly url: string;
      /** Items not stored yet, or stored with other content. */
      readonly fresh: readonly ArticleInput[];
      /** Items already stored as they are. */
      readonly known: number;
      /** To save once the fresh items are delivered, so a crash in between refetches them. */
      readonly state: FeedState;
    };

/**
 * Polls one feed: a conditional GET with the ETag and Last-Modified saved
 * from the last poll (a 304 costs the server nothing and us no parsing),
 * then the items the store does not hold as they are. Nothing is stored
 * here: the caller delivers the fresh items, then saves `state`.
 */
export async function pollFeed(store: Store, url: string, options: Pick<FetchOptions, 'maxBytes' | 'timeoutMs'> = {}): Promise<FeedPoll> {
  const last = await store.feedState(url);
  const got = await fetchUrl(url, { ...options, ifNoneMatch: last?.etag ?? null, ifModifiedSince: last?.lastModified ?? null });
  if (!got.ok) return got.notModified ? { kind: 'not-modified', url } : { kind: 'failed', url, reason: got.reason };
  const read = readSource(url, got.bytes, { url: got.url, contentType: got.contentType, ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}) });
  const problem = read.find(isDiagnostic);
  const items = read.filter((r): r is ArticleInput => !isDiagnostic(r));
  if (items.length === 0 && problem) return { kind: 'failed', url, reason: problem.reason };
  const fresh: ArticleInput[] = [];
  for (const item of items) if ((await store.articleHash(articleIdentity(item))) !== articleContentHash(item)) fresh.push(item);
  return {
    kind: 'fetched',
    url,
    fresh,
    known: items.length - fresh.length,
    state: { url, etag: got.etag, lastModified: got.lastModified, checkedAt: new Date().toISOString() },
  };
}
