/**
 * One article as a reader found it, before extraction: the text plus what the
 * page, feed or line said about it. Readers make these; the batch loop
 * extracts and stores them.
 */
export interface ArticleInput {
  readonly kind: 'article-input';
  /** Where it came from: a path, a URL, `-` for stdin, with `#n` for the n-th item of a feed or line of JSON Lines. */
  readonly source: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly byline: string | null;
  readonly outlet: string | null;
  /** `YYYY-MM-DD` or null. */
  readonly publishedAt: string | null;
  /** The text as read; spans are offsets into it. */
  readonly text: string;
  /** True when a feed gave only a summary of the article, not its body. */
  readonly summaryOnly: boolean;
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
