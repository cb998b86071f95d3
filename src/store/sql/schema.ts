/** The tables the first schema version creates, dependents first: the order they must be dropped in. Both backends share them. */
const FIRST_VERSION_TABLES = ['corrections', 'claim_bands', 'speaker_roles', 'spans', 'attributions', 'articles', 'speaker_aliases', 'speakers'] as const;

/** The statements that drop the first schema version's tables, for its down migration on either backend. */
export const DROP_FIRST_VERSION_TABLES = FIRST_VERSION_TABLES.map((t) => `DROP TABLE ${t};`).join('\n');

/**
 * Members kept per LSH claim band, the oldest. A claim carried by hundreds
 * of articles fills its bands; any one member of it is enough to join it, so
 * the work per new attribution stays bounded however large a group grows.
 */
export const CLAIM_BAND_MEMBERS = 4;

/** The span columns schema version 5 adds to `attributions` (see `span-columns.ts`), as column definitions. */
export const SPAN_COLUMN_DDL = [
  'content_start INTEGER',
  'content_end INTEGER',
  'cue_start INTEGER',
  'cue_end INTEGER',
  'cue TEXT',
  'source_start INTEGER',
  'source_end INTEGER',
  'source TEXT',
  'parts TEXT',
] as const;

/** Copies the version-4 `spans` rows into the span columns; both backends run it. */
export const SPANS_INTO_COLUMNS = `
  UPDATE attributions SET content_start = s.start, content_end = s."end" FROM spans s WHERE s.attribution_id = attributions.id AND s.role = 'content';
  UPDATE attributions SET cue_start = s.start, cue_end = s."end", cue = s.exact FROM spans s WHERE s.attribution_id = attributions.id AND s.role = 'cue';
  UPDATE attributions SET source_start = s.start, source_end = s."end", source = s.exact FROM spans s WHERE s.attribution_id = attributions.id AND s.role = 'source';`;

