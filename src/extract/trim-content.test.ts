import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareDocument } from './document.js';
import type { TokenAttribution } from './find-attributions.js';
import { extract, loadModels } from './index.js';
import { type ContentEndModel, cutRange, deserializeContentEnds, serializeContentEnds, trimContent } from './trim-content.js';

const SAMPLE = join(import.meta.dirname, '..', '..', 'data', 'sample');
const text = readFileSync(join(SAMPLE, readdirSync(SAMPLE).filter((n) => n.endsWith('.txt')).sort()[0]!), 'utf8');
const doc = prepareDocument(text);

/** A model of random weights: with margin 0 it moves boundaries freely. */
function randomModel(seed: number, margin: number, startMargin: number | null): ContentEndModel {
  let s = seed;
  const weights = new Float32Array(1 << 12).map(() => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32 - 0.5) * 4;
  });
  return { bits: 12, weights, before: 40, after: 6, margin, startMargin };
}

/** Attributions over the sample's tokens: a cue, a source before it, content after it in one or two ranges. */
function attributions(): TokenAttribution[] {
  const n = doc.tokens.count;
  const out: TokenAttribution[] = [];
  // The role tagger's margins, as it keeps them when a content-end model runs: none sure of anything.
  const margins = { start: 0, values: new Float32Array(n) };
  for (let c = 3; c + 30 < n; c += 17) {
    const source = { start: c - 3, end: c - 1 };
    const cue = { start: c, end: c + 1 };
    const content = c % 2 ? [{ start: c + 1, end: c + 12 }] : [{ start: c + 1, end: c + 5 }, { start: c + 7, end: c + 20 }];
    out.push({ cue, source, content, margins });
    // And content before the cue ("…, she said").
    out.push({ cue: { start: c + 25, end: c + 26 }, source: { start: c + 26, end: c + 28 }, content: [{ start: c + 2, end: c + 24 }], margins });
  }
  return out;
}

function disjoint(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.end <= b.start || b.end <= a.start;
}

describe('trimContent', () => {
  it('keeps content non-empty, inside the text, in order and apart from its cue and source', () => {
    let moved = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const model = randomModel(seed, 0, 0);
      for (const att of attributions()) {
        const out = trimContent(doc, att, model);
        if (out !== att) moved++;
        expect(out.content.length).toBe(att.content.length);
        let prev = 0;
        for (const r of out.content) {
          expect(r.start).toBeGreaterThanOrEqual(prev);
          expect(r.end).toBeGreaterThan(r.start);
          expect(r.end).toBeLessThanOrEqual(doc.tokens.count);
          expect(disjoint(r, out.cue)).toBe(true);
          if (out.source) expect(disjoint(r, out.source)).toBe(true);
          prev = r.end;
        }
        // Only the first range's start and the last range's end move.
        expect(out.content.slice(1).map((r) => r.start)).toEqual(att.content.slice(1).map((r) => r.start));
        expect(out.content.slice(0, -1).map((r) => r.end)).toEqual(att.content.slice(0, -1).map((r) => r.end));
        // Each range keeps a word.
        for (const r of out.content) expect(doc.tokens.word.slice(r.start, r.end).some((w) => /[\p{L}\p{N}]/u.test(w))).toBe(true);
        expect(out.cue).toBe(att.cue);
        expect(out.source).toBe(att.source);
      }
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('leaves whole a content the role tagger did not find (no margins: the quote after a colon)', () => {
    const model = randomModel(1, 0, 0);
    const moved = attributions().filter((a) => trimContent(doc, a, model) !== a);
    expect(moved.length).toBeGreaterThan(0);
    for (const a of moved) expect(trimContent(doc, { cue: a.cue, source: a.source, content: a.content }, model).content).toBe(a.content);
  });

  it('moves nothing when no cut beats the current boundary by the margin', () => {
    const zero: ContentEndModel = { bits: 8, weights: new Float32Array(256), before: 40, after: 6, margin: 0, startMargin: 0 };
    const far = randomModel(3, 1e9, null);
    for (const att of attributions()) {
      expect(trimContent(doc, att, zero)).toBe(att);
      expect(trimContent(doc, att, far)).toBe(att);
    }
  });

  it('offers cuts only inside the paragraph and short of the own cue and source', () => {
    for (const att of attributions()) {
      const end = cutRange(doc, att, 'end', 40, 6);
      const last = att.content[att.content.length - 1]!;
      expect(end.lo).toBeGreaterThan(last.start);
      expect(end.hi).toBeGreaterThanOrEqual(last.end);
      for (let t = last.end; t < end.hi; t++) {
        expect(t < att.cue.start || t >= att.cue.end).toBe(true);
        expect(doc.tokens.paragraph[t]).toBe(doc.tokens.paragraph[last.end - 1]);
      }
      const start = cutRange(doc, att, 'start', 40, 6);
      expect(start.hi).toBeLessThan(att.content[0]!.end);
      expect(start.lo).toBeLessThanOrEqual(att.content[0]!.start);
    }
  });

  it('round-trips through its written form', () => {
    const m = randomModel(5, 0.5, 0.25);
    const back = deserializeContentEnds(serializeContentEnds(m));
    expect(back.margin).toBe(0.5);
    expect(back.startMargin).toBe(0.25);
    expect(back.weights.length).toBe(m.weights.length);
    back.weights.forEach((w, i) => expect(Math.abs(w - m.weights[i]!)).toBeLessThan(1e-3));
  });

  it('is a no-op in extraction without the model', () => {
    const models = loadModels();
    const without = extract(text, { models: { ...models, contentEnds: null } });
    const withRandom = extract(text, { models: { ...models, contentEnds: randomModel(9, 1e9, null) } });
    expect(withRandom).toEqual(without);
  });
});
