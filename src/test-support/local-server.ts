import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A handler for one path of the local server. */
export type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** A server on 127.0.0.1 only, on a free port, for tests of fetching URLs. */
export async function localServer(routes: Readonly<Record<string, Route>>): Promise<{ url: (path: string) => string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (route) route(req, res);
    else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
