import { describe, expect, it } from 'vitest';
import { toBratEvents } from '../formats/index.js';
import type { BratEvent } from '../formats/index.js';
import { extractionOf } from '../test-support/extraction.js';
import type { AttributionSpec } from '../test-support/extraction.js';
import { classifyKind, scoreDocuments, worstArticles } from './index.js';

const events = (text: string, specs: readonly Omit<AttributionSpec, 'kind'>[]): BratEvent[] =>
  toBratEvents(extractionOf(text, specs.map((s) => ({ ...s, kind: 'indirect' as const }))));

const TEXT = 'Ann said the mill will close. Bo said the mill will close. Cy thinks prices will rise sharply this year.';

describe('scoreDocuments', () => {
  it('counts content overlap in words, so punctuation and spacing never decide', () => {
    const gold = events(TEXT, [{ content: 'prices will rise sharply this year', cue: 'thinks', source: 'Cy' }]);
    const pred = events(TEXT, [{ content: 'prices will rise sharply this year.', cue: 'thinks', source: 'Cy' }]);
    const scores = scoreDocuments([{ name: 'a', text: TEXT, gold, pred }]);
    expect(scores.content_exact).toEqual({ p: 1, r: 1, f1: 1 });
    const half = events(TEXT, [{ content: 'rise sharply this year', cue: 'Cy', source: null }]);
    const partly = scoreDocuments([{ name: 'a', text: TEXT, gold, pred: half }]);
    expect(partly.content_soft).toEqual({ p: 1, r: 0.6667, f1: 0.8 });
    expect(partly.content_exact).toEqual({ p: 0, r: 0, f1: 0 });
    // Over half the gold words, but the source is missing: not a correct attribution; the cue does not overlap.
    expect(partly.attribution.r).toBe(0);
    expect(partly.cue.r).toBe(0);
  });

  it('counts words as Python does: accents and other scripts inside words, combining marks and quotes outside', () => {
    const text = 'Her note said: the cafe\u0301 “naïve” ½ 𝐍𝐄𝐖 snake_case.';
    const gold = events(text, [{ content: 'the cafe\u0301 “naïve” ½ 𝐍𝐄𝐖 snake_case', cue: 'said', source: 'Her note' }]);
    // Starting on the combining mark: Python's \w does not match it, so the prediction has no extra word.
    const pred = events(text, [{ content: '\u0301 “naïve” ½ 𝐍𝐄𝐖 snake_case', cue: 'said', source: 'Her note' }]);
    expect(scoreDocuments([{ name: 'a', text, gold, pred }]).content_soft).toEqual({ p: 1, r: 0.6667, f1: 0.8 });
  });

  it('pairs one-to-one, ties going to the later gold attribution as in the reference scorer', () => {
    // Two gold attributions of the same words, by different sources; one prediction.
    const same = 'Ann and Bo said the mill will close.';
    const gold = events(same, [
      { content: 'the mill will close', cue: 'said', source: 'Ann' },
      { content: 'the mill will close', cue: 'said', source: 'Bo' },
    ]);
    const byAnn = events(same, [{ content: 'the mill will close', cue: 'said', source: 'Ann' }]);
    const byBo = events(same, [{ content: 'the mill will close', cue: 'said', source: 'Bo' }]);
    expect(scoreDocuments([{ name: 'a', text: same, gold, pred: byAnn }]).attribution).toEqual({ p: 0, r: 0, f1: 0 });
    expect(scoreDocuments([{ name: 'a', text: same, gold, pred: byBo }]).attribution).toEqual({ p: 1, r: 0.5, f1: 0.6667 });
  });

  it('counts an attribution without a source right when the gold has none either', () => {
    const gold = events(TEXT, [{ content: 'prices will rise', cue: 'thinks', source: null }]);
    const pred = events(TEXT, [{ content: 'prices will rise sharply', cue: 'thinks', source: null }]);
    expect(scoreDocuments([{ name: 'a', text: TEXT, gold, pred }]).attribution).toEqual({ p: 1, r: 1, f1: 1 });
  });

  it('rounds an exact tie to even, like Python (1/32 gives 0.0312, not 0.0313)', () => {
    const text = Array.from({ length: 32 }, (_, i) => `Word${i} said x${i}.`).join(' ');
    const gold = events(text, [{ content: 'x0', cue: 'said', source: 'Word0' }]);
    const pred = Array.from({ length: 32 }, (_, i) => events(text, [{ content: `x${i}`, cue: 'said', source: `Word${i}` }])[0]!);
    const scores = scoreDocuments([{ name: 'a', text, gold, pred }]);
    expect(scores.attribution.p).toBe(0.0312);
    expect(scores.predicted).toBe(32);
  });

  it('drops attributions whose content has no word, on both sides', () => {
    const text = 'He said: “…” Then she said yes.';
    const gold = events(text, [{ content: '“…”', cue: 'said', source: 'He' }]);
    expect(scoreDocuments([{ name: 'a', text, gold, pred: gold }])).toMatchObject({ gold: 0, predicted: 0 });
  });

  it('breaks results down by kind and lists the worst articles', () => {
    const text = '“We are ready,” Ann said. The vote was close, according to Bo. Cy said it was “a farce” and left. Di said rain was coming.';
    const gold = events(text, [
      { content: '“We are ready,”', cue: 'said', source: 'Ann' },
      { content: 'The vote was close', cue: 'according to', source: 'Bo' },
      { content: 'it was “a farce”', cue: 'said', source: 'Cy' },
      { content: 'rain was coming', cue: 'said', source: 'Di' },
    ]);
    const pred = [gold[0]!, gold[3]!, ...events(text, [{ content: 'left', cue: 'said', source: 'Cy' }])];
    const scores = scoreDocuments([
      { name: 'good', text, gold, pred: gold },
      { name: 'bad', text, gold, pred },
    ]);
    expect(scores.by_kind.direct).toEqual({ gold: 2, gold_found: 2, gold_correct: 2, recall: 1, predicted: 2, predicted_correct: 2, precision: 1 });
    expect(scores.by_kind['according-to']).toMatchObject({ gold: 2, gold_correct: 1, recall: 0.5 });
    expect(scores.by_kind.mixed).toMatchObject({ gold: 2, gold_correct: 1, recall: 0.5 });
    // The spurious "left" is indirect: it lowers that kind's precision.
    expect(scores.by_kind.indirect).toMatchObject({ gold: 2, gold_correct: 2, predicted: 3, predicted_correct: 2, precision: 0.6667 });
    expect(worstArticles(scores, 5)).toEqual([
      { name: 'bad', gold: 4, predicted: 3, matched: 2, correct: 2, attribution: { p: 0.6667, r: 0.5, f1: 0.5714 } },
    ]);
  });
});

describe('classifyKind', () => {
  const kind = (text: string, content: string | string[], cue: string) =>
    classifyKind(text, events(text, [{ content, cue, source: null }])[0]!);

  it('tells direct, mixed, according-to and indirect apart from the text', () => {
    expect(kind('“We are ready,” she said.', '“We are ready,”', 'said')).toBe('direct');
    expect(kind('She said, "We are ready."', 'We are ready.', 'said')).toBe('direct');
    expect(kind('“We are ready,” she said. “We always were.”', ['“We are ready,”', '“We always were.”'], 'said')).toBe('direct');
    expect(kind('She called it “a farce” and left.', 'it “a farce”', 'called')).toBe('mixed');
    expect(kind('“Ready,” she said, “and willing.”', '“Ready,” she said, “and willing.”', 'said')).toBe('mixed');
    expect(kind('Rain is coming, according to forecasters.', 'Rain is coming', 'according to')).toBe('according-to');
    expect(kind('She thinks rain is coming.', 'rain is coming', 'thinks')).toBe('indirect');
  });

  it('keeps a quote direct across paragraphs and around a quote nested in it', () => {
    const text = 'He said:\n\n“First part.\n\n“Second part.”';
    expect(kind(text, '“First part.\n\n“Second part.”', 'said')).toBe('direct');
    expect(kind('He said: "They told me “no” twice."', '"They told me “no” twice."', 'said')).toBe('direct');
  });
});
