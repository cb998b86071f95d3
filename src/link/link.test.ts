import { describe, expect, it } from 'vitest';
import { createEntity, type SpeakerRef } from '../model/index.js';
import {
  claimSketch,
  claimWords,
  linkSpeaker,
  sameClaim,
  minhash,
  parseOrgName,
  parsePersonName,
  personKey,
  rolesConflict,
  signatureSimilarity,
  bandKeys,
  type KnownPerson,
  type SpeakerDirectory,
} from './index.js';

const ref = (name: string, type: SpeakerRef['type'] = 'person', roles: string[] = []): SpeakerRef => ({ id: 'e1', name, type, roles });

function directory(aliases: Record<string, number | null>, persons: (KnownPerson & { surname: string })[] = [], pinned: Record<string, number> = {}): SpeakerDirectory {
  return {
    alias: (key) => (key in aliases ? aliases[key] : undefined),
    pinned: (key) => pinned[key],
    personsBySurname: (s) => persons.filter((p) => p.surname === s),
  };
}

describe('person names', () => {
  it('drops titles and descriptions before the name', () => {
    expect(parsePersonName('Regional Water Director Marta Quiroga')).toMatchObject({ display: 'Marta Quiroga', first: 'marta', surname: 'quiroga' });
    expect(parsePersonName('former Sen. Hal Brody Jr.')).toMatchObject({ display: 'Hal Brody', first: 'hal', surname: 'brody' });
  });

  it('drops professions named by their ending, but not surnames that end alike', () => {
    expect(parsePersonName('Hydrologist Ana Berg')).toMatchObject({ first: 'ana', surname: 'berg' });
    expect(parsePersonName('Lindqvist')).toMatchObject({ first: null, surname: 'lindqvist' });
    expect(parsePersonName('Maja Lindqvist')).toMatchObject({ first: 'maja', surname: 'lindqvist' });
  });

  it('keeps a surname that is also a title word, and folds diacritics', () => {
    expect(parsePersonName('Coretta King')).toMatchObject({ first: 'coretta', surname: 'king' });
    expect(parsePersonName('Tomás Ibáñez')).toMatchObject({ first: 'tomas', surname: 'ibanez' });
  });

  it('reads a surname alone, and nothing from descriptions', () => {
    expect(parsePersonName('Quiroga')).toMatchObject({ first: null, surname: 'quiroga' });
    expect(parsePersonName('Ms. Quiroga')).toMatchObject({ first: null, surname: 'quiroga' });
    expect(parsePersonName('the ambassador')).toBeNull();
    expect(parsePersonName('The Ambassador')).toBeNull();
  });
});

describe('organisation and outlet names', () => {
  it('derives acronym and last word', () => {
    expect(parseOrgName('The Harbor Gazette')).toMatchObject({ key: 'harbor gazette', acronym: 'hg', lastWord: 'gazette', isAcronym: false });
    expect(parseOrgName('KRN')).toMatchObject({ key: 'krn', acronym: 'krn', isAcronym: true, lastWord: null });
    expect(parseOrgName('the Gazette')).toMatchObject({ key: 'gazette', lastWord: null });
  });
});

describe('linkSpeaker: people', () => {
  it('links a full name to the stored speaker with that name', async () => {
    const d = await linkSpeaker(ref('Marta Quiroga'), directory({ [personKey('marta', 'quiroga')]: 7 }));
    expect(d).toMatchObject({ kind: 'speaker', id: 7 });
  });

  it('links a titled form to the same person', async () => {
    const d = await linkSpeaker(ref('Water Director Marta Quiroga'), directory({ 'p:marta quiroga': 7 }));
    expect(d).toMatchObject({ id: 7 });
  });

  it('links a surname alone to the one stored person of that surname', async () => {
    const d = await linkSpeaker(ref('Quiroga'), directory({}, [{ id: 7, first: 'marta', surname: 'quiroga', roles: [] }]));
    expect(d).toMatchObject({ id: 7 });
  });

  it('prefers the full name given in the same article over the store', async () => {
    const persons = [
      { id: 7, first: 'marta', surname: 'quiroga', roles: [] },
      { id: 9, first: 'luis', surname: 'quiroga', roles: [] },
    ];
    const entities = [createEntity({ id: 'e1', name: 'Luis Quiroga', type: 'person', roles: [], mentions: [] })];
    const d = await linkSpeaker(ref('Quiroga'), directory({ 'p:marta quiroga': 7, 'p:luis quiroga': 9 }, persons), entities);
    expect(d).toMatchObject({ id: 9 });
  });

  it('never merges different first names that share a surname', async () => {
    const d = await linkSpeaker(ref('Luis Quiroga'), directory({ 'p:marta quiroga': 7 }, [{ id: 7, first: 'marta', surname: 'quiroga', roles: [] }]));
    expect(d).toMatchObject({ kind: 'speaker', id: null, first: 'luis' });
  });

  it('keeps a surname alone apart when two people share it', async () => {
    const persons = [
      { id: 7, first: 'marta', surname: 'quiroga', roles: [] },
      { id: 9, first: 'luis', surname: 'quiroga', roles: [] },
    ];
    expect(await linkSpeaker(ref('Quiroga'), directory({}, persons))).toMatchObject({ id: null, first: null });
  });

  it('keeps a surname alone apart when its roles conflict with the only candidate', async () => {
    const persons = [{ id: 7, first: 'marta', surname: 'quiroga', roles: ['regional water director'] }];
    expect(await linkSpeaker(ref('Quiroga', 'person', ['striker for the city football club']), directory({}, persons))).toMatchObject({ id: null });
    expect(await linkSpeaker(ref('Quiroga', 'person', ['the water director']), directory({}, persons))).toMatchObject({ id: 7 });
  });

  it('gives a speaker known only by surname its full name when the full name arrives', async () => {
    const d = await linkSpeaker(ref('Marta Quiroga'), directory({ 'p:quiroga': 4 }, [{ id: 4, first: null, surname: 'quiroga', roles: [] }]));
    expect(d).toMatchObject({ id: 4, rename: true });
  });

  it('lets a correction win over the rules', async () => {
    const d = await linkSpeaker(ref('Quiroga'), directory({}, [{ id: 7, first: 'marta', surname: 'quiroga', roles: [] }], { 'p:quiroga': 12 }));
    expect(d).toMatchObject({ id: 12 });
  });

  it('leaves unnamed sources and unresolved reports unlinked', async () => {
    expect(await linkSpeaker(ref('officials', 'unnamed'), directory({}))).toEqual({ kind: 'unlinked' });
    expect(await linkSpeaker(ref('the report', 'report'), directory({}))).toEqual({ kind: 'unlinked' });
  });
});

describe('linkSpeaker: outlets and organisations', () => {
  const stored = directory({ 'o:harbor gazette': 3, 'o#:hg': 3, 'o~:gazette': 3, 'o:krn': 5 });

  it('links "the Gazette", "HG" and "Harbor Gazette" to "The Harbor Gazette"', async () => {
    for (const name of ['the Gazette', 'HG', 'Harbor Gazette', 'The Harbor Gazette']) {
      expect(await linkSpeaker(ref(name, 'outlet'), stored)).toMatchObject({ id: 3 });
    }
  });

  it('links a full name to an outlet first stored by its acronym', async () => {
    expect(await linkSpeaker(ref('Kestrel Radio Network', 'outlet'), directory({ 'o:krn': 5 }))).toMatchObject({ id: 5 });
  });

  it('does not link a last word two outlets share', async () => {
    expect(await linkSpeaker(ref('the Tribune', 'outlet'), directory({ 'o~:tribune': null }))).toMatchObject({ id: null });
  });

  it('proposes acronym and last-word aliases for a new outlet', async () => {
    expect(await linkSpeaker(ref('The Harbor Gazette', 'outlet'), directory({}))).toMatchObject({
      id: null,
      aliases: ['o:harbor gazette', 'o#:hg', 'o~:gazette'],
    });
  });
});

describe('roles', () => {
  it('conflict only when both are known and share no significant word', () => {
    expect(rolesConflict(['senator'], ['chief executive'])).toBe(true);
    expect(rolesConflict(['Regional Water Director'], ['the director'])).toBe(false);
    expect(rolesConflict([], ['senator'])).toBe(false);
  });
});

describe('claim grouping', () => {
  const a = '“We are not going to cut corners on the estuary,” she said, adding that the review would take time';
  const b = 'we are not going to cut corners on the estuary, she said, adding the review would take time';
  const paraphrase = 'every new two-dollar toll costs the bridge about 3 percent of its commuters';
  const restated = 'each two-dollar toll drives away about 3 percent of bridge commuters';
  const c = 'The ferry will run a reduced timetable during the spring holidays, the operator announced';

  it('compares content words, folding case, quote marks and plain suffixes', () => {
    expect([...claimWords('The “Limits” were limited.')]).toEqual(['limit']);
  });

  it('groups near duplicates and light paraphrase, not unrelated or short contents', () => {
    expect(sameClaim(a, b)).toBe(true);
    expect(sameClaim(paraphrase, restated)).toBe(true);
    expect(sameClaim(a, c)).toBe(false);
    expect(sameClaim('No comment.', 'No comment.')).toBe(false);
  });

  it('gives near duplicates a shared band key, and a signature close to their similarity', () => {
    const ka = new Set(bandKeys(minhash(a)!));
    expect(bandKeys(minhash(b)!).some((k) => ka.has(k))).toBe(true);
    expect(signatureSimilarity(minhash(a)!, minhash(c)!)).toBeLessThan(0.2);
  });

  it('does not sign contents too short to group', () => {
    expect(minhash('No comment.')).toBeNull();
    expect(claimSketch('No comment.')).toEqual({ words: ['comment'], bands: null });
  });

  it('sketches a content as its words and band keys, plain data for another thread', () => {
    const sketch = claimSketch(a);
    expect(sketch.words).toEqual([...claimWords(a)]);
    expect(sketch.bands).toEqual(bandKeys(minhash(a)!));
    expect(structuredClone(sketch)).toEqual(sketch);
  });

  it('is deterministic', () => {
    expect([...minhash(c)!]).toEqual([...minhash(c)!]);
  });
});

describe('linkSpeaker: a person typed as an organisation', () => {
  const persons = [{ id: 7, first: 'marta', surname: 'quiroga', roles: [] }];

  it('links a titled surname or a stored full name to the person', async () => {
    expect(await linkSpeaker(ref('Director Quiroga', 'organization'), directory({ 'p:marta quiroga': 7 }, persons))).toMatchObject({ id: 7, type: 'person' });
    expect(await linkSpeaker(ref('Marta Quiroga', 'organization'), directory({ 'p:marta quiroga': 7 }, persons))).toMatchObject({ id: 7, type: 'person' });
  });

  it('keeps a known organisation, and a bare name without evidence, as an organisation', async () => {
    expect(await linkSpeaker(ref('Quiroga', 'organization'), directory({ 'o:quiroga': 3 }, persons))).toMatchObject({ id: 3, type: 'organization' });
    expect(await linkSpeaker(ref('Harbor Works', 'organization'), directory({}, persons))).toMatchObject({ id: null, type: 'organization' });
    expect(await linkSpeaker(ref('QUIROGA', 'organization'), directory({}, persons))).toMatchObject({ id: null, type: 'organization' });
  });

  it('links a bare surname to the one stored person who has it', async () => {
    expect(await linkSpeaker(ref('Quiroga', 'organization'), directory({}, persons))).toMatchObject({ id: 7, type: 'person' });
    const two = [...persons, { id: 9, first: 'luis', surname: 'quiroga', roles: [] }];
    expect(await linkSpeaker(ref('Quiroga', 'organization'), directory({}, two))).toMatchObject({ id: null, type: 'organization' });
  });
});
