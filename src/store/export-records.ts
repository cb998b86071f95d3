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
