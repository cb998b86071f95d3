import { createDiagnostic, type ReadResult } from '../article-input.js';
import { decodeArticleBytes, DEFAULT_MAX_ARTICLE_BYTES } from '../../formats/index.js';
import { readJsonFeed, readXmlFeed } from './feed.js';
import { readHtml } from './html.js';
import { articleFromJson, readJsonLines } from './jsonl.js';
import { readText } from './text.js';

/** What the reader may know besides the bytes. */
export interface ReadHints {
  /** The URL the bytes were fetched from. */
  readonly url?: string | null;
  /** The HTTP `Content-Type`. */
  readonly contentType?: string | null;
  /** Largest input accepted, in bytes. */
  readonly maxBytes?: number;
}

/** The formats a source can be read as. */
export type SourceFormat = 'text' | 'html' | 'xml-feed' | 'json' | 'jsonl';

/** File extensions taken when a directory is walked; anything else there (brat `.ann`, images) is skipped. */
export const ARTICLE_EXTENSIONS: readonly string[] = Object.freeze([
  '.txt', '.text', '.html', '.htm', '.xhtml', '.xml', '.rss', '.atom', '.json', '.jsonl', '.ndjson',
]);

/**
 * Reads one source's bytes into articles, choosing the reader by content
 * first and then by extension or content type. Never throws for bad input:
 * every problem is a diagnostic.
 */
export function readSource(source: string, bytes: Uint8Array, hints: ReadHints = {}): ReadResult {
  const decoded = decodeArticleBytes(bytes, source, { maxBytes: hints.maxBytes ?? DEFAULT_MAX_ARTICLE_BYTES });
  if (decoded.kind === 'diagnostic') return [createDiagnostic(source, decoded.reason)];
  // Plain text keeps a byte-order mark so offsets match other readers of the file; markup and JSON drop it.
  const raw = decoded.text;
  const text = raw.replace(/^\uFEFF/, '');
  switch (detectFormat(source, text, hints.contentType ?? null)) {
    case 'html':
      return [readHtml(source, text, hints.url ?? null)];
    case 'xml-feed':
      return readXmlFeed(source, text);
    case 'jsonl':
      return readJsonLines(source, text);
    case 'json':
      return readJson(source, text);
    case 'text': {
      const article = readText(source, raw);
      return [hints.url ? { ...article, url: hints.url } : article];
    }
  }
}

/** The reason given for JSON that is neither a feed nor an article. */
export const NOT_A_FEED = 'not RSS, Atom or JSON Feed, nor an article object';

/** Which reader a source needs. Content wins over the name: a feed saved as `.txt` is still a feed. */
export function detectFormat(source: string, text: string, contentType: string | null): SourceFormat {
  const head = text.slice(0, 2048).trimStart();
  const lower = head.toLowerCase();
  const ext = extensionOf(source);
  const type = (contentType ?? '').toLowerCase();
  if (lower.startsWith('<!doctype html') || lower.startsWith('<html') || type.includes('text/html')) return 'html';
  if (lower.startsWith('<?xml') || lower.startsWith('<rss') || lower.startsWith('<feed') || lower.startsWith('<rdf:rdf') || lower.startsWith('<!doctype')) {
    return /<html[\s>]/i.test(head) ? 'html' : 'xml-feed';
  }
  if (ext === '.jsonl' || ext === '.ndjson' || type.includes('ndjson') || type.includes('jsonl')) return 'jsonl';
  if (head.startsWith('{') || head.startsWith('[')) {
    const firstLine = head.split('\n', 1)[0] ?? '';
    // One object per line is JSON Lines; a document spread over lines is JSON.
    return firstLine.trim().endsWith('}') && text.trim().split('\n').length > 1 ? 'jsonl' : 'json';
  }
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html';
  if (ext === '.xml' || ext === '.rss' || ext === '.atom') return 'xml-feed';
  if (head.startsWith('<') && /<(p|div|body|article)[\s>]/i.test(head)) return 'html';
  return 'text';
}

function readJson(source: string, text: string): ReadResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [createDiagnostic(source, 'not valid JSON')];
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    if (typeof o['version'] === 'string' && o['version'].startsWith('https://jsonfeed.org/version/')) return readJsonFeed(source, o);
    if (typeof o['text'] === 'string') return [articleFromJson(source, o)];
  }
  return [createDiagnostic(source, NOT_A_FEED)];
}

function extensionOf(source: string): string {
  const path = source.replace(/[?#].*$/, '');
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash ? path.slice(dot).toLowerCase() : '';
}
