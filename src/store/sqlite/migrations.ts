import type { Database } from 'better-sqlite3';
import { CLAIM_BAND_MEMBERS, DROP_FIRST_VERSION_TABLES, SPAN_COLUMN_DDL, SPANS_INTO_COLUMNS } from '../sql/schema.js';
import { legacySpanRows, SPAN_COLUMNS, type SpanColumnsRow } from '../sql/span-columns.js';

/** One schema change and its inverse; applied in order of `version`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database) => void;
  readonly down: (db: Database) => void;
}

/** The spans table of versions 1 to 4, which going down from 5 makes again. */
const SPANS_TABLE = `
  CREATE TABLE spans (
    attribution_id INTEGER NOT NULL REFERENCES attributions(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('content', 'cue', 'source')),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    exact TEXT NOT NULL,
    prefix TEXT NOT NULL,
    suffix TEXT NOT NULL,
    parts TEXT,
    PRIMARY KEY (attribution_id, role)
  ) WITHOUT ROWID`;

/** Every migration, numbered from 1. Never edit a released one: add the next. */
export const MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    version: 1,
    name: 'articles, attributions, spans, speakers, claims, full-text index',
    up: (db) =>
      db.exec(`
        CREATE TABLE speakers (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL,
          type TEXT NOT NULL,
          first TEXT,
          surname TEXT
        );
        CREATE INDEX speakers_surname ON speakers(surname) WHERE surname IS NOT NULL;
        CREATE TABLE speaker_aliases (
          key TEXT PRIMARY KEY,
          speaker_id INTEGER REFERENCES speakers(id) ON DELETE CASCADE,
          pinned INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX speaker_aliases_speaker ON speaker_aliases(speaker_id);
        CREATE TABLE articles (
          id INTEGER PRIMARY KEY,
          identity TEXT NOT NULL UNIQUE,
          content_hash TEXT NOT NULL,
          source TEXT NOT NULL,
          url TEXT,
          title TEXT,
          byline TEXT,
          outlet TEXT,
          outlet_speaker_id INTEGER REFERENCES speakers(id) ON DELETE SET NULL,
          published_at TEXT,
          summary_only INTEGER NOT NULL DEFAULT 0,
          text TEXT NOT NULL,
          body_start INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX articles_published ON articles(published_at);
        CREATE INDEX articles_outlet ON articles(outlet_speaker_id);
        CREATE TABLE attributions (
          id INTEGER PRIMARY KEY,
          article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          local_id TEXT NOT NULL,
          kind TEXT NOT NULL,
          content TEXT NOT NULL,
          speaker_id INTEGER REFERENCES speakers(id) ON DELETE SET NULL,
          speaker_name TEXT,
          speaker_type TEXT,
          speaker_roles TEXT NOT NULL DEFAULT '[]',
          confidence REAL,
          claim_id INTEGER NOT NULL
        );
        CREATE INDEX attributions_article ON attributions(article_id);
        CREATE INDEX attributions_speaker ON attributions(speaker_id);
        CREATE INDEX attributions_claim ON attributions(claim_id);
        ${SPANS_TABLE};
        CREATE TABLE speaker_roles (
          speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
          article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          role TEXT NOT NULL,
          PRIMARY KEY (speaker_id, article_id, role)
        ) WITHOUT ROWID;
        CREATE INDEX speaker_roles_article ON speaker_roles(article_id);
        CREATE TABLE claim_bands (
          band INTEGER NOT NULL,
          attribution_id INTEGER NOT NULL REFERENCES attributions(id) ON DELETE CASCADE,
          PRIMARY KEY (band, attribution_id)
        ) WITHOUT ROWID;
        CREATE INDEX claim_bands_attribution ON claim_bands(attribution_id);
        CREATE TABLE corrections (
          id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
          detail TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE attribution_fts USING fts5(
          content, content = 'attributions', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER attributions_fts_insert AFTER INSERT ON attributions BEGIN
          INSERT INTO attribution_fts(rowid, content) VALUES (new.id, new.content);
        END;
        CREATE TRIGGER attributions_fts_delete AFTER DELETE ON attributions BEGIN
          INSERT INTO attribution_fts(attribution_fts, rowid, content) VALUES ('delete', old.id, old.content);
        END;
      `),
    down: (db) =>
      db.exec(`
        DROP TRIGGER attributions_fts_delete;
        DROP TRIGGER attributions_fts_insert;
        DROP TABLE attribution_fts;
        ${DROP_FIRST_VERSION_TABLES}
      `),
  },
  {
    version: 2,
    name: "articles keep their extraction's entities",
    up: (db) => db.exec('ALTER TABLE articles ADD COLUMN entities TEXT'),
    down: (db) => db.exec('ALTER TABLE articles DROP COLUMN entities'),
  },
  {
    version: 3,
    name: 'watched feeds and their validators',
    up: (db) => db.exec('CREATE TABLE feeds (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, checked_at TEXT NOT NULL)'),
    down: (db) => db.exec('DROP TABLE feeds'),
  },
  {
    version: 4,
    name: 'one claim-band row per band key, listing its oldest members',
    // A row per (band, member) with an index on each cost two B-tree inserts per band and a join per lookup;
    // a row per band, keyed by the band itself, is one insert and one rowid seek. Members of deleted
    // attributions are removed by the writer, which knows their bands (no foreign key can).
    up: (db) =>
      db.exec(`
        CREATE TABLE claim_band_members (band INTEGER PRIMARY KEY, members TEXT NOT NULL);
        INSERT INTO claim_band_members (band, members)
          SELECT band, group_concat(attribution_id, ',') FROM (
            SELECT band, attribution_id FROM (
              SELECT band, attribution_id, row_number() OVER (PARTITION BY band ORDER BY attribution_id) AS rn FROM claim_bands
            ) WHERE rn <= ${CLAIM_BAND_MEMBERS} ORDER BY band, attribution_id
          ) GROUP BY band;
        DROP TABLE claim_bands;
        ALTER TABLE claim_band_members RENAME TO claim_bands;
      `),
    down: (db) =>
      db.exec(`
        CREATE TABLE claim_band_rows (
          band INTEGER NOT NULL,
          attribution_id INTEGER NOT NULL REFERENCES attributions(id) ON DELETE CASCADE,
          PRIMARY KEY (band, attribution_id)
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO claim_band_rows (band, attribution_id)
          SELECT b.band, CAST(j.value AS INTEGER) FROM claim_bands b, json_each('[' || b.members || ']') j
          WHERE CAST(j.value AS INTEGER) IN (SELECT id FROM attributions);
        DROP TABLE claim_bands;
        ALTER TABLE claim_band_rows RENAME TO claim_bands;
        CREATE INDEX claim_bands_attribution ON claim_bands(attribution_id);
      `),
  },
  {
    version: 5,
    name: "an attribution's spans in its own row",
    // Three span rows an attribution, each with its own key and a copy of its words, cost more to write
    // than the attribution itself; selectors are slices of the stored article text.
    up: (db) =>
      db.exec(`
        ${SPAN_COLUMN_DDL.map((c) => `ALTER TABLE attributions ADD COLUMN ${c};`).join('\n')}
        ${SPANS_INTO_COLUMNS}
        UPDATE attributions SET parts = p.parts FROM (
          SELECT attribution_id, json_group_object(role, json(parts)) AS parts FROM spans WHERE parts IS NOT NULL GROUP BY attribution_id
        ) p WHERE p.attribution_id = attributions.id;
        DROP TABLE spans;
      `),
    down: (db) => {
      db.exec(SPANS_TABLE);
      const insert = db.prepare('INSERT INTO spans (attribution_id, role, start, "end", exact, prefix, suffix, parts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      const rows = db.prepare(`SELECT a.id, ar.text, ${SPAN_COLUMNS.map((c) => `a.${c}`).join(', ')} FROM attributions a JOIN articles ar ON ar.id = a.article_id`);
      for (const row of rows.all() as (SpanColumnsRow & { id: number; text: string })[]) {
        for (const values of legacySpanRows(row.id, row, row.text)) insert.run(...values);
      }
      db.exec(SPAN_COLUMNS.map((c) => `ALTER TABLE attributions DROP COLUMN ${c};`).join('\n'));
    },
  },
  {
    version: 6,
    name: 'the full-text index written by the article writer',
    // FTS5 written from a row trigger cost about 1 ms an article, several times one INSERT … SELECT an article
    // (`Dialect.indexContents`). Deleting still goes through the delete trigger.
    up: (db) => db.exec('DROP TRIGGER attributions_fts_insert'),
    down: (db) =>
      db.exec(`
        CREATE TRIGGER attributions_fts_insert AFTER INSERT ON attributions BEGIN
          INSERT INTO attribution_fts(rowid, content) VALUES (new.id, new.content);
        END;
      `),
  },
]);

/** The schema version a database is at (SQLite's `user_version`). */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings a database to `target` (the latest by default), up or down, each
 * step in its own transaction with the version bump, so a crash leaves the
 * database at a known version. A database newer than this code is refused.
 */
export function migrate(db: Database, target: number = MIGRATIONS.length, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new Error(`store: database schema version ${current} is newer than this claimtrail (${migrations.length})`);
  }
  for (let v = current; v < target; v++) {
    const m = migrations[v]!;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  for (let v = current; v > target; v--) {
    const m = migrations[v - 1]!;
    db.transaction(() => {
      m.down(db);
      db.pragma(`user_version = ${m.version - 1}`);
    })();
  }
}
