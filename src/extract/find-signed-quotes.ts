import type { Document } from './document.js';
import type { TokenAttribution } from './find-attributions.js';
import { isCapitalized } from './find-mentions.js';

const DASHES = new Set(['―', '—', '–']);
const OPENING_MARKS = new Set(['“', '”', '"']);
const CLOSING_MARKS = new Set(['”', '"']);
/** Lower-case words inside names ("Oscar de la Hoya"). */
const NAME_PARTICLES = new Set(['de', 'la', 'del', 'da', 'di', 'van', 'von', 'der', 'den', 'le', 'bin', 'al', 'y']);
/** Words in a signature's name, and in the description that may follow it after a comma. */
const MAX_NAME_TOKENS = 7;
const MAX_DESCRIPTION_TOKENS = 16;

/**
 * The signature after a quote's dash, `start` its first token and `end` its
 * paragraph's end: the name's tokens, or null if it does not read as a name
 * (capitalised words, initials and particles, then nothing or a comma and a
 * short description).
 */
function signatureName(doc: Document, start: number, end: number): { start: number; end: number } | null {
  const { word } = doc.tokens;
  let i = start;
  let words = 0;
  while (i < end && word[i] !== ',') {
    const w = word[i]!;
    // A period after an initial, or closing the signature.
    const stop = w === '.' && i > start && (word[i - 1]!.length === 1 || i + 1 === end);
    if (!(isCapitalized(w) || stop || (words > 0 && NAME_PARTICLES.has(w)))) return null;
    if (w !== '.') words++;
    i++;
  }
  const nameEnd = word[i - 1] === '.' && i === end && word[i - 2]!.length > 1 ? i - 1 : i;
  if (nameEnd === start || nameEnd - start > MAX_NAME_TOKENS || !isCapitalized(word[start]!)) return null;
  if (!word.slice(start, nameEnd).some((w) => w.length > 1 && isCapitalized(w))) return null;
  if (nameEnd < end && end - nameEnd - 1 > MAX_DESCRIPTION_TOKENS) return null;
  return { start, end: nameEnd };
}

/**
 * Quotes signed at the end of their paragraph, the way reader panels,
 * testimonials and epigraphs print them: “…” ― Name (or an em or en dash),
 * maybe followed by a comma and who they are. The dash is the cue, the name
 * the source, the quote (marks included) the content. Taggers trained on
 * news prose rarely see the form, so a rule finds it.
 */
export function findSignedQuotes(doc: Document): TokenAttribution[] {
  const { word, count, paragraphStarts } = doc.tokens;
  const out: TokenAttribution[] = [];
  for (let p = 0; p + 1 < paragraphStarts.length; p++) {
    const first = paragraphStarts[p]!;
    const end = Math.min(paragraphStarts[p + 1]!, count);
    if (first >= end || !OPENING_MARKS.has(word[first]!)) continue;
    // The last dash of the paragraph that follows a closing mark: dashes inside the quote are the quote's own.
    for (let d = end - 2; d > first + 1; d--) {
      if (!DASHES.has(word[d]!) || !CLOSING_MARKS.has(word[d - 1]!)) continue;
      const name = signatureName(doc, d + 1, end);
      if (name !== null) out.push({ cue: { start: d, end: d + 1 }, source: name, content: [{ start: first, end: d }] });
      break;
    }
  }
  return out;
}
