import { isPostgresUrl, openPostgresStore } from './postgres/index.js';
import { openSqliteStore } from './sqlite/index.js';
import type { Store } from './store.js';

export type * from './store.js';
export { openSqliteStore, MIGRATIONS, migrate, schemaVersion, type Migration, type SqliteStoreOptions } from './sqlite/index.js';
export {
  openPostgresStore,
  isPostgresUrl,
  redactUrl,
  POSTGRES_MIGRATIONS,
  migratePostgres,
  postgresSchemaVersion,
  type PostgresMigration,
  type PostgresStoreOptions,
} from './postgres/index.js';

/** The database file used when neither `--db` nor `CLAIMTRAIL_DB` names one. */
export const DEFAULT_DB_FILE = 'claimtrail.db';

/**
 * Opens the store a spec names: a `postgres://` (or `postgresql://`) URL is a
 * PostgreSQL database, anything else a SQLite file. Either is migrated to the
 * current schema on open.
 */
export async function openStore(spec: string): Promise<Store> {
  return isPostgresUrl(spec) ? openPostgresStore(spec) : openSqliteStore(spec);
}
export { CSV_TABLES, csvField, csvLine, exportRecords, type ExportRecord } from './export-records.js';
