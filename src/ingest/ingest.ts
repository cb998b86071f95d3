import { createExtractPool, type ExtractPool } from '../extract/pool.js';
import type { Extraction } from '../model/index.js';
import type { Store, StoreHints } from '../store/index.js';
import { isDiagnostic, type Diagnostic } from './article-input.js';
import { openBatch, type OpenBatch } from './open-batch.js';
import { prepareArticle, type Extractor, type PreparedArticle } from './prepare-article.js';
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
  /**
   * A pool the caller keeps across runs (warm workers, models loaded once), in place of one made
   * from `jobs` and closed at the end; the caller closes it. Ignored with a custom `extract`.
   */
  readonly pool?: ExtractPool;
  /** The extractor; `extract` unless a caller supplies another. */
  readonly extract?: Extractor;
  readonly onProgress?: (progress: IngestProgress) => void;
}

/** How long the write lock is left free after a batch commits, for other writers to the same database. */
const LOCK_GAP_MS = 30;

/** What an ingest run did. */
export interface IngestSummary {
  readonly ingested: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly failed: number;
  readonly diagnostics: readonly Diagnostic[];
}

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
  // Started first: a worker loads its models while this thread lists the sources.
  const ownPool = options.extract !== undefined || options.pool === undefined;
  const pool = ownPool ? createExtractPool(options.extract ? 0 : (options.jobs ?? 0)) : options.pool!;
  let listed: Awaited<ReturnType<typeof expandSources>>;
  try {
    listed = await expandSources(args, cwd);
  } catch (err) {
    if (ownPool) await pool.close();
    throw err;
  }
  const { sources, problems } = listed;
  const diagnostics: Diagnostic[] = [...problems];
  const counts = { ingested: 0, updated: 0, unchanged: 0 };
  // What the workers did toward storing each extraction, handed to the store with it.
  const hints = new WeakMap<Extraction, StoreHints>();
  const extract: Extractor =
    options.extract ??
    (async (text, o) => {
      const done = await pool.runForStore(text, o);
      if (done.claims) hints.set(done.extraction, { claims: done.claims });
      return done.extraction;
    });
  // Articles extract on the pool while this thread reads the next sources and stores finished
  // ones, in source order. The window holds two batches, so the workers have a batch's worth of
  // work queued while one is written; bounded, so memory stays flat.
  const window = pool.threads > 0 ? 2 * batchSize + pool.threads * 8 : 1;
  const inFlight: Promise<PreparedArticle | 'unchanged' | Diagnostic>[] = [];
  let batch: OpenBatch | null = null;
  // Articles extracted while the write lock is left free for other processes, and since when it is.
  let held: PreparedArticle[] = [];
  let freeSince = -Infinity;

  const commit = async (): Promise<void> => {
    if (batch === null) return;
    const outcomes = await batch.commit();
    batch = null;
    freeSince = performance.now();
    // Counted after the commit: a rolled-back batch stored nothing.
    for (const outcome of outcomes) counts[outcome]++;
  };

  /** Hands the held articles to the open batch, opening one if none is. */
  const release = (): OpenBatch => {
    const open = (batch ??= openBatch(store, (p) => hints.get(p.extraction)));
    for (const p of held) open.add(p);
    held = [];
    return open;
  };

  const storePrepared = async (prepared: PreparedArticle, draining: boolean): Promise<void> => {
    if (batch !== null && !batch.open) await commit();
    held.push(prepared);
    // After a commit the lock stays free a moment (another process's writes wait on it), unless the run is ending.
    if (batch === null && !draining && held.length < batchSize && performance.now() - freeSince < LOCK_GAP_MS) return;
    if (release().size >= batchSize) await commit();
  };

  const settle = async (draining: boolean): Promise<void> => {
    const prepared = await inFlight.shift()!;
    if (prepared === 'unchanged') counts.unchanged++;
    else if (prepared.kind === 'diagnostic') diagnostics.push(prepared);
    else await storePrepared(prepared, draining);
  };

  try {
    for (const [i, ref] of sources.entries()) {
      for (const entry of await readSourceRef(ref, readOptions)) {
        if (isDiagnostic(entry)) diagnostics.push(entry);
        else inFlight.push(prepareArticle(store, entry, extract));
        while (inFlight.length >= window) await settle(false);
      }
      onProgress?.({ done: i + 1, total: sources.length, ...counts, failed: diagnostics.length });
    }
    while (inFlight.length > 0) await settle(true);
    if (held.length > 0) release();
    await commit();
  } finally {
    await Promise.allSettled(inFlight);
    // After a failure elsewhere, the articles the open batch holds are whole: committed, not left holding the store.
    await (batch as OpenBatch | null)?.commit().catch(() => undefined);
    if (ownPool) await pool.close();
  }
  return { ...counts, failed: diagnostics.length, diagnostics };
}
