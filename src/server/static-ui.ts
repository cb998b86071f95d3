import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

/** Where the built UI sits: `web/dist` at the package root, from `src/server` or `dist/server` alike. */
export const DEFAULT_UI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Claimtrail</title>
<p>The web UI is not built. Run <code>npm run build:web</code> and restart; the API is at <a href="/api/openapi.json">/api/openapi.json</a>.</p>`;

/**
 * Serves the built UI: files under `dir` as they are (hashed assets cached
 * for a year), and `index.html` for every other path so each view's URL can
 * be opened directly.
 */
export function mountUi(app: Hono, dir: string): void {
  const index = join(dir, 'index.html');
  const built = existsSync(index);
  if (built) {
    app.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    });
    app.use('*', serveStatic({ root: dir }));
  }
  const html = built ? readFileSync(index, 'utf8') : NOT_BUILT;
  app.get('/assets/*', (c) => c.text('not found', 404));
  app.get('*', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(html, built ? 200 : 503);
  });
}
