/**
 * Tokens with exact offsets, sentences and paragraphs. A hand-written
 * tokenizer rather than a general NLP toolkit: it is the hot path, and
 * attribution needs only words, punctuation and quote marks.
 */

/** The tokenized text: struct-of-arrays, indexed by token number. */
export interface Tokens {
  readonly text: string;
  readonly count: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly word: readonly string[];
  readonly lower: readonly string[];
  /** Sentence number of each token. */
  readonly sentence: Int32Array;
  /** Paragraph number of each token. */
  readonly paragraph: Int32Array;
  /** First token of each sentence, plus `count` at the end. */
  readonly sentenceStarts: Int32Array;
  /** First token of each paragraph, plus `count` at the end. */
  readonly paragraphStarts: Int32Array;
}

// Acronyms (U.S.), numbers with separators, words with inner apostrophes or hyphens, else one character.
const TOKEN = /(?:\p{Lu}\.){2,}|\p{N}+(?:[.,:]\p{N}+)*|[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*|\.{3}|-{2,}|\S/gu;
const CLITIC = /^(.*?\p{L})(n['’]t|['’](?:s|re|ve|ll|d|m))$/iu;

/** Abbreviations after which a period does not end a sentence. */
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof sen rep gov lt col gen sgt capt cmdr adm maj st jr sr vs etc inc corp co ltd no ' +
    'jan feb mar apr aug sept sep oct nov dec rev hon pres supt atty dist ft mt gop est approx dept univ ave blvd'
  ).split(' '),
);

const OPENERS = new Set(['“', '"', '‘', "'", '(', '[', '—']);
const CLOSERS = new Set(['”', '"', '’', "'", ')', ']']);

function isUpperStart(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  return s[0] !== s[0]!.toLowerCase();
}

/** Splits `text[from, to)` into tokens, sentences and paragraphs. */
export function tokenize(text: string, from = 0, to = text.length): Tokens {
  const starts: number[] = [];
  const ends: number[] = [];
  const words: string[] = [];
  TOKEN.lastIndex = from;
  const body = from === 0 && to === text.length ? text : text.slice(0, to);
  for (let m = TOKEN.exec(body); m !== null; m = TOKEN.exec(body)) {
    const w = m[0];
    const s = m.index;
    // Only a word with an apostrophe can end in a clitic: the regex is not run on the rest.
    const c = w.length > 2 && (w.includes("'") || w.includes('’')) ? CLITIC.exec(w) : null;
    if (c && c[1]!.length > 0) {
      const head = c[1]!;
      starts.push(s, s + head.length);
      ends.push(s + head.length, s + w.length);
      words.push(head, c[2]!);
    } else {
      starts.push(s);
      ends.push(s + w.length);
      words.push(w);
    }
  }
  const count = words.length;
  const start = Int32Array.from(starts);
  const end = Int32Array.from(ends);
  const lower = words.map((w) => w.toLowerCase());
  const sentence = new Int32Array(count);
  const paragraph = new Int32Array(count);
  const sentenceStarts: number[] = [];
  const paragraphStarts: number[] = [];
  let sent = -1;
  let para = -1;
  let pendingBreak = true;
  for (let i = 0; i < count; i++) {
    const newPara = i === 0 || hasNewline(text, end[i - 1]!, start[i]!);
    if (newPara) {
      para++;
      paragraphStarts.push(i);
      pendingBreak = true;
    }
    if (pendingBreak) {
      sent++;
      sentenceStarts.push(i);
      pendingBreak = false;
    }
    sentence[i] = sent;
    paragraph[i] = para;
    pendingBreak = endsSentence(words, lower, start, end, i, count);
  }
  sentenceStarts.push(count);
  paragraphStarts.push(count);
  return {
    text,
    count,
    start,
    end,
    word: words,
    lower,
    sentence,
    paragraph,
    sentenceStarts: Int32Array.from(sentenceStarts),
    paragraphStarts: Int32Array.from(paragraphStarts),
  };
}

function hasNewline(text: string, a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (text.charCodeAt(k) === 10) return true;
  return false;
}

/** Whether a sentence ends after token `i` (the break is taken before the next token). */
function endsSentence(
  words: readonly string[],
  lower: readonly string[],
  start: Int32Array,
  end: Int32Array,
  i: number,
  count: number,
): boolean {
  if (i + 1 >= count) return false;
  const w = words[i]!;
  let j = i;
  if (CLOSERS.has(w)) {
    // A closing quote or bracket straight after the terminator belongs to the sentence it closes.
    const prev = words[i - 1];
    if (prev !== '.' && prev !== '?' && prev !== '!' && prev !== '...' && prev !== '…') return false;
    if (start[i] !== end[i - 1]) return false;
    j = i - 1;
  } else if (w !== '.' && w !== '?' && w !== '!' && w !== '...' && w !== '…') {
    return false;
  }
  const next = words[i + 1]!;
  if (CLOSERS.has(next) && start[i + 1] === end[i]) return false;
  if (words[j] === '.' && j > 0) {
    const before = lower[j - 1]!;
    if (end[j - 1] === start[j]) {
      if (ABBREVIATIONS.has(before)) return false;
      // A lone capital (an initial) does not end a sentence.
      if (before.length === 1 && isUpperStart(words[j - 1]!)) return false;
    }
  }
  return isUpperStart(next) || OPENERS.has(next) || (next.charCodeAt(0) >= 48 && next.charCodeAt(0) <= 57);
}
