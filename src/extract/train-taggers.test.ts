import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type GoldArticle, createScorer, readGoldCorpus } from '../eval/index.js';
import { toBratEvents } from '../formats/index.js';
import { deserializeModel, serializeModel } from './tagger/model-io.js';
import { extract } from './index.js';
import { trainTaggers } from './train-taggers.js';

const SAMPLE = join(import.meta.dirname, '..', '..', 'data', 'sample');

async function sample(): Promise<GoldArticle[]> {
  const out: GoldArticle[] = [];
  for await (const a of readGoldCorpus(SAMPLE)) out.push(a);
  return out;
}

// Training is library code (the bundled models come from it): train small taggers on the sample corpus.
describe('trainTaggers', () => {
  it('learns the attributions of its training articles, and is deterministic', async () => {
    const articles = await sample();
    const options = { epochs: 15, cueBits: 16, roleBits: 16 } as const;
    const trained = trainTaggers(articles, options);
    const again = trainTaggers(articles, options);
    expect(serializeModel(again.cue).equals(serializeModel(trained.cue))).toBe(true);
    expect(serializeModel(again.role).equals(serializeModel(trained.role))).toBe(true);

    // What is written is what is read back: the round trip decodes alike.
    const models = {
      cue: deserializeModel(serializeModel(trained.cue)),
      role: deserializeModel(serializeModel(trained.role)),
      cueBias: 0,
    };
    const scorer = createScorer();
    for (const a of articles) scorer.add({ ...a, pred: toBratEvents(extract(a.text, { models })) });
    const scores = scorer.result();
    expect(scores.attribution.f1).toBeGreaterThan(0.8);
    expect(scores.content_soft.f1).toBeGreaterThan(0.8);
  });

  it('finds nothing with untrained taggers', async () => {
    const [first] = await sample();
    const empty = trainTaggers([], { epochs: 1, cueBits: 10, roleBits: 10 });
    expect(extract(first!.text, { models: { ...empty, cueBias: 0 } }).attributions).toEqual([]);
  });
});
