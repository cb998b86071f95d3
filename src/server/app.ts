import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { serverConfig, type AppOptions } from './config.js';
import { errorHandler, HTTPError } from './http-error.js';
import { OPENAPI_DOCUMENT } from './openapi.js';
import { articleRoutes } from './routes/articles.js';
import { attributionRoutes } from './routes/attributions.js';
import { exportRoutes } from './routes/export.js';
import { extractRoutes } from './routes/extract.js';
import { searchRoutes } from './routes/search.js';
import { speakerRoutes } from './routes/speakers.js';
import { hostGuard, securityHeaders, writeGuard } from './security.js';
import { mountUi } from './static-ui.js';

/**
 * The Claimtrail HTTP app: the JSON API under `/api` and, when `uiDir` is
 * given, the built web UI for every other path. Test it in process with
 * `app.request(...)`; serve it with {@link startServer}.
 */
export function createApp(options: AppOptions): Hono {
  const config = serverConfig(options);
  const app = new Hono();
  app.onError(errorHandler(config.log));
  app.use('*', securityHeaders());
  app.use('*', hostGuard(config.allowedHosts));
  app.use('/api/*', writeGuard(config.token));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: config.bodyLimit,
      onError: () => {
        throw new HTTPError(413, `the request body is larger than the ${config.bodyLimit} bytes limit`);
      },
    }),
  );
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  app.get('/api/openapi.json', (c) => c.json(OPENAPI_DOCUMENT));
  app.get('/api/stats', async (c) => c.json(await config.store.stats()));
  app.route('/api/extract', extractRoutes(config));
  app.route('/api/articles', articleRoutes(config));
  app.route('/api/speakers', speakerRoutes(config));
  app.route('/api/search', searchRoutes(config));
  app.route('/api/attributions', attributionRoutes(config));
  app.route('/api/export', exportRoutes(config));
  app.all('/api/*', (c) => {
    throw new HTTPError(404, `no API route ${c.req.method} ${c.req.path}`);
  });

  if (config.uiDir !== null) mountUi(app, config.uiDir);
  app.notFound(() => {
    throw new HTTPError(404, 'not found');
  });
  return app;
}
