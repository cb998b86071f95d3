import { describe, expect, it } from 'vitest';
import { prepareDocument } from './document.js';
import { findSpeakerTurns } from './find-speaker-turns.js';
import { extract } from './index.js';
import { withLayoutForms } from './with-layout-forms.js';

/** Each turn as the text of its cue, source and content. */
function turns(text: string): { cue: string; source: string | null; content: string }[] {
  const doc = prepareDocument(text);
  const { start, end } = doc.tokens;
  const slice = (r: { start: number; end: number }) => text.slice(start[r.start], end[r.end - 1]);
  return findSpeakerTurns(doc).map((a) => ({ cue: slice(a.cue), source: a.source && slice(a.source), content: a.content.map(slice).join(' … ') }));
}

// A quoted transcript: every paragraph opens a quote that the next reopens.
const QUOTED = [
  'The harbor commissioner spoke to the Tidewater Ledger on Sunday. Partial transcript as follows:',
  '"HOST: Will the ferry run on Monday?',
  '"OKAFOR: It will run, and on time. We settled with the union last night.',
  '"(CROSSTALK.)',
  '"HOST: And the winter schedule?',
  '"DANA OKAFOR: Out next week."',
].join('\n\n');

describe('findSpeakerTurns', () => {
  it('reads the turns of a quoted transcript: the label is the source, the colon the cue, the rest of the paragraph the content', () => {
    expect(turns(QUOTED)).toEqual([
      { cue: ':', source: 'HOST', content: 'Will the ferry run on Monday?' },
      { cue: ':', source: 'OKAFOR', content: 'It will run, and on time. We settled with the union last night.' },
      { cue: ':', source: 'HOST', content: 'And the winter schedule?' },
      { cue: ':', source: 'DANA OKAFOR', content: 'Out next week."' },
    ]);
  });

  it('reads an unquoted transcript whose speakers are named in full once, then by surname', () => {
    const text = ['MARA LENK: Good evening.', 'SEN. TOMAS QUILL: Thank you for having me.', 'LENK: Let us start with the port.', 'QUILL: Gladly.'].join('\n\n');
    expect(turns(text).map((t) => t.source)).toEqual(['MARA LENK', 'SEN. TOMAS QUILL', 'LENK', 'QUILL']);
  });

  it('leaves capitalised labels that are not a transcript', () => {
    // Headline and editorial labels, however many.
    expect(turns('BOOM: The port board resigns.\n\nThe board met on Friday.\n\nUPDATE: The mayor has named a new board.\n\nUPDATE: It meets Monday.')).toEqual([]);
    // Three labels, but no speaker takes a second turn.
    expect(turns('ANNA: One.\n\nBORIS: Two.\n\nCLARA: Three.')).toEqual([]);
    // Labels in prose case, and a colon with nothing after it.
    expect(turns('Host: One.\n\nGuest: Two.\n\nHost: Three.')).toEqual([]);
    expect(turns('HOST:\n\nGUEST:\n\nHOST:')).toEqual([]);
  });
});

describe('withLayoutForms and speaker turns', () => {
  it('gives a turn its whole paragraph, dropping what the taggers found inside it', () => {
    const doc = prepareDocument(QUOTED);
    const found = findSpeakerTurns(doc);
    // A made-up tagger attribution whose cue is inside the second turn ("settled").
    const settled = doc.tokens.word.indexOf('settled');
    const inside = { cue: { start: settled, end: settled + 1 }, source: { start: settled - 1, end: settled }, content: [{ start: settled + 1, end: settled + 4 }] };
    const before = { cue: { start: 2, end: 3 }, source: null, content: [{ start: 3, end: 5 }] };
    expect(withLayoutForms(doc, [before, inside])).toEqual([before, ...found]);
  });

  it('is part of extract: each turn is attributed to its speaker, a surname label joins the full name, a role stays unnamed', () => {
    const { attributions } = extract(QUOTED);
    const turnsFound = attributions.filter((a) => a.cue.text === ':');
    expect(turnsFound.map((a) => [a.source?.text, a.speaker?.name, a.speaker?.type])).toEqual([
      ['HOST', 'host', 'unnamed'],
      ['OKAFOR', 'Dana Okafor', 'person'],
      ['HOST', 'host', 'unnamed'],
      ['DANA OKAFOR', 'Dana Okafor', 'person'],
    ]);
    expect(turnsFound[1]!.content.text).toBe('It will run, and on time. We settled with the union last night.');
  });
});
