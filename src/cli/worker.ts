import { runWorker, type JobEvent } from '../queue/index.js';
import { isPostgresUrl, openPostgresStore } from '../store/index.js';
import { commandArgsOrHelp, positiveInt } from './command-args.js';
import { databaseFile } from './database.js';
import { UsageError, type CliIO, type Command } from './io.js';

const USAGE = `usage: claimtrail worker [--db URL] [--concurrency N] [--until-empty]

Takes jobs from the PostgreSQL queue ('claimtrail ingest --queue …'): reads
or fetches each source, extracts and stores its articles. Run as many as
you like, on as many machines as reach the database; extraction uses one
core per process, so run one process per core. A fetch that fails is
retried with backoff, then failed with its reason ('claimtrail queue status').

options:
      --db URL            the database (default: $CLAIMTRAIL_DB); must be postgres://
      --concurrency N     jobs in flight in this process (default 1)
      --until-empty       exit once nothing is pending or active (else run until interrupted)
      --poll S            seconds between looks for new jobs when idle (default 1)
      --maintenance S     seconds between looks for jobs of a dead worker (default 30)
  -h, --help              show this help
`;

function logLine(event: JobEvent): string {
  if (event.kind === 'done') {
    const { ingested, updated, unchanged, failures } = event.outcome;
    return `done ${event.source}: ingested ${ingested}, updated ${updated}, unchanged ${unchanged}${failures.length > 0 ? `, ${failures.length} parts failed` : ''}\n`;
  }
  return `${event.final ? 'failed' : 'will retry'} ${event.source} (attempt ${event.attempt}): ${event.reason}\n`;
}

/** `claimtrail worker`: process queued sources until interrupted. */
export const workerCommand: Command = async (args: string[], io: CliIO): Promise<number> => {
  const parsed = commandArgsOrHelp(args, io, USAGE, {
    db: { type: 'string' },
    concurrency: { type: 'string', default: '1' },
    'until-empty': { type: 'boolean', default: false },
    poll: { type: 'string', default: '1' },
    maintenance: { type: 'string', default: '30' },
  });
  if (parsed === null) return 0;
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'\n\n${USAGE}`);
  const url = databaseFile(values.db, io);
  if (!isPostgresUrl(url)) throw new UsageError(`the queue lives in PostgreSQL: give --db postgres://… or set CLAIMTRAIL_DB\n\n${USAGE}`);
  const config = Object.freeze({
    concurrency: positiveInt('concurrency', values.concurrency, USAGE),
    pollSeconds: positiveInt('poll', values.poll, USAGE),
    maintenanceSeconds: positiveInt('maintenance', values.maintenance, USAGE),
  });
  const store = await openPostgresStore(url, { poolSize: config.concurrency + 1 });
  const stop = new AbortController();
  const onSignal = (signal: string) => {
    io.stderr.write(`claimtrail worker: ${signal}, finishing the jobs in flight\n`);
    stop.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    io.stderr.write(`claimtrail worker: taking jobs from ${store.location} (concurrency ${config.concurrency})\n`);
    await runWorker({
      store,
      url,
      ...config,
      untilEmpty: values['until-empty'],
      signal: stop.signal,
      onJob: (event) => (event.kind === 'done' ? io.stdout : io.stderr).write(logLine(event)),
    });
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await store.close();
  }
};
