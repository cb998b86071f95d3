import { expect, it } from 'vitest';
import * as api from './index.js';

// Pins the public surface: a change here is an API change, made on purpose.
it('exports the store API', () => {
  expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
    [
      "DEFAULT_DB_FILE",
      "MIGRATIONS",
      "exportRecords",
      "migrate",
      "openSqliteStore",
      "openStore",
      "schemaVersion",
    ]
  `);
});
