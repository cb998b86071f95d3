import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { AppOptions } from './config.js';
import { createApp } from './app.js';
import { isLoopback } from './security.js';

/** Options for {@link startServer}: the app's, plus where to listen. */
export interface ListenOptions extends Omit<AppOptions, 'allowedHosts'> {
  /** Default 127.0.0.1. Anything but loopback needs a token. */
  readonly host?: string;
  /** Default 8080; 0 picks a free port. */
  readonly port?: number;
}

/** A running server. */
export interface RunningServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Starts the app on `host:port`. On loopback it answers only to loopback host
 * names (no DNS rebinding); beyond loopback it refuses to start without a
 * token, and every write must carry it.
 */
export async function startServer(options: ListenOptions): Promise<RunningServer> {
  const { host = '127.0.0.1', port = 8080, token = null, ...appOptions } = options;
  const loopback = isLoopback(host);
  if (!loopback && (token === null || token === '')) {
    throw new Error(`serve: refusing to listen on ${host} without a token: set CLAIMTRAIL_TOKEN, or listen on 127.0.0.1`);
  }
  const app = createApp({ ...appOptions, token, allowedHosts: loopback ? ['127.0.0.1', 'localhost', '[::1]', host] : null });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      server.off('error', reject);
      const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shown}:${info.port}`,
        host: info.address,
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close((err) => (err ? fail(err) : done()));
          }),
      });
    });
    server.once('error', reject);
  });
}
