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
}
