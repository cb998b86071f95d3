import { createHash } from 'node:crypto';
import type { ArticleInput } from './article-input.js';

/** Text as compared for identity: Unicode NFC, white space collapsed, trimmed. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** An article's identity: its URL where known, else a hash of its normalised text. */
export function articleIdentity(article: ArticleInput): string {
  if (article.url) return article.url;
  return `sha256:${createHash('sha256').update(normaliseText(article.text)).digest('hex')}`;
}

/** A fingerprint of everything stored about an article: when it changes, the article is re-extracted. */
export function articleContentHash(article: ArticleInput): string {
  const { text, title, byline, outlet, publishedAt, url, summaryOnly } = article;
  return createHash('sha256').update(JSON.stringify([text, title, byline, outlet, publishedAt, url, summaryOnly])).digest('hex');
}
