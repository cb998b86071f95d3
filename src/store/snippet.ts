/**
 * Search snippets: a window of a content around the query's words, each
 * match in brackets ("… the [ferry] fares …"). Made here rather than by the
 * full-text index, whose snippet() runs the whole match again: on a large
 * record that cost as much as the ranking itself.
 */

const WORD = /[\p{L}\p{N}]+/gu;

/** A word as the full-text index compares it: case and diacritics folded. */
export function foldWord(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a search query, folded (quotes and operators dropped). */
export function queryWords(query: string): string[] {
  return [...query.matchAll(WORD)].map((m) => foldWord(m[0]));
}

/**
 * The `width`-word window of `content` holding the most distinct query
 * words (the earliest such), matches in brackets, an ellipsis where the
 * window cuts the content.
 */
export function snippet(content: string, words: readonly string[], width = 16): string {
  const wanted = new Set(words);
  const tokens = [...content.matchAll(WORD)].map((m) => {
    const folded = foldWord(m[0]);
    return { start: m.index, end: m.index + m[0].length, hit: wanted.has(folded) ? folded : null };
  });
  if (tokens.length === 0) return content;
  let best = 0;
  let bestScore = -1;
  for (let s = 0; s <= Math.max(0, tokens.length - width); s++) {
    const seen = new Set<string>();
    let hits = 0;
    for (let t = s; t < Math.min(tokens.length, s + width); t++) {
      const h = tokens[t]!.hit;
      if (h !== null) {
        seen.add(h);
        hits++;
      }
    }
    const score = seen.size * 1000 + hits;
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  const last = Math.min(tokens.length, best + width) - 1;
  let out = best > 0 ? '…' : '';
  let at = best > 0 ? tokens[best]!.start : 0;
  for (let t = best; t <= last; t++) {
    const tok = tokens[t]!;
    out += content.slice(at, tok.start);
    const text = content.slice(tok.start, tok.end);
    out += tok.hit !== null ? `[${text}]` : text;
    at = tok.end;
  }
  out += last < tokens.length - 1 ? content.slice(at, tokens[last + 1]!.start).trimEnd() + '…' : content.slice(at);
  return out;
}
