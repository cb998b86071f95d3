import { type FeatureSequence, type LinearChain, decode } from './linear-chain.js';

/** A training example: a feature sequence and its gold tag indices. */
export interface Example {
  readonly seq: FeatureSequence;
  readonly gold: Int32Array;
}

/**
 * Trains a linear-chain model with the averaged structured perceptron
 * (Collins 2002): decode, and where the best sequence differs from gold,
 * move weight from the predicted to the gold tags.
 */
export class PerceptronTrainer {
  readonly model: LinearChain;
  private readonly totals: Float64Array;
  private readonly transTotals: Float64Array;
  private step = 1;

  constructor(model: LinearChain) {
    this.model = model;
    this.totals = new Float64Array(model.weights.length);
    this.transTotals = new Float64Array(model.transitions.length);
  }

  /** One perceptron update on one example; returns the number of wrong tags. */
  update(ex: Example): number {
    const pred = decode(this.model, ex.seq);
    const K = this.model.tags.length;
    const mask = (1 << this.model.bits) - 1;
    const w = this.model.weights as Float32Array;
    const { feats, offsets } = ex.seq;
    let wrong = 0;
    const c = this.step;
    for (let i = 0; i < ex.seq.length; i++) {
      const g = ex.gold[i]!;
      const p = pred[i]!;
      if (g !== p) {
        wrong++;
        for (let f = offsets[i]!; f < offsets[i + 1]!; f++) {
          const row = (feats[f]! & mask) * K;
          w[row + g]! += 1;
          this.totals[row + g]! += c;
          w[row + p]! -= 1;
          this.totals[row + p]! -= c;
        }
      }
      if (i > 0) {
        const gp = ex.gold[i - 1]!;
        const pp = pred[i - 1]!;
        if (gp !== pp || g !== p) {
          this.model.transitions[gp * K + g]! += 1;
          this.transTotals[gp * K + g]! += c;
          this.model.transitions[pp * K + p]! -= 1;
          this.transTotals[pp * K + p]! -= c;
        }
      }
    }
    this.step++;
    return wrong;
  }

  /** The averaged model (weights minus the step-weighted totals over steps). */
  averaged(): LinearChain {
    const c = this.step;
    const weights = new Float32Array(this.model.weights.length);
    for (let i = 0; i < weights.length; i++) {
      const v = this.model.weights[i]! - this.totals[i]! / c;
      weights[i] = Math.abs(v) < 1e-3 ? 0 : v;
    }
    const transitions = new Float32Array(this.model.transitions.length);
    for (let i = 0; i < transitions.length; i++) transitions[i] = this.model.transitions[i]! - this.transTotals[i]! / c;
    return { ...this.model, weights, transitions };
  }
}

/** A fresh, all-zero model. */
export function emptyModel(tags: readonly string[], bits: number, allowed: Uint8Array): LinearChain {
  return {
    tags,
    bits,
    weights: new Float32Array((1 << bits) * tags.length),
    scale: 1,
    transitions: new Float32Array(tags.length * tags.length),
    allowed,
  };
}
