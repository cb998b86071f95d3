import type { Range } from '../model/index.js';

/**
 * A word as the reference scorer counts them: Python's Unicode `\w+`, which
 * is letters, every number category and `_`. Combining marks are not word
 * characters in Python, so a decomposed "é" (e + U+0301) ends a word there,
 * and must here too. (Checked code point by code point against Python 3.11;
 * characters assigned after its Unicode 14 may differ.)
 */
const WORD = /[\p{L}\p{N}_]+/gu;

/**
 * The word tokens inside `ranges` of `text`, each encoded as one number
 * (its start and end), so token sets compare and intersect cheaply.
 * Ranges are clipped to the text, like Python's `finditer(text, start, end)`.
 */
export function wordTokens(text: string, ranges: readonly Range[]): Set<number> {
  const tokens = new Set<number>();
  const stride = text.length + 1;
  for (const range of ranges) {
    const start = Math.max(0, Math.min(range.start, text.length));
    const end = Math.max(0, Math.min(range.end, text.length));
    if (start >= end) continue;
    for (const m of text.slice(start, end).matchAll(WORD)) {
      const from = start + m.index;
      tokens.add(from * stride + from + m[0].length);
    }
  }
  return tokens;
}

/** How many tokens two sets share. */
export function overlap(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const token of small) if (large.has(token)) n += 1;
  return n;
}
