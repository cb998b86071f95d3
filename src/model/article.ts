/** An article as read, before extraction: the text plus what its page, feed or line said about it. */
export interface ArticleFields {
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
