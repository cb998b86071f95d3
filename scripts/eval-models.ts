/**
 * Scores a directory of trained taggers (not the bundled ones) on a gold corpus, at a given cue bias:
 * the loop used to compare training choices on held-out train articles.
 * With a cue ranker (scripts/train-cue-ranker.ts; one trained on candidates of articles other than GOLD_DIR's),
 * cues are proposed on its bias ladder and it decides which to keep.
 * Usage: node --import tsx scripts/eval-models.ts MODEL_DIR GOLD_DIR [CUE_BIAS] [RANKER_JSON]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scoreExtractor } from '../src/eval/index.js';
import { deserializeModel, extract } from '../src/extract/index.js';
import { deserializeRanker } from '../src/extract/rank-cues.js';

const [dir, gold, bias, ranker] = process.argv.slice(2);
if (dir === undefined || gold === undefined) throw new Error('usage: eval-models MODEL_DIR GOLD_DIR [CUE_BIAS] [RANKER_JSON]');
const models = {
  cue: deserializeModel(readFileSync(join(dir, 'cue.bin'))),
  role: deserializeModel(readFileSync(join(dir, 'role.bin'))),
  cueBias: Number(bias ?? 0),
  ranker: ranker === undefined ? null : deserializeRanker(readFileSync(ranker, 'utf8')),
};
const s = await scoreExtractor(gold, { extractor: (t, o) => extract(t, { ...o, models }) });
console.log(`${dir}: content soft ${s.content_soft.f1}, exact ${s.content_exact.f1}, attribution ${s.attribution.f1}, cue ${s.cue.f1}`);
