import type { AttributionKind, Range } from '../model/index.js';
import type { BratEvent } from '../formats/index.js';

// Double quotation marks only: a single ’ is far more often an apostrophe.
const QUOTE = /["“”„«»]/;
const OPENS = /^["“„«]/;
const CLOSES = /["”“»][,.;:!?]*$/;
const OPEN_BEFORE = /(["“„«])\s*$/;
const CLOSE_AFTER = /^[,.;:!?]*["”“»]/;
// A quote running over paragraphs reopens each paragraph with a mark and closes only at the end.
const PARAGRAPH_AFTER = /^\s*\n\s*["“„«]/;
const PARAGRAPH_REOPEN = /\n\s*["“„«]/g;
const CLOSING_MARK: Readonly<Record<string, string>> = Object.freeze({ '"': '"', '“': '”', '„': '“', '«': '»' });

type Quoting = 'quoted' | 'partly' | 'none';

function quoting(text: string, range: Range): Quoting {
  const inner = text.slice(range.start, range.end).trim();
  const after = text.slice(range.end, range.end + 8);
  // Annotators differ on whether the marks belong to the content, so look just outside it too.
  const open = OPENS.exec(inner)?.[0] ?? OPEN_BEFORE.exec(text.slice(Math.max(0, range.start - 3), range.start))?.[1];
  const closes = CLOSES.test(inner) || CLOSE_AFTER.test(after) || PARAGRAPH_AFTER.test(after);
  if (open && closes) {
    const core = inner.replace(OPENS, '').replace(CLOSES, '').replace(PARAGRAPH_REOPEN, '\n');
    // A quote nested inside uses the other style ("… “…” …"): only the outer marks end the quote early.
    if (!core.includes(open) && !core.includes(CLOSING_MARK[open] ?? open)) return 'quoted';
  }
  return QUOTE.test(inner) ? 'partly' : 'none';
}

/**
 * The kind of an annotated attribution, read from the text alone (a `.ann`
 * file carries none): content entirely inside quotation marks is `direct`,
 * content with some quoted words `mixed`, a cue "according to"
 * `according-to`, anything else `indirect`.
 */
export function classifyKind(text: string, event: BratEvent): AttributionKind {
  const parts = event.content.map((range) => quoting(text, range));
  if (parts.length > 0 && parts.every((q) => q === 'quoted')) return 'direct';
  if (parts.some((q) => q !== 'none')) return 'mixed';
  const cue = event.cue.map((r) => text.slice(r.start, r.end)).join(' ');
  return /\baccording\s+to\b/i.test(cue) ? 'according-to' : 'indirect';
}
