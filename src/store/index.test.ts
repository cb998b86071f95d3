import { expect, it } from 'vitest';
import * as api from './index.js';

// Pins the public surface: a change here is an API change, made on purpose.
it('exports the store API', () => {
  expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
    [
      "CSV_TABLES",
      "DEFAULT_DB_FILE",
      "MIGRATIONS",
      "POSTGRES_MIGRATIONS",
      "csvField",
      "csvLine",
      "exportRecords",
      "isPostgresUrl",
      "migrate",
      "migratePostgres",
      "openPostgresStore",
      "openSqliteStore",
      "openStore",
      "postgresSchemaVersion",
      "redactUrl",
      "schemaVersion",
    ]
  `);
});
