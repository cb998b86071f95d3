import { Hono, type Context } from 'hono';
import { ATTRIBUTION_KINDS, type AttributionKind } from '../../model/index.js';
import type { SearchFilters } from '../../store/index.js';
import { HTTPError } from '../http-error.js';
import { offsetPage } from '../page.js';
import type { ServerConfig } from '../config.js';

function dateParam(c: Context, name: string): string | undefined {
  const v = c.req.query(name);
  if (v === undefined || v === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new HTTPError(400, `${name}: expected YYYY-MM-DD, got '${v}'`);
  return v;
}

function textParam(c: Context, name: string, max = 500): string | undefined {
  const v = c.req.query(name)?.trim();
  if (v === undefined || v === '') return undefined;
  if (v.length > max) throw new HTTPError(400, `${name}: longer than ${max} characters`);
  return v;
}

/** The search filters a request gives. */
function filters(c: Context): SearchFilters {
  const kind = textParam(c, 'kind');
  if (kind !== undefined && !ATTRIBUTION_KINDS.includes(kind as AttributionKind)) {
    throw new HTTPError(400, `kind: expected one of ${ATTRIBUTION_KINDS.join(', ')}`);
  }
  const f: { -readonly [K in keyof SearchFilters]: SearchFilters[K] } = {};
  const speaker = textParam(c, 'speaker');
  const outlet = textParam(c, 'outlet');
  const since = dateParam(c, 'since');
  const until = dateParam(c, 'until');
  if (speaker !== undefined) f.speaker = speaker;
  if (outlet !== undefined) f.outlet = outlet;
  if (since !== undefined) f.since = since;
  if (until !== undefined) f.until = until;
  if (kind !== undefined) f.kind = kind as AttributionKind;
  return f;
}

/** `/api/search`: full-text search over what was said, with filters; each item's `id` is its attribution's. */
export function searchRoutes({ store }: ServerConfig): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const q = textParam(c, 'q') ?? '';
    const f = filters(c);
    const page = await offsetPage(c, (count) => store.search(q, { ...f, limit: count }));
    return c.json({ ...page, items: page.items.map((r) => ({ id: r.attribution.id, ...r })) });
  });
  return app;
}
