import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { HTTPError } from './http-error.js';

/**
 * Security headers on every response. The CSP allows scripts and styles only
 * from this origin (Vite's build emits no inline script), no framing, no
 * plugins; article text is never trusted, so this is the second line behind
 * escaping.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'no-referrer',
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    strictTransportSecurity: false,
  });
}

/** Whether a host name or address is loopback only (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Refuses requests whose `Host` is not one of `allowed` (names without
 * port). A server on loopback sets it so a page on another site cannot reach
 * it through DNS rebinding.
 */
export function hostGuard(allowed: readonly string[] | null): MiddlewareHandler {
  const names = allowed === null ? null : new Set(allowed.map((h) => h.toLowerCase()));
  return async (c, next) => {
    if (names !== null) {
      // The request URL's host is the Host header on a real server.
      const host = new URL(c.req.url).hostname.toLowerCase();
      if (!names.has(host)) throw new HTTPError(403, `host '${host}' is not served here`);
    }
    await next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/**
 * Guards every unsafe method: a cross-site request (by `Origin` or
 * `Sec-Fetch-Site`) is refused, and when a token is configured the request
 * must carry `Authorization: Bearer <token>`.
 */
export function writeGuard(token: string | null): MiddlewareHandler {
  const expected = token === null ? null : digest(token);
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const site = c.req.header('sec-fetch-site');
      const origin = c.req.header('origin');
      const host = new URL(c.req.url).host.toLowerCase();
      if (site === 'cross-site' || (origin !== undefined && origin !== 'null' && hostOf(origin) !== host)) {
        throw new HTTPError(403, 'cross-site requests may not write');
      }
      if (expected !== null) {
        const given = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
        if (given === undefined || !timingSafeEqual(digest(given), expected)) {
          throw new HTTPError(401, 'a bearer token is required to write', { 'WWW-Authenticate': 'Bearer realm="claimtrail"' });
        }
      }
    }
    await next();
  };
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}
