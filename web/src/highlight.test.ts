import { describe, expect, it } from 'vitest';
import { markWords, rangesOf, segments, type Mark } from './highlight.js';

const text = '“We will wait,” the mayor said, “for the state.”';
const at = (phrase: string) => {
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`'${phrase}' is not in the text`);
  return { start, end: start + phrase.length };
};

/** Each run as its text and the roles over it, so a failure shows words. */
function runs(marks: readonly Mark[]): [string, string][] {
  return segments(text.length, marks).map((s) => [text.slice(s.start, s.end), s.marks.map((m) => `${m.role}:${m.id}`).join(' ')]);
}

describe('segments', () => {
  it('cuts the text at every boundary and keeps all of it', () => {
    const content = rangesOf({ ...at('“We will wait,” the mayor said, “for the state.”'), parts: [at('“We will wait,”'), at('“for the state.”')] });
    const marks: Mark[] = [
      { id: 1, role: 'content', ranges: content },
      { id: 1, role: 'source', ranges: [at('the mayor')] },
      { id: 1, role: 'cue', ranges: [at('said')] },
    ];
    expect(runs(marks)).toEqual([
      ['“We will wait,”', 'content:1'],
      [' ', ''],
      ['the mayor', 'source:1'],
      [' ', ''],
      ['said', 'cue:1'],
      [', ', ''],
      ['“for the state.”', 'content:1'],
    ]);
    expect(runs(marks).map(([t]) => t).join('')).toBe(text);
  });

  it('shows the cue over the content where they overlap', () => {
    const marks: Mark[] = [
      { id: 2, role: 'content', ranges: [at('the mayor said')] },
      { id: 3, role: 'cue', ranges: [at('said')] },
    ];
    expect(runs(marks)).toContainEqual(['said', 'cue:3 content:2']);
  });
});

describe('markWords', () => {
  it('marks the words of the query, whatever their case', () => {
    expect(markWords('The Channel and the channel', 'channel')).toEqual([
      { text: 'The ', hit: false },
      { text: 'Channel', hit: true },
      { text: ' and the ', hit: false },
      { text: 'channel', hit: true },
    ]);
  });

  it('treats the query as words, never as a pattern', () => {
    expect(markWords('a (b) c', '(.*)')).toEqual([{ text: 'a (b) c', hit: false }]);
  });
});
