import { describe, expect, it } from 'vitest';
import { foldWord, queryWords, snippet } from './snippet.js';

describe('search snippets', () => {
  it('brackets every query word, folding case and diacritics as the index does', () => {
    expect(snippet('The Ferry fares rose; ferry riders left.', queryWords('ferry'))).toBe('The [Ferry] fares rose; [ferry] riders left.');
    expect(snippet('Señora Núñez said the café was closed', queryWords('nunez CAFE'))).toBe('Señora [Núñez] said the [café] was closed');
    expect(foldWord('Ÿes')).toBe('yes');
  });

  it('takes the window holding the most distinct query words, with ellipses where it cuts', () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    words[5] = 'harbor';
    words[30] = 'harbor';
    words[33] = 'dredging';
    const s = snippet(words.join(' '), queryWords('"harbor dredging"'), 8);
    expect(s).toBe('…w26 w27 w28 w29 [harbor] w31 w32 [dredging]…');
  });

  it('opens the content when nothing matches, and leaves wordless content alone', () => {
    expect(snippet('one two three four', ['zzz'], 2)).toBe('one two…');
    expect(snippet('“…”', ['x'])).toBe('“…”');
  });
});
