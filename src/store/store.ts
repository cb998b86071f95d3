import type { ClaimSketch } from '../link/index.js';
import type { ArticleFields, AttributionKind, Entity, EntityType, Extraction, QuoteSelector, Span } from '../model/index.js';

/** An article ready to store: what a reader found, plus its identity and fingerprint. */
export interface ArticleToStore extends ArticleFields {
  /** The URL where known, else `sha256:` of the normalised text; one article per identity. */
  readonly identity: string;
  /** A hash of everything stored about the article; a changed hash means re-extract. */
  readonly contentHash: string;
}

/**
 * Work storing would do that a caller has done already, elsewhere (ingest
 * does it on the extraction worker, so the writing thread is free to write).
 * Each must be exactly what the store would compute; one that does not fit
 * the extraction is ignored.
 */
export interface StoreHints {
  /** `claimSketch(content.text)` of each attribution, in the extraction's order. */
  readonly claims?: readonly ClaimSketch[];
}

/** What storing an article did. */
export type PutOutcome = 'ingested' | 'updated' | 'unchanged';

/** A stored span: offsets into the article text, plus a quote selector to re-anchor it. */
export interface StoredSpan extends Span {
  readonly selector: QuoteSelector;
}

/** A speaker as an attribution points at it. `id` is null for a speaker that stays in its article ("officials"). */
export interface SpeakerLink {
  readonly id: number | null;
  readonly name: string;
  readonly type: EntityType;
  readonly roles: readonly string[];
}

/** A stored article, without its attributions. */
export interface ArticleRecord {
  readonly id: number;
  readonly identity: string;
  readonly source: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly byline: string | null;
  readonly outlet: string | null;
  /** The outlet as a linked speaker, so "The North Valley Tribune" here and "the Tribune" quoted elsewhere are one. */
  readonly outletSpeakerId: number | null;
  readonly publishedAt: string | null;
  readonly summaryOnly: boolean;
  readonly text: string;
  readonly bodyStart: number;
}

/** A stored attribution. */
export interface StoredAttribution {
  readonly id: number;
  readonly articleId: number;
  /** The id the extractor gave it inside its article (`a1`). */
  readonly localId: string;
  readonly kind: AttributionKind;
  readonly content: StoredSpan;
  readonly cue: StoredSpan;
  readonly source: StoredSpan | null;
  readonly speaker: SpeakerLink | null;
  readonly confidence: number | null;
  /** The claim group: attributions carrying the same claim share it. */
  readonly claimId: number;
}

/** Filters for {@link Store.search}. */
export interface SearchFilters {
  readonly speaker?: string;
  readonly outlet?: string;
  /** Inclusive `YYYY-MM-DD`. */
  readonly since?: string;
  /** Inclusive `YYYY-MM-DD`. */
  readonly until?: string;
  readonly kind?: AttributionKind;
  readonly limit?: number;
}

/** A short view of an article, as results show it. */
export interface ArticleRef {
  readonly id: number;
  readonly title: string | null;
  readonly url: string | null;
  readonly source: string;
  readonly outlet: string | null;
  readonly publishedAt: string | null;
}

/** A short view of an attribution, as results show it. */
export interface AttributionRef {
  readonly id: number;
  readonly kind: AttributionKind;
  readonly content: string;
  readonly cue: string;
  readonly source: string | null;
  readonly claimId: number;
}

/** One search hit. `score` is larger for better matches. */
export interface SearchResult {
  readonly attribution: AttributionRef;
  readonly article: ArticleRef;
  readonly speaker: SpeakerLink | null;
  readonly snippet: string;
  readonly score: number;
}

/** A speaker in the speakers list; `articles` and `statements` are counts. */
export interface SpeakerSummary {
  readonly id: number;
  readonly name: string;
  readonly type: EntityType;
  readonly roles: readonly string[];
  readonly articles: number;
  readonly statements: number;
}

/** One role of a speaker with the dates of the articles that gave it. */
export interface DatedRole {
  readonly role: string;
  readonly first: string | null;
  readonly last: string | null;
  readonly articles: number;
}

/** One statement on a speaker's page. */
export interface Statement {
  readonly attribution: AttributionRef;
  readonly article: ArticleRef;
}

/** A speaker's page: roles over time, statements by date, outlets that quoted them. */
export interface SpeakerPage extends SpeakerSummary {
  readonly aliases: readonly string[];
  readonly datedRoles: readonly DatedRole[];
  readonly statementList: readonly Statement[];
  readonly outlets: readonly { readonly name: string; readonly statements: number }[];
}

/** One article carrying a claim. */
export interface ClaimMember {
  readonly attribution: AttributionRef;
  readonly article: ArticleRef;
  readonly speaker: SpeakerLink | null;
}

/** Where an attribution comes from: article → cited outlet or report → speaker, and the same claim elsewhere. */
export interface Trace {
  readonly attribution: AttributionRef;
  readonly article: ArticleRef;
  readonly speaker: SpeakerLink | null;
  /** The chain from the article to the claim's origin, one step per hop. */
  readonly chain: readonly TraceStep[];
  /** Every attribution carrying the same claim, earliest article first (this one included). */
  readonly claim: readonly ClaimMember[];
}

/** One hop of a trace. */
export type TraceStep =
  | { readonly kind: 'article'; readonly article: ArticleRef }
  | { readonly kind: 'cited'; readonly speaker: SpeakerLink; readonly via: string | null; readonly article: ArticleRef | null }
  | { readonly kind: 'speaker'; readonly speaker: SpeakerLink };

/** What `watch` remembers of a feed between polls: the validators for a conditional GET. */
export interface FeedState {
  readonly url: string;
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** When it was last fetched (ISO time). */
  readonly checkedAt: string;
}

/** Counts only, so two databases with the same content print the same figures. */
export interface Stats {
  readonly articles: number;
  readonly attributions: number;
  readonly speakers: number;
  /** Claim groups, singletons included. */
  readonly claims: number;
  /** Claim groups carried by more than one article. */
  readonly sharedClaims: number;
  readonly outlets: number;
  readonly summaryOnly: number;
  readonly kinds: Readonly<Record<AttributionKind, number>>;
}

/**
 * The record of articles, attributions, speakers and claims. One interface;
 * `store/sqlite/` (embedded, one file) and `store/postgres/` (a server that
 * several processes share) implement it and pass one test suite. Every call
 * is asynchronous, because a database server answers later; `transaction`
 * groups writes so they commit together or not at all.
 */
export interface Store {
  /** The database: a file path, or a PostgreSQL URL without its password. */
  readonly location: string;
  /** Which backend this is. */
  readonly backend: 'sqlite' | 'postgres';
  /** The content hash stored for an identity, or null if the article is new. */
  articleHash(identity: string): Promise<string | null>;
  /**
   * Stores an article and its extraction, replacing the attributions of an
   * earlier version in the same transaction, linking speakers and grouping
   * claims. Storing the same hash again changes nothing. Safe to call from
   * several processes at once: writers take turns, so no speaker or claim
   * group is made twice.
   */
  putArticle(article: ArticleToStore, extraction: Extraction, hints?: StoreHints): Promise<PutOutcome>;
  /**
   * Runs `fn` in one transaction and commits when its promise resolves; a
   * rejection rolls everything back. Use the `tx` it is given for every call
   * inside (a nested `tx.transaction` becomes a savepoint).
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  search(query: string, filters?: SearchFilters): Promise<SearchResult[]>;
  speakers(options?: { readonly top?: number }): Promise<SpeakerSummary[]>;
  /** A speaker by id or name (any name form the linker accepts). */
  speaker(nameOrId: string, options?: { readonly limit?: number }): Promise<SpeakerPage | null>;
  trace(attributionId: number): Promise<Trace | null>;
  stats(): Promise<Stats>;
  /** Merges speaker `from` into `into`: a correction kept across re-ingest. */
  mergeSpeakers(into: number, from: number): Promise<void>;
  /** Splits the name form `name` off speaker `id` into a new speaker; returns its id. */
  splitSpeaker(id: number, name: string): Promise<number>;
  /** Speakers matching a name or id, best first. */
  findSpeakers(nameOrId: string): Promise<SpeakerSummary[]>;
  /** Every article in id order, read a page at a time; `after` starts past that id (a page cursor). */
  articles(options?: { readonly after?: number }): AsyncIterableIterator<ArticleRecord>;
  /** One article by id, or null. */
  article(id: number): Promise<ArticleRecord | null>;
  /** The id of the article stored under an identity, or null. */
  articleId(identity: string): Promise<number | null>;
  /** The entities extraction found in an article, as stored with it; null for an unknown article or one stored before they were kept. */
  entities(articleId: number): Promise<Entity[] | null>;
  attributions(articleId?: number): Promise<StoredAttribution[]>;
  allSpeakers(): AsyncIterableIterator<SpeakerSummary>;
  /** What was last fetched of a watched feed, or null. */
  feedState(url: string): Promise<FeedState | null>;
  saveFeedState(state: FeedState): Promise<void>;
  close(): Promise<void>;
}
