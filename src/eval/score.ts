import { ATTRIBUTION_KINDS } from '../model/index.js';
import type { AttributionKind } from '../model/index.js';
import type { BratEvent } from '../formats/index.js';
import { classifyKind } from './classify-kind.js';
import { roundHalfEven } from './round-half-even.js';
import { overlap, wordTokens } from './word-tokens.js';

/** Precision, recall and F1, rounded to 4 places as the reference scorer prints them. */
export interface Prf {
  readonly p: number;
  readonly r: number;
  readonly f1: number;
}

/** One article to score: its text and the gold and predicted events, as UTF-16 ranges into the text. */
export interface ScoredDocument {
  readonly name: string;
  readonly text: string;
  readonly gold: readonly BratEvent[];
  readonly pred: readonly BratEvent[];
}

/**
 * How one attribution kind fares: recall over the gold attributions of that
 * kind, precision over the predicted ones. `found` counts those paired with
 * any attribution on the other side; `correct` those that pass the
 * attribution criterion. Kinds come from the text ({@link classifyKind}),
 * the same way on both sides.
 */
export interface KindScores {
  readonly gold: number;
  readonly gold_found: number;
  readonly gold_correct: number;
  readonly recall: number;
  readonly predicted: number;
  readonly predicted_correct: number;
  readonly precision: number;
}

/** One article's counts and its attribution P/R/F1. */
export interface ArticleScores {
  readonly name: string;
  readonly gold: number;
  readonly predicted: number;
  /** Gold attributions paired with a prediction by content overlap. */
  readonly matched: number;
  /** Pairs that pass the attribution criterion. */
  readonly correct: number;
  readonly attribution: Prf;
}

/**
 * The figures of `brat-eval.py` (its keys, its values to the last digit),
 * then a breakdown by kind and every article's own counts.
 */
export interface Scores {
  readonly articles: number;
  readonly gold: number;
  readonly predicted: number;
  readonly content_soft: Prf;
  readonly content_exact: Prf;
  readonly attribution: Prf;
  readonly cue: Prf;
  readonly by_kind: Readonly<Record<AttributionKind, KindScores>>;
  readonly per_article: readonly ArticleScores[];
}

/** Scores articles one at a time, so a corpus never has to be held in memory. */
export interface Scorer {
  add(document: ScoredDocument): void;
  result(): Scores;
}

interface Tokenized {
  readonly content: Set<number>;
  readonly cue: Set<number>;
  readonly source: Set<number>;
  readonly kind: AttributionKind;
}

function tokenize(text: string, events: readonly BratEvent[]): Tokenized[] {
  return events
    .map((e) => ({
      content: wordTokens(text, e.content),
      cue: wordTokens(text, e.cue),
      source: wordTokens(text, e.source),
      kind: classifyKind(text, e),
    }))
    .filter((e) => e.content.size > 0);
}

function prf(tpP: number, nP: number, tpR: number, nG: number): Prf {
  const p = nP ? tpP / nP : 0;
  const r = nG ? tpR / nG : 0;
  const f1 = p + r ? (2 * p * r) / (p + r) : 0;
  return Object.freeze({ p: roundHalfEven(p, 4), r: roundHalfEven(r, 4), f1: roundHalfEven(f1, 4) });
}

function ratio(n: number, of: number): number {
  return roundHalfEven(of ? n / of : 0, 4);
}

function sameSet(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  return a.size === b.size && overlap(a, b) === a.size;
}

/**
 * Makes a scorer that reproduces `brat-eval.py`: spans become sets of word
 * tokens; gold and predicted attributions are paired one-to-one, greedily by
 * content overlap (ties to the higher gold, then predicted, index, as
 * Python's reverse tuple sort does); sums run in the same order, so even
 * the floating-point rounding agrees.
 */
export function createScorer(): Scorer {
  const total = { gold: 0, predicted: 0, softP: 0, softR: 0, exact: 0, attribution: 0, cue: 0, articles: 0 };
  const kinds = new Map(ATTRIBUTION_KINDS.map((k) => [k, { gold: 0, goldFound: 0, goldCorrect: 0, predicted: 0, predictedCorrect: 0 }]));
  const articles: ArticleScores[] = [];

  const add = ({ name, text, gold: goldEvents, pred: predEvents }: ScoredDocument): void => {
    const gold = tokenize(text, goldEvents);
    const pred = tokenize(text, predEvents);
    total.articles += 1;
    total.gold += gold.length;
    total.predicted += pred.length;
    const pairs: [number, number, number][] = [];
    gold.forEach((g, i) => {
      pred.forEach((p, j) => {
        const ov = overlap(g.content, p.content);
        if (ov) pairs.push([ov, i, j]);
      });
    });
    pairs.sort((a, b) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2]);
    const goldState: ('unmatched' | 'found' | 'correct')[] = gold.map(() => 'unmatched');
    const predState: ('unmatched' | 'found' | 'correct')[] = pred.map(() => 'unmatched');
    let matched = 0;
    let correct = 0;
    for (const [ov, i, j] of pairs) {
      const g = gold[i];
      const p = pred[j];
      if (!g || !p || goldState[i] !== 'unmatched' || predState[j] !== 'unmatched') continue;
      matched += 1;
      total.softP += ov / p.content.size;
      total.softR += ov / g.content.size;
      if (sameSet(g.content, p.content)) total.exact += 1;
      const sourceOk = (g.source.size === 0 && p.source.size === 0) || overlap(g.source, p.source) > 0;
      const ok = ov >= 0.5 * g.content.size && sourceOk;
      if (ok) {
        total.attribution += 1;
        correct += 1;
      }
      if (overlap(g.cue, p.cue) > 0) total.cue += 1;
      goldState[i] = ok ? 'correct' : 'found';
      predState[j] = ok ? 'correct' : 'found';
    }
    gold.forEach((g, i) => {
      const k = kinds.get(g.kind)!;
      k.gold += 1;
      if (goldState[i] !== 'unmatched') k.goldFound += 1;
      if (goldState[i] === 'correct') k.goldCorrect += 1;
    });
    pred.forEach((p, j) => {
      const k = kinds.get(p.kind)!;
      k.predicted += 1;
      if (predState[j] === 'correct') k.predictedCorrect += 1;
    });
    articles.push(
      Object.freeze({
        name,
        gold: gold.length,
        predicted: pred.length,
        matched,
        correct,
        attribution: prf(correct, pred.length, correct, gold.length),
      }),
    );
  };

  const result = (): Scores => {
    const { gold, predicted } = total;
    const byKind = Object.fromEntries(
      [...kinds].map(([kind, k]) => [
        kind,
        Object.freeze({
          gold: k.gold,
          gold_found: k.goldFound,
          gold_correct: k.goldCorrect,
          recall: ratio(k.goldCorrect, k.gold),
          predicted: k.predicted,
          predicted_correct: k.predictedCorrect,
          precision: ratio(k.predictedCorrect, k.predicted),
        }),
      ]),
    ) as Record<AttributionKind, KindScores>;
    return Object.freeze({
      articles: total.articles,
      gold,
      predicted,
      content_soft: prf(total.softP, predicted, total.softR, gold),
      content_exact: prf(total.exact, predicted, total.exact, gold),
      attribution: prf(total.attribution, predicted, total.attribution, gold),
      cue: prf(total.cue, predicted, total.cue, gold),
      by_kind: Object.freeze(byKind),
      per_article: Object.freeze([...articles]),
    });
  };

  return Object.freeze({ add, result });
}

/** Scores a set of articles at once; see {@link createScorer}. */
export function scoreDocuments(documents: Iterable<ScoredDocument>): Scores {
  const scorer = createScorer();
  for (const document of documents) scorer.add(document);
  return scorer.result();
}

/**
 * The `count` articles with the lowest attribution F1 (the most errors
 * first among equals); articles without a single error are left out.
 */
export function worstArticles(scores: Scores, count: number): ArticleScores[] {
  const errors = (a: ArticleScores) => a.gold + a.predicted - 2 * a.correct;
  return scores.per_article
    .filter((a) => errors(a) > 0)
    .sort((a, b) => a.attribution.f1 - b.attribution.f1 || errors(b) - errors(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, count);
}
