import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An HTTP failure that carries its status; the one error type the routes throw. */
export class HTTPError extends Error {
  override readonly name = 'HTTPError';
  readonly status: ContentfulStatusCode;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: ContentfulStatusCode, message: string, headers: Readonly<Record<string, string>> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

/** The JSON body of every error response. */
export interface ErrorBody {
  readonly status: number;
  readonly message: string;
}

/**
 * The single `onError`: an {@link HTTPError} (or Hono's own exception) becomes
 * `{ status, message }` with its status; anything else is a 500 whose detail
 * goes to `log`, never to the client.
 */
export function errorHandler(log: (err: unknown) => void) {
  return (err: Error, c: Context): Response => {
    if (err instanceof HTTPError) {
      for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
      return c.json({ status: err.status, message: err.message } satisfies ErrorBody, err.status);
    }
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      return c.json({ status, message: err.message || 'request failed' } satisfies ErrorBody, status);
    }
    log(err);
    return c.json({ status: 500, message: 'internal error' } satisfies ErrorBody, 500);
  };
}
