import { Hono } from 'hono';
import { HTTPError } from '../http-error.js';
import { idParam } from './articles.js';
import type { ServerConfig } from '../config.js';

/** `/api/attributions/:id/trace`: article → cited outlet or report → speaker, and the same claim elsewhere. */
export function attributionRoutes({ store }: ServerConfig): Hono {
  const app = new Hono();
  app.get('/:id/trace', async (c) => {
    const id = idParam(c);
    const trace = await store.trace(id);
    if (!trace) throw new HTTPError(404, `no attribution ${id}`);
    return c.json({ id, ...trace });
  });
  return app;
}
