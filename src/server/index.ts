/** The HTTP layer: the Hono app over a store, and a way to serve it. */
export { createApp } from './app.js';
export { startServer, type ListenOptions, type RunningServer } from './listen.js';
export { DEFAULT_BODY_LIMIT, type AppOptions } from './config.js';
export { HTTPError, type ErrorBody } from './http-error.js';
export { OPENAPI_DOCUMENT } from './openapi.js';
export { isLoopback } from './security.js';
export { DEFAULT_UI_DIR } from './static-ui.js';
export type { Page } from './page.js';
export type * from './api-types.js';
