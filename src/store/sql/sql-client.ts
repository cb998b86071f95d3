/** A value a statement takes: SQL written once runs on both backends, so only these. */
export type SqlValue = string | number | null;

/**
 * What the shared writers need of a database connection: SQL with `?`
 * placeholders, always parameterised. SQLite answers at once, PostgreSQL
 * over the network; both look the same from here.
 */
export interface SqlClient {
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
  /** Runs an INSERT of one row into a table with an `id` key and answers the new id. */
  insert(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * Whether several rows go in one INSERT: a round trip saved per row on a
   * server; on SQLite, where there is no trip, one prepared single-row
   * statement per row is faster.
   */
  readonly multiRowInserts: boolean;
}
