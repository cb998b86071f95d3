import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseBratRanges } from '../formats/index.js';
import type { BratEvent } from '../formats/index.js';
import { createScorer } from './score.js';
import type { Scores } from './score.js';

/** A gold or predicted file the scorer cannot read (the reference scorer stops on these too). */
export class CorpusError extends Error {
  override readonly name = 'CorpusError';
}

/** One gold article: its name (the file name without `.txt`), text and gold events. */
export interface GoldArticle {
  readonly name: string;
  readonly text: string;
  readonly gold: readonly BratEvent[];
}

// Strict like Python's open(encoding="utf8"), which also keeps a byte-order mark.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

async function readUtf8(path: string, missing: string | null): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    if (missing !== null && (err as NodeJS.ErrnoException).code === 'ENOENT') return missing;
    throw new CorpusError(`${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new CorpusError(`${path}: not valid UTF-8`);
  }
}

/** Reads a `.ann` file's events; a missing file has none, as in the reference scorer. */
export async function readEvents(path: string, text: string): Promise<BratEvent[]> {
  const ann = await readUtf8(path, '');
  try {
    return parseBratRanges(ann, text);
  } catch (err) {
    throw new CorpusError(`${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * The articles of a gold directory (`NAME.txt` with `NAME.ann`), one at a
 * time, in the reference scorer's order: file names sorted by code point,
 * which is UTF-8 byte order.
 */
export async function* readGoldCorpus(goldDir: string): AsyncGenerator<GoldArticle> {
  const names = (await readdir(goldDir))
    .filter((name) => name.endsWith('.txt'))
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const file of names) {
    const name = file.slice(0, -'.txt'.length);
    const text = await readUtf8(join(goldDir, file), null);
    yield { name, text, gold: await readEvents(join(goldDir, `${name}.ann`), text) };
  }
}

/**
 * Scores the `.ann` files of `predDir` against the gold articles of
 * `goldDir`, exactly as `brat-eval.py GOLD_DIR PRED_DIR` does (a missing
 * prediction file means no predictions). Throws a {@link CorpusError} for
 * a file it cannot read.
 */
export async function scoreDirectories(goldDir: string, predDir: string): Promise<Scores> {
  const scorer = createScorer();
  for await (const article of readGoldCorpus(goldDir)) {
    scorer.add({ ...article, pred: await readEvents(join(predDir, `${article.name}.ann`), article.text) });
  }
  return scorer.result();
}
