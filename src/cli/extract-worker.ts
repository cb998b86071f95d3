import { parentPort } from 'node:worker_threads';
import { extract } from '../extract/index.js';

/** A worker thread of `claimtrail extract --jobs N`: extracts the texts it is sent, in turn. */
parentPort?.on('message', (job: { id: number; text: string; file: string }) => {
  try {
    parentPort!.postMessage({ id: job.id, extraction: extract(job.text, { file: job.file }) });
  } catch (err) {
    parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
  }
});
