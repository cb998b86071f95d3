import { ATTRIBUTION_KINDS, type AttributionKind } from '../model/index.js';
import type { SearchFilters } from '../store/index.js';
import { queryArgs, dateOption, positiveInt } from './command-args.js';
import { openExistingStore } from './database.js';
import { UsageError, type CliIO, type Command } from './io.js';
import { formatTable } from './table.js';

const USAGE = `usage: claimtrail search "<text>" [--speaker NAME] [--outlet NAME] [--since DATE] [--until DATE] [--kind KIND]

Full-text search over what was said, best matches first. Words must all
occur; "quoted words" must occur together.

options:
      --speaker NAME  only statements by this speaker (any name form, or an id)
      --outlet NAME   only articles from this outlet ("the Tribune", "NVT" …)
      --since DATE    only articles published on or after DATE (YYYY-MM-DD)
      --until DATE    only articles published on or before DATE
      --kind KIND     ${ATTRIBUTION_KINDS.join(', ')}
      --limit N       at most N results (default 50)
      --db DB         a SQLite file or postgres:// URL (default: $CLAIMTRAIL_DB, else ./claimtrail.db)
      --json          print an array of { attribution, article, speaker, snippet, score }
  -h, --help          show this help
`;

/** `claimtrail search`: full-text search over attribution contents. */
export const searchCommand: Command = async (args: string[], io: CliIO): Promise<number> => {
  const parsed = queryArgs(args, io, USAGE, {
    speaker: { type: 'string' },
    outlet: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    kind: { type: 'string' },
    limit: { type: 'string', default: '50' },
  });
  if (parsed === null) return 0;
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError(`no search text given\n\n${USAGE}`);
  if (values.kind !== undefined && !(ATTRIBUTION_KINDS as readonly string[]).includes(values.kind)) {
    throw new UsageError(`--kind: expected one of ${ATTRIBUTION_KINDS.join(', ')}, got '${values.kind}'\n\n${USAGE}`);
  }
  const since = dateOption('since', values.since, USAGE);
  const until = dateOption('until', values.until, USAGE);
  const filters: SearchFilters = Object.freeze({
    limit: positiveInt('limit', values.limit, USAGE),
    ...(values.speaker !== undefined ? { speaker: values.speaker } : {}),
    ...(values.outlet !== undefined ? { outlet: values.outlet } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
    ...(values.kind !== undefined ? { kind: values.kind as AttributionKind } : {}),
  });
  const store = await openExistingStore(values.db, io);
  try {
    const results = await store.search(positionals.join(' '), filters);
    if (values.json) {
      io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      return 0;
    }
    if (results.length === 0) {
      io.stdout.write('no matches\n');
      return 0;
    }
    const rows = results.map((r) => [
      String(r.attribution.id),
      r.article.publishedAt ?? '',
      r.article.outlet ?? '',
      r.speaker?.name ?? '',
      r.attribution.kind,
      r.snippet,
    ]);
    io.stdout.write(formatTable([['ID', 'DATE', 'OUTLET', 'SPEAKER', 'KIND', 'SNIPPET'], ...rows], { right: [0], ...(io.stdout.isTTY ? { width: columnsOf(io) } : {}) }));
    return 0;
  } finally {
    await store.close();
  }
};

function columnsOf(io: CliIO): number {
  return (io.stdout as { columns?: number }).columns ?? 100;
}
