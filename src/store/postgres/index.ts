import pg from 'pg';
import type { Store } from '../store.js';
import { createSqlStore } from '../sql/sql-store.js';
import { PG_TYPES, postgresClient } from './client.js';
import { POSTGRES_DIALECT } from './dialect.js';
import { migratePostgres } from './migrations.js';

export { POSTGRES_MIGRATIONS, migratePostgres, postgresSchemaVersion, type PostgresMigration } from './migrations.js';

/** Options for {@link openPostgresStore}. */
export interface PostgresStoreOptions {
  /**
   * Connections in the pool (default 4; at least 2: ingest reads on one while
   * a batch's transaction, open as its articles arrive, holds another).
   */
  readonly poolSize?: number;
  /** Skip migrating on open (for tests that set the schema up themselves). */
  readonly migrate?: boolean;
}

/** The transaction lock every writer takes: one writer at a time across all processes sharing the database. */
const WRITE_LOCK = 0x636c6d02;

/** Whether a database spec names PostgreSQL rather than a SQLite file. */
export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * Opens a PostgreSQL store at `url` and migrates it. Writes serialise on a
 * transaction-scoped advisory lock, so several workers can ingest into one
 * database without making a speaker or a claim group twice; extraction and
 * fetching, the costly parts, run in parallel outside it.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const { poolSize = 4, migrate = true } = options;
  if (!Number.isInteger(poolSize) || poolSize < 2) throw new Error(`openPostgresStore: poolSize must be a whole number of at least 2, got ${poolSize}`);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: PG_TYPES });
  // An idle connection that fails (the server restarted) must not crash the process.
  pool.on('error', () => undefined);
  try {
    if (migrate) await migratePostgres(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return createSqlStore({
    name: 'postgres',
    location: redactUrl(url),
    dialect: POSTGRES_DIALECT,
    client: postgresClient(pool),
    transaction: async <T>(fn: (c: ReturnType<typeof postgresClient>) => Promise<T>): Promise<T> => {
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        try {
          const result = await fn(postgresClient(conn));
          await conn.query('COMMIT');
          return result;
        } catch (err) {
          await conn.query('ROLLBACK').catch(() => undefined);
          throw err;
        }
      } finally {
        conn.release();
      }
    },
    lockWrites: (client) => client.run(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`),
    readOnlyError: null,
    close: () => pool.end(),
  });
}
