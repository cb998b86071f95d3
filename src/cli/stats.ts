import { queryArgs } from './command-args.js';
import { openExistingStore } from './database.js';
import type { CliIO, Command } from './io.js';
import { formatTable } from './table.js';

const USAGE = `usage: claimtrail stats [--json]

Counts of what the database holds. Nothing time-dependent: two databases
with the same content print the same.

options:
      --db DB      a SQLite file or postgres:// URL (default: $CLAIMTRAIL_DB, else ./claimtrail.db)
      --json       print the counts as JSON
  -h, --help       show this help
`;

/** `claimtrail stats`: counts of articles, attributions, speakers, claims, outlets. */
export const statsCommand: Command = async (args: string[], io: CliIO): Promise<number> => {
  const parsed = queryArgs(args, io, USAGE);
  if (parsed === null) return 0;
  const { values } = parsed;
  const store = await openExistingStore(values.db, io);
  try {
    const stats = await store.stats();
    if (values.json) {
      io.stdout.write(`${JSON.stringify(stats)}\n`);
      return 0;
    }
    const rows: string[][] = [
      ['articles', String(stats.articles)],
      ['  summary only', String(stats.summaryOnly)],
      ['attributions', String(stats.attributions)],
      ...Object.entries(stats.kinds).map(([k, n]) => [`  ${k}`, String(n)]),
      ['speakers', String(stats.speakers)],
      ['claims', String(stats.claims)],
      ['  in several articles', String(stats.sharedClaims)],
      ['outlets', String(stats.outlets)],
    ];
    io.stdout.write(formatTable(rows, { right: [1] }));
    return 0;
  } finally {
    await store.close();
  }
};
