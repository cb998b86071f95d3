import type { Entity, EntityType, SpeakerRef } from '../model/index.js';
import { firstNamesCompatible, parseOrgName, parsePersonName, rolesConflict } from './speaker-name.js';

/** A speaker already known, as the linker needs to see it. */
export interface KnownPerson {
  readonly id: number;
  /** Folded first name, or null for a speaker known only by surname. */
  readonly first: string | null;
  readonly roles: readonly string[];
}

/**
 * What the linker may ask of the speakers already stored. `alias` answers
 * the speaker a name key belongs to, `null` when the key is ambiguous (two
 * speakers claimed it), `undefined` when nobody has it.
 */
export interface SpeakerDirectory {
  alias(key: string): Awaitable<number | null | undefined>;
  /** The speaker a person's correction tied this key to, if any: corrections win over every rule. */
  pinned(key: string): Awaitable<number | undefined>;
  personsBySurname(surname: string): Awaitable<readonly KnownPerson[]>;
}

/** A value, or a promise of it: a directory over an embedded database answers at once, one over a server later. */
export type Awaitable<T> = T | PromiseLike<T>;

/** The linker's answer for one speaker reference. */
export type LinkDecision = { readonly kind: 'unlinked' } | SpeakerDecision;

/** A decision that the reference is a stored or new speaker. */
export interface SpeakerDecision {
  readonly kind: 'speaker';
  /** An existing speaker, or null to create one. */
  readonly id: number | null;
  readonly name: string;
  readonly type: EntityType;
  readonly first: string | null;
  readonly surname: string | null;
  /** Name keys that should lead to this speaker from now on. */
  readonly aliases: readonly string[];
  /** Whether an existing speaker known only by surname (or an outlet by a short name) now gets its full name. */
  readonly rename: boolean;
}

/** The alias key of a person's full name. */
export function personKey(first: string | null, surname: string): string {
  return first === null ? `p:${surname}` : `p:${first} ${surname}`;
}

/** The alias key of an organisation's or outlet's name. */
export function orgKey(key: string): string {
  return `o:${key}`;
}

const UNLINKED: LinkDecision = Object.freeze({ kind: 'unlinked' });

/**
 * Decides which stored speaker a speaker reference is, or that it is a new
 * one. People match on first name and surname; a surname alone matches the
 * one person of that surname named in the same article, else the one stored
 * person of that surname whose roles do not conflict, else stays apart.
 * Different first names never match. Organisations and outlets match on
 * their name without "the", their acronym ("NVT") or a last word that only
 * one of them has ("the Tribune"). Unnamed sources, reports and documents that
 * did not resolve to an outlet stay in their article.
 */
export async function linkSpeaker(ref: SpeakerRef, directory: SpeakerDirectory, articleEntities: readonly Entity[] = []): Promise<LinkDecision> {
  switch (ref.type) {
    case 'person':
      return linkPerson(ref, directory, articleEntities);
    case 'organization':
      return (await personTypedAsOrg(ref, directory, articleEntities)) ?? linkOrg(ref, directory);
    case 'outlet':
    case 'place':
      return linkOrg(ref, directory);
    default:
      return UNLINKED;
  }
}

async function linkPerson(ref: SpeakerRef, directory: SpeakerDirectory, articleEntities: readonly Entity[]): Promise<LinkDecision> {
  const name = parsePersonName(ref.name);
  if (!name) return UNLINKED;
  const { first, surname, display } = name;
  if (first === null) {
    const corrected = await directory.pinned(personKey(null, surname));
    if (corrected !== undefined) return speaker(corrected, display, 'person', null, surname, []);
    // The article itself may name the full person: "Marta Quiroga … Quiroga said".
    const full = articleEntities
      .filter((e) => e.type === 'person')
      .map((e) => parsePersonName(e.name))
      .filter((n) => n !== null && n.first !== null && n.surname === surname);
    const distinct = new Set(full.map((n) => n!.first));
    if (distinct.size === 1) return linkPerson({ ...ref, name: full[0]!.display }, directory, []);
    const people = (await directory.personsBySurname(surname)).filter((p) => p.first !== null);
    if (people.length === 1 && !rolesConflict(ref.roles, people[0]!.roles)) return speaker(people[0]!.id, display, 'person', null, surname, []);
    const alone = await directory.alias(personKey(null, surname));
    return speaker(typeof alone === 'number' ? alone : null, display, 'person', null, surname, [personKey(null, surname)]);
  }
  const key = personKey(first, surname);
  const known = await directory.alias(key);
  if (typeof known === 'number') return speaker(known, display, 'person', first, surname, []);
  const people = await directory.personsBySurname(surname);
  // An initial ("J. Smith") matches the one stored person whose first name it begins.
  if (first.length === 1) {
    const compatible = people.filter((p) => p.first !== null && firstNamesCompatible(first, p.first));
    if (compatible.length === 1) return speaker(compatible[0]!.id, display, 'person', first, surname, [key]);
  }
  const named = people.filter((p) => p.first !== null);
  const alone = people.filter((p) => p.first === null);
  // A speaker so far known only by surname becomes this person, if no other person of that surname is known.
  if (named.length === 0 && alone.length === 1 && !rolesConflict(ref.roles, alone[0]!.roles)) {
    return { ...speaker(alone[0]!.id, display, 'person', first, surname, [key]), rename: true };
  }
  return speaker(null, display, 'person', first, surname, [key]);
}

/**
 * A source typed as an organisation that is plainly a known person ("Mayor
 * Voss", "Okafor"): linked as that person. Only with evidence: the person's
 * full name is stored, or the article names them, or the name is a title
 * plus, or just, the surname of the one stored person who has it; and never
 * when an organisation of that name is known.
 */
async function personTypedAsOrg(ref: SpeakerRef, directory: SpeakerDirectory, articleEntities: readonly Entity[]): Promise<LinkDecision | null> {
  const org = parseOrgName(ref.name);
  if (org && typeof (await directory.alias(orgKey(org.key))) === 'number') return null;
  const name = parsePersonName(ref.name);
  if (!name) return null;
  const asPerson = { ...ref, type: 'person' as const };
  if (name.first !== null) {
    return typeof (await directory.alias(personKey(name.first, name.surname))) === 'number' ? linkPerson(asPerson, directory, articleEntities) : null;
  }
  // The article names someone of that surname in full, and that person is known (whatever type the extractor gave the mention).
  let named = false;
  for (const e of articleEntities) {
    const full = parsePersonName(e.name);
    if (!full || full.surname !== name.surname || full.first === null) continue;
    if (e.type === 'person' || typeof (await directory.alias(personKey(full.first, full.surname))) === 'number') {
      named = true;
      break;
    }
  }
  // A lone word that is the surname of exactly one known person, and no known organisation, is that person.
  const titledOrBare = name.display !== ref.name.trim() || (/^\p{Lu}\p{Ll}+$/u.test(ref.name.trim()) && !org?.isAcronym);
  const stored = (await directory.personsBySurname(name.surname)).filter((p) => p.first !== null);
  if (named || (titledOrBare && stored.length === 1)) {
    const decision = await linkPerson(asPerson, directory, articleEntities);
    return decision.kind === 'speaker' && decision.id !== null ? decision : null;
  }
  return null;
}

async function linkOrg(ref: SpeakerRef, directory: SpeakerDirectory): Promise<LinkDecision> {
  const name = parseOrgName(ref.name);
  if (!name) return UNLINKED;
  const aliases = [orgKey(name.key)];
  if (name.acronym && !name.isAcronym) aliases.push(`o#:${name.acronym}`);
  if (name.lastWord) aliases.push(`o~:${name.lastWord}`);
  const found = (id: number | null): LinkDecision => speaker(id, name.display, ref.type, null, null, aliases);
  const exact = await directory.alias(orgKey(name.key));
  if (typeof exact === 'number') return found(exact);
  if (name.isAcronym) {
    const full = await directory.alias(`o#:${name.key}`);
    if (typeof full === 'number') return found(full);
  } else if (name.acronym) {
    // "The North Valley Tribune" after "NVT": the acronym was stored as a name, and the full name is better.
    const short = await directory.alias(orgKey(name.acronym));
    if (typeof short === 'number') return { ...speaker(short, name.display, ref.type, null, null, aliases), rename: true };
  }
  if (!name.lastWord && !name.isAcronym) {
    const byLastWord = await directory.alias(`o~:${name.key}`);
    if (typeof byLastWord === 'number') return found(byLastWord);
  }
  if (name.lastWord) {
    // "The Harbor Gazette" after "the Gazette": the short name was stored, and the full name is better.
    const short = await directory.alias(orgKey(name.lastWord));
    if (typeof short === 'number') return { ...speaker(short, name.display, ref.type, null, null, aliases), rename: true };
  }
  return found(null);
}

function speaker(
  id: number | null,
  name: string,
  type: EntityType,
  first: string | null,
  surname: string | null,
  aliases: readonly string[],
): SpeakerDecision {
  return { kind: 'speaker', id, name, type, first, surname, aliases, rename: false };
}
