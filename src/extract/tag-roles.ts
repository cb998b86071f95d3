import type { Document } from './document.js';
import { chunks, type TokenRange } from './tag-cues.js';
import { type FeatureSequence, type LinearChain, decode } from './tagger/linear-chain.js';
import { hashString, mix, mix3 } from './tagger/hash.js';

/** The role tagger's tags, relative to one cue. */
export const ROLE_TAGS: readonly string[] = Object.freeze(['O', 'B-SRC', 'I-SRC', 'B-CON', 'I-CON']);

/** How far around a cue the tagger looks, within the cue's paragraph. */
const LEFT = 110;
const RIGHT = 160;

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
 * sentence breaks and other cues between it and the cue, conjoined with
 * the token's own word and class.
 */
export function roleFeatures(doc: Document, cue: TokenRange, cueMask: Uint8Array, win: TokenRange): FeatureSequence {
  const { tokens, quotes, features: f } = doc;
  const n = win.end - win.start;
  const feats = new Uint32Array(n * 28);
  const offsets = new Int32Array(n + 1);
  const tagMask = new Uint8Array(n * ROLE_TAGS.length).fill(1);
  const cs = cue.start;
  const ce = cue.end;
  const cueSent = tokens.sentence[cs]!;
  let cueKey = T[39]!;
  for (let i = cs; i < ce; i++) cueKey = mix(cueKey, f.word[i]!);
  const cueClass = f.lex[ce - 1]!;
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
  const commas = new Int32Array(n);
  const breaks = new Int32Array(n);
  const others = new Int32Array(n);
  // Reporting verbs of the lexicon outside quotes, whether or not the cue tagger took them.
  const verbs = new Int32Array(n);
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

  let k = 0;
  for (let j = 0; j < n; j++) {
    const t = win.start + j;
    offsets[j] = k;
    const relIdx = t < cs ? 0 : t < ce ? 1 : 2;
    if (relIdx === 1) {
      for (let tag = 1; tag < ROLE_TAGS.length; tag++) tagMask[j * ROLE_TAGS.length + tag] = 0;
    }
    const rel = REL[relIdx]!;
    const dist = relIdx === 0 ? cs - t : relIdx === 2 ? t - ce + 1 : 0;
    const db = NUM[bucket(dist)]!;
    const sd = NUM[Math.max(-3, Math.min(3, tokens.sentence[t]! - cueSent)) + 20]!;
    const region = quotes.region[t]!;
    let q = 0;
    if (region >= 0) q = region === cueRegion ? 3 : region === leftRegion || region === rightRegion ? 1 : 2;
    const qrel = QREL[q]!;
    const w = f.word[t]!;
    const lx = f.lex[t]!;
    const wm1 = t > 0 ? f.word[t - 1]! : 0;
    const wp1 = t + 1 < tokens.count ? f.word[t + 1]! : 0;
    const lm1 = t > 0 ? f.lex[t - 1]! : 0;
    const lp1 = t + 1 < tokens.count ? f.lex[t + 1]! : 0;
    const cm = NUM[Math.min(3, commas[j]!) + 30]!;
    const br = NUM[Math.min(3, breaks[j]!) + 35]!;
    const ot = NUM[Math.min(2, others[j]!) + 40]!;
    const sentFirst = t === 0 || tokens.sentence[t - 1] !== tokens.sentence[t] ? 1 : 0;
    const sentLast = t + 1 >= tokens.count || tokens.sentence[t + 1] !== tokens.sentence[t] ? 2 : 0;
    const near = NUM[dist <= 2 ? 50 : dist <= 6 ? 51 : 52]!;
    feats[k++] = mix(T[0]!, rel);
    feats[k++] = mix3(T[1]!, rel, db);
    feats[k++] = mix3(T[2]!, rel, sd);
    feats[k++] = mix3(T[3]!, mix(rel, db), lx);
    feats[k++] = mix3(T[4]!, rel, w);
    feats[k++] = mix3(T[5]!, rel, f.shape[t]!);
    feats[k++] = mix3(T[6]!, rel, qrel);
    feats[k++] = mix3(T[7]!, mix(rel, qrel), sd);
    feats[k++] = mix3(T[8]!, rel, cm);
    feats[k++] = mix3(T[9]!, rel, ot);
    feats[k++] = mix3(T[10]!, mix(cueKey, rel), db);
    feats[k++] = mix3(T[11]!, mix(cueClass, rel), lx);
    feats[k++] = mix3(T[12]!, mix(rel, wm1), w);
    feats[k++] = mix3(T[13]!, mix(rel, w), wp1);
    feats[k++] = mix3(T[14]!, mix(rel, NUM[sentFirst + sentLast]!), lx);
    feats[k++] = mix3(T[15]!, mix(rel, after), near);
    feats[k++] = mix3(T[16]!, mix(rel, before), near);
    feats[k++] = mix3(T[17]!, mix(cueKey, rel), qrel);
    feats[k++] = mix3(T[18]!, mix(rel, br), qrel);
    feats[k++] = mix3(T[19]!, rel, NUM[cueMask[t]! + 45]!);
    feats[k++] = mix3(T[20]!, mix(rel, lm1), mix(lx, lp1));
    feats[k++] = mix3(T[21]!, mix(cueClass, rel), mix(sd, qrel));
    feats[k++] = mix3(T[22]!, rel, f.quote[t]!);
    feats[k++] = mix3(T[23]!, mix(NUM[cueInQuote + 55]!, rel), qrel);
    feats[k++] = mix3(T[24]!, mix(rel, cm), mix(br, qrel));
    feats[k++] = mix3(T[25]!, mix(cueKey, rel), lx);
    const vb = NUM[Math.min(2, verbs[j]!) + 60]!;
    feats[k++] = mix3(T[26]!, mix(rel, vb), qrel);
    feats[k++] = mix3(T[27]!, mix(rel, vb), mix(cm, ot));
  }
  offsets[n] = k;
  return { length: n, feats, offsets, tagMask };
}

/** Source and content token ranges found for one cue. */
export interface Roles {
  readonly source: TokenRange | null;
  readonly content: readonly TokenRange[];
}

/** Tags the roles around one cue. */
export function tagRoles(doc: Document, model: LinearChain, cue: TokenRange, cueMask: Uint8Array): Roles {
  const win = roleWindow(doc, cue);
  const tags = decode(model, roleFeatures(doc, cue, cueMask, win));
  return rolesFromTags(tags, win.start, cue);
}

/** Turns a tag sequence over a window into source and content ranges. */
export function rolesFromTags(tags: Int32Array, offset: number, cue: TokenRange): Roles {
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
  // A source the tagger broke in two ("Name, a specialist … and | a former official") is one phrase.
  if (source) {
    for (const s of sources) {
      if (s === source) continue;
      const gap = s.end <= source.start ? source.start - s.end : s.start - source.end;
      const sameSide = (s.end <= cue.start) === (source.end <= cue.start);
      if (sameSide && gap <= 6) source = { start: Math.min(s.start, source.start), end: Math.max(s.end, source.end) };
    }
  }
  return { source, content };
}
