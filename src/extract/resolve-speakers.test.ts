import { describe, expect, it } from 'vitest';
import { prepareDocument } from './document.js';
import type { TokenAttribution } from './find-attributions.js';
import { findMentions } from './find-mentions.js';
import { extract } from './index.js';
import { resolveSpeakers } from './resolve-speakers.js';

/**
 * Resolves sources given as substrings of the text, in order, each with the token after it as its
 * cue: the speaker of each as name and type, and what each source itself is.
 */
function resolved(text: string, sources: readonly string[]): { speakers: [string | null, string | null][]; sourceTypes: readonly (string | null)[] } {
  const doc = prepareDocument(text);
  const { start, end, count } = doc.tokens;
  const tokensOf = (from: number, to: number) => {
    let s = 0;
    while (start[s]! < from) s++;
    let e = s;
    while (e < count && end[e]! <= to) e++;
    return { start: s, end: e };
  };
  let at = 0;
  const atts: TokenAttribution[] = sources.map((source) => {
    const from = text.indexOf(source, at);
    at = from + source.length;
    const src = tokensOf(from, at);
    return { source: src, cue: { start: src.end, end: src.end + 1 }, content: [{ start: src.end + 1, end: src.end + 3 }] };
  });
  const { speakers, entities, sourceTypes } = resolveSpeakers(doc, findMentions(doc), atts);
  const byId = new Map(entities.map((e) => [e.id, e]));
  return { speakers: speakers.map((s) => [s?.name ?? null, s ? byId.get(s.id)!.type : null]), sourceTypes };
}

/** The speaker each source resolves to, as name and type (see {@link resolved}). */
function speakersOf(text: string, sources: readonly string[]): [string | null, string | null][] {
  return resolved(text, sources).speakers;
}

describe('resolveSpeakers', () => {
  it('takes the name a description leads up to, not the adjective that opens it', () => {
    const text = 'Republican nominee Gov. Ana Reyes (R-OR) said the port would stay open. Harbor Party leader Tomas Quill said it would not.';
    expect(speakersOf(text, ['Republican nominee Gov. Ana Reyes (R-OR)', 'Harbor Party leader Tomas Quill'])).toEqual([
      ['Ana Reyes', 'person'],
      ['Tomas Quill', 'person'],
    ]);
  });

  it('reads the head before an apposition, and past a possessor', () => {
    const text = 'Ana Reyes said the port was safe. Reyes, Tomas Quill’s rival, said so again. Quill’s deputy, Mara Lenk, said otherwise.';
    expect(speakersOf(text, ['Ana Reyes', 'Reyes, Tomas Quill’s rival', 'Quill’s deputy, Mara Lenk'])).toEqual([
      ['Ana Reyes', 'person'],
      ['Ana Reyes', 'person'],
      ['Mara Lenk', 'person'],
    ]);
  });

  it('writes a name printed in capitals in the case of prose when it is a full name or a speaker label', () => {
    const text = 'MARA LENK said the port was safe.\n\nLENK: It is safe.\n\nFDIC said so too.';
    expect(speakersOf(text, ['MARA LENK', 'LENK', 'FDIC'])).toEqual([
      ['Mara Lenk', 'person'],
      ['Mara Lenk', 'person'],
      ['FDIC', 'organization'],
    ]);
  });

  it('reads a description of several words as the organisation last named with all of them, not as a headline', () => {
    const text = 'The Wrenhaven Harbor Commission met on Monday.\n\nThe harbor commission said the dredging would start in May.';
    expect(speakersOf(text, ['The harbor commission'])).toEqual([['Wrenhaven Harbor Commission', 'organization']]);
  });

  it('takes a name its apposition calls a person for a person, though no lexicon knows it', () => {
    const text = 'Devika Sarn, a nurse who takes the late boat, said the fares were too high.';
    expect(speakersOf(text, ['Devika Sarn, a nurse who takes the late boat'])).toEqual([['Devika Sarn', 'person']]);
    // An adjective that is also a title ("a major bank") does not make an organisation a person.
    expect(speakersOf('Harbor Trust Bank, a major lender, said rates would rise.', ['Harbor Trust Bank, a major lender'])).toEqual([
      ['Harbor Trust Bank', 'organization'],
    ]);
  });

  it('credits a document brought in with "a" to the organisation named after it', () => {
    const text = 'The Tamsin Ferry Authority raised fares. A new study said riders would pay more. The study was written at Northgate College.';
    expect(speakersOf(text, ['A new study'])).toEqual([['Northgate College', 'organization']]);
  });

  it('keeps the names inside an unnamed speaker’s description as written', () => {
    const text = 'Officials at Halvorsen Marine Works said the yard would close.';
    expect(speakersOf(text, ['Officials at Halvorsen Marine Works'])).toEqual([['officials at Halvorsen Marine Works', 'unnamed']]);
  });

  it('gives "the statement" to whoever issued "a statement" before it, as a document', () => {
    const text = 'The Harbor Ledger covered the vote. Commissioner Dana Okafor said in a statement that the pier would reopen. The statement said the tests were clean.';
    const { speakers, sourceTypes } = resolved(text, ['Commissioner Dana Okafor', 'The statement']);
    expect(speakers.map(([name]) => name)).toEqual(['Dana Okafor', 'Dana Okafor']);
    expect(sourceTypes).toEqual(['person', 'document']);
  });

  it('does not give a speaking pronoun to someone its own quote names', () => {
    const text = ['Councilman Peter Varga spoke after the vote on Monday.', '“Tomas Quill told the board the pier was unsafe, and he was wrong,” he said.'].join('\n\n');
    const said = extract(text).attributions.find((a) => a.source?.text === 'he');
    expect(said?.speaker?.name).toBe('Peter Varga');
  });
});
