import Database from 'better-sqlite3';
import type { Store } from '../store.js';
import { createSqlStore } from '../sql/sql-store.js';
import { sqliteClient } from './client.js';
import { SQLITE_DIALECT } from './dialect.js';
import { migrate } from './migrations.js';

export { MIGRATIONS, migrate, schemaVersion, type Migration } from './migrations.js';

/** Options for {@link openSqliteStore}. */
export interface SqliteStoreOptions {
  /** Open without writing: no migration, writes fail. */
  readonly readonly?: boolean;
}

/**
 * Opens (creating and migrating) a SQLite store. WAL journal: a reader never
 * blocks the writer, and a killed process loses nothing it had committed.
 * One connection: transactions from concurrent callers in this process take
 * turns.
 */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  const { readonly = false } = options;
  const db = new Database(file, { readonly, fileMustExist: readonly });
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // 64 MiB of page cache instead of SQLite's 2 MiB: claim bands and the full-text index take
  // random inserts, which at 100,000 articles otherwise read the disk for every one.
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db);
  }
  const client = sqliteClient(db);
  // One connection is one transaction at a time: a transaction waits for the one before it.
  let turn: Promise<unknown> = Promise.resolve();
  return createSqlStore({
    name: 'sqlite',
    location: file,
    dialect: SQLITE_DIALECT,
    client,
    transaction: <T>(fn: (c: typeof client) => Promise<T>): Promise<T> => {
      const run = turn.then(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(client);
          db.exec('COMMIT');
          return result;
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw err;
        }
      });
      turn = run.catch(() => undefined);
      return run;
    },
    // BEGIN IMMEDIATE already holds SQLite's one write lock.
    lockWrites: async () => undefined,
    readOnlyError: readonly ? `store: ${file} is open read-only` : null,
    close: async () => {
      await turn;
      db.close();
    },
  });
}
