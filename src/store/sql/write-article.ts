import {
  BANDS,
  bandKeys,
  claimSketch,
  claimWords,
  linkSpeaker,
  minhash,
  sameClaimWords,
  type KnownPerson,
  type SpeakerDecision,
  type SpeakerDirectory,
} from '../../link/index.js';
import type { Entity, Extraction, SpeakerRef } from '../../model/index.js';
import type { ArticleToStore, PutOutcome, StoreHints } from '../store.js';
import { CLAIM_BAND_MEMBERS } from './schema.js';
import { SPAN_COLUMNS, spanColumnValues } from './span-columns.js';
import type { Dialect } from './queries.js';
import type { SqlClient, SqlValue } from './sql-client.js';

/**
 * Writes an article with its attributions over `db`, inside a transaction the
 * caller holds. The full-text index is left to the caller: the article's id
 * goes on `unindexed`, for `Dialect.indexContents` before the commit.
 */
export interface ArticleWriter {
  (db: SqlClient, article: ArticleToStore, extraction: Extraction, unindexed: number[], hints?: StoreHints): Promise<PutOutcome>;
  /** Drops what the writer remembers of stored rows: after a rollback, their ids may come back for other contents. */
  forget(): void;
}

/** `(?, ?), (?, ?)`: `n` rows of `width` placeholders, for one INSERT of many rows (one round trip to a server, not `n`). */
function rows(n: number, width: number): string {
  const row = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  return Array.from({ length: n }, () => row).join(', ');
}

const SQL = {
  hash: 'SELECT id, content_hash FROM articles WHERE identity = ?',
  insertArticle: `
    INSERT INTO articles (identity, content_hash, source, url, title, byline, outlet, outlet_speaker_id, published_at, summary_only, text, body_start, entities)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  updateArticle: `
    UPDATE articles SET identity = ?, content_hash = ?, source = ?, url = ?, title = ?, byline = ?,
      outlet = ?, outlet_speaker_id = ?, published_at = ?, summary_only = ?, text = ?, body_start = ?, entities = ?
    WHERE id = ?`,
  deleteAttributions: 'DELETE FROM attributions WHERE article_id = ?',
  deleteRoles: 'DELETE FROM speaker_roles WHERE article_id = ?',
  insertAttribution: `
    INSERT INTO attributions (id, article_id, local_id, kind, content, speaker_id, speaker_name, speaker_type, speaker_roles, confidence, claim_id, ${SPAN_COLUMNS.join(', ')})
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${SPAN_COLUMNS.map(() => '?').join(', ')})`,
  mergeClaims: 'UPDATE attributions SET claim_id = ? WHERE claim_id = ?',
  insertRoles: (n: number) => `INSERT INTO speaker_roles (speaker_id, article_id, role) VALUES ${rows(n, 3)} ON CONFLICT DO NOTHING`,
  // A band row lists its oldest members (at most CLAIM_BAND_MEMBERS): one seek per band, however common the band.
  bandRows: `SELECT members FROM claim_bands WHERE band IN (${Array.from({ length: BANDS }, () => '?').join(', ')})`,
  candidates: (n: number) => `SELECT id, claim_id, content FROM attributions WHERE id IN (${Array.from({ length: n }, () => '?').join(', ')}) ORDER BY id`,
  // One statement files an attribution under all its bands: a new band starts with it, a band not yet full gains it.
  joinBands: (jsonNumbers: string) => `
    INSERT INTO claim_bands (band, members) SELECT value, CAST(? AS TEXT) FROM ${jsonNumbers} AS b WHERE true
    ON CONFLICT (band) DO UPDATE SET members = claim_bands.members || ',' || excluded.members
    WHERE length(claim_bands.members) - length(replace(claim_bands.members, ',', '')) < ${CLAIM_BAND_MEMBERS - 1}`,
  bandRow: 'SELECT members FROM claim_bands WHERE band = ?',
  setBandMembers: 'UPDATE claim_bands SET members = ? WHERE band = ?',
  deleteBand: 'DELETE FROM claim_bands WHERE band = ?',
  oldAttributions: 'SELECT id, content FROM attributions WHERE article_id = ?',
  alias: 'SELECT speaker_id, pinned FROM speaker_aliases WHERE key = ?',
  insertAlias: 'INSERT INTO speaker_aliases (key, speaker_id) VALUES (?, ?)',
  blurAlias: 'UPDATE speaker_aliases SET speaker_id = NULL WHERE key = ? AND pinned = 0',
  dropAlias: 'DELETE FROM speaker_aliases WHERE key = ? AND speaker_id = ? AND pinned = 0',
  bySurname: `
    SELECT s.id, s.first, r.role FROM speakers s LEFT JOIN speaker_roles r ON r.speaker_id = s.id
    WHERE s.type = 'person' AND s.surname = ? ORDER BY s.id, r.role`,
  insertSpeaker: 'INSERT INTO speakers (name, type, first, surname) VALUES (?, ?, ?, ?)',
  renameSpeaker: 'UPDATE speakers SET name = ?, first = ? WHERE id = ?',
  speakerType: 'SELECT type FROM speakers WHERE id = ?',
  setSpeakerType: 'UPDATE speakers SET type = ? WHERE id = ?',
} as const;

const texts = new Map<(n: number) => string, string[]>();

/** The text of a many-row statement for `n` rows, built once. */
function statementFor(sql: (n: number) => string, n: number): string {
  const built = texts.get(sql) ?? [];
  texts.set(sql, built);
  return (built[n] ??= sql(n));
}

/**
 * The article writer both backends share: speaker linking (`link/`) and
 * claim grouping (MinHash bands with an exact check) written once, in SQL
 * that SQLite and PostgreSQL both run. It remembers, bounded, the content
 * words of recent attributions by id, and forgets them on a rollback or when
 * another connection has written (either may give a row's id to another
 * content); one writer per store.
 */
export function createArticleWriter(dialect: Pick<Dialect, 'nextAttributionIds' | 'dataVersion' | 'indexContents' | 'jsonNumbers'>): ArticleWriter {
  const joinBandsSql = SQL.joinBands(dialect.jsonNumbers);
  // Content words of recent attributions: candidates recur, and folding their text again costs more than the rest.
  // Bounded, oldest first out, so memory stays flat however many articles are ingested.
  const wordCache = new Map<number, ReadonlySet<string>>();
  const remember = (id: number, words: ReadonlySet<string>): ReadonlySet<string> => {
    if (wordCache.size >= 20_000) wordCache.delete(wordCache.keys().next().value!);
    wordCache.set(id, words);
    return words;
  };
  const wordsOf = (id: number, content: string): ReadonlySet<string> => wordCache.get(id) ?? remember(id, claimWords(content));

  // The database's data version when the caches were last known to be true (see `Dialect.dataVersion`).
  let trustedAt: number | null = null;

  const write = async (db: SqlClient, article: ArticleToStore, extraction: Extraction, unindexed: number[], hints?: StoreHints): Promise<PutOutcome> => {
    const version = await dialect.dataVersion(db);
    if (version !== trustedAt) {
      wordCache.clear();
      trustedAt = version;
    }
    // Alias rows read while linking this article, until the next alias write: linking asks for the same keys again and again.
    const aliasRows = new Map<string, { speaker_id: number | null; pinned: number } | undefined>();
    const aliasRow = async (key: string) => {
      if (!aliasRows.has(key)) aliasRows.set(key, await db.get<{ speaker_id: number | null; pinned: number }>(SQL.alias, [key]));
      return aliasRows.get(key);
    };
    const directory: SpeakerDirectory = {
      alias: async (key) => {
        const row = await aliasRow(key);
        return row === undefined ? undefined : row.speaker_id;
      },
      pinned: async (key) => {
        const row = await aliasRow(key);
        return row && row.pinned && row.speaker_id !== null ? row.speaker_id : undefined;
      },
      personsBySurname: async (surname) => {
        const people = new Map<number, { id: number; first: string | null; roles: Set<string> }>();
        for (const r of await db.all<{ id: number; first: string | null; role: string | null }>(SQL.bySurname, [surname])) {
          const p = people.get(r.id) ?? { id: r.id, first: r.first, roles: new Set<string>() };
          if (r.role !== null) p.roles.add(r.role);
          people.set(r.id, p);
        }
        return [...people.values()].map((p): KnownPerson => ({ id: p.id, first: p.first, roles: [...p.roles] }));
      },
    };

    async function apply(decision: SpeakerDecision): Promise<number> {
      let id = decision.id;
      if (id === null) {
        id = await db.insert(SQL.insertSpeaker, [decision.name, decision.type, decision.first, decision.surname]);
      } else {
        if (decision.rename) {
          await db.run(SQL.renameSpeaker, [decision.name, decision.first, id]);
          if (decision.surname !== null) await db.run(SQL.dropAlias, [`p:${decision.surname}`, id]);
          aliasRows.clear();
        }
        // An outlet named anywhere as an outlet is an outlet, even if first seen as an organisation.
        if (decision.type === 'outlet' && (await db.get<{ type: string }>(SQL.speakerType, [id]))?.type === 'organization') {
          await db.run(SQL.setSpeakerType, ['outlet', id]);
        }
      }
      for (const key of decision.aliases) await ensureAlias(key, id);
      return id;
    }

    async function ensureAlias(key: string, id: number): Promise<void> {
      const row = await aliasRow(key);
      if (row === undefined) {
        await db.run(SQL.insertAlias, [key, id]);
        aliasRows.clear();
      } else if (row.speaker_id !== id && row.speaker_id !== null && !key.startsWith('p:') && !key.startsWith('o:')) {
        // A derived name ("tribune", "nvt") claimed by two speakers leads to neither.
        await db.run(SQL.blurAlias, [key]);
        aliasRows.clear();
      }
    }

    async function resolveSpeaker(ref: SpeakerRef, entities: readonly Entity[]): Promise<number | null> {
      const decision = await linkSpeaker(ref, directory, entities);
      return decision.kind === 'speaker' ? apply(decision) : null;
    }

    /** Inserts rows: in one statement where the client prefers that, else one statement a row. */
    async function insertRows(sql: (n: number) => string, values: readonly SqlValue[][]): Promise<void> {
      if (values.length === 0) return;
      if (db.multiRowInserts) await db.run(statementFor(sql, values.length), values.flat());
      else for (const row of values) await db.run(statementFor(sql, 1), row);
    }

    /** The claims among the members of a content's bands that it is the same claim as. */
    async function findClaims(words: ReadonlySet<string>, bands: readonly number[]): Promise<Set<number>> {
      const claims = new Set<number>();
      if (bands.length === 0) return claims;
      const memberIds = new Set<number>();
      for (const row of await db.all<{ members: string }>(SQL.bandRows, bands)) {
        for (const id of row.members.split(',')) memberIds.add(Number(id));
      }
      if (memberIds.size > 0) {
        const ids = [...memberIds];
        for (const candidate of await db.all<{ id: number; claim_id: number; content: string }>(statementFor(SQL.candidates, ids.length), ids)) {
          // One member of a group is enough to join it.
          if (claims.has(Number(candidate.claim_id))) continue;
          if (sameClaimWords(words, wordsOf(Number(candidate.id), candidate.content))) claims.add(Number(candidate.claim_id));
        }
      }
      return claims;
    }

    /** Takes an article's old attributions out of the bands that list them, before they are deleted. */
    async function forgetBands(articleId: number): Promise<void> {
      for (const old of await db.all<{ id: number; content: string }>(SQL.oldAttributions, [articleId])) {
        const id = String(old.id);
        // SQLite may hand a deleted id to the next insert: what is remembered of it must not outlive it.
        wordCache.delete(Number(old.id));
        const sig = minhash(old.content);
        if (sig === null) continue;
        for (const band of bandKeys(sig)) {
          const row = await db.get<{ members: string }>(SQL.bandRow, [band]);
          if (row === undefined) continue;
          const rest = row.members.split(',').filter((m) => m !== id);
          if (rest.length === 0) await db.run(SQL.deleteBand, [band]);
          else await db.run(SQL.setBandMembers, [rest.join(','), band]);
        }
      }
    }

    const old = await db.get<{ id: number; content_hash: string }>(SQL.hash, [article.identity]);
    if (old?.content_hash === article.contentHash) return 'unchanged';
    const text = article.text;
    const outletSpeakerId = article.outlet ? await resolveSpeaker({ id: '', name: article.outlet, type: 'outlet', roles: [] }, []) : null;
    const row = [
      article.identity,
      article.contentHash,
      article.source,
      article.url,
      article.title,
      article.byline,
      article.outlet,
      outletSpeakerId,
      article.publishedAt ?? extraction.publishedAt,
      article.summaryOnly ? 1 : 0,
      text,
      extraction.bodyStart,
      JSON.stringify(extraction.entities),
    ];
    let articleId: number;
    if (old) {
      articleId = old.id;
      // Rewritten in the transaction that wrote it: its rows go in the index first, so deleting them takes them out
      // (an external-content FTS5 index told to delete a row it never held is corrupted).
      if (unindexed.includes(articleId)) await dialect.indexContents(db, [articleId]);
      await forgetBands(articleId);
      await db.run(SQL.deleteAttributions, [articleId]);
      await db.run(SQL.deleteRoles, [articleId]);
      await db.run(SQL.updateArticle, [...row, articleId]);
    } else {
      articleId = await db.insert(SQL.insertArticle, row);
    }
    // An article quotes the same speaker many times: link each speaker once.
    const linked = new Map<string, number | null>();
    const link = async (ref: SpeakerRef): Promise<number | null> => {
      const key = JSON.stringify([ref.id, ref.name, ref.type, ref.roles]);
      if (!linked.has(key)) linked.set(key, await resolveSpeaker(ref, extraction.entities));
      return linked.get(key)!;
    };
    // Ids are known before the rows go in, so each row is written once with its claim.
    const ids = await dialect.nextAttributionIds(db, extraction.attributions.length);
    const sketches = hints?.claims?.length === extraction.attributions.length ? hints.claims : undefined;
    for (const [i, a] of extraction.attributions.entries()) {
      const id = ids[i]!;
      const speakerId = a.speaker ? await link(a.speaker) : null;
      const sketch = sketches?.[i] ?? claimSketch(a.content.text);
      const words = new Set(sketch.words);
      const bands = sketch.bands ?? [];
      const claims = await findClaims(words, bands);
      // Members are older than this attribution: the group keeps the oldest id.
      const claimId = Math.min(id, ...claims);
      await db.run(SQL.insertAttribution, [
        id,
        articleId,
        a.id,
        a.kind,
        a.content.text,
        speakerId,
        a.speaker?.name ?? null,
        a.speaker?.type ?? null,
        JSON.stringify(a.speaker?.roles ?? []),
        a.confidence ?? null,
        claimId,
        ...spanColumnValues(a),
      ]);
      // Two groups this content bridges become one, under the older id.
      for (const c of claims) if (c !== claimId) await db.run(SQL.mergeClaims, [claimId, c]);
      if (bands.length > 0) {
        remember(id, words);
        // A full band gains nothing from one more member: any of them finds the group, and readers never look further.
        await db.run(joinBandsSql, [String(id), JSON.stringify(bands)]);
      }
      const roles = [...new Set(a.speaker?.roles ?? [])];
      if (speakerId !== null) await insertRows(SQL.insertRoles, roles.map((role) => [speakerId, articleId, role]));
    }
    unindexed.push(articleId);
    return old ? 'updated' : 'ingested';
  };
  return Object.assign(write, {
    forget: () => wordCache.clear(),
  });
}
