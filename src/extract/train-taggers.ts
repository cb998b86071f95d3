import type { Range } from '../model/index.js';
import { prepareDocument, type Document } from './document.js';
import type { Models } from './find-attributions.js';
import { CUE_TAGS, cueFeatures, type TokenRange } from './tag-cues.js';
import { ROLE_TAGS, roleFeatures, roleWindow } from './tag-roles.js';
import { type LinearChain, bioAllowed } from './tagger/linear-chain.js';
import { seededShuffle } from './tagger/shuffle.js';
import { type Example, PerceptronTrainer, emptyModel } from './tagger/train.js';

/** An annotated article to learn from: its text and its attributions as character ranges (brat style). */
export interface TrainingArticle {
  readonly text: string;
  readonly gold: readonly { readonly content: readonly Range[]; readonly cue: readonly Range[]; readonly source: readonly Range[] }[];
}

/** How to train; the defaults are those of the bundled models. */
export interface TrainOptions {
  readonly epochs?: number;
  readonly roleEpochs?: number;
  readonly seed?: number;
  readonly cueBits?: number;
  readonly roleBits?: number;
  /** Called after each epoch with the tagger's name, the epoch and its token error rate. */
  readonly log?: (tagger: 'cue' | 'role', epoch: number, error: number) => void;
}

/** Tokens a gold span covers (any overlap). */
function tokensOf(doc: Document, ranges: readonly Range[]): number[] {
  const out = new Set<number>();
  const { start, end, count } = doc.tokens;
  for (const r of ranges) for (let i = 0; i < count; i++) if (start[i]! < r.end && end[i]! > r.start) out.add(i);
  return [...out].sort((x, y) => x - y);
}

function contiguous(idx: readonly number[]): TokenRange[] {
  const out: { start: number; end: number }[] = [];
  for (const i of idx) {
    const last = out[out.length - 1];
    if (last && last.end === i) last.end = i + 1;
    else out.push({ start: i, end: i + 1 });
  }
  return out;
}

/**
 * The training sequences: the whole article for the cue tagger (BIO over cue
 * tokens, never inside quotes), and one window per gold cue for the role
 * tagger (BIO over that attribution's source and content).
 */
export function buildExamples(articles: readonly TrainingArticle[]): { cue: Example[]; role: Example[] } {
  const cue: Example[] = [];
  const role: Example[] = [];
  for (const article of articles) {
    const doc = prepareDocument(article.text);
    const n = doc.tokens.count;
    const gold = new Int32Array(n);
    const cueMask = new Uint8Array(n);
    const cues: { range: TokenRange; src: number[]; con: number[] }[] = [];
    for (const a of article.gold) {
      const ct = contiguous(tokensOf(doc, a.cue));
      if (ct.length === 0 || a.content.length === 0) continue;
      for (const r of ct) {
        gold[r.start] = 1;
        for (let i = r.start + 1; i < r.end; i++) gold[i] = 2;
        cueMask.fill(1, r.start, r.end);
      }
      cues.push({ range: { start: ct[0]!.start, end: ct[ct.length - 1]!.end }, src: tokensOf(doc, a.source), con: tokensOf(doc, a.content) });
    }
    // The cue tagger never tags inside quotes (see cueFeatures): neither does its gold.
    for (let i = 0; i < n; i++) if (doc.quotes.region[i]! >= 0) gold[i] = 0;
    for (let i = 1; i < n; i++) if (gold[i] === 2 && gold[i - 1] === 0) gold[i] = 1;
    cue.push({ seq: cueFeatures(doc), gold });
    for (const k of cues) {
      const win = roleWindow(doc, k.range);
      const g = new Int32Array(win.end - win.start);
      const label = (idx: readonly number[], b: number): void => {
        let prev = -2;
        for (const i of idx) {
          if (i < win.start || i >= win.end || (i >= k.range.start && i < k.range.end)) continue;
          g[i - win.start] = i === prev + 1 && g[prev - win.start] !== 0 ? b + 1 : b;
          prev = i;
        }
      };
      label(k.con, 3);
      label(k.src, 1);
      // Keep BIO valid where a source interrupts content or vice versa.
      for (let j = 0; j < g.length; j++) {
        const t = g[j]!;
        if ((t === 2 || t === 4) && (j === 0 || (g[j - 1] !== t && g[j - 1] !== t - 1))) g[j] = t - 1;
      }
      role.push({ seq: roleFeatures(doc, k.range, cueMask, win), gold: g });
    }
  }
  return { cue, role };
}

/** Trains one tagger with the averaged perceptron, visiting the examples in a seeded random order each epoch. */
export function trainTagger(
  tags: readonly string[],
  bits: number,
  examples: readonly Example[],
  epochs: number,
  seed: number,
  onEpoch: (epoch: number, error: number) => void = () => {},
): LinearChain {
  const trainer = new PerceptronTrainer(emptyModel(tags, bits, bioAllowed(tags)));
  const shuffle = seededShuffle(seed);
  for (let e = 0; e < epochs; e++) {
    const order = [...examples];
    shuffle(order);
    let wrong = 0;
    let total = 0;
    for (const ex of order) {
      wrong += trainer.update(ex);
      total += ex.seq.length;
    }
    onEpoch(e + 1, total === 0 ? 0 : wrong / total);
  }
  return trainer.averaged();
}

/** Trains the cue and role taggers on annotated articles (PolNeAR's conventions). */
export function trainTaggers(articles: readonly TrainingArticle[], options: TrainOptions = {}): Pick<Models, 'cue' | 'role'> {
  const { epochs = 22, roleEpochs = epochs, seed = 13, cueBits = 18, roleBits = 19, log = () => {} } = options;
  const { cue, role } = buildExamples(articles);
  return {
    cue: trainTagger(CUE_TAGS, cueBits, cue, epochs, seed, (e, err) => log('cue', e, err)),
    role: trainTagger(ROLE_TAGS, roleBits, role, roleEpochs, seed, (e, err) => log('role', e, err)),
  };
}
