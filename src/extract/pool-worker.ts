import { parentPort } from 'node:worker_threads';
import { claimSketch } from '../link/index.js';
import { extract } from './index.js';
import type { PoolAnswer, PoolJob } from './pool.js';

/** A worker thread of an extraction pool (`extract --jobs N`, ingest): extracts the texts it is sent, in turn. */
parentPort?.on('message', (job: PoolJob) => {
  let answer: PoolAnswer;
  try {
    const extraction = extract(job.text, job.options);
    answer = job.sketch ? { id: job.id, extraction, claims: extraction.attributions.map((a) => claimSketch(a.content.text)) } : { id: job.id, extraction };
  } catch (err) {
    answer = { id: job.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(answer);
});
