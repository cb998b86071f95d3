import { randomBytes } from 'node:crypto';
import type { Diagnostic } from '../ingest/index.js';
import { INGEST_QUEUE, openJobQueue } from './job-queue.js';
import { queuedSources, type QueuedSource } from './queued-source.js';

/** Options for {@link enqueue}. */
export interface EnqueueOptions {
  /** Where relative paths start. */
  readonly cwd?: string;
  readonly maxBytes?: number;
  /** Attempts after the first when a job fails (a fetch error, say), each after a longer wait. */
  readonly retries?: number;
  /** Seconds before the first retry; doubled (with jitter) for each next one. */
  readonly retryDelaySeconds?: number;
  /** A job still active after this many seconds is taken to be lost with its worker, and run again. */
  readonly jobTimeoutSeconds?: number;
}

/** What enqueueing did. */
export interface EnqueueSummary {
  readonly enqueued: number;
  readonly diagnostics: readonly Diagnostic[];
}

let sequence = 0;

/**
 * A job id that sorts in the order jobs are queued (a UUIDv7: milliseconds,
 * then a counter, then random bits). pg-boss takes jobs queued at the same
 * moment in id order, so one worker ingests in the order given, as a direct
 * ingest does; random ids would shuffle them.
 */
function jobId(): string {
  const time = Date.now().toString(16).padStart(12, '0');
  const count = (sequence++ % 0x1000000).toString(16).padStart(6, '0');
  const random = randomBytes(6).toString('hex');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${count.slice(0, 3)}-8${count.slice(3, 6)}-${random}`;
}

/** Job defaults: a fetch that fails is tried four times over about five minutes. */
export const JOB_DEFAULTS = Object.freeze({ retries: 3, retryDelaySeconds: 30, jobTimeoutSeconds: 600 });

/**
 * Puts sources (files, directories, URLs, feed URLs) on the ingest queue of
 * the PostgreSQL database at `url`, one job per source, for `claimtrail
 * worker` processes to read, extract and store.
 */
export async function enqueue(url: string, args: readonly string[], options: EnqueueOptions = {}): Promise<EnqueueSummary> {
  const { cwd = process.cwd(), maxBytes, ...jobOptions } = options;
  const { sources, problems } = await queuedSources(args, { cwd, ...(maxBytes !== undefined ? { maxBytes } : {}) });
  await enqueueSources(url, sources, jobOptions);
  return { enqueued: sources.length, diagnostics: problems };
}

/** Puts job inputs already made (files read, feed items found) on the ingest queue. */
export async function enqueueSources(
  url: string,
  sources: readonly QueuedSource[],
  options: Pick<EnqueueOptions, 'retries' | 'retryDelaySeconds' | 'jobTimeoutSeconds'> = {},
): Promise<void> {
  const { retries = JOB_DEFAULTS.retries, retryDelaySeconds = JOB_DEFAULTS.retryDelaySeconds, jobTimeoutSeconds = JOB_DEFAULTS.jobTimeoutSeconds } = options;
  if (sources.length === 0) return;
  const boss = await openJobQueue(url);
  try {
    // In chunks: one insert per few hundred jobs, not one round trip each.
    for (let i = 0; i < sources.length; i += 500) {
      await boss.insert(
        sources.slice(i, i + 500).map((data: QueuedSource) => ({
          id: jobId(),
          name: INGEST_QUEUE,
          data,
          retryLimit: retries,
          retryDelay: retryDelaySeconds,
          retryBackoff: true,
          expireInSeconds: jobTimeoutSeconds,
        })),
      );
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
