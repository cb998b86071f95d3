/** What a highlighted piece of text belongs to. */
export type Role = 'source' | 'cue' | 'content';

/** One role of one attribution, over one or more ranges of the text. */
export interface Mark {
  readonly id: number | string;
  readonly role: Role;
  readonly ranges: readonly { readonly start: number; readonly end: number }[];
}

/** A run of text covered by the same marks (none for plain text). */
export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly marks: readonly { readonly id: number | string; readonly role: Role }[];
}

/** Which role shows when roles overlap: the cue is innermost, then the source. */
const PRIORITY: Readonly<Record<Role, number>> = { cue: 3, source: 2, content: 1 };

/**
 * Cuts `length` characters of text into runs at every mark boundary, so each
 * run can be rendered as its own text node with the marks that cover it.
 * Offsets are the API's: half-open UTF-16 `[start, end)`.
 */
export function segments(length: number, marks: readonly Mark[]): Segment[] {
  const cuts = new Set<number>([0, length]);
  for (const m of marks) {
    for (const r of m.ranges) {
      cuts.add(Math.max(0, Math.min(length, r.start)));
      cuts.add(Math.max(0, Math.min(length, r.end)));
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    const covering = marks
      .filter((m) => m.ranges.some((r) => r.start <= start && end <= r.end))
      .map((m) => ({ id: m.id, role: m.role }))
      .sort((a, b) => PRIORITY[b.role] - PRIORITY[a.role]);
    out.push({ start, end, marks: covering });
  }
  return out;
}

/** The ranges of a span: its parts when it is discontinuous, else itself. */
export function rangesOf(span: { start: number; end: number; parts?: readonly { start: number; end: number }[] }): { start: number; end: number }[] {
  return span.parts && span.parts.length > 0 ? span.parts.map(({ start, end }) => ({ start, end })) : [{ start: span.start, end: span.end }];
}

/** Splits `text` where any of the query's words occur (case-insensitive), marking the matches. */
export function markWords(text: string, query: string): { text: string; hit: boolean }[] {
  const words = query
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) return [{ text, hit: false }];
  const re = new RegExp(`(${words.join('|')})`, 'giu');
  // With one capturing group, split puts the matches at the odd indices.
  return text
    .split(re)
    .map((p, i) => ({ text: p, hit: i % 2 === 1 }))
    .filter((p) => p.text !== '');
}
