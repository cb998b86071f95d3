import { describe, expect, it } from 'vitest';
import { prepareDocument } from './document.js';
import { findSignedQuotes } from './find-signed-quotes.js';
import { extract } from './index.js';
import { withLayoutForms } from './with-layout-forms.js';

/** Each signed quote as the text of its cue, source and content. */
function signed(text: string): { cue: string; source: string | null; content: string }[] {
  const doc = prepareDocument(text);
  const { start, end } = doc.tokens;
  const slice = (r: { start: number; end: number }) => text.slice(start[r.start], end[r.end - 1]);
  return findSignedQuotes(doc).map((a) => ({ cue: slice(a.cue), source: a.source && slice(a.source), content: a.content.map(slice).join(' … ') }));
}

describe('findSignedQuotes', () => {
  it('reads a quote signed with a dash and a name at the end of its paragraph', () => {
    const text = [
      'Readers of the Tidewater Ledger told us what the ferry strike meant to them.',
      '“I have not made it to work on time in a month.” ― Odile Varga',
      '"We moved the bakery\'s deliveries to the night boat."—Tomas R. Quill, 52, Port Ellery',
      '“The harbour feels empty.”\u00a0– Wren de la Mare.',
    ].join('\n\n');
    expect(signed(text)).toEqual([
      { cue: '―', source: 'Odile Varga', content: '“I have not made it to work on time in a month.”' },
      { cue: '—', source: 'Tomas R. Quill', content: '"We moved the bakery\'s deliveries to the night boat."' },
      { cue: '–', source: 'Wren de la Mare', content: '“The harbour feels empty.”' },
    ]);
  });

  it('leaves dashes that do not sign a quote', () => {
    const text = [
      // The dash opens an apposition, not a signature.
      '“The night boat” ― a ferry that leaves at two ― carries most of the freight.',
      // A dash inside the quote, and no signature after it.
      '“We waited ― and waited.”',
      // Not a quote paragraph.
      'The strike ended on Friday ― Odile Varga went back to work.',
      // A signature followed by far too long a tail to be a description.
      '“Enough.” ― Odile Varga, who said that she would not take the ferry again until the union and the port authority agreed on a new schedule for the winter months.',
    ].join('\n\n');
    expect(signed(text)).toEqual([]);
  });
});

describe('withLayoutForms and signed quotes', () => {
  it('adds a signed quote no attribution covers, and leaves one that is covered', () => {
    const doc = prepareDocument('“The harbour feels empty.” ― Odile Varga');
    const [quote] = findSignedQuotes(doc);
    expect(withLayoutForms(doc, [])).toEqual([quote]);
    const other = { cue: quote!.cue, source: null, content: [{ start: 1, end: 3 }] };
    expect(withLayoutForms(doc, [other])).toEqual([other]);
  });

  it('is part of extract: a direct quote of the person who signed it', () => {
    const text = 'We asked commuters about the ferry strike.\n\n“I have not made it to work on time in a month.” ― Maria Ostrova, a nurse';
    const found = extract(text).attributions.filter((a) => a.cue.text === '―');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'direct',
      source: { text: 'Maria Ostrova' },
      content: { text: '“I have not made it to work on time in a month.”' },
      speaker: { name: 'Maria Ostrova', type: 'person' },
    });
  });
});
