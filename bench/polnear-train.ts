import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where `../shared` is: `--shared DIR`, else `$CLAIMTRAIL_SHARED`, else beside the repository. */
export const DEFAULT_SHARED = process.env['CLAIMTRAIL_SHARED'] ?? resolve('..', 'shared');

/**
 * The PolNeAR training texts under `shared`, in name order, with the
 * directory. Without them the bench says so and exits 0: it is skipped.
 */
export function polnearTrain(shared: string, bench: string): { dir: string; texts: string[] } {
  const dir = join(shared, 'data', 'polnear', 'train');
  let files: string[];
  try {
    files = readdirSync(dir).filter((n) => n.endsWith('.txt')).sort();
  } catch {
    console.log(`${bench}: skipped, PolNeAR not found at ${dir} (pass --shared DIR)`);
    process.exit(0);
  }
  return { dir, texts: files.map((n) => readFileSync(join(dir, n), 'utf8')) };
}
