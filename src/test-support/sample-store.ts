import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ingest } from '../ingest/index.js';
import { openStore, type Store } from '../store/index.js';

/** The repository root. */
export const REPO = resolve(import.meta.dirname, '..', '..');

/** The bundled sample corpus. */
export const SAMPLE_DIR = join(REPO, 'data', 'sample');

/** A store in a fresh temporary directory, optionally holding the sample corpus; `dispose` closes and deletes it. */
export async function tempStore(options: { readonly sample?: boolean } = {}): Promise<{ store: Store; dir: string; file: string; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'claimtrail-server-'));
  const file = join(dir, 'claimtrail.db');
  const store = await openStore(file);
  if (options.sample) {
    const summary = await ingest([SAMPLE_DIR], { store, cwd: REPO });
    if (summary.failed > 0) throw new Error(`sample corpus: ${summary.diagnostics.map((d) => d.reason).join('; ')}`);
  }
  return {
    store,
    dir,
    file,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * An article that would run code if any of it were rendered as HTML: a
 * script element, an image with an error handler, and a `javascript:` link,
 * each setting `window.__xss`. Its speaker is there so it has attributions.
 */
export const HOSTILE_TEXT = [
  'Harbor pilot Mira Castellan said the tide tables were wrong. <script>window.__xss = "script"</script>',
  '',
  '“The numbers <img src=x onerror="window.__xss = \'img\'"> do not add up,” Castellan said.',
  '',
  'The full notice is <a href="javascript:window.__xss = \'link\'">here</a>, according to the port office.',
].join('\n');

/** A title that would run code if rendered as HTML. */
export const HOSTILE_TITLE = '<img src=x onerror="window.__xss = \'title\'">Tide tables <script>window.__xss = "title-script"</script>';

/** An attribution whose claim appears in more than one article. */
export async function sharedClaim(store: Store): Promise<number> {
  const byClaim = new Map<number, Set<number>>();
  const first = new Map<number, number>();
  for (const a of await store.attributions()) {
    byClaim.set(a.claimId, (byClaim.get(a.claimId) ?? new Set()).add(a.articleId));
    if (!first.has(a.claimId)) first.set(a.claimId, a.id);
  }
  const claim = [...byClaim].find(([, articles]) => articles.size > 1)?.[0];
  if (claim === undefined) throw new Error('the sample corpus has no shared claim');
  return first.get(claim)!;
}
