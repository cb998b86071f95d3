import { Worker } from 'node:worker_threads';
import type { ClaimSketch } from '../link/index.js';
import type { Extraction } from '../model/index.js';
import { extract, type ExtractOptions } from './index.js';

/** An extraction with what storing it will need, made on the same worker (see `StoreHints`). */
export interface ExtractedForStore {
  readonly extraction: Extraction;
  /** Claim sketches of the attributions' contents, in order; absent when extraction ran on the calling thread. */
  readonly claims?: readonly ClaimSketch[];
}

/** Extracts texts on worker threads; results come back as promises, whatever order they finish in. */
export interface ExtractPool {
  /** Worker threads extracting (0 when extraction runs on the calling thread). */
  readonly threads: number;
  run(text: string, options?: ExtractOptions): Promise<Extraction>;
  /** {@link run}, plus on a worker the work storing would otherwise do on the calling thread. */
  runForStore(text: string, options?: ExtractOptions): Promise<ExtractedForStore>;
  close(): Promise<void>;
}

/** A job for a pool worker; `sketch` asks for claim sketches too. */
export interface PoolJob {
  readonly id: number;
  readonly text: string;
  readonly options: ExtractOptions;
  readonly sketch: boolean;
}

/** A pool worker's answer to a {@link PoolJob}. */
export interface PoolAnswer {
  readonly id: number;
  readonly extraction?: Extraction;
  readonly claims?: readonly ClaimSketch[];
  readonly error?: string;
}

const WORKER = new URL('./pool-worker.js', import.meta.url);

/** Whether worker threads can run: the compiled worker is there (not when running from the TypeScript sources). */
export const WORKERS_AVAILABLE = !import.meta.url.endsWith('.ts');

/**
 * A pool of `jobs` worker threads, or the calling thread when `jobs` is 0 or
 * the compiled worker is not there. One thread still helps a caller with work
 * of its own, such as storing what was extracted: the two overlap.
 */
export function createExtractPool(jobs: number): ExtractPool {
  if (jobs <= 0 || !WORKERS_AVAILABLE) {
    return {
      threads: 0,
      run: async (text, options) => extract(text, options),
      runForStore: async (text, options) => ({ extraction: extract(text, options) }),
      close: async () => {},
    };
  }
  const pending = new Map<number, { resolve: (x: ExtractedForStore) => void; reject: (e: Error) => void }>();
  const load = new Map<Worker, number>();
  let next = 0;
  const workers = Array.from({ length: jobs }, () => {
    const w = new Worker(WORKER);
    load.set(w, 0);
    w.on('message', (m: PoolAnswer) => {
      load.set(w, load.get(w)! - 1);
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.extraction) p?.resolve(m.claims ? { extraction: m.extraction, claims: m.claims } : { extraction: m.extraction });
      else p?.reject(new Error(m.error ?? 'extraction failed'));
    });
    w.on('error', (err) => {
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    });
    return w;
  });
  const submit = (text: string, options: ExtractOptions, sketch: boolean): Promise<ExtractedForStore> =>
    new Promise<ExtractedForStore>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      // The least busy worker takes it.
      const w = workers.reduce((a, b) => (load.get(b)! < load.get(a)! ? b : a));
      load.set(w, load.get(w)! + 1);
      w.postMessage({ id, text, options, sketch } satisfies PoolJob);
    });
  return {
    threads: jobs,
    run: async (text, options = {}) => (await submit(text, options, false)).extraction,
    runForStore: (text, options = {}) => submit(text, options, true),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
