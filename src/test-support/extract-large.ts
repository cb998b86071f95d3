/**
 * Extracts one very large article built from the sample corpus, in its own process, and prints
 * a summary as JSON: the property test runs it so that a long synchronous extraction never blocks
 * the test runner. Usage: node --import tsx src/test-support/extract-large.ts BYTES
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from '../extract/index.js';

const sample = join(import.meta.dirname, '..', '..', 'data', 'sample');
const articles = readdirSync(sample)
  .filter((n) => n.endsWith('.txt'))
  .sort()
  .map((n) => readFileSync(join(sample, n), 'utf8'));
const size = Number(process.argv[2] ?? 8 * 2 ** 20);
let text = '';
while (text.length < size) text += `${articles.join('\n\n')}\n\n`;
const started = performance.now();
const x = extract(text);
let bad = 0;
for (const a of x.attributions) {
  for (const s of [a.cue, a.content, ...(a.source ? [a.source] : [])]) {
    if (s.start < 0 || s.end > text.length || s.start >= s.end || text.slice(s.start, s.end) !== s.text) bad++;
  }
}
process.stdout.write(
  `${JSON.stringify({ length: text.length, attributions: x.attributions.length, badSpans: bad, ms: Math.round(performance.now() - started) })}\n`,
);
