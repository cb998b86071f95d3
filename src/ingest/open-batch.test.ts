import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createExtraction } from '../model/index.js';
import { openSqliteStore, type Store } from '../store/index.js';
import { createArticleInput } from './article-input.js';
import { openBatch } from './open-batch.js';
import { prepareArticle, type PreparedArticle } from './prepare-article.js';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimtrail-batch-'));
  store = openSqliteStore(join(dir, 'batch.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const none = () => createExtraction({ file: null, publishedAt: null, bodyStart: 0, attributions: [], entities: [] });

async function prepared(name: string): Promise<PreparedArticle> {
  const p = await prepareArticle(store, createArticleInput({ source: `${name}.txt`, text: `The ${name} tide came in at noon.` }), none);
  if (typeof p === 'string' || p.kind !== 'prepared') throw new Error('not prepared');
  return p;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

it('stores each article as it is added, before the batch commits', async () => {
  const a = await prepared('first');
  const batch = openBatch(store, () => undefined, Infinity);
  batch.add(a);
  await tick();
  // The same connection reads its own open transaction: the article is written already.
  expect(await store.articleHash(a.article.identity)).toBe(a.article.contentHash);
  batch.add(await prepared('second'));
  expect(batch.size).toBe(2);
  expect(await batch.commit()).toEqual(['ingested', 'ingested']);
  expect((await store.stats()).articles).toBe(2);
});

it('a failed article rolls the whole batch back and refuses more', async () => {
  const [a, b, c] = [await prepared('first'), await prepared('second'), await prepared('third')];
  const failing: Store = {
    ...store,
    transaction: (fn) =>
      store.transaction((tx) =>
        fn({
          ...tx,
          putArticle: async (article, extraction, hints) => {
            if (article.identity === b.article.identity) throw new Error('disk on fire');
            return tx.putArticle(article, extraction, hints);
          },
        }),
      ),
  };
  const batch = openBatch(failing, () => undefined, Infinity);
  batch.add(a);
  batch.add(b);
  await tick();
  expect(() => batch.add(c)).toThrow('disk on fire');
  await expect(batch.commit()).rejects.toThrow('disk on fire');
  expect(await store.articleHash(a.article.identity)).toBeNull();
  // The store is free again for the next batch.
  expect(await openBatch(store, () => undefined).commit()).toEqual([]);
});

it('commits once it has waited with nothing to store, so another connection can write meanwhile', async () => {
  const a = await prepared('first');
  const batch = openBatch(store, () => undefined, 0);
  batch.add(a);
  await tick();
  expect(batch.open).toBe(false);
  expect(() => batch.add(a)).toThrow('add after commit');
  expect(await batch.commit()).toEqual(['ingested']);
  const other = openSqliteStore(join(dir, 'batch.db'));
  try {
    expect(await other.articleHash(a.article.identity)).toBe(a.article.contentHash);
    await other.putArticle((await prepared('second')).article, none());
  } finally {
    await other.close();
  }
});
