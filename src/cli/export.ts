import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { toBrat } from '../formats/index.js';
import { createAttribution, createExtraction, type Extraction } from '../model/index.js';
import { CSV_TABLES, csvLine, exportRecords, type ArticleRecord, type Store, type StoredAttribution, type StoredSpan } from '../store/index.js';
import { commandArgsOrHelp } from './command-args.js';
import { openExistingStore } from './database.js';
import { UsageError, type CliIO, type Command } from './io.js';

const USAGE = `usage: claimtrail export --format jsonl|csv|brat [--out DIR]

Writes out articles, attributions and speakers.
  jsonl  one record per line, each with "record": "article" | "attribution" | "speaker";
         on stdout, or articles.jsonl, attributions.jsonl and speakers.jsonl in --out
  csv    articles.csv, attributions.csv and speakers.csv in --out
  brat   NAME.txt and NAME.ann (PolNeAR-style standoff) per article in --out

options:
  -f, --format FORMAT  jsonl (default), csv or brat
  -o, --out DIR        the directory to write into (made if missing)
      --db DB          a SQLite file or postgres:// URL (default: $CLAIMTRAIL_DB, else ./claimtrail.db)
  -h, --help           show this help
`;

type Writer = (line: string) => Promise<void>;

function streamWriter(stream: NodeJS.WritableStream): Writer {
  return async (line) => {
    if (!stream.write(line)) await once(stream, 'drain');
  };
}

async function withFiles(dir: string, names: readonly string[], fn: (writers: Writer[]) => Promise<void>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const streams = names.map((n) => createWriteStream(join(dir, n)));
  try {
    await fn(streams.map(streamWriter));
  } finally {
    await Promise.all(streams.map((s) => new Promise<void>((done, fail) => s.end((err?: Error | null) => (err ? fail(err) : done())))));
  }
}

async function exportJsonl(store: Store, out: string | undefined, io: CliIO): Promise<void> {
  if (out === undefined) {
    const write = streamWriter(io.stdout);
    for await (const r of exportRecords(store)) await write(`${JSON.stringify(r)}\n`);
    return;
  }
  await withFiles(out, ['articles.jsonl', 'attributions.jsonl', 'speakers.jsonl'], async ([articles, attributions, speakers]) => {
    for await (const r of exportRecords(store)) {
      const { record, ...rest } = r;
      const write = record === 'article' ? articles : record === 'attribution' ? attributions : speakers;
      await write!(`${JSON.stringify(rest)}\n`);
    }
  });
}

async function exportCsv(store: Store, out: string): Promise<void> {
  await withFiles(out, ['articles.csv', 'attributions.csv', 'speakers.csv'], async ([articles, attributions, speakers]) => {
    await articles!(csvLine(CSV_TABLES.articles.columns));
    await attributions!(csvLine(CSV_TABLES.attributions.columns));
    await speakers!(csvLine(CSV_TABLES.speakers.columns));
    for await (const r of exportRecords(store)) {
      if (r.record === 'article') await articles!(csvLine(CSV_TABLES.articles.row(r)));
      else if (r.record === 'attribution') await attributions!(csvLine(CSV_TABLES.attributions.row(r)));
      else await speakers!(csvLine(CSV_TABLES.speakers.row(r)));
    }
  });
}

function spanOf(span: StoredSpan) {
  const { selector: _selector, ...plain } = span;
  return plain;
}

/** Rebuilds an article's extraction from the store, as the brat writer needs it. */
function extractionOf(article: ArticleRecord, attributions: readonly StoredAttribution[]): Extraction {
  return createExtraction({
    file: article.source,
    publishedAt: article.publishedAt,
    bodyStart: article.bodyStart,
    attributions: attributions.map((a) =>
      createAttribution({
        id: a.localId,
        kind: a.kind,
        content: spanOf(a.content),
        cue: spanOf(a.cue),
        source: a.source ? spanOf(a.source) : null,
        speaker: a.speaker ? { id: `s${a.speaker.id ?? a.id}`, name: a.speaker.name, type: a.speaker.type, roles: a.speaker.roles } : null,
      }),
    ),
    entities: [],
  });
}

async function exportBrat(store: Store, out: string): Promise<void> {
  await mkdir(out, { recursive: true });
  for await (const article of store.articles()) {
    const name = `article-${String(article.id).padStart(6, '0')}`;
    await writeFile(join(out, `${name}.txt`), article.text);
    await writeFile(join(out, `${name}.ann`), toBrat(extractionOf(article, await store.attributions(article.id)), article.text));
  }
}

/** `claimtrail export`: articles, attributions and speakers as JSON Lines, CSV or brat. */
export const exportCommand: Command = async (args: string[], io: CliIO): Promise<number> => {
  const parsed = commandArgsOrHelp(args, io, USAGE, {
    format: { type: 'string', short: 'f', default: 'jsonl' },
    out: { type: 'string', short: 'o' },
    db: { type: 'string' },
  });
  if (parsed === null) return 0;
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'\n\n${USAGE}`);
  const { format } = values;
  if (format !== 'jsonl' && format !== 'csv' && format !== 'brat') throw new UsageError(`unknown format '${format}': use jsonl, csv or brat\n\n${USAGE}`);
  if (format !== 'jsonl' && values.out === undefined) throw new UsageError(`--format ${format} writes files: give --out DIR\n\n${USAGE}`);
  const out = values.out === undefined ? undefined : resolve(io.cwd, values.out);
  const store = await openExistingStore(values.db, io);
  try {
    if (format === 'jsonl') await exportJsonl(store, out, io);
    else if (format === 'csv') await exportCsv(store, out!);
    else await exportBrat(store, out!);
    if (out !== undefined) io.stderr.write(`exported ${format} to ${out}\n`);
    return 0;
  } finally {
    await store.close();
  }
};
