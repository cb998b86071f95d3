import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorker } from '../queue/index.js';
import { openPostgresStore, openSqliteStore } from '../store/index.js';
import { runCli } from '../test-support/cli-io.js';
import { localServer } from '../test-support/local-server.js';
import { postgresMissing, startTestPostgres, type TestPostgres } from '../test-support/postgres.js';
import { parseDuration } from './watch.js';

const FEED = readFileSync(join(import.meta.dirname, '..', 'ingest', 'fixtures', 'feed-rss.xml'), 'utf8');
const EXTRA_ITEM = `<item>
      <title>Pier reopens</title>
      <link>https://courier.example/2025/03/14/pier</link>
      <description>The pier will reopen on Friday, the harbor master said.</description>
    </item>
  </channel>`;

/** A feed server that answers a matching If-None-Match with 304, and records what it was sent. */
function feedServer() {
  const state = { body: FEED, etag: '"v1"', requests: [] as (string | null)[] };
  const route = (req: IncomingMessage, res: ServerResponse) => {
    const sent = req.headers['if-none-match'] ?? null;
    state.requests.push(typeof sent === 'string' ? sent : null);
    if (sent === state.etag) {
      res.writeHead(304, { etag: state.etag });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: state.etag });
    res.end(state.body);
  };
  return { state, route };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimtrail-watch-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('claimtrail watch', () => {
  it('reads durations', () => {
    expect([parseDuration('90s'), parseDuration('15m'), parseDuration('2h')]).toEqual([90_000, 900_000, 7_200_000]);
    expect([parseDuration('15'), parseDuration('0m'), parseDuration('1d')]).toEqual([null, null, null]);
  });

  it('stores a feed’s items, asks again with the ETag, and stores only what is new', async () => {
    const { state, route } = feedServer();
    const web = await localServer({ '/feed.xml': route });
    const db = join(dir, 'watch.db');
    try {
      const list = join(dir, 'feeds.txt');
      writeFileSync(list, `# the courier\n${web.url('/feed.xml')}\n`);
      const first = await runCli(['watch', list, '--once', '--db', db], { cwd: dir });
      expect(first).toMatchObject({ code: 0, stdout: `${web.url('/feed.xml')}: 3 stored, 0 already stored\n` });
      const second = await runCli(['watch', web.url('/feed.xml'), '--once', '--db', db], { cwd: dir });
      expect(second.stdout).toBe(`${web.url('/feed.xml')}: not modified\n`);
      expect(state.requests).toEqual([null, '"v1"']);

      state.body = FEED.replace('</channel>', EXTRA_ITEM);
      state.etag = '"v2"';
      const third = await runCli(['watch', web.url('/feed.xml'), '--once', '--db', db], { cwd: dir });
      expect(third.stdout).toBe(`${web.url('/feed.xml')}: 1 stored, 3 already stored\n`);
      const store = openSqliteStore(db);
      try {
        expect((await store.stats()).articles).toBe(4);
      } finally {
        await store.close();
      }
    } finally {
      await web.close();
    }
  });

  it('refuses what is not a duration or a feed', async () => {
    expect((await runCli(['watch', 'https://x.example/feed', '--every', 'soon'], { cwd: dir })).code).toBe(2);
    expect((await runCli(['watch', 'no-such-list.txt', '--once'], { cwd: dir })).code).toBe(2);
  });
});

const missing = postgresMissing();
describe.skipIf(missing !== null)(`claimtrail watch over PostgreSQL${missing ? `: ${missing}` : ''}`, () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startTestPostgres();
  });
  afterAll(async () => server?.stop());

  it('sends new items through the queue for the workers', async () => {
    const { route } = feedServer();
    const web = await localServer({ '/feed.xml': route });
    const url = await server.createDatabase();
    const store = await openPostgresStore(url);
    try {
      const r = await runCli(['watch', web.url('/feed.xml'), '--once', '--db', url], { cwd: dir });
      expect(r.stdout).toBe(`${web.url('/feed.xml')}: 3 enqueued, 0 already stored\n`);
      expect((await store.stats()).articles).toBe(0);
      await runWorker({ store, url, untilEmpty: true });
      expect((await store.stats()).articles).toBe(3);
      const again = await runCli(['watch', web.url('/feed.xml'), '--once', '--db', url], { cwd: dir });
      expect(again.stdout).toBe(`${web.url('/feed.xml')}: not modified\n`);
    } finally {
      await store.close();
      await web.close();
    }
  });
});
