/**
 * The shapes the API answers with, for clients (the web UI imports these
 * types; nothing here runs).
 */
import type { Entity, Extraction } from '../model/index.js';
import type { ArticleRecord, PutOutcome, StoredAttribution } from '../store/index.js';

export type {
  ArticleRef,
  AttributionRef,
  ClaimMember,
  DatedRole,
  SearchResult,
  SpeakerLink,
  SpeakerPage,
  SpeakerSummary,
  Statement,
  Stats,
  StoredAttribution,
  StoredSpan,
  Trace,
  TraceStep,
} from '../store/index.js';
export type { AttributionKind, Entity, EntityType, Extraction, Span, SpanPart } from '../model/index.js';
export type { Page } from './page.js';
export type { ErrorBody } from './http-error.js';

/** An item of `GET /api/articles`: the article without its text, with its attribution count. */
export interface ArticleSummary extends Omit<ArticleRecord, 'text' | 'identity'> {
  readonly attributions: number;
}

/** `GET /api/articles/:id`. */
export interface ArticleDetail extends ArticleRecord {
  readonly attributions: readonly StoredAttribution[];
  readonly entities: readonly Entity[];
}

/** `POST /api/extract`: the extraction with the text it was made from. */
export interface ExtractResponse extends Extraction {
  readonly text: string;
}

/** `POST /api/articles`. */
export interface AddResponse {
  readonly articles: readonly { readonly id: number; readonly outcome: PutOutcome; readonly source: string; readonly title: string | null; readonly attributions: number }[];
  readonly diagnostics: readonly { readonly source: string; readonly reason: string }[];
}
