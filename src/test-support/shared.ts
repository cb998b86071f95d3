import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The shared data and tools directory: `$CLAIMTRAIL_SHARED`, or `../shared`
 * beside the repository; null when it is absent (tests that need it skip).
 */
export function sharedDir(): string | null {
  const dir = process.env['CLAIMTRAIL_SHARED'] ?? join(repo, '..', 'shared');
  return existsSync(join(dir, 'tools', 'brat-eval.py')) ? dir : null;
}

/** Whether `python3` runs here (the reference scorer needs it). */
export function hasPython(): boolean {
  return spawnSync('python3', ['--version']).status === 0;
}

/** Why tests that need the reference scorer are skipped, or null when they can run. */
export function referenceScorerMissing(): string | null {
  if (sharedDir() === null) return 'skipped: ../shared not found (set CLAIMTRAIL_SHARED to its path)';
  if (!hasPython()) return 'skipped: python3 not found (the reference scorer needs it)';
  return null;
}

/** Runs `brat-eval.py GOLD PRED --json` and returns its figures. */
export function referenceScores(goldDir: string, predDir: string): Record<string, unknown> {
  const shared = sharedDir();
  if (shared === null) throw new Error('../shared is absent');
  const run = spawnSync('python3', [join(shared, 'tools', 'brat-eval.py'), goldDir, predDir, '--json'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`brat-eval.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}
