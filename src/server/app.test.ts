import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localServer } from '../test-support/local-server.js';
import { HOSTILE_TEXT, sharedClaim, tempStore } from '../test-support/sample-store.js';
import * as server from './index.js';
import { createApp, HTTPError, isLoopback, startServer, type ArticleDetail, type ArticleSummary, type OPENAPI_DOCUMENT, type Page } from './index.js';

type Json = Record<string, unknown>;

const sample = await tempStore({ sample: true });
afterAll(async () => (await sample.dispose()));
const app = createApp({ store: sample.store });

async function get<T = Json>(path: string, a = app): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await a.request(path);
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

function post(a: ReturnType<typeof createApp>, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const isString = typeof body === 'string';
  return Promise.resolve(
    a.request(path, {
      method: 'POST',
      headers: { 'content-type': isString ? 'text/plain' : 'application/json', ...headers },
      body: isString ? body : JSON.stringify(body),
    }),
  );
}

describe('server exports', () => {
  it('names its public surface', () => {
    expect(Object.keys(server).sort()).toEqual(['DEFAULT_BODY_LIMIT', 'DEFAULT_UI_DIR', 'HTTPError', 'OPENAPI_DOCUMENT', 'createApp', 'isLoopback', 'startServer']);
  });
});

describe('GET /api/openapi.json', () => {
  it('describes every API route the app answers', async () => {
    const { status, body } = await get<typeof OPENAPI_DOCUMENT>('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    expect(Object.keys(body.paths).sort()).toEqual(
      [
        '/api/articles', '/api/articles/{id}', '/api/attributions/{id}/trace', '/api/export', '/api/extract',
        '/api/openapi.json', '/api/search', '/api/speakers', '/api/speakers/{id}', '/api/stats',
      ].sort(),
    );
  });
});

describe('articles', () => {
  it('pages the list with { items, next } until next is null', async () => {
    const seen: number[] = [];
    let next: string | null = '/api/articles?limit=5';
    let pages = 0;
    while (next !== null) {
      const { status, body }: { status: number; body: Page<ArticleSummary> } = await get<Page<ArticleSummary>>(next);
      expect(status).toBe(200);
      expect(body.items.length).toBeLessThanOrEqual(5);
      for (const a of body.items) {
        expect(a).not.toHaveProperty('text');
        seen.push(a.id);
      }
      next = body.next;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
  });

  it('refuses a page size beyond the limit', async () => {
    const { status, body } = await get('/api/articles?limit=100000');
    expect(status).toBe(400);
    expect(body).toEqual({ status: 400, message: 'limit: must be between 1 and 200' });
  });

  it('gives an article with spans that are its own text at their offsets', async () => {
    const { status, body } = await get<ArticleDetail>('/api/articles/1');
    expect(status).toBe(200);
    expect(body.attributions.length).toBeGreaterThan(3);
    for (const a of body.attributions) {
      expect(body.text.slice(a.content.start, a.content.end)).toBe(a.content.text);
      expect(body.text.slice(a.cue.start, a.cue.end)).toBe(a.cue.text);
      if (a.source) expect(body.text.slice(a.source.start, a.source.end)).toBe(a.source.text);
    }
    expect(body.entities.some((e) => e.name === 'Dana Okafor')).toBe(true);
  });

  it('answers 404 as JSON for a missing or malformed id', async () => {
    expect(await get('/api/articles/999999')).toMatchObject({ status: 404, body: { status: 404, message: 'no article 999999' } });
    expect((await get('/api/articles/abc')).status).toBe(404);
    expect((await get('/api/nothing-here')).body).toEqual({ status: 404, message: 'no API route GET /api/nothing-here' });
  });
});

describe('speakers, search, trace', () => {
  it('lists speakers by statements and opens one', async () => {
    const { body } = await get<Page<{ id: number; name: string; statements: number }>>('/api/speakers?limit=3');
    expect(body.items).toHaveLength(3);
    expect(body.next).toBe('/api/speakers?limit=3&offset=3');
    const counts = body.items.map((s) => s.statements);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    const top = body.items[0]!;
    const page = await get<{ name: string; statementList: unknown[] }>(`/api/speakers/${top.id}`);
    expect(page.body.name).toBe(top.name);
    expect(page.body.statementList).toHaveLength(top.statements);
    expect((await get('/api/speakers/999999')).status).toBe(404);
  });

  it('searches with filters and pages by offset', async () => {
    const all = await get<Page<{ id: number; attribution: { id: number; kind: string; content: string } }>>('/api/search?q=channel');
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThan(1);
    for (const r of all.body.items) {
      expect(r.id).toBe(r.attribution.id);
      expect(r.attribution.content.toLowerCase()).toContain('channel');
    }
    const direct = await get<Page<{ attribution: { kind: string } }>>('/api/search?q=channel&kind=direct');
    expect(direct.body.items.every((r) => r.attribution.kind === 'direct')).toBe(true);
    const first = await get<Page<{ id: number }>>('/api/search?q=channel&limit=1');
    expect(first.body.next).toBe('/api/search?q=channel&limit=1&offset=1');
    const second = await get<Page<{ id: number }>>(first.body.next!);
    expect(second.body.items[0]!.id).toBe(all.body.items[1]!.id);
  });

  it('refuses bad filters with a message naming the parameter', async () => {
    expect((await get('/api/search?q=x&kind=rumour')).body).toMatchObject({ status: 400, message: expect.stringContaining('kind:') });
    expect((await get('/api/search?q=x&since=March')).body).toMatchObject({ status: 400, message: expect.stringContaining('since:') });
  });

  it('traces a claim carried by several articles, earliest first', async () => {
    const shared = await sharedClaim(sample.store);
    const { status, body } = await get<{ id: number; chain: { kind: string }[]; claim: { article: { id: number; publishedAt: string | null } }[] }>(
      `/api/attributions/${shared}/trace`,
    );
    expect(status).toBe(200);
    expect(body.id).toBe(shared);
    expect(body.chain[0]!.kind).toBe('article');
    expect(new Set(body.claim.map((m) => m.article.id)).size).toBeGreaterThan(1);
    const dates = body.claim.map((m) => m.article.publishedAt ?? '');
    expect([...dates].sort()).toEqual(dates);
    expect((await get('/api/attributions/999999/trace')).status).toBe(404);
  });
});

describe('GET /api/export', () => {
  it('streams the record as JSON Lines', async () => {
    const res = await app.request('/api/export?format=jsonl');
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const records = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { record: string });
    const stats = (await sample.store.stats());
    expect(records.filter((r) => r.record === 'article')).toHaveLength(stats.articles);
    expect(records.filter((r) => r.record === 'attribution')).toHaveLength(stats.attributions);
  });

  it('gives one table as CSV', async () => {
    const res = await app.request('/api/export?format=csv&table=speakers');
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe('id,name,type,roles,articles,statements');
    expect(lines.length).toBeGreaterThan(5);
    expect((await get('/api/export?format=xml')).status).toBe(400);
  });
});

describe('POST /api/extract', () => {
  it('extracts without storing', async () => {
    const before = (await sample.store.stats()).articles;
    const text = '“We will reopen the ferry dock in May,” said Harbor Commissioner Dana Okafor.';
    const res = await post(app, '/api/extract', { text });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { text: string; attributions: { content: { start: number; end: number }; kind: string }[] };
    expect(body.text).toBe(text);
    const [a] = body.attributions;
    expect(text.slice(a!.content.start, a!.content.end)).toContain('We will reopen the ferry dock in May');
    expect((await sample.store.stats()).articles).toBe(before);
  });

  it('refuses empty text and other content types', async () => {
    expect((await post(app, '/api/extract', { text: '  ' })).status).toBe(400);
    const res = await app.request('/api/extract', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<x/>' });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ status: 415 });
  });
});

describe('POST /api/articles', () => {
  let fresh: Awaited<ReturnType<typeof tempStore>>;
  let writable: ReturnType<typeof createApp>;
  beforeAll(async () => {
    fresh = await tempStore();
    writable = createApp({ store: fresh.store });
  });
  afterAll(async () => (await fresh.dispose()));

  it('stores pasted text once: the same text again is unchanged', async () => {
    const first = await post(writable, '/api/articles', { text: HOSTILE_TEXT, title: 'Tide tables', publishedAt: '2026-03-09' });
    expect(first.status).toBe(201);
    const added = (await first.json()) as { articles: { id: number; outcome: string; attributions: number }[] };
    expect(added.articles).toEqual([expect.objectContaining({ outcome: 'ingested', title: 'Tide tables' })]);
    const again = await post(writable, '/api/articles', { text: HOSTILE_TEXT, title: 'Tide tables', publishedAt: '2026-03-09' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as typeof added).articles[0]).toMatchObject({ id: added.articles[0]!.id, outcome: 'unchanged' });
    const stored = await get<ArticleDetail>(`/api/articles/${added.articles[0]!.id}`, writable);
    // Stored verbatim, served as JSON: the markup is data, not a page.
    expect(stored.body.text).toBe(HOSTILE_TEXT);
    expect(stored.headers.get('content-type')).toContain('application/json');
    expect(stored.body.attributions.length).toBe(added.articles[0]!.attributions);
  });

  it('reads HTML, keeping the article and dropping the scripts', async () => {
    const html = `<!doctype html><html><head><title>Pier 9 closes</title><script>alert(1)</script></head><body><article><h1>Pier 9 closes</h1>
      <p>The port authority said Pier 9 would close for repairs on Friday, and Harbor Commissioner Dana Okafor told reporters the work would take a month.</p>
      <p>“We have no choice,” Okafor said.</p></article></body></html>`;
    const res = await post(writable, '/api/articles', { html, url: 'https://example.org/pier-9' });
    expect(res.status).toBe(201);
    const { articles } = (await res.json()) as { articles: { id: number }[] };
    const { body } = await get<ArticleDetail>(`/api/articles/${articles[0]!.id}`, writable);
    expect(body.url).toBe('https://example.org/pier-9');
    expect(body.text).toContain('We have no choice');
    expect(body.text).not.toContain('alert(1)');
  });

  it('takes an uploaded file', async () => {
    const form = new FormData();
    form.set('file', new File(['“The gulls are back,” said Ilse Marr, a warden at Gull Point.\n'], 'gulls.txt', { type: 'text/plain' }));
    const res = await writable.request('/api/articles', { method: 'POST', body: form });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { articles: { source: string }[] }).articles[0]!.source).toBe('gulls.txt');
  });

  it('fetches a URL (from a server on loopback)', async () => {
    const local = await localServer({
      '/story.txt': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('“The bridge opens on Monday,” said Mayor Renata Voss.\n');
      },
    });
    try {
      const res = await post(writable, '/api/articles', { url: local.url('/story.txt') });
      expect(res.status).toBe(201);
      const { articles } = (await res.json()) as { articles: { id: number }[] };
      expect((await get<ArticleDetail>(`/api/articles/${articles[0]!.id}`, writable)).body.url).toBe(local.url('/story.txt'));
    } finally {
      await local.close();
    }
  });

  it('refuses bodies without exactly one of text, html or url, and unreadable input', async () => {
    expect((await post(writable, '/api/articles', { text: 'a', html: '<p>a</p>' })).status).toBe(400);
    expect((await post(writable, '/api/articles', { title: 'only a title' })).status).toBe(400);
    expect((await post(writable, '/api/articles', { url: 'file:///etc/passwd' })).status).toBe(400);
    expect((await post(writable, '/api/articles', { text: 'x', publishedAt: 'yesterday' })).status).toBe(400);
    const bad = await writable.request('/api/articles', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(await bad.json()).toEqual({ status: 400, message: 'the body is not valid JSON' });
    expect((await post(writable, '/api/articles', { text: '   \n ' })).status).toBe(400);
    const form = new FormData();
    form.set('file', new File([new Uint8Array([0, 159, 146, 150, 0, 1, 2])], 'photo.bin'));
    const binary = await writable.request('/api/articles', { method: 'POST', body: form });
    expect(binary.status).toBe(422);
    expect(((await binary.json()) as { message: string }).message).toMatch(/^photo\.bin: /);
  });
});

describe('limits and guards', () => {
  it('answers 413 beyond the body limit', async () => {
    const small = createApp({ store: sample.store, bodyLimit: 1000 });
    const res = await post(small, '/api/extract', { text: 'x'.repeat(2000) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ status: 413, message: 'the request body is larger than the 1000 bytes limit' });
  });

  it('requires the bearer token for writes, not for reads', async () => {
    const locked = createApp({ store: sample.store, token: 'correct horse battery' });
    const none = await post(locked, '/api/extract', { text: 'He said so.' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect((await post(locked, '/api/extract', { text: 'He said so.' }, { authorization: 'Bearer wrong token!' })).status).toBe(401);
    expect((await post(locked, '/api/extract', { text: 'He said so.' }, { authorization: 'Bearer correct horse battery' })).status).toBe(200);
    expect((await get('/api/stats', locked)).status).toBe(200);
  });

  it('refuses cross-site writes', async () => {
    const res = await post(app, '/api/extract', { text: 'He said so.' }, { origin: 'https://attacker.example', host: 'localhost' });
    expect(res.status).toBe(403);
    expect((await post(app, '/api/extract', { text: 'He said so.' }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  });

  it('answers only to the allowed host names', async () => {
    const guarded = createApp({ store: sample.store, allowedHosts: ['127.0.0.1'] });
    expect((await guarded.request('http://127.0.0.1:8080/api/stats')).status).toBe(200);
    const rebound = await guarded.request('http://attacker.example:8080/api/stats');
    expect(rebound.status).toBe(403);
  });

  it('hides unexpected errors behind a 500 and reports them', async () => {
    const logged: unknown[] = [];
    const broken = new Proxy(sample.store, {
      get: (target, prop, receiver) =>
        prop === 'stats'
          ? () => {
              throw new Error('disk on fire');
            }
          : Reflect.get(target, prop, receiver),
    });
    const res = await createApp({ store: broken, log: (e) => logged.push(e) }).request('/api/stats');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ status: 500, message: 'internal error' });
    expect(String(logged[0])).toContain('disk on fire');
  });

  it('refuses to listen beyond loopback without a token', async () => {
    await expect(startServer({ store: sample.store, host: '0.0.0.0', port: 0 })).rejects.toThrow(/refusing to listen on 0\.0\.0\.0 without a token/);
    expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', '192.168.1.2', 'example.org'].some(isLoopback)).toBe(false);
  });

  it('maps an HTTPError to its status and message', () => {
    const e = new HTTPError(418, 'short and stout');
    expect([e.status, e.message, e instanceof Error]).toEqual([418, 'short and stout', true]);
  });
});

describe('security headers and the UI', () => {
  const ui = mkdtempSync(join(tmpdir(), 'claimtrail-ui-'));
  mkdirSync(join(ui, 'assets'));
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>UI</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(ui, 'assets', 'app.js'), 'console.log(1)');
  afterAll(() => rmSync(ui, { recursive: true, force: true }));
  const withUi = createApp({ store: sample.store, uiDir: ui });

  it('sends a CSP without inline scripts, nosniff and no framing, on API and UI alike', async () => {
    for (const path of ['/api/stats', '/', '/articles/1', '/assets/app.js']) {
      const res = await withUi.request(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves files, and index.html for any view URL', async () => {
    const asset = await withUi.request('/assets/app.js');
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('console.log(1)');
    for (const path of ['/', '/articles/3', '/speakers/2', '/search?q=x', '/attributions/4/trace', '/add']) {
      const res = await withUi.request(path);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>UI</title>');
    }
    expect((await withUi.request('/assets/missing.js')).status).toBe(404);
  });
});
