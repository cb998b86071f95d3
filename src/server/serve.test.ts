import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_TEXT, REPO } from '../test-support/sample-store.js';

// `claimtrail serve` as a real process on a loopback port over a real SQLite file.

const CLI = join(REPO, 'src', 'test-support', 'cli-main.ts');

interface Served {
  readonly child: ChildProcess;
  readonly url: string;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exit: Promise<number | null>;
}

function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', ...args], {
    cwd: REPO,
    env: { ...process.env, CLAIMTRAIL_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, stdout: () => out, stderr: () => err, exit });
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    void exit.then((code) => reject(new Error(`serve exited ${code} before listening: ${err}`)));
  });
}

/** A raw request, so the Host header can be anything. */
function rawGet(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('claimtrail serve (a real process)', () => {
  let dir: string;
  let db: string;
  let ui: string;
  let served: Served;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'claimtrail-serve-'));
    db = join(dir, 'record.db');
    ui = join(dir, 'ui');
    mkdirSync(ui);
    writeFileSync(join(ui, 'index.html'), '<!doctype html><title>stub UI</title>');
    served = await serve(['--db', db, '--port', '0', '--ingest-if-empty', 'data/sample', '--ui', ui]);
  });
  afterAll(() => {
    served?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('ingests the sample corpus on first start and listens on loopback', async () => {
    expect(served.stdout()).toMatch(/ingested 12 articles from data\/sample/);
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const stats = (await (await fetch(`${served.url}/api/stats`)).json()) as { articles: number; attributions: number };
    expect(stats.articles).toBe(12);
    expect(stats.attributions).toBeGreaterThan(50);
  });

  it('stores a hostile article verbatim and serves it only as JSON data', async () => {
    const res = await fetch(`${served.url}/api/articles`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: HOSTILE_TEXT });
    expect(res.status).toBe(201);
    const { articles } = (await res.json()) as { articles: { id: number }[] };
    const got = await fetch(`${served.url}/api/articles/${articles[0]!.id}`);
    expect(got.headers.get('content-type')).toContain('application/json');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(((await got.json()) as { text: string }).text).toBe(HOSTILE_TEXT);
  });

  it('serves the UI for view URLs with a strict CSP', async () => {
    const res = await fetch(`${served.url}/articles/1`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('stub UI');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('answers only to loopback host names', async () => {
    expect(await rawGet(`${served.url}/api/stats`, 'localhost')).toBe(200);
    expect(await rawGet(`${served.url}/api/stats`, 'rebound.attacker.example')).toBe(403);
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await fetch(`${served.url}/api/extract`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(5 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { status: number }).status).toBe(413);
  });

  it('stops cleanly on SIGTERM, and does not ingest again into a database that has articles', async () => {
    served.child.kill('SIGTERM');
    expect(await served.exit).toBe(0);
    const again = await serve(['--db', db, '--port', '0', '--ingest-if-empty', 'data/sample', '--ui', ui]);
    try {
      expect(again.stdout()).not.toContain('ingested');
      const stats = (await (await fetch(`${again.url}/api/stats`)).json()) as { articles: number };
      expect(stats.articles).toBe(13);
    } finally {
      again.child.kill('SIGTERM');
      expect(await again.exit).toBe(0);
    }
  });

  it('says so when the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const { port } = taken.address() as AddressInfo;
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--db', db, '--port', String(port)], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      expect(await new Promise<number | null>((done) => child.on('exit', done))).toBe(2);
      expect(err).toContain(`127.0.0.1:${port} is in use`);
    } finally {
      taken.close();
    }
  });

  it('refuses to listen beyond loopback without CLAIMTRAIL_TOKEN', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--db', db, '--host', '0.0.0.0', '--port', '0'], {
      cwd: REPO,
      env: { ...process.env, CLAIMTRAIL_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code).toBe(2);
    expect(err).toContain('refusing to listen on 0.0.0.0 without CLAIMTRAIL_TOKEN');
  });
});
