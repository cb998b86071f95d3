/**
 * Load on the HTTP API: `claimtrail serve` (the built CLI, its own process)
 * over a large database, driven by autocannon at a fixed rate for a fixed
 * time, loopback only. Reports requests/s and latency percentiles for
 * `/api/search` and `/api/articles/:id`. Target at 100,000 articles: p99 <
 * 100 ms at 200 requests/s with no errors.
 *
 *   node --import tsx bench/serve-load.ts [--db FILE | --articles N] [--rate 200] [--duration 10]
 *
 * Without --db, it uses bench/out/scale-N.db, which bench/scale.ts builds the
 * first time (N generated articles) and later runs reuse.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    articles: { type: 'string', default: '100000' },
    rate: { type: 'string', default: '200' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
  },
});
const rate = Number(values.rate);
const duration = Number(values.duration);
const connections = Number(values.connections);

const bin = resolve('bin', 'claimtrail.js');
if (!existsSync(resolve('dist', 'cli', 'index.js'))) throw new Error('bench serve-load: run `npm run build` first');

// Building 100,000 articles takes a quarter of an hour: the database is kept in bench/out/ and reused.
const db = values.db ?? resolve('bench', 'out', `scale-${values.articles}.db`);
if (!existsSync(db)) {
  mkdirSync(dirname(db), { recursive: true });
  console.log(`serve load: building ${db} once (kept for later runs; delete it to rebuild)`);
  const built = spawnSync(process.execPath, ['--import', 'tsx', join('bench', 'scale.ts'), '--articles', values.articles, '--queries', '20', '--keep', db], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (built.status !== 0) throw new Error(`bench serve-load: building the database failed (${built.status})`);
}

// The server in its own process, so the load generator does not share its event loop.
const server = spawn(process.execPath, [bin, 'serve', '--db', db, '--host', '127.0.0.1', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((done, fail) => {
  let out = '';
  server.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
    if (m) done(m[1]!);
  });
  server.on('exit', (code) => fail(new Error(`bench serve-load: the server exited ${code}`)));
});

try {
  const stats = (await (await fetch(`${url}/api/stats`)).json()) as { articles: number; attributions: number };
  // Words common in the generated corpus's contents (it is built from data/sample).
  const WORDS = ['channel', 'dredging', 'sediment', 'ferry', 'council', 'harbor', 'cadmium', 'oyster', 'state', 'commission', 'fares', 'report'];
  let n = 0;
  const paths = {
    '/api/search': () => {
      n++;
      const q = n % 3 === 0 ? `${WORDS[n % WORDS.length]!} ${WORDS[(n * 7) % WORDS.length]!}` : WORDS[n % WORDS.length]!;
      return `/api/search?q=${encodeURIComponent(q)}&limit=20`;
    },
    '/api/articles/:id': () => {
      n++;
      return `/api/articles/${1 + ((n * 2654435761) % stats.articles)}`;
    },
  };
  console.log(`serve load: ${stats.articles} articles, ${stats.attributions} attributions; ${rate} requests/s for ${duration} s over ${connections} connections, loopback`);
  for (const [name, next] of Object.entries(paths)) {
    const result = await autocannon({
      url,
      connections,
      overallRate: rate,
      duration,
      requests: [{ setupRequest: (req) => ({ ...req, path: next() }) }],
    });
    const l = result.latency;
    const failed = result.errors + result.timeouts + result.non2xx;
    const ok = l.p99 < 100 && failed === 0;
    console.log(
      `  ${name.padEnd(18)} ${result.requests.average.toFixed(0).padStart(5)} req/s  p50 ${l.p50} ms  p90 ${l.p90} ms  p99 ${l.p99} ms  max ${l.max} ms  ` +
        `errors ${result.errors} timeouts ${result.timeouts} non-2xx ${result.non2xx}  ${ok ? 'meets' : 'MISSES'} p99 < 100 ms, no errors`,
    );
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((done) => server.once('exit', done));
}
