import { fetchUrl, isDiagnostic, prepareArticle, readFileBytes, readSource, type ArticleInput, type Extractor, type PreparedArticle, type ReadResult } from '../ingest/index.js';
import type { PutOutcome, Store } from '../store/index.js';
import { sourceName, type QueuedSource } from './queued-source.js';

/** What one job stored; kept as the job's output. */
export interface SourceOutcome {
  readonly ingested: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Parts of the source that could not be used (a bad line of a JSON Lines file); the rest was stored. */
  readonly failures: readonly { readonly source: string; readonly reason: string }[];
}

/** Options for {@link processSource}. */
export interface ProcessOptions {
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
  readonly extract?: Extractor;
}

async function read(source: QueuedSource, options: ProcessOptions): Promise<ReadResult> {
  const hints = options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {};
  if (source.kind === 'article') return [source.input];
  if (source.kind === 'file') return readFileBytes(source.name, Buffer.from(source.base64, 'base64'), { ...hints, found: source.found ?? false });
  const got = await fetchUrl(source.url, { ...hints, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) });
  // Thrown, so the queue retries it later with backoff: a server may be down for a while.
  if (!got.ok) throw new Error(`${source.url}: ${got.reason}`);
  return readSource(source.url, got.bytes, { ...hints, url: got.url, contentType: got.contentType });
}

/**
 * One job: reads (or fetches) the source, extracts each new or changed
 * article and stores them in one transaction. A source that yields no
 * article at all fails (and so is retried, then dead-lettered with the
 * reason); a source that yields some stores those.
 */
export async function processSource(store: Store, source: QueuedSource, options: ProcessOptions = {}): Promise<SourceOutcome> {
  const entries = await read(source, options);
  const failures = entries.filter(isDiagnostic).map(({ source: s, reason }) => ({ source: s, reason }));
  const inputs = entries.filter((e): e is ArticleInput => !isDiagnostic(e));
  if (inputs.length === 0 && failures.length > 0) throw new Error(failures.map((f) => `${f.source}: ${f.reason}`).join('; '));
  const counts = { ingested: 0, updated: 0, unchanged: 0 };
  const ready: PreparedArticle[] = [];
  for (const input of inputs) {
    const prepared = await prepareArticle(store, input, options.extract);
    if (prepared === 'unchanged') counts.unchanged++;
    else if (prepared.kind === 'diagnostic') failures.push({ source: prepared.source, reason: prepared.reason });
    else ready.push(prepared);
  }
  if (ready.length === 0 && inputs.length > 0 && counts.unchanged === 0) throw new Error(`${sourceName(source)}: ${failures.map((f) => f.reason).join('; ')}`);
  const outcomes = await store.transaction(async (tx) => {
    const done: PutOutcome[] = [];
    for (const p of ready) done.push(await tx.putArticle(p.article, p.extraction));
    return done;
  });
  for (const o of outcomes) counts[o]++;
  return { ...counts, failures };
}
