import { describe, expect, it } from 'vitest';
import { extractionOf } from '../test-support/extraction.js';
import { parseBrat, parseBratRanges, toBrat, toBratEvents } from './index.js';
import type { Span } from '../model/index.js';

const TEXT = [
  'The council met on Tuesday.',
  '',
  '“We will rebuild the bridge,” Mayor Lena Ortiz said. “It will take two years.”',
  '',
  'Engineers believe the old piers are sound, according to a city report.',
  '',
  'The plan is expected to pass.',
].join('\n');

const EXTRACTION = extractionOf(TEXT, [
  { kind: 'direct', content: ['“We will rebuild the bridge,”', '“It will take two years.”'], cue: 'said', source: 'Mayor Lena Ortiz' },
  { kind: 'according-to', content: 'Engineers believe the old piers are sound', cue: 'according to', source: 'a city report' },
  { kind: 'indirect', content: 'pass', cue: 'is expected', source: null },
]);

const words = (text: string, span: Span | null) => (span ? (span.parts ?? [span]).map((p) => text.slice(p.start, p.end)) : null);

describe('toBrat', () => {
  it('writes PolNeAR-style T and E lines, discontinuous spans as start end;start end', () => {
    const lines = toBrat(EXTRACTION, TEXT).split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'T1\tSource 59 75\tMayor Lena Ortiz',
      'T2\tCue 76 80\tsaid',
      'T3\tContent 29 58;82 107\t“We will rebuild the bridge,” “It will take two years.”',
      'T4\tAttribution 76 80\tsaid',
      'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1',
    ]);
    // PolNeAR marks an attribution without a source with its own trigger type and no Source argument.
    const cue = TEXT.indexOf('is expected');
    const content = TEXT.indexOf('pass');
    expect(lines.slice(10, 14)).toEqual([
      `T9\tCue ${cue} ${cue + 11}\tis expected`,
      `T10\tContent ${content} ${content + 4}\tpass`,
      `T11\tAttribution-no-source ${cue} ${cue + 11}\tis expected`,
      'E3\tAttribution-no-source:T11 Content:T10 Cue:T9',
    ]);
    expect(lines.at(-1)).toBe('');
  });

  it('writes nothing for an extraction without attributions', () => {
    expect(toBrat({ ...EXTRACTION, attributions: [] }, TEXT)).toBe('');
  });

  it('puts a span that crosses lines on one T line', () => {
    const text = 'She said the vote\nwould wait.';
    const ann = toBrat(extractionOf(text, [{ kind: 'indirect', content: 'the vote\nwould wait', cue: 'said', source: 'She' }]), text);
    expect(ann).toContain('\tContent 9 28\tthe vote would wait\n');
  });

  it('counts offsets in code points with \\r\\n as one character, as brat and the reference scorer read the file', () => {
    const text = 'Fans 🎉 cheered.\r\n\r\n“It is over,” the coach 🏆 said.';
    const ann = toBrat(extractionOf(text, [{ kind: 'direct', content: '“It is over,”', cue: 'said', source: 'the coach 🏆' }]), text);
    const asPython = (utf16: number) => [...text.slice(0, utf16).replace(/\r\n/g, '\n')].length;
    const quote = text.indexOf('“');
    const source = text.indexOf('the coach');
    expect(ann).toContain(`\tContent ${asPython(quote)} ${asPython(quote + '“It is over,”'.length)}\t`);
    expect(ann).toContain(`\tSource ${asPython(source)} ${asPython(source + 'the coach 🏆'.length)}\t`);
    expect(asPython(quote)).toBe(quote - 3); // two \r and one surrogate pair fewer
  });
});

describe('parseBrat', () => {
  it('reads back what toBrat wrote: the same words, parts included', () => {
    const back = parseBrat(toBrat(EXTRACTION, TEXT), TEXT);
    expect(back.map((a) => [words(TEXT, a.content), words(TEXT, a.cue), words(TEXT, a.source)])).toEqual([
      [['“We will rebuild the bridge,”', '“It will take two years.”'], ['said'], ['Mayor Lena Ortiz']],
      [['Engineers believe the old piers are sound'], ['according to'], ['a city report']],
      [['pass'], ['is expected'], null],
    ]);
  });

  it('round-trips astral characters and \\r\\n line ends to the same UTF-16 spans', () => {
    const text = 'Fans 🎉 cheered.\r\n\r\n“It is over,” the coach 🏆 said.\r\nThen he left.';
    const extraction = extractionOf(text, [
      { kind: 'direct', content: '“It is over,”', cue: 'said', source: 'the coach 🏆' },
      { kind: 'indirect', content: 'cheered.\r\n\r\n“It', cue: 'Then', source: null },
    ]);
    const back = parseBrat(toBrat(extraction, text), text);
    expect(back.map((a) => [a.content?.text, a.cue?.text, a.source?.text ?? null])).toEqual([
      ['“It is over,”', 'said', 'the coach 🏆'],
      ['cheered.\r\n\r\n“It', 'Then', null],
    ]);
  });

  it('ignores Discard and Discuss spans and annotator notes, and reads E arguments in any order', () => {
    const text = 'Aides said the trip was cancelled. Read more here.';
    const ann = [
      'T1\tDiscard 35 50\tRead more here.',
      'T2\tContent 11 33\tthe trip was cancelled',
      'T3\tCue 6 10\tsaid',
      'T4\tSource 0 5\tAides',
      'T5\tAttribution 6 10\tsaid',
      'T6\tDiscuss 0 5\tAides',
      'E1\tCue:T3 Source:T4 Attribution:T5 Content:T2',
      '#1\tAnnotatorNotes T2\tcheck the scope',
      '',
    ].join('\n');
    const [only, ...rest] = parseBrat(ann, text);
    expect(rest).toEqual([]);
    expect([only?.content?.text, only?.cue?.text, only?.source?.text]).toEqual(['the trip was cancelled', 'said', 'Aides']);
  });

  it('follows the reference scorer on odd lines: Content2 replaces Content, unknown T is empty, malformed offsets throw', () => {
    const text = 'One. Two. Three.';
    const ann = 'T1\tContent 0 3\tOne\nT2\tContent 5 8\tTwo\nE1\tContent:T1 Content2:T2 Cue:T9\n';
    expect(parseBratRanges(ann, text)).toEqual([{ content: [{ start: 5, end: 8 }], cue: [], source: [] }]);
    expect(parseBrat(ann, text)[0]?.cue).toBeNull();
    // An offset list with a stray ';' breaks the reference scorer too; the error names the line.
    expect(() => parseBratRanges('T1\tContent 0 3;\tOne\nE1\tContent:T1\n', text)).toThrow(/line 1: T1 has malformed offsets/);
    // Unused, it does no harm, as in the reference scorer.
    expect(parseBratRanges('T1\tContent 0 3;\tOne\n', text)).toEqual([]);
  });

  it('clips ranges that run past the end of the text', () => {
    const text = 'Short text.';
    const [a] = parseBrat('T1\tContent 6 40\tx\nE1\tContent:T1\n', text);
    expect(a?.content?.text).toBe('text.');
  });
});

describe('toBratEvents', () => {
  it('gives the ranges toBrat writes', () => {
    expect(toBratEvents(EXTRACTION)).toEqual(parseBratRanges(toBrat(EXTRACTION, TEXT), TEXT));
  });
});
