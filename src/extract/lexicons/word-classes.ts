import { readFileSync } from 'node:fs';
import { MODEL_DIR } from '../load-models.js';

/** A word's distributional classes: fine and coarse k-means clusters of its GloVe vector. */
export interface WordClass {
  readonly fine: number;
  readonly coarse: number;
}

/** Each word's classes packed as `fine * 1024 + coarse`: one number a word loads faster than an object a word. */
let table: Map<string, number> | null = null;

/** `models/word-classes.txt` (built by scripts/build-word-classes.ts), loaded on first use. */
function load(): Map<string, number> {
  if (table) return table;
  const text = readFileSync(new URL('word-classes.txt', MODEL_DIR), 'utf8');
  const m = new Map<string, number>();
  // Lines of `word<TAB>fine<TAB>coarse`, read by offsets: this runs at every start-up.
  for (let at = 0; at < text.length; ) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    if (end > at && text.charCodeAt(at) !== 35 /* # */) {
      const tab1 = text.indexOf('\t', at);
      const tab2 = text.indexOf('\t', tab1 + 1);
      if (tab1 > at && tab2 > tab1 && tab2 < end) {
        m.set(text.slice(at, tab1), Number(text.slice(tab1 + 1, tab2)) * 1024 + Number(text.slice(tab2 + 1, end)));
      }
    }
    at = end + 1;
  }
  table = m;
  return m;
}

/** The classes of a lower-cased word, or null for a word outside the commonest 60,000. */
export function wordClass(lower: string): WordClass | null {
  const packed = load().get(lower);
  return packed === undefined ? null : { fine: Math.floor(packed / 1024), coarse: packed % 1024 };
}
