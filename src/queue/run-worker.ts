import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../store/index.js';
import { INGEST_QUEUE, openJobQueue } from './job-queue.js';
import { processSource, type ProcessOptions, type SourceOutcome } from './process-source.js';
import { queueStatus } from './queue-status.js';
import { sourceName, type QueuedSource } from './queued-source.js';

/** One job's end, for a log line. */
export type JobEvent =
  | { readonly kind: 'done'; readonly source: string; readonly outcome: SourceOutcome }
  | { readonly kind: 'failed'; readonly source: string; readonly reason: string; readonly attempt: number; readonly final: boolean };

/** Options for {@link runWorker}. */
export interface WorkerOptions extends ProcessOptions {
  /** The PostgreSQL store jobs are stored into; its database holds the queue. */
  readonly store: Store;
  /** The database URL (the store's location hides the password). */
  readonly url: string;
  /** Jobs in flight at once in this process: more overlaps fetching and storing, not extraction (one thread). */
  readonly concurrency?: number;
  /** Return once the queue has nothing pending or active, instead of waiting for more. */
  readonly untilEmpty?: boolean;
  /** Stops taking jobs; jobs in flight finish first. */
  readonly signal?: AbortSignal;
  /** Seconds between looks for new jobs when the queue is idle. */
  readonly pollSeconds?: number;
  /** Seconds between looks for jobs of a killed worker. */
  readonly maintenanceSeconds?: number;
  readonly onJob?: (event: JobEvent) => void;
}

/**
 * Takes jobs from the ingest queue and processes them until `signal` aborts
 * (or, with `untilEmpty`, the queue is empty). A job whose handler throws is
 * retried with backoff, then failed with the reason and dead-lettered; a job
 * whose worker died is run again once it expires. Storing is idempotent, so
 * a job run twice stores its articles once.
 */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const { store, url, concurrency = 1, untilEmpty = false, signal, pollSeconds = 1, maintenanceSeconds = 30, onJob, ...processOptions } = options;
  if (store.backend !== 'postgres') throw new Error('queue: the worker needs a PostgreSQL database (--db postgres://…)');
  const boss = await openJobQueue(url, { maintenanceSeconds, poolSize: concurrency + 2 });
  const idle = () => sleep(pollSeconds * 1000, undefined, signal ? { signal } : {}).catch(() => undefined);
  let empty = false;
  let stopped = false;

  /** One loop of take, process, complete or fail: it takes the next job at once, and waits only when there is none. */
  async function loop(): Promise<void> {
    try {
      await takeJobs();
    } finally {
      stopped = true;
    }
  }

  async function takeJobs(): Promise<void> {
    while (!signal?.aborted && !empty && !stopped) {
      const [job] = await boss.fetch<QueuedSource>(INGEST_QUEUE, { batchSize: 1, includeMetadata: true });
      if (!job) {
        await idle();
        continue;
      }
      const source = sourceName(job.data);
      try {
        const outcome = await processSource(store, job.data, processOptions);
        await boss.complete(INGEST_QUEUE, job.id, outcome);
        onJob?.({ kind: 'done', source, outcome });
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        // pg-boss retries it after a growing delay while attempts remain, then fails it for good and dead-letters it.
        await boss.fail(INGEST_QUEUE, job.id, { message: reason });
        onJob?.({ kind: 'failed', source, reason, attempt: job.retryCount + 1, final: job.retryCount >= job.retryLimit });
      }
    }
  }

  try {
    const loops = Array.from({ length: concurrency }, loop);
    while (!signal?.aborted && untilEmpty && !empty && !stopped) {
      await idle();
      const status = await queueStatus(url, { failures: 0 });
      empty = status.pending === 0 && status.active === 0;
    }
    // A loop that fails (the database went away) ends the worker; the others end with it.
    const ended = await Promise.allSettled(loops);
    const failure = ended.find((e) => e.status === 'rejected');
    if (failure) throw failure.reason;
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
