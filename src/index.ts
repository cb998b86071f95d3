export * from './model/index.js';
export {
  extract,
  loadModels,
  trainTaggers,
  serializeModel,
  deserializeModel,
  type ExtractOptions,
  type Models,
  type TrainOptions,
  type TrainingArticle,
} from './extract/index.js';
export * from './formats/index.js';
export * from './eval/index.js';
