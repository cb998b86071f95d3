// The end-to-end baseline: load wink-nlp and run its bare readDoc over every .txt in a directory.
import process from 'node:process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

const nlp = winkNLP(model);
function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (name.endsWith('.txt')) yield p;
  }
}
let tokens = 0;
for (const f of files(process.argv[2])) tokens += nlp.readDoc(readFileSync(f, 'utf8')).tokens().length();
process.stdout.write(`${tokens}\n`);
