import { createSpanFromRanges, spanRanges } from '../model/index.js';
import type { Extraction, Range, Span } from '../model/index.js';

/**
 * One brat `E` line as the reference scorer reads it: the ranges of its
 * Content, Cue and Source arguments (empty when the argument is absent),
 * as UTF-16 offsets into the text.
 */
export interface BratEvent {
  readonly content: readonly Range[];
  readonly cue: readonly Range[];
  readonly source: readonly Range[];
}

/** One attribution read back from a `.ann` file, as spans of the text. */
export interface BratAttribution {
  readonly content: Span | null;
  readonly cue: Span | null;
  readonly source: Span | null;
}

/**
 * Converts between UTF-16 offsets and brat's: brat and the reference scorer
 * are Python, whose offsets count code points of the text read with
 * universal newlines (`\r\n` is one character). Both agree with UTF-16 on
 * text without astral characters or carriage returns, the common case.
 */
interface OffsetMap {
  toBrat(offset: number): number;
  fromBrat(offset: number): number;
}

const IDENTITY: OffsetMap = Object.freeze({ toBrat: (o: number) => o, fromBrat: (o: number) => o });

function offsetMap(text: string): OffsetMap {
  if (!/[\r\uD800-\uDFFF]/.test(text)) return IDENTITY;
  const toRef = new Int32Array(text.length + 1);
  let ref = 0;
  for (let i = 0; i < text.length; ref += 1) {
    toRef[i] = ref;
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    const twoUnits = (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) || (c === 13 && next === 10);
    if (twoUnits) toRef[i + 1] = ref;
    i += twoUnits ? 2 : 1;
  }
  toRef[text.length] = ref;
  const fromRef = new Int32Array(ref + 1);
  // Descending, so each brat offset ends on the first UTF-16 unit of its character.
  for (let i = text.length; i >= 0; i -= 1) fromRef[toRef[i] ?? 0] = i;
  const length = text.length;
  return {
    // Offsets past the end stay past it: the scorer clips them, so must we.
    toBrat: (o) => (o <= length ? (toRef[o] ?? 0) : ref + (o - length)),
    fromBrat: (r) => (r <= ref ? (fromRef[r] ?? 0) : length + (r - ref)),
  };
}

/** The events {@link toBrat} writes for an extraction, as UTF-16 ranges (what a scorer compares). */
export function toBratEvents(extraction: Extraction): BratEvent[] {
  const ranges = (span: Span | null): Range[] => (span ? spanRanges(span).map(({ start, end }) => ({ start, end })) : []);
  return extraction.attributions.map((a) => ({ content: ranges(a.content), cue: ranges(a.cue), source: ranges(a.source) }));
}

/**
 * Writes an extraction as PolNeAR-style brat standoff: per attribution, `T`
 * lines for Source (when there is one), Cue, Content and the Attribution
 * trigger (over the cue, as PolNeAR places it), joined by an `E` line.
 * Sourceless attributions use PolNeAR's `Attribution-no-source` type.
 * `text` is the article the spans point into: offsets are written in brat's
 * convention, so the file scores correctly with `brat-eval.py`.
 */
export function toBrat(extraction: Extraction, text: string): string {
  const map = offsetMap(text);
  const lines: string[] = [];
  let t = 0;
  const textBound = (type: string, span: Span): string => {
    t += 1;
    const parts = spanRanges(span);
    const offsets = parts.map((p) => `${map.toBrat(p.start)} ${map.toBrat(p.end)}`).join(';');
    const words = (span.parts ?? [span]).map((p) => p.text).join(' ').replace(/\r\n|[\r\n]/g, ' ');
    lines.push(`T${t}\t${type} ${offsets}\t${words}`);
    return `T${t}`;
  };
  extraction.attributions.forEach((a, i) => {
    const source = a.source ? textBound('Source', a.source) : null;
    const cue = textBound('Cue', a.cue);
    const content = textBound('Content', a.content);
    const trigger = source ? 'Attribution' : 'Attribution-no-source';
    const head = textBound(trigger, a.cue);
    const sourceArg = source ? ` Source:${source}` : '';
    lines.push(`E${i + 1}\t${trigger}:${head} Content:${content} Cue:${cue}${sourceArg}`);
  });
  return lines.map((line) => `${line}\n`).join('');
}

// The reference scorer's own patterns (brat-eval.py), so both read the same lines.
const T_LINE = /^(T\d+)\t(\S+) ([\d ;]+)\t/;
const E_LINE = /^(E\d+)\t/;

/**
 * Reads the events of a `.ann` file exactly as the reference scorer does:
 * only `E` lines count (so Discard/Discuss spans and `#` notes drop out);
 * an argument's trailing digits are ignored (`Content2` stands for
 * `Content`, the last one winning); a reference to an unknown `T` is empty.
 * Throws a SyntaxError naming the line when a used `T` line's offsets are
 * malformed (the reference scorer fails on those too).
 */
export function parseBratRanges(ann: string, text: string): BratEvent[] {
  const map = offsetMap(text);
  const spans = new Map<string, Range[] | string>();
  const events: Map<string, string>[] = [];
  // Python reads the file with universal newlines.
  ann.split(/\r\n|\r|\n/).forEach((line, index) => {
    const t = T_LINE.exec(line);
    if (t) {
      const [, id = '', , offsets = ''] = t;
      spans.set(id, parseOffsets(offsets, map) ?? `line ${index + 1}: ${id} has malformed offsets '${offsets.trim()}'`);
      return;
    }
    const e = E_LINE.exec(line);
    if (!e) return;
    const args = new Map<string, string>();
    for (const arg of line.slice(e[0].length).split(/\s+/)) {
      const colon = arg.indexOf(':');
      if (colon >= 0) args.set(arg.slice(0, colon).replace(/\d+$/, ''), arg.slice(colon + 1));
    }
    events.push(args);
  });
  const get = (args: Map<string, string>, role: string): Range[] => {
    const id = args.get(role);
    const ranges = id === undefined ? undefined : spans.get(id);
    if (typeof ranges === 'string') throw new SyntaxError(ranges);
    return ranges ?? [];
  };
  return events.map((args) => ({
    content: get(args, 'Content'),
    cue: get(args, 'Cue'),
    source: get(args, 'Source'),
  }));
}

function parseOffsets(offsets: string, map: OffsetMap): Range[] | null {
  const ranges: Range[] = [];
  for (const fragment of offsets.split(';')) {
    const numbers = fragment.split(' ').filter((s) => s !== '');
    if (numbers.length !== 2) return null;
    const [start = 0, end = 0] = numbers.map((n) => map.fromBrat(Number(n)));
    ranges.push({ start, end });
  }
  return ranges;
}

/**
 * Reads a `.ann` file's attributions as spans of `text` (what an annotator
 * marked), one per `E` line, in file order. Ranges are clipped to the text;
 * an absent argument, or one with nothing left inside the text, is `null`.
 */
export function parseBrat(ann: string, text: string): BratAttribution[] {
  const toSpan = (ranges: readonly Range[]): Span | null => {
    const inside = ranges
      .map((r) => ({ start: Math.min(r.start, text.length), end: Math.min(r.end, text.length) }))
      .filter((r) => r.start < r.end);
    return inside.length > 0 ? createSpanFromRanges(text, inside) : null;
  };
  return parseBratRanges(ann, text).map((e) => ({
    content: toSpan(e.content),
    cue: toSpan(e.cue),
    source: toSpan(e.source),
  }));
}
