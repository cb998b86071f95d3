/**
 * Trains the cue and role taggers on PolNeAR train and writes models/cue.bin and models/role.bin.
 * Usage: npm run train -- [--train DIR] [--out DIR] [--epochs N] [--limit N] [--seed N]
 * (then scripts/calibrate-cue-bias.ts for models/calibration.json; see the README).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type GoldArticle, readGoldCorpus } from '../src/eval/index.js';
import { trainTaggers } from '../src/extract/train-taggers.js';
import { serializeModel } from '../src/extract/tagger/model-io.js';

const { values } = parseArgs({
  options: {
    train: { type: 'string', default: '../shared/data/polnear/train' },
    epochs: { type: 'string', default: '22' },
    'role-epochs': { type: 'string' },
    seed: { type: 'string', default: '13' },
    out: { type: 'string', default: 'models' },
    limit: { type: 'string' },
    'cue-bits': { type: 'string', default: '18' },
    'role-bits': { type: 'string', default: '19' },
  },
});

const limit = values.limit ? Number(values.limit) : Infinity;
const corpus: GoldArticle[] = [];
for await (const article of readGoldCorpus(values.train)) if (corpus.length < limit) corpus.push(article);
console.error(`read ${corpus.length} training articles`);
const models = trainTaggers(corpus, {
  epochs: Number(values.epochs),
  roleEpochs: Number(values['role-epochs'] ?? values.epochs),
  seed: Number(values.seed),
  cueBits: Number(values['cue-bits']),
  roleBits: Number(values['role-bits']),
  log: (tagger, epoch, error) => console.error(`${tagger} epoch ${epoch}: token error ${error.toFixed(4)}`),
});
mkdirSync(values.out, { recursive: true });
for (const [name, model] of Object.entries(models)) {
  const bin = serializeModel(model);
  writeFileSync(join(values.out, `${name}.bin`), bin);
  console.error(`wrote ${join(values.out, `${name}.bin`)} (${bin.length} bytes)`);
}
