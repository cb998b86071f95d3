import type { Database, Statement } from 'better-sqlite3';
import type { SqlClient, SqlValue } from '../sql/sql-client.js';

/** A {@link SqlClient} over one better-sqlite3 connection; each statement is prepared once. */
export function sqliteClient(db: Database): SqlClient {
  const prepared = new Map<string, Statement<SqlValue[]>>();
  const statement = (sql: string): Statement<SqlValue[]> => {
    let s = prepared.get(sql);
    if (s === undefined) {
      s = db.prepare<SqlValue[]>(sql);
      prepared.set(sql, s);
    }
    return s;
  };
  // Answers at once; async only because the interface is shared with a network database.
  return {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => statement(sql).all(...params) as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) => statement(sql).get(...params) as T | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []) => {
      statement(sql).run(...params);
    },
    insert: async (sql: string, params: readonly SqlValue[] = []) => Number(statement(sql).run(...params).lastInsertRowid),
    multiRowInserts: false,
  };
}
