import type { Document } from './document.js';
import { findCues, type TokenRange } from './tag-cues.js';
import { tagRoles } from './tag-roles.js';
import { LEX } from './token-features.js';
import type { LinearChain } from './tagger/linear-chain.js';

/** The trained models the extractor runs. */
export interface Models {
  readonly cue: LinearChain;
  readonly role: LinearChain;
}

/** One attribution as token ranges, before it becomes spans. */
export interface TokenAttribution {
  readonly cue: TokenRange;
  readonly source: TokenRange | null;
  readonly content: readonly TokenRange[];
}

/** Finds cues, then each cue's source and content. */
export function findAttributions(doc: Document, models: Models): TokenAttribution[] {
  const cues = findCues(doc, models.cue);
  const cueMask = new Uint8Array(doc.tokens.count);
  // Only sure cues bound other cues' content: a doubtful one must not cut a sure one short.
  const sure = cues.filter((c) => c.confident || isParticipleCue(doc, c));
  for (const c of sure) cueMask.fill(1, c.start, c.end);
  const out: TokenAttribution[] = [];
  const covered = new Uint8Array(doc.tokens.count);
  for (const cue of sure) {
    const roles = tagRoles(doc, models.role, cue, cueMask);
    if (roles.content.length === 0) continue;
    out.push({ cue, source: roles.source, content: roles.content });
    for (const r of roles.content) covered.fill(1, r.start, r.end);
  }
  for (const cue of cues) {
    // A doubtful cue inside sure content would be dropped as nested: skip its tagging.
    if (cueMask[cue.start] === 1 || covered[cue.start] === 1) continue;
    const roles = tagRoles(doc, models.role, cue, cueMask);
    if (roles.content.length === 0) continue;
    out.push({ cue, source: roles.source, content: roles.content });
  }
  return dropNested(out);
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
  const overlaps = (a: TokenAttribution, b: TokenAttribution): boolean =>
    a.content.some((x) => b.content.some((y) => x.start < y.end && y.start < x.end));
  return atts.filter(
    (a) =>
      !atts.some(
        (b) =>
          b !== a &&
          (b.content.some((r) => r.start <= a.cue.start && a.cue.end <= r.end) ||
            (a.source === null && b.source !== null && overlaps(a, b))),
      ),
  );
}
