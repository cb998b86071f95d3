import type { Document } from './document.js';
import { type FeatureSequence, type LinearChain, emissions, viterbi } from './tagger/linear-chain.js';
import { hashString, mix, mix3 } from './tagger/hash.js';

/** The cue tagger's tags. */
export const CUE_TAGS: readonly string[] = Object.freeze(['O', 'B-CUE', 'I-CUE']);

/** A cue as a token range `[start, end)`. */
export interface TokenRange {
  readonly start: number;
  readonly end: number;
}

const CUE_TEMPLATES = 45;
const T = Array.from({ length: CUE_TEMPLATES }, (_, i) => hashString(`cue-template:${i}`));
const BOUNDARY = hashString('<s>');
const SENT_START = hashString('sent-start');
const SENT_END = hashString('sent-end');

/** Features of every token for cue tagging: a window of words, shapes, lexical and quote classes. */
export function cueFeatures(doc: Document): FeatureSequence {
  const { tokens, features: f } = doc;
  const n = tokens.count;
  const feats = new Uint32Array(n * CUE_TEMPLATES);
  const offsets = new Int32Array(n + 1);
  let k = 0;
  const at = (arr: Uint32Array, i: number): number => (i >= 0 && i < n ? arr[i]! : BOUNDARY);
  const sentenceHasQuote = new Uint8Array(tokens.sentenceStarts.length);
  for (let i = 0; i < n; i++) if (doc.quotes.region[i]! >= 0) sentenceHasQuote[tokens.sentence[i]!] = 1;
  // Inside quotation marks is what someone said, never a cue (0.3% of PolNeAR's cue tokens):
  // those tokens get no features and may only be O, which saves a fifth of the work.
  const tagMask = new Uint8Array(n * 3).fill(1);
  for (let i = 0; i < n; i++) {
    offsets[i] = k;
    if (doc.quotes.region[i]! >= 0) {
      tagMask[i * 3 + 1] = 0;
      tagMask[i * 3 + 2] = 0;
      continue;
    }
    const w0 = f.word[i]!;
    const wm1 = at(f.word, i - 1);
    const wp1 = at(f.word, i + 1);
    const l0 = f.lex[i]!;
    const lm1 = at(f.lex, i - 1);
    const lp1 = at(f.lex, i + 1);
    const q0 = f.quote[i]!;
    feats[k++] = T[0]!;
    feats[k++] = mix(T[1]!, w0);
    feats[k++] = mix(T[2]!, wm1);
    feats[k++] = mix(T[3]!, wp1);
    feats[k++] = mix(T[4]!, at(f.word, i - 2));
    feats[k++] = mix(T[5]!, at(f.word, i + 2));
    feats[k++] = mix(T[6]!, f.shape[i]!);
    feats[k++] = mix(T[7]!, f.suffix[i]!);
    feats[k++] = mix(T[8]!, l0);
    feats[k++] = mix(T[9]!, lm1);
    feats[k++] = mix(T[10]!, lp1);
    feats[k++] = mix(T[11]!, q0);
    feats[k++] = mix(T[12]!, f.bigramLeft[i]!);
    feats[k++] = mix(T[13]!, f.bigramRight[i]!);
    feats[k++] = mix3(T[14]!, l0, q0);
    feats[k++] = mix3(T[15]!, w0, q0);
    feats[k++] = mix(T[16]!, f.lexTrigram[i]!);
    feats[k++] = mix(T[17]!, at(f.quote, i - 1));
    feats[k++] = mix(T[18]!, at(f.quote, i + 1));
    feats[k++] = mix3(T[19]!, at(f.shape, i - 1), at(f.shape, i + 1));
    const first = i === 0 || tokens.sentence[i - 1] !== tokens.sentence[i];
    const last = i === n - 1 || tokens.sentence[i + 1] !== tokens.sentence[i];
    feats[k++] = mix3(T[20]!, first ? SENT_START : last ? SENT_END : 0, l0);
    feats[k++] = mix3(T[21]!, w0, lp1);
    feats[k++] = mix3(T[22]!, lm1, w0);
    feats[k++] = mix3(T[23]!, at(f.word, i - 2), wm1);
    feats[k++] = mix3(T[24]!, l0, wp1);
    feats[k++] = mix3(T[25]!, l0, at(f.word, i + 2));
    // A subject-like word (pronoun, name, title) just before, and a quote just closed before it.
    let subj = 0;
    let closed = 0;
    for (let j = i - 1; j >= Math.max(0, i - 4); j--) {
      const c = f.lexCode[j]!;
      if (subj === 0 && (c === 5 || c === 6 || c === 7)) subj = c;
      if (closed === 0 && doc.quotes.mark[j] === 2) closed = i - j;
    }
    feats[k++] = mix3(T[26]!, w0, subj);
    feats[k++] = mix3(T[27]!, l0, subj);
    feats[k++] = mix3(T[28]!, l0, closed);
    feats[k++] = mix3(T[29]!, f.suffix[i]!, wm1);
    feats[k++] = mix3(T[30]!, f.suffix[i]!, wp1);
    feats[k++] = mix3(T[31]!, mix(l0, subj), lp1);
    // "SMITH: …" transcripts and datelines: where in its paragraph the token stands.
    const pp = Math.min(4, i - tokens.paragraphStarts[tokens.paragraph[i]!]!);
    feats[k++] = mix3(T[32]!, w0, pp);
    feats[k++] = mix3(T[33]!, mix(at(f.shape, i - 1), w0), pp);
    feats[k++] = mix(T[34]!, at(f.word, i - 3));
    feats[k++] = mix(T[35]!, at(f.word, i + 3));
    feats[k++] = mix3(T[36]!, w0, sentenceHasQuote[tokens.sentence[i]!]!);
    const c0 = f.cls[i]!;
    feats[k++] = mix(T[37]!, c0);
    feats[k++] = mix(T[38]!, f.coarse[i]!);
    feats[k++] = mix(T[39]!, at(f.cls, i - 1));
    feats[k++] = mix(T[40]!, at(f.cls, i + 1));
    feats[k++] = mix3(T[41]!, c0, subj);
    feats[k++] = mix3(T[42]!, c0, lp1);
    feats[k++] = mix3(T[43]!, lm1, c0);
    feats[k++] = mix3(T[44]!, c0, q0);
  }
  offsets[n] = k;
  return { length: n, feats, offsets, tagMask };
}

/** A cue the tagger found; `confident` when it is found without the recall bias. */
export interface FoundCue extends TokenRange {
  readonly confident: boolean;
}

/** Token ranges of the cues the model finds. */
export function findCues(doc: Document, model: LinearChain, bias = 0): FoundCue[] {
  const seq = cueFeatures(doc);
  const em = emissions(model, seq);
  const sure = chunks(viterbi(model, seq, em), 1, 2);
  if (bias === 0) return sure.map((c) => ({ ...c, confident: true }));
  // PolNeAR marks cues liberally and inconsistently, so the perceptron learns to be
  // shy of them; a bias on B-CUE, calibrated on train (models/calibration.json),
  // trades precision for recall. Cues found only with the bias are doubtful.
  for (let i = 0; i < seq.length; i++) em[i * 3 + 1]! += bias;
  return chunks(viterbi(model, seq, em), 1, 2).map((c) => ({
    ...c,
    confident: sure.some((x) => x.start < c.end && c.start < x.end),
  }));
}


/** A cue proposed on a ladder of biases, with how sure the tagger is of it. */
export interface CueCandidate extends FoundCue {
  /** The lowest rung of the ladder at which the tagger proposes it (0 is the first rung). */
  readonly level: number;
  /** B-CUE minus O emission at the cue's first token, before any bias. */
  readonly margin: number;
}

/**
 * The cues the model proposes at each bias of an increasing `ladder` (the
 * first rung is normally 0): those of the last rung, each with the lowest
 * rung at which an overlapping cue appears. One emission pass; a Viterbi per rung.
 */
export function findCueCandidates(doc: Document, model: LinearChain, ladder: readonly number[]): CueCandidate[] {
  const seq = cueFeatures(doc);
  const em = emissions(model, seq);
  const margin = new Float32Array(seq.length);
  for (let i = 0; i < seq.length; i++) margin[i] = em[i * 3 + 1]! - em[i * 3]!;
  // The lowest rung at which each token is in a cue.
  const lowest = new Uint8Array(seq.length).fill(255);
  let top: TokenRange[] = [];
  let applied = 0;
  for (let rung = 0; rung < ladder.length; rung++) {
    const bias = ladder[rung]!;
    if (bias !== applied) for (let i = 0; i < seq.length; i++) em[i * 3 + 1]! += bias - applied;
    applied = bias;
    const tags = viterbi(model, seq, em);
    // A token tagged B or I is in a cue; only the last rung's cues are needed as ranges.
    for (let t = 0; t < tags.length; t++) if (tags[t] !== 0 && lowest[t]! > rung) lowest[t] = rung;
    if (rung === ladder.length - 1) top = chunks(tags, 1, 2);
  }
  return top.map((c) => {
    let level = 255;
    for (let t = c.start; t < c.end; t++) level = Math.min(level, lowest[t]!);
    // A literal, not a spread: this runs for every candidate of every article.
    return { start: c.start, end: c.end, confident: level === 0 && ladder[0] === 0, level, margin: margin[c.start]! };
  });
}


/** Contiguous `B I*` chunks of a tag sequence. */
export function chunks(tags: Int32Array, b: number, i: number): TokenRange[] {
  const out: TokenRange[] = [];
  let start = -1;
  for (let t = 0; t <= tags.length; t++) {
    const tag = t < tags.length ? tags[t]! : -1;
    if (start >= 0 && tag !== i) {
      out.push({ start, end: t });
      start = -1;
    }
    if (tag === b) start = t;
  }
  return out;
}
