/**
 * Trains the cue ranker (src/extract/rank-cues.ts) on PolNeAR train with out-of-fold candidates,
 * and checks it on held-out train.
 *
 * The ranker must learn from candidates like those it will judge: cues and roles found by taggers
 * that never saw the article. So train is split in two halves, taggers are trained on each
 * (`npm run train -- --train HALF --out DIR`), and each pair `MODELS:GOLD` below gives the taggers of
 * one half and the gold articles of the other. The candidates of all pairs, labelled by the gold,
 * train the ranker written to `--out` (with the full models' calibrated bias, margins are read
 * relative to the bias, so the ranker carries over from half to full taggers).
 *
 * `--held-out` instead trains on the candidates of one pair and scores extraction end to end on the
 * other pair (its taggers and its articles: no stage has seen them), at each of `--thresholds`,
 * for both orders — the loop for choosing features and the threshold. It also prints the single-bias
 * baseline (candidates up to each rung of the ladder) and, with `--oracle`, the score of keeping
 * exactly the good candidates, of all and of those the gate lets through (the ceilings of any
 * ranker without and with the gate: the second is what a better ranker alone can reach).
 *
 * The written ranker holds the bias ladder (`--rungs`, multiples of the calibrated bias), a gate over
 * the cue's own features that decides which doubtful cues get their roles tagged at all
 * (`--gate-threshold`: tagging roles is the costly part; -0.5 keeps the number of role taggings
 * near that of the single calibrated bias) and the keep threshold (`--threshold`), all chosen on
 * held-out train.
 *
 * Usage, with the halves of the cue-bias calibration (README: even and odd articles of train in
 * sorted name order, taggers trained on each; their calibrated bias is 700):
 *   node --import tsx scripts/train-cue-ranker.ts --pairs /tmp/m-even:/tmp/odd,/tmp/m-odd:/tmp/even --bias 700 --held-out
 *   node --import tsx scripts/train-cue-ranker.ts --pairs /tmp/m-even:/tmp/odd,/tmp/m-odd:/tmp/even --bias 700 --out models/cue-ranker.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createScorer, readGoldCorpus } from '../src/eval/index.js';
import { type Document, prepareDocument } from '../src/extract/document.js';
import { type Models, keepsCandidate, proposeAttributions, settleRanked, sureCueMask } from '../src/extract/find-attributions.js';
import { extractionOf } from '../src/extract/index.js';
import { type Candidate, type RankExample, candidateFeatures, linearScore, maskFeatures, serializeRanker, trainRanker } from '../src/extract/rank-cues.js';
import { deserializeModel } from '../src/extract/tagger/model-io.js';
import { toBratEvents, type BratEvent } from '../src/formats/index.js';

const { values } = parseArgs({
  options: {
    pairs: { type: 'string' },
    bias: { type: 'string', default: '700' },
    rungs: { type: 'string', default: '0,0.75,1.5,2.5' },
    bits: { type: 'string', default: '16' },
    epochs: { type: 'string', default: '5' },
    rate: { type: 'string', default: '0.02' },
    l2: { type: 'string', default: '0.0003' },
    label: { type: 'string', default: 'cue' },
    'held-out': { type: 'boolean', default: false },
    oracle: { type: 'boolean', default: false },
    thresholds: { type: 'string', default: '-1.5,-1,-0.75,-0.5,-0.25,0,0.25,0.5' },
    threshold: { type: 'string', default: '0' },
    // A doubtful cue's roles are tagged only if the gate's score reaches this (tagging roles is the costly part).
    'gate-threshold': { type: 'string', default: '-0.5' },
    out: { type: 'string' },
    // Weights smaller than this are left out of the written ranker (it stays small).
    prune: { type: 'string', default: '0' },
  },
});
if (!values.pairs) throw new Error('--pairs MODELS:GOLD[,MODELS:GOLD…] is required');
const bias = Number(values.bias);
const rungs = values.rungs.split(',').map(Number);
const bits = Number(values.bits);
const gateThreshold = Number(values['gate-threshold']);

interface Article {
  readonly name: string;
  readonly text: string;
  readonly gold: readonly BratEvent[];
  readonly doc: Document;
  /** Every candidate (no gate), whether it is good, whether its cue is sure (always tagged), its gate features. */
  readonly candidates: Candidate[];
  readonly labels: (0 | 1)[];
  readonly sure: boolean[];
  readonly gateFeats: Uint32Array[];
}

/** A ranker in training: gate and ranker weights. */
interface Trained {
  readonly gate: Float32Array;
  readonly weights: Float32Array;
}

/** Token indices a set of character ranges covers. */
function tokenSet(doc: Document, ranges: readonly { start: number; end: number }[]): Set<number> {
  const out = new Set<number>();
  const { start, end, count } = doc.tokens;
  for (const r of ranges) for (let i = 0; i < count; i++) if (start[i]! < r.end && end[i]! > r.start) out.add(i);
  return out;
}

/** Whether a candidate is a real attribution, by the gold (see `--label`). */
function labelOf(doc: Document, gold: readonly { cue: Set<number>; content: Set<number> }[], c: Candidate): 0 | 1 {
  const con = new Set<number>();
  for (const r of c.roles.content) for (let t = r.start; t < r.end; t++) con.add(t);
  for (const g of gold) {
    let cueHit = false;
    for (let t = c.cue.start; t < c.cue.end; t++) if (g.cue.has(t)) cueHit = true;
    let ov = 0;
    for (const t of con) if (g.content.has(t)) ov++;
    if (values.label === 'cue' && cueHit && ov > 0) return 1;
    if (values.label === 'cueonly' && cueHit) return 1;
    if (values.label === 'content' && cueHit && ov >= 0.5 * Math.min(con.size, g.content.size)) return 1;
  }
  void doc;
  return 0;
}

async function load(pair: string): Promise<{ models: Models; articles: Article[] }> {
  const [dir, goldDir] = pair.split(':') as [string, string];
  const models: Models = {
    cue: deserializeModel(readFileSync(join(dir, 'cue.bin'))),
    role: deserializeModel(readFileSync(join(dir, 'role.bin'))),
    cueBias: bias,
  };
  const articles: Article[] = [];
  for await (const a of readGoldCorpus(goldDir)) {
    const doc = prepareDocument(a.text);
    const candidates = proposeAttributions(doc, models, rungs);
    // Candidates whose content is the quote after a colon are kept by rule (keepsCandidate), not learned from.
    const gold = a.gold.map((g) => ({ cue: tokenSet(doc, g.cue), content: tokenSet(doc, g.content) }));
    articles.push({
      ...a,
      doc,
      candidates,
      labels: candidates.map((c) => labelOf(doc, gold, c)),
      sure: candidates.map((c) => sureCueMask(doc, [c.cue])[c.cue.start] === 1),
      gateFeats: candidates.map((c) => maskFeatures(c.cueFeatures, bits)),
    });
  }
  const n = articles.reduce((s, a) => s + a.candidates.length, 0);
  const pos = articles.reduce((s, a) => s + a.labels.filter((l) => l === 1).length, 0);
  const gold = articles.reduce((s, a) => s + a.gold.length, 0);
  console.error(`${pair}: ${articles.length} articles, ${gold} gold, ${n} candidates, ${pos} good`);
  return { models, articles };
}

/** The candidates of an article the gate lets through (sure ones always), with their ranker features among them. */
function gated(a: Article, gate: Float32Array | null): { candidates: Candidate[]; labels: (0 | 1)[]; feats: Uint32Array[] } {
  const keep = a.candidates.map((_, i) => i).filter((i) => gate === null || a.sure[i] || linearScore(gate, a.gateFeats[i]!) >= gateThreshold);
  const candidates = keep.map((i) => a.candidates[i]!);
  return {
    candidates,
    labels: keep.map((i) => a.labels[i]!),
    feats: candidateFeatures(a.doc, candidates, bits),
  };
}

const options = { bits, epochs: Number(values.epochs), rate: Number(values.rate), l2: Number(values.l2) };

/** Trains the gate on the doubtful candidates' cue features, then the ranker on what the gate lets through. */
function train(articles: readonly Article[]): Trained {
  const gate = trainRanker(
    articles.flatMap((a) => a.candidates.flatMap((c, i) => (a.sure[i] || c.afterColon ? [] : [{ feats: a.gateFeats[i]!, label: a.labels[i]! }]))),
    options,
  );
  const examples: RankExample[] = [];
  for (const a of articles) {
    const g = gated(a, gate);
    g.feats.forEach((feats, i) => {
      if (!g.candidates[i]!.afterColon) examples.push({ feats, label: g.labels[i]! });
    });
  }
  return { gate, weights: trainRanker(examples, options) };
}

/**
 * Scores end-to-end extraction keeping the candidates whose score reaches each threshold; without
 * a ranker, those up to a rung of the ladder (the single-bias baseline); 'oracle', the good ones.
 */
function evaluate(articles: readonly Article[], trained: Trained | null | 'oracle', thresholds: readonly number[], oracleGate: Float32Array | null = null): void {
  const sets = articles.map((a) => gated(a, trained instanceof Object ? trained.gate : oracleGate));
  const tagged = sets.reduce((n, g) => n + g.candidates.length, 0);
  const scored = sets.map((g) =>
    g.feats.map((feats, i) =>
      trained === 'oracle' ? g.labels[i]! - 0.5 : trained ? linearScore(trained.weights, feats) : -g.candidates[i]!.cue.level,
    ),
  );
  if (trained instanceof Object) console.log(`  the gate lets ${tagged} candidates through`);
  for (const th of thresholds) {
    const scorer = createScorer();
    articles.forEach((a, k) => {
      const kept = sets[k]!.candidates.map((_, i) => i).filter((i) => keepsCandidate(sets[k]!.candidates[i]!, scored[k]![i]!, th));
      const atts = settleRanked(
        a.doc,
        kept.map((i) => {
          const { cue, roles } = sets[k]!.candidates[i]!;
          return { cue, source: roles.source, content: roles.content };
        }),
        kept.map((i) => scored[k]![i]!),
      );
      scorer.add({ name: a.name, text: a.text, gold: a.gold, pred: toBratEvents(extractionOf(a.doc, atts)) });
    });
    const s = scorer.result();
    const f = (p: { p: number; r: number; f1: number }): string => `${p.f1.toFixed(4)} (P ${p.p.toFixed(3)} R ${p.r.toFixed(3)})`;
    console.log(`  threshold ${th}: content soft ${f(s.content_soft)}, exact ${s.content_exact.f1}, attribution ${s.attribution.f1}, cue ${s.cue.f1}`);
  }
}

const pairs = [];
for (const p of values.pairs.split(',')) pairs.push(await load(p));
if (values['held-out']) {
  const thresholds = values.thresholds.split(',').map(Number);
  for (let k = 0; k < pairs.length; k++) {
    const trainOn = pairs.filter((_, j) => j !== k).flatMap((p) => p.articles);
    console.log(`held out: ${values.pairs.split(',')[k]} (ranker trained on the other pairs' candidates)`);
    if (values.oracle) {
      console.log('  oracle (keep the good candidates):');
      evaluate(pairs[k]!.articles, 'oracle', [0]);
    }
    console.log('  by rung alone (threshold = -rung):');
    evaluate(pairs[k]!.articles, null, rungs.map((_, i) => -i));
    const trained = train(trainOn);
    if (values.oracle) {
      console.log('  oracle among the candidates the gate lets through (the ceiling of the ranker at this gate):');
      evaluate(pairs[k]!.articles, 'oracle', [0], trained.gate);
    }
    evaluate(pairs[k]!.articles, trained, thresholds);
  }
}
if (values.out) {
  const { gate, weights } = train(pairs.flatMap((p) => p.articles));
  const ranker = { rungs, bits, weights, threshold: Number(values.threshold), gateWeights: gate, gateThreshold };
  writeFileSync(values.out, serializeRanker(ranker, Number(values.prune)));
  console.error(`wrote ${values.out}`);
}
