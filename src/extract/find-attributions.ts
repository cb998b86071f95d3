import type { Document } from './document.js';
import { type Candidate, type CueRanker, candidateFeatures, cueFeatures, linearScore, maskedScore, CONTEXT_FEATURES, contextFeatures, sureCoverage, withContext } from './rank-cues.js';
import { type FoundCue, findCueCandidates, findCues, type TokenRange } from './tag-cues.js';
import { quoteAfterColonCue } from './build-attributions.js';
import { type ContentMargins, type Roles, type RoleScores, tagRoles } from './tag-roles.js';
import { LEX } from './token-features.js';
import type { ContentEndModel } from './trim-content.js';
import type { LinearChain } from './tagger/linear-chain.js';

/** The trained models the extractor runs. */
export interface Models {
  readonly cue: LinearChain;
  readonly role: LinearChain;
  /** Bias on starting a cue, calibrated with the models (see `findCues`). */
  readonly cueBias: number;
  /** When present, cues are proposed at a higher bias and this decides which to keep (see `CueRanker`). */
  readonly ranker?: CueRanker | null;
  /** When present, where each content ends is reconsidered (see `ContentEndModel`). */
  readonly contentEnds?: ContentEndModel | null;
}

/** One attribution as token ranges, before it becomes spans. */
export interface TokenAttribution {
  readonly cue: TokenRange;
  readonly source: TokenRange | null;
  readonly content: readonly TokenRange[];
  /** The role tagger's content margins around the cue, kept only for the content-end model (see `trimContent`). */
  readonly margins?: ContentMargins | undefined;
}

/** Finds cues, then each cue's source and content. */
export function findAttributions(doc: Document, models: Models): TokenAttribution[] {
  const ranker = models.ranker;
  if (ranker) {
    const gate = { weights: ranker.gateWeights, threshold: ranker.gateThreshold, bits: ranker.bits };
    const candidates = proposeAttributions(doc, models, ranker.rungs, gate);
    const feats = candidateFeatures(doc, candidates, ranker.bits);
    const scores = feats.map((f) => linearScore(ranker.weights, f));
    const kept = candidates.map((_, i) => i).filter((i) => keepsCandidate(candidates[i]!, scores[i]!, ranker.threshold));
    return settleRanked(
      doc,
      kept.map((i) => {
        const { cue, roles } = candidates[i]!;
        return { cue, source: roles.source, content: roles.content, margins: roles.margins };
      }),
      kept.map((i) => scores[i]!),
    );
  }
  const cues = findCues(doc, models.cue, models.cueBias);
  const cueMask = sureCueMask(doc, cues);
  const keepMargins = Boolean(models.contentEnds);
  const sure = cues.filter((c) => cueMask[c.start] === 1);
  const out: TokenAttribution[] = [];
  const covered = new Uint8Array(doc.tokens.count);
  for (const cue of sure) {
    const roles = withQuoteAfterColon(doc, cue, tagRoles(doc, models.role, cue, cueMask, undefined, keepMargins));
    if (roles.content.length === 0) continue;
    out.push({ cue, source: roles.source, content: roles.content, margins: roles.margins });
    for (const r of roles.content) covered.fill(1, r.start, r.end);
  }
  for (const cue of cues) {
    // A doubtful cue inside sure content would be dropped as nested: skip its tagging.
    if (cueMask[cue.start] === 1 || covered[cue.start] === 1) continue;
    const roles = withQuoteAfterColon(doc, cue, tagRoles(doc, models.role, cue, cueMask, undefined, keepMargins));
    if (roles.content.length === 0) continue;
    out.push({ cue, source: roles.source, content: roles.content, margins: roles.margins });
  }
  return settleAttributions(doc, out);
}

/**
 * `settleAttributions` for ranked attributions: of two where one's cue lies
 * inside the other's content, the ranker's surer one stays (without scores,
 * the outer one would, however doubtful).
 */
export function settleRanked(doc: Document, atts: readonly TokenAttribution[], scores: readonly number[]): TokenAttribution[] {
  const order = atts.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  // Which kept attribution's content covers each token, and which tokens are kept cues.
  const contentOf = new Int32Array(doc.tokens.count).fill(-1);
  const cueOf = new Int32Array(doc.tokens.count).fill(-1);
  const kept: number[] = [];
  for (const i of order) {
    const a = atts[i]!;
    const nested = contentOf[a.cue.start]! >= 0 && contentOf[a.cue.start] === contentOf[a.cue.end - 1];
    const holds = a.content.some((r) => {
      for (let t = r.start; t < r.end; t++) if (cueOf[t]! >= 0) return true;
      return false;
    });
    // Two cues before one colon ("He said:") both take the quote after it: the surer keeps it.
    const first = a.content[0]!;
    const twin = contentOf[first.start]! >= 0 && kept.some((k) => sameRanges(atts[k]!.content, a.content));
    if (nested || holds || twin) continue;
    kept.push(i);
    for (const r of a.content) contentOf.fill(i, r.start, r.end);
    cueOf.fill(i, a.cue.start, a.cue.end);
  }
  kept.sort((x, y) => x - y);
  return settleAttributions(
    doc,
    kept.map((i) => atts[i]!),
  );
}

function sameRanges(x: readonly TokenRange[], y: readonly TokenRange[]): boolean {
  return x.length === y.length && x.every((r, k) => r.start === y[k]!.start && r.end === y[k]!.end);
}

/** Drops nested attributions and gives sourceless participles their clause's source. */
export function settleAttributions(doc: Document, out: TokenAttribution[]): TokenAttribution[] {
  return dropNested(out).map((a) => participleSource(doc, a, out));
}

/** Which doubtful cues are worth tagging roles for: a linear score of their cue features (see `CueRanker`). */
export interface CueGate {
  readonly weights: Float32Array;
  readonly threshold: number;
  readonly bits: number;
}

/**
 * Whether the ranker's verdict keeps a candidate. A cue whose content is the
 * quote after its colon is kept when it is sure: the ranker never learned
 * from such candidates (its features describe the role tagger's content).
 */
export function keepsCandidate(candidate: Candidate, score: number, threshold: number): boolean {
  return candidate.afterColon ? candidate.cue.confident : score >= threshold;
}

/** "He said:" closing a paragraph: a cue the role tagger found no content for takes the quote that opens the next. */
function withQuoteAfterColon(doc: Document, cue: TokenRange, roles: Roles): Roles {
  if (roles.content.length > 0) return roles;
  const quote = quoteAfterColonCue(doc, cue);
  return quote ? { source: roles.source, content: quote } : roles;
}

/**
 * Every cue the tagger proposes on the ranker's bias ladder (`rungs` times
 * the calibrated bias) with the roles found for it; cues without content are
 * left out, and so are doubtful cues inside a sure cue's content and those
 * the `gate`, when given, turns away.
 */
export function proposeAttributions(doc: Document, models: Models, rungs: readonly number[], gate: CueGate | null = null): Candidate[] {
  const cues = findCueCandidates(doc, models.cue, rungs.map((r) => r * models.cueBias));
  const cueMask = sureCueMask(doc, cues);
  const keepMargins = Boolean(models.contentEnds);
  const out: Candidate[] = [];
  const tag = (i: number, feats: Uint32Array): void => {
    const cue = cues[i]!;
    const scores: RoleScores = { conMean: 0, conMin: 0, srcMean: 0 };
    let roles = tagRoles(doc, models.role, cue, cueMask, scores, keepMargins);
    const afterColon = roles.content.length === 0;
    if (afterColon) roles = withQuoteAfterColon(doc, cue, roles);
    if (roles.content.length === 0) return;
    out.push({ cue, roles, scores, cueFeatures: feats, afterColon });
  };
  const feats = cueFeatures(doc, cues, models.cueBias);
  cues.forEach((cue, i) => {
    if (cueMask[cue.start] === 1) tag(i, feats[i]!);
  });
  // A doubtful cue is judged knowing what the sure ones' roles took.
  const coverage = sureCoverage(doc, out);
  const context = new Uint32Array(CONTEXT_FEATURES);
  cues.forEach((cue, i) => {
    if (cueMask[cue.start] === 1 || coverage.token[cue.start] === 1) return;
    contextFeatures(doc, cue, coverage, context);
    if (gate && maskedScore(gate.weights, feats[i]!, gate.bits) + maskedScore(gate.weights, context, gate.bits) < gate.threshold) return;
    tag(i, withContext(feats[i]!, context));
  });
  return out;
}

/**
 * ", arguing that …", ", insisting …": a participle's source is the subject
 * of its clause — the source of an attribution earlier in the sentence, or a
 * pronoun or name opening the sentence.
 */
function participleSource(doc: Document, att: TokenAttribution, all: readonly TokenAttribution[]): TokenAttribution {
  if (att.source !== null || !isParticipleCue(doc, att.cue)) return att;
  const { tokens, features } = doc;
  const sentence = tokens.sentence[att.cue.start]!;
  const earlier = all
    .filter((b) => b.source && b.cue.end <= att.cue.start && tokens.sentence[b.cue.start] === sentence)
    .at(-1);
  if (earlier?.source) return { ...att, source: earlier.source };
  const first = tokens.sentenceStarts[sentence]!;
  if (first >= att.cue.start) return att;
  if (features.lexCode[first] === LEX.pronoun) return { ...att, source: { start: first, end: first + 1 } };
  let end = first;
  while (end < att.cue.start && end - first < 4 && /^\p{Lu}/u.test(tokens.word[end]!)) end++;
  if (end > first && end - first < 4 && !/^(?:The|A|An|In|On|At|But|And|So|If|When|While|After|This|That)$/.test(tokens.word[first]!)) {
    return { ...att, source: { start: first, end } };
  }
  return att;
}

/**
 * The tokens of the cues the tagger is sure of. Only these bound other cues'
 * content: a doubtful cue must not cut a sure one's content short.
 */
export function sureCueMask(doc: Document, cues: readonly FoundCue[]): Uint8Array {
  const mask = new Uint8Array(doc.tokens.count);
  for (const c of cues) if (c.confident || isParticipleCue(doc, c)) mask.fill(1, c.start, c.end);
  return mask;
}

/** ", adding that …", ", noting …": a reporting participle after a comma starts a new attribution. */
function isParticipleCue(doc: Document, cue: TokenRange): boolean {
  const { tokens, features } = doc;
  const code = features.lexCode[cue.start]!;
  return (
    cue.start > 0 &&
    tokens.word[cue.start - 1] === ',' &&
    tokens.lower[cue.start]!.endsWith('ing') &&
    (code === LEX.speech || code === LEX.belief)
  );
}

/**
 * PolNeAR gives each token to one attribution: a cue found inside another
 * attribution's content is reported speech within reported speech, and the
 * outer attribution keeps it; a sourceless attribution whose content
 * overlaps a sourced one yields to it.
 */
function dropNested(atts: TokenAttribution[]): TokenAttribution[] {
  // Which attributions' content covers each token (rarely more than one).
  const owners = new Map<number, number[]>();
  atts.forEach((a, i) => {
    for (const r of a.content) {
      for (let t = r.start; t < r.end; t++) {
        const list = owners.get(t);
        if (list) list.push(i);
        else owners.set(t, [i]);
      }
    }
  });
  return atts.filter((a, i) => {
    const around = owners.get(a.cue.start) ?? [];
    for (const j of around) {
      if (j === i) continue;
      const b = atts[j]!;
      if (b.content.some((r) => r.start <= a.cue.start && a.cue.end <= r.end)) return false;
    }
    if (a.source !== null) return true;
    for (const r of a.content) {
      for (let t = r.start; t < r.end; t++) {
        if ((owners.get(t) ?? []).some((j) => j !== i && atts[j]!.source !== null)) return false;
      }
    }
    return true;
  });
}
