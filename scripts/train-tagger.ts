/**
 * Trains the cue and role taggers on PolNeAR train and writes models/*.bin.
 * Usage: npm run train -- [--train DIR] [--dev DIR] [--epochs N]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { prepareDocument, type Document } from '../src/extract/document.js';
import { sureCueMask } from '../src/extract/find-attributions.js';
import { CUE_TAGS, cueFeatures, findCues, type TokenRange } from '../src/extract/tag-cues.js';
import { ROLE_TAGS, roleFeatures, roleWindow } from '../src/extract/tag-roles.js';
import { type LinearChain, bioAllowed } from '../src/extract/tagger/linear-chain.js';
import { deserializeModel, serializeModel } from '../src/extract/tagger/model-io.js';
import { type Example, PerceptronTrainer, emptyModel } from '../src/extract/tagger/train.js';
import { type GoldArticle, readGoldCorpus } from '../src/eval/index.js';
import type { Range } from '../src/model/index.js';

const { values } = parseArgs({
  options: {
    train: { type: 'string', default: '../shared/data/polnear/train' },
    epochs: { type: 'string', default: '22' },
    'role-epochs': { type: 'string' },
    seed: { type: 'string', default: '13' },
    out: { type: 'string', default: 'models' },
    limit: { type: 'string' },
    mask: { type: 'string', default: 'gold' },
    'cue-bits': { type: 'string', default: '18' },
    'role-bits': { type: 'string', default: '19' },
  },
});

/** Tokens a gold span covers (any overlap). */
function tokensOf(doc: Document, ranges: readonly Range[]): number[] {
  const out: number[] = [];
  const { start, end, count } = doc.tokens;
  for (const { start: a, end: b } of ranges) {
    for (let i = 0; i < count; i++) if (start[i]! < b && end[i]! > a) out.push(i);
  }
  return [...new Set(out)].sort((x, y) => x - y);
}

function ranges(idx: number[]): TokenRange[] {
  const out: TokenRange[] = [];
  for (const i of idx) {
    const last = out[out.length - 1];
    if (last && last.end === i) (last as { end: number }).end = i + 1;
    else out.push({ start: i, end: i + 1 });
  }
  return out;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function shuffle<T>(xs: T[], r: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

function build(corpus: readonly GoldArticle[], cueModel: LinearChain | null, maskMode: string): { cue: Example[]; role: Example[] } {
  const cue: Example[] = [];
  const role: Example[] = [];
  for (const c of corpus) {
    const doc = prepareDocument(c.text);
    const n = doc.tokens.count;
    const gold = new Int32Array(n);
    const cueMask = new Uint8Array(n);
    const cues: { range: TokenRange; src: number[]; con: number[] }[] = [];
    for (const a of c.gold) {
      const ct = tokensOf(doc, a.cue);
      if (ct.length === 0 || a.content.length === 0) continue;
      for (const r of ranges(ct)) {
        gold[r.start] = 1;
        for (let i = r.start + 1; i < r.end; i++) gold[i] = 2;
        cueMask.fill(1, r.start, r.end);
      }
      const rs = ranges(ct);
      cues.push({ range: { start: rs[0]!.start, end: rs[rs.length - 1]!.end }, src: tokensOf(doc, a.source), con: tokensOf(doc, a.content) });
    }
    // The cue tagger never tags inside quotes (see cueFeatures): neither does its gold.
    for (let i = 0; i < n; i++) if (doc.quotes.region[i]! >= 0) gold[i] = 0;
    for (let i = 1; i < n; i++) if (gold[i] === 2 && gold[i - 1] === 0) gold[i] = 1;
    cue.push({ seq: cueFeatures(doc), gold });
    if (cueModel === null) continue;
    // The role tagger sees other cues as it will when extracting: the ones the cue tagger is sure of.
    const roleMask = maskMode === 'gold' ? cueMask : sureCueMask(doc, findCues(doc, cueModel));
    if (maskMode === 'union') for (let i = 0; i < n; i++) roleMask[i] = roleMask[i]! | cueMask[i]!;
    const roleCues = cues;
    for (const k of roleCues) {
      const win = roleWindow(doc, k.range);
      const seq = roleFeatures(doc, k.range, roleMask, win);
      const g = new Int32Array(win.end - win.start);
      const label = (idx: number[], b: number): void => {
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
      role.push({ seq, gold: g });
    }
  }
  return { cue, role };
}

function train(name: string, tags: readonly string[], bits: number, examples: Example[], epochs: number): Buffer {
  const trainer = new PerceptronTrainer(emptyModel(tags, bits, bioAllowed(tags)));
  const r = rng(Number(values.seed));
  for (let e = 0; e < epochs; e++) {
    let wrong = 0;
    let total = 0;
    const t0 = Date.now();
    for (const ex of shuffle([...examples], r)) {
      wrong += trainer.update(ex);
      total += ex.seq.length;
    }
    console.error(`${name} epoch ${e + 1}: token error ${(wrong / total).toFixed(4)} (${Date.now() - t0} ms)`);
  }
  return serializeModel(trainer.averaged());
}

const limit = values.limit ? Number(values.limit) : Infinity;
const corpus: GoldArticle[] = [];
for await (const article of readGoldCorpus(values.train)) if (corpus.length < limit) corpus.push(article);
console.error(`read ${corpus.length} training articles`);
const epochs = Number(values.epochs);
mkdirSync(values.out, { recursive: true });
const { cue } = build(corpus, null, values.mask);
const cueBin = train('cue', CUE_TAGS, Number(values['cue-bits']), cue, epochs);
writeFileSync(`${values.out}/cue.bin`, cueBin);
const { role } = build(corpus, deserializeModel(cueBin), values.mask);
console.error(`${cue.length} cue sequences, ${role.length} role sequences`);
const roleBin = train('role', ROLE_TAGS, Number(values['role-bits']), role, Number(values['role-epochs'] ?? epochs));
writeFileSync(`${values.out}/role.bin`, roleBin);
console.error(`wrote ${values.out}/cue.bin (${cueBin.length} bytes), ${values.out}/role.bin (${roleBin.length} bytes)`);
