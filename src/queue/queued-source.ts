import { readFile, stat } from 'node:fs/promises';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../formats/index.js';
import { createDiagnostic, expandSources, type ArticleInput, type Diagnostic } from '../ingest/index.js';

/**
 * One job's input. A file travels with its bytes, so a worker on another
 * machine needs no shared disk; a URL (page or feed) is fetched by the
 * worker, which retries when fetching fails; an article already read (a
 * feed item `watch` found) travels as it is.
 */
export type QueuedSource =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'article'; readonly input: ArticleInput }
  | { readonly kind: 'file'; readonly name: string; readonly base64: string; readonly found?: boolean };

/** The name a source is shown by. */
export function sourceName(source: QueuedSource): string {
  return source.kind === 'url' ? source.url : source.kind === 'article' ? source.input.source : source.name;
}

/**
 * Expands `ingest --queue` arguments into job inputs: directories
 * recursively, files (read now, up to `maxBytes`), URLs. Stdin cannot be
 * queued. Problems are diagnostics; the rest is queued.
 */
export async function queuedSources(
  args: readonly string[],
  options: { readonly cwd?: string; readonly maxBytes?: number } = {},
): Promise<{ sources: QueuedSource[]; problems: Diagnostic[] }> {
  const { cwd = process.cwd(), maxBytes = DEFAULT_MAX_ARTICLE_BYTES } = options;
  const { sources: refs, problems } = await expandSources(args, cwd);
  const sources: QueuedSource[] = [];
  for (const ref of refs) {
    if (ref.kind === 'url') sources.push({ kind: 'url', url: ref.path });
    else if (ref.kind === 'stdin') problems.push(createDiagnostic('-', 'stdin cannot be queued: save it to a file'));
    else {
      try {
        const info = await stat(ref.path);
        if (info.size > maxBytes) problems.push(createDiagnostic(ref.name, `larger than the ${maxBytes} bytes limit (${info.size} bytes)`));
        else sources.push({ kind: 'file', name: ref.name, base64: (await readFile(ref.path)).toString('base64'), ...(ref.found ? { found: true } : {}) });
      } catch (err) {
        problems.push(createDiagnostic(ref.name, `cannot read: ${err instanceof Error ? err.message : String(err)}`));
      }
    }
  }
  return { sources, problems };
}
