import { createArticleInput, type ArticleInput } from '../article-input.js';

/** The ` date YYYY-MM-DD ` header that runs into the body of some plain-text articles. */
const DATE_HEADER = /^\s*date (\d{4}-\d{2}-\d{2}) /;

/**
 * Reads a plain-text article. The text is kept exactly as read (a date
 * header included) so stored offsets stay relative to the file; the header's
 * date becomes the publication date.
 */
export function readText(source: string, text: string): ArticleInput {
  const header = DATE_HEADER.exec(text);
  return createArticleInput({ source, text, publishedAt: header ? header[1]! : null });
}
