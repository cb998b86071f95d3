import { describe, expect, it } from 'vitest';
import * as formats from './index.js';

// A change to this list is a change to the public API: make it on purpose.
describe('public surface', () => {
  it('of formats', () => {
    expect(Object.keys(formats).sort()).toEqual([
      'DEFAULT_MAX_ARTICLE_BYTES',
      'decodeArticleBytes',
      'findArticleFiles',
      'jsonArrayEnd',
      'jsonArrayItem',
      'parseBrat',
      'parseBratRanges',
      'parseJson',
      'parseJsonLines',
      'readArticleFile',
      'readRegularFile',
      'toBrat',
      'toBratEvents',
      'toJson',
      'toJsonArray',
      'toJsonLine',
      'toPretty',
    ]);
  });
});
