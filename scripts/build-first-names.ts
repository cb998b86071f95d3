/**
 * Builds models/us-first-names.txt: the first names of the US Social Security birth records (as the
 * npm package `name-to-gender` ships them, public-domain data) with at least 1,000 births, each with
 * the sex that at least 90% of those births share (`m`, `f`), or `u`. The extractor reads the small
 * file instead of compiling the package's 1.3 MB table at every start.
 * Usage: node --import tsx scripts/build-first-names.ts [--out models/us-first-names.txt]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { MIN_BIRTHS, MIN_SHARE } from '../src/extract/lexicons/first-names.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'models/us-first-names.txt' } } });
const require = createRequire(import.meta.url);
const file = require.resolve('name-to-gender');
const { guessGender } = require('name-to-gender') as { guessGender: (n: string) => { counts: { male: number; female: number } } };

// The package keeps its table as one object literal of `name:[male,female]`; read it as text.
const source = readFileSync(file, 'utf8');
const start = source.indexOf('var d={');
if (start < 0) throw new Error(`${file}: no name table found (the package's layout changed)`);
const body = source.slice(start + 7, source.indexOf('}', start));
const lines: string[] = [];
let parsed = 0;
for (const m of body.matchAll(/([a-z'-]+):\[(\d+),(\d+)\]/g)) {
  const [, name, male, female] = m as unknown as [string, string, string, string];
  parsed++;
  const births = Number(male) + Number(female);
  // Every entry must read as the package itself reads it.
  const counts = guessGender(name).counts;
  if (counts.male !== Number(male) || counts.female !== Number(female)) throw new Error(`${name}: parsed ${male}/${female}, package ${counts.male}/${counts.female}`);
  if (births < MIN_BIRTHS) continue;
  const sex = Number(male) >= births * MIN_SHARE ? 'm' : Number(female) >= births * MIN_SHARE ? 'f' : 'u';
  lines.push(`${name}\t${sex}`);
}
if (parsed < 50_000) throw new Error(`${file}: only ${parsed} names parsed`);
writeFileSync(values.out, `${lines.join('\n')}\n`);
console.error(`${parsed} names read, ${lines.length} with at least ${MIN_BIRTHS} births written to ${values.out}`);
