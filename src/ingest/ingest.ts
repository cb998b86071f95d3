import type { ExtractOptions } from '../extract/index.js';
import { createExtractPool } from '../extract/pool.js';
import type { Extraction } from '../model/index.js';
import type { ArticleToStore, Store } from '../store/index.js';
import { isDiagnostic, createDiagnostic, type ArticleInput, type Diagnostic } from './article-input.js';
import { articleContentHash, articleIdentity } from './identity.js';
import { expandSources, readSourceRef } from './sources.js';

/** How far an ingest run has come, for a progress bar. */
export interface IngestProgress {
  /** Sources read so far, out of `total`. */
  readonly done: number;
  readonly total: number;
  readonly ingested: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly failed: number;
}

/** Options for {@link ingest}. */
export interface IngestOptions {
  readonly store: Store;
  /** Where relative paths start. */
  readonly cwd?: string;
  /** What `-` reads. */
  readonly stdin?: NodeJS.ReadableStream;
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
  /** Articles per transaction. */
  readonly batchSize?: number;
  /**
   * Worker threads that extract while the calling thread reads and stores
   * (default 0: everything on the calling thread). Ignored with a custom `extract`.
   */
  readonly jobs?: number;
  /** The extractor; `extract` unless a caller supplies another. */
  readonly extract?: (text: string, options: ExtractOptions) => Extraction;
  readonly onProgress?: (progress: IngestProgress) => void;
}

/** What an ingest run did. */
export interface IngestSummary {
  readonly ingested: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly failed: number;
  readonly diagnostics: readonly Diagnostic[];
}

interface Prepared {
  readonly article: ArticleToStore;
  readonly extraction: Extraction;
}

/** An article on its way: extraction running, or failed with a reason. */
type InFlight = Promise<Prepared | { readonly source: string; readonly error: string }>;

/**
 * Reads every source (files, directories, URLs, `-`), extracts each new or
 * changed article and stores it, `batchSize` articles per transaction. An
 * article already stored with the same content is skipped before
 * extraction. Bad sources become diagnostics; the run goes on.
 */
export async function ingest(args: readonly string[], options: IngestOptions): Promise<IngestSummary> {
  const { store, cwd = process.cwd(), batchSize = 100, onProgress } = options;
  const readOptions = {
    cwd,
    ...(options.stdin ? { stdin: options.stdin } : {}),
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  };
  const { sources, problems } = await expandSources(args, cwd);
  const diagnostics: Diagnostic[] = [...problems];
  const counts = { ingested: 0, updated: 0, unchanged: 0 };
  const custom = options.extract;
  const pool = createExtractPool(custom ? 0 : (options.jobs ?? 0));
  const run = async (text: string, o: ExtractOptions): Promise<Extraction> => (custom ? custom(text, o) : pool.run(text, o));
  // Articles extract on the pool while this thread reads the next sources and stores finished ones,
  // in source order. The window holds more than a batch, so the workers keep going while a batch
  // is written; bounded, so memory stays flat.
  const window = pool.threads > 0 ? batchSize + pool.threads * 8 : 1;
  const inFlight: InFlight[] = [];
  let pending: Prepared[] = [];

  const flush = (): void => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    store.transaction(() => {
      for (const p of batch) counts[store.putArticle(p.article, p.extraction)]++;
    });
  };

  const settle = async (): Promise<void> => {
    const done = await inFlight.shift()!;
    if ('error' in done) {
      diagnostics.push(createDiagnostic(done.source, `extraction failed: ${done.error}`));
      return;
    }
    pending.push(done);
    if (pending.length >= batchSize) flush();
  };

  const prepare = (input: ArticleInput): void => {
    const identity = articleIdentity(input);
    const contentHash = articleContentHash(input);
    if (store.articleHash(identity) === contentHash) {
      counts.unchanged++;
      return;
    }
    const { kind: _kind, ...fields } = input;
    const article = { ...fields, identity, contentHash };
    inFlight.push(
      run(input.text, { file: input.source, ...(input.publishedAt ? { publishedAt: input.publishedAt } : {}) }).then(
        (extraction) => ({ article, extraction }),
        (err: unknown) => ({ source: input.source, error: err instanceof Error ? err.message : String(err) }),
      ),
    );
  };

  try {
    for (const [i, ref] of sources.entries()) {
      for (const entry of await readSourceRef(ref, readOptions)) {
        if (isDiagnostic(entry)) diagnostics.push(entry);
        else prepare(entry);
        while (inFlight.length >= window) await settle();
      }
      onProgress?.({ done: i + 1, total: sources.length, ...counts, failed: diagnostics.length });
    }
    while (inFlight.length > 0) await settle();
    flush();
  } finally {
    await Promise.allSettled(inFlight);
    await pool.close();
  }
  return { ...counts, failed: diagnostics.length, diagnostics };
}
