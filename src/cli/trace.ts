import type { ArticleRef, TraceStep } from '../store/index.js';
import { queryArgs } from './command-args.js';
import { openExistingStore } from './database.js';
import { UsageError, type CliIO, type Command } from './io.js';
import { formatTable } from './table.js';

const USAGE = `usage: claimtrail trace <attribution-id> [--json]

Where a statement comes from: the article, the outlet or report it cites,
the speaker; then every article carrying the same claim, earliest first.

options:
      --db DB      a SQLite file or postgres:// URL (default: $CLAIMTRAIL_DB, else ./claimtrail.db)
      --json       print the trace as JSON
  -h, --help       show this help
`;

function articleLine(a: ArticleRef): string {
  return [a.publishedAt ?? 'undated', a.outlet ?? '(no outlet)', a.title ?? a.url ?? a.source].join('  ');
}

function stepLine(step: TraceStep): string {
  switch (step.kind) {
    case 'article':
      return `article   ${articleLine(step.article)}`;
    case 'cited':
      return `cites     ${step.speaker.name} (${step.speaker.type})${step.via && step.via !== step.speaker.name ? ` as “${step.via}”` : ''}${
        step.article ? `\n          its article: ${articleLine(step.article)}` : ''
      }`;
    case 'speaker':
      return `speaker   ${step.speaker.name} (${step.speaker.type})${step.speaker.roles.length > 0 ? `, ${step.speaker.roles.join('; ')}` : ''}`;
  }
}

/** `claimtrail trace`: the chain behind one attribution, and the same claim elsewhere. */
export const traceCommand: Command = async (args: string[], io: CliIO): Promise<number> => {
  const parsed = queryArgs(args, io, USAGE);
  if (parsed === null) return 0;
  const { values, positionals } = parsed;
  const id = positionals[0];
  if (positionals.length !== 1 || id === undefined || !/^\d+$/.test(id)) throw new UsageError(`expected one attribution id\n\n${USAGE}`);
  const store = await openExistingStore(values.db, io);
  try {
    const trace = await store.trace(Number(id));
    if (!trace) {
      io.stderr.write(`claimtrail trace: no attribution ${id}\n`);
      return 1;
    }
    if (values.json) {
      io.stdout.write(`${JSON.stringify(trace, null, 2)}\n`);
      return 0;
    }
    const out = [`attribution ${trace.attribution.id} (${trace.attribution.kind}): “${trace.attribution.content}”\n\n`];
    out.push(`${trace.chain.map(stepLine).join('\n')}\n`);
    if (trace.claim.length > 1) {
      out.push(`\nthe same claim in ${new Set(trace.claim.map((m) => m.article.id)).size} articles, earliest first\n`);
      const rows = trace.claim.map((m) => [
        m.attribution.id === trace.attribution.id ? `${m.attribution.id}*` : String(m.attribution.id),
        m.article.publishedAt ?? '',
        m.article.outlet ?? '',
        m.speaker?.name ?? '',
        m.attribution.content,
      ]);
      out.push(formatTable([['ID', 'DATE', 'OUTLET', 'SPEAKER', 'CONTENT'], ...rows], { right: [0], ...(io.stdout.isTTY ? { width: (io.stdout as { columns?: number }).columns ?? 100 } : {}) }));
    } else {
      out.push('\nno other article carries this claim\n');
    }
    io.stdout.write(out.join(''));
    return 0;
  } finally {
    await store.close();
  }
};
