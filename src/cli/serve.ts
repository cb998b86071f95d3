import { existsSync } from 'node:fs';
import { loadModels } from '../extract/index.js';
import { ingest } from '../ingest/index.js';
import { DEFAULT_UI_DIR, isLoopback, startServer } from '../server/index.js';
import { openStore } from '../store/index.js';
import { commandArgsOrHelp } from './command-args.js';
import { databaseFile } from './database.js';
import { UsageError, type CliIO, type Command } from './io.js';

const USAGE = `usage: claimtrail serve [--db FILE|URL] [--port 8080] [--host 127.0.0.1]

Serves the web app and its JSON API (described at /api/openapi.json) over
the database, from one process, until interrupted.

options:
      --db DB                  a SQLite file (made if missing) or postgres:// URL (default: $CLAIMTRAIL_DB, else ./claimtrail.db)
      --port N                 the port (default 8080; 0 picks a free one)
      --host HOST              the address to listen on (default 127.0.0.1)
      --ingest-if-empty PATH   ingest PATH first when the database holds no article
      --ui DIR                 the built web UI (default: web/dist of this package)
  -h, --help                   show this help

Listening beyond loopback needs CLAIMTRAIL_TOKEN: every write must then
carry 'Authorization: Bearer <token>'. Without it the server refuses to start.
`;

/** Resolves on the first SIGINT or SIGTERM. */
function interrupted(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** `claimtrail serve`: the API and the built UI from one process. */
export const serveCommand: Command = async (args: string[], io: CliIO): Promise<number> => {
  const parsed = commandArgsOrHelp(args, io, USAGE, {
    db: { type: 'string' },
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    'ingest-if-empty': { type: 'string' },
    ui: { type: 'string' },
  });
  if (parsed === null) return 0;
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'\n\n${USAGE}`);
  if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) throw new UsageError(`--port: expected 0–65535, got '${values.port}'\n\n${USAGE}`);
  const token = io.env['CLAIMTRAIL_TOKEN'] || null;
  if (!isLoopback(values.host) && token === null) {
    throw new UsageError(`refusing to listen on ${values.host} without CLAIMTRAIL_TOKEN: set it, or listen on 127.0.0.1`);
  }
  const config = Object.freeze({
    file: databaseFile(values.db, io),
    host: values.host,
    port: Number(values.port),
    uiDir: values.ui ?? DEFAULT_UI_DIR,
  });
  const store = await openStore(config.file);
  try {
    const seed = values['ingest-if-empty'];
    if (seed !== undefined && (await store.stats()).articles === 0) {
      const summary = await ingest([seed], { store, cwd: io.cwd });
      for (const d of summary.diagnostics) io.stderr.write(`claimtrail serve: ${d.source}: ${d.reason}\n`);
      io.stdout.write(`ingested ${summary.ingested} articles from ${seed} into ${store.location}\n`);
    }
    if (!existsSync(config.uiDir)) io.stderr.write(`claimtrail serve: no built UI at ${config.uiDir} (run 'npm run build:web'); serving the API only\n`);
    // Load the tagger models now, so the first article opened does not wait for them.
    loadModels();
    const server = await startServer({ store, host: config.host, port: config.port, token, uiDir: config.uiDir }).catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`${config.host}:${config.port} is in use: give another --port`);
      throw err;
    });
    io.stdout.write(`serving ${server.url} (database ${store.location}${token ? ', writes need the token' : ''})\n`);
    const signal = await interrupted();
    io.stderr.write(`claimtrail serve: ${signal}, stopping\n`);
    await server.close();
    return 0;
  } finally {
    await store.close();
  }
};
