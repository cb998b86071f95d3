export * from './span.js';
export * from './entity.js';
export * from './attribution.js';
export * from './extraction.js';
export * from './article.js';
