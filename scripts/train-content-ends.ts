/**
 * Trains the content-end model (src/extract/trim-content.ts) on PolNeAR train with out-of-fold
 * attributions, and checks it on held-out train.
 *
 * Like the cue ranker (scripts/train-cue-ranker.ts), the model must learn from attributions like
 * those it will judge: each pair `MODELS:GOLD` gives half-train taggers and the gold articles of the
 * other half. Attributions are extracted with those taggers, the full cue ranker (`--ranker`) and
 * the calibrated bias of the halves (`--bias`) — with `--ranker R1,R2`, a ranker per pair, so that for
 * held-out figures no stage has seen the held-out articles; each is matched one to one to a gold attribution by
 * content overlap (greedily, as the scorer does), and among the candidate ends of its last content
 * range those that score best as the scorer counts (word-token overlap over the prediction's size
 * plus over the gold's) are the right ones, equally.
 *
 * `--held-out` trains on one pair's attributions and scores extraction end to end on the other pair
 * without the step and with it at each of `--margins`, both orders. `--out` trains on all pairs and
 * writes the model with `--margin`.
 *
 *   node --import tsx scripts/train-content-ends.ts --pairs /tmp/m-even:/tmp/odd,/tmp/m-odd:/tmp/even --bias 700 \
 *     --ranker /tmp/ranker-even.json,/tmp/ranker-odd.json --held-out --margins 0.5,1
 *   node --import tsx scripts/train-content-ends.ts --pairs /tmp/m-even:/tmp/odd,/tmp/m-odd:/tmp/even --bias 700 \
 *     --ranker /tmp/ranker-even.json,/tmp/ranker-odd.json --out models/content-ends.json
 * (the rankers: scripts/train-cue-ranker.ts --pairs /tmp/m-odd:/tmp/even --out /tmp/ranker-even.json,
 * and /tmp/m-even:/tmp/odd → /tmp/ranker-odd.json, so that no stage has seen the held-out half).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createScorer, readGoldCorpus } from '../src/eval/index.js';
import { type Document, prepareDocument } from '../src/extract/document.js';
import { type Models, type TokenAttribution, findAttributions } from '../src/extract/find-attributions.js';
import { extractionOf } from '../src/extract/index.js';
import { deserializeRanker } from '../src/extract/rank-cues.js';
import { deserializeModel } from '../src/extract/tagger/model-io.js';
import { tidyRoles } from '../src/extract/tidy-roles.js';
import { boundaryAt, type ContentEndModel, type CutGroup, CUT_FEATURES, cutFeatures, cutRange, deserializeContentEnds, serializeContentEnds, trainCuts } from '../src/extract/trim-content.js';
import { toBratEvents, type BratEvent } from '../src/formats/index.js';

type Group = CutGroup & { readonly worth: readonly number[]; readonly cur: number };

const { values } = parseArgs({
  options: {
    pairs: { type: 'string' },
    bias: { type: 'string', default: '700' },
    // The cue ranker for every pair, or one per pair (comma-separated, in the order of --pairs).
    ranker: { type: 'string', default: 'models/cue-ranker.json' },
    before: { type: 'string', default: '40' },
    after: { type: 'string', default: '6' },
    bits: { type: 'string', default: '16' },
    epochs: { type: 'string', default: '6' },
    rate: { type: 'string', default: '0.02' },
    l2: { type: 'string', default: '0.00001' },
    'held-out': { type: 'boolean', default: false },
    margins: { type: 'string', default: '0,0.5,1,1.5,2,3' },
    margin: { type: 'string', default: '0.5' },
    'start-margin': { type: 'string', default: '0.5' },
    out: { type: 'string' },
    prune: { type: 'string', default: '0.01' },
  },
});
if (!values.pairs) throw new Error('--pairs MODELS:GOLD[,MODELS:GOLD…] is required');
const bits = Number(values.bits);
const before = Number(values.before);
const after = Number(values.after);
const rankerFiles = values.ranker.split(',');

interface Article {
  readonly name: string;
  readonly text: string;
  readonly gold: readonly BratEvent[];
  readonly doc: Document;
  readonly atts: TokenAttribution[];
  readonly groups: { end: Group[]; start: Group[] };
}

/** Token indices a set of character ranges covers. */
function tokenSet(doc: Document, ranges: readonly { start: number; end: number }[]): Set<number> {
  const out = new Set<number>();
  const { start, end, count } = doc.tokens;
  for (const r of ranges) for (let i = 0; i < count; i++) if (start[i]! < r.end && end[i]! > r.start) out.add(i);
  return out;
}

const sideStats = (): { kept: number; atCurrent: number; shorter: number; longer: number; gain: number } => ({ kept: 0, atCurrent: 0, shorter: 0, longer: 0, gain: 0 });
let stats = { atts: 0, matched: 0, end: sideStats(), start: sideStats() };

function groupsOf(doc: Document, atts: readonly TokenAttribution[], gold: readonly BratEvent[]): { end: Group[]; start: Group[] } {
  const tidied = atts.map((a) => tidyRoles(doc, a));
  const goldSets = gold.map((g) => tokenSet(doc, g.content));
  const isWord = doc.tokens.word.map((w) => /[\p{L}\p{N}]/u.test(w));
  const goldWords = goldSets.map((s) => new Set([...s].filter((t) => isWord[t])));
  const pairs: { p: number; g: number; ov: number }[] = [];
  tidied.forEach((a, p) => {
    const con = new Set<number>();
    for (const r of a.content) for (let t = r.start; t < r.end; t++) con.add(t);
    goldSets.forEach((gs, g) => {
      let ov = 0;
      for (const t of con) if (gs.has(t)) ov++;
      if (ov > 0) pairs.push({ p, g, ov });
    });
  });
  pairs.sort((x, y) => y.ov - x.ov || x.p - y.p || x.g - y.g);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const out = { end: [] as Group[], start: [] as Group[] };
  stats.atts += tidied.length;
  for (const { p, g } of pairs) {
    if (usedP.has(p) || usedG.has(g)) continue;
    usedP.add(p);
    usedG.add(g);
    stats.matched++;
    const a = tidied[p]!;
    // Content the role tagger did not find (the quote after a colon) is never trimmed.
    if (!a.margins) continue;
    for (const side of ['end', 'start'] as const) {
      const range = side === 'end' ? a.content[a.content.length - 1]! : a.content[0]!;
      const was = side === 'end' ? range.end : range.start;
      const { lo, hi } = cutRange(doc, a, side, before, after);
      if (lo > hi) continue;
      // Each cut's worth as the scorer sees it: word-token overlap over the prediction's and the gold's size.
      const gs = goldWords[g]!;
      const worth: number[] = [];
      for (let c = lo; c <= hi; c++) {
        const content = a.content.map((r) => r);
        if (side === 'end') content[content.length - 1] = { start: range.start, end: c };
        else content[0] = { start: c, end: range.end };
        let ov = 0;
        let n = 0;
        for (const r of content) {
          for (let t = r.start; t < r.end; t++) {
            if (!isWord[t]) continue;
            n++;
            if (gs.has(t)) ov++;
          }
        }
        worth.push(n === 0 || gs.size === 0 ? 0 : ov / n + ov / gs.size);
      }
      const best = Math.max(...worth);
      if (best <= 0) continue;
      // Only the cuts the step scores (next to a boundary word or mark), and the current one.
      const cuts: number[] = [];
      for (let c = lo; c <= hi; c++) if (c === was || boundaryAt(doc, c)) cuts.push(c);
      const w2 = cuts.map((c) => worth[c - lo]!);
      const best2 = Math.max(...w2);
      const gold = w2.flatMap((w, i) => (w >= best2 - 1e-9 ? [i] : []));
      const st = stats[side];
      st.kept++;
      const cur = cuts.indexOf(was);
      if (gold.includes(cur)) st.atCurrent++;
      else if ((side === 'end') === gold[0]! < cur) st.shorter++;
      else st.longer++;
      st.gain += best2 - w2[cur]!;
      const feats = cuts.map((c) => cutFeatures(doc, a, side, c, new Uint32Array(CUT_FEATURES)).slice());
      out[side].push({ feats, gold, worth: w2, cur });
    }
  }
  return out;
}

async function load(pair: string, rankerFile: string): Promise<Article[]> {
  const ranker = deserializeRanker(readFileSync(rankerFile, 'utf8'));
  const [dir, goldDir] = pair.split(':') as [string, string];
  const models: Models = {
    cue: deserializeModel(readFileSync(join(dir, 'cue.bin'))),
    role: deserializeModel(readFileSync(join(dir, 'role.bin'))),
    cueBias: Number(values.bias),
    ranker,
    // Any content-end model makes the role tagger keep its margins (a feature of the cuts); extraction
    // here stops before the step, which `evaluate` runs with the model under test.
    contentEnds: { bits: 1, weights: new Float32Array(2), before, after, margin: 0, startMargin: null },
  };
  stats = { atts: 0, matched: 0, end: sideStats(), start: sideStats() };
  const articles: Article[] = [];
  for await (const a of readGoldCorpus(goldDir)) {
    const doc = prepareDocument(a.text);
    const atts = findAttributions(doc, models);
    articles.push({ ...a, doc, atts, groups: groupsOf(doc, atts, a.gold) });
  }
  console.error(`${pair}: ${articles.length} articles, ${JSON.stringify(stats)}`);
  return articles;
}

const options = { bits, epochs: Number(values.epochs), rate: Number(values.rate), l2: Number(values.l2) };

function train(articles: readonly Article[], margin: number, startMargin: number | null): ContentEndModel {
  const weights = trainCuts(articles.flatMap((a) => [...a.groups.end, ...a.groups.start]), options);
  return { bits, weights, before, after, margin, startMargin };
}

function evaluate(articles: readonly Article[], model: ContentEndModel | null, label: string): void {
  const scorer = createScorer();
  for (const a of articles) scorer.add({ name: a.name, text: a.text, gold: a.gold, pred: toBratEvents(extractionOf(a.doc, a.atts, {}, model)) });
  const s = scorer.result();
  const f = (p: { p: number; r: number; f1: number }): string => `${p.f1.toFixed(4)} (P ${p.p.toFixed(3)} R ${p.r.toFixed(3)})`;
  console.log(`  ${label}: content soft ${f(s.content_soft)}, exact ${s.content_exact.f1.toFixed(4)}, attribution ${s.attribution.f1.toFixed(4)}, cue ${s.cue.f1.toFixed(4)}`);
}

const pairNames = values.pairs.split(',');
const pairs: Article[][] = [];
for (const [k, p] of pairNames.entries()) pairs.push(await load(p, rankerFiles[Math.min(k, rankerFiles.length - 1)]!));
if (values['held-out']) {
  const margins = values.margins.split(',').map(Number);
  for (let k = 0; k < pairs.length; k++) {
    console.log(`held out: ${pairNames[k]} (content-end model trained on the other pairs' attributions)`);
    evaluate(pairs[k]!, null, 'without the step');
    // Through the written form, so that pruning and quantisation are part of what is checked.
    const m = deserializeContentEnds(serializeContentEnds(train(pairs.filter((_, j) => j !== k).flat(), 0, null), Number(values.prune)));
    for (const side of ['end', 'start'] as const) {
      for (const margin of margins) {
        let changed = 0;
        let better = 0;
        let worse = 0;
        let gain = 0;
        let oracle = 0;
        for (const g of pairs[k]!.flatMap((a) => a.groups[side])) {
          const sc = g.feats.map((fs) => fs.reduce((t, id) => t + m.weights[id & ((1 << bits) - 1)]!, 0));
          let best = g.cur;
          for (let i = 0; i < sc.length; i++) if (i !== g.cur && sc[i]! > sc[best === g.cur ? g.cur : best]! + (best === g.cur ? margin : 0)) best = i;
          oracle += Math.max(...g.worth) - g.worth[g.cur]!;
          if (best === g.cur) continue;
          changed++;
          const d = g.worth[best]! - g.worth[g.cur]!;
          gain += d;
          if (d > 1e-9) better++;
          else if (d < -1e-9) worse++;
        }
        console.log(`  ${side} cuts at margin ${margin}: ${changed} moved, ${better} better, ${worse} worse, gain ${gain.toFixed(1)} of ${oracle.toFixed(1)}`);
      }
    }
    for (const margin of margins) evaluate(pairs[k]!, { ...m, margin }, `end, margin ${margin}`);
    for (const margin of margins) evaluate(pairs[k]!, { ...m, margin: 1e9, startMargin: margin }, `start, margin ${margin}`);
    for (const margin of margins) evaluate(pairs[k]!, { ...m, margin, startMargin: margin }, `both, margin ${margin}`);
  }
}
if (values.out) {
  const model = train(pairs.flat(), Number(values.margin), values['start-margin'] === 'off' ? null : Number(values['start-margin']));
  writeFileSync(values.out, serializeContentEnds(model, Number(values.prune)));
  console.error(`wrote ${values.out}`);
}
