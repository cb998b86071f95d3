import type { ArticleFields } from '../model/index.js';

/**
 * One article as a reader found it, before extraction: the text plus what the
 * page, feed or line said about it. Readers make these; the batch loop
 * extracts and stores them.
 */
export interface ArticleInput extends ArticleFields {
  readonly kind: 'article-input';
}

/** A source that could not be read, with the reason; the batch goes on. */
export interface Diagnostic {
  readonly kind: 'diagnostic';
  readonly source: string;
  readonly reason: string;
  /** 1-based line, where the problem has one (JSON Lines). */
  readonly line?: number;
}

/** What reading one source gives: its articles and the problems met. */
export type ReadResult = readonly (ArticleInput | Diagnostic)[];

/** Makes a frozen article input; missing metadata becomes null. */
export function createArticleInput(
  fields: Pick<ArticleInput, 'source' | 'text'> & Partial<Omit<ArticleInput, 'kind' | 'source' | 'text'>>,
): ArticleInput {
  return Object.freeze({
    kind: 'article-input',
    source: fields.source,
    url: fields.url ?? null,
    title: fields.title ?? null,
    byline: fields.byline ?? null,
    outlet: fields.outlet ?? null,
    publishedAt: fields.publishedAt ?? null,
    text: fields.text,
    summaryOnly: fields.summaryOnly ?? false,
  });
}

/** Makes a frozen diagnostic. */
export function createDiagnostic(source: string, reason: string, line?: number): Diagnostic {
  return Object.freeze(line === undefined ? { kind: 'diagnostic', source, reason } : { kind: 'diagnostic', source, reason, line });
}

/** Whether a read result entry is a diagnostic. */
export function isDiagnostic(entry: ArticleInput | Diagnostic): entry is Diagnostic {
  return entry.kind === 'diagnostic';
}
