import { quoteSelector, spanRanges, type Attribution, type Range } from '../../model/index.js';
import type { StoredSpan } from '../store.js';
import type { SqlValue } from './sql-client.js';

/**
 * An attribution's spans live in its own row: offsets in columns, the cue's
 * and source's words for result lists, and the parts of discontinuous spans
 * as JSON. Quote selectors are not stored: the article text is, and a
 * selector is three slices of it.
 */
export const SPAN_COLUMNS = ['content_start', 'content_end', 'cue_start', 'cue_end', 'cue', 'source_start', 'source_end', 'source', 'parts'] as const;

/** The span columns of an attribution row as stored. */
export interface SpanColumnsRow {
  content_start: number | null;
  content_end: number | null;
  cue_start: number | null;
  cue_end: number | null;
  source_start: number | null;
  source_end: number | null;
  parts: string | null;
}

type Role = 'content' | 'cue' | 'source';

/** The values of {@link SPAN_COLUMNS}, in order, for an attribution. */
export function spanColumnValues(a: Pick<Attribution, 'content' | 'cue' | 'source'>): SqlValue[] {
  const parts: Partial<Record<Role, [number, number][]>> = {};
  for (const role of ['content', 'cue', 'source'] as const) {
    const span = a[role];
    if (span?.parts) parts[role] = spanRanges(span).map((p) => [p.start, p.end]);
  }
  return [
    a.content.start,
    a.content.end,
    a.cue.start,
    a.cue.end,
    a.cue.text,
    a.source?.start ?? null,
    a.source?.end ?? null,
    a.source?.text ?? null,
    Object.keys(parts).length > 0 ? JSON.stringify(parts) : null,
  ];
}

/** A stored span over `text`, with its selector. */
export function storedSpan(text: string, range: Range, parts?: readonly (readonly [number, number])[]): StoredSpan {
  const selector = quoteSelector(text, range);
  const base = { start: range.start, end: range.end, text: selector.exact, selector };
  if (!parts) return base;
  return { ...base, parts: parts.map(([start, end]) => ({ start, end, text: text.slice(start, end) })) };
}

/** The spans of a stored attribution row over its article's `text`. */
export function spansFromColumns(row: SpanColumnsRow, text: string): { content: StoredSpan; cue: StoredSpan; source: StoredSpan | null } {
  const parts = row.parts === null ? {} : (JSON.parse(row.parts) as Partial<Record<Role, [number, number][]>>);
  // A row written without spans (by hand, or before spans were kept) reads as empty spans at the start.
  const range = (start: number | null, end: number | null): Range => ({ start: start ?? 0, end: end ?? 0 });
  return {
    content: storedSpan(text, range(row.content_start, row.content_end), parts.content),
    cue: storedSpan(text, range(row.cue_start, row.cue_end), parts.cue),
    source: row.source_start === null || row.source_end === null ? null : storedSpan(text, range(row.source_start, row.source_end), parts.source),
  };
}

/**
 * The rows of the old `spans` table (schema version 4 and before) for an
 * attribution row: what migrating down rebuilds.
 */
export function legacySpanRows(attributionId: number, row: SpanColumnsRow, text: string): SqlValue[][] {
  const spans = spansFromColumns(row, text);
  const kept = { content: row.content_start !== null, cue: row.cue_start !== null, source: row.source_start !== null };
  return (['content', 'cue', 'source'] as const).flatMap((role) => {
    const span = spans[role];
    if (span === null || !kept[role]) return [];
    const parts = span.parts ? JSON.stringify(span.parts.map((p) => [p.start, p.end])) : null;
    return [[attributionId, role, span.start, span.end, span.selector.exact, span.selector.prefix, span.selector.suffix, parts]];
  });
}
