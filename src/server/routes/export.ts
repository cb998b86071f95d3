import { Hono } from 'hono';
import { CSV_TABLES, csvLine, exportRecords, type Store } from '../../store/index.js';
import { HTTPError } from '../http-error.js';
import type { ServerConfig } from '../config.js';

const TABLES = CSV_TABLES;

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
