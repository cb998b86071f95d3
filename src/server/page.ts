import type { Context } from 'hono';
import { HTTPError } from './http-error.js';

/** One page of a list: the items, and the relative URL of the next page or null. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

/** Page size bounds shared by every list endpoint. */
export const PAGE_LIMITS = Object.freeze({ default: 50, max: 200, maxOffset: 5000 });

/** A whole number query parameter within `[min, max]`, or `fallback` when absent; a 400 otherwise. */
export function intParam(c: Context, name: string, fallback: number, min: number, max: number): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new HTTPError(400, `${name}: expected a whole number, got '${raw}'`);
  const n = Number(raw);
  if (n < min || n > max) throw new HTTPError(400, `${name}: must be between ${min} and ${max}`);
  return n;
}

/** The `limit` parameter of a list endpoint. */
export function limitParam(c: Context): number {
  return intParam(c, 'limit', PAGE_LIMITS.default, 1, PAGE_LIMITS.max);
}

/** The request URL with some query parameters replaced: the `next` link of a page. */
export function nextUrl(c: Context, replace: Readonly<Record<string, string | number>>): string {
  const url = new URL(c.req.url);
  for (const [name, value] of Object.entries(replace)) url.searchParams.set(name, String(value));
  return `${url.pathname}?${url.searchParams.toString()}`;
}

/**
 * Pages a list the store can only cut from its start (search, speakers): asks
 * for `offset + limit + 1` rows and keeps the page. Offsets are bounded so a
 * client cannot make the store read without limit.
 */
export async function offsetPage<T>(c: Context, read: (count: number) => Promise<readonly T[]>): Promise<Page<T>> {
  const limit = limitParam(c);
  const offset = intParam(c, 'offset', 0, 0, PAGE_LIMITS.maxOffset);
  const rows = await read(offset + limit + 1);
  const items = rows.slice(offset, offset + limit);
  const more = rows.length > offset + limit && offset + limit <= PAGE_LIMITS.maxOffset;
  return { items, next: more ? nextUrl(c, { offset: offset + limit, limit }) : null };
}
