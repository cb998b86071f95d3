/**
 * A first-order linear-chain model over hashed features: emission weights
 * `weights[(feature & mask) * K + tag]` and a `K×K` transition matrix.
 * Decoding is Viterbi with a mask of allowed transitions and allowed tags.
 */
export interface LinearChain {
  readonly tags: readonly string[];
  readonly bits: number;
  /** Emission weights; quantised models keep 16-bit integers and a `scale`, which halves memory traffic. */
  readonly weights: Float32Array | Int16Array;
  readonly scale: number;
  readonly transitions: Float32Array;
  /** `allowed[prev * K + next]`; row K is the start state. */
  readonly allowed: Uint8Array;
}

/** Features of a sequence: token `i` owns `feats[offsets[i] .. offsets[i+1])`. */
export interface FeatureSequence {
  readonly length: number;
  readonly feats: Uint32Array | number[];
  readonly offsets: Int32Array | number[];
  /** Optional per-token mask of allowed tags (`length * K`, 1 = allowed). */
  readonly tagMask?: Uint8Array;
}

/** BIO transitions: `I-X` may follow only `B-X` or `I-X`. */
export function bioAllowed(tags: readonly string[]): Uint8Array {
  const K = tags.length;
  const allowed = new Uint8Array((K + 1) * K);
  for (let p = 0; p <= K; p++) {
    for (let n = 0; n < K; n++) {
      const next = tags[n]!;
      if (!next.startsWith('I-')) {
        allowed[p * K + n] = 1;
        continue;
      }
      const prev = p < K ? tags[p]! : 'O';
      const type = next.slice(2);
      allowed[p * K + n] = prev === `B-${type}` || prev === `I-${type}` ? 1 : 0;
    }
  }
  return allowed;
}

/** Emission scores `length × K` for a sequence under `weights`. */
export function emissions(model: LinearChain, seq: FeatureSequence, out?: Float32Array): Float32Array {
  const K = model.tags.length;
  const mask = (1 << model.bits) - 1;
  const w = model.weights;
  const scores = out ?? new Float32Array(seq.length * K);
  const { feats, offsets } = seq;
  const scale = model.scale;
  // The taggers' two shapes, unrolled: this loop is most of extraction's time.
  if (K === 3) return emissions3(w, mask, scale, seq, scores);
  if (K === 5) return emissions5(w, mask, scale, seq, scores);
  for (let i = 0; i < seq.length; i++) {
    const base = i * K;
    for (let k = 0; k < K; k++) scores[base + k] = 0;
    const a = offsets[i]!;
    const b = offsets[i + 1]!;
    for (let f = a; f < b; f++) {
      const row = (feats[f]! & mask) * K;
      for (let k = 0; k < K; k++) scores[base + k]! += w[row + k]!;
    }
    if (scale !== 1) for (let k = 0; k < K; k++) scores[base + k]! *= scale;
  }
  return scores;
}

function emissions3(w: Float32Array | Int16Array, mask: number, scale: number, seq: FeatureSequence, scores: Float32Array): Float32Array {
  const { feats, offsets } = seq;
  for (let i = 0, base = 0; i < seq.length; i++, base += 3) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    const b = offsets[i + 1]!;
    for (let f = offsets[i]!; f < b; f++) {
      const row = (feats[f]! & mask) * 3;
      s0 += w[row]!;
      s1 += w[row + 1]!;
      s2 += w[row + 2]!;
    }
    scores[base] = s0 * scale;
    scores[base + 1] = s1 * scale;
    scores[base + 2] = s2 * scale;
  }
  return scores;
}

function emissions5(w: Float32Array | Int16Array, mask: number, scale: number, seq: FeatureSequence, scores: Float32Array): Float32Array {
  const { feats, offsets } = seq;
  for (let i = 0, base = 0; i < seq.length; i++, base += 5) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    const b = offsets[i + 1]!;
    for (let f = offsets[i]!; f < b; f++) {
      const row = (feats[f]! & mask) * 5;
      s0 += w[row]!;
      s1 += w[row + 1]!;
      s2 += w[row + 2]!;
      s3 += w[row + 3]!;
      s4 += w[row + 4]!;
    }
    scores[base] = s0 * scale;
    scores[base + 1] = s1 * scale;
    scores[base + 2] = s2 * scale;
    scores[base + 3] = s3 * scale;
    scores[base + 4] = s4 * scale;
  }
  return scores;
}

/** The best tag sequence (tag indices) under the model. */
export function decode(model: LinearChain, seq: FeatureSequence): Int32Array {
  return viterbi(model, seq, emissions(model, seq));
}

// Viterbi's working arrays, reused across calls: decoding is synchronous and single-threaded.
let scoreBuffer = new Float64Array(4096);
let backBuffer = new Int32Array(4096);

/** Viterbi over precomputed emission scores. */
export function viterbi(model: LinearChain, seq: FeatureSequence, em: Float32Array): Int32Array {
  return model.tags.length === 3 ? viterbi3(model, seq, em) : viterbiAny(model, seq, em);
}

/** {@link viterbi} for any number of tags; three-tag models (the cue tagger) take an unrolled path that must agree with it. */
export function viterbiAny(model: LinearChain, seq: FeatureSequence, em: Float32Array): Int32Array {
  const K = model.tags.length;
  const n = seq.length;
  const out = new Int32Array(n);
  if (n === 0) return out;
  const NEG = -1e30;
  if (scoreBuffer.length < n * K) {
    scoreBuffer = new Float64Array(n * K * 2);
    backBuffer = new Int32Array(n * K * 2);
  }
  const score = scoreBuffer;
  const back = backBuffer;
  const { allowed, transitions } = model;
  const tagMask = seq.tagMask;
  for (let k = 0; k < K; k++) {
    const ok = allowed[K * K + k] === 1 && (!tagMask || tagMask[k] === 1);
    score[k] = ok ? em[k]! : NEG;
  }
  for (let i = 1; i < n; i++) {
    for (let k = 0; k < K; k++) {
      const idx = i * K + k;
      if (tagMask && tagMask[idx] !== 1) {
        score[idx] = NEG;
        back[idx] = 0;
        continue;
      }
      let best = NEG;
      let arg = 0;
      for (let p = 0; p < K; p++) {
        if (allowed[p * K + k] !== 1) continue;
        const s = score[(i - 1) * K + p]! + transitions[p * K + k]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[idx] = best + em[idx]!;
      back[idx] = arg;
    }
  }
  let best = NEG;
  let arg = 0;
  for (let k = 0; k < K; k++) {
    const s = score[(n - 1) * K + k]!;
    if (s > best) {
      best = s;
      arg = k;
    }
  }
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * K + out[i]!]!;
  return out;
}

/**
 * `viterbi` unrolled for three tags (the cue tagger, decoded once per rung of
 * its bias ladder): the same arithmetic and tie-breaking, without the inner loops.
 */
function viterbi3(model: LinearChain, seq: FeatureSequence, em: Float32Array): Int32Array {
  const n = seq.length;
  const out = new Int32Array(n);
  if (n === 0) return out;
  const NEG = -1e30;
  if (backBuffer.length < n * 3) {
    scoreBuffer = new Float64Array(n * 3 * 2);
    backBuffer = new Int32Array(n * 3 * 2);
  }
  const back = backBuffer;
  const { allowed, transitions: tr } = model;
  const tagMask = seq.tagMask;
  // Disallowed transitions never win: as if skipped.
  const t = new Float64Array(9);
  for (let i = 0; i < 9; i++) t[i] = allowed[i] === 1 ? tr[i]! : -Infinity;
  const ok = (i: number, k: number): boolean => !tagMask || tagMask[i * 3 + k] === 1;
  let s0 = allowed[9] === 1 && ok(0, 0) ? em[0]! : NEG;
  let s1 = allowed[10] === 1 && ok(0, 1) ? em[1]! : NEG;
  let s2 = allowed[11] === 1 && ok(0, 2) ? em[2]! : NEG;
  for (let i = 1; i < n; i++) {
    const b = i * 3;
    let n0 = NEG;
    let n1 = NEG;
    let n2 = NEG;
    for (let k = 0; k < 3; k++) {
      if (tagMask && tagMask[b + k] !== 1) {
        back[b + k] = 0;
        continue;
      }
      let best = NEG;
      let arg = 0;
      let x = s0 + t[k]!;
      if (x > best) {
        best = x;
        arg = 0;
      }
      x = s1 + t[3 + k]!;
      if (x > best) {
        best = x;
        arg = 1;
      }
      x = s2 + t[6 + k]!;
      if (x > best) {
        best = x;
        arg = 2;
      }
      back[b + k] = arg;
      const v = best + em[b + k]!;
      if (k === 0) n0 = v;
      else if (k === 1) n1 = v;
      else n2 = v;
    }
    s0 = n0;
    s1 = n1;
    s2 = n2;
  }
  let arg = 0;
  let best = NEG;
  if (s0 > best) {
    best = s0;
    arg = 0;
  }
  if (s1 > best) {
    best = s1;
    arg = 1;
  }
  if (s2 > best) arg = 2;
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * 3 + out[i]!]!;
  return out;
}
