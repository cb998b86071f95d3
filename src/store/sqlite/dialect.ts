import type { Dialect } from '../sql/queries.js';

/** Matches ranked at most, newest first, for an unfiltered search (see `rank`). */
const RANK_WINDOW = 1000;

/** An FTS5 query requiring every term, each quoted so FTS5 syntax in it is inert. */
function ftsMatch(terms: readonly string[]): string {
  return terms.map((t) => `"${t}"`).join(' ');
}

/** The numbers of a JSON array given as one parameter, as a subquery of `value`s. */
const SQLITE_JSON_NUMBERS = '(SELECT value FROM json_each(?))';

/** SQLite's SQL where it differs: JSON1 functions, NOCASE, and FTS5 with bm25 ranking. */
export const SQLITE_DIALECT: Dialect = Object.freeze({
  rolesJson: '(SELECT json_group_array(role) FROM (SELECT DISTINCT role FROM speaker_roles WHERE speaker_id = s.id ORDER BY role))',
  jsonNumbers: SQLITE_JSON_NUMBERS,
  equalsNoCase: (column: string) => `${column} = ? COLLATE NOCASE`,
  likeNoCase: (column: string) => `${column} LIKE ? ESCAPE '\\'`,
  // Another process may have deleted rows and given their ids to new ones.
  async dataVersion(db) {
    return (await db.get<{ data_version: number }>('PRAGMA data_version'))!.data_version;
  },
  // The write lock is held for the whole transaction, so nothing else takes these; SQLite would hand out the same.
  async nextAttributionIds(db, n) {
    const max = (await db.get<{ id: number }>('SELECT COALESCE(MAX(id), 0) AS id FROM attributions'))!.id;
    return Array.from({ length: n }, (_, i) => max + 1 + i);
  },
  // One statement a transaction, not a trigger a row: FTS5 written from a trigger costs several times as
  // much, and FTS5 writes a segment at every savepoint it has pending entries in (one an article).
  async indexContents(db, articleIds) {
    if (articleIds.length === 0) return;
    await db.run(
      `INSERT INTO attribution_fts (rowid, content) SELECT id, content FROM attributions WHERE article_id IN ${SQLITE_JSON_NUMBERS}`,
      [JSON.stringify([...new Set(articleIds)])],
    );
  },
  async rank(db, terms, where, limit) {
    const match = ftsMatch(terms);
    const rows =
      where.clauses.length > 0
        ? await db.all<{ id: number; rank: number }>(
            `SELECT a.id AS id, bm25(attribution_fts) AS rank FROM attribution_fts JOIN attributions a ON a.id = attribution_fts.rowid
             JOIN articles ar ON ar.id = a.article_id LEFT JOIN speakers s ON s.id = a.speaker_id
             WHERE attribution_fts MATCH ? AND ${where.clauses.join(' AND ')} ORDER BY rank, a.id LIMIT ?`,
            [match, ...where.params, limit],
          )
        : // A word in a tenth of all statements would be ranked over every one of them: rank the
          // newest RANK_WINDOW matches instead (the index yields them in rowid order and stops).
          await db.all<{ id: number; rank: number }>(
            `SELECT id, rank FROM (
               SELECT rowid AS id, bm25(attribution_fts) AS rank FROM attribution_fts
               WHERE attribution_fts MATCH ? ORDER BY rowid DESC LIMIT ${RANK_WINDOW}
             ) ORDER BY rank, id LIMIT ?`,
            [match, limit],
          );
    return rows.map((r) => ({ id: r.id, score: Math.round(-r.rank * 1e6) / 1e6 }));
  },
} satisfies Dialect);
