import { describe, expect, it } from 'vitest';
import { quoteAfterColonCue } from './build-attributions.js';
import { prepareDocument } from './document.js';
import { extract } from './index.js';

const TEXT = ['The harbor board met on Monday.', 'The mayor said:', '"We will open the harbor in May. The boats are ready.', '"We thank the crews."', 'The board agreed.'].join('\n\n');

describe('quoteAfterColonCue', () => {
  it('gives a cue closing its paragraph with a colon the quote that opens the next, over the paragraphs that continue it', () => {
    const doc = prepareDocument(TEXT);
    const said = doc.tokens.word.indexOf('said');
    const slice = (r: { start: number; end: number }) => TEXT.slice(doc.tokens.start[r.start], doc.tokens.end[r.end - 1]);
    expect(quoteAfterColonCue(doc, { start: said, end: said + 1 })?.map(slice)).toEqual([
      '"We will open the harbor in May. The boats are ready.',
      '"We thank the crews."',
    ]);
    // The colon as the cue's last token.
    expect(quoteAfterColonCue(doc, { start: said, end: said + 2 })).toHaveLength(2);
    // Not when words come between the cue and the colon, nor for a paragraph without one.
    const mayor = doc.tokens.word.indexOf('mayor');
    expect(quoteAfterColonCue(doc, { start: mayor - 1, end: mayor })).toBeNull();
    expect(quoteAfterColonCue(doc, { start: 1, end: 2 })).toBeNull();
  });

  it('is part of extract: the quote is the content of the cue before the colon, once', () => {
    const found = extract(TEXT).attributions.filter((a) => a.content.text.includes('harbor in May'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'direct', source: { text: 'The mayor' }, cue: { text: 'said' } });
    expect(found[0]!.content.parts?.map((p) => p.text)).toEqual(['"We will open the harbor in May. The boats are ready.', '"We thank the crews."']);
  });
});
