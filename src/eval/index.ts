/** The scorer behind `claimtrail eval`: the reference scorer's figures, per kind and per article. */
export {
  createScorer,
  scoreDocuments,
  worstArticles,
  type ArticleScores,
  type KindScores,
  type Prf,
  type ScoredDocument,
  type Scorer,
  type Scores,
} from './score.js';
export { CorpusError, readEvents, readGoldCorpus, scoreDirectories, type GoldArticle } from './score-directories.js';
export { classifyKind } from './classify-kind.js';
export { scoreExtractor, type ScoreExtractorOptions } from './score-extractor.js';
export { scoreSpeakers, type SpeakerScores } from './speaker-accuracy.js';
