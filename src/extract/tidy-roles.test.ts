import { describe, expect, it } from 'vitest';
import type { TokenAttribution } from './find-attributions.js';
import { prepareDocument } from './document.js';
import { keepRolesApart, tidyRoles } from './tidy-roles.js';

const att = (source: [number, number] | null, cue: [number, number], content: [number, number][]): TokenAttribution => ({
  source: source && { start: source[0], end: source[1] },
  cue: { start: cue[0], end: cue[1] },
  content: content.map(([start, end]) => ({ start, end })),
});

describe('keepRolesApart', () => {
  it('leaves apart roles as they are', () => {
    const a = att([0, 2], [2, 3], [[3, 9]]);
    expect(keepRolesApart(a)).toBe(a);
  });

  it('cuts a source that runs into the content back to the words before it', () => {
    // "The report said the | contamination posed no risk" with the source grown over the content.
    expect(keepRolesApart(att([0, 7], [8, 9], [[4, 8]]))).toEqual(att([0, 4], [8, 9], [[4, 8]]));
  });

  it('keeps the part of a source after the content when none is before it, and drops a source inside it', () => {
    expect(keepRolesApart(att([3, 8], [8, 9], [[0, 5]]))).toEqual(att([5, 8], [8, 9], [[0, 5]]));
    expect(keepRolesApart(att([1, 3], [8, 9], [[0, 5]]))).toEqual(att(null, [8, 9], [[0, 5]]));
  });

  it('takes the cue out of a content that covers it, and gives up a content that was only the cue', () => {
    expect(keepRolesApart(att(null, [4, 5], [[0, 9]]))).toEqual(att(null, [4, 5], [[0, 4], [5, 9]]));
    expect(keepRolesApart(att(null, [4, 6], [[4, 6]]))).toBeNull();
  });
});

describe('tidyRoles', () => {
  /** Tidies an attribution given by word indices of `text`, and returns its cue and content as text. */
  const tidied = (text: string, source: [number, number], cue: [number, number], content: [number, number]) => {
    const doc = prepareDocument(text);
    const out = tidyRoles(doc, att(source, cue, [content]));
    const slice = (r: { start: number; end: number }) => doc.tokens.word.slice(r.start, r.end).join(' ');
    return { cue: slice(out.cue), content: out.content.map(slice) };
  };

  it('gives a cue of auxiliaries alone the verb and adverbs the content took', () => {
    // "Okafor | has | also detailed the spending ." and "Okafor | has | not yet responded to the board ."
    expect(tidied('Okafor has also detailed the spending.', [0, 1], [1, 2], [2, 6])).toEqual({ cue: 'has also detailed', content: ['the spending'] });
    expect(tidied('Okafor has not yet responded to the board.', [0, 1], [1, 2], [2, 8])).toEqual({ cue: 'has not yet responded to', content: ['the board'] });
  });

  it('leaves an auxiliary cue whose content opens with a complement, not a verb', () => {
    expect(tidied('Okafor did that in May.', [0, 1], [1, 2], [2, 5])).toEqual({ cue: 'did', content: ['that in May'] });
  });
});
