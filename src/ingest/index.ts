export { ingest, type IngestOptions, type IngestSummary, type IngestProgress } from './ingest.js';
export { pollFeed, type FeedPoll } from './poll-feed.js';
export { prepareArticle, type PreparedArticle, type Extractor } from './prepare-article.js';
export {
  createArticleInput,
  createDiagnostic,
  isDiagnostic,
  type ArticleInput,
  type Diagnostic,
  type ReadResult,
} from './article-input.js';
export { readSource, detectFormat, ARTICLE_EXTENSIONS, type ReadHints, type SourceFormat } from './readers/index.js';
export { readHtml } from './readers/html.js';
export { readXmlFeed, readJsonFeed } from './readers/feed.js';
export { readJsonLines } from './readers/jsonl.js';
export { readText } from './readers/text.js';
export { htmlToText } from './readers/html-text.js';
export { parseXml } from './readers/xml.js';
export { fetchUrl, DEFAULT_TIMEOUT_MS, type FetchOptions, type Fetched } from './fetch-url.js';
export { expandSources, readSourceRef, readFileBytes, isUrl, type SourceRef, type SourceOptions } from './sources.js';
export { articleIdentity, articleContentHash, normaliseText } from './identity.js';
export { normaliseDate } from './publication-date.js';
export { createExtractPool, type ExtractPool } from '../extract/pool.js';
