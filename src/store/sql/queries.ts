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
import type { SqlClient, SqlValue } from './sql-client.js';

/** The read side of the store: search, speakers, trace, stats. */
export interface StoreQueries {
  search(query: string, filters?: SearchFilters): Promise<SearchResult[]>;
  speakers(options?: { readonly top?: number }): Promise<SpeakerSummary[]>;
  speaker(nameOrId: string, options?: { readonly limit?: number }): Promise<SpeakerPage | null>;
  findSpeakers(nameOrId: string): Promise<SpeakerSummary[]>;
  trace(attributionId: number): Promise<Trace | null>;
  stats(): Promise<Stats>;
  allSpeakers(): AsyncIterableIterator<SpeakerSummary>;
}

/** Filter clauses over `a` (attributions), `ar` (articles) and `s` (speakers), with their parameters. */
export interface SearchWhere {
  readonly clauses: readonly string[];
  readonly params: readonly SqlValue[];
}

/** Where the backends' SQL differs: JSON arrays, case-insensitive matching, and full-text search. */
export interface Dialect {
  /** An expression: the JSON text array of speaker `s.id`'s distinct roles, sorted. */
  readonly rolesJson: string;
  /** A subquery: one row a number of a parameter holding a JSON array of numbers, the number as column `value`. */
  readonly jsonNumbers: string;
  /** Case-insensitive equality and LIKE with `\` as escape, for `column OP ?`. */
  readonly equalsNoCase: (column: string) => string;
  readonly likeNoCase: (column: string) => string;
  /**
   * A number that changes when another connection has committed since this
   * one last asked, or null where ids are never handed out twice (so what a
   * writer remembers of a row by its id stays true).
   */
  dataVersion(db: SqlClient): Promise<number | null>;
  /** `n` new attribution ids, reserved for rows the caller writes in this transaction, ascending. */
  nextAttributionIds(db: SqlClient, n: number): Promise<number[]>;
  /** Enters the attributions of these articles, none of them indexed yet, in the full-text index, where the database does not itself. */
  indexContents(db: SqlClient, articleIds: readonly number[]): Promise<void>;
  /** The best matches of all `terms` (words or phrases) among rows passing `where`, best first, at most `limit`. */
  rank(db: SqlClient, terms: readonly string[], where: SearchWhere, limit: number): Promise<{ id: number; score: number }[]>;
}

/** Columns every result row carries: the attribution, its article and its speaker. */
export const RESULT_COLUMNS = `
  a.id AS a_id, a.kind AS a_kind, a.content AS a_content, a.claim_id AS a_claim,
  a.speaker_id AS s_id, COALESCE(s.name, a.speaker_name) AS s_name, COALESCE(s.type, a.speaker_type) AS s_type, a.speaker_roles AS s_roles,
  a.cue AS a_cue, a.source AS a_source,
  ar.id AS ar_id, ar.title AS ar_title, ar.url AS ar_url, ar.source AS ar_source, ar.outlet AS ar_outlet, ar.published_at AS ar_date`;

const RESULT_FROM = 'attributions a JOIN articles ar ON ar.id = a.article_id LEFT JOIN speakers s ON s.id = a.speaker_id';

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
 * The terms of what a user types: each word, or each "quoted phrase", as its
 * words joined by spaces; every term is required. Nothing else survives, so
 * a backend's query syntax in the input is inert.
 */
export function searchTerms(input: string): string[] {
  const terms: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(input); m !== null; m = re.exec(input)) {
    const raw = m[1] ?? m[2] ?? '';
    const words = raw.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
    if (words.length > 0) terms.push(words.join(' '));
  }
  return terms;
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

/** The read queries over `db`, in SQL both backends run except where `dialect` says. */
export function createQueries(db: SqlClient, dialect: Dialect): StoreQueries {
  const summaryColumns = `
    s.id, s.name, s.type, ${dialect.rolesJson} AS roles,
    (SELECT COUNT(DISTINCT article_id) FROM attributions WHERE speaker_id = s.id) AS articles,
    (SELECT COUNT(*) FROM attributions WHERE speaker_id = s.id) AS statements`;
  const SQL = {
    top: `
      SELECT ${summaryColumns} FROM speakers s
      WHERE EXISTS (SELECT 1 FROM attributions WHERE speaker_id = s.id)
      ORDER BY statements DESC, articles DESC, name, id LIMIT ?`,
    all: `
      SELECT ${summaryColumns} FROM speakers s
      WHERE (EXISTS (SELECT 1 FROM attributions WHERE speaker_id = s.id) OR EXISTS (SELECT 1 FROM articles WHERE outlet_speaker_id = s.id)) AND s.id > ?
      ORDER BY s.id LIMIT 256`,
    byId: `SELECT ${summaryColumns} FROM speakers s WHERE s.id = ?`,
    byName: `
      SELECT ${summaryColumns} FROM speakers s WHERE ${dialect.equalsNoCase('s.name')} OR ${dialect.likeNoCase('s.name')}
      ORDER BY statements DESC, id LIMIT 20`,
    aliasId: 'SELECT speaker_id FROM speaker_aliases WHERE key = ?',
    aliasesOf: 'SELECT key FROM speaker_aliases WHERE speaker_id = ? ORDER BY key',
    datedRoles: `
      SELECT r.role AS role, MIN(ar.published_at) AS first, MAX(ar.published_at) AS last, COUNT(*) AS articles
      FROM speaker_roles r JOIN articles ar ON ar.id = r.article_id
      WHERE r.speaker_id = ? GROUP BY r.role ORDER BY MIN(ar.published_at) IS NULL, MIN(ar.published_at), r.role`,
    statements: `
      SELECT ${RESULT_COLUMNS} FROM ${RESULT_FROM}
      WHERE a.speaker_id = ? ORDER BY ar.published_at IS NULL, ar.published_at, ar.id, a.id LIMIT ?`,
    outletsOf: `
      SELECT COALESCE(o.name, ar.outlet, '(unknown outlet)') AS name, COUNT(*) AS statements
      FROM attributions a JOIN articles ar ON ar.id = a.article_id LEFT JOIN speakers o ON o.id = ar.outlet_speaker_id
      WHERE a.speaker_id = ? GROUP BY COALESCE(o.name, ar.outlet, '(unknown outlet)') ORDER BY statements DESC, name`,
    one: `SELECT ${RESULT_COLUMNS}, ar.outlet_speaker_id AS outlet_id FROM ${RESULT_FROM} WHERE a.id = ?`,
    claim: `
      SELECT ${RESULT_COLUMNS}, ar.outlet_speaker_id AS outlet_id FROM ${RESULT_FROM}
      WHERE a.claim_id = ? ORDER BY ar.published_at IS NULL, ar.published_at, ar.id, a.id LIMIT 500`,
    details: `SELECT ${RESULT_COLUMNS} FROM ${RESULT_FROM} WHERE a.id IN ${dialect.jsonNumbers}`,
    kinds: 'SELECT kind, COUNT(*) AS n FROM attributions GROUP BY kind',
  } as const;
  const count = async (sql: string): Promise<number> => Number((await db.get<{ n: number }>(sql))?.n ?? 0);

  async function speakerIds(name: string): Promise<number[]> {
    const ids = new Set<number>();
    if (/^\d+$/.test(name)) ids.add(Number(name));
    for (const key of aliasKeys(name)) {
      const id = (await db.get<{ speaker_id: number | null }>(SQL.aliasId, [key]))?.speaker_id;
      if (typeof id === 'number') ids.add(id);
    }
    return [...ids];
  }

  async function findSpeakers(nameOrId: string): Promise<SpeakerSummary[]> {
    const out = new Map<number, SpeakerSummary>();
    for (const id of await speakerIds(nameOrId)) {
      const r = await db.get<SummaryRow>(SQL.byId, [id]);
      if (r) out.set(r.id, summary(r));
    }
    for (const r of await db.all<SummaryRow>(SQL.byName, [nameOrId, likePattern(nameOrId)])) if (!out.has(r.id)) out.set(r.id, summary(r));
    return [...out.values()];
  }

  async function search(query: string, filters: SearchFilters = {}): Promise<SearchResult[]> {
    const { speaker, outlet, since, until, kind, limit = 50 } = filters;
    const clauses: string[] = [];
    const params: SqlValue[] = [];
    if (speaker !== undefined) {
      clauses.push(`(a.speaker_id IN ${dialect.jsonNumbers} OR ${dialect.likeNoCase('COALESCE(s.name, a.speaker_name)')})`);
      params.push(JSON.stringify(await speakerIds(speaker)), likePattern(speaker));
    }
    if (outlet !== undefined) {
      clauses.push(`(ar.outlet_speaker_id IN ${dialect.jsonNumbers} OR ${dialect.likeNoCase('ar.outlet')})`);
      params.push(JSON.stringify(await speakerIds(outlet)), likePattern(outlet));
    }
    if (since !== undefined) {
      clauses.push('ar.published_at >= ?');
      params.push(since);
    }
    if (until !== undefined) {
      clauses.push('ar.published_at <= ?');
      params.push(until);
    }
    if (kind !== undefined) {
      clauses.push('a.kind = ?');
      params.push(kind);
    }
    const terms = searchTerms(query);
    if (terms.length === 0) {
      const sql = `SELECT ${RESULT_COLUMNS} FROM ${RESULT_FROM}
        ${clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : ''} ORDER BY ar.published_at DESC, a.id LIMIT ?`;
      return (await db.all<ResultRow>(sql, [...params, limit])).map((r) => ({
        attribution: attributionRef(r),
        article: articleRef(r),
        speaker: speakerLink(r),
        snippet: r.a_content,
        score: 0,
      }));
    }
    // Rank first, touching only what the filters need; details and snippets only for the hits kept.
    const ranked = await dialect.rank(db, terms, { clauses, params }, limit);
    if (ranked.length === 0) return [];
    const ids = ranked.map((r) => r.id);
    const details = new Map((await db.all<ResultRow>(SQL.details, [JSON.stringify(ids)])).map((r) => [r.a_id, r]));
    const words = queryWords(query);
    return ranked.flatMap(({ id, score }) => {
      const r = details.get(id);
      if (!r) return [];
      return [{ attribution: attributionRef(r), article: articleRef(r), speaker: speakerLink(r), snippet: snippet(r.a_content, words), score }];
    });
  }

  async function speakerPage(nameOrId: string, options: { readonly limit?: number } = {}): Promise<SpeakerPage | null> {
    const found = (await findSpeakers(nameOrId))[0];
    if (!found) return null;
    const { limit = 200 } = options;
    const datedRoles = await db.all<DatedRole>(SQL.datedRoles, [found.id]);
    return {
      ...found,
      aliases: (await db.all<{ key: string }>(SQL.aliasesOf, [found.id])).map((r) => r.key.replace(/^[a-z][#~]?:/, '')),
      datedRoles: datedRoles.map((r) => ({ ...r, articles: Number(r.articles) })),
      statementList: (await db.all<ResultRow>(SQL.statements, [found.id, limit])).map((r) => ({ attribution: attributionRef(r), article: articleRef(r) })),
      outlets: (await db.all<{ name: string; statements: number }>(SQL.outletsOf, [found.id])).map((r) => ({ name: r.name, statements: Number(r.statements) })),
    };
  }

  async function trace(attributionId: number): Promise<Trace | null> {
    const row = await db.get<ResultRow & { outlet_id: number | null }>(SQL.one, [attributionId]);
    if (!row) return null;
    const article = articleRef(row);
    const speaker = speakerLink(row);
    const members = await db.all<ResultRow & { outlet_id: number | null }>(SQL.claim, [row.a_claim]);
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

  async function stats(): Promise<Stats> {
    const kinds = Object.fromEntries(ATTRIBUTION_KINDS.map((k) => [k, 0])) as Record<AttributionKind, number>;
    for (const r of await db.all<{ kind: AttributionKind; n: number }>(SQL.kinds)) if (r.kind in kinds) kinds[r.kind] = Number(r.n);
    return {
      articles: await count('SELECT COUNT(*) AS n FROM articles'),
      attributions: await count('SELECT COUNT(*) AS n FROM attributions'),
      speakers: await count('SELECT COUNT(DISTINCT speaker_id) AS n FROM attributions WHERE speaker_id IS NOT NULL'),
      claims: await count('SELECT COUNT(DISTINCT claim_id) AS n FROM attributions'),
      sharedClaims: await count('SELECT COUNT(*) AS n FROM (SELECT claim_id FROM attributions GROUP BY claim_id HAVING COUNT(DISTINCT article_id) > 1) shared'),
      // An outlet is its linked speaker, else its name as given.
      outlets: await count("SELECT COUNT(DISTINCT COALESCE('#' || CAST(outlet_speaker_id AS TEXT), outlet)) AS n FROM articles WHERE outlet IS NOT NULL"),
      summaryOnly: await count('SELECT COUNT(*) AS n FROM articles WHERE summary_only = 1'),
      kinds,
    };
  }

  return {
    search,
    speakers: async ({ top = 50 } = {}) => (await db.all<SummaryRow>(SQL.top, [top])).map(summary),
    speaker: speakerPage,
    findSpeakers,
    trace,
    stats,
    allSpeakers: async function* () {
      // Paged, so the caller may query the store between speakers.
      for (let page = await db.all<SummaryRow>(SQL.all, [0]); page.length > 0; page = await db.all<SummaryRow>(SQL.all, [page[page.length - 1]!.id])) {
        for (const r of page) yield summary(r);
      }
    },
  };
}
