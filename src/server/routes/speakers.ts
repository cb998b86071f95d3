import { Hono } from 'hono';
import { HTTPError } from '../http-error.js';
import { intParam, offsetPage } from '../page.js';
import type { ServerConfig } from '../config.js';

/** `/api/speakers`: the list by statements, and one speaker's page. */
export function speakerRoutes({ store }: ServerConfig): Hono {
  const app = new Hono();
  app.get('/', async (c) => c.json(await offsetPage(c, (count) => store.speakers({ top: count }))));
  app.get('/:id', async (c) => {
    const key = c.req.param('id');
    const limit = intParam(c, 'limit', 500, 1, 5000);
    const page = await store.speaker(key, { limit });
    if (!page) throw new HTTPError(404, `no speaker '${key}'`);
    return c.json(page);
  });
  return app;
}
