import type { Attribution } from './attribution.js';
import type { Entity } from './entity.js';

/** Everything `extract` finds in one article: the shape shared by library, CLI, API and store. */
export interface Extraction {
  readonly file: string | null;
  /** Publication date `YYYY-MM-DD`, from a header or the caller. */
  readonly publishedAt: string | null;
  /** Where the article body begins (after a ` date YYYY-MM-DD ` header), as an offset into the text. */
  readonly bodyStart: number;
  readonly attributions: readonly Attribution[];
  readonly entities: readonly Entity[];
}

/** Makes a frozen extraction. */
export function createExtraction(fields: Extraction): Extraction {
  return Object.freeze({
    ...fields,
    attributions: Object.freeze([...fields.attributions]),
    entities: Object.freeze([...fields.entities]),
  });
}
