import type { Document } from './document.js';
import type { TokenAttribution } from './find-attributions.js';
import { bucket, packWeights, unpackWeights } from './rank-cues.js';
import { hashString, mix, mix3 } from './tagger/hash.js';
import { AdaGrad } from './tagger/adagrad.js';
import { seededEpochs } from './tagger/shuffle.js';

/**
 * A second look at where each attribution's content ends. The role tagger
 * often runs a content on through a trailing clause or attachment ("…, and
 * …", "… in an interview", ", according to …") or stops it short. Every
 * token boundary in the last `before` tokens of the content's last range,
 * and up to `after` tokens past it (within its paragraph, never into the
 * attribution's own cue or source), is a candidate end, scored by a linear
 * model over hashed features of the cut (the words and classes on each side,
 * quote marks, sentence breaks, commas crossed, how far it moves the end);
 * the best candidate replaces the tagger's end when it beats it by `margin`.
 * Trained by scripts/train-content-ends.ts (a softmax over each content's candidates).
 *
 * Bundled as models/content-ends.json: it gains about 0.002–0.003 content soft F1 and 0.012–0.015
 * exact held out, for about a tenth of extraction time (README, "Models"). Without a model the
 * pipeline runs without the step: the role tagger keeps no margins and no cut is scored.
 */
export interface ContentEndModel {
  readonly bits: number;
  readonly weights: Float32Array;
  /** How many tokens back from the tagger's end a cut may go, and how many past it. */
  readonly before: number;
  readonly after: number;
  /** A cut replaces the tagger's end only if it scores more than this much higher. */
  readonly margin: number;
  /** The same for the start (null: the start stays). */
  readonly startMargin: number | null;
}

const TEMPLATE_NAMES = [
  'bias', 'cur', 'delta', 'wL', 'wR', 'lexL|lexR', 'clsL', 'clsR', 'clsL|clsR', 'wL|wR', 'wR|wR1', 'len', 'brk',
  'q', 'commas', 'cur|wR', 'side|dir', 'cueDist', 'wR|dir', 'qCross', 'wL|dir', 'clsR|dir',
  'lexR|q', 'coarseL|coarseR', 'delta|side', 'wR1', 'brk|dir', 'mL', 'mR', 'mL|mR', 'mIn|dir', 'mOut|dir',
  'lexes|dir', 'span|dir',
] as const;
const H = Object.fromEntries(TEMPLATE_NAMES.map((n) => [n, hashString(`end:${n}`)])) as Record<(typeof TEMPLATE_NAMES)[number], number>;
const EDGE = hashString('end:edge');
/**
 * Words that open or close a clause or an attachment: a content boundary is sought only next to
 * one of them, a mark or a sentence break (a generic English list).
 */
const BOUNDARY_WORDS = new Set(
  (
    'and but or nor so yet because since although though while whereas if unless when whenever where after before until as ' +
    'which who whom whose that what how why whether according in on at for with without by from to of about during into ' +
    'over under against than like despite amid among between through including saying adding noting said says told'
  ).split(' '),
);

/** Whether a cut before token `t` is worth scoring: next to a mark, a clause word or a sentence break. */
export function boundaryAt(doc: Document, t: number): boolean {
  const { tokens } = doc;
  if (t <= 0 || t >= tokens.count) return true;
  if (tokens.sentence[t] !== tokens.sentence[t - 1]) return true;
  const l = tokens.lower[t - 1]!;
  const r = tokens.lower[t]!;
  return !WORD.test(l) || !WORD.test(r) || BOUNDARY_WORDS.has(r) || BOUNDARY_WORDS.has(l);
}

/** A token the scorer counts: one with a letter or digit. */
const WORD = /[\p{L}\p{N}]/u;

/** How many features {@link cutFeatures} writes. */
export const CUT_FEATURES = TEMPLATE_NAMES.length;

function signedBucket(d: number): number {
  return d < 0 ? -bucket(-d) : bucket(d);
}

/** Which boundary of the content: its last range's end, or its first range's start. */
export type Side = 'end' | 'start';

/** Whether token `t` belongs to the attribution's own cue or source. */
function ownRole(att: TokenAttribution, t: number): boolean {
  const { cue, source } = att;
  return (t >= cue.start && t < cue.end) || (source !== null && t >= source.start && t < source.end);
}

/**
 * The candidate cuts `[lo, hi]` of an attribution's content (`lo > hi`: none): for the end, where its
 * last range may end; for the start, where its first range may start.
 */
export function cutRange(doc: Document, att: TokenAttribution, side: Side, before: number, after: number): { lo: number; hi: number } {
  const { tokens } = doc;
  if (side === 'end') {
    const last = att.content[att.content.length - 1];
    if (!last) return { lo: 1, hi: 0 };
    const lo = Math.max(last.start + 1, last.end - before);
    let hi = last.end;
    const para = tokens.paragraphStarts[tokens.paragraph[last.end - 1]! + 1] ?? tokens.count;
    const stop = Math.min(tokens.count, para, last.end + after);
    while (hi < stop && !ownRole(att, hi)) hi++;
    return { lo, hi };
  }
  const first = att.content[0];
  if (!first) return { lo: 1, hi: 0 };
  const hi = Math.min(first.end - 1, first.start + before);
  let lo = first.start;
  const para = tokens.paragraphStarts[tokens.paragraph[first.start]!]!;
  const stop = Math.max(0, para, first.start - after);
  while (lo > stop && !ownRole(att, lo - 1)) lo--;
  return { lo, hi };
}

/** What lies between a cut and the current boundary: commas, quote marks, the set of word kinds (`lexCode` bits). */
export interface Between {
  commas: number;
  marks: number;
  lexes: number;
}

/** Adds token `t` to what lies between a cut and the current boundary. */
function addBetween(doc: Document, b: Between, t: number): void {
  if (doc.tokens.word[t] === ',') b.commas++;
  if (doc.quotes.mark[t] !== 0) b.marks++;
  b.lexes |= 1 << doc.features.lexCode[t]!;
}

/**
 * The hashed features (not masked) of moving a boundary of the content to `cut` (the end of its last
 * range, or the start of its first), written into `out`. `l` and `r` are the tokens either side of the cut;
 * `between`, when given, is what lies between the cut and the current boundary (else counted here).
 */
export function cutFeatures(doc: Document, att: TokenAttribution, side: Side, cut: number, out: Uint32Array, between?: Between): Uint32Array {
  const { tokens, quotes, features: f } = doc;
  const range = side === 'end' ? att.content[att.content.length - 1]! : att.content[0]!;
  const was = side === 'end' ? range.end : range.start;
  const salt = side === 'end' ? 0 : 0x5bd1e995;
  const l = cut - 1;
  const r = cut;
  const hasL = l >= 0;
  const hasR = r < tokens.count;
  const wL = hasL ? f.word[l]! : EDGE;
  const wR = hasR ? f.word[r]! : EDGE;
  // The word beyond the cut on the dropped side.
  const far = side === 'end' ? r + 1 : l - 1;
  const wFar = far >= 0 && far < tokens.count ? f.word[far]! : EDGE;
  const lexL = hasL ? f.lexCode[l]! : 99;
  const lexR = hasR ? f.lexCode[r]! : 99;
  const clsL = hasL ? f.cls[l]! : EDGE;
  const clsR = hasR ? f.cls[r]! : EDGE;
  // Positive: the content grows.
  const delta = side === 'end' ? cut - was : was - cut;
  const dir = delta < 0 ? 0 : delta === 0 ? 1 : 2;
  const brk = !hasL || !hasR ? 3 : tokens.paragraph[r] !== tokens.paragraph[l] ? 2 : tokens.sentence[r] !== tokens.sentence[l] ? 1 : 0;
  const q =
    (hasL ? (quotes.region[l]! >= 0 ? 1 : 0) + 4 * quotes.mark[l]! : 36) + (hasR ? (quotes.region[r]! >= 0 ? 2 : 0) + 12 * quotes.mark[r]! : 72);
  // The tokens between the cut and the current boundary (dropped or added): commas, quote marks, kinds of words.
  let commas: number;
  let marks: number;
  let lexes: number;
  const from = Math.min(cut, was);
  const to = Math.max(cut, was);
  if (between) ({ commas, marks, lexes } = between);
  else {
    commas = 0;
    marks = 0;
    lexes = 0;
    for (let t = from; t < to; t++) {
      if (tokens.word[t] === ',') commas++;
      if (quotes.mark[t] !== 0) marks++;
      lexes |= 1 << f.lexCode[t]!;
    }
  }
  const spanWords = from < to ? mix(f.word[from]!, f.word[to - 1]!) : 0;
  const last = att.content[att.content.length - 1]!;
  const cueSide = last.start >= att.cue.end ? 1 : 0;
  const cueDist = cueSide === 1 ? cut - att.cue.end : att.cue.start - cut;
  const len = side === 'end' ? cut - range.start : range.end - cut;
  out[0] = H.bias ^ salt;
  out[1] = mix(H.cur ^ salt, delta === 0 ? 1 : 0);
  out[2] = mix(H.delta ^ salt, signedBucket(delta) + 20);
  out[3] = mix(H.wL ^ salt, wL);
  out[4] = mix(H.wR ^ salt, wR);
  out[5] = mix3(H['lexL|lexR'] ^ salt, lexL, lexR);
  out[6] = mix(H.clsL ^ salt, clsL);
  out[7] = mix(H.clsR ^ salt, clsR);
  out[8] = mix3(H['clsL|clsR'] ^ salt, clsL, clsR);
  out[9] = mix3(H['wL|wR'] ^ salt, wL, wR);
  out[10] = mix3(H['wR|wR1'] ^ salt, side === 'end' ? wR : wL, wFar);
  out[11] = mix(H.len ^ salt, bucket(len));
  out[12] = mix(H.brk ^ salt, brk);
  out[13] = mix(H.q ^ salt, q);
  out[14] = mix3(H.commas ^ salt, Math.min(3, commas), dir);
  out[15] = mix3(H['cur|wR'] ^ salt, delta === 0 ? 1 : 0, side === 'end' ? wR : wL);
  out[16] = mix3(H['side|dir'] ^ salt, cueSide, dir);
  out[17] = mix3(H.cueDist ^ salt, signedBucket(cueDist) + 20, cueSide);
  out[18] = mix3(H['wR|dir'] ^ salt, side === 'end' ? wR : wL, dir);
  out[19] = mix3(H.qCross ^ salt, Math.min(2, marks), dir);
  out[20] = mix3(H['wL|dir'] ^ salt, wL, dir);
  out[21] = mix3(H['clsR|dir'] ^ salt, side === 'end' ? clsR : clsL, dir);
  out[22] = mix3(H['lexes|dir'] ^ salt, lexes & 0b1011111110, dir);
  out[23] = mix3(H['span|dir'] ^ salt, spanWords, dir);
  out[24] = mix3(H['lexR|q'] ^ salt, lexR, q);
  out[25] = mix3(H['coarseL|coarseR'] ^ salt, hasL ? f.coarse[l]! : EDGE, hasR ? f.coarse[r]! : EDGE);
  out[26] = mix3(H['delta|side'] ^ salt, signedBucket(delta) + 20, cueSide);
  out[27] = mix(H.wR1 ^ salt, wFar);
  out[28] = mix3(H['brk|dir'] ^ salt, brk, dir);
  // How sure the role tagger was that each side of the cut is content.
  const mL = marginAt(att, l);
  const mR = marginAt(att, r);
  out[29] = mix(H.mL ^ salt, mL);
  out[30] = mix(H.mR ^ salt, mR);
  out[31] = mix3(H['mL|mR'] ^ salt, mL, mR);
  out[32] = mix3(H['mIn|dir'] ^ salt, side === 'end' ? mL : mR, dir);
  out[33] = mix3(H['mOut|dir'] ^ salt, side === 'end' ? mR : mL, dir);
  return out;
}

/** The role tagger's content margin at token `t`, as a signed logarithmic bucket (99: unknown). */
function marginAt(att: TokenAttribution, t: number): number {
  const m = att.margins;
  if (!m) return 99;
  const j = t - m.start;
  if (j < 0 || j >= m.values.length) return 99;
  const v = m.values[j]!;
  const b = Math.min(6, Math.floor(Math.log2(1 + Math.abs(v) / 100)));
  return v < 0 ? -b - 1 : b;
}

/** A score of hashed features, masked into `bits` bits. */
function score(weights: Float32Array, feats: Uint32Array, mask: number): number {
  let s = 0;
  for (let k = 0; k < feats.length; k++) s += weights[feats[k]! & mask]!;
  return s;
}

/** The best cut of one side and whether it beats the current boundary by `margin`; -1 when it does not. */
function bestCut(doc: Document, att: TokenAttribution, side: Side, model: ContentEndModel, margin: number, scratch: Uint32Array): number {
  const range = side === 'end' ? att.content[att.content.length - 1]! : att.content[0]!;
  const was = side === 'end' ? range.end : range.start;
  let { lo, hi } = cutRange(doc, att, side, model.before, model.after);
  // The range keeps a word (a cut never leaves it punctuation alone).
  const isWord = (t: number): boolean => WORD.test(doc.tokens.word[t]!);
  let firstWord = range.start;
  while (firstWord < range.end && !isWord(firstWord)) firstWord++;
  if (firstWord === range.end) return -1;
  let lastWord = range.end - 1;
  while (!isWord(lastWord)) lastWord--;
  if (side === 'end') lo = Math.max(lo, firstWord + 1);
  else hi = Math.min(hi, lastWord);
  const mask = (1 << model.bits) - 1;
  const b: Between = { commas: 0, marks: 0, lexes: 0 };
  const current = score(model.weights, cutFeatures(doc, att, side, was, scratch, b), mask) + margin;
  // Outward from the current boundary, so that what lies between grows by one token a cut.
  let best = -1;
  let bestScore = current;
  for (let c = was - 1; c >= lo; c--) {
    addBetween(doc, b, c);
    if (c > hi || !boundaryAt(doc, c)) continue;
    const s = score(model.weights, cutFeatures(doc, att, side, c, scratch, b), mask);
    if (s > bestScore) {
      best = c;
      bestScore = s;
    }
  }
  b.commas = b.marks = b.lexes = 0;
  for (let c = was + 1; c <= hi; c++) {
    addBetween(doc, b, c - 1);
    if (c < lo || !boundaryAt(doc, c)) continue;
    const s = score(model.weights, cutFeatures(doc, att, side, c, scratch, b), mask);
    if (s > bestScore) {
      best = c;
      bestScore = s;
    }
  }
  return best;
}

/**
 * The attribution with its content's end (then its start, when the model has a `startMargin`) moved
 * where the model says, or as it was. Only the last range's end and the first range's start move, and
 * never past each other, so the content keeps a word and its ranges stay apart and in order.
 */
export function trimContent(doc: Document, att: TokenAttribution, model: ContentEndModel, scratch = new Uint32Array(CUT_FEATURES)): TokenAttribution {
  // Content the role tagger did not find (the quote after a colon) has no margins, and stays whole.
  if (att.content.length === 0 || !att.margins) return att;
  // A quote from its opening mark to its closing one has its boundaries already (on train the step
  // moved almost none of them, and skipping them spares a share of its time).
  if (quotedWhole(doc, att)) return att;
  let out = att;
  const end = bestCut(doc, out, 'end', model, model.margin, scratch);
  if (end >= 0) {
    const last = out.content[out.content.length - 1]!;
    out = { ...out, content: [...out.content.slice(0, -1), { start: last.start, end }] };
  }
  if (model.startMargin !== null) {
    const start = bestCut(doc, out, 'start', model, model.startMargin, scratch);
    if (start >= 0) {
      const first = out.content[0]!;
      out = { ...out, content: [{ start, end: first.end }, ...out.content.slice(1)] };
    }
  }
  return out;
}

/** One content's candidate ends for training: each cut's features and which cuts are best (equally). */
export interface CutGroup {
  readonly feats: Uint32Array[];
  readonly gold: readonly number[];
}

/** Softmax regression over each group's candidates by AdaGrad with an L2 penalty, in a seeded order. */
export function trainCuts(groups: readonly CutGroup[], options: { bits: number; epochs?: number; rate?: number; l2?: number; seed?: number }): Float32Array {
  const { bits, epochs = 5, rate = 0.05, l2 = 1e-4, seed = 7 } = options;
  const learner = new AdaGrad(bits, rate, l2);
  seededEpochs(groups.length, epochs, seed, (k) => {
    const g = groups[k]!;
    const z = g.feats.map((fs) => learner.score(fs));
    const m = Math.max(...z);
    const ex = z.map((v) => Math.exp(v - m));
    const sum = ex.reduce((a, b) => a + b, 0);
    const y = 1 / g.gold.length;
    g.feats.forEach((fs, i) => {
      const grad = ex[i]! / sum - (g.gold.includes(i) ? y : 0);
      if (Math.abs(grad) >= 1e-4) learner.update(fs, grad);
    });
  });
  return Float32Array.from(learner.weights);
}

/** The model as JSON, its weights packed. */
export function serializeContentEnds(m: ContentEndModel, prune = 0): string {
  const { bits, before, after, margin, startMargin } = m;
  return `${JSON.stringify({ bits, before, after, margin, startMargin, weights: packWeights(m.weights, prune) })}\n`;
}

/** Reads a model written by {@link serializeContentEnds}. */
export function deserializeContentEnds(json: string): ContentEndModel {
  const o = JSON.parse(json) as { bits: number; before: number; after: number; margin: number; startMargin?: number | null; weights: { scale: number; data: string } };
  const { bits, before, after, margin } = o;
  return Object.freeze({ bits, before, after, margin, startMargin: o.startMargin ?? null, weights: unpackWeights(o.weights, bits) });
}

/** Whether a content runs from a quote's opening mark to the end of that quote. */
function quotedWhole(doc: Document, att: TokenAttribution): boolean {
  const first = att.content[0]!.start;
  const last = att.content[att.content.length - 1]!.end - 1;
  return doc.quotes.mark[first] === 1 && doc.quotes.region[last] === doc.quotes.region[first] && doc.quotes.regionEnd[doc.quotes.region[first]!] === last;
}
