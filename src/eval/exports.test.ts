import { describe, expect, it } from 'vitest';
import * as evaluation from './index.js';

// A change to this list is a change to the public API: make it on purpose.
describe('public surface', () => {
  it('of eval', () => {
    expect(Object.keys(evaluation).sort()).toEqual([
      'CorpusError',
      'classifyKind',
      'createScorer',
      'readEvents',
      'readGoldCorpus',
      'scoreDirectories',
      'scoreDocuments',
      'scoreExtractor',
      'scoreSpeakers',
      'worstArticles',
    ]);
  });
});
