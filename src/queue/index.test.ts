import { expect, it } from 'vitest';
import * as api from './index.js';

// Pins the public surface: a change here is an API change, made on purpose.
it('exports the queue API', () => {
  expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
    [
      "DEAD_LETTER_QUEUE",
      "INGEST_QUEUE",
      "JOB_DEFAULTS",
      "QUEUE_SCHEMA",
      "enqueue",
      "enqueueSources",
      "openJobQueue",
      "processSource",
      "queueStatus",
      "queuedSources",
      "runWorker",
      "sourceName",
    ]
  `);
});
