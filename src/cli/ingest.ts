import { ingest } from '../ingest/index.js';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../formats/index.js';
import { DEFAULT_TIMEOUT_MS } from '../ingest/index.js';
import { openStore } from '../store/index.js';
import { commandArgs, positiveInt } from './command-args.js';
import { databaseFile } from './database.js';
import { UsageError, type CliIO, type Command } from './io.js';
import { createRateProgress } from './rate-progress.js';

const USAGE = `usage: claimtrail ingest <paths|urls|-…> [--db FILE]

Reads articles into the database: plain text (with a ' date YYYY-MM-DD ' header),
HTML pages, RSS, Atom and JSON Feed files or URLs, JSON Lines
({url, outlet, publishedAt, title, text} per line), directories (recursively)
and stdin (-). An article already stored unchanged is skipped; a changed one
is re-extracted and replaces its old attributions.

options:
      --db FILE         the database (default: $CLAIMTRAIL_DB, else ./claimtrail.db)
      --batch-size N    articles per transaction (default 100)
      --max-bytes N     refuse inputs larger than N bytes (default ${DEFAULT_MAX_ARTICLE_BYTES})
      --timeout MS      give up on a URL after MS milliseconds (default ${DEFAULT_TIMEOUT_MS})
      --json            print the summary as JSON
  -h, --help            show this help

Sources that cannot be read are listed on stderr with the reason and the
rest goes on; the exit code is then 1.
`;

/** `claimtrail ingest`: read, extract and store articles. */
export const ingestCommand: Command = async (args: string[], io: CliIO): Promise<number> => {
  const { values, positionals } = commandArgs(
    args,
    {
      db: { type: 'string' },
      'batch-size': { type: 'string', default: '100' },
      'max-bytes': { type: 'string', default: String(DEFAULT_MAX_ARTICLE_BYTES) },
      timeout: { type: 'string', default: String(DEFAULT_TIMEOUT_MS) },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    USAGE,
  );
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError(`no paths or URLs given\n\n${USAGE}`);
  const config = Object.freeze({
    file: databaseFile(values.db, io),
    batchSize: positiveInt('batch-size', values['batch-size'], USAGE),
    maxBytes: positiveInt('max-bytes', values['max-bytes'], USAGE),
    timeoutMs: positiveInt('timeout', values.timeout, USAGE),
  });
  const store = await openStore(config.file);
  const progress = createRateProgress(io.stderr, 'ingest');
  try {
    const summary = await ingest(positionals, {
      store,
      cwd: io.cwd,
      stdin: io.stdin,
      batchSize: config.batchSize,
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
