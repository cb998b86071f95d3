import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_DB_FILE, openStore, type Store } from '../store/index.js';
import type { CliIO } from './io.js';
import { UsageError } from './io.js';

/** The database file: `--db FILE`, else `CLAIMTRAIL_DB`, else `claimtrail.db` in the working directory. */
export function databaseFile(db: string | undefined, io: CliIO): string {
  return resolve(io.cwd, db ?? io.env['CLAIMTRAIL_DB'] ?? DEFAULT_DB_FILE);
}

/** Opens the store for a query command; a missing database is a usage error, not an empty answer. */
export function openExistingStore(db: string | undefined, io: CliIO): Store {
  const file = databaseFile(db, io);
  if (!existsSync(file)) throw new UsageError(`no database at ${file}: run 'claimtrail ingest' first, or give --db FILE`);
  return openStore(file);
}
