import { readdir, stat } from 'node:fs/promises';
import { extname, join, relative, resolve } from 'node:path';
import { createDiagnostic, type Diagnostic, type ReadResult } from './article-input.js';
import { DEFAULT_MAX_ARTICLE_BYTES, readRegularFile } from '../formats/index.js';
import { fetchUrl, DEFAULT_TIMEOUT_MS } from './fetch-url.js';
import { ARTICLE_EXTENSIONS, NOT_A_FEED, readSource } from './readers/index.js';

/** Options for {@link readSources}. */
export interface SourceOptions {
  readonly cwd?: string;
  readonly stdin?: NodeJS.ReadableStream;
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
}

/** One argument expanded: a file, a URL, or stdin. */
export interface SourceRef {
  readonly kind: 'file' | 'url' | 'stdin';
  /** As shown to the user: the path as given (joined under its directory), the URL, or `-`. */
  readonly name: string;
  readonly path: string;
  /** Found by walking a directory rather than named: a `.json` there that is no feed or article is skipped, not failed. */
  readonly found?: boolean;
}

/** Whether an argument is an http(s) URL. */
export function isUrl(arg: string): boolean {
  return /^https?:\/\//i.test(arg);
}

/**
 * Expands ingest arguments into sources: directories recursively (only files
 * with article extensions, in sorted order), files, URLs and `-`. A path that
 * does not exist is a diagnostic.
 */
export async function expandSources(args: readonly string[], cwd: string = process.cwd()): Promise<{ sources: SourceRef[]; problems: Diagnostic[] }> {
  const sources: SourceRef[] = [];
  const problems: Diagnostic[] = [];
  for (const arg of args) {
    if (arg === '-') sources.push({ kind: 'stdin', name: '-', path: '-' });
    else if (isUrl(arg)) sources.push({ kind: 'url', name: arg, path: arg });
    else {
      const path = resolve(cwd, arg);
      try {
        const info = await stat(path);
        if (info.isDirectory()) {
          for (const file of await walk(path)) sources.push({ kind: 'file', name: join(arg, relative(path, file)), path: file, found: true });
        } else sources.push({ kind: 'file', name: arg, path });
      } catch {
        problems.push(createDiagnostic(arg, 'no such file or directory'));
      }
    }
  }
  return { sources, problems };
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else if (e.isFile() && ARTICLE_EXTENSIONS.includes(extname(e.name).toLowerCase())) out.push(full);
  }
  return out;
}

/** Reads one source into articles and diagnostics. */
export async function readSourceRef(ref: SourceRef, options: SourceOptions = {}): Promise<ReadResult> {
  const { maxBytes = DEFAULT_MAX_ARTICLE_BYTES, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  if (ref.kind === 'url') {
    const got = await fetchUrl(ref.path, { maxBytes, timeoutMs });
    if (!got.ok) return [createDiagnostic(ref.name, got.reason)];
    return readSource(ref.name, got.bytes, { url: got.url, contentType: got.contentType, maxBytes });
  }
  if (ref.kind === 'stdin') {
    const stdin = options.stdin ?? process.stdin;
    const bytes = await readStream(stdin, maxBytes);
    if (bytes === null) return [createDiagnostic(ref.name, `larger than the ${maxBytes} bytes limit`)];
    return readSource(ref.name, bytes, { maxBytes });
  }
  const read = readRegularFile(ref.path, maxBytes);
  if (!('bytes' in read)) return [createDiagnostic(ref.name, read.reason)];
  return readFileBytes(ref.name, read.bytes, { maxBytes, found: ref.found ?? false });
}

/**
 * Reads a file's bytes. A `.json` file `found` by walking a directory that is
 * neither a feed nor an article is skipped, not failed: gold annotations and
 * metadata sit beside articles as .json.
 */
export function readFileBytes(name: string, bytes: Uint8Array, options: { readonly maxBytes?: number; readonly found?: boolean } = {}): ReadResult {
  const { maxBytes = DEFAULT_MAX_ARTICLE_BYTES, found = false } = options;
  const read = readSource(name, bytes, { maxBytes });
  if (found && extname(name).toLowerCase() === '.json' && read.length === 1 && read[0]!.kind === 'diagnostic' && read[0]!.reason.startsWith(NOT_A_FEED)) {
    return [];
  }
  return read;
}

async function readStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > maxBytes) return null;
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}
