import type { SqlValue } from '../store/sql/sql-client.js';

/**
 * A database at schema version 3 (claim bands a row per member, spans a
 * table of their own), as statements to run after migrating to version 3:
 * what upgrading and downgrading tests start from. Both backends run it;
 * placeholders are `?`.
 */
export const VERSION_3_TEXT = 'Intro. “We will rebuild the pier,” Mayor Ana Ruiz said. “Every plank of it.” Later, the council agreed.';

const at = (s: string, from = 0): [number, number] => {
  const start = VERSION_3_TEXT.indexOf(s, from);
  if (start < 0) throw new Error(`fixture: ${s} not in text`);
  return [start, start + s.length];
};

const quote1 = at('We will rebuild the pier,');
const quote2 = at('Every plank of it.');
const cue = at('said');
const source = at('Mayor Ana Ruiz');
const content2 = at('agreed');
const cue2 = at('agreed');

const slice = ([start, end]: [number, number]): string => VERSION_3_TEXT.slice(start, end);
const prefix = ([start]: [number, number]): string => VERSION_3_TEXT.slice(Math.max(0, start - 32), start);
const suffix = ([, end]: [number, number]): string => VERSION_3_TEXT.slice(end, end + 32);
const content1: [number, number] = [quote1[0], quote2[1]];

/** The `spans` rows as version 3 holds them: `[attribution_id, role, start, end, exact, prefix, suffix, parts]`. */
export const VERSION_3_SPANS: readonly SqlValue[][] = [
  [1, 'content', ...content1, slice(content1), prefix(content1), suffix(content1), JSON.stringify([quote1, quote2])],
  [1, 'cue', ...cue, slice(cue), prefix(cue), suffix(cue), null],
  [1, 'source', ...source, slice(source), prefix(source), suffix(source), null],
  [2, 'content', ...content2, slice(content2), prefix(content2), suffix(content2), null],
  [2, 'cue', ...cue2, slice(cue2), prefix(cue2), suffix(cue2), null],
];

/** Band 7 lists five attributions; version 4 keeps a band's four oldest. */
export const VERSION_3_BAND = 7;

export const VERSION_3_STATEMENTS: readonly [string, SqlValue[]][] = [
  ["INSERT INTO articles (id, identity, content_hash, source, text, body_start, summary_only) VALUES (1, 'x', 'h', 's.txt', ?, 0, 0)", [VERSION_3_TEXT]],
  ...[1, 2, 3, 4, 5].map((id): [string, SqlValue[]] => [
    "INSERT INTO attributions (id, article_id, local_id, kind, content, claim_id) VALUES (?, 1, ?, 'direct', ?, ?)",
    [id, `a${id}`, id === 1 ? slice(content1) : id === 2 ? slice(content2) : `filler ${id}`, id],
  ]),
  ...VERSION_3_SPANS.map((row): [string, SqlValue[]] => ['INSERT INTO spans (attribution_id, role, start, "end", exact, prefix, suffix, parts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [...row]]),
  ...[5, 3, 1, 4, 2].map((id): [string, SqlValue[]] => ['INSERT INTO claim_bands (band, attribution_id) VALUES (?, ?)', [VERSION_3_BAND, id]]),
];
