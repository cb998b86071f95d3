import { readFileSync } from 'node:fs';
import { scoreExtractor } from '../src/eval/index.js';
import { extract } from '../src/extract/index.js';
import { deserializeModel } from '../src/extract/tagger/model-io.js';
const [dir, gold, bias] = process.argv.slice(2);
const models = { cue: deserializeModel(readFileSync(`${dir}/cue.bin`)), role: deserializeModel(readFileSync(`${dir}/role.bin`)), cueBias: Number(bias ?? 1000) };
const s = await scoreExtractor(gold!, { extractor: (t, o) => extract(t, { ...o, models }) });
console.log(dir, 'soft', s.content_soft.f1, 'exact', s.content_exact.f1, 'attr', s.attribution.f1, 'cue', s.cue.f1);
