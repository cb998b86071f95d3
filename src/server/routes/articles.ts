import { Hono, type Context } from 'hono';
import { extract } from '../../extract/index.js';
import { readSource, readSourceRef, readText, type ArticleInput, type ReadResult } from '../../ingest/index.js';
import type { ArticleRecord, Store } from '../../store/index.js';
import { addArticles } from '../add-articles.js';
import { HTTPError } from '../http-error.js';
import { intParam, limitParam, nextUrl, type Page } from '../page.js';
import type { ServerConfig } from '../config.js';
import type { ArticleSummary } from '../api-types.js';


async function summary(store: Store, a: ArticleRecord): Promise<ArticleSummary> {
  const { text: _text, identity: _identity, ...rest } = a;
  return { ...rest, attributions: (await store.attributions(a.id)).length };
}

/** A positive id path parameter, or a 404 (an id that cannot exist names nothing). */
export function idParam(c: Context, name = 'id'): number {
  const raw = c.req.param(name) ?? '';
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw new HTTPError(404, `no such ${name === 'id' ? 'record' : name}: '${raw}'`);
  return Number(raw);
}

const METADATA = ['title', 'outlet', 'byline', 'publishedAt', 'url'] as const;

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new HTTPError(400, `${name}: expected a string`);
  return v;
}

/** Metadata a client gave, laid over what the reader found. */
function withMetadata(read: ReadResult, body: Record<string, unknown>): ReadResult {
  const given: Partial<Record<(typeof METADATA)[number], string>> = {};
  for (const name of METADATA) {
    const v = optionalString(body, name);
    if (v !== undefined) given[name] = v;
  }
  if (given.publishedAt !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(given.publishedAt)) throw new HTTPError(400, 'publishedAt: expected YYYY-MM-DD');
  if (given.url !== undefined && !/^https?:\/\//i.test(given.url)) throw new HTTPError(400, 'url: expected an http(s) URL');
  return read.map((r) => (r.kind === 'article-input' ? ({ ...r, ...given } satisfies ArticleInput) : r));
}

async function readBody(c: Context, config: ServerConfig): Promise<ReadResult> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    const form = await c.req.parseBody();
    const file = form['file'];
    if (!(file instanceof File)) throw new HTTPError(400, "multipart body: expected a 'file' field");
    const bytes = new Uint8Array(await file.arrayBuffer());
    return withMetadata(readSource(file.name || 'upload', bytes, { contentType: file.type || null, maxBytes: config.bodyLimit }), form);
  }
  if (type.startsWith('text/plain')) {
    const text = await c.req.text();
    if (text.trim() === '') throw new HTTPError(400, 'the body is empty');
    return [readText('pasted.txt', text)];
  }
  if (!type.startsWith('application/json')) throw new HTTPError(415, 'send application/json, text/plain or multipart/form-data');
  const body = await jsonBody(c);
  const text = optionalString(body, 'text');
  const html = optionalString(body, 'html');
  const url = optionalString(body, 'url');
  // With text or HTML, a url is the article's address; alone, it is a page to fetch.
  if ((text === undefined) === (html === undefined) && !(text === undefined && url !== undefined)) {
    throw new HTTPError(400, 'give text, html or url (url alone is fetched)');
  }
  if ((text ?? html)?.trim() === '') throw new HTTPError(400, 'the article is empty');
  const source = optionalString(body, 'source');
  if (text === undefined && html === undefined && url !== undefined) {
    if (!/^https?:\/\//i.test(url)) throw new HTTPError(400, 'url: expected an http(s) URL');
    const read = await readSourceRef({ kind: 'url', name: url, path: url }, { maxBytes: config.fetchMaxBytes, timeoutMs: config.fetchTimeoutMs });
    const { url: _url, ...rest } = body;
    return withMetadata(read, rest);
  }
  if (html !== undefined) {
    const read = readSource(source ?? 'pasted.html', new TextEncoder().encode(html), { contentType: 'text/html', url: url ?? null });
    return withMetadata(read, body);
  }
  return withMetadata([readText(source ?? 'pasted.txt', text!)], body);
}

/** The JSON object body of a request, or a 400. */
export async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = await c.req.json();
  } catch {
    throw new HTTPError(400, 'the body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HTTPError(400, 'the body must be a JSON object');
  return value as Record<string, unknown>;
}

/** `/api/articles`: list, read one, add. */
export function articleRoutes(config: ServerConfig): Hono {
  const { store } = config;
  const app = new Hono();

  app.get('/', async (c) => {
    const limit = limitParam(c);
    const after = intParam(c, 'after', 0, 0, Number.MAX_SAFE_INTEGER);
    const items: ArticleSummary[] = [];
    let more = false;
    for await (const a of store.articles({ after })) {
      if (items.length === limit) {
        more = true;
        break;
      }
      items.push(await summary(store, a));
    }
    const last = items[items.length - 1];
    return c.json({ items, next: more && last ? nextUrl(c, { after: last.id, limit }) : null } satisfies Page<ArticleSummary>);
  });

  app.get('/:id', async (c) => {
    const id = idParam(c);
    const article = await store.article(id);
    if (!article) throw new HTTPError(404, `no article ${id}`);
    // Articles stored before entities were kept have them found again from the text.
    const entities = (await store.entities(id)) ?? extract(article.text, article.publishedAt ? { publishedAt: article.publishedAt } : {}).entities;
    return c.json({ ...article, attributions: await store.attributions(id), entities });
  });

  app.post('/', async (c) => {
    const read = await readBody(c, config);
    const result = await addArticles(store, read);
    if (result.articles.length === 0) {
      throw new HTTPError(422, result.diagnostics.map((d) => `${d.source}: ${d.reason}`).join('; ') || 'no article found in the request');
    }
    const created = result.articles.some((a) => a.outcome !== 'unchanged');
    return c.json(result, created ? 201 : 200);
  });

  return app;
}
