import Database from 'better-sqlite3';
import type { ArticleRecord, Store, StoredAttribution, StoredSpan } from '../store.js';
import type { AttributionKind, Entity, EntityType } from '../../model/index.js';
import { createCorrections } from './corrections.js';
import { migrate } from './migrations.js';
import { createQueries } from './queries.js';
import { createArticleWriter } from './write-article.js';

export { MIGRATIONS, migrate, schemaVersion, type Migration } from './migrations.js';

/** Options for {@link openSqliteStore}. */
export interface SqliteStoreOptions {
  /** Open without writing: no migration, writes fail. */
  readonly readonly?: boolean;
}

interface ArticleRow {
  id: number;
  identity: string;
  source: string;
  url: string | null;
  title: string | null;
  byline: string | null;
  outlet: string | null;
  outlet_speaker_id: number | null;
  published_at: string | null;
  summary_only: number;
  text: string;
  body_start: number;
}

interface SpanRow {
  attribution_id: number;
  role: 'content' | 'cue' | 'source';
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  parts: string | null;
}

function articleRecord(r: ArticleRow): ArticleRecord {
  return {
    id: r.id,
    identity: r.identity,
    source: r.source,
    url: r.url,
    title: r.title,
    byline: r.byline,
    outlet: r.outlet,
    outletSpeakerId: r.outlet_speaker_id,
    publishedAt: r.published_at,
    summaryOnly: r.summary_only === 1,
    text: r.text,
    bodyStart: r.body_start,
  };
}

/**
 * Opens (creating and migrating) a SQLite store. WAL journal: a reader never
 * blocks the writer, and a killed process loses nothing it had committed.
 */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  const { readonly = false } = options;
  const db = new Database(file, { readonly, fileMustExist: readonly });
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // 64 MiB of page cache instead of SQLite's 2 MiB: claim bands and the full-text index take
  // random inserts, which at 100,000 articles otherwise read the disk for every one.
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db);
  }
  const writer = readonly ? null : createArticleWriter(db);
  const queries = createQueries(db);
  const corrections = readonly ? null : createCorrections(db);
  const mustWrite = <T>(x: T | null): T => {
    if (x === null) throw new Error(`store: ${file} is open read-only`);
    return x;
  };
  const articlePage = db.prepare<[number], ArticleRow>('SELECT * FROM articles WHERE id > ? ORDER BY id LIMIT 256');
  const hashOf = db.prepare<[string], { content_hash: string }>('SELECT content_hash FROM articles WHERE identity = ?');
  const articleById = db.prepare<[number], ArticleRow>('SELECT * FROM articles WHERE id = ?');
  const idOf = db.prepare<[string], { id: number }>('SELECT id FROM articles WHERE identity = ?');
  const entitiesOf = db.prepare<[number], { entities: string | null }>('SELECT entities FROM articles WHERE id = ?');
  const attributionRows = db.prepare<[number], {
    id: number;
    article_id: number;
    local_id: string;
    kind: AttributionKind;
    speaker_id: number | null;
    speaker_name: string | null;
    speaker_type: EntityType | null;
    speaker_roles: string;
    confidence: number | null;
    claim_id: number;
  }>('SELECT a.*, COALESCE(s.name, a.speaker_name) AS speaker_name FROM attributions a LEFT JOIN speakers s ON s.id = a.speaker_id WHERE a.article_id = ? ORDER BY a.id');
  const spanRows = db.prepare<[number], SpanRow>('SELECT s.* FROM spans s JOIN attributions a ON a.id = s.attribution_id WHERE a.article_id = ?');

  const toSpan = (r: SpanRow): StoredSpan => {
    const base = { start: r.start, end: r.end, text: r.exact, selector: { exact: r.exact, prefix: r.prefix, suffix: r.suffix } };
    if (r.parts === null) return base;
    return { ...base, parts: (JSON.parse(r.parts) as [number, number][]).map(([start, end]) => ({ start, end, text: '' })) };
  };

  function attributions(articleId?: number): StoredAttribution[] {
    const ids = articleId === undefined ? (db.prepare('SELECT id FROM articles ORDER BY id').pluck().all() as number[]) : [articleId];
    const out: StoredAttribution[] = [];
    for (const id of ids) {
      const text = (db.prepare('SELECT text FROM articles WHERE id = ?').pluck().get(id) as string | undefined) ?? '';
      const spans = new Map<string, StoredSpan>();
      for (const s of spanRows.all(id)) {
        const span = toSpan(s);
        spans.set(`${s.attribution_id}:${s.role}`, span.parts ? { ...span, parts: span.parts.map((p) => ({ ...p, text: text.slice(p.start, p.end) })) } : span);
      }
      for (const r of attributionRows.all(id)) {
        out.push({
          id: r.id,
          articleId: r.article_id,
          localId: r.local_id,
          kind: r.kind,
          content: spans.get(`${r.id}:content`)!,
          cue: spans.get(`${r.id}:cue`)!,
          source: spans.get(`${r.id}:source`) ?? null,
          speaker:
            r.speaker_name !== null && r.speaker_type !== null
              ? { id: r.speaker_id, name: r.speaker_name, type: r.speaker_type, roles: JSON.parse(r.speaker_roles) as string[] }
              : null,
          confidence: r.confidence,
          claimId: r.claim_id,
        });
      }
    }
    return out;
  }

  return Object.freeze({
    file,
    articleHash: (identity: string) => hashOf.get(identity)?.content_hash ?? null,
    putArticle: (article, extraction) => mustWrite(writer).putArticle(article, extraction),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    ...queries,
    mergeSpeakers: (into: number, from: number) => mustWrite(corrections).mergeSpeakers(into, from),
    splitSpeaker: (id: number, name: string) => mustWrite(corrections).splitSpeaker(id, name),
    articles: function* ({ after = 0 }: { readonly after?: number } = {}): IterableIterator<ArticleRecord> {
      // Paged, not iterated: the caller may query the store between articles.
      for (let page = articlePage.all(after); page.length > 0; page = articlePage.all(page[page.length - 1]!.id)) {
        for (const r of page) yield articleRecord(r);
      }
    },
    article: (id: number) => {
      const r = articleById.get(id);
      return r ? articleRecord(r) : null;
    },
    articleId: (identity: string) => idOf.get(identity)?.id ?? null,
    entities: (articleId: number) => {
      const json = entitiesOf.get(articleId)?.entities;
      return typeof json === 'string' ? (JSON.parse(json) as Entity[]) : null;
    },
    attributions,
    close: () => db.close(),
  } satisfies Store);
}
