import { createHash } from 'node:crypto';
import pg from 'pg';
import type { SqlClient, SqlValue } from '../sql/sql-client.js';

/** `?` placeholders as PostgreSQL's `$1, $2, …`; the shared SQL holds no `?` inside a string. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** A {@link SqlClient} over a pool (each statement on any free connection) or one checked-out connection. */
export function postgresClient(db: pg.Pool | pg.PoolClient): SqlClient {
  const query = (sql: string, params: readonly SqlValue[]) => db.query(statement(sql, params));
  return {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) => (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []) => {
      await query(sql, params);
    },
    insert: async (sql: string, params: readonly SqlValue[] = []) => (await query(`${sql} RETURNING id`, params)).rows[0].id as number,
    multiRowInserts: true,
  };
}

const statements = new Map<string, { name: string | undefined; text: string }>();

/**
 * A statement with a name, so each connection parses and plans it once:
 * the writer sends the same dozen statements for every attribution, and
 * planning the claim-band query took as long as running it. Statements
 * without parameters (BEGIN, SAVEPOINT) stay unnamed.
 */
function statement(sql: string, params: readonly SqlValue[]): pg.QueryConfig {
  let s = statements.get(sql);
  if (s === undefined) {
    // Named only while few: search text with many terms makes new statements, and each connection keeps the ones it prepared.
    const named = params.length > 0 && statements.size < 500;
    s = { name: named ? `claimtrail_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}` : undefined, text: numbered(sql) };
    statements.set(sql, s);
  }
  return s.name === undefined ? { text: s.text, values: [...params] } : { name: s.name, text: s.text, values: [...params] };
}

const INT8 = 20;

/**
 * Type parsers for the pool: BIGINT ids and COUNT(*) as numbers, as SQLite
 * gives them (ids stay far below 2^53).
 */
export const PG_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};
