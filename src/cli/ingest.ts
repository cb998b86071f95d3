import { availableParallelism } from 'node:os';
import { ingest } from '../ingest/index.js';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../formats/index.js';
import { DEFAULT_TIMEOUT_MS } from '../ingest/index.js';
import { JOB_DEFAULTS } from '../queue/index.js';
import { isPostgresUrl, openStore } from '../store/index.js';
import { commandArgsOrHelp, nonNegativeInt, positiveInt } from './command-args.js';
import { databaseFile } from './database.js';
import { UsageError, type CliIO, type Command } from './io.js';
import { createRateProgress } from './rate-progress.js';

/** Extraction threads by default: one core stays with reading and storing. */
const DEFAULT_JOBS = Math.min(4, Math.max(0, availableParallelism() - 1));

const USAGE = `usage: claimtrail ingest <paths|urls|-…> [--db FILE|URL] [--queue]

Reads articles into the database: plain text (with a ' date YYYY-MM-DD ' header),
HTML pages, RSS, Atom and JSON Feed files or URLs, JSON Lines
({url, outlet, publishedAt, title, text} per line), directories (recursively)
and stdin (-). An article already stored unchanged is skipped; a changed one
is re-extracted and replaces its old attributions.

With --queue (PostgreSQL only) nothing is extracted here: each source becomes
a job on the database's queue, for 'claimtrail worker' processes to take.

options:
      --db FILE|URL     the database: a SQLite file or a postgres:// URL
                        (default: $CLAIMTRAIL_DB, else ./claimtrail.db)
      --queue           enqueue the sources instead of ingesting them here
      --retries N       with --queue: attempts after a failed one (default ${JOB_DEFAULTS.retries})
      --retry-delay S   with --queue: seconds before the first retry, doubling after (default ${JOB_DEFAULTS.retryDelaySeconds})
      --job-timeout S   with --queue: a job active this long is run again (default ${JOB_DEFAULTS.jobTimeoutSeconds})
      --batch-size N    articles per transaction (default 100)
  -j, --jobs N          extract on N worker threads while this one stores (default: cores - 1,
                        at most 4; 0 = extract and store on one thread)
      --max-bytes N     refuse inputs larger than N bytes (default ${DEFAULT_MAX_ARTICLE_BYTES})
      --timeout MS      give up on a URL after MS milliseconds (default ${DEFAULT_TIMEOUT_MS})
      --json            print the summary as JSON
  -h, --help            show this help

Sources that cannot be read are listed on stderr with the reason and the
rest goes on; the exit code is then 1.
`;

/** `claimtrail ingest`: read, extract and store articles. */
export const ingestCommand: Command = async (args: string[], io: CliIO): Promise<number> => {
  const parsed = commandArgsOrHelp(args, io, USAGE, {
    db: { type: 'string' },
    'batch-size': { type: 'string', default: '100' },
    jobs: { type: 'string', short: 'j', default: String(DEFAULT_JOBS) },
    'max-bytes': { type: 'string', default: String(DEFAULT_MAX_ARTICLE_BYTES) },
    timeout: { type: 'string', default: String(DEFAULT_TIMEOUT_MS) },
    json: { type: 'boolean', default: false },
    queue: { type: 'boolean', default: false },
    retries: { type: 'string', default: String(JOB_DEFAULTS.retries) },
    'retry-delay': { type: 'string', default: String(JOB_DEFAULTS.retryDelaySeconds) },
    'job-timeout': { type: 'string', default: String(JOB_DEFAULTS.jobTimeoutSeconds) },
  });
  if (parsed === null) return 0;
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError(`no paths or URLs given\n\n${USAGE}`);
  const config = Object.freeze({
    file: databaseFile(values.db, io),
    batchSize: positiveInt('batch-size', values['batch-size'], USAGE),
    jobs: nonNegativeInt('jobs', values.jobs, USAGE),
    maxBytes: positiveInt('max-bytes', values['max-bytes'], USAGE),
    timeoutMs: positiveInt('timeout', values.timeout, USAGE),
  });
  if (values.queue) return enqueueSources(positionals, config, values, io);
  const store = await openStore(config.file);
  const progress = createRateProgress(io.stderr, 'ingest');
  try {
    const summary = await ingest(positionals, {
      store,
      cwd: io.cwd,
      stdin: io.stdin,
      batchSize: config.batchSize,
      jobs: config.jobs,
      maxBytes: config.maxBytes,
      timeoutMs: config.timeoutMs,
      onProgress: (p) => progress.update(p.done, p.total, `${p.ingested + p.updated} new, ${p.unchanged} unchanged, ${p.failed} failed`),
    });
    progress.done();
    for (const d of summary.diagnostics) io.stderr.write(`claimtrail ingest: ${d.source}: ${d.reason}\n`);
    const { ingested, updated, unchanged, failed } = summary;
    if (values.json) {
      const failures = summary.diagnostics.map((d) => ({ source: d.source, reason: d.reason, ...(d.line !== undefined ? { line: d.line } : {}) }));
      io.stdout.write(`${JSON.stringify({ ingested, updated, unchanged, failed, failures })}\n`);
    } else {
      io.stdout.write(`ingested ${ingested}, updated ${updated}, unchanged ${unchanged}, failed ${failed}\n`);
    }
    return failed > 0 ? 1 : 0;
  } finally {
    progress.done();
    await store.close();
  }
};

/** `ingest --queue`: one job per source on the PostgreSQL queue. */
async function enqueueSources(
  sources: readonly string[],
  config: { readonly file: string; readonly maxBytes: number },
  values: { readonly json: boolean; readonly retries: string; readonly 'retry-delay': string; readonly 'job-timeout': string },
  io: CliIO,
): Promise<number> {
  if (!isPostgresUrl(config.file)) throw new UsageError(`--queue needs a PostgreSQL database: give --db postgres://… or set CLAIMTRAIL_DB\n\n${USAGE}`);
  if (sources.includes('-')) throw new UsageError('stdin (-) cannot be queued: save it to a file first');
  if (!/^\d+$/.test(values.retries)) throw new UsageError(`--retries: expected a whole number, got '${values.retries}'\n\n${USAGE}`);
  const { enqueue } = await import('../queue/index.js');
  const summary = await enqueue(config.file, sources, {
    cwd: io.cwd,
    maxBytes: config.maxBytes,
    retries: Number(values.retries),
    retryDelaySeconds: positiveInt('retry-delay', values['retry-delay'], USAGE),
    jobTimeoutSeconds: positiveInt('job-timeout', values['job-timeout'], USAGE),
  });
  for (const d of summary.diagnostics) io.stderr.write(`claimtrail ingest: ${d.source}: ${d.reason}\n`);
  const failed = summary.diagnostics.length;
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ enqueued: summary.enqueued, failed, failures: summary.diagnostics.map(({ source, reason }) => ({ source, reason })) })}\n`);
  } else {
    io.stdout.write(`enqueued ${summary.enqueued}, failed ${failed}\n`);
  }
  return failed > 0 ? 1 : 0;
}
