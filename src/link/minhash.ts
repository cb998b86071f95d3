/**
 * Claim grouping: two attributions carry the same claim when the sets of
 * content words of their contents overlap enough (Jaccard similarity over
 * single-word shingles, after dropping function words and plain suffixes),
 * so punctuation, quote marks, small edits and light paraphrase ("each
 * 10-cent increase drives away about 1.5 percent of riders" against "every
 * 10-cent increase in fares costs the ferry about 1.5 percent of its
 * riders") do not hide a repeated claim.
 *
 * Candidates are found by MinHash with locality-sensitive hashing: two
 * contents share one of BANDS band keys with probability
 * 1 − (1 − J^BAND_ROWS)^BANDS (J = 0.34 → 0.86, J = 0.5 → 0.99, J = 0.1 → 0.15);
 * each candidate is then checked exactly.
 */

/** Hash functions in a signature. */
export const SIGNATURE_SIZE = 32;
/** Rows per LSH band. */
export const BAND_ROWS = 2;
/** Bands per signature. */
export const BANDS = SIGNATURE_SIZE / BAND_ROWS;
/** Jaccard similarity of content words at or above which two contents are one claim. */
export const CLAIM_THRESHOLD = 0.34;
/** Content words two contents must share, besides the threshold, so short contents do not group by chance. */
export const MIN_SHARED_WORDS = 5;
/** Contents with fewer content words than this are not grouped ("no comment"). */
export const MIN_CLAIM_WORDS = 5;

const FUNCTION_WORDS = new Set(
  (
    'a an the and or but nor of to in on at for by with from as that this these those it its is are was were be been being ' +
    'has have had will would could should may might must can do does did not no than then there their they them he she his her ' +
    'him we our us you your i me my about into over under after before more most some any each every such which who whom whose ' +
    'what when where while also just only very said says say told according if so up out one'
  ).split(' '),
);

/** Drops plain inflection so "limits", "limited" and "limit" meet; a measured trade-off, not a stemmer. */
function stem(word: string): string {
  return word.length > 4 ? word.replace(/(?:ing|ed|es|s)$/, '') : word;
}

/** The content words of a text, folded and stemmed: what claim grouping compares. */
export function claimWords(text: string): Set<string> {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/[’']/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !FUNCTION_WORDS.has(w))
    .map(stem);
  return new Set(words);
}

/** Whether two contents carry the same claim, compared exactly. */
export function sameClaim(a: string, b: string): boolean {
  return sameClaimWords(claimWords(a), claimWords(b));
}

/** {@link sameClaim} on content words already computed. */
export function sameClaimWords(wa: ReadonlySet<string>, wb: ReadonlySet<string>): boolean {
  if (wa.size < MIN_CLAIM_WORDS || wb.size < MIN_CLAIM_WORDS) return false;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared >= MIN_SHARED_WORDS && shared / (wa.size + wb.size - shared) >= CLAIM_THRESHOLD;
}

/** The MinHash signature of a content, or null when it is too short to group. */
export function minhash(text: string): Uint32Array | null {
  return minhashWords(claimWords(text));
}

/** {@link minhash} of content words already computed. */
export function minhashWords(words: ReadonlySet<string>): Uint32Array | null {
  if (words.size < MIN_CLAIM_WORDS) return null;
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const word of words) {
    const h1 = fnv1a(word, 0x811c9dc5);
    const h2 = fnv1a(word, 0x01000193) | 1;
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      const h = fmix32((h1 + Math.imul(k, h2)) >>> 0);
      if (h < sig[k]!) sig[k] = h;
    }
  }
  return sig;
}

/** What claim grouping needs of a content: its words and band keys (null when too short to group). Plain data, to pass between threads. */
export interface ClaimSketch {
  readonly words: readonly string[];
  readonly bands: readonly number[] | null;
}

/** The {@link ClaimSketch} of a content. */
export function claimSketch(text: string): ClaimSketch {
  const words = claimWords(text);
  const sig = minhashWords(words);
  return { words: [...words], bands: sig === null ? null : bandKeys(sig) };
}

/** The estimated Jaccard similarity of two signatures. */
export function signatureSimilarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < SIGNATURE_SIZE; k++) if (a[k] === b[k]) same++;
  return same / SIGNATURE_SIZE;
}

/** The LSH band keys of a signature: safe integers, one per band, distinct across bands. */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5;
    for (let r = 0; r < BAND_ROWS; r++) h = fmix32((h ^ sig[b * BAND_ROWS + r]!) >>> 0);
    keys.push(b * 0x100000000 + h);
  }
  return keys;
}

function fnv1a(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's finaliser: spreads every input bit over the output. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
