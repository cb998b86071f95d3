import { gunzipSync, gzipSync } from 'node:zlib';
import type { Document } from './document.js';
import type { CueCandidate, TokenRange } from './tag-cues.js';
import type { Roles, RoleScores } from './tag-roles.js';
import { LEX } from './token-features.js';
import { hashString } from './tagger/hash.js';

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
  /** Its cue's feature names (see `cueFeatureNames`). */
  readonly names: readonly string[];
}

function bucket(d: number): number {
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

function sourceKind(doc: Document, src: TokenRange | null): string {
  if (src === null) return 'none';
  const { lexCode } = doc.features;
  const codes = [];
  for (let i = src.start; i < src.end; i++) codes.push(lexCode[i]!);
  if (src.end - src.start <= 2 && codes.includes(LEX.pronoun)) return 'pron';
  if (codes.includes(LEX.capitalized) || /^\p{Lu}/u.test(doc.tokens.word[src.end - 1]!)) return codes.includes(LEX.title) ? 'title-name' : 'name';
  if (codes.includes(LEX.title)) return 'title';
  return 'noun';
}

/**
 * Names of the features of each cue that need no roles: how early on the
 * ladder it appears, its margin (relative to the calibrated `cueBias`, so
 * half-train and full-train models share a ranker), its words and classes,
 * and the other cues of its sentence.
 */
export function cueFeatureNames(doc: Document, cues: readonly CueCandidate[], cueBias: number): string[][] {
  const sentences = doc.tokens.sentenceStarts.length;
  const all = new Int32Array(sentences);
  const sure = new Int32Array(sentences);
  for (const c of cues) {
    const s = doc.tokens.sentence[c.start]!;
    all[s]!++;
    if (c.level === 0) sure[s]!++;
  }
  return cues.map((cue) => namesOf(doc, cue, all, sure, cueBias));
}

function namesOf(doc: Document, cue: CueCandidate, sentAll: Int32Array, sentSure: Int32Array, cueBias: number): string[] {
  const { tokens, quotes, features: f } = doc;
  const out: string[] = [];
  const add = (s: string): void => {
    out.push(s);
  };
  const lv = `lv${cue.level}`;
  add('bias');
  add(lv);
  const mg = Math.max(-12, Math.min(6, Math.round((cue.margin / Math.max(1, cueBias)) * 4)));
  add(`mg${mg}`);
  const w0 = tokens.lower[cue.start]!;
  const wl = tokens.lower[cue.end - 1]!;
  const len = Math.min(4, cue.end - cue.start);
  add(`w0:${w0}`);
  add(`wl:${wl}`);
  add(`len${len}`);
  add(`w0:${w0}|${lv}`);
  const lex0 = f.lexCode[cue.start]!;
  const lexL = f.lexCode[cue.end - 1]!;
  add(`lex0:${lex0}`);
  add(`lexL:${lexL}|${lv}`);
  add(`cls:${f.cls[cue.end - 1]!}`);
  add(`cls:${f.cls[cue.end - 1]!}|${lv}`);
  add(`coarse:${f.coarse[cue.end - 1]!}`);
  const prev = cue.start > 0 ? tokens.lower[cue.start - 1]! : '<s>';
  const next = cue.end < tokens.count ? tokens.lower[cue.end]! : '</s>';
  add(`pw:${prev}`);
  add(`nw:${next}`);
  add(`plex:${cue.start > 0 ? f.lexCode[cue.start - 1]! : -1}|nlex:${cue.end < tokens.count ? f.lexCode[cue.end]! : -1}`);
  const sent = tokens.sentence[cue.start]!;
  add(`sentFirst:${tokens.sentenceStarts[sent] === cue.start}`);
  add(`cueQ:${quotes.region[cue.start]! >= 0}`);
  const sibAll = sentAll[sent]! - 1;
  const sibConf = sentSure[sent]! - (cue.level === 0 ? 1 : 0);
  add(`sibConf:${Math.min(2, sibConf)}`);
  add(`sibAll:${Math.min(3, sibAll)}`);
  add(`sibConf:${Math.min(2, sibConf)}|${lv}`);
  return out;
}

/** Hashes feature names into `bits` bits. */
export function hashFeatures(names: readonly string[], bits: number): Uint32Array {
  const mask = (1 << bits) - 1;
  const ids = new Uint32Array(names.length);
  for (let k = 0; k < names.length; k++) ids[k] = hashString(names[k]!) & mask;
  return ids;
}

/**
 * The hashed features of each of an article's candidates: its cue's
 * (`Candidate.names`) and those of its roles — the source's kind and place,
 * the content's length, side, quoting and the role tagger's margins — and
 * whether it contends with other candidates (its cue inside their content,
 * or content shared), counted through per-token coverage so that long
 * articles stay linear.
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
  const { cue, roles, scores, names } = candidate;
  const out: string[] = [...names];
  const add = (s: string): void => {
    out.push(s);
  };
  const lv = `lv${cue.level}`;
  const lex0 = doc.features.lexCode[cue.start]!;

  // The source.
  const src = roles.source;
  const sk = sourceKind(doc, src);
  add(`src:${sk}`);
  add(`src:${sk}|${lv}`);
  add(`src:${sk}|lex0:${lex0}`);
  if (src) {
    const before = src.end <= cue.start;
    add(`srcSide:${before ? 'L' : 'R'}|${sk}`);
    add(`srcDist:${bucket(before ? cue.start - src.end : src.start - cue.end)}`);
    add(`srcLen:${bucket(src.end - src.start)}`);
    add(`srcM:${logBucket(scores.srcMean, 100)}`);
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
  const q = quoted === 0 ? 'none' : quoted >= conLen * 0.8 ? 'all' : 'part';
  const side = left && right ? 'both' : left ? 'L' : 'R';
  add(`conN:${Math.min(3, roles.content.length)}`);
  add(`conLen:${bucket(conLen)}`);
  add(`conQ:${q}`);
  add(`conQ:${q}|${lv}`);
  add(`conQ:${q}|src:${sk}`);
  add(`conSide:${side}`);
  add(`conSide:${side}|conQ:${q}`);
  add(`conDist:${bucket(dist)}`);
  add(`conLen:${bucket(conLen)}|${lv}`);
  add(`conM:${logBucket(scores.conMean, 100)}`);
  add(`conMin:${logBucket(scores.conMin, 100)}`);
  add(`conM:${logBucket(scores.conMean, 100)}|${lv}`);
  const con = span(roles.content);
  if (con) add(`conSents:${Math.min(3, tokens.sentence[con.end - 1]! - tokens.sentence[con.start]!)}`);

  // The other candidates: this cue inside another's content, content shared with another.
  // (A candidate's own content never holds its cue, and covers each of its tokens once.)
  const own = cue.level === 0 ? 1 : 0;
  const coveredBy = (t: number): string => (sureCover[t]! - own > 0 ? 'sure' : doubtCover[t]! - (1 - own) > 0 ? 'doubt' : 'none');
  const inside = sureCover[cue.start]! > 0 ? 'sure' : doubtCover[cue.start]! > 0 ? 'doubt' : 'none';
  let shared = 'none';
  for (const r of roles.content) {
    for (let t = r.start; t < r.end && shared !== 'sure'; t++) {
      const by = coveredBy(t);
      if (by !== 'none') shared = by;
    }
  }
  add(`inside:${inside}`);
  add(`inside:${inside}|${lv}`);
  add(`shared:${shared}`);
  add(`shared:${shared}|src:${sk === 'none' ? 'none' : 'some'}`);
  return hashFeatures(out, bits);
}

/** A linear score (log-odds) of hashed features: the ranker's (`ranker.weights`) or the gate's. */
export function linearScore(weights: Float32Array, feats: Uint32Array): number {
  let s = 0;
  for (const id of feats) s += weights[id]!;
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
  const w = new Float64Array(1 << bits);
  const g2 = new Float64Array(1 << bits).fill(1e-8);
  let s = seed >>> 0;
  const rand = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const order = examples.map((_, i) => i);
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const k of order) {
      const ex = examples[k]!;
      let z = 0;
      for (const id of ex.feats) z += w[id]!;
      const p = 1 / (1 + Math.exp(-z));
      const g = p - ex.label;
      for (const id of ex.feats) {
        const grad = g + l2 * w[id]!;
        g2[id]! += grad * grad;
        w[id]! -= (rate * grad) / Math.sqrt(g2[id]!);
      }
    }
  }
  return Float32Array.from(w);
}

/** Weights quantised to 16 bits (those smaller than `prune` in magnitude zeroed), gzipped, base64. */
function packWeights(weights: Float32Array, prune: number): { scale: number; data: string } {
  let maxAbs = 0;
  for (const v of weights) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const q = new Int16Array(weights.length);
  weights.forEach((v, i) => {
    if (Math.abs(v) >= prune) q[i] = Math.round(v / scale);
  });
  return { scale, data: gzipSync(Buffer.from(q.buffer)).toString('base64') };
}

function unpackWeights(packed: { scale: number; data: string }, bits: number): Float32Array {
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
