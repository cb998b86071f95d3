import { collect } from '../test-support/collect.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type Store } from '../store/index.js';
import { bufferIO } from '../test-support/cli-io.js';
import { main } from './index.js';

// End to end with the real extractor on the bundled sample corpus. Only what
// holds whatever the extractor finds is asserted: exact figures belong to eval.
const sample = resolve(import.meta.dirname, '..', '..', 'data', 'sample');

describe('claimtrail ingest data/sample', () => {
  let dir: string;
  let first: { code: number; stdout: string };
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'claimtrail-sample-'));
    const { io, stdout } = bufferIO({ cwd: dir });
    first = { code: await main(['ingest', sample], io), stdout: stdout.text() };
    store = openSqliteStore(join(dir, 'claimtrail.db'));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ingests the twelve articles and nothing else (gold files are skipped)', async () => {
    expect(first).toEqual({ code: 0, stdout: 'ingested 12, updated 0, unchanged 0, failed 0\n' });
    expect((await store.stats()).articles).toBe(12);
  });

  it('stores spans that are the article text at their offsets', async () => {
    const texts = new Map((await collect(store.articles())).map((a) => [a.id, a.text]));
    for (const a of (await store.attributions())) {
      const text = texts.get(a.articleId)!;
      for (const span of [a.content, a.cue, ...(a.source ? [a.source] : [])]) expect(text.slice(span.start, span.end)).toBe(span.text);
    }
  });

  it('finds every stored content by searching its words', async () => {
    for (const a of (await store.attributions()).slice(0, 20)) {
      const words = a.content.text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 3).slice(0, 3);
      if (words.length === 0) continue;
      expect((await store.search(words.join(' '), { limit: 500 })).map((r) => r.attribution.id)).toContain(a.id);
    }
  });

  it('never makes two speakers of one full name', async () => {
    const names = (await store.speakers({ top: 1000 })).map((s) => `${s.type}:${s.name.toLowerCase()}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it('changes nothing on a second run', async () => {
    const before = JSON.stringify((await store.stats()));
    const { io, stdout } = bufferIO({ cwd: dir });
    expect(await main(['ingest', sample], io)).toBe(0);
    expect(stdout.text()).toBe('ingested 0, updated 0, unchanged 12, failed 0\n');
    expect(JSON.stringify((await store.stats()))).toBe(before);
  });
});
