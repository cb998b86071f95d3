/**
 * Ingest throughput: the PolNeAR training texts ingested into a fresh SQLite
 * database (reading, extraction, linking, claim grouping, storage), next to
 * extraction alone on the same texts in the same run. The difference is what
 * the record costs; the target is at most 25% over extraction alone.
 *
 *   node --import tsx bench/ingest.ts [--shared DIR] [--rounds N]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { extract } from '../src/extract/index.js';
import { ingest } from '../src/ingest/index.js';
import { openStore } from '../src/store/index.js';

const { values } = parseArgs({
  options: {
    shared: { type: 'string', default: process.env['CLAIMTRAIL_SHARED'] ?? resolve('..', 'shared') },
    rounds: { type: 'string', default: '3' },
  },
});
const train = join(values.shared, 'data', 'polnear', 'train');
let files: string[];
try {
  files = readdirSync(train).filter((n) => n.endsWith('.txt')).sort();
} catch {
  console.log(`bench ingest: skipped, PolNeAR not found at ${train} (pass --shared DIR)`);
  process.exit(0);
}
const texts = files.map((n) => readFileSync(join(train, n), 'utf8'));
const rounds = Number(values.rounds);

// Warm the extractor (model loading, JIT) before timing either side.
for (const t of texts.slice(0, 50)) extract(t);

let extractMs = Infinity;
let ingestMs = Infinity;
let dbBytes = 0;
for (let r = 0; r < rounds; r++) {
  let t0 = performance.now();
  for (const t of texts) extract(t);
  extractMs = Math.min(extractMs, performance.now() - t0);

  const dir = mkdtempSync(join(tmpdir(), 'claimtrail-bench-ingest-'));
  const store = await openStore(join(dir, 'bench.db'));
  try {
    t0 = performance.now();
    const summary = await ingest([train], { store });
    ingestMs = Math.min(ingestMs, performance.now() - t0);
    // Two training files may hold the same text: one article, the other unchanged.
    if (summary.ingested + summary.unchanged + summary.updated !== texts.length || summary.failed > 0) {
      throw new Error(`bench ingest: ${JSON.stringify({ ...summary, diagnostics: summary.diagnostics.slice(0, 3) })}`);
    }
  } finally {
    await store.close();
    dbBytes = statSync(join(dir, 'bench.db')).size + (statSync(join(dir, 'bench.db-wal'), { throwIfNoEntry: false })?.size ?? 0);
    rmSync(dir, { recursive: true, force: true });
  }
}

const rate = (ms: number): string => `${((texts.length / ms) * 1000).toFixed(0)} articles/s`;
console.log(`PolNeAR train: ${texts.length} articles, best of ${rounds} rounds`);
console.log(`  extract alone                ${(extractMs / 1000).toFixed(2).padStart(6)} s  ${rate(extractMs)}`);
console.log(`  ingest (read+extract+store)  ${(ingestMs / 1000).toFixed(2).padStart(6)} s  ${rate(ingestMs)}`);
console.log(`  storage overhead             ${(((ingestMs - extractMs) / extractMs) * 100).toFixed(0)}% (target ≤ 25%)`);
console.log(`  database size                ${(dbBytes / 2 ** 20).toFixed(1)} MB`);
