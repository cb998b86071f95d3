import { readFileSync, statSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

/** The largest article file read by default: far above any news article, low enough to bound memory. */
export const DEFAULT_MAX_ARTICLE_BYTES = 16 * 1024 * 1024;

/** A file that could not be used, and why: reported, then the batch goes on. */
export interface FileDiagnostic {
  readonly kind: 'diagnostic';
  /** The path as the caller gave it. */
  readonly file: string;
  readonly reason: string;
}

/** An article file's text, decoded and checked. */
export interface ArticleText {
  readonly kind: 'article';
  readonly file: string;
  /** The file's characters as read: a byte-order mark is kept, so offsets match other readers of the file. */
  readonly text: string;
}

/** An article file found by {@link findArticleFiles}. */
export interface ArticlePath {
  /** Where to read it: the input resolved against the working directory. */
  readonly path: string;
  /** How to name it to the user: the input as typed, joined with the path inside a directory. */
  readonly file: string;
  /** Its name relative to the input it was found under (a file's own name for a file given directly). */
  readonly name: string;
}

/** Options for {@link readArticleFile}. */
export interface ReadArticleOptions {
  /** Files larger than this many bytes are refused; {@link DEFAULT_MAX_ARTICLE_BYTES} by default. */
  readonly maxBytes?: number;
}

/** Options for {@link findArticleFiles}. */
export interface FindArticleOptions {
  /** What relative inputs are resolved against; the process's working directory by default. */
  readonly cwd?: string;
}

// Fatal: a text with invalid UTF-8 is refused rather than silently altered with U+FFFD.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function diagnostic(file: string, reason: string): FileDiagnostic {
  return Object.freeze({ kind: 'diagnostic', file, reason });
}

const REASONS: Readonly<Record<string, string>> = Object.freeze({
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENOTDIR: 'not a directory',
});

function reasonOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return (code && REASONS[code]) ?? (err instanceof Error ? err.message : String(err));
}

/**
 * Checks an article's raw bytes and decodes them as UTF-8, or says why they
 * cannot be used: over the size limit, empty, binary (NUL bytes), or not
 * valid UTF-8. For bytes that come from elsewhere than a file (a download,
 * stdin); `file` names them in the diagnostic.
 */
export function decodeArticleBytes(bytes: Uint8Array, file: string, options: ReadArticleOptions = {}): ArticleText | FileDiagnostic {
  const { maxBytes = DEFAULT_MAX_ARTICLE_BYTES } = options;
  if (bytes.length > maxBytes) return diagnostic(file, tooLarge(bytes.length, maxBytes));
  if (bytes.length === 0) return diagnostic(file, 'empty');
  if (bytes.includes(0)) return diagnostic(file, 'binary (contains NUL bytes)');
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return diagnostic(file, 'not valid UTF-8');
  }
  if (!/\S/.test(text)) return diagnostic(file, 'empty (only whitespace)');
  return Object.freeze({ kind: 'article', file, text });
}

function tooLarge(size: number, maxBytes: number): string {
  const limit = maxBytes % (1024 * 1024) === 0 ? `${maxBytes / (1024 * 1024)} MiB` : `${maxBytes} bytes`;
  return `larger than the ${limit} limit (${size} bytes)`;
}

/** Why a file was not read, for a person. */
export interface FileRefusal {
  readonly reason: string;
}

/**
 * The bytes of the regular file at `path` if it holds at most `maxBytes`,
 * else why not. Checked before reading: reading a FIFO would block, and a
 * huge file should not be read just to be refused. Synchronous: for a local
 * file the promise API's separate open, stat, read and close cost the
 * calling thread several times the CPU, which ingest's main thread, storing
 * at the same time, pays for every article.
 */
export function readRegularFile(path: string, maxBytes: number = DEFAULT_MAX_ARTICLE_BYTES): { readonly bytes: Buffer } | FileRefusal {
  try {
    const info = statSync(path);
    if (!info.isFile()) return { reason: 'not a regular file' };
    if (info.size > maxBytes) return { reason: tooLarge(info.size, maxBytes) };
    return { bytes: readFileSync(path) };
  } catch (err) {
    return { reason: reasonOf(err) };
  }
}

/**
 * Reads one article file as UTF-8 text, or says why it cannot be used:
 * missing or unreadable, not a regular file, or any reason of
 * {@link decodeArticleBytes}. Never throws for a bad file.
 */
export async function readArticleFile(path: string, options: ReadArticleOptions = {}): Promise<ArticleText | FileDiagnostic> {
  const { maxBytes = DEFAULT_MAX_ARTICLE_BYTES } = options;
  const read = readRegularFile(path, maxBytes);
  return 'bytes' in read ? decodeArticleBytes(read.bytes, path, { maxBytes }) : diagnostic(path, read.reason);
}

/**
 * Lists the article files named by `inputs`: a file is taken whatever its
 * extension; a directory is searched recursively for `.txt` files (hidden
 * entries skipped, symbolic links followed once). Inputs that do not exist
 * become diagnostics. The order is the inputs' order, then by name, so runs
 * are reproducible.
 */
export async function findArticleFiles(
  inputs: readonly string[],
  options: FindArticleOptions = {},
): Promise<{ files: ArticlePath[]; diagnostics: FileDiagnostic[] }> {
  const { cwd = process.cwd() } = options;
  const files: ArticlePath[] = [];
  const diagnostics: FileDiagnostic[] = [];
  const seen = new Set<string>();

  const walk = async (path: string, file: string, name: string): Promise<void> => {
    // A directory reached twice (a link back up the tree) would never end.
    const real = await realpath(path).catch(() => path);
    if (seen.has(real)) return;
    seen.add(real);
    const entries = await readdir(path, { withFileTypes: true }).catch((err: unknown) => {
      diagnostics.push(diagnostic(file, reasonOf(err)));
      return [];
    });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = { path: join(path, entry.name), file: join(file, entry.name), name: name ? join(name, entry.name) : entry.name };
      const target = entry.isSymbolicLink() ? await stat(child.path).catch(() => null) : entry;
      if (target?.isDirectory()) await walk(child.path, child.file, child.name);
      else if (target?.isFile() && entry.name.endsWith('.txt')) files.push(Object.freeze(child));
    }
  };

  for (const input of inputs) {
    const path = resolve(cwd, input);
    const info = await stat(path).catch((err: unknown) => reasonOf(err));
    if (typeof info === 'string') diagnostics.push(diagnostic(input, info));
    else if (info.isDirectory()) await walk(path, input, '');
    else if (info.isFile()) files.push(Object.freeze({ path, file: input, name: basename(input) }));
    else diagnostics.push(diagnostic(input, 'not a regular file or directory'));
  }
  return { files, diagnostics };
}
