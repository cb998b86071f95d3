import PgBoss from 'pg-boss';

/** The queue of sources to ingest, and where jobs that keep failing end up. */
export const INGEST_QUEUE = 'claimtrail-ingest';
export const DEAD_LETTER_QUEUE = 'claimtrail-ingest-dead';

/** pg-boss keeps its tables in this schema of the record's own database. */
export const QUEUE_SCHEMA = 'pgboss';

/** Options for {@link openJobQueue}. */
export interface JobQueueOptions {
  /** How often this process looks for expired jobs (those of a killed worker) to run again, in seconds. */
  readonly maintenanceSeconds?: number;
  /** Connections pg-boss may use. */
  readonly poolSize?: number;
}

/**
 * Starts pg-boss on the PostgreSQL database at `url` (creating its schema
 * and the two queues if missing). The caller stops it.
 */
export async function openJobQueue(url: string, options: JobQueueOptions = {}): Promise<PgBoss> {
  const { maintenanceSeconds = 30, poolSize = 4 } = options;
  const boss = new PgBoss({
    connectionString: url,
    schema: QUEUE_SCHEMA,
    max: poolSize,
    maintenanceIntervalSeconds: maintenanceSeconds,
    // No cron schedules: `watch` keeps its own clock.
    schedule: false,
  });
  // Errors pg-boss meets in the background (a lost connection) are retried by it; they must not crash the process.
  boss.on('error', (err) => process.stderr.write(`claimtrail queue: ${err.message}\n`));
  await boss.start();
  await boss.createQueue(DEAD_LETTER_QUEUE);
  await boss.createQueue(INGEST_QUEUE, { name: INGEST_QUEUE, deadLetter: DEAD_LETTER_QUEUE });
  return boss;
}
