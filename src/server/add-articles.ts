import { extract } from '../extract/index.js';
import type { Extraction } from '../model/index.js';
import { articleContentHash, articleIdentity, isDiagnostic, type ArticleInput, type Diagnostic, type ReadResult } from '../ingest/index.js';
import type { PutOutcome, Store } from '../store/index.js';

/** One article a request stored (or found already stored). */
export interface AddedArticle {
  readonly id: number;
  readonly outcome: PutOutcome;
  readonly source: string;
  readonly title: string | null;
  readonly attributions: number;
}

/** What adding a request's articles did. */
export interface AddResult {
  readonly articles: readonly AddedArticle[];
  readonly diagnostics: readonly Pick<Diagnostic, 'source' | 'reason'>[];
}

interface Prepared {
  readonly input: ArticleInput;
  readonly identity: string;
  readonly contentHash: string;
  /** Null when the article is already stored with this content. */
  readonly extraction: Extraction | null;
}

/**
 * Extracts and stores what a reader found in one request the way `ingest`
 * does for files: an article already stored with the same content is left
 * alone, a changed one is replaced, and all are written in one transaction.
 * Extraction runs before the transaction so the write lock is held briefly.
 */
export async function addArticles(store: Store, read: ReadResult): Promise<AddResult> {
  const diagnostics = read.filter(isDiagnostic).map(({ source, reason }) => ({ source, reason }));
  const prepared: Prepared[] = [];
  for (const input of read.filter((r): r is ArticleInput => !isDiagnostic(r))) {
    const identity = articleIdentity(input);
    const contentHash = articleContentHash(input);
    if ((await store.articleHash(identity)) === contentHash) {
      prepared.push({ input, identity, contentHash, extraction: null });
      continue;
    }
    try {
      const extraction = extract(input.text, { file: input.source, ...(input.publishedAt ? { publishedAt: input.publishedAt } : {}) });
      prepared.push({ input, identity, contentHash, extraction });
    } catch (err) {
      diagnostics.push({ source: input.source, reason: `extraction failed: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  const articles = await store.transaction(async (tx) => {
    const added: AddedArticle[] = [];
    for (const { input, identity, contentHash, extraction } of prepared) {
      const { kind: _kind, ...fields } = input;
      const outcome: PutOutcome = extraction === null ? 'unchanged' : await tx.putArticle({ ...fields, identity, contentHash }, extraction);
      const id = await tx.articleId(identity);
      if (id === null) throw new Error(`server: article ${input.source} was stored but cannot be found`);
      added.push({ id, outcome, source: input.source, title: input.title, attributions: (await tx.attributions(id)).length });
    }
    return added;
  });
  return { articles, diagnostics };
}
