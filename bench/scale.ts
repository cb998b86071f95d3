/**
 * Scale: builds a database of many articles generated from the sample corpus
 * (words of each content varied, speakers renamed from a generated
 * population, dates and outlets spread), then reports its size, the ingest
 * rate with heap use along the way, and p50/p95 latency of search, the
 * speaker page and trace. Targets at 100,000 articles: p95 < 50 ms each.
 *
 *   node --import tsx bench/scale.ts [--articles N] [--queries N] [--keep FILE] [--db postgres://…]
 *
 * With --db the database is that (empty) PostgreSQL database instead of a temporary SQLite file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { extract } from '../src/extract/index.js';
import { createAttribution, createExtraction, createSpan, type Extraction, type Span } from '../src/model/index.js';
import pg from 'pg';
import { isPostgresUrl, openStore, type ArticleToStore } from '../src/store/index.js';
import { random } from '../src/test-support/random.js';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '300' },
    sample: { type: 'string', default: resolve('data', 'sample') },
    keep: { type: 'string' },
    db: { type: 'string' },
  },
});
const N = Number(values.articles);
const Q = Number(values.queries);

const samples = readdirSync(values.sample)
  .filter((n) => n.endsWith('.txt'))
  .sort()
  .map((n) => {
    const text = readFileSync(join(values.sample, n), 'utf8');
    return { text, extraction: extract(text) };
  });
if (samples.length === 0) throw new Error(`bench scale: no sample articles in ${values.sample}`);

// Words of the corpus by length, to vary contents without moving offsets.
const byLength = new Map<number, string[]>();
for (const { text } of samples) {
  for (const w of text.match(/[A-Za-z]+/g) ?? []) {
    const list = byLength.get(w.length) ?? [];
    list.push(w.toLowerCase());
    byLength.set(w.length, list);
  }
}

// A generated population of names: a few speak often, most rarely.
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ten', 'vos', 'del', 'an', 'bri', 'sto', 'mer', 'gal', 'tor', 'fen', 'ul', 'ys', 'quin', 'har', 'bel', 'dro'];
const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1);
const nameRng = random(7);
const syllables = (n: number): string => Array.from({ length: n }, () => SYLLABLES[Math.floor(nameRng() * SYLLABLES.length)]!).join('');
const PEOPLE = Array.from({ length: Math.max(200, Math.floor(N / 2)) }, () => `${cap(syllables(2))} ${cap(syllables(3))}`);
const ORGS = Array.from({ length: Math.max(50, Math.floor(N / 50)) }, () => `${cap(syllables(2))} ${['Institute', 'Council', 'Authority', 'Works', 'Board'][Math.floor(nameRng() * 5)]}`);
const OUTLETS = Array.from({ length: 60 }, () => `The ${cap(syllables(2))} ${['Ledger', 'Courier', 'Sentinel', 'Gazette', 'Post', 'Herald'][Math.floor(nameRng() * 6)]}`);

function vary(text: string, ranges: readonly Span[], rng: () => number, rate: number): string {
  const chars = text.split('');
  for (const span of ranges) {
    const re = /[A-Za-z]+/g;
    const slice = text.slice(span.start, span.end);
    for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
      if (rng() >= rate) continue;
      const pool = byLength.get(m[0].length);
      if (!pool) continue;
      const word = pool[Math.floor(rng() * pool.length)]!;
      for (let k = 0; k < word.length; k++) chars[span.start + m.index + k] = word[k]!;
    }
  }
  return chars.join('');
}

function respan(text: string, span: Span): Span {
  const whole = createSpan(text, span.start, span.end);
  return span.parts ? { ...whole, parts: span.parts.map((p) => createSpan(text, p.start, p.end)) } : whole;
}

function synthetic(i: number): { article: ArticleToStore; extraction: Extraction } {
  const rng = random(i + 1);
  const base = samples[i % samples.length]!;
  // One article in twenty repeats its contents as written: claims shared across articles.
  const text = i % 20 === 0 ? base.text : vary(base.text, base.extraction.attributions.map((a) => a.content), rng, 0.9);
  const renamed = new Map<string, string>();
  const rename = (name: string, type: string): string => {
    if (type !== 'person' && type !== 'organization' && type !== 'outlet') return name;
    const key = `${type}:${name}`;
    if (!renamed.has(key)) {
      const pool = type === 'person' ? PEOPLE : type === 'outlet' ? OUTLETS : ORGS;
      renamed.set(key, pool[Math.floor(pool.length * rng() ** 3)]!);
    }
    return renamed.get(key)!;
  };
  const day = new Date(Date.UTC(2020, 0, 1) + ((i * 37) % 2000) * 86_400_000).toISOString().slice(0, 10);
  const extraction = createExtraction({
    file: null,
    publishedAt: day,
    bodyStart: base.extraction.bodyStart,
    attributions: base.extraction.attributions.map((a) =>
      createAttribution({
        ...a,
        content: respan(text, a.content),
        cue: respan(text, a.cue),
        source: a.source ? respan(text, a.source) : null,
        speaker: a.speaker ? { ...a.speaker, name: rename(a.speaker.name, a.speaker.type) } : null,
      }),
    ),
    entities: [],
  });
  const article: ArticleToStore = {
    identity: `https://bench.example/${i}`,
    contentHash: `bench:${i}`,
    source: `bench-${i}.txt`,
    url: `https://bench.example/${i}`,
    title: `Bench article ${i}`,
    byline: null,
    outlet: OUTLETS[Math.floor(rng() * OUTLETS.length)]!,
    publishedAt: day,
    summaryOnly: false,
    text,
  };
  return { article, extraction };
}

const dir = values.keep || values.db ? null : mkdtempSync(join(tmpdir(), 'claimtrail-bench-scale-'));
const file = values.db ?? (dir === null ? resolve(values.keep!) : join(dir, 'scale.db'));
const store = await openStore(file);
const heap: number[] = [];
const t0 = performance.now();
const BATCH = 500;
for (let start = 0; start < N; start += BATCH) {
  const batch = Array.from({ length: Math.min(BATCH, N - start) }, (_, k) => synthetic(start + k));
  await store.transaction(async (tx) => {
    for (const { article, extraction } of batch) await tx.putArticle(article, extraction);
  });
  if ((start / BATCH) % Math.max(1, Math.floor(N / BATCH / 10)) === 0) heap.push(process.memoryUsage().heapUsed);
  if (process.stderr.isTTY) process.stderr.write(`\rbuilding ${Math.min(start + BATCH, N)}/${N}`);
}
if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
const buildMs = performance.now() - t0;
const stats = await store.stats();

function percentiles(times: number[]): string {
  const s = [...times].sort((a, b) => a - b);
  const at = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `p50 ${at(0.5).toFixed(2)} ms  p95 ${at(0.95).toFixed(2)} ms  max ${s[s.length - 1]!.toFixed(2)} ms`;
}
async function measure(fn: (k: number) => Promise<unknown>): Promise<string> {
  const times: number[] = [];
  for (let k = 0; k < Q; k++) {
    const t = performance.now();
    await fn(k);
    times.push(performance.now() - t);
  }
  return percentiles(times);
}

const qrng = random(99);
const words = [...byLength.values()].flat().filter((w) => w.length > 4);
const search = await measure(() => store.search(`${words[Math.floor(qrng() * words.length)]!} ${words[Math.floor(qrng() * words.length)]!}`, { limit: 20 }));
const searchOne = await measure(() => store.search(words[Math.floor(qrng() * words.length)]!, { limit: 20 }));
const top = await store.speakers({ top: 200 });
const speakerPage = await measure((k) => store.speaker(k % 2 === 0 ? String(top[k % top.length]!.id) : top[k % top.length]!.name, { limit: 50 }));
const maxAttribution = stats.attributions;
const trace = await measure(() => store.trace(1 + Math.floor(qrng() * maxAttribution)));
await store.close();

const size = isPostgresUrl(file) ? await postgresSize(file) : statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
async function postgresSize(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0]!.n);
  } finally {
    await client.end();
  }
}
const mb = (x: number): string => `${(x / 2 ** 20).toFixed(1)} MB`;
console.log(`scale: ${N} generated articles, ${stats.attributions} attributions, ${stats.speakers} speakers, ${stats.sharedClaims} claims in several articles`);
console.log(`  build         ${(buildMs / 1000).toFixed(1)} s  ${((N / buildMs) * 1000).toFixed(0)} articles/s (storage only, extraction done once per sample)`);
console.log(`  heap          ${heap.map(mb).join(' → ')}`);
console.log(`  database      ${mb(size)}`);
console.log(`  search (2 words)  ${search}`);
console.log(`  search (1 word)   ${searchOne}`);
console.log(`  speaker page      ${speakerPage}`);
console.log(`  trace             ${trace}`);
if (dir !== null) rmSync(dir, { recursive: true, force: true });
