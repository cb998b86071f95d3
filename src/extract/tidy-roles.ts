import type { Document } from './document.js';
import type { TokenAttribution } from './find-attributions.js';
import type { TokenRange } from './tag-cues.js';

/** Auxiliaries and adverbs that belong to a verbal cue ("has said", "also noted"), not to its source. */
const AUXILIARIES = new Set(
  (
    'has have had is was were are be been will would could should may might can also previously later then ' +
    'n’t not never did does do once again ’s ’ve ’d ’ll'
  ).split(' '),
);
/** Particles that complete a verbal cue ("called for", "spoke about", "wants to"), not its content. */
const PARTICLES = new Set(
  'about for to of on at against with out over off into from up upon toward towards'.split(' '),
);
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'our']);

/** Adverbs without the -ly of most, between an auxiliary and its verb ("has not yet responded"). */
const ADVERBS = new Set('yet still already now just even ever since long often always seldom soon too'.split(' '));
/** Words that open a verb's complement, never the verb itself. */
const NOT_VERBS = new Set([...DETERMINERS, ...PARTICLES, 'that', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'him', 'them', 'us', 'me', 'if', 'whether', 'and', 'but', 'or']);

function allAuxiliaries(lower: readonly string[], r: TokenRange): boolean {
  for (let t = r.start; t < r.end; t++) if (!AUXILIARIES.has(lower[t]!)) return false;
  return true;
}

function isPunct(w: string): boolean {
  return !/[\p{L}\p{N}]/u.test(w);
}

function covers(ranges: readonly TokenRange[], t: number): boolean {
  return ranges.some((r) => r.start <= t && t < r.end);
}

/**
 * An attribution whose source, cue and content share no token, whatever the
 * steps before made of them (PolNeAR gives each token one role): content
 * loses the cue's tokens, and a source keeps its part before the first token
 * it shares (or else after the last), or goes. Null when no content is left.
 */
export function keepRolesApart(att: TokenAttribution): TokenAttribution | null {
  const { cue } = att;
  let content = att.content;
  if (content.some((r) => r.start < cue.end && cue.start < r.end)) {
    content = content.flatMap((r) =>
      r.start < cue.end && cue.start < r.end
        ? [{ start: r.start, end: cue.start }, { start: cue.end, end: r.end }].filter((x) => x.start < x.end)
        : [r],
    );
    if (content.length === 0) return null;
  }
  let source = att.source;
  if (source) {
    const taken = (t: number): boolean => (t >= cue.start && t < cue.end) || covers(content, t);
    let first = -1;
    let last = -1;
    for (let t = source.start; t < source.end; t++) {
      if (!taken(t)) continue;
      if (first < 0) first = t;
      last = t;
    }
    if (first >= 0) {
      if (first > source.start) source = { start: source.start, end: first };
      else if (last + 1 < source.end) source = { start: last + 1, end: source.end };
      else source = null;
    }
  }
  return content === att.content && source === att.source ? att : { ...att, source, content };
}

/**
 * Tidies the tagger's spans: auxiliaries between source and cue join the
 * cue, a source cut after its determiner gets its noun back, and punctuation
 * at a source's edges is dropped.
 */
export function tidyRoles(doc: Document, att: TokenAttribution): TokenAttribution {
  const { tokens } = doc;
  let cue: TokenRange = att.cue;
  let source = att.source;
  if (source && source.end <= cue.start) {
    // "Okafor has | said": move trailing auxiliaries into the cue when adjacent.
    let s = source;
    while (s.end - s.start > 1 && s.end === cue.start && AUXILIARIES.has(tokens.lower[s.end - 1]!)) {
      cue = { start: s.end - 1, end: cue.end };
      s = { start: s.start, end: s.end - 1 };
    }
    // "The | study also found": a source ending on a determiner takes the words up to the cue.
    if (DETERMINERS.has(tokens.lower[s.end - 1]!)) {
      let e = s.end;
      while (e < cue.start && !isPunct(tokens.word[e]!) && !AUXILIARIES.has(tokens.lower[e]!)) e++;
      s = { start: s.start, end: e };
    }
    source = s;
  }
  let content = att.content;
  // “…,” Jane Doe, a former adviser | wrote: content that runs past its closing quote mark into
  // the words just before the source gives them back to the source.
  const lastChunk = content[content.length - 1];
  if (source && lastChunk && lastChunk.end <= source.start && source.start - lastChunk.end <= 1) {
    let close = -1;
    for (let t = lastChunk.start; t < lastChunk.end; t++) if (doc.quotes.mark[t] === 2) close = t;
    if (close >= 0 && close + 1 < lastChunk.end && doc.quotes.region[close + 1]! < 0) {
      let from = close + 1;
      while (from < lastChunk.end && isPunct(tokens.word[from]!)) from++;
      if (from < lastChunk.end) {
        source = { start: from, end: source.end };
        content = [...content.slice(0, -1), { start: lastChunk.start, end: close + 1 }];
      }
    }
  }
  // "has | also detailed the plan": a cue of auxiliaries alone lacks its verb, which the content
  // took; the verb and the adverbs before it join the cue.
  const lead = content[0];
  if (lead && lead.start === cue.end && allAuxiliaries(tokens.lower, cue)) {
    let e = lead.start;
    while (e < lead.end - 1 && (AUXILIARIES.has(tokens.lower[e]!) || ADVERBS.has(tokens.lower[e]!) || /ly$/.test(tokens.lower[e]!))) e++;
    if (e < lead.end - 1 && /^\p{Ll}[\p{Ll}-]*$/u.test(tokens.word[e]!) && !NOT_VERBS.has(tokens.lower[e]!)) {
      cue = { start: cue.start, end: e + 1 };
      content = [{ start: e + 1, end: lead.end }, ...content.slice(1)];
    }
  }
  // "spoke | about the plan": a particle right after the cue belongs to the cue.
  const first = content[0];
  if (first && first.start === cue.end && first.end - first.start > 1 && PARTICLES.has(tokens.lower[first.start]!)) {
    cue = { start: cue.start, end: cue.end + 1 };
    content = [{ start: first.start + 1, end: first.end }, ...content.slice(1)];
  }
  if (source) {
    let { start, end } = source;
    while (end - start > 1 && isPunct(tokens.word[end - 1]!)) end--;
    while (end - start > 1 && isPunct(tokens.word[start]!)) start++;
    source = { start, end };
  }
  if (cue === att.cue && source === att.source && content === att.content) return att;
  return { ...att, cue, source, content };
}
