import {
  type Attribution,
  type AttributionKind,
  type EntityType,
  type Range,
  type SpeakerRef,
  createAttribution,
  createSpan,
  createSpanFromRanges,
} from '../model/index.js';
import type { Document } from './document.js';
import type { TokenAttribution } from './find-attributions.js';
import type { TokenRange } from './tag-cues.js';

/**
 * Extends content that stops at a paragraph's end inside a quote that the
 * next paragraph reopens: wire style for a quote over several paragraphs.
 */
export function extendQuotes(doc: Document, att: TokenAttribution): TokenAttribution {
  const { tokens, quotes } = doc;
  const last = att.content[att.content.length - 1];
  if (!last) return att;
  const colonQuote = quoteAfterColon(doc, att);
  if (colonQuote) return colonQuote;
  const region = quotes.region[last.end - 1]!;
  const para = tokens.paragraph[last.end - 1]!;
  if (region < 0 || quotes.regionEnd[region] !== last.end - 1 || tokens.paragraphStarts[para + 1] !== last.end) return att;
  // The cue must come before the content's end, else the quote's own cue is in a later paragraph.
  if (att.cue.start > last.end) return att;
  const more = quoteRun(doc, region).slice(1);
  return more.length === 0 ? att : { ...att, content: [...att.content, ...more] };
}

/** A quote region and those of the paragraphs that continue it, as token ranges. */
function quoteRun(doc: Document, first: number): TokenRange[] {
  const { quotes } = doc;
  const out = [{ start: quotes.regionStart[first]!, end: quotes.regionEnd[first]! + 1 }];
  for (let region = first; quotes.continues[region] === 1 && region + 1 < quotes.regionStart.length; ) {
    region++;
    out.push({ start: quotes.regionStart[region]!, end: quotes.regionEnd[region]! + 1 });
  }
  return out;
}

/** The quote (with the paragraphs that continue it) opening the paragraph after `para`, which ends in a colon. */
function quoteAfterParagraph(doc: Document, para: number): TokenRange[] | null {
  const { tokens, quotes } = doc;
  const next = tokens.paragraphStarts[para + 1]!;
  if (next >= tokens.count || tokens.word[next - 1] !== ':') return null;
  const region = quotes.region[next]!;
  return region < 0 || quotes.mark[next] !== 1 ? null : quoteRun(doc, region);
}

/**
 * The quote after a colon that closes the cue's paragraph right after the
 * cue ("Caddell continued:", "The Ledger reports:"); null if there is none.
 * The role tagger sees one paragraph, so it finds no content for such a cue.
 */
export function quoteAfterColonCue(doc: Document, cue: TokenRange): TokenRange[] | null {
  const para = doc.tokens.paragraph[cue.start]!;
  const next = doc.tokens.paragraphStarts[para + 1]!;
  // The colon may be the cue's last token ("reports:") or follow it.
  return next === cue.end || next === cue.end + 1 ? quoteAfterParagraph(doc, para) : null;
}

/**
 * "He put it this way:" closing a paragraph, and the next paragraph opening a
 * quote: the quote (with the paragraphs that continue it) is the content.
 */
function quoteAfterColon(doc: Document, att: TokenAttribution): TokenAttribution | null {
  const para = doc.tokens.paragraph[att.cue.start]!;
  const next = doc.tokens.paragraphStarts[para + 1]!;
  // Only when nothing but the cue's own clause lies between the cue and the colon.
  const last = att.content[att.content.length - 1]!;
  if (last.end < next - 2 || att.content[0]!.start < att.cue.start) return null;
  const content = quoteAfterParagraph(doc, para);
  return content && { ...att, content };
}

/** The kind of an attribution, from its cue and how much of its content is quoted. */
function kindOf(doc: Document, att: TokenAttribution): AttributionKind {
  const { tokens, quotes } = doc;
  const cueWords = tokens.lower.slice(att.cue.start, att.cue.end);
  if (cueWords[0] === 'according') return 'according-to';
  let words = 0;
  let quoted = 0;
  for (const r of att.content) {
    for (let i = r.start; i < r.end; i++) {
      if (!/[\p{L}\p{N}]/u.test(tokens.word[i]!)) continue;
      words++;
      if (quotes.region[i]! >= 0) quoted++;
    }
  }
  if (quoted === 0) return 'indirect';
  return quoted === words ? 'direct' : 'mixed';
}

function charRange(doc: Document, r: TokenRange): Range {
  return { start: doc.tokens.start[r.start]!, end: doc.tokens.end[r.end - 1]! };
}

/** Makes the attribution records, in text order of their content. */
export function buildAttributions(
  doc: Document,
  atts: readonly TokenAttribution[],
  speakers: readonly (SpeakerRef | null)[],
  sourceTypes: readonly (EntityType | null)[],
): Attribution[] {
  const order = atts.map((_, i) => i).sort((a, b) => atts[a]!.content[0]!.start - atts[b]!.content[0]!.start || a - b);
  return order.map((i, k) => {
    const a = atts[i]!;
    const cue = charRange(doc, a.cue);
    const sourceType = sourceTypes[i] ?? null;
    return createAttribution({
      id: `a${k + 1}`,
      kind: kindOf(doc, a),
      source: a.source ? createSpanFromRanges(doc.text, [charRange(doc, a.source)]) : null,
      cue: createSpan(doc.text, cue.start, cue.end),
      content: createSpanFromRanges(doc.text, a.content.map((r) => charRange(doc, r))),
      speaker: speakers[i] ?? null,
      ...(sourceType ? { sourceType } : {}),
    });
  });
}
