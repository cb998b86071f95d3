/**
 * Name forms for linking speakers across articles. A person's name is reduced
 * to first name and surname (titles, honorifics and suffixes dropped); an
 * organisation's or outlet's to its words without a leading "the", plus the
 * acronym and last word it may be called by ("NVT", "the Tribune").
 */

/** Words that come before a person's name as a title or description, never as part of it. */
const TITLE_WORDS = new Set([
  'president', 'vice', 'prime', 'minister', 'sen', 'senator', 'rep', 'representative', 'congressman',
  'congresswoman', 'gov', 'governor', 'mayor', 'secretary', 'ambassador', 'gen', 'general', 'col', 'colonel',
  'lt', 'sgt', 'adm', 'admiral', 'capt', 'captain', 'maj', 'major', 'dr', 'mr', 'mrs', 'ms', 'miss', 'mx',
  'prof', 'professor', 'judge', 'justice', 'chief', 'former', 'ceo', 'director', 'chairman', 'chairwoman',
  'chair', 'spokesman', 'spokeswoman', 'spokesperson', 'adviser', 'advisor', 'king', 'queen', 'prince',
  'princess', 'pope', 'rev', 'reverend', 'sir', 'dame', 'lord', 'lady', 'attorney', 'commissioner', 'deputy',
  'speaker', 'leader', 'chancellor', 'premier', 'sheriff', 'officer', 'detective', 'coach', 'founder',
  'executive', 'economist', 'analyst', 'official', 'st', 'saint', 'father', 'sister', 'brother', 'rabbi',
  'imam', 'bishop', 'cardinal', 'archbishop', 'assemblyman', 'assemblywoman', 'councilman', 'councilwoman',
  'councilmember', 'treasurer', 'auditor', 'comptroller', 'superintendent', 'principal', 'dean', 'provost',
  'inspector', 'agent', 'sergeant', 'lieutenant', 'corporal', 'private', 'marshal', 'emir', 'sheikh', 'crown',
  'researcher', 'lawyer', 'farmer', 'teacher', 'owner', 'manager', 'organizer', 'organiser', 'worker', 'member',
  'producer', 'editor', 'author', 'doctor', 'investor', 'resident', 'consultant', 'engineer', 'historian',
  'physician', 'nurse', 'fisherman', 'fisherwoman', 'student', 'volunteer', 'activist', 'candidate', 'trustee',
]);

/**
 * Professions by their ending ("Hydrologist Luis Ferreira", "Statistician",
 * "Economist"). A bare "-ist" is not enough: surnames end so (Lindqvist).
 */
const PROFESSION_SUFFIX = /(?:ologist|onomist|ographer|ician|scientist|analyst|journalist|columnist|strategist|specialist)$/;

const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq']);
const ORG_STOP = new Set(['the', 'of', 'and', 'for', 'on', 'in', 'at', 'a', 'an', '&']);

/**
 * A pure function of a string, remembered: a store links the same few
 * thousand names over and over. Bounded, emptied when full, so memory stays flat.
 */
function memoised<T>(fn: (s: string) => T, limit = 20_000): (s: string) => T {
  const known = new Map<string, T>();
  return (s) => {
    const hit = known.get(s);
    if (hit !== undefined || known.has(s)) return hit as T;
    if (known.size >= limit) known.clear();
    const value = fn(s);
    known.set(s, value);
    return value;
  };
}

/** Lower case without diacritics or punctuation, for comparing names. */
export const foldName: (s: string) => string = memoised((s) =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/[^\p{L}\p{N}&\s-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim(),
);

/** A person's name as linking sees it. */
export interface PersonName {
  readonly kind: 'person-name';
  /** The name as shown: titles dropped, original spelling kept. */
  readonly display: string;
  /** Folded first name, or null for a surname alone. */
  readonly first: string | null;
  /** Folded surname. */
  readonly surname: string;
}

/** Parses a person's name, dropping leading titles ("Regional Water Director") and trailing suffixes ("Jr."). Null if nothing is left. */
export const parsePersonName: (name: string) => PersonName | null = memoised(parsePersonNameOnce);

function parsePersonNameOnce(name: string): PersonName | null {
  if (!/\p{Lu}/u.test(name)) return null;
  let tokens = name.replace(/[’']s$/, '').split(/\s+/).filter((t) => t !== '');
  const isTitle = (t: string): boolean => {
    const f = foldName(t).replace(/-/g, '');
    return TITLE_WORDS.has(f) || PROFESSION_SUFFIX.test(f);
  };
  if (tokens.every((t) => isTitle(t) || /^the$/i.test(t))) return null;
  // Everything up to the last title word is preamble ("former Regional Water Director");
  // a title word that ends the name is a surname ("Martin Luther King").
  let cut = -1;
  tokens.forEach((t, i) => {
    if (i < tokens.length - 1 && isTitle(t)) cut = i;
  });
  if (cut >= 0) tokens = tokens.slice(cut + 1);
  while (tokens.length > 1 && SUFFIXES.has(foldName(tokens[tokens.length - 1]!).replace(/-/g, ''))) tokens = tokens.slice(0, -1);
  tokens = tokens.map((t) => t.replace(/,$/, ''));
  const folded = tokens.map(foldName).filter((t) => t !== '');
  if (folded.length === 0) return null;
  const surname = folded[folded.length - 1]!;
  const first = folded.length > 1 ? folded[0]! : null;
  return Object.freeze({ kind: 'person-name', display: tokens.join(' '), first, surname });
}

/** Whether two first names can be the same person's: equal, or one is the other's initial ("J." and "John"). */
export function firstNamesCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  const ia = a.length === 1 ? a : null;
  const ib = b.length === 1 ? b : null;
  return (ia !== null && b.startsWith(ia)) || (ib !== null && a.startsWith(ib));
}

/** An organisation's or outlet's name as linking sees it. */
export interface OrgName {
  readonly kind: 'org-name';
  readonly display: string;
  /** Folded name without a leading "the". */
  readonly key: string;
  /** Initials of the significant words ("nvt" for "The North Valley Tribune"), or the name itself when it is an acronym. */
  readonly acronym: string | null;
  /** True when the name as written is an acronym ("KRN", "NVT"). */
  readonly isAcronym: boolean;
  /** The last word of a several-word name ("tribune"), which a later mention may use alone. */
  readonly lastWord: string | null;
}

/** Parses an organisation's or outlet's name. Null if nothing is left. */
export function parseOrgName(name: string): OrgName | null {
  // "The North Valley Tribune" keeps its article; "the Tribune" in running text does not.
  const display = name.trim().replace(/^the\s+/, '').replace(/[’']s$/, '');
  const key = foldName(display.replace(/^the\s+/i, ''));
  if (key === '') return null;
  const words = key.split(' ');
  const isAcronym = words.length === 1 && /^[\p{Lu}\d&]{2,6}$/u.test(display.replace(/\./g, ''));
  const significant = words.filter((w) => !ORG_STOP.has(w));
  const acronym = isAcronym ? key.replace(/\./g, '') : significant.length >= 2 ? significant.map((w) => w[0]!).join('') : null;
  const lastWord = words.length >= 2 ? words[words.length - 1]! : null;
  return Object.freeze({ kind: 'org-name', display, key, acronym, isAcronym, lastWord });
}

const ROLE_STOP = new Set(['the', 'of', 'and', 'for', 'a', 'an', 'to', 'in', 'on', 'at', 'from', 'former', 'with']);

/**
 * Whether two sets of roles contradict each other: both known and sharing no
 * significant word ("senator" against "chief executive"). Roles that are
 * missing on either side never conflict.
 */
export function rolesConflict(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const words = (roles: readonly string[]): Set<string> =>
    new Set(roles.flatMap((r) => foldName(r).split(/[\s-]+/)).filter((w) => w.length > 2 && !ROLE_STOP.has(w)));
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0 || wb.size === 0) return false;
  for (const w of wa) if (wb.has(w)) return false;
  return true;
}
