import { extract as defaultExtract, type ExtractOptions } from '../extract/index.js';
import type { Extraction } from '../model/index.js';
import type { ArticleToStore, Store } from '../store/index.js';
import { createDiagnostic, type ArticleInput, type Diagnostic } from './article-input.js';
import { articleContentHash, articleIdentity } from './identity.js';

/** An article extracted and ready for `Store.putArticle`. */
export interface PreparedArticle {
  readonly kind: 'prepared';
  readonly article: ArticleToStore;
  readonly extraction: Extraction;
}

/** The extractor a caller may swap in (tests, a pool of worker threads); `extract` by default. */
export type Extractor = (text: string, options: ExtractOptions) => Extraction | Promise<Extraction>;

/**
 * What storing an input needs, decided before any transaction: `unchanged`
 * when the store already holds it with the same content (no extraction), a
 * diagnostic when extraction fails, else the extraction. Ingest, the queue
 * worker and the server all go through here.
 */
export async function prepareArticle(store: Store, input: ArticleInput, extract: Extractor = defaultExtract): Promise<PreparedArticle | 'unchanged' | Diagnostic> {
  const identity = articleIdentity(input);
  const contentHash = articleContentHash(input);
  if ((await store.articleHash(identity)) === contentHash) return 'unchanged';
  let extraction: Extraction;
  try {
    extraction = await extract(input.text, { file: input.source, ...(input.publishedAt ? { publishedAt: input.publishedAt } : {}) });
  } catch (err) {
    return createDiagnostic(input.source, `extraction failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  const { kind: _kind, ...fields } = input;
  return { kind: 'prepared', article: { ...fields, identity, contentHash }, extraction };
}
