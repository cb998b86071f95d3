import { type Quotes, findQuotes } from './find-quotes.js';
import { readHeader } from './read-header.js';
import { type TokenFeatures, tokenFeatures } from './token-features.js';
import { type Tokens, tokenize } from './tokenize.js';

/** An article prepared for tagging: its text, header, tokens, quotes and token features. */
export interface Document {
  readonly text: string;
  readonly publishedAt: string | null;
  readonly bodyStart: number;
  readonly tokens: Tokens;
  readonly quotes: Quotes;
  readonly features: TokenFeatures;
}

/** Reads the header, tokenizes the body, finds quotes and token features. */
export function prepareDocument(text: string): Document {
  const header = readHeader(text);
  const tokens = tokenize(text, header.bodyStart);
  const quotes = findQuotes(tokens);
  const features = tokenFeatures(tokens, quotes);
  return { text, publishedAt: header.publishedAt, bodyStart: header.bodyStart, tokens, quotes, features };
}
