import type { Document } from './document.js';
import { chunks, type TokenRange } from './tag-cues.js';
import { type FeatureSequence, type LinearChain, emissions, viterbi } from './tagger/linear-chain.js';
import { hashString, mix } from './tagger/hash.js';

/** The role tagger's tags, relative to one cue. */
export const ROLE_TAGS: readonly string[] = Object.freeze(['O', 'B-SRC', 'I-SRC', 'B-CON', 'I-CON']);

/** How far around a cue the tagger looks, within the cue's paragraph. */
const LEFT = 70;
const RIGHT = 100;

const T = Array.from({ length: 40 }, (_, i) => hashString(`role-template:${i}`));
const REL = [hashString('rel:L'), hashString('rel:C'), hashString('rel:R')];
const QREL = [hashString('q:none'), hashString('q:adjacent'), hashString('q:far'), hashString('q:cue')];
const NUM = Array.from({ length: 64 }, (_, i) => hashString(`n:${i}`));

function bucket(d: number): number {
  if (d <= 4) return d;
  if (d <= 6) return 5;
  if (d <= 10) return 6;
  if (d <= 15) return 7;
  if (d <= 25) return 8;
  if (d <= 40) return 9;
  return 10;
}

/** Features per token. */
const TEMPLATES = 31;
/**
 * Each template's id conjoined with the side of the cue. Ids 12 (the previous word with this one)
 * and 22 (the token's quote state alone) are retired, id 5 (once the token's shape) holds the first
 * clause opener after the cue, id 32 the token's own clause opener.
 */
const TEMPLATE_IDS = 33;
const BASE = new Uint32Array(TEMPLATE_IDS * 3);
for (let i = 0; i < TEMPLATE_IDS; i++) for (let r = 0; r < 3; r++) BASE[i * 3 + r] = mix(T[i]!, REL[r]!);

/** Punctuation that ends a clause (with sentence breaks). */
function isClauseEnd(w: string): boolean {
  return w === ',' || w === ';' || w === '—' || w === '(' || w === ')' || w === ':';
}

/** Working arrays for one window, reused from cue to cue when extracting (training keeps its own). */
export class RoleBuffers {
  feats: Uint32Array;
  offsets: Int32Array;
  tagMask: Uint8Array;
  commas: Int32Array;
  breaks: Int32Array;
  others: Int32Array;
  verbs: Int32Array;
  opener: Uint32Array;
  firstOpener: Uint32Array;
  emissions: Float32Array;
  size: number;

  constructor(n: number) {
    this.feats = new Uint32Array(n * TEMPLATES);
    this.offsets = new Int32Array(n + 1);
    this.tagMask = new Uint8Array(n * ROLE_TAGS.length);
    this.commas = new Int32Array(n);
    this.breaks = new Int32Array(n);
    this.others = new Int32Array(n);
    this.verbs = new Int32Array(n);
    this.opener = new Uint32Array(n);
    this.firstOpener = new Uint32Array(n);
    this.emissions = new Float32Array(n * ROLE_TAGS.length);
    this.size = n;
  }

  /** Grows the arrays to hold a window of `n` tokens. */
  ensure(n: number): this {
    if (n > this.size) Object.assign(this, new RoleBuffers(Math.max(n, this.size * 2)));
    return this;
  }
}

const shared = new RoleBuffers(256);

/** The token window a cue's roles are sought in. */
export function roleWindow(doc: Document, cue: TokenRange): TokenRange {
  const { tokens } = doc;
  const para = tokens.paragraph[cue.start]!;
  const ps = tokens.paragraphStarts[para]!;
  const pe = tokens.paragraphStarts[para + 1]!;
  return { start: Math.max(ps, cue.start - LEFT), end: Math.min(pe, cue.end + RIGHT) };
}

/**
 * Features of each window token relative to one cue: which side and how
 * far, the quote it sits in (the one next to the cue or another), commas,
 * sentence breaks and other cues between it and the cue, the word opening
 * its clause (", and …", ", which …", ", despite …": where content tends to
 * stop), conjoined with the token's own word and class.
 */
export function roleFeatures(
  doc: Document,
  cue: TokenRange,
  cueMask: Uint8Array,
  win: TokenRange,
  reuse: RoleBuffers | null = null,
): FeatureSequence {
  const { tokens, quotes, features: f } = doc;
  const n = win.end - win.start;
  const buf = reuse ? reuse.ensure(n) : new RoleBuffers(n);
  const { feats, offsets, commas, breaks, others, verbs, opener, firstOpener } = buf;
  const tagMask = buf.tagMask.subarray(0, n * ROLE_TAGS.length).fill(1);
  const cs = cue.start;
  const ce = cue.end;
  const cueSent = tokens.sentence[cs]!;
  let cueKey = T[39]!;
  for (let i = cs; i < ce; i++) cueKey = mix(cueKey, f.word[i]!);
  const cueClass = f.lex[ce - 1]!;
  const cueCls = f.cls[ce - 1]!;
  const cueRegion = quotes.region[cs]!;
  const cueInQuote = cueRegion >= 0 ? 1 : 0;
  const after = ce < tokens.count ? f.word[ce]! : 0;
  const before = cs > 0 ? f.word[cs - 1]! : 0;

  // Nearest quote region on each side of the cue (other than one holding the cue).
  let leftRegion = -1;
  for (let i = cs - 1; i >= win.start; i--) {
    const r = quotes.region[i]!;
    if (r >= 0 && r !== cueRegion) {
      leftRegion = r;
      break;
    }
  }
  let rightRegion = -1;
  for (let i = ce; i < win.end; i++) {
    const r = quotes.region[i]!;
    if (r >= 0 && r !== cueRegion) {
      rightRegion = r;
      break;
    }
  }

  // Counts between each token and the cue, accumulated outward from the cue.
  // Reporting verbs of the lexicon outside quotes (in `verbs`), whether or not the cue tagger took them.
  let c = 0;
  let b = 0;
  let o = 0;
  let v = 0;
  const isVerb = (i: number): boolean => (f.lexCode[i] === 1 || f.lexCode[i] === 2) && quotes.region[i]! < 0;
  for (let i = cs - 1; i >= win.start; i--) {
    commas[i - win.start] = c;
    breaks[i - win.start] = b;
    others[i - win.start] = o;
    verbs[i - win.start] = v;
    if (isVerb(i)) v++;
    const w = tokens.word[i]!;
    if (w === ',' || w === ';' || w === '—' || w === '(' || w === ')') c++;
    if (i > 0 && tokens.sentence[i - 1] !== tokens.sentence[i]) b++;
    if (cueMask[i] === 1) o++;
  }
  c = 0;
  b = 0;
  o = 0;
  v = 0;
  for (let i = ce; i < win.end; i++) {
    if (i > ce && tokens.sentence[i - 1] !== tokens.sentence[i]) b++;
    commas[i - win.start] = c;
    breaks[i - win.start] = b;
    others[i - win.start] = o;
    verbs[i - win.start] = v;
    if (isVerb(i)) v++;
    const w = tokens.word[i]!;
    if (w === ',' || w === ';' || w === '—' || w === '(' || w === ')') c++;
    if (cueMask[i] === 1) o++;
  }

  // The word opening each token's clause (clauses end at commas, dashes, brackets, colons and sentence breaks).
  let op = 0;
  for (let i = win.start; i < win.end; i++) {
    if (i === win.start || tokens.sentence[i - 1] !== tokens.sentence[i] || isClauseEnd(tokens.word[i - 1]!)) op = f.word[i]!;
    opener[i - win.start] = op;
  }
  // Right of the cue: the word opening the first clause after the cue's own (0 within the cue's clause).
  let first = 0;
  for (let i = ce + 1; i < win.end; i++) {
    if (first === 0 && (tokens.sentence[i - 1] !== tokens.sentence[i] || isClauseEnd(tokens.word[i - 1]!))) first = f.word[i]!;
    firstOpener[i - win.start] = first;
  }
  if (ce < win.end) firstOpener[ce - win.start] = 0;

  // Each template conjoined with what is fixed for this cue, once per window.
  const base = BASE;
  const fixed = new Uint32Array(6 * 3);
  for (let r = 0; r < 3; r++) {
    fixed[r] = mix(base[10 * 3 + r]!, cueKey);
    fixed[3 + r] = mix(base[11 * 3 + r]!, cueClass);
    fixed[6 + r] = mix(base[15 * 3 + r]!, after);
    fixed[9 + r] = mix(base[16 * 3 + r]!, before);
    fixed[12 + r] = mix(base[17 * 3 + r]!, cueKey);
    fixed[15 + r] = mix(base[23 * 3 + r]!, NUM[cueInQuote + 55]!);
  }
  const fixed2 = new Uint32Array(2 * 3);
  for (let r = 0; r < 3; r++) {
    fixed2[r] = mix(base[21 * 3 + r]!, cueClass);
    fixed2[3 + r] = mix(base[25 * 3 + r]!, cueKey);
  }
  const fixed3 = new Uint32Array(2 * 3);
  for (let r = 0; r < 3; r++) {
    fixed3[r] = mix(base[90 + r]!, cueCls);
    fixed3[3 + r] = mix(base[93 + r]!, cueCls);
  }
  let k = 0;
  for (let j = 0; j < n; j++) {
    const t = win.start + j;
    offsets[j] = k;
    const r = t < cs ? 0 : t < ce ? 1 : 2;
    if (r === 1) {
      for (let tag = 1; tag < ROLE_TAGS.length; tag++) tagMask[j * ROLE_TAGS.length + tag] = 0;
    }
    const dist = r === 0 ? cs - t : r === 2 ? t - ce + 1 : 0;
    const db = NUM[bucket(dist)]!;
    const sd = NUM[Math.max(-3, Math.min(3, tokens.sentence[t]! - cueSent)) + 20]!;
    const region = quotes.region[t]!;
    let q = 0;
    if (region >= 0) q = region === cueRegion ? 3 : region === leftRegion || region === rightRegion ? 1 : 2;
    const qrel = QREL[q]!;
    const w = f.word[t]!;
    const lx = f.lex[t]!;
    const cm = NUM[Math.min(3, commas[j]!) + 30]!;
    const br = NUM[Math.min(3, breaks[j]!) + 35]!;
    const ot = NUM[Math.min(2, others[j]!) + 40]!;
    const vb = NUM[Math.min(2, verbs[j]!) + 60]!;
    const sentFirst = t === 0 || tokens.sentence[t - 1] !== tokens.sentence[t] ? 1 : 0;
    const sentLast = t + 1 >= tokens.count || tokens.sentence[t + 1] !== tokens.sentence[t] ? 2 : 0;
    const near = NUM[dist <= 2 ? 50 : dist <= 6 ? 51 : 52]!;
    feats[k++] = base[r]!;
    feats[k++] = mix(base[3 + r]!, db);
    feats[k++] = mix(base[6 + r]!, sd);
    feats[k++] = mix(mix(base[9 + r]!, db), lx);
    feats[k++] = mix(base[12 + r]!, w);
    feats[k++] = mix(mix(mix(base[15 + r]!, r === 2 ? firstOpener[j]! : 0), cm), qrel);
    feats[k++] = mix(base[18 + r]!, qrel);
    feats[k++] = mix(mix(base[21 + r]!, qrel), sd);
    feats[k++] = mix(base[24 + r]!, cm);
    feats[k++] = mix(base[27 + r]!, ot);
    feats[k++] = mix(fixed[r]!, db);
    feats[k++] = mix(fixed[3 + r]!, lx);
    feats[k++] = mix(base[39 + r]!, f.bigramRight[t]!);
    feats[k++] = mix(mix(base[42 + r]!, NUM[sentFirst + sentLast]!), lx);
    feats[k++] = mix(fixed[6 + r]!, near);
    feats[k++] = mix(fixed[9 + r]!, near);
    feats[k++] = mix(fixed[12 + r]!, qrel);
    feats[k++] = mix(mix(base[54 + r]!, br), qrel);
    feats[k++] = mix(base[57 + r]!, NUM[cueMask[t]! + 45]!);
    feats[k++] = mix(base[60 + r]!, f.lexTrigram[t]!);
    feats[k++] = mix(mix(fixed2[r]!, sd), qrel);
    feats[k++] = mix(fixed[15 + r]!, qrel);
    feats[k++] = mix(mix(mix(base[72 + r]!, cm), br), qrel);
    feats[k++] = mix(fixed2[3 + r]!, lx);
    feats[k++] = mix(mix(base[78 + r]!, vb), qrel);
    feats[k++] = mix(mix(mix(base[81 + r]!, vb), cm), ot);
    feats[k++] = mix(base[84 + r]!, f.cls[t]!);
    feats[k++] = mix(mix(base[87 + r]!, f.coarse[t]!), near);
    feats[k++] = mix(fixed3[r]!, db);
    feats[k++] = mix(mix(fixed3[3 + r]!, qrel), sd);
    feats[k++] = mix(mix(mix(base[96 + r]!, opener[j]!), cm), qrel);
  }
  offsets[n] = k;
  return { length: n, feats, offsets, tagMask };
}

/** Source and content token ranges found for one cue. */
export interface Roles {
  readonly source: TokenRange | null;
  readonly content: readonly TokenRange[];
  /** The tagger's content margins over the cue's window, when asked for (see {@link ContentMargins}). */
  readonly margins?: ContentMargins;
}

/** Per token of a cue's role window from `start`: the best content tag's emission over O's. */
export interface ContentMargins {
  readonly start: number;
  readonly values: Float32Array;
}

/** How sure the role tagger is of the roles it found: emission margins over O, per token. */
export interface RoleScores {
  /** Mean and least margin of the content tokens' tags over O. */
  conMean: number;
  conMin: number;
  /** Mean margin of the source tokens' tags over O (0 without a source). */
  srcMean: number;
}

/** Tags the roles around one cue; fills `scores` with the tagger's margins when given, and keeps its per-token content margins with `keepMargins`. */
export function tagRoles(doc: Document, model: LinearChain, cue: TokenRange, cueMask: Uint8Array, scores?: RoleScores, keepMargins = false): Roles {
  const win = roleWindow(doc, cue);
  const seq = roleFeatures(doc, cue, cueMask, win, shared);
  const em = emissions(model, seq, shared.emissions);
  const tags = viterbi(model, seq, em);
  if (scores) {
    const K = ROLE_TAGS.length;
    let conSum = 0;
    let conN = 0;
    let conMin = Infinity;
    let srcSum = 0;
    let srcN = 0;
    for (let j = 0; j < seq.length; j++) {
      const t = tags[j]!;
      if (t === 0) continue;
      const m = em[j * K + t]! - em[j * K]!;
      if (t >= 3) {
        conSum += m;
        conN++;
        if (m < conMin) conMin = m;
      } else {
        srcSum += m;
        srcN++;
      }
    }
    scores.conMean = conN ? conSum / conN : 0;
    scores.conMin = conN ? conMin : 0;
    scores.srcMean = srcN ? srcSum / srcN : 0;
  }
  const roles = rolesFromTags(tags, win.start, cue);
  if (!keepMargins) return roles;
  const K = ROLE_TAGS.length;
  const values = new Float32Array(seq.length);
  for (let j = 0; j < seq.length; j++) values[j] = Math.max(em[j * K + 3]!, em[j * K + 4]!) - em[j * K]!;
  return { ...roles, margins: { start: win.start, values } };
}

/** Turns a tag sequence over a window into source and content ranges. */
function rolesFromTags(tags: Int32Array, offset: number, cue: TokenRange): Roles {
  const shift = (r: TokenRange): TokenRange => ({ start: r.start + offset, end: r.end + offset });
  const sources = chunks(tags, 1, 2).map(shift);
  const content = chunks(tags, 3, 4).map(shift);
  let source: TokenRange | null = null;
  let best = Infinity;
  for (const s of sources) {
    const d = s.end <= cue.start ? cue.start - s.end : s.start - cue.end;
    if (d < best) {
      best = d;
      source = s;
    }
  }
  // A source the tagger broke in two ("Name, a hydrologist at … and | a former adviser") is one phrase.
  if (source) {
    for (const s of sources) {
      const current: TokenRange = source;
      if (s === current) continue;
      const gap = s.end <= current.start ? current.start - s.end : s.start - current.end;
      const sameSide = (s.end <= cue.start) === (current.end <= cue.start);
      const joined: TokenRange = { start: Math.min(s.start, current.start), end: Math.max(s.end, current.end) };
      // Never across content: the roles of one attribution share no token.
      const overContent = content.some((c) => c.start < joined.end && joined.start < c.end);
      if (sameSide && gap <= 6 && !overContent) source = joined;
    }
  }
  return { source, content };
}
