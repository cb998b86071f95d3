import type { Document } from './document.js';
import type { TokenAttribution } from './find-attributions.js';
import { findSignedQuotes } from './find-signed-quotes.js';
import { findSpeakerTurns } from './find-speaker-turns.js';
import type { TokenRange } from './tag-cues.js';

/**
 * Adds the attributions that the page's layout shows rather than its prose,
 * found by rule: a transcript's speaker turns, which replace whatever the
 * taggers found inside them (PolNeAR gives each token to one attribution, and
 * a turn holds its whole paragraph), and signed quotes, kept only where no
 * attribution already touches the quote.
 */
export function withLayoutForms(doc: Document, found: readonly TokenAttribution[]): readonly TokenAttribution[] {
  const turns = findSpeakerTurns(doc);
  const signed = findSignedQuotes(doc);
  if (turns.length === 0 && signed.length === 0) return found;
  const n = doc.tokens.count;
  const inTurn = new Uint8Array(n);
  for (const t of turns) inTurn.fill(1, t.source!.start, t.content[t.content.length - 1]!.end);
  const clear = (mask: Uint8Array) => (r: TokenRange): boolean => !mask.subarray(r.start, r.end).includes(1);
  const outsideTurns = clear(inTurn);
  const kept = turns.length === 0 ? found : found.filter((a) => outsideTurns(a.cue) && a.content.every(outsideTurns));
  const taken = new Uint8Array(n);
  for (const a of [...kept, ...turns]) {
    taken.fill(1, a.cue.start, a.cue.end);
    for (const r of a.content) taken.fill(1, r.start, r.end);
  }
  const free = clear(taken);
  const added = signed.filter((s) => free(s.cue) && s.content.every(free));
  return [...kept, ...turns, ...added].sort((a, b) => a.cue.start - b.cue.start);
}
