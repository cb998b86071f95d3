import pg from 'pg';
import type { SqlClient, SqlValue } from '../sql/sql-client.js';

/** `?` placeholders as PostgreSQL's `$1, $2, …`; the shared SQL holds no `?` inside a string. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** A {@link SqlClient} over a pool (each statement on any free connection) or one checked-out connection. */
export function postgresClient(db: pg.Pool | pg.PoolClient): SqlClient {
  const texts = new Map<string, string>();
  const text = (sql: string): string => {
    let t = texts.get(sql);
    if (t === undefined) {
      t = numbered(sql);
      texts.set(sql, t);
    }
    return t;
  };
  return {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => (await db.query(text(sql), [...params])).rows as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) => (await db.query(text(sql), [...params])).rows[0] as T | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []) => {
      await db.query(text(sql), [...params]);
    },
  };
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
