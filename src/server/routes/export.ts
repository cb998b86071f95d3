import { Hono } from 'hono';
import { exportRecords, type ArticleRecord, type SpeakerSummary, type Store, type StoredAttribution } from '../../store/index.js';
import { HTTPError } from '../http-error.js';
import type { ServerConfig } from '../config.js';

/** A CSV field: quoted when it holds a comma, quote or line break. */
function csvField(value: unknown): string {
  const s = value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (values: readonly unknown[]): string => `${values.map(csvField).join(',')}\n`;

/** The CSV tables, with the same columns as `claimtrail export --format csv`. */
const TABLES = {
  articles: {
    columns: ['id', 'identity', 'url', 'source', 'title', 'byline', 'outlet', 'published_at', 'summary_only'],
    row: (a: ArticleRecord) => [a.id, a.identity, a.url, a.source, a.title, a.byline, a.outlet, a.publishedAt, a.summaryOnly ? 1 : 0],
  },
  attributions: {
    columns: [
      'id', 'article_id', 'kind', 'speaker_id', 'speaker_name', 'speaker_type', 'speaker_roles',
      'content_start', 'content_end', 'content', 'cue_start', 'cue_end', 'cue', 'source_start', 'source_end', 'source', 'claim_id',
    ],
    row: (a: StoredAttribution) => [
      a.id, a.articleId, a.kind, a.speaker?.id, a.speaker?.name, a.speaker?.type, a.speaker?.roles.join('; '),
      a.content.start, a.content.end, a.content.text, a.cue.start, a.cue.end, a.cue.text,
      a.source?.start, a.source?.end, a.source?.text, a.claimId,
    ],
  },
  speakers: {
    columns: ['id', 'name', 'type', 'roles', 'articles', 'statements'],
    row: (s: SpeakerSummary) => [s.id, s.name, s.type, s.roles.join('; '), s.articles, s.statements],
  },
} as const;

type Table = keyof typeof TABLES;

async function* csvLines(store: Store, table: Table): AsyncGenerator<string> {
  yield csvLine(TABLES[table].columns);
  for await (const r of exportRecords(store)) {
    if (r.record === 'article' && table === 'articles') yield csvLine(TABLES.articles.row(r));
    else if (r.record === 'attribution' && table === 'attributions') yield csvLine(TABLES.attributions.row(r));
    else if (r.record === 'speaker' && table === 'speakers') yield csvLine(TABLES.speakers.row(r));
  }
}

async function* jsonLines(store: Store): AsyncGenerator<string> {
  for await (const r of exportRecords(store)) yield `${JSON.stringify(r)}\n`;
}

/** A response body pulled from a generator a few hundred lines at a time, so a large record streams in flat memory. */
function streamOf(lines: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      let chunk = '';
      for (let i = 0; i < 256; i++) {
        const next = await lines.next();
        if (next.done) {
          if (chunk !== '') controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}

/** `/api/export?format=jsonl|csv[&table=articles|attributions|speakers]`: the whole record, streamed. */
export function exportRoutes({ store }: ServerConfig): Hono {
  const app = new Hono();
  app.get('/', (c) => {
    const format = c.req.query('format') ?? 'jsonl';
    if (format === 'jsonl') {
      return new Response(streamOf(jsonLines(store)), {
        headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-disposition': 'attachment; filename="claimtrail.jsonl"' },
      });
    }
    if (format !== 'csv') throw new HTTPError(400, `format: expected jsonl or csv, got '${format}'`);
    const table = c.req.query('table') ?? 'attributions';
    if (!(table in TABLES)) throw new HTTPError(400, `table: expected articles, attributions or speakers, got '${table}'`);
    return new Response(streamOf(csvLines(store, table as Table)), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${table}.csv"` },
    });
  });
  return app;
}
