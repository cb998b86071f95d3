import { ATTRIBUTION_KINDS, ENTITY_TYPES, createExtraction } from '../model/index.js';
import type { Extraction } from '../model/index.js';

/**
 * The extraction in its documented JSON key order (file, publishedAt,
 * attributions, entities), extra fields after them.
 */
function ordered(extraction: Extraction): object {
  const { file, publishedAt, attributions, entities, ...rest } = extraction;
  return { file, publishedAt, attributions, entities, ...rest };
}

/** One extraction as an indented JSON document (no trailing newline). */
export function toJson(extraction: Extraction): string {
  return JSON.stringify(ordered(extraction), null, 2);
}

/** One extraction as a single JSON line (no trailing newline), for JSON Lines output. */
export function toJsonLine(extraction: Extraction): string {
  return JSON.stringify(ordered(extraction));
}

/**
 * The text of the `index`-th element of a JSON array of extractions, framing
 * included, so an array can be written one document at a time; finish it with
 * {@link jsonArrayEnd}.
 */
export function jsonArrayItem(extraction: Extraction, index: number): string {
  return `${index === 0 ? '[\n' : ',\n'}${toJson(extraction).replace(/^/gm, '  ')}`;
}

/** What closes an array of `count` extractions written with {@link jsonArrayItem}. */
export function jsonArrayEnd(count: number): string {
  return count === 0 ? '[]' : '\n]';
}

/** Several extractions as one JSON array (no trailing newline). */
export function toJsonArray(extractions: Iterable<Extraction>): string {
  let out = '';
  let count = 0;
  for (const extraction of extractions) out += jsonArrayItem(extraction, count++);
  return out + jsonArrayEnd(count);
}

/**
 * Reads extractions from JSON: one document or an array of them. Throws a
 * TypeError naming the first field that is not of the documented shape.
 */
export function parseJson(json: string): Extraction[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.map((v, i) => checkExtraction(v, `[${i}]`)) : [checkExtraction(value, '')];
}

/** Reads extractions from JSON Lines, one document per non-blank line; errors name the line. */
export function parseJsonLines(jsonl: string): Extraction[] {
  const out: Extraction[] = [];
  jsonl.split('\n').forEach((line, i) => {
    if (line.trim() !== '') out.push(checkExtraction(JSON.parse(line), `line ${i + 1}`));
  });
  return out;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(where: string, expected: string): never {
  throw new TypeError(`${where || 'document'}: expected ${expected}`);
}

function oneOf(values: readonly string[], value: unknown): boolean {
  return typeof value === 'string' && values.includes(value);
}

function checkSpan(value: unknown, where: string): void {
  if (!isObject(value)) fail(where, 'a span object');
  for (const key of ['start', 'end'] as const) {
    if (!Number.isInteger(value[key])) fail(`${where}.${key}`, 'an integer offset');
  }
  if (typeof value['text'] !== 'string') fail(`${where}.text`, 'a string');
  if (value['parts'] !== undefined) {
    if (!Array.isArray(value['parts'])) fail(`${where}.parts`, 'an array');
    value['parts'].forEach((p, i) => checkSpan(p, `${where}.parts[${i}]`));
  }
}

function checkArray(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) fail(where, 'an array');
  return value;
}

function checkExtraction(value: unknown, where: string): Extraction {
  if (!isObject(value)) fail(where, 'an extraction object');
  const at = (key: string) => (where ? `${where}.${key}` : key);
  for (const key of ['file', 'publishedAt'] as const) {
    if (value[key] !== null && typeof value[key] !== 'string') fail(at(key), 'a string or null');
  }
  checkArray(value['attributions'], at('attributions')).forEach((a, i) => {
    const here = at(`attributions[${i}]`);
    if (!isObject(a)) fail(here, 'an attribution object');
    if (typeof a['id'] !== 'string') fail(`${here}.id`, 'a string');
    if (!oneOf(ATTRIBUTION_KINDS, a['kind'])) fail(`${here}.kind`, `one of ${ATTRIBUTION_KINDS.join(', ')}`);
    checkSpan(a['cue'], `${here}.cue`);
    checkSpan(a['content'], `${here}.content`);
    if (a['source'] !== null) checkSpan(a['source'], `${here}.source`);
  });
  checkArray(value['entities'], at('entities')).forEach((e, i) => {
    const here = at(`entities[${i}]`);
    if (!isObject(e)) fail(here, 'an entity object');
    if (typeof e['name'] !== 'string') fail(`${here}.name`, 'a string');
    if (!oneOf(ENTITY_TYPES, e['type'])) fail(`${here}.type`, `one of ${ENTITY_TYPES.join(', ')}`);
    checkArray(e['mentions'], `${here}.mentions`).forEach((m, j) => checkSpan(m, `${here}.mentions[${j}]`));
  });
  // The JSON shape has no bodyStart; documents written without it start at 0.
  const bodyStart = Number.isInteger(value['bodyStart']) ? value['bodyStart'] : 0;
  return createExtraction({ ...(value as unknown as Extraction), bodyStart: bodyStart as number });
}
