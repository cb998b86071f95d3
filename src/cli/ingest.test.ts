import { collect } from '../test-support/collect.js';
import { spawn, spawnSync } from 'node:child_process';
import type { ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/index.js';
import { bufferIO } from '../test-support/cli-io.js';
import { localServer } from '../test-support/local-server.js';
import { main } from './index.js';

const repo = resolve(import.meta.dirname, '..', '..');
const fixtures = join(repo, 'src', 'ingest', 'fixtures');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimtrail-cli-ingest-'));
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const { io, stdout, stderr } = bufferIO({ cwd: dir, env });
  const code = await main(args, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('claimtrail ingest', () => {
  it('ingests, lists failures by source with the reason, and exits 1 when any failed', async () => {
    const r = await run(['ingest', fixtures, '--db', 'x.db']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('ingested 12, updated 0, unchanged 0, failed 4\n');
    expect(r.stderr).toContain(`claimtrail ingest: ${join(fixtures, 'billion-laughs.xml')}: XML with a document type`);
    expect(r.stderr).toContain(`claimtrail ingest: ${join(fixtures, 'articles.jsonl#3')}: not valid JSON`);
    expect(existsSync(join(dir, 'x.db'))).toBe(true);
  });

  it('says unchanged on a second run, and prints JSON with --json', async () => {
    const files = [join(fixtures, 'feed-atom.xml'), join(fixtures, 'dated.txt')];
    expect((await run(['ingest', ...files])).code).toBe(0);
    const again = await run(['ingest', ...files, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ ingested: 0, updated: 0, unchanged: 3, failed: 0, failures: [] });
  });

  it('uses CLAIMTRAIL_DB, else claimtrail.db in the working directory', async () => {
    await run(['ingest', join(fixtures, 'dated.txt')], { CLAIMTRAIL_DB: 'env.db' });
    expect(existsSync(join(dir, 'env.db'))).toBe(true);
    await run(['ingest', join(fixtures, 'dated.txt')]);
    expect(existsSync(join(dir, 'claimtrail.db'))).toBe(true);
  });

  it('draws a progress line with rate and ETA only when stderr is a terminal', async () => {
    mkdirSync(join(dir, 'many'));
    for (let i = 0; i < 8; i++) writeFileSync(join(dir, 'many', `${i}.txt`), `Article number ${i} says the harbor is open.`);
    const { io, stderr } = bufferIO({ cwd: dir, stderrTTY: true });
    expect(await main(['ingest', 'many'], io)).toBe(0);
    expect(stderr.text()).toMatch(/ingest 8\/8 {2}[\d.]+\/s {2}ETA/);
    const plain = await run(['ingest', 'many']);
    expect(plain.stderr).toBe('');
  });

  it('rejects bad options with exit code 2', async () => {
    expect((await run(['ingest'])).code).toBe(2);
    expect((await run(['ingest', 'x', '--batch-size', '0'])).code).toBe(2);
  });
});

describe('claimtrail ingest --jobs', () => {
  const bin = join(repo, 'bin', 'claimtrail.js');
  // Worker threads run the compiled code: the test drives the built CLI (npm install builds it).
  const built = existsSync(join(repo, 'dist', 'extract', 'pool-worker.js'));
  it.skipIf(!built)('stores the same record extracting on worker threads as on one thread', async () => {
    const sample = join(repo, 'data', 'sample');
    const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });
    expect(cli(['ingest', sample, '--db', 'one.db', '--jobs', '0']).status).toBe(0);
    expect(cli(['ingest', sample, '--db', 'two.db', '--jobs', '2']).stdout).toBe('ingested 12, updated 0, unchanged 0, failed 0\n');
    const stats = cli(['stats', '--json', '--db', 'two.db']).stdout;
    expect(JSON.parse(stats)).toMatchObject({ articles: 12 });
    expect(stats).toBe(cli(['stats', '--json', '--db', 'one.db']).stdout);
    // Same ids, speakers and claim groups, in the same order.
    const exported = cli(['export', '--format', 'jsonl', '--db', 'two.db']).stdout;
    expect(exported.length).toBeGreaterThan(1000);
    expect(exported).toBe(cli(['export', '--format', 'jsonl', '--db', 'one.db']).stdout);
  });

  it('refuses a --jobs that is not a whole number', async () => {
    const r = await run(['ingest', fixtures, '--jobs', 'two']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jobs: expected a whole number/);
  });
});

describe('claimtrail ingest killed mid-run', () => {
  it('loses nothing committed, and a re-run completes without duplicates', async () => {
    const N = 30;
    const COMMITTED = 20;
    let hang = true;
    let blocked: () => void = () => {};
    const reachedHang = new Promise<void>((done) => (blocked = done));
    const routes = Object.fromEntries(
      Array.from({ length: N }, (_, i) => [
        `/a/${i + 1}`,
        (_req: unknown, res: ServerResponse) => {
          if (hang && i + 1 > COMMITTED) {
            blocked();
            return; // never answers: the process waits here until it is killed
          }
          res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`Harbor report ${i + 1}: the pier will reopen in week ${i + 1}, officials said.`);
        },
      ]),
    );
    const server = await localServer(routes);
    const urls = Array.from({ length: N }, (_, i) => server.url(`/a/${i + 1}`));
    const db = join(dir, 'kill.db');
    const cli = (extra: string[]) =>
      spawn(process.execPath, ['--import', 'tsx', join(repo, 'src', 'test-support', 'cli-main.ts'), 'ingest', '--db', db, '--batch-size', '5', ...extra, ...urls], {
        cwd: repo,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    try {
      const first = cli([]);
      const exited = new Promise<NodeJS.Signals | null>((done) => first.on('exit', (_code, signal) => done(signal)));
      // Asking for article 21 means articles 1–20 went through four full batches, each committed before the next fetch.
      await reachedHang;
      first.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const killed = openSqliteStore(db);
      expect((await killed.stats()).articles).toBe(COMMITTED);
      await killed.close();

      hang = false;
      const second = cli(['--json']);
      let out = '';
      second.stdout.on('data', (c: Buffer) => (out += c.toString()));
      const code = await new Promise<number | null>((done) => second.on('exit', (c) => done(c)));
      expect(code).toBe(0);
      expect(JSON.parse(out)).toMatchObject({ ingested: N - COMMITTED, updated: 0, unchanged: COMMITTED, failed: 0 });

      // The same as one uninterrupted run.
      const resumed = openSqliteStore(db);
      const clean = openSqliteStore(join(dir, 'clean.db'));
      try {
        const { ingest } = await import('../ingest/index.js');
        await ingest(urls, { store: clean });
        expect(JSON.stringify((await resumed.stats()))).toBe(JSON.stringify((await clean.stats())));
        expect((await resumed.stats()).articles).toBe(N);
        const identities = (await collect(resumed.articles())).map((a) => a.identity);
        expect(new Set(identities).size).toBe(N);
      } finally {
        await resumed.close();
        await clean.close();
      }
    } finally {
      await server.close();
    }
  });
});

// The fixture files are read, not written: a sanity check that a test above did not alter them.
it('leaves fixtures alone', () => {
  expect(readFileSync(join(fixtures, 'dated.txt'), 'utf8').startsWith(' date 2025-01-20 ')).toBe(true);
});
