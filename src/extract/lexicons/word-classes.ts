import { readFileSync } from 'node:fs';
import { MODEL_DIR } from '../load-models.js';

/** A word's distributional classes: fine and coarse k-means clusters of its GloVe vector. */
export interface WordClass {
  readonly fine: number;
  readonly coarse: number;
}

let table: Map<string, WordClass> | null = null;

/** `models/word-classes.txt` (built by scripts/build-word-classes.ts), loaded on first use. */
function load(): Map<string, WordClass> {
  if (table) return table;
  const text = readFileSync(new URL('word-classes.txt', MODEL_DIR), 'utf8');
  const m = new Map<string, WordClass>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [word = '', fine = '', coarse = ''] = line.split('\t');
    m.set(word, Object.freeze({ fine: Number(fine), coarse: Number(coarse) }));
  }
  table = m;
  return m;
}

/** The classes of a lower-cased word, or null for a word outside the commonest 60,000. */
export function wordClass(lower: string): WordClass | null {
  return load().get(lower) ?? null;
}
