/**
 * AdaGrad with an L2 penalty over a table of `2^bits` hashed weights, as the
 * cue ranker and the content-boundary model train them: each update moves
 * the weights of one example's features by the loss's gradient there.
 */
export class AdaGrad {
  readonly weights: Float64Array;
  private readonly squares: Float64Array;
  private readonly mask: number;

  constructor(
    bits: number,
    private readonly rate: number,
    private readonly l2: number,
  ) {
    this.weights = new Float64Array(1 << bits);
    this.squares = new Float64Array(1 << bits).fill(1e-8);
    this.mask = (1 << bits) - 1;
  }

  /** The sum of the weights of `features`. */
  score(features: Uint32Array): number {
    let z = 0;
    for (const f of features) z += this.weights[f & this.mask]!;
    return z;
  }

  /** One step for `features`, whose loss has derivative `gradient` with respect to their score. */
  update(features: Uint32Array, gradient: number): void {
    const w = this.weights;
    for (const f of features) {
      const id = f & this.mask;
      const grad = gradient + this.l2 * w[id]!;
      this.squares[id]! += grad * grad;
      w[id]! -= (this.rate * grad) / Math.sqrt(this.squares[id]!);
    }
  }
}
