import { createArticleInput, createDiagnostic, type ArticleInput, type Diagnostic, type ReadResult } from '../article-input.js';
import { normaliseDate } from '../publication-date.js';

/**
 * Reads JSON Lines: one article `{url, outlet, publishedAt, title, text}` per
 * line. A bad line is a diagnostic with its line number; the others are read.
 */
export function readJsonLines(source: string, text: string): ReadResult {
  const out: (ArticleInput | Diagnostic)[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const n = i + 1;
    const itemSource = `${source}#${n}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      out.push(createDiagnostic(itemSource, 'not valid JSON', n));
      return;
    }
    out.push(articleFromJson(itemSource, value, n));
  });
  if (out.length === 0) out.push(createDiagnostic(source, 'empty'));
  return out;
}

/** One article object as JSON Lines carries it; anything without a text is a diagnostic. */
export function articleFromJson(source: string, value: unknown, line?: number): ArticleInput | Diagnostic {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return createDiagnostic(source, 'not a JSON object', line);
  }
  const o = value as Record<string, unknown>;
  const text = o['text'];
  if (typeof text !== 'string' || text.trim() === '') return createDiagnostic(source, 'no "text" field', line);
  return createArticleInput({
    source,
    text,
    url: str(o['url']),
    title: str(o['title']),
    byline: str(o['byline']),
    outlet: str(o['outlet']),
    publishedAt: normaliseDate(o['publishedAt']),
  });
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}
