import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, openSqliteStore } from '../store/index.js';
import { ingest } from '../ingest/index.js';
import { runCli } from '../test-support/cli-io.js';
import { localServer } from '../test-support/local-server.js';
import { postgresMissing, startTestPostgres, type TestPostgres } from '../test-support/postgres.js';
import { REPO } from '../test-support/sample-store.js';
import { queueStatus, runWorker } from './index.js';

const missing = postgresMissing();
let server: TestPostgres | null = null;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'claimtrail-queue-'));
  if (missing === null) server = await startTestPostgres();
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** `claimtrail ARGS` in a process of its own, from source. */
function cliProcess(args: readonly string[]): ChildProcess & { output: () => string; exited: Promise<number | NodeJS.Signals | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'test-support', 'cli-main.ts'), ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((done) => child.on('exit', (code, signal) => done(signal ?? code)));
  return Object.assign(child, { output: () => out, exited });
}

async function statsJson(db: string): Promise<unknown> {
  const r = await runCli(['stats', '--json', '--db', db], { cwd: REPO });
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe.skipIf(missing !== null)(`queue${missing ? `: ${missing}` : ''}`, () => {
  it('refuses to queue into SQLite, and stdin', async () => {
    const r = await runCli(['ingest', '--queue', '--db', join(dir, 'x.db'), 'data/sample'], { cwd: REPO });
    expect(r).toMatchObject({ code: 2, stderr: expect.stringContaining('--queue needs a PostgreSQL database') });
    expect((await runCli(['worker', '--db', join(dir, 'x.db')], { cwd: REPO })).code).toBe(2);
    const stdin = await runCli(['ingest', '--queue', '--db', 'postgres://nobody@127.0.0.1:1/none', '-'], { cwd: REPO });
    expect(stdin).toMatchObject({ code: 2, stderr: expect.stringContaining('stdin (-) cannot be queued') });
  });

  it('gives the same stats as a direct ingest, on either backend, through two workers', async () => {
    const queued = await server!.createDatabase();
    const direct = await server!.createDatabase();
    const enqueued = await runCli(['ingest', '--queue', '--db', queued, '--json', 'data/sample'], { cwd: REPO });
    expect(enqueued.code).toBe(0);
    // The sample's twelve articles; gold .ann and .expected.json files are skipped by the worker, not failed.
    expect(JSON.parse(enqueued.stdout)).toMatchObject({ failed: 0 });
    const workers = [0, 1].map(() => cliProcess(['worker', '--db', queued, '--until-empty']));
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);

    expect((await runCli(['ingest', '--db', direct, 'data/sample'], { cwd: REPO })).code).toBe(0);
    const sqlite = join(dir, 'sample.db');
    expect((await runCli(['ingest', '--db', sqlite, 'data/sample'], { cwd: REPO })).code).toBe(0);

    const expected = await statsJson(sqlite);
    expect(expected).toMatchObject({ articles: 12 });
    expect(await statsJson(direct)).toEqual(expected);
    expect(await statsJson(queued)).toEqual(expected);
    const status = await runCli(['queue', 'status', '--json', '--db', queued], { cwd: REPO });
    expect(JSON.parse(status.stdout)).toMatchObject({ pending: 0, active: 0, failed: 0, done: JSON.parse(enqueued.stdout).enqueued });
  });

  it('runs jobs in the order they were queued, so one worker ingests as a direct ingest does', async () => {
    const input = join(dir, 'ordered');
    mkdirSync(input, { recursive: true });
    const names = Array.from({ length: 40 }, (_, i) => `${String(i).padStart(2, '0')}.txt`);
    for (const [i, name] of names.entries()) writeFileSync(join(input, name), `The ferry timetable ${i} will change in April, the operator said.`);
    const url = await server!.createDatabase();
    const store = await openPostgresStore(url);
    try {
      expect((await runCli(['ingest', '--queue', '--db', url, input], { cwd: REPO })).stdout).toBe('enqueued 40, failed 0\n');
      const order: string[] = [];
      await runWorker({ store, url, untilEmpty: true, onJob: (e) => order.push(e.source) });
      expect(order).toEqual(names.map((n) => join(input, n)));
    } finally {
      await store.close();
    }
  });

  it('retries a fetch that fails, and fails for good with the reason once retries are spent', async () => {
    let flakyCalls = 0;
    const web = await localServer({
      '/down': (_req, res: ServerResponse) => {
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('down');
      },
      '/flaky': (_req, res: ServerResponse) => {
        flakyCalls++;
        res.writeHead(flakyCalls === 1 ? 502 : 200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('The pier will reopen in May, the harbor master said.');
      },
    });
    const url = await server!.createDatabase();
    const store = await openPostgresStore(url);
    try {
      const r = await runCli(['ingest', '--queue', '--db', url, '--retries', '2', '--retry-delay', '1', web.url('/down'), web.url('/flaky')], { cwd: REPO });
      expect(r.stdout).toBe('enqueued 2, failed 0\n');
      const events: string[] = [];
      await runWorker({ store, url, untilEmpty: true, maintenanceSeconds: 1, onJob: (e) => events.push(`${e.kind} ${e.source}`) });
      const status = await queueStatus(url);
      expect(status).toMatchObject({ pending: 0, active: 0, failed: 1, done: 1 });
      expect(status.failures).toEqual([{ source: web.url('/down'), reason: `${web.url('/down')}: HTTP 503 Service Unavailable`, attempts: 3 }]);
      expect(events.filter((e) => e === `failed ${web.url('/down')}`)).toHaveLength(3);
      expect(flakyCalls).toBe(2);
      expect((await store.stats()).articles).toBe(1);
      const shown = await runCli(['queue', 'status', '--db', url], { cwd: REPO });
      expect(shown.stdout).toMatch(/failed\s+1/);
      expect(shown.stdout).toContain('HTTP 503');
    } finally {
      await store.close();
      await web.close();
    }
  });

  it('stores every article exactly once when one of three workers is killed mid-run', async () => {
    const N = 500;
    const input = join(dir, 'many');
    mkdirSync(input, { recursive: true });
    const names = ['Marta Quiroga', 'Tobias Renner', 'Ana Berg', 'Luis Okafor', 'Dana Voss'];
    for (let i = 0; i < N; i++) {
      const name = names[i % names.length]!;
      writeFileSync(
        join(input, `${String(i).padStart(3, '0')}.txt`),
        ` date 2026-0${1 + (i % 9)}-1${i % 10} Councillor ${name} said the pier number ${i} would reopen in week ${i % 52} after repairs. ` +
          `“We will keep the ferry running,” ${name.split(' ')[1]} said.`,
      );
    }
    const url = await server!.createDatabase();
    const enqueued = await runCli(['ingest', '--queue', '--db', url, '--job-timeout', '3', '--retry-delay', '1', input], { cwd: REPO });
    expect(enqueued.stdout).toBe(`enqueued ${N}, failed 0\n`);
    const worker = () => cliProcess(['worker', '--db', url, '--until-empty', '--concurrency', '2', '--maintenance', '1']);
    const [victim, ...others] = [worker(), worker(), worker()];
    // Killed once it has stored a few dozen: busy with two jobs at a time, it dies in the middle of one.
    await expect.poll(() => (victim!.output().match(/^done /gm) ?? []).length, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(30);
    victim!.kill('SIGKILL');
    expect(await victim!.exited).toBe('SIGKILL');
    expect(await Promise.all(others.map((w) => w.exited))).toEqual([0, 0]);

    const status = await queueStatus(url);
    expect(status).toMatchObject({ pending: 0, active: 0, failed: 0, done: N });
    // The jobs the victim held were run again by the others once they expired.
    expect(status.retried).toBeGreaterThanOrEqual(1);
    const direct = openSqliteStore(join(dir, 'many.db'));
    const store = await openPostgresStore(url);
    try {
      await ingest([input], { store: direct });
      const stats = await store.stats();
      expect(stats.articles).toBe(N);
      expect(stats).toEqual(await direct.stats());
    } finally {
      await store.close();
      await direct.close();
    }
  }, 180_000);
});
