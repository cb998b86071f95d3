import {
  BANDS,
  bandKeys,
  claimWords,
  linkSpeaker,
  minhashWords,
  sameClaimWords,
  type KnownPerson,
  type SpeakerDecision,
  type SpeakerDirectory,
} from '../../link/index.js';
import { quoteSelector, spanRanges, type Entity, type Extraction, type Span, type SpeakerRef } from '../../model/index.js';
import type { ArticleToStore, PutOutcome } from '../store.js';
import type { SqlClient, SqlValue } from './sql-client.js';

/**
 * Members kept and read per LSH band, the oldest. A claim carried by hundreds
 * of articles fills its bands; any one member of it is enough to join it, so
 * the work per new attribution stays bounded however large a group grows.
 */
const PER_BAND = 4;

/** Writes an article with its attributions over `db`, inside a transaction the caller holds. */
export type ArticleWriter = (db: SqlClient, article: ArticleToStore, extraction: Extraction) => Promise<PutOutcome>;

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
    INSERT INTO attributions (article_id, local_id, kind, content, speaker_id, speaker_name, speaker_type, speaker_roles, confidence, claim_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  setClaim: 'UPDATE attributions SET claim_id = ? WHERE id = ?',
  mergeClaims: 'UPDATE attributions SET claim_id = ? WHERE claim_id = ?',
  insertSpans: (n: number) => `INSERT INTO spans (attribution_id, role, start, "end", exact, prefix, suffix, parts) VALUES ${rows(n, 8)}`,
  insertRoles: (n: number) => `INSERT INTO speaker_roles (speaker_id, article_id, role) VALUES ${rows(n, 3)} ON CONFLICT DO NOTHING`,
  // One index seek per band, each reading at most PER_BAND rows: a band that thousands share costs no more than a rare one.
  bandCandidates: `
    SELECT c.band, a.id AS attribution_id, a.claim_id, a.content FROM (
      ${Array.from({ length: BANDS }, (_, i) => `SELECT * FROM (SELECT band, attribution_id FROM claim_bands WHERE band = ? ORDER BY attribution_id LIMIT ${PER_BAND}) b${i}`).join(' UNION ALL ')}
    ) c JOIN attributions a ON a.id = c.attribution_id ORDER BY a.id`,
  insertBands: (n: number) => `INSERT INTO claim_bands (band, attribution_id) VALUES ${rows(n, 2)} ON CONFLICT DO NOTHING`,
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
 * that SQLite and PostgreSQL both run. It holds a bounded cache of content
 * words; one writer per store.
 */
export function createArticleWriter(): ArticleWriter {
  // Content words of recent attributions: candidates recur, and folding their text again costs more than the rest.
  // Bounded, oldest first out, so memory stays flat however many articles are ingested.
  const wordCache = new Map<number, ReadonlySet<string>>();
  const remember = (id: number, words: ReadonlySet<string>): ReadonlySet<string> => {
    if (wordCache.size >= 20_000) wordCache.delete(wordCache.keys().next().value!);
    wordCache.set(id, words);
    return words;
  };
  const wordsOf = (id: number, content: string): ReadonlySet<string> => wordCache.get(id) ?? remember(id, claimWords(content));

  return async (db, article, extraction) => {
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

    /** Inserts rows of `width` values: in one statement where the client prefers that, else one statement a row. */
    async function insertRows(sql: (n: number) => string, width: number, values: readonly SqlValue[]): Promise<void> {
      const n = values.length / width;
      if (n === 0) return;
      if (db.multiRowInserts) await db.run(statementFor(sql, n), values);
      else for (let i = 0; i < n; i++) await db.run(statementFor(sql, 1), values.slice(i * width, (i + 1) * width));
    }

    async function insertSpans(attributionId: number, text: string, spans: readonly (readonly [string, Span])[]): Promise<void> {
      const values = spans.flatMap(([role, span]) => {
        const sel = quoteSelector(text, span);
        const parts = span.parts ? JSON.stringify(spanRanges(span).map((p) => [p.start, p.end])) : null;
        return [attributionId, role, span.start, span.end, sel.exact, sel.prefix, sel.suffix, parts];
      });
      await insertRows(SQL.insertSpans, 8, values);
    }

    async function groupClaim(attributionId: number, words: ReadonlySet<string>, sig: Uint32Array | null): Promise<void> {
      if (sig === null) {
        await db.run(SQL.setClaim, [attributionId, attributionId]);
        return;
      }
      const bands = bandKeys(sig);
      remember(attributionId, words);
      const claims = new Set<number>();
      const members = new Map<number, number>();
      for (const candidate of await db.all<{ band: number; attribution_id: number; claim_id: number; content: string }>(SQL.bandCandidates, bands)) {
        members.set(Number(candidate.band), (members.get(Number(candidate.band)) ?? 0) + 1);
        // One member of a group is enough to join it.
        if (claims.has(candidate.claim_id)) continue;
        if (sameClaimWords(words, wordsOf(candidate.attribution_id, candidate.content))) claims.add(candidate.claim_id);
      }
      const claimId = Math.min(attributionId, ...claims);
      await db.run(SQL.setClaim, [claimId, attributionId]);
      // Two groups this content bridges become one, under the older id.
      for (const c of claims) if (c !== claimId) await db.run(SQL.mergeClaims, [claimId, c]);
      // A band that already has PER_BAND members gains nothing from one more: any of them finds the
      // group and readers never look further. Most bands are unique; the common ones stop growing.
      const open = bands.filter((band) => (members.get(band) ?? 0) < PER_BAND);
      await insertRows(SQL.insertBands, 2, open.flatMap((band) => [band, attributionId]));
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
    for (const a of extraction.attributions) {
      const speakerId = a.speaker ? await link(a.speaker) : null;
      const words = claimWords(a.content.text);
      const sig = minhashWords(words);
      const id = await db.insert(SQL.insertAttribution, [
        articleId,
        a.id,
        a.kind,
        a.content.text,
        speakerId,
        a.speaker?.name ?? null,
        a.speaker?.type ?? null,
        JSON.stringify(a.speaker?.roles ?? []),
        a.confidence ?? null,
      ]);
      await insertSpans(id, text, [['content', a.content], ['cue', a.cue], ...(a.source ? [['source', a.source] as const] : [])]);
      const roles = [...new Set(a.speaker?.roles ?? [])];
      if (speakerId !== null) await insertRows(SQL.insertRoles, 3, roles.flatMap((role) => [speakerId, articleId, role]));
      await groupClaim(id, words, sig);
    }
    return old ? 'updated' : 'ingested';
  };
}
