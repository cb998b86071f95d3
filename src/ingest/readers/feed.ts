import { createArticleInput, createDiagnostic, type ArticleInput, type Diagnostic, type ReadResult } from '../article-input.js';
import { normaliseDate } from '../publication-date.js';
import { htmlToText } from './html-text.js';
import { parseXml, textOf } from './xml.js';

type Node = Record<string, unknown>;

/**
 * Reads an RSS 2.0, RSS 1.0 (RDF) or Atom feed: each item becomes an article
 * with the feed's title as outlet. An item with full content keeps it as its
 * text; one with only a summary keeps the summary and its link, marked
 * `summaryOnly`.
 */
export function readXmlFeed(source: string, xml: string): ReadResult {
  const parsed = parseXml(xml);
  if (!parsed.ok) return [createDiagnostic(source, parsed.reason)];
  const doc = parsed.doc;
  const rss = record(doc['rss']);
  if (rss) {
    const channel = record(first(rss['channel']));
    if (!channel) return [createDiagnostic(source, 'RSS feed without a channel')];
    return items(source, list(channel['item']), textOf(channel['title']), rssItem);
  }
  const rdf = record(doc['rdf:RDF']);
  if (rdf) {
    const channel = record(first(rdf['channel']));
    return items(source, list(rdf['item']), textOf(channel?.['title']), rssItem);
  }
  const feed = record(doc['feed']);
  if (feed) return items(source, list(feed['entry']), textOf(feed['title']), atomEntry);
  return [createDiagnostic(source, 'not RSS, Atom or JSON Feed')];
}

/** Reads a JSON Feed (version 1 or 1.1) already parsed from JSON. */
export function readJsonFeed(source: string, feed: Node): ReadResult {
  const outlet = typeof feed['title'] === 'string' ? feed['title'] : null;
  return items(source, list(feed['items']), outlet, (item, out) => {
    const html = str(item['content_html']);
    const plain = str(item['content_text']);
    const summary = str(item['summary']);
    const body = plain ?? (html ? htmlToText(html) : null);
    const authors = list(item['authors'] ?? item['author'])
      .map((a) => str(record(a)?.['name']))
      .filter((n): n is string => n !== null);
    return {
      url: str(item['url']) ?? str(item['external_url']) ?? null,
      title: str(item['title']),
      byline: authors.length > 0 ? authors.join(', ') : null,
      outlet: out,
      publishedAt: normaliseDate(item['date_published']),
      text: body ?? summary ?? '',
      summaryOnly: body === null || body.trim() === '',
    };
  });
}

interface ItemFields {
  url: string | null;
  title: string | null;
  byline: string | null;
  outlet: string | null;
  publishedAt: string | null;
  text: string;
  summaryOnly: boolean;
}

function items(
  source: string,
  nodes: readonly unknown[],
  outlet: string | null,
  read: (item: Node, outlet: string | null) => ItemFields,
): ReadResult {
  if (nodes.length === 0) return [createDiagnostic(source, 'feed has no items')];
  const out: (ArticleInput | Diagnostic)[] = [];
  nodes.forEach((n, i) => {
    const itemSource = `${source}#${i + 1}`;
    const item = record(n);
    if (!item) {
      out.push(createDiagnostic(itemSource, 'feed item is not an element'));
      return;
    }
    const fields = read(item, outlet === null ? null : outlet.trim() || null);
    if (fields.text.trim() === '') {
      out.push(createDiagnostic(itemSource, 'feed item has neither content nor summary'));
      return;
    }
    out.push(createArticleInput({ source: itemSource, ...fields }));
  });
  return out;
}

function rssItem(item: Node, outlet: string | null): ItemFields {
  const content = textOf(item['content:encoded']);
  const description = textOf(item['description']);
  const body = content && content.trim() !== '' ? htmlToText(content) : null;
  const guid = record(item['guid']);
  const guidIsLink = guid ? guid['@isPermaLink'] !== 'false' : false;
  const guidText = textOf(item['guid']);
  return {
    url: textOf(item['link'])?.trim() || (guidIsLink && guidText?.startsWith('http') ? guidText : null),
    title: clean(textOf(item['title'])),
    byline: clean(textOf(item['dc:creator']) ?? textOf(item['author'])),
    outlet,
    publishedAt: normaliseDate(textOf(item['pubDate']) ?? textOf(item['dc:date'])),
    text: body ?? (description ? htmlToText(description) : ''),
    summaryOnly: body === null,
  };
}

function atomEntry(entry: Node, outlet: string | null): ItemFields {
  const links = list(entry['link']).map(record).filter((l): l is Node => l !== null);
  const alternate = links.find((l) => l['@rel'] === undefined || l['@rel'] === 'alternate');
  const content = atomText(entry['content']);
  const summary = atomText(entry['summary']);
  const author = record(first(entry['author']));
  return {
    url: str(alternate?.['@href']),
    title: clean(atomText(entry['title'])),
    byline: clean(textOf(author?.['name'])),
    outlet,
    publishedAt: normaliseDate(textOf(entry['published']) ?? textOf(entry['updated'])),
    text: content ?? summary ?? '',
    summaryOnly: content === null,
  };
}

/** An Atom text construct: plain text, or (type="html"/"xhtml") markup to read as text. */
function atomText(node: unknown): string | null {
  const text = textOf(node);
  if (text === null || text.trim() === '') return null;
  const type = record(node)?.['@type'];
  return type === 'html' || type === 'xhtml' ? htmlToText(text) : text.trim();
}

function record(v: unknown): Node | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Node) : null;
}

function list(v: unknown): readonly unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

function clean(v: string | null): string | null {
  if (v === null) return null;
  const s = v.replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
}
