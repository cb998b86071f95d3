/**
 * PostgreSQL against SQLite in one run: the PolNeAR training texts ingested
 * into a fresh SQLite file, into PostgreSQL directly, and through the job
 * queue with one and with two worker processes; then search latency on each.
 * PostgreSQL is a throwaway local cluster (fsync off, as in the tests) unless
 * --pg names a server whose databases the bench may create.
 *
 *   node --import tsx bench/postgres.ts [--shared DIR] [--pg postgres://…] [--queries N]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ingest } from '../src/ingest/index.js';
import { enqueue } from '../src/queue/index.js';
import { openPostgresStore, openSqliteStore, type Store } from '../src/store/index.js';
import { postgresMissing, startTestPostgres } from '../src/test-support/postgres.js';
import { DEFAULT_SHARED, polnearTrain } from './polnear-train.js';

const { values } = parseArgs({
  options: {
    shared: { type: 'string', default: DEFAULT_SHARED },
    pg: { type: 'string' },
    queries: { type: 'string', default: '300' },
  },
});
const { dir: train, texts } = polnearTrain(values.shared, 'bench postgres');
const Q = Number(values.queries);

if (values.pg) process.env['CLAIMTRAIL_TEST_PG'] = values.pg;
const missing = postgresMissing();
if (missing !== null) {
  console.log(`bench postgres: ${missing}`);
  process.exit(0);
}
const server = await startTestPostgres();
const dir = mkdtempSync(join(tmpdir(), 'claimtrail-bench-pg-'));
const cli = join(import.meta.dirname, '..', 'src', 'test-support', 'cli-main.ts');

const rate = (ms: number): string => `${((texts.length / ms) * 1000).toFixed(0).padStart(4)} articles/s  (${(ms / 1000).toFixed(1)} s)`;

async function timeIngest(store: Store): Promise<number> {
  const t0 = performance.now();
  const summary = await ingest([train], { store });
  if (summary.failed > 0) throw new Error(`bench postgres: ${summary.diagnostics[0]?.reason}`);
  return performance.now() - t0;
}

/** Enqueues the corpus, then times `workers` worker processes from start until the queue is empty. */
async function timeQueue(workers: number): Promise<{ ms: number; url: string }> {
  const url = await server.createDatabase();
  await (await openPostgresStore(url)).close();
  await enqueue(url, [train]);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, () => {
      const child = spawn(process.execPath, ['--max-inlined-bytecode-size-cumulative=4000', '--import', 'tsx', cli, 'worker', '--db', url, '--until-empty'], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      return new Promise<void>((done, fail) => child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`worker exited ${code}`)))));
    }),
  );
  return { ms: performance.now() - t0, url };
}

/** p50 and p95 of a search for random content words of the corpus. */
async function searchLatency(store: Store): Promise<string> {
  const words = [...new Set(texts.join(' ').split(/[^\p{L}]+/u).filter((w) => w.length > 5))];
  let seed = 7;
  const pick = (): string => words[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % words.length]!;
  const times: number[] = [];
  for (let k = 0; k < Q; k++) {
    const t = performance.now();
    await store.search(k % 2 === 0 ? pick() : `${pick()} ${pick()}`, { limit: 20 });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (p: number): string => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(2);
  return `search p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`;
}

try {
  const sqlite = openSqliteStore(join(dir, 'bench.db'));
  const sqliteMs = await timeIngest(sqlite);
  const pgDirectUrl = await server.createDatabase();
  const pgDirect = await openPostgresStore(pgDirectUrl);
  const pgMs = await timeIngest(pgDirect);
  const one = await timeQueue(1);
  const two = await timeQueue(2);

  console.log(`PolNeAR train: ${texts.length} articles, one run each, on ${values.pg ? 'the given server' : 'a local throwaway cluster (fsync off)'}`);
  console.log(`  SQLite, ingest in process        ${rate(sqliteMs)}`);
  console.log(`  PostgreSQL, ingest in process    ${rate(pgMs)}`);
  console.log(`  PostgreSQL, queue, 1 worker      ${rate(one.ms)}  (process start included)`);
  console.log(`  PostgreSQL, queue, 2 workers     ${rate(two.ms)}  (process start included)`);
  // Linking and grouping depend on arrival order, which the queue does not keep: compare the counts.
  const same = [pgDirect, await openPostgresStore(one.url), await openPostgresStore(two.url)];
  const names = ['SQLite', 'PostgreSQL', 'queue, 1 worker', 'queue, 2 workers'];
  for (const [i, s] of [sqlite, ...same].entries()) {
    const { articles, attributions, speakers, claims, sharedClaims } = await s.stats();
    console.log(`  ${names[i]!.padEnd(17)} stats: ${JSON.stringify({ articles, attributions, speakers, claims, sharedClaims })}`);
  }
  console.log(`  SQLite      ${await searchLatency(sqlite)}`);
  console.log(`  PostgreSQL  ${await searchLatency(pgDirect)}`);
  const client = new pg.Client({ connectionString: pgDirectUrl });
  await client.connect();
  const size = (await client.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0]!.n;
  await client.end();
  console.log(`  PostgreSQL database size ${(Number(size) / 2 ** 20).toFixed(1)} MB`);
  await Promise.all([sqlite, ...same].map((s) => s.close()));
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
