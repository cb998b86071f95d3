import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_DB_FILE, isPostgresUrl, openStore, type Store } from '../store/index.js';
import type { CliIO } from './io.js';
import { UsageError } from './io.js';

/** The database: `--db`, else `CLAIMTRAIL_DB`, else `claimtrail.db` in the working directory. A `postgres://` URL is kept as given; a file is made absolute. */
export function databaseFile(db: string | undefined, io: CliIO): string {
  const spec = db ?? io.env['CLAIMTRAIL_DB'] ?? DEFAULT_DB_FILE;
  return isPostgresUrl(spec) ? spec : resolve(io.cwd, spec);
}

/** Opens the store for a query command; a missing SQLite file is a usage error, not an empty answer. */
export async function openExistingStore(db: string | undefined, io: CliIO): Promise<Store> {
  const spec = databaseFile(db, io);
  if (!isPostgresUrl(spec) && !existsSync(spec)) throw new UsageError(`no database at ${spec}: run 'claimtrail ingest' first, or give --db FILE`);
  return openStore(spec);
}
