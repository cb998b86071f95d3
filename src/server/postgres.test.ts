import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../ingest/index.js';
import { openPostgresStore, type Store } from '../store/index.js';
import { postgresMissing, startTestPostgres, type TestPostgres } from '../test-support/postgres.js';
import { REPO, SAMPLE_DIR, tempStore } from '../test-support/sample-store.js';
import { createApp } from './index.js';

const missing = postgresMissing();

describe.skipIf(missing !== null)(`the app over PostgreSQL${missing ? `: ${missing}` : ''}`, () => {
  let server: TestPostgres;
  let sqlite: Awaited<ReturnType<typeof tempStore>>;
  let url: string;
  const stores: Store[] = [];
  beforeAll(async () => {
    server = await startTestPostgres();
    url = await server.createDatabase();
    const pg = await openPostgresStore(url);
    stores.push(pg);
    await ingest([SAMPLE_DIR], { store: pg, cwd: REPO });
    sqlite = await tempStore({ sample: true });
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await sqlite?.dispose();
    await server?.stop();
  });

  async function json(app: ReturnType<typeof createApp>, path: string): Promise<unknown> {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    return res.json();
  }

  it('answers the record endpoints as it does over SQLite', async () => {
    const onPg = createApp({ store: stores[0]! });
    const onSqlite = createApp({ store: sqlite.store });
    for (const path of ['/api/stats', '/api/articles?limit=5', '/api/articles/3', '/api/speakers?limit=10', '/api/speakers/1', '/api/attributions/5/trace']) {
      expect(await json(onPg, path), path).toEqual(await json(onSqlite, path));
    }
    // Ranking and snippets are each backend's own; the hits are the same.
    const ids = async (app: ReturnType<typeof createApp>) =>
      ((await json(app, '/api/search?q=ferry&limit=200')) as { items: { id: number }[] }).items.map((i) => i.id).sort((a, b) => a - b);
    expect(await ids(onPg)).toEqual(await ids(onSqlite));
    expect((await ids(onPg)).length).toBeGreaterThan(0);
  });

  it('lets two servers share one database: what one stores, the other serves', async () => {
    const other = await openPostgresStore(url);
    stores.push(other);
    const [a, b] = [createApp({ store: stores[0]! }), createApp({ store: other })];
    const res = await a.request('/api/articles', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: '“The night ferry stays,” said Mayor Renata Voss on Tuesday.', title: 'Night ferry stays' }),
    });
    expect(res.status).toBe(201);
    const { articles } = (await res.json()) as { articles: { id: number }[] };
    const served = (await json(b, `/api/articles/${articles[0]!.id}`)) as { title: string; attributions: unknown[] };
    expect(served.title).toBe('Night ferry stays');
    expect(served.attributions.length).toBeGreaterThan(0);
  });
});
