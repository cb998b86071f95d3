import { Hono } from 'hono';
import { extract } from '../../extract/index.js';
import { HTTPError } from '../http-error.js';
import { jsonBody } from './articles.js';
import type { ServerConfig } from '../config.js';

/** `POST /api/extract`: text in, extraction out; nothing is stored. */
export function extractRoutes(_config: ServerConfig): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    let text: unknown;
    let publishedAt: unknown;
    if (type.startsWith('text/plain')) text = await c.req.text();
    else if (type.startsWith('application/json')) ({ text, publishedAt } = await jsonBody(c));
    else throw new HTTPError(415, 'send application/json {text, publishedAt?} or text/plain');
    if (typeof text !== 'string' || text.trim() === '') throw new HTTPError(400, 'text: expected a non-empty string');
    if (publishedAt !== undefined && publishedAt !== null && (typeof publishedAt !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(publishedAt))) {
      throw new HTTPError(400, 'publishedAt: expected YYYY-MM-DD');
    }
    return c.json({ text, ...extract(text, typeof publishedAt === 'string' ? { publishedAt } : {}) });
  });
  return app;
}
