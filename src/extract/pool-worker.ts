import { parentPort } from 'node:worker_threads';
import { extract, type ExtractOptions } from './index.js';

/** A worker thread of an extraction pool (`extract --jobs N`, ingest): extracts the texts it is sent, in turn. */
parentPort?.on('message', (job: { id: number; text: string; options: ExtractOptions }) => {
  try {
    parentPort!.postMessage({ id: job.id, extraction: extract(job.text, job.options) });
  } catch (err) {
    parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
  }
});
