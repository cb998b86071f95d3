import { gunzipSync, gzipSync } from 'node:zlib';
import type { Document } from './document.js';
import type { CueCandidate, TokenRange } from './tag-cues.js';
import type { Roles, RoleScores } from './tag-roles.js';
import { LEX } from './token-features.js';
import { hashString, mix, mix3 } from './tagger/hash.js';
import { AdaGrad } from './tagger/adagrad.js';
import { seededEpochs } from './tagger/shuffle.js';

/**
 * A second look at each cue the tagger proposes at a high bias: a logistic
 * regression over what the cue and role taggers found for it (how early on
 * the bias ladder the cue appears, its words and class, whether a source
 * was found and of what kind, where and how long the content is, whether it
 * is quoted, how sure the role tagger is, what other cues share its
 * sentence) decides whether it is kept. One global bias cannot tell a rare
 * reporting verb with a named source and quoted content from a common word
 * with neither; this can. Trained by scripts/train-cue-ranker.ts.
 */
export interface CueRanker {
  /** The bias ladder, as multiples of the models' calibrated cue bias; candidates are the last rung's cues. */
  readonly rungs: readonly number[];
  /** Hashed feature space: `2^bits` weights. */
  readonly bits: number;
  readonly weights: Float32Array;
  /** Keep a candidate whose score (log-odds) is at least this. */
  readonly threshold: number;
  /**
   * The gate: weights over the cue's own features only, and the score a
   * doubtful cue needs before its roles are sought at all (tagging roles is
   * the costly part, and most high-bias cues are hopeless).
   */
  readonly gateWeights: Float32Array;
  readonly gateThreshold: number;
}

/** A proposed attribution: a cue and the roles the role tagger found for it. */
export interface Candidate {
  readonly cue: CueCandidate;
  readonly roles: Roles;
  readonly scores: RoleScores;
  /** Its cue's hashed features, before masking (see `cueFeatures`; a doubtful cue's with `withContext`). */
  readonly cueFeatures: Uint32Array;
  /** Its content is the quote after the colon closing the cue's paragraph, not the role tagger's: the ranker does not judge it. */
  readonly afterColon: boolean;
}

/** A distance in tokens as a bucket: exact to 3, then ever wider. */
export function bucket(d: number): number {
  if (d <= 3) return d;
  if (d <= 6) return 4;
  if (d <= 10) return 5;
  if (d <= 20) return 6;
  if (d <= 40) return 7;
  return 8;
}

/** Signed logarithmic bucket of an emission margin. */
function logBucket(m: number, unit: number): number {
  const b = Math.min(6, Math.floor(Math.log2(1 + Math.abs(m) / unit)));
  return m < 0 ? -b - 1 : b;
}

function span(rs: readonly TokenRange[]): TokenRange | null {
  if (rs.length === 0) return null;
  return { start: rs[0]!.start, end: rs[rs.length - 1]!.end };
}

/** The kind of a source: 0 none, 1 pronoun, 2 name, 3 title and name, 4 title, 5 other noun phrase. */
function sourceKind(doc: Document, src: TokenRange | null): number {
  if (src === null) return 0;
  const { lexCode } = doc.features;
  let pronoun = false;
  let capitalized = false;
  let title = false;
  for (let i = src.start; i < src.end; i++) {
    const c = lexCode[i]!;
    if (c === LEX.pronoun) pronoun = true;
    if (c === LEX.capitalized) capitalized = true;
    if (c === LEX.title) title = true;
  }
  if (src.end - src.start <= 2 && pronoun) return 1;
  if (capitalized || /^\p{Lu}/u.test(doc.tokens.word[src.end - 1]!)) return title ? 3 : 2;
  return title ? 4 : 5;
}

// Feature templates: each feature is a template's hash mixed with its values (no strings per candidate).
const TEMPLATE_NAMES = [
  'bias', 'lv', 'mg', 'w0', 'wl', 'len', 'w0|lv', 'lex0', 'lexL|lv', 'cls', 'cls|lv', 'coarse', 'pw', 'nw', 'plex|nlex',
  'sentFirst', 'cueQ', 'sibConf', 'sibAll', 'sibConf|lv',
  'src', 'src|lv', 'src|lex0', 'srcSide|src', 'srcDist', 'srcLen', 'srcM',
  'conN', 'conLen', 'conQ', 'conQ|lv', 'conQ|src', 'conSide', 'conSide|conQ', 'conDist', 'conLen|lv', 'conM', 'conMin', 'conM|lv', 'conSents',
  'inside', 'inside|lv', 'shared', 'shared|hasSrc',
  'w0|nw', 'cls|nlex', 'paraPos', 'sentPos',
  'ctxSentCov', 'ctxSentCov|lv', 'ctxInSrc', 'ctxNearL', 'ctxNearR', 'ctxSentCov|lex0', 'ctxNear|lv', 'ctxSentSrc',
] as const;
const H = Object.fromEntries(TEMPLATE_NAMES.map((n) => [n, hashString(`rank:${n}`)])) as Record<(typeof TEMPLATE_NAMES)[number], number>;
const START = hashString('rank:<s>');
const END = hashString('rank:</s>');

/**
 * The hashed features (before masking) of each cue that need no roles: how
 * early on the ladder it appears, its margin (relative to the calibrated
 * `cueBias`, so half-train and full-train models share a ranker), its words
 * and classes, the word after it, where in its paragraph it stands, and the
 * other cues of its sentence.
 */
export function cueFeatures(doc: Document, cues: readonly CueCandidate[], cueBias: number): Uint32Array[] {
  const { tokens, quotes, features: f } = doc;
  const sentences = tokens.sentenceStarts.length;
  const sentAll = new Int32Array(sentences);
  const sentSure = new Int32Array(sentences);
  for (const c of cues) {
    const s = tokens.sentence[c.start]!;
    sentAll[s]!++;
    if (c.level === 0) sentSure[s]!++;
  }
  return cues.map((cue) => {
    const lv = cue.level;
    const mg = Math.max(-12, Math.min(6, Math.round((cue.margin / Math.max(1, cueBias)) * 4)));
    const w0 = f.word[cue.start]!;
    const last = cue.end - 1;
    const lex0 = f.lexCode[cue.start]!;
    const sent = tokens.sentence[cue.start]!;
    const sibAll = sentAll[sent]! - 1;
    const sibConf = Math.min(2, sentSure[sent]! - (lv === 0 ? 1 : 0));
    const out = new Uint32Array(24);
    out[0] = H.bias;
    out[1] = mix(H.lv, lv);
    out[2] = mix(H.mg, mg + 20);
    out[3] = mix(H.w0, w0);
    out[4] = mix(H.wl, f.word[last]!);
    out[5] = mix(H.len, Math.min(4, cue.end - cue.start));
    out[6] = mix3(H['w0|lv'], w0, lv);
    out[7] = mix(H.lex0, lex0);
    out[8] = mix3(H['lexL|lv'], f.lexCode[last]!, lv);
    out[9] = mix(H.cls, f.cls[last]!);
    out[10] = mix3(H['cls|lv'], f.cls[last]!, lv);
    out[11] = mix(H.coarse, f.coarse[last]!);
    out[12] = mix(H.pw, cue.start > 0 ? f.word[cue.start - 1]! : START);
    out[13] = mix(H.nw, cue.end < tokens.count ? f.word[cue.end]! : END);
    out[14] = mix3(H['plex|nlex'], cue.start > 0 ? f.lexCode[cue.start - 1]! : 99, cue.end < tokens.count ? f.lexCode[cue.end]! : 99);
    out[15] = mix(H.sentFirst, tokens.sentenceStarts[sent] === cue.start ? 1 : 0);
    out[16] = mix(H.cueQ, quotes.region[cue.start]! >= 0 ? 1 : 0);
    out[17] = mix(H.sibConf, sibConf);
    out[18] = mix(H.sibAll, Math.min(3, sibAll));
    out[19] = mix3(H['sibConf|lv'], sibConf, lv);
    // The word after the cue ("said that", "says:") and where in its paragraph the cue stands.
    out[20] = mix3(H['w0|nw'], w0, cue.end < tokens.count ? f.word[cue.end]! : END);
    out[21] = mix3(H['cls|nlex'], f.cls[last]!, cue.end < tokens.count ? f.lexCode[cue.end]! : 99);
    const ps = tokens.paragraphStarts[tokens.paragraph[cue.start]!]!;
    out[22] = mix(H.paraPos, bucket(cue.start - ps));
    out[23] = mix(H.sentPos, Math.min(3, sent - tokens.sentence[ps]!));
    return out;
  });
}

/** How many features {@link contextFeatures} gives. */
export const CONTEXT_FEATURES = 8;

/** What the sure cues' roles cover: per token 1 in a content, 2 in a source (0 neither); per sentence, its content tokens and sources. */
export interface SureCoverage {
  readonly token: Uint8Array;
  readonly sentence: Int32Array;
  readonly sentenceSources: Int32Array;
}

/** The coverage of the sure candidates' roles. */
export function sureCoverage(doc: Document, sure: readonly { roles: Roles }[]): SureCoverage {
  const { tokens } = doc;
  const token = new Uint8Array(tokens.count);
  const sentence = new Int32Array(tokens.sentenceStarts.length);
  const sentenceSources = new Int32Array(tokens.sentenceStarts.length);
  for (const c of sure) {
    for (const r of c.roles.content) token.fill(1, r.start, r.end);
    if (c.roles.source) {
      for (let t = c.roles.source.start; t < c.roles.source.end; t++) if (token[t] === 0) token[t] = 2;
      sentenceSources[tokens.sentence[c.roles.source.start]!]!++;
    }
  }
  for (let t = 0; t < tokens.count; t++) if (token[t] === 1) sentence[tokens.sentence[t]!]!++;
  return { token, sentence, sentenceSources };
}

/**
 * A doubtful cue's features that come from the sure cues' roles, which are
 * tagged before any doubtful cue's: how much of its sentence their content
 * already takes, whether it stands in a sure source or next to a sure
 * content, how many sure sources its sentence has. They reach the gate as
 * well as the ranker, at no cost in role tagging. Written into `out`.
 */
export function contextFeatures(doc: Document, cue: CueCandidate, cov: SureCoverage, out: Uint32Array = new Uint32Array(CONTEXT_FEATURES)): Uint32Array {
  const { tokens } = doc;
  const sent = tokens.sentence[cue.start]!;
  const ss = tokens.sentenceStarts[sent]!;
  const se = tokens.sentenceStarts[sent + 1]!;
  const frac = cov.sentence[sent]! / Math.max(1, se - ss - (cue.end - cue.start));
  const sc = frac === 0 ? 0 : frac < 0.34 ? 1 : frac < 0.67 ? 2 : 3;
  const lv = cue.level;
  // The nearest sure content token within 8 tokens of the sentence on each side (0: none).
  let nearL = 0;
  for (let j = cue.start - 1; nearL === 0 && j >= Math.max(ss, cue.start - 8); j--) if (cov.token[j] === 1) nearL = cue.start - j;
  let nearR = 0;
  for (let j = cue.end; nearR === 0 && j < Math.min(se, cue.end + 8); j++) if (cov.token[j] === 1) nearR = j - cue.end + 1;
  out[0] = mix(H.ctxSentCov, sc);
  out[1] = mix3(H['ctxSentCov|lv'], sc, lv);
  out[2] = mix(H.ctxInSrc, cov.token[cue.start] === 2 ? 1 : 0);
  out[3] = mix(H.ctxNearL, bucket(nearL));
  out[4] = mix(H.ctxNearR, bucket(nearR));
  out[5] = mix3(H['ctxSentCov|lex0'], sc, doc.features.lexCode[cue.start]!);
  out[6] = mix3(H['ctxNear|lv'], mix(nearL > 0 ? 1 : 0, nearR > 0 ? 1 : 0), lv);
  out[7] = mix(H.ctxSentSrc, Math.min(2, cov.sentenceSources[sent]!));
  return out;
}

/** A doubtful cue's own features followed by its {@link contextFeatures}. */
export function withContext(own: Uint32Array, context: Uint32Array): Uint32Array {
  const out = new Uint32Array(own.length + context.length);
  out.set(own);
  out.set(context, own.length);
  return out;
}

/** Masks hashed features into `bits` bits. */
export function maskFeatures(feats: Uint32Array, bits: number): Uint32Array {
  const mask = (1 << bits) - 1;
  const ids = new Uint32Array(feats.length);
  for (let k = 0; k < feats.length; k++) ids[k] = feats[k]! & mask;
  return ids;
}

/**
 * The features of each of an article's candidates, masked into `bits`
 * bits: its cue's (`Candidate.cueFeatures`) and those of its roles — the
 * source's kind and place, the content's length, side, quoting and the role
 * tagger's margins — and whether it contends with other candidates (its cue
 * inside their content, or content shared), counted through per-token
 * coverage so that long articles stay linear.
 */
export function candidateFeatures(doc: Document, all: readonly Candidate[], bits: number): Uint32Array[] {
  const n = doc.tokens.count;
  const sureCover = new Int32Array(n);
  const doubtCover = new Int32Array(n);
  for (const c of all) {
    const cover = c.cue.level === 0 ? sureCover : doubtCover;
    for (const r of c.roles.content) for (let t = r.start; t < r.end; t++) cover[t]!++;
  }
  return all.map((c) => featuresOf(doc, c, sureCover, doubtCover, bits));
}

function featuresOf(doc: Document, candidate: Candidate, sureCover: Int32Array, doubtCover: Int32Array, bits: number): Uint32Array {
  const { tokens, quotes } = doc;
  const { cue, roles, scores } = candidate;
  const own = candidate.cueFeatures;
  const out = new Uint32Array(own.length + 24);
  out.set(own);
  let k = own.length;
  const lv = cue.level;
  const lex0 = doc.features.lexCode[cue.start]!;

  // The source.
  const src = roles.source;
  const sk = sourceKind(doc, src);
  out[k++] = mix(H.src, sk);
  out[k++] = mix3(H['src|lv'], sk, lv);
  out[k++] = mix3(H['src|lex0'], sk, lex0);
  if (src) {
    const before = src.end <= cue.start;
    out[k++] = mix3(H['srcSide|src'], before ? 1 : 2, sk);
    out[k++] = mix(H.srcDist, bucket(before ? cue.start - src.end : src.start - cue.end));
    out[k++] = mix(H.srcLen, bucket(src.end - src.start));
    out[k++] = mix(H.srcM, logBucket(scores.srcMean, 100) + 20);
  }

  // The content.
  let conLen = 0;
  let quoted = 0;
  let left = false;
  let right = false;
  let dist = Infinity;
  for (const r of roles.content) {
    conLen += r.end - r.start;
    for (let t = r.start; t < r.end; t++) if (quotes.region[t]! >= 0 || quotes.mark[t]! > 0) quoted++;
    if (r.end <= cue.start) {
      left = true;
      dist = Math.min(dist, cue.start - r.end);
    } else {
      right = true;
      dist = Math.min(dist, Math.max(0, r.start - cue.end));
    }
  }
  const q = quoted === 0 ? 0 : quoted >= conLen * 0.8 ? 2 : 1;
  const side = left && right ? 3 : left ? 1 : 2;
  out[k++] = mix(H.conN, Math.min(3, roles.content.length));
  out[k++] = mix(H.conLen, bucket(conLen));
  out[k++] = mix(H.conQ, q);
  out[k++] = mix3(H['conQ|lv'], q, lv);
  out[k++] = mix3(H['conQ|src'], q, sk);
  out[k++] = mix(H.conSide, side);
  out[k++] = mix3(H['conSide|conQ'], side, q);
  out[k++] = mix(H.conDist, bucket(dist));
  out[k++] = mix3(H['conLen|lv'], bucket(conLen), lv);
  const cm = logBucket(scores.conMean, 100) + 20;
  out[k++] = mix(H.conM, cm);
  out[k++] = mix(H.conMin, logBucket(scores.conMin, 100) + 20);
  out[k++] = mix3(H['conM|lv'], cm, lv);
  const con = span(roles.content);
  if (con) out[k++] = mix(H.conSents, Math.min(3, tokens.sentence[con.end - 1]! - tokens.sentence[con.start]!));

  // The other candidates: this cue inside another's content, content shared with another.
  // (A candidate's own content never holds its cue, and covers each of its tokens once.)
  const self = lv === 0 ? 1 : 0;
  const inside = sureCover[cue.start]! > 0 ? 2 : doubtCover[cue.start]! > 0 ? 1 : 0;
  let shared = 0;
  for (const r of roles.content) {
    for (let t = r.start; t < r.end && shared !== 2; t++) {
      if (sureCover[t]! - self > 0) shared = 2;
      else if (doubtCover[t]! - (1 - self) > 0) shared = 1;
    }
  }
  out[k++] = mix(H.inside, inside);
  out[k++] = mix3(H['inside|lv'], inside, lv);
  out[k++] = mix(H.shared, shared);
  out[k++] = mix3(H['shared|hasSrc'], shared, sk === 0 ? 0 : 1);
  const mask = (1 << bits) - 1;
  const ids = out.subarray(0, k);
  for (let j = 0; j < k; j++) ids[j] = ids[j]! & mask;
  return ids;
}

/** A linear score (log-odds) of hashed features: the ranker's (`ranker.weights`) or the gate's. */
export function linearScore(weights: Float32Array, feats: Uint32Array): number {
  let s = 0;
  for (const id of feats) s += weights[id]!;
  return s;
}

/** {@link linearScore} of features not yet masked into `bits` bits (`maskFeatures` without the copy). */
export function maskedScore(weights: Float32Array, feats: Uint32Array, bits: number): number {
  const mask = (1 << bits) - 1;
  let s = 0;
  for (let k = 0; k < feats.length; k++) s += weights[feats[k]! & mask]!;
  return s;
}

/** One training candidate: its features and whether it is a real attribution. */
export interface RankExample {
  readonly feats: Uint32Array;
  readonly label: 0 | 1;
}

/** Logistic regression by AdaGrad with an L2 penalty, visiting examples in a seeded order. */
export function trainRanker(
  examples: readonly RankExample[],
  options: { bits: number; epochs?: number; rate?: number; l2?: number; seed?: number },
): Float32Array {
  const { bits, epochs = 5, rate = 0.02, l2 = 3e-4, seed = 7 } = options;
  const learner = new AdaGrad(bits, rate, l2);
  seededEpochs(examples.length, epochs, seed, (k) => {
    const ex = examples[k]!;
    const p = 1 / (1 + Math.exp(-learner.score(ex.feats)));
    learner.update(ex.feats, p - ex.label);
  });
  return Float32Array.from(learner.weights);
}

/** Weights quantised to 16 bits (those smaller than `prune` in magnitude zeroed), gzipped, base64. */
export function packWeights(weights: Float32Array, prune: number): { scale: number; data: string } {
  let maxAbs = 0;
  for (const v of weights) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const q = new Int16Array(weights.length);
  weights.forEach((v, i) => {
    if (Math.abs(v) >= prune) q[i] = Math.round(v / scale);
  });
  return { scale, data: gzipSync(Buffer.from(q.buffer)).toString('base64') };
}

export function unpackWeights(packed: { scale: number; data: string }, bits: number): Float32Array {
  const raw = gunzipSync(Buffer.from(packed.data, 'base64'));
  const q = new Int16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2);
  if (q.length !== 1 << bits) throw new Error(`cue ranker: ${q.length} weights for ${bits} bits`);
  return Float32Array.from(q, (v) => v * packed.scale);
}

/** The ranker as JSON, its weight vectors packed. */
export function serializeRanker(r: CueRanker, prune = 0): string {
  const { rungs, bits, threshold, gateThreshold } = r;
  const weights = packWeights(r.weights, prune);
  const gateWeights = packWeights(r.gateWeights, prune);
  return `${JSON.stringify({ rungs, bits, threshold, gateThreshold, weights, gateWeights })}\n`;
}

type Packed = { scale: number; data: string };

/** Reads a ranker written by {@link serializeRanker}. */
export function deserializeRanker(json: string): CueRanker {
  const o = JSON.parse(json) as { rungs: number[]; bits: number; threshold: number; gateThreshold: number; weights: Packed; gateWeights: Packed };
  return Object.freeze({
    rungs: Object.freeze([...o.rungs]),
    bits: o.bits,
    threshold: o.threshold,
    weights: unpackWeights(o.weights, o.bits),
    gateThreshold: o.gateThreshold,
    gateWeights: unpackWeights(o.gateWeights, o.bits),
  });
}
