import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bioAllowed, type LinearChain, viterbi, viterbiAny } from './linear-chain.js';

const TAGS = ['O', 'B-CUE', 'I-CUE'];

/** A three-tag model with the given transitions; emissions are given directly, so no weights are needed. */
const model = (transitions: number[]): LinearChain => ({
  tags: TAGS,
  bits: 1,
  weights: new Float32Array(6),
  scale: 1,
  transitions: Float32Array.from(transitions),
  allowed: bioAllowed(TAGS),
});

describe('viterbi', () => {
  it('decodes three tags, unrolled, exactly as the general decoder does, with and without a tag mask', () => {
    const score = fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constantFrom(0, 1, -1));
    fc.assert(
      fc.property(
        fc.array(score, { minLength: 9, maxLength: 9 }),
        fc.integer({ min: 1, max: 40 }).chain((n) =>
          fc.tuple(fc.constant(n), fc.array(score, { minLength: n * 3, maxLength: n * 3 }), fc.option(fc.array(fc.boolean(), { minLength: n, maxLength: n }))),
        ),
        (transitions, [n, emitted, masked]) => {
          const em = Float32Array.from(emitted);
          // A masked token may only be O, as inside quotation marks for the cue tagger.
          const tagMask = masked ? Uint8Array.from(masked.flatMap((m) => (m ? [1, 0, 0] : [1, 1, 1]))) : undefined;
          const seq = { length: n, feats: [], offsets: new Array<number>(n + 1).fill(0), ...(tagMask ? { tagMask } : {}) };
          const m = model(transitions);
          expect([...viterbi(m, seq, em)]).toEqual([...viterbiAny(m, seq, em)]);
        },
      ),
    );
  });
});
