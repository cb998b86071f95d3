import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claimSketch } from '../link/index.js';
import type { Extraction } from '../model/index.js';
import { collect } from '../test-support/collect.js';
import { handExtraction, type HandAttribution } from '../test-support/hand-extraction.js';
import { postgresMissing, startTestPostgres, type TestPostgres } from '../test-support/postgres.js';
import { VERSION_3_BAND, VERSION_3_SPANS, VERSION_3_STATEMENTS, VERSION_3_TEXT } from '../test-support/version-3-database.js';
import pg from 'pg';
import { POSTGRES_DIALECT } from './postgres/dialect.js';
import type { SqlClient, SqlValue } from './sql/sql-client.js';
import {
  MIGRATIONS,
  POSTGRES_MIGRATIONS,
  migrate,
  migratePostgres,
  postgresSchemaVersion,
  openPostgresStore, openSqliteStore, schemaVersion, type ArticleToStore, type Store } from './index.js';

const pgMissing = postgresMissing();
let server: TestPostgres | null = null;
const dirs: string[] = [];
beforeAll(async () => {
  if (pgMissing === null) server = await startTestPostgres();
});
afterAll(async () => {
  await server?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Every backend; the same suite runs against each, PostgreSQL where a server can run (else it skips, saying how to get one). */
const BACKENDS: readonly { name: string; skip: string | null; open: () => Promise<Store> }[] = [
  {
    name: 'sqlite',
    skip: null,
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'claimtrail-store-'));
      dirs.push(dir);
      return openSqliteStore(join(dir, 'test.db'));
    },
  },
  { name: 'postgres', skip: pgMissing, open: async () => openPostgresStore(await server!.createDatabase()) },
];

let counter = 0;
function article(text: string, fields: Partial<ArticleToStore> = {}): ArticleToStore {
  counter++;
  return {
    identity: fields.url ?? `test:${counter}`,
    contentHash: `h:${text}:${fields.title ?? ''}`,
    source: `test-${counter}.txt`,
    url: null,
    title: null,
    byline: null,
    outlet: null,
    publishedAt: null,
    summaryOnly: false,
    text,
    ...fields,
  };
}

async function put(store: Store, text: string, attributions: readonly HandAttribution[], fields: Partial<ArticleToStore> = {}): Promise<Extraction> {
  const extraction = handExtraction(text, attributions, fields.publishedAt ?? null);
  await store.putArticle(article(text, fields), extraction);
  return extraction;
}

const QUOTE = '“We are not going to cut corners on the estuary,” said Marta Quiroga, the regional water director.';
const quiroga = (roles: string[] = ['the regional water director']) => ({ name: 'Marta Quiroga', type: 'person' as const, roles });

for (const { name, skip, open } of BACKENDS) describeStore(name, skip, open);

/** The storage suite: what every backend must do, the same way. */
function describeStore(name: string, skip: string | null, open: () => Promise<Store>): void {
describe.skipIf(skip !== null)(`store (${name})${skip ? `: ${skip}` : ''}`, () => {
  let store: Store;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store.close();
  });

  describe('articles and spans', () => {
    it('stores spans whose text is the article text at their offsets, with a quote selector', async () => {
      const text = `Headline\n\n${QUOTE}`;
      await put(store, text, [{ content: 'We are not going to cut corners on the estuary', cue: 'said', source: 'Marta Quiroga', kind: 'direct', speaker: quiroga() }]);
      const [a] = (await store.attributions());
      expect(text.slice(a!.content.start, a!.content.end)).toBe('We are not going to cut corners on the estuary');
      expect(text.slice(a!.cue.start, a!.cue.end)).toBe('said');
      expect(text.slice(a!.source!.start, a!.source!.end)).toBe('Marta Quiroga');
      expect(a!.content.selector).toMatchObject({ exact: 'We are not going to cut corners on the estuary', prefix: 'Headline\n\n“' });
      expect(a!.content.selector.suffix).toMatch(/^,” said Marta Quiroga, the re/);
      expect(a!.speaker).toMatchObject({ name: 'Marta Quiroga', type: 'person', roles: ['the regional water director'] });
    });

    it('keeps the entities extraction found, and none for an unknown article', async () => {
      const text = `Headline\n\n${QUOTE}`;
      const extraction = await put(store, text, [{ content: 'We are not going to cut corners on the estuary', cue: 'said', source: 'Marta Quiroga', kind: 'direct', speaker: quiroga() }]);
      const [stored] = await collect(store.articles());
      expect((await store.entities(stored!.id))).toEqual(JSON.parse(JSON.stringify(extraction.entities)));
      expect((await store.entities(stored!.id + 1000))).toBeNull();
    });

    it('keeps a discontinuous span’s parts', async () => {
      const text = '“The permits will be reviewed,” Quiroga said, “on their merits.”';
      const extraction = handExtraction(text, [{ content: 'The permits will be reviewed', cue: 'said', source: 'Quiroga', kind: 'direct' }]);
      const first = extraction.attributions[0]!;
      const parts = [
        { start: first.content.start, end: first.content.end, text: first.content.text },
        { start: text.indexOf('on their merits'), end: text.indexOf('on their merits') + 'on their merits'.length, text: 'on their merits' },
      ];
      const content = { start: parts[0]!.start, end: parts[1]!.end, text: text.slice(parts[0]!.start, parts[1]!.end), parts };
      await store.putArticle(article(text), { ...extraction, attributions: [{ ...first, content }] });
      const [a] = (await store.attributions());
      expect(a!.content.parts?.map((p) => p.text)).toEqual(['The permits will be reviewed', 'on their merits']);
    });

    it('changes nothing when the same article is stored again', async () => {
      const a = article(QUOTE);
      const extraction = handExtraction(QUOTE, [{ content: 'We are not going to cut corners on the estuary', cue: 'said', speaker: quiroga() }]);
      expect((await store.putArticle(a, extraction))).toBe('ingested');
      const before = (await store.attributions());
      expect((await store.putArticle(a, extraction))).toBe('unchanged');
      expect((await store.attributions())).toEqual(before);
      expect((await store.stats()).articles).toBe(1);
    });

    it('replaces the attributions of a changed article, and the search index with them', async () => {
      const url = 'https://gazette.example/story';
      await put(store, 'The ferry will stop running on Sundays, the operator said.', [{ content: 'The ferry will stop running on Sundays', cue: 'said' }], { url });
      expect((await store.search('ferry'))).toHaveLength(1);
      const outcome = (await store.putArticle(
        article('The bridge will close for repairs in May, the council said.', { url }),
        handExtraction('The bridge will close for repairs in May, the council said.', [{ content: 'The bridge will close for repairs in May', cue: 'said' }]),
      ));
      expect(outcome).toBe('updated');
      expect((await store.stats())).toMatchObject({ articles: 1, attributions: 1 });
      expect((await store.search('ferry'))).toHaveLength(0);
      expect((await store.search('bridge'))).toHaveLength(1);
    });

    it('takes replaced attributions out of their claim bands, so the bands keep taking new members', async () => {
      const claim = 'The estuary dredging will cost more than forty million dollars over five years';
      // Four articles with one claim fill every band it has (four members a band are kept) ...
      for (let i = 0; i < 4; i++) await put(store, `${claim}, source ${i} said.`, [{ content: claim, cue: 'said' }], { url: `https://a.example/${i}` });
      // ... then each is replaced by something else.
      const others = [
        'The harbour ferry changes its timetable on the first Monday of every month',
        'Three new librarians were hired to extend opening hours at the central branch',
        'Volunteers planted two thousand oak saplings along the northern riverbank trail',
        'A storm damaged the roof of the covered market and repairs begin next week',
      ];
      for (const [i, other] of others.entries()) {
        await put(store, `${other}, source ${i} said.`, [{ content: other, cue: 'said' }], { url: `https://a.example/${i}` });
      }
      expect(await store.stats()).toMatchObject({ attributions: 4, sharedClaims: 0 });
      // The claim again, twice: the two must find each other through bands no longer full of the replaced.
      await put(store, `${claim}, the mayor said.`, [{ content: claim, cue: 'said' }]);
      await put(store, `${claim}, a councillor said.`, [{ content: claim, cue: 'said' }]);
      expect(await store.stats()).toMatchObject({ attributions: 6, sharedClaims: 1 });
    });

    it('groups by the claims the database holds after a rolled-back merge', async () => {
      const x = 'harbor dredging budget council estuary sediment permit contractor barge channel';
      const y = 'channel barge contractor ferry timetable library volunteers orchard lantern meadow';
      await put(store, `${x}, one said.`, [{ content: x, cue: 'said' }]);
      await put(store, `${y}, two said.`, [{ content: y, cue: 'said' }]);
      // Content close to both would merge their groups, but its transaction fails.
      const bridge = `${x} ferry timetable library volunteers orchard lantern meadow`;
      await expect(
        store.transaction(async (tx) => {
          await put(tx, `${bridge}, three said.`, [{ content: bridge, cue: 'said' }]);
          throw new Error('crash');
        }),
      ).rejects.toThrow('crash');
      await put(store, `${y}, four said.`, [{ content: y, cue: 'said' }]);
      const [first, second, fourth] = await store.attributions();
      expect(fourth!.claimId).toBe(second!.claimId);
      expect(first!.claimId).not.toBe(second!.claimId);
    });

    it('commits a transaction whole or not at all', async () => {
      await expect(
        store.transaction(async (tx) => {
          await put(tx, 'The mill will close, the owner said.', [{ content: 'The mill will close', cue: 'said' }]);
          throw new Error('crash');
        }),
      ).rejects.toThrow('crash');
      expect((await store.stats()).articles).toBe(0);
      expect(await store.search('mill')).toHaveLength(0);
    });

    it('rolls back a nested transaction alone', async () => {
      await store.transaction(async (tx) => {
        await put(tx, 'The mill will close, the owner said.', [{ content: 'The mill will close', cue: 'said' }]);
        await expect(
          tx.transaction(async (inner) => {
            await put(inner, 'The pier will reopen, the mayor said.', [{ content: 'The pier will reopen', cue: 'said' }]);
            throw new Error('inner');
          }),
        ).rejects.toThrow('inner');
      });
      expect((await store.search('mill')).map((r) => r.attribution.content)).toEqual(['The mill will close']);
      expect(await store.search('pier')).toHaveLength(0);
    });
  });

  describe('search', () => {
    beforeEach(async () => {
      await put(store, QUOTE, [{ content: 'We are not going to cut corners on the estuary', cue: 'said', source: 'Marta Quiroga', kind: 'direct', speaker: quiroga() }], {
        outlet: 'The Harbor Gazette',
        publishedAt: '2025-03-14',
        title: 'Port stalls',
      });
      await put(store, 'Tobias Renner said the estuary review could cost hundreds of jobs.', [
        { content: 'the estuary review could cost hundreds of jobs', cue: 'said', source: 'Tobias Renner', speaker: { name: 'Tobias Renner', type: 'person' } },
      ], { outlet: 'Coastline Weekly', publishedAt: '2025-03-20' });
    });

    it('finds attributions by words, ranked, with article, speaker and a snippet', async () => {
      const results = (await store.search('estuary corners'));
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({
        attribution: { kind: 'direct', content: 'We are not going to cut corners on the estuary', cue: 'said', source: 'Marta Quiroga' },
        article: { title: 'Port stalls', outlet: 'The Harbor Gazette', publishedAt: '2025-03-14' },
        speaker: { name: 'Marta Quiroga', type: 'person' },
      });
      expect(results[0]!.snippet).toContain('[corners]');
      expect(results[0]!.score).toBeGreaterThan(0);
    });

    it('ranks better matches first, with and without filters', async () => {
      await put(store, 'The estuary, the estuary, the estuary matters most, Tobias Renner said.', [
        { content: 'The estuary, the estuary, the estuary matters most', cue: 'said', speaker: { name: 'Tobias Renner', type: 'person' } },
      ], { outlet: 'Coastline Weekly', publishedAt: '2025-03-21' });
      for (const results of [(await store.search('estuary')), (await store.search('estuary', { outlet: 'Coastline Weekly' }))]) {
        expect(results[0]?.attribution.content).toBe('The estuary, the estuary, the estuary matters most');
        const scores = results.map((r) => r.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
      }
    });

    it('filters by speaker, outlet, dates and kind', async () => {
      expect((await store.search('estuary'))).toHaveLength(2);
      expect((await store.search('estuary', { limit: 1 }))).toHaveLength(1);
      expect((await store.search('estuary', { speaker: 'Renner' })).map((r) => r.speaker?.name)).toEqual(['Tobias Renner']);
      expect((await store.search('estuary', { outlet: 'the Gazette' })).map((r) => r.article.outlet)).toEqual(['The Harbor Gazette']);
      expect((await store.search('estuary', { since: '2025-03-15' })).map((r) => r.article.publishedAt)).toEqual(['2025-03-20']);
      expect((await store.search('estuary', { until: '2025-03-14' })).map((r) => r.article.publishedAt)).toEqual(['2025-03-14']);
      expect((await store.search('estuary', { kind: 'indirect' })).map((r) => r.attribution.kind)).toEqual(['indirect']);
    });

    it('indexes what a transaction wrote: an article rewritten in it once, not what a savepoint rolled back', async () => {
      await rewriteInOneTransaction(store);
      expect((await store.search('ferry')).map((r) => r.attribution.content)).toEqual(['the ferry fares would triple by spring']);
      expect(await store.search('double')).toEqual([]);
      expect(await store.search('lighthouse')).toEqual([]);
      expect((await store.search('ferry fares', { speaker: 'Lobo' }))).toHaveLength(1);
    });

    it('treats FTS5 syntax in the query as plain words', async () => {
      await expect(store.search('estuary" OR NEAR(jobs * ) AND -')).resolves.toEqual([]);
      expect((await store.search('"cut corners"'))).toHaveLength(1);
      expect((await store.search('corners cut'))).toHaveLength(1);
      expect((await store.search('"corners cut"'))).toHaveLength(0);
    });
  });

  describe('speakers across articles', () => {
    it('links full name, titled form and surname alone to one person', async () => {
      await put(store, QUOTE, [{ content: 'We are not going to cut corners on the estuary', cue: 'said', speaker: quiroga() }], { publishedAt: '2025-03-14' });
      await put(store, 'Water Director Marta Quiroga said the review would take months.', [
        { content: 'the review would take months', cue: 'said', speaker: { name: 'Water Director Marta Quiroga', type: 'person' } },
      ], { publishedAt: '2025-03-15' });
      await put(store, 'Quiroga said no date had been set.', [{ content: 'no date had been set', cue: 'said', speaker: { name: 'Quiroga', type: 'person' } }]);
      const speakers = (await store.speakers());
      expect(speakers).toHaveLength(1);
      expect(speakers[0]).toMatchObject({ name: 'Marta Quiroga', statements: 3, articles: 3 });
    });

    it('keeps apart people who share only a surname, and a surname alone that could be either', async () => {
      await put(store, QUOTE, [{ content: 'We are not going to cut corners on the estuary', cue: 'said', speaker: quiroga() }]);
      await put(store, 'Luis Quiroga, a fisherman, said the catch was down.', [
        { content: 'the catch was down', cue: 'said', speaker: { name: 'Luis Quiroga', type: 'person', roles: ['a fisherman'] } },
      ]);
      await put(store, 'Quiroga said nothing would change this year.', [{ content: 'nothing would change this year', cue: 'said', speaker: { name: 'Quiroga', type: 'person' } }]);
      expect((await store.speakers()).map((s) => s.name).sort()).toEqual(['Luis Quiroga', 'Marta Quiroga', 'Quiroga']);
    });

    it('links outlets by name, "the" + last word and acronym, including an article’s own outlet', async () => {
      await put(store, 'The port spent $40 million on design work, the Gazette reported.', [], { outlet: 'The Harbor Gazette' });
      await put(store, 'The port spent $40 million, according to the Gazette.', [
        { content: 'The port spent $40 million', cue: 'according to', source: 'the Gazette', kind: 'according-to', speaker: { name: 'the Gazette', type: 'outlet' } },
      ]);
      await put(store, 'HG reported that the port was over budget.', [
        { content: 'the port was over budget', cue: 'reported', source: 'HG', speaker: { name: 'HG', type: 'outlet' } },
      ]);
      const [gazette] = (await store.findSpeakers('The Harbor Gazette'));
      expect(gazette).toMatchObject({ type: 'outlet', statements: 2 });
      expect((await store.findSpeakers('the Gazette'))[0]?.id).toBe(gazette?.id);
      expect((await store.findSpeakers('HG'))[0]?.id).toBe(gazette?.id);
    });

    it('keeps each role with the dates of the articles that gave it', async () => {
      await put(store, QUOTE, [{ content: 'We are not going to cut corners on the estuary', cue: 'said', speaker: quiroga(['the regional water director']) }], {
        publishedAt: '2024-06-01',
      });
      await put(store, 'Quiroga said she would run for mayor.', [
        { content: 'she would run for mayor', cue: 'said', speaker: { name: 'Marta Quiroga', type: 'person', roles: ['former water director'] } },
      ], { publishedAt: '2025-02-01' });
      await put(store, 'Marta Quiroga said the plan was sound.', [{ content: 'the plan was sound', cue: 'said', speaker: quiroga(['the regional water director']) }], {
        publishedAt: '2024-09-01',
      });
      const page = (await store.speaker('Marta Quiroga'));
      expect(page?.datedRoles).toEqual([
        { role: 'the regional water director', first: '2024-06-01', last: '2024-09-01', articles: 2 },
        { role: 'former water director', first: '2025-02-01', last: '2025-02-01', articles: 1 },
      ]);
      expect(page?.statementList.map((s) => s.article.publishedAt)).toEqual(['2024-06-01', '2024-09-01', '2025-02-01']);
    });

    it('keeps merges and splits made by a person across re-ingest', async () => {
      await put(store, 'Bob Lindqvist said the vote was close.', [{ content: 'the vote was close', cue: 'said', speaker: { name: 'Bob Lindqvist', type: 'person' } }]);
      await put(store, 'Robert Lindqvist said the count was over.', [
        { content: 'the count was over', cue: 'said', speaker: { name: 'Robert Lindqvist', type: 'person' } },
      ], { url: 'https://x.example/r' });
      const [bob] = (await store.findSpeakers('Bob Lindqvist'));
      const [robert] = (await store.findSpeakers('Robert Lindqvist'));
      expect(bob!.id).not.toBe(robert!.id);
      await store.mergeSpeakers(robert!.id, bob!.id);
      expect((await store.speakers())).toHaveLength(1);
      // The article changes and is re-extracted: "Bob Lindqvist" still goes to the merged speaker.
      await put(store, 'Bob Lindqvist said the recount was fair.', [{ content: 'the recount was fair', cue: 'said', speaker: { name: 'Bob Lindqvist', type: 'person' } }], {
        url: 'https://x.example/r',
      });
      expect((await store.speakers())).toMatchObject([{ id: robert!.id, statements: 2 }]);

      // A surname alone went to the one Lindqvist; a person says it is someone else.
      await put(store, 'Lindqvist said the bridge was safe.', [{ content: 'the bridge was safe', cue: 'said', speaker: { name: 'Lindqvist', type: 'person' } }], {
        url: 'https://x.example/s',
      });
      expect((await store.speakers())).toMatchObject([{ id: robert!.id, statements: 3 }]);
      const other = (await store.splitSpeaker(robert!.id, 'Lindqvist'));
      expect((await store.speakers()).map((s) => [s.id, s.statements])).toEqual([
        [robert!.id, 2],
        [other, 1],
      ]);
      await put(store, 'Lindqvist said the bridge would reopen.', [{ content: 'the bridge would reopen', cue: 'said', speaker: { name: 'Lindqvist', type: 'person' } }], {
        url: 'https://x.example/s',
      });
      expect((await store.findSpeakers(String(other)))[0]).toMatchObject({ statements: 1 });
      expect((await store.search('reopen'))[0]?.speaker?.id).toBe(other);
    });

    it('refuses corrections that name no speaker', async () => {
      await expect(store.mergeSpeakers(1, 2)).rejects.toThrow(/no speaker/);
    });
  });

  describe('claims', () => {
    const claim = 'the port has spent more than $40 million on design work since 2021';
    beforeEach(async () => {
      await put(store, `The port has spent more than $40 million on design work since 2021, Port Chairman Tobias Renner said.`, [
        { content: 'The port has spent more than $40 million on design work since 2021', cue: 'said', speaker: { name: 'Tobias Renner', type: 'person' } },
      ], { outlet: 'The Harbor Gazette', publishedAt: '2025-03-10', url: 'https://gazette.example/1', title: 'Port costs' });
      await put(store, `According to the Harbor Gazette, ${claim}.`, [
        { content: claim, cue: 'According to', source: 'the Harbor Gazette', kind: 'according-to', speaker: { name: 'the Harbor Gazette', type: 'outlet' } },
      ], { outlet: 'Coastline Weekly', publishedAt: '2025-03-12', url: 'https://coastline.example/2' });
      await put(store, `“The port has spent more than 40 million on design work since 2021” — Renner said.`, [
        { content: 'The port has spent more than 40 million on design work since 2021', cue: 'said', speaker: { name: 'Renner', type: 'person' } },
      ], { outlet: 'Estuary Notes', publishedAt: '2025-03-11', url: 'https://notes.example/3' });
      await put(store, 'The ferry timetable will change in April, the operator said.', [{ content: 'The ferry timetable will change in April', cue: 'said' }], {
        publishedAt: '2025-03-09',
      });
    });

    it('takes claim sketches made elsewhere, and ignores ones that do not fit the extraction', async () => {
      const text = 'The port has spent more than 40 million dollars on design work since 2021, a spokesperson said.';
      const extraction = handExtraction(text, [{ content: 'The port has spent more than 40 million dollars on design work since 2021', cue: 'said' }], null);
      const sketches = extraction.attributions.map((a) => claimSketch(a.content.text));
      await store.putArticle(article(text, { url: 'https://hinted.example/1' }), extraction, { claims: sketches });
      // A sketch list of the wrong length (here: one too many) is not trusted.
      await store.putArticle(article(text, { url: 'https://hinted.example/2' }), extraction, { claims: [...sketches, ...sketches] });
      expect((await store.stats())).toMatchObject({ claims: 2, sharedClaims: 1 });
      const [hinted] = await store.search('dollars');
      expect((await store.trace(hinted!.attribution.id))?.claim).toHaveLength(5);
    });

    it('groups near-duplicate contents across articles into one claim', async () => {
      const all = (await store.attributions());
      const byClaim = new Map<number, number>();
      for (const a of all) byClaim.set(a.claimId, (byClaim.get(a.claimId) ?? 0) + 1);
      expect([...byClaim.values()].sort()).toEqual([1, 3]);
      expect((await store.stats())).toMatchObject({ claims: 2, sharedClaims: 1 });
    });

    it('traces an "according to" attribution to the cited outlet’s own article and its speaker, earliest first', async () => {
      const cited = (await store.attributions()).find((a) => a.kind === 'according-to')!;
      const trace = (await store.trace(cited.id))!;
      expect(trace.claim.map((m) => m.article.publishedAt)).toEqual(['2025-03-10', '2025-03-11', '2025-03-12']);
      expect(trace.chain.map((s) => s.kind)).toEqual(['article', 'cited', 'speaker']);
      expect(trace.chain[1]).toMatchObject({ kind: 'cited', speaker: { type: 'outlet' }, article: { url: 'https://gazette.example/1' } });
      expect(trace.chain[2]).toMatchObject({ speaker: { name: 'Tobias Renner' } });
    });

    it('traces a direct statement to its speaker', async () => {
      const [first] = (await store.search('ferry timetable'));
      expect((await store.trace(first!.attribution.id))?.chain.map((s) => s.kind)).toEqual(['article']);
      const renner = (await store.search('design work', { outlet: 'Estuary Notes' }))[0]!;
      expect((await store.trace(renner.attribution.id))?.chain[1]).toMatchObject({ kind: 'speaker', speaker: { name: 'Tobias Renner' } });
    });

    it('answers null for an unknown attribution', async () => {
      expect((await store.trace(999_999))).toBeNull();
    });
  });

  it('prints the same stats for the same content ingested in another order', async () => {
    const docs: [string, HandAttribution[], Partial<ArticleToStore>][] = [
      [QUOTE, [{ content: 'We are not going to cut corners on the estuary', cue: 'said', speaker: quiroga(), kind: 'direct' }], { outlet: 'The Harbor Gazette', url: 'u1' }],
      ['Quiroga said the estuary would be protected.', [{ content: 'the estuary would be protected', cue: 'said', speaker: { name: 'Quiroga', type: 'person' } }], { outlet: 'HG', url: 'u2' }],
      ['The mill will close, according to the Gazette.', [{ content: 'The mill will close', cue: 'according to', kind: 'according-to', speaker: { name: 'the Gazette', type: 'outlet' } }], { url: 'u3' }],
    ];
    for (const d of docs) await put(store, ...d);
    const other = await open();
    try {
      for (const d of [...docs].reverse()) await put(other, ...d);
      expect(JSON.stringify((await other.stats()))).toBe(JSON.stringify((await store.stats())));
    } finally {
      await other.close();
    }
  });
});
}

describe.skipIf(pgMissing !== null)(`postgres${pgMissing ? `: ${pgMissing}` : ''}`, () => {
  it('links speakers and groups claims once when several writers store at the same time', async () => {
    // Twelve articles that all name one person, one outlet and one claim, in several wordings;
    // "it first" is too short to be a claim, so each of those is a group of its own.
    const docs = Array.from({ length: 12 }, (_, i): [string, HandAttribution[], Partial<ArticleToStore>] => {
      const speaker = i % 3 === 0 ? quiroga() : { name: i % 3 === 1 ? 'Quiroga' : 'Water Director Marta Quiroga', type: 'person' as const };
      const claim = `The estuary dredging will cost more than ${i % 2 === 0 ? '$40 million' : '40 million dollars'} over the next five years`;
      return [
        `${claim}, Marta Quiroga said. The Harbor Gazette reported it first.`,
        [
          { content: claim, cue: 'said', speaker },
          { content: 'it first', cue: 'reported', speaker: { name: i % 2 === 0 ? 'The Harbor Gazette' : 'the Gazette', type: 'outlet' } },
        ],
        { url: `https://example.org/${i}`, outlet: i % 4 === 0 ? 'The Harbor Gazette' : 'Coastline Weekly' },
      ];
    });
    const url = await server!.createDatabase();
    const writers = await Promise.all([0, 1, 2, 3].map(() => openPostgresStore(url)));
    const alone = await openPostgresStore(await server!.createDatabase());
    try {
      // Each writer stores every article, in its own order, all at once: the same identities race too.
      await Promise.all(writers.map((w, k) => Promise.all(docs.map((_, i) => put(w, ...docs[(i * (k + 1) + k) % docs.length]!)))));
      for (const d of docs) await put(alone, ...d);
      const [reader] = writers;
      expect((await reader!.speakers()).map((s) => s.name).sort()).toEqual(['Marta Quiroga', 'The Harbor Gazette']);
      expect(await reader!.stats()).toEqual(await alone.stats());
      expect(await reader!.stats()).toMatchObject({ articles: 12, attributions: 24, speakers: 2, claims: 13, sharedClaims: 1 });
    } finally {
      await Promise.all([...writers, alone].map((w) => w.close()));
    }
  });

  it('migrations go up to the latest version and down to an empty database', async () => {
    const pool = new pg.Pool({ connectionString: await server!.createDatabase() });
    try {
      await migratePostgres(pool);
      expect(await postgresSchemaVersion(pool)).toBe(POSTGRES_MIGRATIONS.length);
      await migratePostgres(pool, 0);
      expect(await postgresSchemaVersion(pool)).toBe(0);
      const tables = await pool.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
      expect(tables.rows.map((r: { tablename: string }) => r.tablename)).toEqual(['schema_migrations']);
      await migratePostgres(pool);
      expect(await postgresSchemaVersion(pool)).toBe(POSTGRES_MIGRATIONS.length);
    } finally {
      await pool.end();
    }
  });

  it('upgrade a version-1 database in place, its data intact and searchable', async () => {
    const url = await server!.createDatabase();
    const pool = new pg.Pool({ connectionString: url });
    try {
      await migratePostgres(pool, 1);
      const article = await pool.query("INSERT INTO articles (identity, content_hash, source, text) VALUES ('x', 'h', 's', 'Some text.') RETURNING id");
      await pool.query(
        "INSERT INTO attributions (article_id, local_id, kind, content, claim_id) VALUES ($1, 'a1', 'indirect', 'the tide tables were wrong', 1)",
        [article.rows[0].id],
      );
    } finally {
      await pool.end();
    }
    // Opening the store migrates it.
    const store = await openPostgresStore(url);
    try {
      const [stored] = await collect(store.articles());
      expect(stored).toMatchObject({ identity: 'x', text: 'Some text.' });
      expect(await store.entities(stored!.id)).toBeNull();
      expect((await store.search('tide tables')).map((r) => r.attribution.content)).toEqual(['the tide tables were wrong']);
    } finally {
      await store.close();
    }
  });

  it('upgrade a version-3 database to one band row per band and spans in the attribution row, and back', async () => {
    const url = await server!.createDatabase();
    const pool = new pg.Pool({ connectionString: url });
    const run = (sql: string, params: readonly SqlValue[] = []) => {
      let n = 0;
      return pool.query(sql.replace(/\?/g, () => `$${++n}`), [...params]);
    };
    try {
      await migratePostgres(pool, 3);
      for (const [sql, params] of VERSION_3_STATEMENTS) await run(sql, params);
      await migratePostgres(pool);
      expect((await run('SELECT band::int AS band, members FROM claim_bands')).rows).toEqual([{ band: VERSION_3_BAND, members: '1,2,3,4' }]);
      const store = await openPostgresStore(url);
      try {
        await expectVersion3Upgraded(store);
      } finally {
        await store.close();
      }
      await migratePostgres(pool, 3);
      const spans = await run('SELECT attribution_id::int, role, start, "end", exact, prefix, suffix, parts FROM spans ORDER BY attribution_id, role');
      expect(spans.rows.map((r: Record<string, unknown>) => Object.values(r))).toEqual(
        [...VERSION_3_SPANS].sort((a, b) => Number(a[0]) - Number(b[0]) || String(a[1]).localeCompare(String(b[1]))),
      );
      expect((await run('SELECT attribution_id::int AS id FROM claim_bands ORDER BY attribution_id')).rows.map((r: { id: number }) => r.id)).toEqual([1, 2, 3, 4]);
    } finally {
      await pool.end();
    }
  });

  it('refuse a database newer than the code', async () => {
    const url = await server!.createDatabase();
    const pool = new pg.Pool({ connectionString: url });
    try {
      await migratePostgres(pool);
      await pool.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')");
    } finally {
      await pool.end();
    }
    await expect(openPostgresStore(url)).rejects.toThrow(/newer/);
  });

  it('searches through the GIN index, not a scan', async () => {
    const url = await server!.createDatabase();
    const store = await openPostgresStore(url);
    const pool = new pg.Pool({ connectionString: url });
    try {
      await pool.query("INSERT INTO articles (identity, content_hash, source, text) VALUES ('x', 'h', 's', 'Some text.')");
      await pool.query(`
        INSERT INTO attributions (article_id, local_id, kind, content, claim_id)
        SELECT 1, 'a' || n, 'indirect', 'statement number ' || n || CASE WHEN n % 500 = 0 THEN ' about the estuary' ELSE '' END, n
        FROM generate_series(1, 20000) n`);
      // VACUUM moves GIN's pending list into the index, as autovacuum does on a live database.
      await pool.query('VACUUM ANALYZE attributions');
      // Runs the dialect's own ranking queries under EXPLAIN.
      const plans: string[] = [];
      const explain: SqlClient = {
        all: async <T>(sql: string, params: readonly SqlValue[] = []) => {
          let n = 0;
          const { rows } = await pool.query(`EXPLAIN ${sql.replace(/\?/g, () => `$${++n}`)}`, [...params]);
          plans.push(rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n'));
          return [] as T[];
        },
        get: async () => undefined,
        run: async () => undefined,
        insert: async () => 0,
        multiRowInserts: true,
      };
      await POSTGRES_DIALECT.rank(explain, ['estuary'], { clauses: [], params: [] }, 10);
      await POSTGRES_DIALECT.rank(explain, ['estuary'], { clauses: ['a.kind = ?'], params: ['indirect'] }, 10);
      expect(plans).toHaveLength(2);
      for (const plan of plans) {
        expect(plan).toContain('attributions_fts');
        expect(plan).not.toMatch(/Seq Scan on attributions/);
      }
      expect((await store.search('estuary', { limit: 100 })).length).toBe(40);
    } finally {
      await pool.end();
      await store.close();
    }
  });
});

/** What a store opened on the upgraded version-3 fixture must read back: the spans as they were, selectors included. */
async function expectVersion3Upgraded(store: Store): Promise<void> {
  const [first, second] = await store.attributions(1);
  expect(first!.content.parts?.map((p) => p.text)).toEqual(['We will rebuild the pier,', 'Every plank of it.']);
  expect(first!.content.selector).toEqual({ exact: VERSION_3_SPANS[0]![4], prefix: VERSION_3_SPANS[0]![5], suffix: VERSION_3_SPANS[0]![6] });
  expect([first!.cue.text, first!.source?.text, first!.cue.start]).toEqual(['said', 'Mayor Ana Ruiz', VERSION_3_TEXT.indexOf('said')]);
  expect([second!.cue.text, second!.source]).toEqual(['agreed', null]);
  const [hit] = await store.search('pier');
  expect(hit?.attribution).toMatchObject({ id: 1, cue: 'said', source: 'Mayor Ana Ruiz' });
}

/** In one transaction: an article written, then rewritten; another written in a savepoint that is rolled back. */
async function rewriteInOneTransaction(store: Store): Promise<void> {
  const speaker = { name: 'Ana Lobo', type: 'person' as const };
  const first = 'Ana Lobo said the ferry fares would double by spring.';
  const second = 'Ana Lobo said the ferry fares would triple by spring.';
  const dropped = 'Ana Lobo said the lighthouse would close.';
  await store.transaction(async (tx) => {
    await tx.putArticle(article(first, { url: 'https://ferry.example/1' }), handExtraction(first, [{ content: 'the ferry fares would double by spring', cue: 'said', source: 'Ana Lobo', speaker }]));
    await tx.putArticle(article(second, { url: 'https://ferry.example/1' }), handExtraction(second, [{ content: 'the ferry fares would triple by spring', cue: 'said', source: 'Ana Lobo', speaker }]));
    await expect(
      tx.transaction(async (inner) => {
        await inner.putArticle(article(dropped), handExtraction(dropped, [{ content: 'the lighthouse would close', cue: 'said', source: 'Ana Lobo', speaker }]));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
  });
}

describe('postgres pool', () => {
  it('refuses fewer than two connections: ingest reads on one while a batch holds another', async () => {
    await expect(openPostgresStore('postgres://nobody@127.0.0.1:1/none', { poolSize: 1 })).rejects.toThrow(/poolSize must be .* at least 2, got 1/);
  });
});

describe('sqlite full-text index', () => {
  it('holds exactly the stored contents after rewrites and rollbacks in one transaction', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimtrail-fts-'));
    dirs.push(dir);
    const file = join(dir, 'fts.db');
    const store = openSqliteStore(file);
    try {
      await rewriteInOneTransaction(store);
      // And rewritten again in a later transaction, which takes the indexed rows out through the delete trigger.
      const third = 'Ana Lobo said the ferry fares would hold.';
      await store.putArticle(article(third, { url: 'https://ferry.example/1' }), handExtraction(third, [{ content: 'the ferry fares would hold', cue: 'said', source: 'Ana Lobo' }]));
    } finally {
      await store.close();
    }
    const db = new Database(file);
    try {
      // rank 1: checks the index against the attributions table it indexes, not only its own structure.
      expect(() => db.prepare("INSERT INTO attribution_fts (attribution_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
      expect(db.prepare("SELECT count(*) AS n FROM attribution_fts WHERE attribution_fts MATCH 'ferry'").get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });
});

describe('sqlite, two connections to one file', () => {
  it('groups claims by what the rows hold now, after the other connection replaced one under the same id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimtrail-two-'));
    dirs.push(dir);
    const file = join(dir, 'two.db');
    const [a, b] = [openSqliteStore(file), openSqliteStore(file)];
    try {
      const first = 'The estuary dredging will cost more than forty million dollars over five years';
      const second = 'Three new librarians were hired to extend opening hours at the central branch';
      await put(a, `${first}, the port said.`, [{ content: first, cue: 'said' }], { url: 'https://two.example/1' });
      // The other connection replaces that article: its new attribution takes the freed id.
      await put(b, `${second}, the library said.`, [{ content: second, cue: 'said' }], { url: 'https://two.example/1' });
      // The first connection must not judge the row by the words it remembers of the old one.
      await put(a, `${second}, the mayor said.`, [{ content: second, cue: 'said' }], { url: 'https://two.example/2' });
      expect(await a.stats()).toMatchObject({ attributions: 2, sharedClaims: 1 });
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('sqlite migrations', () => {
  it('go up to the latest version and down to an empty database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimtrail-migrate-'));
    const db = new Database(join(dir, 'm.db'));
    try {
      migrate(db);
      expect(schemaVersion(db)).toBe(MIGRATIONS.length);
      migrate(db, 0);
      expect(schemaVersion(db)).toBe(0);
      expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").pluck().get()).toBe(0);
      migrate(db);
      expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('upgrade a version-1 database in place, its articles intact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimtrail-migrate-'));
    const db = new Database(join(dir, 'm.db'));
    try {
      migrate(db, 1);
      db.prepare("INSERT INTO articles (identity, content_hash, source, text, body_start, summary_only) VALUES ('x', 'h', 's', 'Some text.', 0, 0)").run();
      migrate(db);
      expect(schemaVersion(db)).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT text, entities FROM articles').get()).toEqual({ text: 'Some text.', entities: null });
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('upgrade a version-3 database to one band row per band and spans in the attribution row, and back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimtrail-migrate-'));
    const file = join(dir, 'm.db');
    try {
      const db = new Database(file);
      migrate(db, 3);
      for (const [sql, params] of VERSION_3_STATEMENTS) db.prepare(sql).run(...params);
      migrate(db);
      expect(db.prepare('SELECT band, members FROM claim_bands').all()).toEqual([{ band: VERSION_3_BAND, members: '1,2,3,4' }]);
      db.close();
      const store = openSqliteStore(file);
      await expectVersion3Upgraded(store);
      await store.close();
      const again = new Database(file);
      migrate(again, 3);
      expect(again.prepare('SELECT attribution_id, role, start, "end", exact, prefix, suffix, parts FROM spans ORDER BY attribution_id, role').raw().all()).toEqual(
        [...VERSION_3_SPANS].sort((a, b) => Number(a[0]) - Number(b[0]) || String(a[1]).localeCompare(String(b[1]))),
      );
      expect(again.prepare('SELECT attribution_id FROM claim_bands WHERE band = ? ORDER BY attribution_id').pluck().all(VERSION_3_BAND)).toEqual([1, 2, 3, 4]);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leave the full-text index to the writer from version 6, and give older versions their insert trigger back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimtrail-migrate-'));
    const db = new Database(join(dir, 'm.db'));
    const trigger = db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'attributions_fts_insert'").pluck();
    const indexed = (): unknown => db.prepare("SELECT rowid FROM attribution_fts WHERE attribution_fts MATCH 'lighthouse'").pluck().all();
    try {
      migrate(db);
      expect(trigger.get()).toBe(0);
      db.prepare("INSERT INTO articles (id, identity, content_hash, source, text) VALUES (1, 'x', 'h', 's', 'The lighthouse reopens, she said.')").run();
      const row = "INSERT INTO attributions (id, article_id, local_id, kind, content, claim_id) VALUES (?, 1, ?, 'indirect', 'The lighthouse reopens', ?)";
      db.prepare(row).run(1, 'a1', 1);
      expect(indexed()).toEqual([]);
      migrate(db, 5);
      expect(trigger.get()).toBe(1);
      db.prepare(row).run(2, 'a2', 2);
      expect(indexed()).toEqual([2]);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuse a database newer than the code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimtrail-migrate-'));
    const db = new Database(join(dir, 'm.db'));
    try {
      db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
      expect(() => migrate(db)).toThrow(/newer/);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
