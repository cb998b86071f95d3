/**
 * Ingest throughput: the PolNeAR training texts ingested into a fresh SQLite
 * database (reading, extraction, linking, claim grouping, storage), next to
 * extraction alone on the same texts in the same run. The difference is what
 * the record costs; the target is at most 25% over extraction alone.
 * Ingest runs three ways: all on one thread; as `claimtrail ingest` does by
 * default, a worker thread it starts extracting while the main thread reads
 * and stores (the worker's start-up and cold JIT counted); and with a worker
 * kept warm across runs, as a long-running process keeps one (the `pool`
 * option), the like of the warmed extraction it is set against. Reading
 * and storing alone (extractions made beforehand) shows what the record
 * costs whatever the threads. End to end, `claimtrail ingest` runs next to
 * `claimtrail extract --format jsonl` on the same files (process start, model
 * loading and output included). Runs the compiled library (`npm run build`
 * first), which the worker threads need.
 *
 *   node --import tsx bench/ingest.ts [--shared DIR] [--rounds N]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { extract } from '../dist/extract/index.js';
import { createExtractPool, ingest, type ExtractPool } from '../dist/ingest/index.js';
import { openStore } from '../dist/store/index.js';
import { DEFAULT_SHARED, polnearTrain } from './polnear-train.js';

const { values } = parseArgs({
  options: {
    shared: { type: 'string', default: DEFAULT_SHARED },
    rounds: { type: 'string', default: '3' },
  },
});
const { dir: train, texts } = polnearTrain(values.shared, 'bench ingest');
const rounds = Number(values.rounds);

// Warm the extractor (model loading, JIT) before timing either side.
for (const t of texts.slice(0, 50)) extract(t);

// Extractions made once, for timing reading and storing alone (ingest with this as its extractor).
const extracted = new Map(texts.map((t) => [t, extract(t)]));

let extractMs = Infinity;
// Extraction alone on a worker the run starts, storing nothing: what a new worker costs, apart from storage.
let newWorkerMs = Infinity;
let storeMs = Infinity;
// Ingest three ways: all on one thread; a worker started by the run (as `claimtrail ingest` does); a worker kept warm
// across runs (as a long-running process would keep one), the like of the warmed extraction it is set against.
const warmPool = createExtractPool(1);
await Promise.all(texts.slice(0, 50).map((t) => warmPool.run(t)));
const modes: { readonly jobs: number; readonly pool?: ExtractPool }[] = [{ jobs: 0 }, { jobs: 1 }, { jobs: 1, pool: warmPool }];
const ingestMs = modes.map(() => Infinity);
// How busy the main thread (reading and storing) is while a worker extracts: the pipeline's other stage.
let mainBusyMs = Infinity;
let dbBytes = 0;
for (let r = 0; r < rounds; r++) {
  const t0 = performance.now();
  for (const t of texts) extract(t);
  extractMs = Math.min(extractMs, performance.now() - t0);
  {
    const t1 = performance.now();
    const pool = createExtractPool(1);
    await Promise.all(texts.map((t) => pool.runForStore(t)));
    newWorkerMs = Math.min(newWorkerMs, performance.now() - t1);
    await pool.close();
  }
  {
    const dir = mkdtempSync(join(tmpdir(), 'claimtrail-bench-store-'));
    const store = await openStore(join(dir, 'bench.db'));
    try {
      const t1 = performance.now();
      await ingest([train], { store, extract: (t) => extracted.get(t) ?? extract(t) });
      storeMs = Math.min(storeMs, performance.now() - t1);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  for (const [m, mode] of modes.entries()) {
    const dir = mkdtempSync(join(tmpdir(), 'claimtrail-bench-ingest-'));
    const store = await openStore(join(dir, 'bench.db'));
    try {
      const t1 = performance.now();
      const elu = performance.eventLoopUtilization();
      const summary = await ingest([train], { store, ...mode });
      ingestMs[m] = Math.min(ingestMs[m]!, performance.now() - t1);
      if (mode.pool) mainBusyMs = Math.min(mainBusyMs, performance.eventLoopUtilization(elu).active);
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
}

await warmPool.close();

const rate = (ms: number): string => `${((texts.length / ms) * 1000).toFixed(0)} articles/s`;
const overhead = (ms: number): string => `${(((ms - extractMs) / extractMs) * 100).toFixed(0)}%`;
console.log(`PolNeAR train: ${texts.length} articles, best of ${rounds} rounds`);
console.log(`  extract alone, one thread              ${(extractMs / 1000).toFixed(2).padStart(6)} s  ${rate(extractMs)}`);
console.log(`  read and store alone, extractions made ${(storeMs / 1000).toFixed(2).padStart(6)} s  ${rate(storeMs)}  (${((storeMs / texts.length)).toFixed(2)} ms an article)`);
console.log(`  ingest, one thread (--jobs 0)          ${(ingestMs[0]! / 1000).toFixed(2).padStart(6)} s  ${rate(ingestMs[0]!)}  overhead ${overhead(ingestMs[0]!)}`);
console.log(`  extract alone on a new worker          ${(newWorkerMs / 1000).toFixed(2).padStart(6)} s  ${rate(newWorkerMs)}  (its start-up and cold JIT: ${overhead(newWorkerMs)} over the warm thread)`);
console.log(`  ingest, a new worker extracting (--jobs 1) ${(ingestMs[1]! / 1000).toFixed(2).padStart(6)} s  ${rate(ingestMs[1]!)}  overhead ${overhead(ingestMs[1]!)}; ${(((ingestMs[1]! - newWorkerMs) / newWorkerMs) * 100).toFixed(0)}% over the same extraction on a new worker`);
console.log(`  ingest, a warm worker extracting     ${(ingestMs[2]! / 1000).toFixed(2).padStart(6)} s  ${rate(ingestMs[2]!)}  overhead ${overhead(ingestMs[2]!)} (target ≤ 25%)`);
console.log(`    of which the main thread was busy reading and storing ${(mainBusyMs / 1000).toFixed(2)} s`);
console.log(`  database size                          ${(dbBytes / 2 ** 20).toFixed(1)} MB`);

// End to end: the two commands a user runs, best of 2, alternating.
{
  const run = (args: string[]): number => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join('bin', 'claimtrail.js'), ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`bench ingest: claimtrail ${args.join(' ')} exited ${r.status}`);
    return performance.now() - t0;
  };
  let extractCli = Infinity;
  let ingestCli = Infinity;
  for (let r = 0; r < 2; r++) {
    extractCli = Math.min(extractCli, run(['extract', train, '--format', 'jsonl']));
    const dir = mkdtempSync(join(tmpdir(), 'claimtrail-bench-cli-'));
    try {
      ingestCli = Math.min(ingestCli, run(['ingest', train, '--db', join(dir, 'cli.db')]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`End to end, ${texts.length} files, best of 2:`);
  console.log(`  claimtrail extract --format jsonl      ${(extractCli / 1000).toFixed(2).padStart(6)} s`);
  console.log(`  claimtrail ingest (new database)       ${(ingestCli / 1000).toFixed(2).padStart(6)} s  ${(((ingestCli - extractCli) / extractCli) * 100).toFixed(0)}% over extract`);
}

// Another writer while ingest runs: one-article ingests into the same SQLite file, one after another, each timed
// (process start included), next to the same command with the database to itself. Ingest must leave the write
// lock free often enough that they wait about as long as one batch takes to store, not until it is done.
{
  const dir = mkdtempSync(join(tmpdir(), 'claimtrail-bench-contend-'));
  try {
    const db = join(dir, 'shared.db');
    const one = join(dir, 'one.txt');
    const small = (i: number): number => {
      writeFileSync(one, `Person Number${i} said the review number ${i} would take months.\n`);
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [join('bin', 'claimtrail.js'), 'ingest', one, '--db', db], { stdio: 'ignore' });
      if (r.status !== 0) throw new Error(`bench ingest: a small ingest beside a large one exited ${r.status}`);
      return performance.now() - t0;
    };
    const alone = Math.min(small(0), small(1));
    const big = spawn(process.execPath, [join('bin', 'claimtrail.js'), 'ingest', train, '--db', db], { stdio: 'ignore' });
    const bigDone = new Promise<number | null>((resolve) => big.on('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const beside: number[] = [];
    let running = true;
    void bigDone.then(() => (running = false));
    for (let i = 2; running && i < 8; i++) {
      beside.push(small(i));
      await new Promise((resolve) => setImmediate(resolve));
    }
    if ((await bigDone) !== 0) throw new Error('bench ingest: the large ingest failed beside the small ones');
    const ms = (x: number): string => `${(x / 1000).toFixed(2)} s`;
    console.log(`A one-article ingest while claimtrail ingest writes ${texts.length} articles to the same SQLite file:`);
    console.log(`  alone ${ms(alone)}; beside it ${beside.map(ms).join(', ')} (worst ${ms(Math.max(...beside))})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
