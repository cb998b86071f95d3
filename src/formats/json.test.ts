import { describe, expect, it } from 'vitest';
import { extractionOf } from '../test-support/extraction.js';
import { jsonArrayEnd, jsonArrayItem, parseJson, parseJsonLines, toJson, toJsonArray, toJsonLine } from './index.js';

const TEXT = '“The road opens in May,” the minister said.';
const ONE = extractionOf(TEXT, [{ kind: 'direct', content: '“The road opens in May,”', cue: 'said', source: 'the minister' }], 'road.txt');
const TWO = extractionOf('Nothing was said.', [], 'quiet.txt');

describe('JSON', () => {
  it('writes the documented shape, keys in the documented order', () => {
    const doc = JSON.parse(toJson(ONE)) as Record<string, unknown>;
    expect(Object.keys(doc).slice(0, 4)).toEqual(['file', 'publishedAt', 'attributions', 'entities']);
    expect(doc['attributions']).toEqual([
      {
        id: 'a1',
        kind: 'direct',
        source: { start: 25, end: 37, text: 'the minister' },
        cue: { start: 38, end: 42, text: 'said' },
        content: { start: 0, end: 24, text: '“The road opens in May,”' },
        speaker: null,
      },
    ]);
  });

  it('reads back one document, an array, and JSON Lines', () => {
    expect(parseJson(toJson(ONE))).toEqual([ONE]);
    expect(parseJson(toJsonArray([ONE, TWO]))).toEqual([ONE, TWO]);
    expect(parseJsonLines(`${toJsonLine(ONE)}\n\n${toJsonLine(TWO)}\n`)).toEqual([ONE, TWO]);
    expect(toJsonLine(ONE)).not.toContain('\n');
  });

  it('builds the same array one item at a time as all at once, empty included', () => {
    expect(jsonArrayItem(ONE, 0) + jsonArrayItem(TWO, 1) + jsonArrayEnd(2)).toBe(toJsonArray([ONE, TWO]));
    expect(JSON.parse(toJsonArray([]))).toEqual([]);
    expect(JSON.parse(jsonArrayEnd(0))).toEqual([]);
  });

  it('names the field that is not of the documented shape', () => {
    const broken = JSON.parse(toJsonArray([ONE, ONE])) as { attributions: { content: { start: unknown } }[] }[];
    broken[1]!.attributions[0]!.content.start = '0';
    expect(() => parseJson(JSON.stringify(broken))).toThrow('[1].attributions[0].content.start: expected an integer offset');
    expect(() => parseJsonLines(`${toJsonLine(ONE)}\n{"file": 3}`)).toThrow('line 2.file: expected a string or null');
    expect(() => parseJson(toJson({ ...ONE, attributions: [{ ...ONE.attributions[0]!, kind: 'rumour' as never }] }))).toThrow(
      'attributions[0].kind: expected one of direct, mixed, indirect, according-to',
    );
  });
});
