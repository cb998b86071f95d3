/**
 * A span of the original text: half-open `[start, end)` UTF-16 offsets, so
 * `text.slice(start, end) === span.text`. A discontinuous span (a quote
 * interrupted by its cue) lists its `parts`; `start`/`end` then cover the
 * whole extent.
 */
export interface SpanPart {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A span of the original text, possibly made of several parts. */
export interface Span extends SpanPart {
  readonly parts?: readonly SpanPart[];
}

/** A bare offset pair, before the text is attached. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/** Makes a one-part span over `text`. Throws on offsets outside the text. */
export function createSpan(text: string, start: number, end: number): Span {
  if (!(start >= 0 && start <= end && end <= text.length)) {
    throw new RangeError(`span [${start}, ${end}) lies outside a text of length ${text.length}`);
  }
  return Object.freeze({ start, end, text: text.slice(start, end) });
}

/**
 * Makes a span from ranges that may be discontinuous: ranges are sorted,
 * merged where they touch or overlap, and `parts` is set only when more
 * than one remains.
 */
export function createSpanFromRanges(text: string, ranges: readonly Range[]): Span {
  if (ranges.length === 0) throw new RangeError('a span needs at least one range');
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number }[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ start: r.start, end: r.end });
  }
  const first = merged[0]!;
  const last = merged[merged.length - 1]!;
  const whole = createSpan(text, first.start, last.end);
  if (merged.length === 1) return whole;
  return Object.freeze({
    ...whole,
    parts: Object.freeze(merged.map((m) => createSpan(text, m.start, m.end))),
  });
}

/** The ranges a span covers: its parts, or itself. */
export function spanRanges(span: Span): readonly Range[] {
  return span.parts ?? [span];
}

/** A W3C-style quote selector: lets a stored span be re-anchored in a re-fetched text. */
export interface QuoteSelector {
  readonly exact: string;
  readonly prefix: string;
  readonly suffix: string;
}

/** The quote selector of a span, with `context` characters either side. */
export function quoteSelector(text: string, span: Range, context = 32): QuoteSelector {
  return Object.freeze({
    exact: text.slice(span.start, span.end),
    prefix: text.slice(Math.max(0, span.start - context), span.start),
    suffix: text.slice(span.end, span.end + context),
  });
}
