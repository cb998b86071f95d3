import type { Database } from 'better-sqlite3';
import { DROP_FIRST_VERSION_TABLES } from '../sql/schema.js';

/** One schema change and its inverse; applied in order of `version`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database) => void;
  readonly down: (db: Database) => void;
}

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
        ) WITHOUT ROWID;
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
