/** The job queue on PostgreSQL (pg-boss): enqueue sources, run workers, count jobs. */
export { enqueue, enqueueSources, JOB_DEFAULTS, type EnqueueOptions, type EnqueueSummary } from './enqueue.js';
export { runWorker, type WorkerOptions, type JobEvent } from './run-worker.js';
export { queueStatus, type QueueStatus } from './queue-status.js';
export { processSource, type SourceOutcome, type ProcessOptions } from './process-source.js';
export { queuedSources, sourceName, type QueuedSource } from './queued-source.js';
export { INGEST_QUEUE, DEAD_LETTER_QUEUE, QUEUE_SCHEMA, openJobQueue, type JobQueueOptions } from './job-queue.js';
