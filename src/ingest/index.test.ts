import { expect, it } from 'vitest';
import * as api from './index.js';

// Pins the public surface: a change here is an API change, made on purpose.
it('exports the ingest API', () => {
  expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
    [
      "ARTICLE_EXTENSIONS",
      "DEFAULT_TIMEOUT_MS",
      "articleContentHash",
      "articleIdentity",
      "createArticleInput",
      "createDiagnostic",
      "createExtractPool",
      "detectFormat",
      "expandSources",
      "fetchUrl",
      "htmlToText",
      "ingest",
      "isDiagnostic",
      "isUrl",
      "normaliseDate",
      "normaliseText",
      "parseXml",
      "pollFeed",
      "prepareArticle",
      "readFileBytes",
      "readHtml",
      "readJsonFeed",
      "readJsonLines",
      "readSource",
      "readSourceRef",
      "readText",
      "readXmlFeed",
    ]
  `);
});
