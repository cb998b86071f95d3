import type { JSX } from 'preact';
import type { ArticleRef } from '../api.js';
import { Link } from '../router.js';

/** A title for an article that may have none: its title, else the file or URL it came from. */
export function articleName(a: { title: string | null; source: string }): string {
  return a.title ?? a.source.replace(/^.*\//, '');
}

/** An external link only for http(s) URLs; anything else (`javascript:`…) is shown as text. */
export function SafeUrl({ url }: { url: string | null }): JSX.Element | null {
  if (url === null) return null;
  if (!/^https?:\/\//i.test(url)) return <span class="url">{url}</span>;
  return (
    <a class="url" href={url} rel="noopener noreferrer nofollow" target="_blank">
      {url}
    </a>
  );
}

/** Outlet and date of an article, as a line. */
export function ArticleLine({ article, at }: { article: ArticleRef; at?: number | string }): JSX.Element {
  return (
    <span class="article-line">
      <Link href={`/articles/${article.id}${at !== undefined ? `#a${at}` : ''}`}>{articleName(article)}</Link>
      {article.outlet ? <span class="outlet"> · {article.outlet}</span> : null}
      {article.publishedAt ? <time dateTime={article.publishedAt}> · {article.publishedAt}</time> : null}
    </span>
  );
}
