import type { Document } from './document.js';
import type { TokenAttribution } from './find-attributions.js';
import type { TokenRange } from './tag-cues.js';

const OPENING_MARKS = new Set(['“', '"', '‘', "'"]);
/** Words in a speaker label ("SEN. BERNIE SANDERS"), periods apart. */
const MAX_LABEL_WORDS = 4;
/** Capitals, with the apostrophes, hyphens and periods of names ("O’REILLY", "MR."). */
const LABEL_WORD = /^[A-Z][A-Z'’\-.]*$/;
/** Capitalised labels that head a paragraph but name no one. */
const NOT_SPEAKERS = new Set([
  'UPDATE', 'UPDATED', 'CORRECTION', 'CLARIFICATION', 'NOTE', 'EDITOR', 'BREAKING', 'WATCH', 'VIDEO', 'PHOTO', 'PHOTOS',
  'RELATED', 'MORE', 'BYLINE', 'EMAIL', 'SOURCE', 'SOURCES', 'EXCLUSIVE', 'LOOK', 'BOOM', 'ALERT', 'ADVERTISEMENT', 'FACT',
  'CHECK', 'WASHINGTON', 'TRANSCRIPT', 'Q', 'A',
]);
/** Turns that make a transcript: at least this many, one label used twice. */
const MIN_TURNS = 3;

interface Turn {
  readonly label: TokenRange;
  readonly colon: number;
  readonly end: number;
  /** The label's last word: "JAKE TAPPER" and "TAPPER" are one speaker's turns. */
  readonly key: string;
}

/** The speaker label opening a paragraph (after a quote mark, if any): "WALLACE:", "SEN. JANE DOE:". */
function turnAt(doc: Document, first: number, end: number): Turn | null {
  const { word } = doc.tokens;
  const start = OPENING_MARKS.has(word[first]!) ? first + 1 : first;
  let words = 0;
  let key = '';
  let i = start;
  for (; i < end && word[i] !== ':'; i++) {
    const w = word[i]!;
    if (w === '.') continue;
    if (!LABEL_WORD.test(w)) return null;
    if (++words > MAX_LABEL_WORDS) return null;
    key = w.replace(/\.$/, '');
  }
  // Something must follow the colon, and the label must hold a word of two letters or more.
  if (i === start || i + 1 >= end || word[i] !== ':' || key.length < 2 || NOT_SPEAKERS.has(key)) return null;
  return { label: { start, end: i }, colon: i, end, key };
}

/**
 * The turns of a transcript printed in an article: paragraphs that open with
 * a speaker's name in capitals and a colon ("WALLACE: …", "PENCE: …"), often
 * each behind an opening quote mark when the transcript is quoted. The colon
 * is the cue, the name the source, the rest of the paragraph the content. The
 * cue tagger never tags inside quote marks, and rarely sees transcripts, so a
 * rule finds them; it takes an article's labels as turns only when there are
 * several and one speaker has two, so that a lone "BOOM:" headline or "UPDATE:"
 * line is not read as a speaker.
 */
export function findSpeakerTurns(doc: Document): TokenAttribution[] {
  const { count, paragraphStarts } = doc.tokens;
  const turns: Turn[] = [];
  for (let p = 0; p + 1 < paragraphStarts.length; p++) {
    const first = paragraphStarts[p]!;
    const end = Math.min(paragraphStarts[p + 1]!, count);
    const turn = first < end ? turnAt(doc, first, end) : null;
    if (turn) turns.push(turn);
  }
  if (turns.length < MIN_TURNS) return [];
  const keys = new Set<string>();
  let repeated = false;
  for (const t of turns) {
    if (keys.has(t.key)) repeated = true;
    keys.add(t.key);
  }
  if (!repeated) return [];
  return turns.map((t) => ({ cue: { start: t.colon, end: t.colon + 1 }, source: t.label, content: [{ start: t.colon + 1, end: t.end }] }));
}
