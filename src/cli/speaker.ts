import { queryArgs, positiveInt } from './command-args.js';
import { openExistingStore } from './database.js';
import { UsageError, type CliIO, type Command } from './io.js';
import { formatTable } from './table.js';

const USAGE = `usage: claimtrail speaker <name|id> [--json]

One speaker: roles over time, statements by date, and the outlets that
quoted them. Any name form the linker accepts works ("Quiroga", "the Tribune").

options:
      --limit N    show at most N statements (default 200)
      --db DB      a SQLite file or postgres:// URL (default: $CLAIMTRAIL_DB, else ./claimtrail.db)
      --json       print the page as JSON
  -h, --help       show this help
`;

/** `claimtrail speaker`: one speaker's page. */
export const speakerCommand: Command = async (args: string[], io: CliIO): Promise<number> => {
  const parsed = queryArgs(args, io, USAGE, {
    limit: { type: 'string', default: '200' },
  });
  if (parsed === null) return 0;
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError(`no speaker name or id given\n\n${USAGE}`);
  const limit = positiveInt('limit', values.limit, USAGE);
  const store = await openExistingStore(values.db, io);
  try {
    const query = positionals.join(' ');
    const page = await store.speaker(query, { limit });
    if (!page) {
      io.stderr.write(`claimtrail speaker: no speaker '${query}'\n`);
      return 1;
    }
    if (values.json) {
      io.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
      return 0;
    }
    const out: string[] = [];
    out.push(`${page.name}  (${page.type}, speaker ${page.id})  ${page.statements} statements in ${page.articles} articles\n`);
    const others = (await store.findSpeakers(query)).filter((s) => s.id !== page.id);
    if (others.length > 0) out.push(`other speakers matching '${query}': ${others.slice(0, 5).map((s) => `${s.name} (${s.id})`).join(', ')}\n`);
    if (page.aliases.length > 0) out.push(`also: ${page.aliases.join(', ')}\n`);
    if (page.datedRoles.length > 0) {
      out.push('\nroles\n');
      out.push(formatTable([['FIRST', 'LAST', 'ARTICLES', 'ROLE'], ...page.datedRoles.map((r) => [r.first ?? '', r.last ?? '', String(r.articles), r.role])], { right: [2] }));
    }
    if (page.statementList.length > 0) {
      out.push('\nstatements\n');
      const rows = page.statementList.map((s) => [String(s.attribution.id), s.article.publishedAt ?? '', s.article.outlet ?? '', s.attribution.kind, s.attribution.content]);
      out.push(formatTable([['ID', 'DATE', 'OUTLET', 'KIND', 'CONTENT'], ...rows], { right: [0], ...(io.stdout.isTTY ? { width: (io.stdout as { columns?: number }).columns ?? 100 } : {}) }));
    }
    if (page.outlets.length > 0) {
      out.push('\nquoted by\n');
      out.push(formatTable([['STATEMENTS', 'OUTLET'], ...page.outlets.map((o) => [String(o.statements), o.name])], { right: [0] }));
    }
    io.stdout.write(out.join(''));
    return 0;
  } finally {
    await store.close();
  }
};
