import type { Store } from '../store/index.js';

/** Options for {@link createApp}. */
export interface AppOptions {
  readonly store: Store;
  /** When set, every write must carry `Authorization: Bearer <token>`. */
  readonly token?: string | null;
  /** Largest request body in bytes; beyond it the answer is 413. */
  readonly bodyLimit?: number;
  /** Largest page fetched for `POST /api/articles {url}`, in bytes. */
  readonly fetchMaxBytes?: number;
  readonly fetchTimeoutMs?: number;
  /** The built UI (`web/dist`); null serves the API only. */
  readonly uiDir?: string | null;
  /** Host names (without port) the server answers to; null answers any. */
  readonly allowedHosts?: readonly string[] | null;
  /** Where unexpected errors are reported. */
  readonly log?: (err: unknown) => void;
}

/** The frozen configuration the routes share. */
export type ServerConfig = Readonly<Required<AppOptions>>;

/** Request bodies up to 4 MiB: far more than any article, small enough to hold in memory. */
export const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;

/** Fills in defaults and freezes the options. */
export function serverConfig(options: AppOptions): ServerConfig {
  const {
    store,
    token = null,
    bodyLimit = DEFAULT_BODY_LIMIT,
    fetchMaxBytes = DEFAULT_BODY_LIMIT,
    fetchTimeoutMs = 15_000,
    uiDir = null,
    allowedHosts = null,
    log = (err: unknown) => console.error('claimtrail serve:', err),
  } = options;
  if (token !== null && token.trim().length < 8) throw new Error('server: the token must have at least 8 characters');
  return Object.freeze({ store, token, bodyLimit, fetchMaxBytes, fetchTimeoutMs, uiDir, allowedHosts, log });
}
