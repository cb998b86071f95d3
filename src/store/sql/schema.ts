/** The tables the first schema version creates, dependents first: the order they must be dropped in. Both backends share them. */
const FIRST_VERSION_TABLES = ['corrections', 'claim_bands', 'speaker_roles', 'spans', 'attributions', 'articles', 'speaker_aliases', 'speakers'] as const;

/** The statements that drop the first schema version's tables, for its down migration on either backend. */
export const DROP_FIRST_VERSION_TABLES = FIRST_VERSION_TABLES.map((t) => `DROP TABLE ${t};`).join('\n');
