import { queueStatus } from '../queue/index.js';
import { isPostgresUrl } from '../store/index.js';
import { queryArgs } from './command-args.js';
import { databaseFile } from './database.js';
import { UsageError, type CliIO, type Command } from './io.js';
import { formatTable } from './table.js';

const USAGE = `usage: claimtrail queue status [--db URL] [--json]

Counts the jobs of the ingest queue: pending (new, or waiting to be
retried), active, failed (retries spent; the latest are listed with their
reasons) and done.

options:
      --db URL     the database (default: $CLAIMTRAIL_DB); must be postgres://
      --json       print { pending, active, failed, done, retried, failures }
  -h, --help       show this help
`;

/** `claimtrail queue status`: what the queue holds. */
export const queueCommand: Command = async (args: string[], io: CliIO): Promise<number> => {
  const parsed = queryArgs(args, io, USAGE);
  if (parsed === null) return 0;
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || positionals[0] !== 'status') throw new UsageError(`expected 'status'\n\n${USAGE}`);
  const url = databaseFile(values.db, io);
  if (!isPostgresUrl(url)) throw new UsageError(`the queue lives in PostgreSQL: give --db postgres://… or set CLAIMTRAIL_DB\n\n${USAGE}`);
  const status = await queueStatus(url);
  if (values.json) {
    io.stdout.write(`${JSON.stringify(status)}\n`);
    return 0;
  }
  const rows = [
    ['pending', String(status.pending)],
    ['active', String(status.active)],
    ['failed', String(status.failed)],
    ['done', String(status.done)],
    ['  of which retried', String(status.retried)],
  ];
  const out = [formatTable(rows, { right: [1] })];
  if (status.failures.length > 0) {
    out.push('\nlatest failures\n');
    out.push(formatTable([['ATTEMPTS', 'SOURCE', 'REASON'], ...status.failures.map((f) => [String(f.attempts), f.source, f.reason])], { right: [0] }));
  }
  io.stdout.write(out.join(''));
  return 0;
};
