/** Development loop: run the taggers from a model dir over a corpus, write brat, score with the reference scorer. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { prepareDocument } from '../src/extract/document.js';
import { findAttributions } from '../src/extract/find-attributions.js';
import { deserializeModel } from '../src/extract/tagger/model-io.js';
import { readCorpus } from './corpus.js';

const { values } = parseArgs({
  options: {
    gold: { type: 'string', default: '../shared/data/polnear/dev' },
    models: { type: 'string', default: 'models' },
    out: { type: 'string', default: '/tmp/pred' },
  },
});
const models = {
  cue: deserializeModel(readFileSync(`${values.models}/cue.bin`)),
  role: deserializeModel(readFileSync(`${values.models}/role.bin`)),
};
rmSync(values.out, { recursive: true, force: true });
mkdirSync(values.out, { recursive: true });
const corpus = readCorpus(values.gold);
const t0 = performance.now();
for (const c of corpus) {
  const doc = prepareDocument(c.text);
  const atts = findAttributions(doc, models);
  const { start, end } = doc.tokens;
  const lines: string[] = [];
  let t = 0;
  const span = (type: string, rs: { start: number; end: number }[]): string => {
    t++;
    const frag = rs.map((r) => `${start[r.start]} ${end[r.end - 1]}`).join(';');
    const txt = rs.map((r) => c.text.slice(start[r.start]!, end[r.end - 1]!)).join(' ').replace(/\n/g, ' ');
    lines.push(`T${t}\t${type} ${frag}\t${txt}`);
    return `T${t}`;
  };
  atts.forEach((a, i) => {
    const con = span('Content', [...a.content]);
    const cue = span('Cue', [a.cue]);
    const src = a.source ? span('Source', [a.source]) : null;
    lines.push(`E${i + 1}\tAttribution:${cue} Content:${con} Cue:${cue}${src ? ` Source:${src}` : ''}`);
  });
  writeFileSync(`${values.out}/${c.name}.ann`, lines.join('\n') + '\n');
}
console.error(`${corpus.length} docs in ${(performance.now() - t0).toFixed(0)} ms`);
process.stdout.write(execFileSync('python3', ['../shared/tools/brat-eval.py', values.gold, values.out]));
