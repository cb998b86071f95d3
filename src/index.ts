export * from './model/index.js';
export { extract, type ExtractOptions } from './extract/index.js';
export * from './formats/index.js';
export * from './eval/index.js';
