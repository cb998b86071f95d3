import { Worker } from 'node:worker_threads';
import { extract } from '../extract/index.js';
import type { Extraction } from '../model/index.js';

/** Extracts texts on worker threads; results come back as promises, whatever order they finish in. */
export interface ExtractPool {
  run(text: string, file: string): Promise<Extraction>;
  close(): Promise<void>;
}

const WORKER = new URL('./extract-worker.js', import.meta.url);

/**
 * A pool of `jobs` worker threads, or the calling thread when `jobs` is 1 or
 * the compiled worker is not there (running from the TypeScript sources).
 */
export function createExtractPool(jobs: number): ExtractPool {
  if (jobs <= 1 || import.meta.url.endsWith('.ts')) {
    return {
      run: async (text, file) => extract(text, { file }),
      close: async () => {},
    };
  }
  const pending = new Map<number, { resolve: (x: Extraction) => void; reject: (e: Error) => void }>();
  const load = new Map<Worker, number>();
  let next = 0;
  const workers = Array.from({ length: jobs }, () => {
    const w = new Worker(WORKER);
    load.set(w, 0);
    w.on('message', (m: { id: number; extraction?: Extraction; error?: string }) => {
      load.set(w, load.get(w)! - 1);
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.extraction) p?.resolve(m.extraction);
      else p?.reject(new Error(m.error ?? 'extraction failed'));
    });
    w.on('error', (err) => {
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    });
    return w;
  });
  return {
    run: (text, file) =>
      new Promise<Extraction>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        // The least busy worker takes it.
        const w = workers.reduce((a, b) => (load.get(b)! < load.get(a)! ? b : a));
        load.set(w, load.get(w)! + 1);
        w.postMessage({ id, text, file });
      }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
