import pg from 'pg';
import { INGEST_QUEUE, QUEUE_SCHEMA } from './job-queue.js';
import { sourceName, type QueuedSource } from './queued-source.js';

/** Jobs of the ingest queue by state, and the latest failures with their reasons. */
export interface QueueStatus {
  /** Waiting to run: new, or failed and waiting to be retried. */
  readonly pending: number;
  readonly active: number;
  /** Failed for good (retries spent); also copied to the dead-letter queue. */
  readonly failed: number;
  readonly done: number;
  /** Jobs (in any state) that took more than one attempt: a failed fetch, or a worker that died holding them. */
  readonly retried: number;
  readonly failures: readonly { readonly source: string; readonly reason: string; readonly attempts: number }[];
}

const EMPTY: QueueStatus = Object.freeze({ pending: 0, active: 0, failed: 0, done: 0, retried: 0, failures: [] });

/**
 * Counts the ingest queue's jobs in the PostgreSQL database at `url`,
 * completed and archived ones included. Reads pg-boss's tables directly
 * (its `job` and `archive`), as its API has no count by state.
 */
export async function queueStatus(url: string, options: { readonly failures?: number } = {}): Promise<QueueStatus> {
  const { failures: failureLimit = 20 } = options;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [`${QUEUE_SCHEMA}.job`]);
    if (!exists.rows[0]?.t) return EMPTY;
    const jobs = `(SELECT state, data, output, retry_count, completed_on FROM ${QUEUE_SCHEMA}.job WHERE name = $1
                   UNION ALL SELECT state, data, output, retry_count, completed_on FROM ${QUEUE_SCHEMA}.archive WHERE name = $1) jobs`;
    const counts = new Map(
      (await client.query<{ state: string; n: number }>(`SELECT state::text AS state, COUNT(*)::int AS n FROM ${jobs} GROUP BY state`, [INGEST_QUEUE])).rows.map((r) => [r.state, r.n]),
    );
    const failed = await client.query<{ data: QueuedSource; output: { message?: string } | null; retry_count: number }>(
      `SELECT data, output, retry_count FROM ${jobs} WHERE state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT $2`,
      [INGEST_QUEUE, failureLimit],
    );
    const retried = await client.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${jobs} WHERE retry_count > 0`, [INGEST_QUEUE]);
    const n = (state: string): number => counts.get(state) ?? 0;
    return {
      pending: n('created') + n('retry'),
      active: n('active'),
      failed: n('failed'),
      done: n('completed'),
      retried: retried.rows[0]?.n ?? 0,
      failures: failed.rows.map((r) => ({ source: sourceName(r.data), reason: r.output?.message ?? 'unknown', attempts: r.retry_count + 1 })),
    };
  } finally {
    await client.end();
  }
}
