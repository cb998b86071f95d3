import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { extractionOf } from '../test-support/extraction.js';
import { toPretty } from './index.js';

const TEXT = '“The road opens\nin May,” the minister said. Delays are likely, officials warned. It is expected to rain.';
const EXTRACTION = {
  ...extractionOf(
    TEXT,
    [
      {
        kind: 'direct',
        content: '“The road opens\nin May,”',
        cue: 'said',
        source: 'the minister',
        speaker: { id: 'e1', name: 'Ana Ruiz', type: 'person', roles: ['transport minister', 'party leader'] },
      },
      { kind: 'indirect', content: 'Delays are likely', cue: 'warned', source: 'officials' },
      { kind: 'indirect', content: 'to rain', cue: 'is expected', source: null },
    ],
    'road.txt',
  ),
  publishedAt: '2024-05-01',
};

describe('toPretty', () => {
  it('shows the article, then speaker [roles] — kind — cue — content, one line each', () => {
    expect(toPretty(EXTRACTION).split('\n')).toEqual([
      'road.txt · 2024-05-01 · 3 attributions · 0 entities',
      '  1. Ana Ruiz [transport minister; party leader] — direct — said — “The road opens in May,”',
      '  2. officials — indirect — warned — Delays are likely',
      '  3. (no source) — indirect — is expected — to rain',
      '',
    ]);
  });

  it('colours only when asked', () => {
    expect(toPretty(EXTRACTION)).not.toContain('\x1b[');
    const coloured = toPretty(EXTRACTION, { color: true });
    expect(coloured).toContain('\x1b[');
    // Without its escapes, the coloured text says the same.
    expect(stripVTControlCharacters(coloured)).toBe(toPretty(EXTRACTION));
  });
});
