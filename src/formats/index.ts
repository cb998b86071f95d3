/** Extractions in and out: brat standoff, JSON, the terminal view, and reading article files. */
export { toBrat, toBratEvents, parseBrat, parseBratRanges, type BratAttribution, type BratEvent } from './brat.js';
export {
  toJson,
  toJsonLine,
  toJsonArray,
  jsonArrayItem,
  jsonArrayEnd,
  parseJson,
  parseJsonLines,
} from './json.js';
export { toPretty, type PrettyOptions } from './pretty.js';
export {
  DEFAULT_MAX_ARTICLE_BYTES,
  decodeArticleBytes,
  readArticleFile,
  readRegularFile,
  type FileRefusal,
  findArticleFiles,
  type ArticlePath,
  type ArticleText,
  type FileDiagnostic,
  type FindArticleOptions,
  type ReadArticleOptions,
} from './article-file.js';
