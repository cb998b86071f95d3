import type { Database } from 'better-sqlite3';
import { parseOrgName, parsePersonName, personKey, orgKey } from '../../link/index.js';
import { ATTRIBUTION_KINDS, type AttributionKind, type EntityType } from '../../model/index.js';
import { queryWords, snippet } from '../snippet.js';
import type {
  ArticleRef,
  AttributionRef,
  ClaimMember,
  DatedRole,
  SearchFilters,
  SearchResult,
  SpeakerLink,
  SpeakerPage,
  SpeakerSummary,
  Stats,
  Trace,
  TraceStep,
} from '../store.js';

/** Matches ranked at most, newest first, for an unfiltered search (see `search`). */
const RANK_WINDOW = 1000;

/** The read side of the store: search, speakers, trace, stats. */
export interface StoreQueries {
  search(query: string, filters?: SearchFilters): SearchResult[];
  speakers(options?: { readonly top?: number }): SpeakerSummary[];
  speaker(nameOrId: string, options?: { readonly limit?: number }): SpeakerPage | null;
  findSpeakers(nameOrId: string): SpeakerSummary[];
  trace(attributionId: number): Trace | null;
  stats(): Stats;
  allSpeakers(): IterableIterator<SpeakerSummary>;
}

/** Columns every result row carries: the attribution, its article and its speaker. */
const RESULT_COLUMNS = `
  a.id AS a_id, a.kind AS a_kind, a.content AS a_content, a.claim_id AS a_claim,
  a.speaker_id AS s_id, COALESCE(s.name, a.speaker_name) AS s_name, COALESCE(s.type, a.speaker_type) AS s_type, a.speaker_roles AS s_roles,
  (SELECT exact FROM spans WHERE attribution_id = a.id AND role = 'cue') AS a_cue,
  (SELECT exact FROM spans WHERE attribution_id = a.id AND role = 'source') AS a_source,
  ar.id AS ar_id, ar.title AS ar_title, ar.url AS ar_url, ar.source AS ar_source, ar.outlet AS ar_outlet, ar.published_at AS ar_date`;

interface ResultRow {
  a_id: number;
  a_kind: AttributionKind;
  a_content: string;
  a_claim: number;
  a_cue: string | null;
  a_source: string | null;
  s_id: number | null;
  s_name: string | null;
  s_type: EntityType | null;
  s_roles: string;
  ar_id: number;
  ar_title: string | null;
  ar_url: string | null;
  ar_source: string;
  ar_outlet: string | null;
  ar_date: string | null;
}

function attributionRef(r: ResultRow): AttributionRef {
  return { id: r.a_id, kind: r.a_kind, content: r.a_content, cue: r.a_cue ?? '', source: r.a_source, claimId: r.a_claim };
}

function articleRef(r: ResultRow): ArticleRef {
  return { id: r.ar_id, title: r.ar_title, url: r.ar_url, source: r.ar_source, outlet: r.ar_outlet, publishedAt: r.ar_date };
}

function speakerLink(r: ResultRow): SpeakerLink | null {
  if (r.s_name === null || r.s_type === null) return null;
  return { id: r.s_id, name: r.s_name, type: r.s_type, roles: JSON.parse(r.s_roles) as string[] };
}

/**
 * Turns what a user types into an FTS5 query: each word, or each "quoted
 * phrase", becomes a quoted string (so FTS5 syntax in the input is inert),
 * all of them required.
 */
export function ftsQuery(input: string): string | null {
  const terms: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(input); m !== null; m = re.exec(input)) {
    const raw = m[1] ?? m[2] ?? '';
    const words = raw.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
    if (words.length === 0) continue;
    terms.push(`"${words.join(' ')}"`);
  }
  return terms.length > 0 ? terms.join(' ') : null;
}

function likePattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Alias keys a typed name may be stored under. */
function aliasKeys(name: string): string[] {
  const keys: string[] = [];
  const person = parsePersonName(name);
  if (person) keys.push(personKey(person.first, person.surname));
  const org = parseOrgName(name);
  if (org) {
    keys.push(orgKey(org.key));
    if (org.isAcronym) keys.push(`o#:${org.key}`);
    else if (org.acronym) keys.push(orgKey(org.acronym));
    if (!org.lastWord && !org.isAcronym) keys.push(`o~:${org.key}`);
  }
  return keys;
}

/** Prepares the read queries over `db`. */
export function createQueries(db: Database): StoreQueries {
  const aliasId = db.prepare<[string], { speaker_id: number | null }>('SELECT speaker_id FROM speaker_aliases WHERE key = ?');
  const summaryColumns = `
    s.id, s.name, s.type,
    (SELECT json_group_array(role) FROM (SELECT DISTINCT role FROM speaker_roles WHERE speaker_id = s.id ORDER BY role)) AS roles,
    (SELECT COUNT(DISTINCT article_id) FROM attributions WHERE speaker_id = s.id) AS articles,
    (SELECT COUNT(*) FROM attributions WHERE speaker_id = s.id) AS statements`;
  interface SummaryRow {
    id: number;
    name: string;
    type: EntityType;
    roles: string;
    articles: number;
    statements: number;
  }
  const summary = (r: SummaryRow): SpeakerSummary => ({
    id: r.id,
    name: r.name,
    type: r.type,
    roles: JSON.parse(r.roles) as string[],
    articles: r.articles,
    statements: r.statements,
  });
  const q = {
    top: db.prepare<[number], SummaryRow>(`
      SELECT ${summaryColumns} FROM speakers s
      WHERE EXISTS (SELECT 1 FROM attributions WHERE speaker_id = s.id)
      ORDER BY statements DESC, articles DESC, s.name, s.id LIMIT ?`),
    all: db.prepare<[], SummaryRow>(`
      SELECT ${summaryColumns} FROM speakers s
      WHERE EXISTS (SELECT 1 FROM attributions WHERE speaker_id = s.id) OR EXISTS (SELECT 1 FROM articles WHERE outlet_speaker_id = s.id)
      ORDER BY s.id`),
    byId: db.prepare<[number], SummaryRow>(`SELECT ${summaryColumns} FROM speakers s WHERE s.id = ?`),
    byName: db.prepare<[string, string], SummaryRow>(`
      SELECT ${summaryColumns} FROM speakers s WHERE s.name = ? COLLATE NOCASE OR s.name LIKE ? ESCAPE '\\'
      ORDER BY statements DESC, s.id LIMIT 20`),
    aliasesOf: db.prepare<[number], { key: string }>('SELECT key FROM speaker_aliases WHERE speaker_id = ? ORDER BY key'),
    datedRoles: db.prepare<[number], DatedRole>(`
      SELECT r.role AS role, MIN(ar.published_at) AS first, MAX(ar.published_at) AS last, COUNT(*) AS articles
      FROM speaker_roles r JOIN articles ar ON ar.id = r.article_id
      WHERE r.speaker_id = ? GROUP BY r.role ORDER BY first IS NULL, first, r.role`),
    statements: db.prepare<[number, number], ResultRow>(`
      SELECT ${RESULT_COLUMNS} FROM attributions a JOIN articles ar ON ar.id = a.article_id LEFT JOIN speakers s ON s.id = a.speaker_id
      WHERE a.speaker_id = ? ORDER BY ar.published_at IS NULL, ar.published_at, ar.id, a.id LIMIT ?`),
    outletsOf: db.prepare<[number], { name: string; statements: number }>(`
      SELECT COALESCE(o.name, ar.outlet, '(unknown outlet)') AS name, COUNT(*) AS statements
      FROM attributions a JOIN articles ar ON ar.id = a.article_id LEFT JOIN speakers o ON o.id = ar.outlet_speaker_id
      WHERE a.speaker_id = ? GROUP BY 1 ORDER BY statements DESC, name`),
    one: db.prepare<[number], ResultRow & { outlet_id: number | null }>(`
      SELECT ${RESULT_COLUMNS}, ar.outlet_speaker_id AS outlet_id FROM attributions a JOIN articles ar ON ar.id = a.article_id
      LEFT JOIN speakers s ON s.id = a.speaker_id WHERE a.id = ?`),
    claim: db.prepare<[number], ResultRow & { outlet_id: number | null }>(`
      SELECT ${RESULT_COLUMNS}, ar.outlet_speaker_id AS outlet_id FROM attributions a JOIN articles ar ON ar.id = a.article_id
      LEFT JOIN speakers s ON s.id = a.speaker_id
      WHERE a.claim_id = ? ORDER BY ar.published_at IS NULL, ar.published_at, ar.id, a.id LIMIT 500`),
    count: (sql: string) => (db.prepare(sql).pluck().get() as number) ?? 0,
    kinds: db.prepare<[], { kind: AttributionKind; n: number }>('SELECT kind, COUNT(*) AS n FROM attributions GROUP BY kind'),
  };

  function speakerIds(name: string): number[] {
    const ids = new Set<number>();
    if (/^\d+$/.test(name)) ids.add(Number(name));
    for (const key of aliasKeys(name)) {
      const id = aliasId.get(key)?.speaker_id;
      if (typeof id === 'number') ids.add(id);
    }
    return [...ids];
  }

  function findSpeakers(nameOrId: string): SpeakerSummary[] {
    const out = new Map<number, SpeakerSummary>();
    for (const id of speakerIds(nameOrId)) {
      const r = q.byId.get(id);
      if (r) out.set(r.id, summary(r));
    }
    for (const r of q.byName.all(nameOrId, likePattern(nameOrId))) if (!out.has(r.id)) out.set(r.id, summary(r));
    return [...out.values()];
  }

  function search(query: string, filters: SearchFilters = {}): SearchResult[] {
    const { speaker, outlet, since, until, kind, limit = 50 } = filters;
    const where: string[] = [];
    const params: (string | number)[] = [];
    const match = ftsQuery(query);
    if (match !== null) {
      where.push('attribution_fts MATCH ?');
      params.push(match);
    }
    if (speaker !== undefined) {
      const ids = speakerIds(speaker);
      where.push(`(a.speaker_id IN (SELECT value FROM json_each(?)) OR COALESCE(s.name, a.speaker_name) LIKE ? ESCAPE '\\')`);
      params.push(JSON.stringify(ids), likePattern(speaker));
    }
    if (outlet !== undefined) {
      const ids = speakerIds(outlet);
      where.push(`(ar.outlet_speaker_id IN (SELECT value FROM json_each(?)) OR ar.outlet LIKE ? ESCAPE '\\')`);
      params.push(JSON.stringify(ids), likePattern(outlet));
    }
    if (since !== undefined) {
      where.push('ar.published_at >= ?');
      params.push(since);
    }
    if (until !== undefined) {
      where.push('ar.published_at <= ?');
      params.push(until);
    }
    if (kind !== undefined) {
      where.push('a.kind = ?');
      params.push(kind);
    }
    params.push(limit);
    if (match === null) {
      const sql = `SELECT ${RESULT_COLUMNS}, 0 AS score, a.content AS snippet
        FROM attributions a JOIN articles ar ON ar.id = a.article_id LEFT JOIN speakers s ON s.id = a.speaker_id
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ar.published_at DESC, a.id LIMIT ?`;
      return db
        .prepare<(string | number)[], ResultRow & { score: number; snippet: string }>(sql)
        .all(...params)
        .map((r) => ({ attribution: attributionRef(r), article: articleRef(r), speaker: speakerLink(r), snippet: r.snippet, score: 0 }));
    }
    // Rank first, touching only what the filters need; details and snippets only for the hits kept.
    const filtered = where.length > 1;
    const ranked = db
      .prepare<(string | number)[], { id: number; rank: number }>(
        filtered
          ? `SELECT a.id AS id, bm25(attribution_fts) AS rank FROM attribution_fts JOIN attributions a ON a.id = attribution_fts.rowid
             JOIN articles ar ON ar.id = a.article_id LEFT JOIN speakers s ON s.id = a.speaker_id
             WHERE ${where.join(' AND ')} ORDER BY rank, a.id LIMIT ?`
          : // A word in a tenth of all statements would be ranked over every one of them: rank the
            // newest RANK_WINDOW matches instead (the index yields them in rowid order and stops).
            `SELECT id, rank FROM (
               SELECT rowid AS id, bm25(attribution_fts) AS rank FROM attribution_fts
               WHERE attribution_fts MATCH ? ORDER BY rowid DESC LIMIT ${RANK_WINDOW}
             ) ORDER BY rank, id LIMIT ?`,
      )
      .all(...params);
    if (ranked.length === 0) return [];
    const ids = JSON.stringify(ranked.map((r) => r.id));
    const details = new Map(
      db
        .prepare<[string], ResultRow>(
          `SELECT ${RESULT_COLUMNS} FROM attributions a JOIN articles ar ON ar.id = a.article_id LEFT JOIN speakers s ON s.id = a.speaker_id
           WHERE a.id IN (SELECT value FROM json_each(?))`,
        )
        .all(ids)
        .map((r) => [r.a_id, r]),
    );
    const words = queryWords(query);
    return ranked.flatMap(({ id, rank }) => {
      const r = details.get(id);
      if (!r) return [];
      return [{ attribution: attributionRef(r), article: articleRef(r), speaker: speakerLink(r), snippet: snippet(r.a_content, words), score: Math.round(-rank * 1e6) / 1e6 }];
    });
  }

  function speakerPage(nameOrId: string, options: { readonly limit?: number } = {}): SpeakerPage | null {
    const found = findSpeakers(nameOrId)[0];
    if (!found) return null;
    const { limit = 200 } = options;
    return {
      ...found,
      aliases: q.aliasesOf.all(found.id).map((r) => r.key.replace(/^[a-z][#~]?:/, '')),
      datedRoles: q.datedRoles.all(found.id),
      statementList: q.statements.all(found.id, limit).map((r) => ({ attribution: attributionRef(r), article: articleRef(r) })),
      outlets: q.outletsOf.all(found.id),
    };
  }

  function trace(attributionId: number): Trace | null {
    const row = q.one.get(attributionId);
    if (!row) return null;
    const article = articleRef(row);
    const speaker = speakerLink(row);
    const members = q.claim.all(row.a_claim);
    const claim: ClaimMember[] = members.map((m) => ({ attribution: attributionRef(m), article: articleRef(m), speaker: speakerLink(m) }));
    const chain: TraceStep[] = [{ kind: 'article', article }];
    if (speaker) {
      // An outlet, report or document (or whatever "according to" names, unless a person) is a cited source, not the speaker.
      const cited =
        speaker.type === 'outlet' || speaker.type === 'report' || speaker.type === 'document' || (row.a_kind === 'according-to' && speaker.type !== 'person');
      if (cited) {
        // The cited outlet's own article carrying the claim, if the record has one.
        const own = speaker.id === null ? undefined : members.find((m) => m.outlet_id === speaker.id && m.ar_id !== row.ar_id);
        chain.push({ kind: 'cited', speaker, via: row.a_source, article: own ? articleRef(own) : null });
        // That article may name who said it there.
        const said = own ? members.find((m) => m.ar_id === own.ar_id && m.s_type === 'person') : undefined;
        const origin = said ? speakerLink(said) : null;
        if (origin) chain.push({ kind: 'speaker', speaker: origin });
      } else {
        chain.push({ kind: 'speaker', speaker });
      }
    }
    return { attribution: attributionRef(row), article, speaker, chain, claim };
  }

  function stats(): Stats {
    const kinds = Object.fromEntries(ATTRIBUTION_KINDS.map((k) => [k, 0])) as Record<AttributionKind, number>;
    for (const r of q.kinds.all()) if (r.kind in kinds) kinds[r.kind] = r.n;
    return {
      articles: q.count('SELECT COUNT(*) FROM articles'),
      attributions: q.count('SELECT COUNT(*) FROM attributions'),
      speakers: q.count('SELECT COUNT(DISTINCT speaker_id) FROM attributions WHERE speaker_id IS NOT NULL'),
      claims: q.count('SELECT COUNT(DISTINCT claim_id) FROM attributions'),
      sharedClaims: q.count('SELECT COUNT(*) FROM (SELECT claim_id FROM attributions GROUP BY claim_id HAVING COUNT(DISTINCT article_id) > 1)'),
      outlets: q.count('SELECT COUNT(DISTINCT COALESCE(outlet_speaker_id, outlet)) FROM articles WHERE outlet IS NOT NULL'),
      summaryOnly: q.count('SELECT COUNT(*) FROM articles WHERE summary_only = 1'),
      kinds,
    };
  }

  return {
    search,
    speakers: ({ top = 50 } = {}) => q.top.all(top).map(summary),
    speaker: speakerPage,
    findSpeakers,
    trace,
    stats,
    allSpeakers: function* () {
      for (const r of q.all.all()) yield summary(r);
    },
  };
}
