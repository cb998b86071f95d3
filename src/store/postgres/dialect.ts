import type { SqlClient, SqlValue } from '../sql/sql-client.js';
import type { Dialect } from '../sql/queries.js';

/** Matches ranked at most, newest first, for an unfiltered search: as on SQLite, a common word is not ranked over every statement. */
const RANK_WINDOW = 1000;

/** A tsquery requiring every term, each a phrase; the words travel as parameters. */
function tsQuery(terms: readonly string[]): { sql: string; params: SqlValue[] } {
  return { sql: `(${terms.map(() => "phraseto_tsquery('simple', ?)").join(' && ')})`, params: [...terms] };
}


/** PostgreSQL's SQL where it differs: json functions, lower()/ILIKE, and tsvector search (GIN index, ts_rank, ts_headline). */
export const POSTGRES_DIALECT: Dialect = Object.freeze({
  rolesJson: `(SELECT COALESCE(json_agg(role ORDER BY role), '[]'::json)::text FROM (SELECT DISTINCT role FROM speaker_roles WHERE speaker_id = s.id) r)`,
  jsonNumbers: '(SELECT value::bigint AS value FROM json_array_elements_text(CAST(? AS json)))',
  equalsNoCase: (column: string) => `lower(${column}) = lower(?)`,
  likeNoCase: (column: string) => `${column} ILIKE ? ESCAPE '\\'`,
  // Ids come from a sequence and are never handed out twice.
  async dataVersion() {
    return null;
  },
  // From the column's own sequence, in one round trip: ids stay unique across concurrent writers.
  async nextAttributionIds(db: SqlClient, n: number) {
    if (n === 0) return [];
    const rows = await db.all<{ id: string | number }>("SELECT nextval(pg_get_serial_sequence('attributions', 'id')) AS id FROM generate_series(1, ?::int)", [n]);
    return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  },
  // content_tsv is a generated column.
  async indexContents() {},
  async rank(db: SqlClient, terms: readonly string[], where: { clauses: readonly string[]; params: readonly SqlValue[] }, limit: number) {
    const q = tsQuery(terms);
    const rows =
      where.clauses.length > 0
        ? await db.all<{ id: number; score: number }>(
            `SELECT a.id AS id, ts_rank(a.content_tsv, query.q) AS score
             FROM (SELECT ${q.sql} AS q) query CROSS JOIN attributions a
             JOIN articles ar ON ar.id = a.article_id LEFT JOIN speakers s ON s.id = a.speaker_id
             WHERE a.content_tsv @@ query.q AND ${where.clauses.join(' AND ')} ORDER BY score DESC, a.id LIMIT ?`,
            [...q.params, ...where.params, limit],
          )
        : await db.all<{ id: number; score: number }>(
            `SELECT id, score FROM (
               SELECT a.id AS id, ts_rank(a.content_tsv, query.q) AS score FROM (SELECT ${q.sql} AS q) query CROSS JOIN attributions a
               WHERE a.content_tsv @@ query.q ORDER BY a.id DESC LIMIT ${RANK_WINDOW}
             ) newest ORDER BY score DESC, id LIMIT ?`,
            [...q.params, limit],
          );
    return rows.map((r) => ({ id: r.id, score: Math.round(r.score * 1e6) / 1e6 }));
  },
} satisfies Dialect);
