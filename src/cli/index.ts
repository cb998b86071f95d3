import { type CliIO, type Command, UsageError, processIO } from './io.js';

export type { CliIO, Command } from './io.js';

/** Commands load lazily so `claimtrail extract` never pays for the store or the server. */
const COMMANDS: Readonly<Record<string, { summary: string; load: () => Promise<Command> }>> = Object.freeze({
  extract: { summary: 'find attributions in text files', load: async () => (await import('./extract.js')).extractCommand },
  eval: { summary: 'score extraction against gold brat annotations', load: async () => (await import('./eval.js')).evalCommand },
  ingest: { summary: 'read articles, pages and feeds into the database', load: async () => (await import('./ingest.js')).ingestCommand },
  search: { summary: 'full-text search over what was said', load: async () => (await import('./search.js')).searchCommand },
  speakers: { summary: 'list speakers; merge or split them', load: async () => (await import('./speakers.js')).speakersCommand },
  speaker: { summary: 'one speaker: roles, statements, outlets', load: async () => (await import('./speaker.js')).speakerCommand },
  trace: { summary: 'where a statement comes from, and who else carried it', load: async () => (await import('./trace.js')).traceCommand },
  stats: { summary: 'counts of what the database holds', load: async () => (await import('./stats.js')).statsCommand },
  export: { summary: 'write articles, attributions and speakers as jsonl, csv or brat', load: async () => (await import('./export.js')).exportCommand },
  serve: { summary: 'serve the web app and its JSON API', load: async () => (await import('./serve.js')).serveCommand },
  worker: { summary: 'take queued sources and ingest them (PostgreSQL)', load: async () => (await import('./worker.js')).workerCommand },
  watch: { summary: 'poll feeds on a schedule and store what is new', load: async () => (await import('./watch.js')).watchCommand },
  queue: { summary: 'count queued, active, failed and done jobs (PostgreSQL)', load: async () => (await import('./queue.js')).queueCommand },
});

function help(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: claimtrail <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'claimtrail <command> --help' for a command's options.\n`;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.stdout.write('claimtrail 0.1.0\n');
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr.write(`claimtrail: unknown command '${name}'\n\n${help()}`);
    return 2;
  }
  const command = await entry.load();
  try {
    return await command(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`claimtrail ${name}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
