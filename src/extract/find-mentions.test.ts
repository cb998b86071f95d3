import { describe, expect, it } from 'vitest';
import { prepareDocument } from './document.js';
import { findMentions } from './find-mentions.js';
import { firstNameGender } from './lexicons/first-names.js';

const mentions = (text: string) => findMentions(prepareDocument(text)).map((m) => [m.text, m.type]);

describe('firstNameGender', () => {
  it('knows the Moby lists, and common names they lack from the US birth records', () => {
    expect(firstNameGender('Mary')).toBe('f');
    // Not in the Moby lists: the birth records give them.
    expect(firstNameGender('Oscar')).toBe('m');
    expect(firstNameGender('Azucena')).toBe('f');
  });

  it('leaves out rare record names that are words or surnames, and places', () => {
    expect(firstNameGender('Goldman')).toBeNull();
    expect(firstNameGender('Harbor')).toBeNull();
    expect(firstNameGender('Arizona')).toBeNull();
  });
});

describe('findMentions', () => {
  it('takes a name with a middle initial for a person, counting the initial as one word', () => {
    expect(mentions('Oscar P. Quintero said the ferry was late. Julie A. Diaz Martinez agreed.')).toEqual([
      ['Oscar P. Quintero', 'person'],
      ['Julie A. Diaz Martinez', 'person'],
    ]);
  });

  it('does not take a place given as a first name for a person', () => {
    expect(mentions('The Arizona Republican endorsed the bond.')).not.toContainEqual(['Arizona Republican', 'person']);
  });
});
