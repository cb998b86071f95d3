import type { Quotes } from './find-quotes.js';
import { CUE_WORDS } from './lexicons/cue-words.js';
import { PRONOUNS } from './lexicons/pronouns.js';
import { TITLE_WORDS } from './lexicons/titles.js';
import { wordClass } from './lexicons/word-classes.js';
import { hashString, mix } from './tagger/hash.js';
import type { Tokens } from './tokenize.js';

/** Per-token feature hashes that do not depend on any cue: computed once per article. */
export interface TokenFeatures {
  /** Lower-cased word. */
  readonly word: Uint32Array;
  /** Compressed shape (Xx, x, X, d, punctuation itself). */
  readonly shape: Uint32Array;
  /** Last three letters. */
  readonly suffix: Uint32Array;
  /** Lexical class: cue class, pronoun, title, capitalised, punctuation, other. */
  readonly lex: Uint32Array;
  /** Quote state: inside or outside, and whether the token is a mark. */
  readonly quote: Uint32Array;
  /** Distributional classes of the word (fine and coarse), so rare cues borrow from common ones. */
  readonly cls: Uint32Array;
  readonly coarse: Uint32Array;
  /** Raw class codes (see `LEX`), for rules that need them. */
  readonly lexCode: Uint8Array;
  /** Previous word with this word; this word with the next; the lexical classes of both neighbours with this one. */
  readonly bigramLeft: Uint32Array;
  readonly bigramRight: Uint32Array;
  readonly lexTrigram: Uint32Array;
}

/** Lexical class codes. */
export const LEX = Object.freeze({
  other: 0,
  speech: 1,
  belief: 2,
  noun: 3,
  according: 4,
  pronoun: 5,
  title: 6,
  capitalized: 7,
  punct: 8,
  quoteMark: 9,
  number: 10,
  that: 11,
});

const LEX_HASHES = Array.from({ length: 12 }, (_, i) => hashString(`lex:${i}`));
const QUOTE_HASHES = Array.from({ length: 6 }, (_, i) => hashString(`q:${i}`));

const cache = new Map<string, readonly [number, number, number, number, number]>();

function shapeOf(w: string): string {
  let out = '';
  let prev = '';
  for (let i = 0; i < w.length && out.length < 6; i++) {
    const ch = w[i]!;
    let c: string;
    if (ch >= '0' && ch <= '9') c = 'd';
    else if (ch.toLowerCase() !== ch) c = 'X';
    else if (ch.toUpperCase() !== ch) c = 'x';
    else c = ch;
    if (c !== prev) out += c;
    prev = c;
  }
  return out;
}

/** Word, shape, suffix and class hashes of a word, memoised: the vocabulary of news is small. */
function wordHashes(w: string, lower: string): readonly [number, number, number, number, number] {
  let h = cache.get(w);
  if (h === undefined) {
    const c = wordClass(lower);
    const shape = shapeOf(w);
    h = [
      hashString(`w:${lower}`),
      hashString(`s:${shape}`),
      hashString(`x:${lower.slice(-3)}`),
      c ? hashString(`c:${c.fine}`) : hashString(`c?:${shape}`),
      c ? hashString(`k:${c.coarse}`) : hashString(`k?:${shape}`),
    ];
    if (cache.size > 200_000) cache.clear();
    cache.set(w, h);
  }
  return h;
}

function lexClass(w: string, lower: string, sentenceInitial: boolean): number {
  const cue = CUE_WORDS.get(lower);
  if (cue !== undefined) return LEX[cue];
  if (lower === 'that') return LEX.that;
  if (PRONOUNS.has(lower)) return LEX.pronoun;
  if (TITLE_WORDS.has(lower)) return LEX.title;
  const c = w.charCodeAt(0);
  if (w === '“' || w === '”' || w === '"') return LEX.quoteMark;
  if (c >= 48 && c <= 57) return LEX.number;
  if (w.length === 1 && !/[\p{L}\p{N}]/u.test(w)) return LEX.punct;
  if (!sentenceInitial && w[0] !== w[0]!.toLowerCase()) return LEX.capitalized;
  return LEX.other;
}

/** Computes the cue-independent features of every token. */
export function tokenFeatures(tokens: Tokens, quotes: Quotes): TokenFeatures {
  const n = tokens.count;
  const word = new Uint32Array(n);
  const shape = new Uint32Array(n);
  const suffix = new Uint32Array(n);
  const lex = new Uint32Array(n);
  const quote = new Uint32Array(n);
  const lexCode = new Uint8Array(n);
  const cls = new Uint32Array(n);
  const coarse = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const w = tokens.word[i]!;
    const l = tokens.lower[i]!;
    const h = wordHashes(w, l);
    word[i] = h[0];
    shape[i] = h[1];
    suffix[i] = h[2];
    cls[i] = h[3];
    coarse[i] = h[4];
    const initial = i === 0 || tokens.sentence[i - 1] !== tokens.sentence[i];
    const code = lexClass(w, l, initial);
    lexCode[i] = code;
    lex[i] = LEX_HASHES[code]!;
    const inside = quotes.region[i]! >= 0 ? 3 : 0;
    quote[i] = QUOTE_HASHES[inside + quotes.mark[i]!]!;
  }
  const bigramLeft = new Uint32Array(n);
  const bigramRight = new Uint32Array(n);
  const lexTrigram = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const wm1 = i > 0 ? word[i - 1]! : 0;
    const wp1 = i + 1 < n ? word[i + 1]! : 0;
    bigramLeft[i] = mix(wm1, word[i]!);
    bigramRight[i] = mix(word[i]!, wp1);
    lexTrigram[i] = mix(mix(i > 0 ? lex[i - 1]! : 0, lex[i]!), i + 1 < n ? lex[i + 1]! : 0);
  }
  return { word, shape, suffix, lex, quote, cls, coarse, lexCode, bigramLeft, bigramRight, lexTrigram };
}
