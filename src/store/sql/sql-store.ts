import type { AttributionKind, Entity, EntityType } from '../../model/index.js';
import type { ArticleRecord, FeedState, Store, StoredAttribution } from '../store.js';
import { mergeSpeakers, splitSpeaker } from './corrections.js';
import { createQueries, type Dialect } from './queries.js';
import type { SqlClient } from './sql-client.js';
import { SPAN_COLUMNS, spansFromColumns, type SpanColumnsRow } from './span-columns.js';
import { createArticleWriter } from './write-article.js';

/** What a backend gives the shared store: connections, transactions, and its dialect. */
export interface SqlBackend {
  readonly name: Store['backend'];
  readonly location: string;
  readonly dialect: Dialect;
  /** Runs single statements and reads outside any transaction. */
  readonly client: SqlClient;
  /** Runs `fn` in a top-level transaction on a connection of its own; commits when it resolves, rolls back when it rejects. */
  transaction<T>(fn: (client: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Called at the start of every write, inside its transaction: makes writers
   * take turns (across processes too) until the transaction ends, so linking
   * and claim grouping always see every earlier write.
   */
  lockWrites(client: SqlClient): Promise<void>;
  /** Refuses writes (a read-only store); null when writes are allowed. */
  readonly readOnlyError: string | null;
  close(): Promise<void>;
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

interface AttributionRow extends SpanColumnsRow {
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
}

const ARTICLE_COLUMNS = 'id, identity, source, url, title, byline, outlet, outlet_speaker_id, published_at, summary_only, text, body_start';

const SQL = {
  articlePage: `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id > ? ORDER BY id LIMIT 256`,
  hash: 'SELECT content_hash FROM articles WHERE identity = ?',
  article: `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ?`,
  articleId: 'SELECT id FROM articles WHERE identity = ?',
  articleIds: 'SELECT id FROM articles ORDER BY id',
  entities: 'SELECT entities FROM articles WHERE id = ?',
  text: 'SELECT text FROM articles WHERE id = ?',
  attributions: `
    SELECT a.id, a.article_id, a.local_id, a.kind, a.speaker_id, COALESCE(s.name, a.speaker_name) AS speaker_name, a.speaker_type,
      a.speaker_roles, a.confidence, a.claim_id, ${SPAN_COLUMNS.map((c) => `a.${c}`).join(', ')}
    FROM attributions a LEFT JOIN speakers s ON s.id = a.speaker_id WHERE a.article_id = ? ORDER BY a.id`,
  feed: 'SELECT url, etag, last_modified, checked_at FROM feeds WHERE url = ?',
  saveFeed: `
    INSERT INTO feeds (url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, checked_at = excluded.checked_at`,
} as const;

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
 * The one {@link Store} both backends are: the same writer, corrections and
 * queries over a backend's connections. Outside a transaction each write is
 * its own transaction; inside, a write or nested transaction is a savepoint.
 */
export function createSqlStore(backend: SqlBackend): Store {
  const writeArticle = createArticleWriter(backend.dialect);
  const mustWrite = (): void => {
    if (backend.readOnlyError !== null) throw new Error(backend.readOnlyError);
  };

  /**
   * `unindexed`: the articles of the transaction `db` is in whose attributions are not in the full-text index
   * yet, entered in one statement before it commits.
   */
  function scoped(db: SqlClient, depth: number, unindexed: number[]): Store {
    const queries = createQueries(db, backend.dialect);

    /** Runs `fn` atomically: a transaction at the top, a savepoint inside one. */
    async function atomically<T>(fn: (tx: Store, client: SqlClient, unindexed: number[]) => Promise<T>): Promise<T> {
      if (depth === 0) {
        try {
          return await backend.transaction(async (client) => {
            const written: number[] = [];
            const result = await fn(scoped(client, 1, written), client, written);
            await backend.dialect.indexContents(client, written);
            return result;
          });
        } catch (err) {
          writeArticle.forget();
          throw err;
        }
      }
      const name = `claimtrail_${depth}`;
      // Rolled back, the savepoint takes its articles' rows with it: they are no longer to index.
      const mark = unindexed.length;
      await db.run(`SAVEPOINT ${name}`);
      try {
        const result = await fn(scoped(db, depth + 1, unindexed), db, unindexed);
        await db.run(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (err) {
        await db.run(`ROLLBACK TO SAVEPOINT ${name}`);
        await db.run(`RELEASE SAVEPOINT ${name}`);
        unindexed.length = mark;
        // What the writer remembers of rows written in it is no longer true.
        writeArticle.forget();
        throw err;
      }
    }

    async function write<T>(fn: (client: SqlClient, unindexed: number[]) => Promise<T>): Promise<T> {
      mustWrite();
      return atomically(async (_tx, client, written) => {
        await backend.lockWrites(client);
        return fn(client, written);
      });
    }

    async function attributions(articleId?: number): Promise<StoredAttribution[]> {
      const ids = articleId === undefined ? (await db.all<{ id: number }>(SQL.articleIds)).map((r) => r.id) : [articleId];
      const out: StoredAttribution[] = [];
      for (const id of ids) {
        const text = (await db.get<{ text: string }>(SQL.text, [id]))?.text ?? '';
        for (const r of await db.all<AttributionRow>(SQL.attributions, [id])) {
          const spans = spansFromColumns(r, text);
          out.push({
            id: r.id,
            articleId: r.article_id,
            localId: r.local_id,
            kind: r.kind,
            content: spans.content,
            cue: spans.cue,
            source: spans.source,
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
      location: backend.location,
      backend: backend.name,
      articleHash: async (identity: string) => (await db.get<{ content_hash: string }>(SQL.hash, [identity]))?.content_hash ?? null,
      putArticle: (article, extraction, hints) => write((client, written) => writeArticle(client, article, extraction, written, hints)),
      transaction: <T>(fn: (tx: Store) => Promise<T>): Promise<T> => atomically((tx) => fn(tx)),
      ...queries,
      mergeSpeakers: (into: number, from: number) => write((client) => mergeSpeakers(client, into, from)),
      splitSpeaker: (id: number, name: string) => write((client) => splitSpeaker(client, id, name)),
      articles: async function* ({ after = 0 }: { readonly after?: number } = {}): AsyncIterableIterator<ArticleRecord> {
        // Paged, not one cursor: the caller may query the store between articles.
        for (let page = await db.all<ArticleRow>(SQL.articlePage, [after]); page.length > 0; page = await db.all<ArticleRow>(SQL.articlePage, [page[page.length - 1]!.id])) {
          for (const r of page) yield articleRecord(r);
        }
      },
      article: async (id: number) => {
        const r = await db.get<ArticleRow>(SQL.article, [id]);
        return r ? articleRecord(r) : null;
      },
      articleId: async (identity: string) => (await db.get<{ id: number }>(SQL.articleId, [identity]))?.id ?? null,
      entities: async (articleId: number) => {
        const json = (await db.get<{ entities: string | null }>(SQL.entities, [articleId]))?.entities;
        return typeof json === 'string' ? (JSON.parse(json) as Entity[]) : null;
      },
      attributions,
      feedState: async (url: string) => {
        const r = await db.get<{ url: string; etag: string | null; last_modified: string | null; checked_at: string }>(SQL.feed, [url]);
        return r ? { url: r.url, etag: r.etag, lastModified: r.last_modified, checkedAt: r.checked_at } : null;
      },
      saveFeedState: async (state: FeedState) => {
        mustWrite();
        await db.run(SQL.saveFeed, [state.url, state.etag, state.lastModified, state.checkedAt]);
      },
      // A transaction's view of the store closes with its transaction, not here.
      close: depth === 0 ? () => backend.close() : async () => undefined,
    } satisfies Store);
  }

  // Unused at the top: each transaction begun there keeps its own.
  return scoped(backend.client, 0, []);
}
