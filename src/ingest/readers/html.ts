import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { createArticleInput, createDiagnostic, type ArticleInput, type Diagnostic } from '../article-input.js';
import { normaliseDate } from '../publication-date.js';
import { htmlToText } from './html-text.js';

type Doc = ReturnType<typeof parseHTML>['document'];

/**
 * Reads an HTML article page: the main text by Readability (menus, footers
 * and other boilerplate dropped), and title, byline, date, outlet and
 * canonical URL from meta tags and JSON-LD, falling back to what Readability
 * found. `url` is where the page was fetched from, if it was.
 */
export function readHtml(source: string, html: string, url: string | null = null): ArticleInput | Diagnostic {
  let document: Doc;
  try {
    ({ document } = parseHTML(html));
  } catch (err) {
    return createDiagnostic(source, `malformed HTML: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!document.documentElement || !document.body) return createDiagnostic(source, 'malformed HTML: no document body');
  const ld = jsonLdArticle(document);
  const meta = (selector: string): string | null => {
    const v = document.querySelector(selector)?.getAttribute('content');
    return v && v.trim() !== '' ? v.trim() : null;
  };
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const metaTitle = meta('meta[property="og:title"]') ?? meta('meta[name="twitter:title"]') ?? str(ld?.['headline']);
  const metaByline = meta('meta[name="author"]') ?? meta('meta[property="article:author"]') ?? personName(ld?.['author']);
  const metaDate =
    meta('meta[property="article:published_time"]') ??
    meta('meta[name="date"]') ??
    meta('meta[name="pubdate"]') ??
    meta('meta[itemprop="datePublished"]') ??
    str(ld?.['datePublished']) ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    null;
  const metaOutlet = meta('meta[property="og:site_name"]') ?? meta('meta[name="application-name"]') ?? personName(ld?.['publisher']);
  const metaUrl = absolute(canonical, url) ?? absolute(meta('meta[property="og:url"]'), url) ?? url;

  let parsed: ReturnType<Readability['parse']>;
  try {
    parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  } catch (err) {
    return createDiagnostic(source, `malformed HTML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const text = dropBylineLine(parsed?.content ? htmlToText(parsed.content) : '');
  // A handful of words is a menu or a title, not an article.
  if (text.split(/\s+/).filter((w) => w !== '').length < 5) return createDiagnostic(source, 'no article text found in the HTML page');
  return createArticleInput({
    source,
    text,
    url: metaUrl,
    title: metaTitle ?? nonEmpty(parsed?.title) ?? nonEmpty(document.title),
    byline: metaByline ?? nonEmpty(parsed?.byline),
    outlet: metaOutlet ?? nonEmpty(parsed?.siteName),
    publishedAt: normaliseDate(metaDate) ?? normaliseDate(parsed?.publishedTime ?? null),
  });
}

/** Drops a leading "By Jane Doe" paragraph that Readability kept in the body: it is page furniture, not reporting. */
function dropBylineLine(text: string): string {
  const first = /^By [^\n]{1,80}\n\n/.exec(text);
  return first ? text.slice(first[0].length) : text;
}

const ARTICLE_TYPES = new Set(['Article', 'NewsArticle', 'ReportageNewsArticle', 'BlogPosting', 'AnalysisNewsArticle', 'OpinionNewsArticle']);

/** The first JSON-LD object on the page that describes an article. */
function jsonLdArticle(document: Doc): Record<string, unknown> | null {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const candidates: unknown[] = Array.isArray(data) ? data : [data];
    for (const c of candidates) {
      const graph = isRecord(c) && Array.isArray(c['@graph']) ? (c['@graph'] as unknown[]) : [c];
      for (const node of graph) {
        if (!isRecord(node)) continue;
        const type = node['@type'];
        const types = Array.isArray(type) ? type : [type];
        if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.has(t))) return node;
      }
    }
  }
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

function nonEmpty(v: string | null | undefined): string | null {
  return v && v.trim() !== '' ? v.trim() : null;
}

/** A JSON-LD author or publisher: a name, an object with a name, or a list of them. */
function personName(v: unknown): string | null {
  if (typeof v === 'string') return str(v);
  if (Array.isArray(v)) {
    const names = v.map(personName).filter((n): n is string => n !== null);
    return names.length > 0 ? names.join(', ') : null;
  }
  if (isRecord(v)) return str(v['name']);
  return null;
}

function absolute(href: string | null | undefined, base: string | null): string | null {
  if (!href) return null;
  try {
    return new URL(href, base ?? undefined).href;
  } catch {
    return null;
  }
}
