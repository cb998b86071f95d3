import type { Document } from './document.js';
import { firstNameGender } from './lexicons/first-names.js';
import { PLACES, PLACE_PHRASES } from './lexicons/places.js';
import {
  HONORIFICS,
  ORGANIZATION_WORDS,
  OUTLET_ACRONYMS,
  OUTLET_WORDS,
  TITLE_WORDS,
} from './lexicons/titles.js';
import type { TokenRange } from './tag-cues.js';

/** What a name mention names. */
export type MentionType = 'person' | 'organization' | 'outlet' | 'place';

/** A proper-name mention: its tokens, its type, and the title tokens written before it. */
export interface Mention {
  readonly type: MentionType;
  /** Tokens of the name itself (titles excluded). */
  readonly name: TokenRange;
  /** Tokens of a pre-name title inside the same capitalised run ("Harbor Commissioner"), if any. */
  readonly title: TokenRange | null;
  /** The name as written. */
  readonly text: string;
}

/** Words that may join capitalised words inside one name ("Department of Defense"). */
const CONNECTORS = new Set(['of', 'for', '&', 'de', 'del', 'la', 'van', 'von']);
/** Capitalised sentence openers and function words that never start a name. */
const OPENERS = new Set(
  (
    'the a an in on at for and but or so if as this that these those it its he she they we i you his her their ' +
    'our my when while after before since during although though because yet still also then there here what ' +
    'who why how where which with without from by to into over under about against between among some many most ' +
    'more all both each every no not one two three mr mrs ms dr former ex acting then-'
  ).split(' '),
);
const MONTHS = new Set(
  'january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday'.split(
    ' ',
  ),
);

/** Whether a word starts with a capital letter. */
export function isCapitalized(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  return w[0] !== w[0]!.toLowerCase() && w[0]!.toLowerCase() !== w[0]!.toUpperCase();
}

/** Finds capitalised runs and classifies each as a person, organisation, outlet or place. */
export function findMentions(doc: Document): Mention[] {
  const { tokens, text } = doc;
  const n = tokens.count;
  const out: Mention[] = [];
  let i = 0;
  while (i < n) {
    const w = tokens.word[i]!;
    if (!isCapitalized(w) || tokens.lower[i] === '’s') {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n) {
      const x = tokens.word[j]!;
      if (tokens.paragraph[j] !== tokens.paragraph[i]) break;
      // Days and months end a name ("Mayor Jane Doe Tuesday").
      if (isCapitalized(x) && x !== '’s' && !MONTHS.has(tokens.lower[j]!)) {
        j++;
        continue;
      }
      // An initial: "J." after a capital letter.
      if (x === '.' && tokens.word[j - 1]!.length === 1 && tokens.start[j] === tokens.end[j - 1] && j + 1 < n && isCapitalized(tokens.word[j + 1]!)) {
        j++;
        continue;
      }
      if (CONNECTORS.has(x) && j + 1 < n && isCapitalized(tokens.word[j + 1]!) && !OPENERS.has(tokens.lower[j + 1]!)) {
        j += 2;
        continue;
      }
      break;
    }
    classifyRun(doc, i, j, out, text);
    i = j;
  }
  return out;
}

function classifyRun(doc: Document, runStart: number, runEnd: number, out: Mention[], text: string): void {
  const { tokens } = doc;
  let s = runStart;
  let hasThe = false;
  while (s < runEnd && (OPENERS.has(tokens.lower[s]!) || MONTHS.has(tokens.lower[s]!))) {
    if (tokens.lower[s] === 'the') hasThe = true;
    s++;
  }
  // Trailing connectors or a trailing period are not part of a name.
  let e = runEnd;
  while (e > s && (CONNECTORS.has(tokens.word[e - 1]!) || tokens.word[e - 1] === '.')) e--;
  if (e <= s) return;
  const lowers = tokens.lower.slice(s, e);
  const last = lowers[lowers.length - 1]!;
  const phrase = lowers.join(' ');
  const span = (a: number, b: number): string => text.slice(tokens.start[a]!, tokens.end[b - 1]!);
  if ((e - s === 1 && OUTLET_ACRONYMS.has(last)) || (e - s >= 2 && OUTLET_WORDS.has(last))) {
    const from = hasThe && tokens.lower[s - 1] === 'the' ? s - 1 : s;
    out.push({ type: 'outlet', name: { start: from, end: e }, title: null, text: span(from, e) });
    return;
  }
  if (PLACE_PHRASES.has(phrase) || (e - s === 1 && PLACES.has(last))) {
    out.push({ type: 'place', name: { start: s, end: e }, title: null, text: span(s, e) });
    return;
  }
  // A title inside the run ("Harbor Commissioner Dana Okafor"): the name follows the last title word.
  let titleEnd = -1;
  for (let k = s; k < e - 1; k++) if (TITLE_WORDS.has(tokens.lower[k]!) || HONORIFICS.has(tokens.lower[k]!)) titleEnd = k + 1;
  if (titleEnd > 0 && tokens.word[titleEnd] === '.') titleEnd++;
  const nameStart = titleEnd > 0 ? titleEnd : s;
  if (nameStart >= e) return;
  if (lowers.some((l) => ORGANIZATION_WORDS.has(l)) && titleEnd < 0) {
    const from = hasThe && tokens.lower[s - 1] === 'the' ? s - 1 : s;
    out.push({ type: 'organization', name: { start: from, end: e }, title: null, text: span(from, e) });
    return;
  }
  const len = e - nameStart;
  // Words of the name: an initial's period is not one ("Julie A. Diaz Martinez" has four).
  let words = 0;
  for (let k = nameStart; k < e; k++) if (tokens.word[k] !== '.') words++;
  const first = tokens.word[nameStart]!;
  const personLike =
    words >= 2 && words <= 4 && (titleEnd > 0 || firstNameGender(first) !== null || isInitial(tokens.word[nameStart]!));
  if (personLike || (titleEnd > 0 && len === 1)) {
    out.push({
      type: 'person',
      name: { start: nameStart, end: e },
      title: titleEnd > 0 ? { start: s, end: titleEnd } : null,
      text: span(nameStart, e),
    });
    return;
  }
  if (len === 1) {
    // A lone capitalised word: a surname of someone named earlier, else left unclassified here.
    out.push({ type: 'person', name: { start: nameStart, end: e }, title: null, text: span(nameStart, e) });
    return;
  }
  // An unknown name after "at", "in", "near" or "from" is a place ("oyster growers at Gull Point").
  const before = s > 0 ? tokens.lower[s - 1]! : '';
  const type = before === 'at' || before === 'in' || before === 'near' || before === 'from' ? 'place' : 'organization';
  out.push({ type, name: { start: s, end: e }, title: null, text: span(s, e) });
}

function isInitial(w: string): boolean {
  return w.length === 1 && isCapitalized(w);
}
