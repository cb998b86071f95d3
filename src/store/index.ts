import { openSqliteStore, type SqliteStoreOptions } from './sqlite/index.js';
import type { Store } from './store.js';

export type * from './store.js';
export { openSqliteStore, MIGRATIONS, migrate, schemaVersion, type Migration, type SqliteStoreOptions } from './sqlite/index.js';

/** The database file used when neither `--db` nor `CLAIMTRAIL_DB` names one. */
export const DEFAULT_DB_FILE = 'claimtrail.db';

/** Opens the store in `file` (SQLite, the one backend so far). */
export function openStore(file: string, options: SqliteStoreOptions = {}): Store {
  return openSqliteStore(file, options);
}
export { exportRecords, type ExportRecord } from './export-records.js';
