import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_MAX_ARTICLE_BYTES,
  findArticleFiles,
  jsonArrayEnd,
  jsonArrayItem,
  readArticleFile,
  toBrat,
  toJson,
  toJsonLine,
  toPretty,
} from '../formats/index.js';
import type { ArticlePath } from '../formats/index.js';
import type { Extraction } from '../model/index.js';
import { UsageError } from './io.js';
import type { CliIO, Command } from './io.js';
import { createExtractPool } from '../extract/pool.js';
import { createProgress } from './progress.js';

const USAGE = `usage: claimtrail extract <files|dirs…> [--format pretty|json|jsonl|brat] [--out DIR]

Finds who said what in text files. Directories are searched recursively for .txt files.

options:
  -f, --format FORMAT  pretty (default): for reading in a terminal
                       json:  one document for one file, an array for several
                       jsonl: one document per line, written as each file is done
                       brat:  NAME.ann standoff files (PolNeAR style) in --out
  -o, --out DIR        write one file per article into DIR (brat: NAME.ann, json: NAME.json)
      --max-bytes N    skip files larger than N bytes (default ${DEFAULT_MAX_ARTICLE_BYTES}, 16 MiB)
  -j, --jobs N         extract on N worker threads (default 1; 0 = one per core); output keeps input order
  -h, --help           show this help

A file that cannot be used (binary, not UTF-8, empty, too large) is reported on
stderr and skipped; the exit code is then 1.
`;

const FORMATS = Object.freeze(['pretty', 'json', 'jsonl', 'brat'] as const);
type Format = (typeof FORMATS)[number];

/** Where the output goes: one file per article in a directory, or everything on stdout. */
type Output =
  | { readonly to: 'directory'; readonly format: 'brat' | 'json'; readonly dir: string }
  | { readonly to: 'stdout'; readonly format: 'pretty' | 'json' | 'jsonl' };

interface ExtractConfig {
  readonly inputs: readonly string[];
  readonly output: Output;
  readonly maxBytes: number;
  readonly jobs: number;
}

function outputOf(format: Format, out: string | undefined, io: CliIO): Output {
  if (out === undefined) {
    if (format === 'brat') throw usage('--format brat writes files: give --out DIR');
    return { to: 'stdout', format };
  }
  if (format !== 'brat' && format !== 'json') throw usage(`--out works with --format brat or json, not ${format}`);
  return { to: 'directory', format, dir: resolve(io.cwd, out) };
}

function usage(problem: string): UsageError {
  return new UsageError(`${problem}\n\n${USAGE}`);
}

function parseConfig(args: string[], io: CliIO): ExtractConfig | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'pretty' },
        out: { type: 'string', short: 'o' },
        'max-bytes': { type: 'string', default: String(DEFAULT_MAX_ARTICLE_BYTES) },
        jobs: { type: 'string', short: 'j', default: '1' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw usage(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  const { format, out, 'max-bytes': maxBytes, jobs, help } = values;
  if (help) return 'help';
  if (!(FORMATS as readonly string[]).includes(format)) throw usage(`unknown format '${format}': use pretty, json, jsonl or brat`);
  if (!/^[1-9]\d*$/.test(maxBytes)) throw usage(`--max-bytes: expected a positive number of bytes, got '${maxBytes}'`);
  if (!/^\d+$/.test(jobs)) throw usage(`--jobs: expected a number of threads, got '${jobs}'`);
  if (positionals.length === 0) throw usage('no files or directories given');
  const threads = Number(jobs) === 0 ? availableParallelism() : Math.min(Number(jobs), 64);
  return Object.freeze({ inputs: positionals, output: outputOf(format as Format, out, io), maxBytes: Number(maxBytes), jobs: threads });
}

/** Where extractions go; `write` resolves to why one could not be written, or null. */
interface Sink {
  write(extraction: Extraction, text: string, entry: ArticlePath): Promise<string | null>;
  /** Whether the reader went away (stdout piped to `head`): nothing more is worth extracting. */
  closed(): boolean;
  end(): Promise<void>;
}

function stdoutSink(format: 'pretty' | 'json' | 'jsonl', io: CliIO, oneDocument: boolean): Sink {
  const { stdout } = io;
  const color = stdout.isTTY === true && !io.env['NO_COLOR'];
  let count = 0;
  let failure: NodeJS.ErrnoException | null = null;
  const onError = (err: NodeJS.ErrnoException) => {
    failure = err;
  };
  stdout.on('error', onError);
  const closed = () => failure?.code === 'EPIPE';
  const emit = async (chunk: string): Promise<void> => {
    if (failure) {
      if (closed()) return;
      throw failure;
    }
    // Waiting for 'drain' keeps memory flat when the reader is slower than extraction (a pipe, a slow disk).
    if (!stdout.write(chunk)) await once(stdout, 'drain').catch(onError);
  };
  const render = (extraction: Extraction): string => {
    const index = count++;
    if (format === 'pretty') return `${index > 0 ? '\n' : ''}${toPretty(extraction, { color })}`;
    if (format === 'jsonl') return `${toJsonLine(extraction)}\n`;
    return oneDocument ? `${toJson(extraction)}\n` : jsonArrayItem(extraction, index);
  };
  return {
    write: async (extraction) => {
      await emit(render(extraction));
      return null;
    },
    closed,
    end: async () => {
      if (format === 'json' && !oneDocument) await emit(`${jsonArrayEnd(count)}\n`);
      stdout.off('error', onError);
    },
  };
}

function directorySink(format: 'brat' | 'json', out: string): Sink {
  const extension = format === 'brat' ? '.ann' : '.json';
  const written = new Map<string, string>();
  const made = new Set<string>();
  return {
    write: async (extraction, text, entry) => {
      const path = join(out, entry.name.slice(0, entry.name.length - extname(entry.name).length) + extension);
      const earlier = written.get(path);
      // Two inputs with one name (a.txt in two directories given directly) would overwrite each other.
      if (earlier !== undefined) return `${path} was already written for ${earlier}`;
      written.set(path, entry.file);
      try {
        const dir = dirname(path);
        if (!made.has(dir)) await mkdir(dir, { recursive: true });
        made.add(dir);
        await writeFile(path, format === 'brat' ? toBrat(extraction, text) : `${toJson(extraction)}\n`);
        return null;
      } catch (err) {
        return `cannot write ${path}: ${err instanceof Error ? err.message : String(err)}`;
      }
    },
    closed: () => false,
    end: async () => {},
  };
}

/** `claimtrail extract`: finds attributions in files and writes them in one of the formats. */
export const extractCommand: Command = async (args, io) => {
  const config = parseConfig(args, io);
  if (config === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  const { files, diagnostics } = await findArticleFiles(config.inputs, { cwd: io.cwd });
  const progress = createProgress(io.stderr, files.length, 'claimtrail extract');
  let failed = false;
  const report = (file: string, reason: string) => {
    failed = true;
    progress.note(`claimtrail extract: ${file}: ${reason}\n`);
  };
  // One document rather than an array only for a single file named directly, so a directory always gives an array.
  const oneDocument = config.inputs.length === 1 && files.length === 1 && files[0]?.file === config.inputs[0];
  const { output } = config;
  const sink = output.to === 'directory' ? directorySink(output.format, output.dir) : stdoutSink(output.format, io, oneDocument);
  const read = (entry: ArticlePath | undefined) => (entry ? readArticleFile(entry.path, { maxBytes: config.maxBytes }) : null);
  // One thread is the calling thread: a lone worker would only add a hop.
  const pool = createExtractPool(config.jobs > 1 ? config.jobs : 0);
  // Each file is read, then extracted (on a worker when there are several); up to `ahead` files are in
  // flight at once and results are written in input order.
  const ahead = Math.max(1, config.jobs * 2);
  const start = (entry: ArticlePath) =>
    read(entry)!.then(async (article) => {
      if (article.kind === 'diagnostic') return { article, extraction: null };
      try {
        return { article, extraction: await pool.run(article.text, { file: entry.name }) };
      } catch (err) {
        throw new Error(`${entry.file}: extraction failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
    });
  try {
    for (const d of diagnostics) report(d.file, d.reason);
    const inFlight: ReturnType<typeof start>[] = [];
    let queued = 0;
    for (let i = 0; i < files.length && !sink.closed(); i += 1) {
      while (queued < files.length && queued < i + ahead) inFlight.push(start(files[queued++]!));
      const entry = files[i]!;
      const { article, extraction } = await inFlight.shift()!;
      if (article.kind === 'diagnostic') {
        report(entry.file, article.reason);
      } else if (extraction) {
        const problem = await sink.write(extraction, article.text, entry);
        if (problem !== null) report(entry.file, problem);
      }
      progress.tick();
    }
    // Nothing left running behind an early stop (a closed pipe).
    await Promise.allSettled(inFlight);
    await sink.end();
  } finally {
    await pool.close();
    progress.done();
  }
  return failed ? 1 : 0;
};
