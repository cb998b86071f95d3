import type { ArticleRecord, SpeakerSummary, Store, StoredAttribution } from './store.js';

/** One exported record, tagged with what it is. */
export type ExportRecord =
  | ({ readonly record: 'article' } & ArticleRecord)
  | ({ readonly record: 'attribution' } & StoredAttribution)
  | ({ readonly record: 'speaker' } & SpeakerSummary);

/**
 * Everything in the store as records: each article followed by its
 * attributions, then the speakers. Streams article by article so memory
 * stays flat on a large database.
 */
export async function* exportRecords(store: Store): AsyncGenerator<ExportRecord> {
  for await (const article of store.articles()) {
    yield { record: 'article', ...article };
    for (const a of await store.attributions(article.id)) yield { record: 'attribution', ...a };
  }
  for await (const s of store.allSpeakers()) yield { record: 'speaker', ...s };
}

/** A CSV field: quoted when it holds a comma, quote or line break. */
export function csvField(value: unknown): string {
  const s = value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line of fields, with its line break. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

/** The CSV tables of an export (`claimtrail export --format csv`, `/api/export?format=csv`): columns and each record's row. */
export const CSV_TABLES = Object.freeze({
  articles: {
    columns: ['id', 'identity', 'url', 'source', 'title', 'byline', 'outlet', 'published_at', 'summary_only'],
    row: (a: ArticleRecord): unknown[] => [a.id, a.identity, a.url, a.source, a.title, a.byline, a.outlet, a.publishedAt, a.summaryOnly ? 1 : 0],
  },
  attributions: {
    columns: [
      'id', 'article_id', 'kind', 'speaker_id', 'speaker_name', 'speaker_type', 'speaker_roles',
      'content_start', 'content_end', 'content', 'cue_start', 'cue_end', 'cue', 'source_start', 'source_end', 'source', 'claim_id',
    ],
    row: (a: StoredAttribution): unknown[] => [
      a.id, a.articleId, a.kind, a.speaker?.id, a.speaker?.name, a.speaker?.type, a.speaker?.roles.join('; '),
      a.content.start, a.content.end, a.content.text, a.cue.start, a.cue.end, a.cue.text,
      a.source?.start, a.source?.end, a.source?.text, a.claimId,
    ],
  },
  speakers: {
    columns: ['id', 'name', 'type', 'roles', 'articles', 'statements'],
    row: (s: SpeakerSummary): unknown[] => [s.id, s.name, s.type, s.roles.join('; '), s.articles, s.statements],
  },
});
