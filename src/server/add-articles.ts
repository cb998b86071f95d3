import { articleIdentity, isDiagnostic, prepareArticle, type ArticleInput, type Diagnostic, type PreparedArticle, type ReadResult } from '../ingest/index.js';
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

/**
 * Extracts and stores what a reader found in one request the way `ingest`
 * does for files: an article already stored with the same content is left
 * alone, a changed one is replaced, and all are written in one transaction.
 * Extraction runs before the transaction so the write lock is held briefly.
 */
export async function addArticles(store: Store, read: ReadResult): Promise<AddResult> {
  const diagnostics = read.filter(isDiagnostic).map(({ source, reason }) => ({ source, reason }));
  const prepared: { input: ArticleInput; ready: PreparedArticle | 'unchanged' }[] = [];
  for (const input of read.filter((r): r is ArticleInput => !isDiagnostic(r))) {
    const ready = await prepareArticle(store, input);
    if (ready !== 'unchanged' && ready.kind === 'diagnostic') diagnostics.push({ source: ready.source, reason: ready.reason });
    else prepared.push({ input, ready });
  }
  const articles = await store.transaction(async (tx) => {
    const added: AddedArticle[] = [];
    for (const { input, ready } of prepared) {
      const outcome: PutOutcome = ready === 'unchanged' ? 'unchanged' : await tx.putArticle(ready.article, ready.extraction);
      const id = await tx.articleId(articleIdentity(input));
      if (id === null) throw new Error(`server: article ${input.source} was stored but cannot be found`);
      added.push({ id, outcome, source: input.source, title: input.title, attributions: (await tx.attributions(id)).length });
    }
    return added;
  });
  return { articles, diagnostics };
}
