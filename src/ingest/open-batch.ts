import type { PutOutcome, Store, StoreHints } from '../store/index.js';
import type { PreparedArticle } from './prepare-article.js';

/** A transaction that stays open while its articles arrive, each stored as soon as it is added. */
export interface OpenBatch {
  /** Queues an article to store in this transaction; throws if storing an earlier one failed or the batch has closed. */
  add(prepared: PreparedArticle): void;
  /** Whether it still takes articles: it closes itself when it has waited with nothing to store after `idleAfterMs`. */
  readonly open: boolean;
  /** Articles added so far. */
  readonly size: number;
  /** Stores what is queued, commits, and gives each article's outcome in order; rejects (rolled back) if any failed. */
  commit(): Promise<PutOutcome[]>;
}

/**
 * Opens a batch on `store`. Storing runs whenever the caller awaits
 * something else (an extraction on a worker), so a batch is mostly written
 * by the time it is full instead of all at once after its last article: the
 * last batch of a run is not left to write after the workers are done. Once
 * open `idleAfterMs`, it commits as soon as it has nothing to store, rather
 * than hold the database's write lock while it waits: another process
 * writing to the same SQLite file gets its turn in those gaps.
 */
export function openBatch(store: Store, hintsOf: (prepared: PreparedArticle) => StoreHints | undefined, idleAfterMs = 100): OpenBatch {
  const queue: PreparedArticle[] = [];
  let wake: (() => void) | null = null;
  let closed = false;
  let size = 0;
  let failure: { readonly error: unknown } | null = null;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  const opened = performance.now();
  const done = store.transaction(async (tx) => {
    const outcomes: PutOutcome[] = [];
    for (;;) {
      if (queue.length === 0 && performance.now() - opened >= idleAfterMs) closed = true;
      while (queue.length === 0 && !closed) await new Promise<void>((resolve) => (wake = resolve));
      const prepared = queue.shift();
      if (prepared === undefined) return outcomes;
      outcomes.push(await tx.putArticle(prepared.article, prepared.extraction, hintsOf(prepared)));
    }
  });
  // Seen by the next add, or by commit; never an unhandled rejection in between.
  done.catch((error: unknown) => {
    failure = { error };
  });
  return {
    add(prepared) {
      if (failure) throw failure.error;
      if (closed) throw new Error('openBatch: add after commit');
      queue.push(prepared);
      size++;
      notify();
    },
    get size() {
      return size;
    },
    get open() {
      return !closed && failure === null;
    },
    commit() {
      closed = true;
      notify();
      return done;
    },
  };
}
