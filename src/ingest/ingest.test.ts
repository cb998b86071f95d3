import { execFileSync } from 'node:child_process';
import { collect } from '../test-support/collect.js';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAttribution, createExtraction, createSpan, type Extraction } from '../model/index.js';
import { exportRecords, openSqliteStore, type Store } from '../store/index.js';
import { localServer } from '../test-support/local-server.js';
import { ingest } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

/** A stand-in extractor: every "X said" sentence is an attribution of X, so tests know what to expect. */
function saidExtractor(text: string, options: { publishedAt?: string; file?: string }): Extraction {
  const attributions = [];
  const re = /([A-Z][a-z]+ [A-Z][a-z]+) said (?:that )?([^.]+)\./g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const sourceStart = m.index;
    const cueStart = sourceStart + m[1]!.length + 1;
    const contentStart = text.indexOf(m[2]!, cueStart);
    attributions.push(
      createAttribution({
        id: `a${attributions.length + 1}`,
        kind: 'indirect',
        source: createSpan(text, sourceStart, sourceStart + m[1]!.length),
        cue: createSpan(text, cueStart, cueStart + 4),
        content: createSpan(text, contentStart, contentStart + m[2]!.length),
        speaker: { id: 'e1', name: m[1]!, type: 'person', roles: [] },
      }),
    );
  }
  return createExtraction({ file: options.file ?? null, publishedAt: options.publishedAt ?? null, bodyStart: 0, attributions, entities: [] });
}

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimtrail-ingest-'));
  store = openSqliteStore(join(dir, 'ingest.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const snapshot = async (s: Store) => JSON.stringify(await collect(exportRecords(s)));

describe('ingest', () => {
  it('reads a directory recursively, every format, skipping gold annotations', async () => {
    const input = join(dir, 'in');
    mkdirSync(join(input, 'feeds'), { recursive: true });
    writeFileSync(join(input, 'one.txt'), ' date 2025-01-02 Marta Quiroga said the estuary review would take months.');
    writeFileSync(join(input, 'one.ann'), 'T1\tSource 0 5\tgold');
    writeFileSync(join(input, 'feeds', 'courier.xml'), readFileSync(join(fixtures, 'feed-rss.xml')));
    writeFileSync(join(input, 'feeds', 'coast.atom'), readFileSync(join(fixtures, 'feed-atom.xml')));
    writeFileSync(join(input, 'page.html'), readFileSync(join(fixtures, 'article.html')));
    writeFileSync(join(input, 'lines.jsonl'), readFileSync(join(fixtures, 'articles.jsonl')));
    writeFileSync(join(input, 'one.expected.json'), '{"attributions": []}');
    const summary = await ingest(['in'], { store, cwd: dir, extract: saidExtractor });
    expect(summary).toMatchObject({ ingested: 1 + 3 + 2 + 1 + 3, updated: 0, unchanged: 0, failed: 2 });
    expect(summary.diagnostics.map((d) => d.source)).toEqual([join('in', 'lines.jsonl#3'), join('in', 'lines.jsonl#4')]);
    const articles = (await collect(store.articles()));
    expect(articles.find((a) => a.source === join('in', 'one.txt'))).toMatchObject({ publishedAt: '2025-01-02' });
    expect((await store.stats()).summaryOnly).toBe(3);
  });

  it('changes nothing when the same input is ingested twice', async () => {
    const args = [join(fixtures, 'feed-rss.xml'), join(fixtures, 'dated.txt'), join(fixtures, 'articles.jsonl')];
    const first = await ingest(args, { store, extract: saidExtractor });
    expect(first).toMatchObject({ ingested: 3 + 1 + 3, failed: 2 });
    const before = await snapshot(store);
    const second = await ingest(args, { store, extract: saidExtractor });
    expect(second).toMatchObject({ ingested: 0, updated: 0, unchanged: first.ingested });
    expect(await snapshot(store)).toBe(before);
  });

  it('re-extracts a changed article and replaces its attributions', async () => {
    const file = join(dir, 'news.jsonl');
    writeFileSync(file, `${JSON.stringify({ url: 'https://ledger.example/x', text: 'Dario Velez said the mill would close in June.' })}\n`);
    await ingest([file], { store, extract: saidExtractor });
    writeFileSync(file, `${JSON.stringify({ url: 'https://ledger.example/x', text: 'Dario Velez said the mill would stay open.' })}\n`);
    const summary = await ingest([file], { store, extract: saidExtractor });
    expect(summary).toMatchObject({ ingested: 0, updated: 1 });
    expect((await store.attributions()).map((a) => a.content.text)).toEqual(['the mill would stay open']);
    expect((await store.search('June'))).toEqual([]);
  });

  it('identifies an article without URL by its normalised text', async () => {
    writeFileSync(join(dir, 'a.txt'), 'Hana Sato said the strike would go on.\n');
    writeFileSync(join(dir, 'b.txt'), 'Hana  Sato said the strike\nwould go on.');
    const summary = await ingest(['a.txt', 'b.txt'], { store, cwd: dir, extract: saidExtractor });
    expect(summary).toMatchObject({ ingested: 1 });
    expect((await store.stats()).articles).toBe(1);
  });

  it('reads JSON Lines from stdin', async () => {
    const stdin = Readable.from([readFileSync(join(fixtures, 'articles.jsonl'))]);
    const summary = await ingest(['-'], { store, stdin, extract: saidExtractor });
    expect(summary).toMatchObject({ ingested: 3, failed: 2 });
    expect(summary.diagnostics[0]?.source).toBe('-#3');
  });

  it('refuses every bad input with a reason and goes on with the rest', async () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]));
    writeFileSync(join(bad, 'latin1.txt'), Buffer.from('Jos\xe9 said hello.', 'latin1'));
    writeFileSync(join(bad, 'empty.txt'), '');
    writeFileSync(join(bad, 'huge.txt'), 'x'.repeat(5000));
    writeFileSync(join(bad, 'lol.xml'), readFileSync(join(fixtures, 'billion-laughs.xml')));
    writeFileSync(join(bad, 'broken.xml'), readFileSync(join(fixtures, 'malformed.xml')));
    writeFileSync(join(bad, 'good.txt'), 'Marta Quiroga said the permits were under review.');
    // Named on the command line, a FIFO is refused, not read (reading it would wait for a writer forever).
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    const summary = await ingest(['bad', 'missing.txt', 'pipe.txt'], { store, cwd: dir, maxBytes: 4096, extract: saidExtractor });
    expect(summary.ingested).toBe(1);
    const reasons = Object.fromEntries(summary.diagnostics.map((d) => [d.source.replace(/^bad\//, ''), d.reason]));
    expect(reasons).toMatchObject({
      'binary.txt': expect.stringMatching(/binary/),
      'latin1.txt': expect.stringMatching(/UTF-8/),
      'empty.txt': expect.stringMatching(/empty/),
      'huge.txt': expect.stringMatching(/limit/),
      'lol.xml': expect.stringMatching(/entity/),
      'broken.xml': expect.stringMatching(/malformed XML/),
      'missing.txt': expect.stringMatching(/no such file/),
      'pipe.txt': 'not a regular file',
    });
  });

  it('links speakers across articles as it stores them', async () => {
    writeFileSync(join(dir, 'a.txt'), 'Marta Quiroga said the estuary would be protected.');
    writeFileSync(join(dir, 'b.txt'), 'Luis Quiroga said the catch was down this year.');
    writeFileSync(join(dir, 'c.txt'), 'Marta Quiroga said the review would take months.');
    await ingest(['a.txt', 'b.txt', 'c.txt'], { store, cwd: dir, extract: saidExtractor });
    expect((await store.speakers()).map((s) => [s.name, s.statements])).toEqual([
      ['Marta Quiroga', 2],
      ['Luis Quiroga', 1],
    ]);
  });
});

describe('ingest from URLs', () => {
  let server: Awaited<ReturnType<typeof localServer>>;
  beforeAll(async () => {
    server = await localServer({
      '/story': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(readFileSync(join(fixtures, 'article.html')));
      },
      '/feed': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(readFileSync(join(fixtures, 'feed-rss.xml')));
      },
      '/plain': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('Tobias Renner said the harbor would stay open.');
      },
      '/slow': () => {
        // Never answers: the client's time limit must end it.
      },
      '/huge': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('y'.repeat(20_000));
      },
    });
  });
  afterAll(() => server.close());

  it('fetches pages, feeds and text, keeping the URL as identity', async () => {
    const summary = await ingest([server.url('/story'), server.url('/feed'), server.url('/plain')], { store, extract: saidExtractor });
    expect(summary).toMatchObject({ ingested: 5, failed: 0 });
    const urls = (await collect(store.articles())).map((a) => a.url);
    expect(urls).toContain('https://harbor-gazette.example/news/port-expansion');
    expect(urls).toContain(server.url('/plain'));
    expect(urls).toContain('https://courier.example/2025/03/12/ferry-fares');
  });

  it('reports HTTP errors, time-outs and oversized bodies by URL', async () => {
    const summary = await ingest([server.url('/missing'), server.url('/slow'), server.url('/huge')], {
      store,
      timeoutMs: 300,
      maxBytes: 10_000,
      extract: saidExtractor,
    });
    expect(summary.diagnostics.map((d) => [d.source, d.reason.replace(/\d+/g, 'N')])).toEqual([
      [server.url('/missing'), 'HTTP N Not Found'],
      [server.url('/slow'), 'timed out after N ms'],
      [server.url('/huge'), expect.stringMatching(/limit/)],
    ]);
  });
});
