/**
 * Calibrates the cue tagger's recall bias without looking at dev labels, per fold:
 *   1. with taggers trained on half of train (`--half`), sweep the bias on the other half (`--held-out`)
 *      and keep the one with the best mean of content soft and attribution F1;
 *   2. find the bias at which the full model (`--full`) proposes as many cues as the half model does,
 *      on unlabelled texts neither was trained on (`--texts`, only the .txt files are read).
 * Writes the mean over folds to `<full>/calibration.json`.
 * Usage: node --import tsx scripts/calibrate-cue-bias.ts --half DIR[,DIR…] --held-out DIR[,DIR…] --full models
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { scoreExtractor } from '../src/eval/index.js';
import { extract } from '../src/extract/index.js';
import { prepareDocument } from '../src/extract/document.js';
import { findCues } from '../src/extract/tag-cues.js';
import { deserializeModel } from '../src/extract/tagger/model-io.js';

const { values } = parseArgs({
  options: {
    half: { type: 'string' },
    'held-out': { type: 'string' },
    full: { type: 'string', default: 'models' },
    biases: { type: 'string', default: '0,250,500,750,1000,1250,1500' },
    // Unlabelled texts neither model was trained on, for matching the cue rate (no annotations are read).
    texts: { type: 'string', default: '../shared/data/polnear/dev' },
  },
});
if (!values.half || !values['held-out']) throw new Error('--half and --held-out are required');
const load = (dir: string) => ({
  cue: deserializeModel(readFileSync(join(dir, 'cue.bin'))),
  role: deserializeModel(readFileSync(join(dir, 'role.bin'))),
});
const full = load(values.full);
const docs = readdirSync(values.texts)
  .filter((n) => n.endsWith('.txt'))
  .map((n) => prepareDocument(readFileSync(join(values.texts, n), 'utf8')));
const count = (m: { cue: ReturnType<typeof deserializeModel> }, bias: number): number => docs.reduce((n, d) => n + findCues(d, m.cue, bias).length, 0);

/** One fold: the half model's best bias on its held-out half, and the full model's bias proposing as many cues. */
async function fold(halfDir: string, heldOut: string): Promise<{ halfDir: string; heldOut: string; halfBias: number; fullBias: number }> {
  const half = load(halfDir);
  let best = { bias: 0, score: -1 };
  for (const bias of values.biases.split(',').map(Number)) {
    const s = await scoreExtractor(heldOut, { extractor: (t, o) => extract(t, { ...o, models: { ...half, cueBias: bias } }) });
    const score = (s.content_soft.f1 + s.attribution.f1) / 2;
    console.error(`${halfDir} on ${heldOut}, bias ${bias}: content soft ${s.content_soft.f1}, attribution ${s.attribution.f1}`);
    if (score > best.score) best = { bias, score };
  }
  const target = count(half, best.bias);
  let lo = 0;
  let hi = 4 * Math.max(best.bias, 250);
  for (let i = 0; i < 20; i++) {
    const mid = (lo + hi) / 2;
    if (count(full, mid) < target) lo = mid;
    else hi = mid;
  }
  const fullBias = Math.round((lo + hi) / 2);
  console.error(`half model best at ${best.bias} (${target} cues); full model matches at ${fullBias}`);
  return { halfDir, heldOut, halfBias: best.bias, fullBias };
}

const halves = values.half.split(',');
const heldOuts = values['held-out'].split(',');
if (halves.length !== heldOuts.length) throw new Error('--half and --held-out need as many directories each');
const folds = [];
for (const [i, h] of halves.entries()) folds.push(await fold(h, heldOuts[i]!));
const cueBias = Math.round(folds.reduce((n, f) => n + f.fullBias, 0) / folds.length);
const how =
  'Folds of PolNeAR train: taggers trained on one half, bias swept on the other (best mean of content soft and attribution F1); ' +
  "the full model's bias proposes as many cues as the half model on unlabelled texts; cueBias is the mean over folds (scripts/calibrate-cue-bias.ts).";
writeFileSync(
  join(values.full, 'calibration.json'),
  `${JSON.stringify({ cueBias, folds: folds.map(({ halfBias, fullBias }) => ({ halfBias, fullBias })), how }, null, 2)}\n`,
);
