import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBrat } from '../formats/index.js';
import { openSqliteStore, type ArticleToStore, type Store } from '../store/index.js';
import { bufferIO } from '../test-support/cli-io.js';
import { handExtraction, type HandAttribution } from '../test-support/hand-extraction.js';
import { csvField } from '../store/index.js';
import { main } from './index.js';

let dir: string;

const CLAIM = 'the port has spent more than $40 million on design work since 2021';
const ARTICLES: readonly [Partial<ArticleToStore> & { text: string }, HandAttribution[]][] = [
  [
    {
      text: `The port has spent more than $40 million on design work since 2021, Port Chairman Tobias Renner said. “We are not going to cut corners on the estuary,” said Marta Quiroga, the regional water director.`,
      url: 'https://gazette.example/1',
      outlet: 'The Harbor Gazette',
      publishedAt: '2025-03-10',
      title: 'Port costs climb',
    },
    [
      { content: 'The port has spent more than $40 million on design work since 2021', cue: 'said', source: 'Port Chairman Tobias Renner', speaker: { name: 'Tobias Renner', type: 'person', roles: ['Port Chairman'] } },
      { content: 'We are not going to cut corners on the estuary', cue: 'said', source: 'Marta Quiroga', kind: 'direct', speaker: { name: 'Marta Quiroga', type: 'person', roles: ['the regional water director'] } },
    ],
  ],
  [
    { text: `According to the Gazette, ${CLAIM}.`, url: 'https://coastline.example/2', outlet: 'Coastline Weekly', publishedAt: '2025-03-12', title: 'Costs questioned' },
    [{ content: CLAIM, cue: 'According to', source: 'the Gazette', kind: 'according-to', speaker: { name: 'the Gazette', type: 'outlet' } }],
  ],
  [
    { text: 'Quiroga said the estuary review would take months.', url: 'https://notes.example/3', outlet: 'Estuary Notes', publishedAt: '2025-03-15', title: 'Review' },
    [{ content: 'the estuary review would take months', cue: 'said', source: 'Quiroga', speaker: { name: 'Quiroga', type: 'person' } }],
  ],
];

async function populate(file: string, order: readonly number[] = [0, 1, 2]): Promise<void> {
  const store: Store = openSqliteStore(file);
  try {
    for (const i of order) {
      const [fields, attributions] = ARTICLES[i]!;
      const article: ArticleToStore = {
        identity: fields.url!,
        contentHash: `h${i}`,
        source: `article-${i}.html`,
        url: fields.url ?? null,
        title: fields.title ?? null,
        byline: null,
        outlet: fields.outlet ?? null,
        publishedAt: fields.publishedAt ?? null,
        summaryOnly: false,
        text: fields.text,
      };
      await store.putArticle(article, handExtraction(fields.text, attributions, article.publishedAt));
    }
  } finally {
    await store.close();
  }
}

async function run(...args: string[]) {
  const { io, stdout, stderr } = bufferIO({ cwd: dir, env: { CLAIMTRAIL_DB: 'record.db' } });
  const code = await main(args, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'claimtrail-cli-record-'));
  await populate(join(dir, 'record.db'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('claimtrail search', () => {
  it('prints { attribution, article, speaker, snippet, score } with --json', async () => {
    const r = await run('search', 'estuary', '--json');
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(results).toHaveLength(2);
    for (const x of results) expect(Object.keys(x).sort()).toEqual(['article', 'attribution', 'score', 'snippet', 'speaker']);
    expect(results.map((x) => (x['speaker'] as { name: string }).name)).toEqual(['Marta Quiroga', 'Marta Quiroga']);
  });

  it('applies --speaker, --outlet, --since, --until and --kind', async () => {
    const ids = async (...args: string[]) => (JSON.parse((await run('search', ...args, '--json')).stdout) as { article: { url: string } }[]).map((x) => x.article.url);
    expect(await ids('port', '--speaker', 'Renner')).toEqual(['https://gazette.example/1']);
    expect(await ids('port', '--outlet', 'Coastline Weekly')).toEqual(['https://coastline.example/2']);
    expect(await ids('estuary', '--since', '2025-03-11')).toEqual(['https://notes.example/3']);
    expect(await ids('estuary', '--until', '2025-03-11')).toEqual(['https://gazette.example/1']);
    expect(await ids('estuary', '--kind', 'direct')).toEqual(['https://gazette.example/1']);
  });

  it('prints an aligned table for people', async () => {
    const r = await run('search', 'estuary');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +DATE +OUTLET +SPEAKER +KIND +SNIPPET$/);
    const column = lines[0]!.indexOf('OUTLET');
    for (const line of lines.slice(1)) expect(line.slice(column)).toMatch(/^(The Harbor Gazette|Estuary Notes) /);
  });

  it('rejects a bad date or kind, and a missing database, with exit code 2', async () => {
    expect((await run('search', 'x', '--since', 'March')).code).toBe(2);
    expect((await run('search', 'x', '--kind', 'rumour')).code).toBe(2);
    const { io, stderr } = bufferIO({ cwd: dir, env: {} });
    expect(await main(['search', 'x', '--db', 'nothing.db'], io)).toBe(2);
    expect(stderr.text()).toMatch(/no database at .*nothing\.db/);
  });
});

describe('claimtrail speakers and speaker', () => {
  it('lists { id, name, type, roles, articles, statements }, most quoted first', async () => {
    const r = await run('speakers', '--json');
    const speakers = JSON.parse(r.stdout) as { name: string; statements: number; articles: number; roles: string[]; type: string; id: number }[];
    expect(speakers.map((s) => [s.name, s.type, s.statements, s.articles])).toEqual([
      ['Marta Quiroga', 'person', 2, 2],
      ['The Harbor Gazette', 'outlet', 1, 1],
      ['Tobias Renner', 'person', 1, 1],
    ]);
    expect(Object.keys(speakers[0]!).sort()).toEqual(['articles', 'id', 'name', 'roles', 'statements', 'type']);
    expect(JSON.parse((await run('speakers', '--top', '1', '--json')).stdout)).toHaveLength(1);
  });

  it('shows a speaker’s roles, statements by date and outlets', async () => {
    const r = await run('speaker', 'Quiroga');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Marta Quiroga {2}\(person, speaker \d+\) {2}2 statements in 2 articles/);
    expect(r.stdout).toMatch(/2025-03-10 {2}2025-03-10 +1 {2}the regional water director/);
    expect(r.stdout.indexOf('2025-03-10  The Harbor Gazette')).toBeLessThan(r.stdout.indexOf('2025-03-15  Estuary Notes'));
    const page = JSON.parse((await run('speaker', 'Marta Quiroga', '--json')).stdout) as { outlets: { name: string }[] };
    expect(page.outlets.map((o) => o.name).sort()).toEqual(['Estuary Notes', 'The Harbor Gazette']);
    expect((await run('speaker', 'Nobody Atall')).code).toBe(1);
  });

  it('merges and splits speakers', async () => {
    const list = async () => JSON.parse((await run('speakers', '--json')).stdout) as { id: number; name: string; statements: number }[];
    const before = await list();
    const marta = before.find((s) => s.name === 'Marta Quiroga')!;
    const split = await run('speakers', 'split', String(marta.id), 'Quiroga');
    expect(split.code).toBe(0);
    expect((await list()).map((s) => [s.name, s.statements])).toContainEqual(['Quiroga', 1]);
    const other = (await list()).find((s) => s.name === 'Quiroga')!;
    expect((await run('speakers', 'merge', String(marta.id), String(other.id))).code).toBe(0);
    expect((await list()).find((s) => s.name === 'Marta Quiroga')?.statements).toBe(2);
    expect((await run('speakers', 'merge', '999', String(marta.id))).code).toBe(2);
  });
});

describe('claimtrail trace', () => {
  it('shows the chain to the cited outlet’s article and its speaker, then the claim earliest first', async () => {
    const [hit] = JSON.parse((await run('search', 'design work', '--outlet', 'Coastline', '--json')).stdout) as { attribution: { id: number } }[];
    const r = await run('trace', String(hit!.attribution.id));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('article   2025-03-12  Coastline Weekly  Costs questioned');
    expect(r.stdout).toContain('cites     The Harbor Gazette (outlet) as “the Gazette”');
    expect(r.stdout).toContain('its article: 2025-03-10  The Harbor Gazette  Port costs climb');
    expect(r.stdout).toContain('speaker   Tobias Renner (person), Port Chairman');
    const table = r.stdout.slice(r.stdout.indexOf('the same claim in 2 articles, earliest first'));
    expect(table.indexOf('2025-03-10  The Harbor Gazette  Tobias Renner')).toBeGreaterThan(0);
    expect(table.indexOf('2025-03-10  The Harbor Gazette')).toBeLessThan(table.indexOf('2025-03-12  Coastline Weekly'));
    const json = JSON.parse((await run('trace', String(hit!.attribution.id), '--json')).stdout) as { claim: unknown[]; chain: { kind: string }[] };
    expect(json.claim).toHaveLength(2);
    expect(json.chain.map((s) => s.kind)).toEqual(['article', 'cited', 'speaker']);
    expect((await run('trace', '424242')).code).toBe(1);
  });
});

describe('claimtrail stats', () => {
  it('prints counts only, the same bytes for the same content stored in another order', async () => {
    const r = await run('stats', '--json');
    expect(JSON.parse(r.stdout)).toEqual({
      articles: 3,
      attributions: 4,
      speakers: 3,
      claims: 3,
      sharedClaims: 1,
      outlets: 3,
      summaryOnly: 0,
      kinds: { direct: 1, mixed: 0, indirect: 2, 'according-to': 1 },
    });
    await populate(join(dir, 'reversed.db'), [2, 1, 0]);
    const { io, stdout } = bufferIO({ cwd: dir, env: { CLAIMTRAIL_DB: 'reversed.db' } });
    await main(['stats', '--json'], io);
    expect(stdout.text()).toBe(r.stdout);
    expect((await run('stats')).stdout).toMatch(/^articles +3$/m);
  });
});

describe('claimtrail export', () => {
  it('writes JSON Lines records to stdout', async () => {
    const r = await run('export', '--format', 'jsonl');
    const records = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { record: string });
    expect(records.filter((x) => x.record === 'article')).toHaveLength(3);
    expect(records.filter((x) => x.record === 'attribution')).toHaveLength(4);
    expect(records.filter((x) => x.record === 'speaker').length).toBeGreaterThanOrEqual(3);
  });

  it('writes CSV files with quoted fields', async () => {
    expect((await run('export', '--format', 'csv', '--out', 'csv')).code).toBe(0);
    expect(readdirSync(join(dir, 'csv')).sort()).toEqual(['articles.csv', 'attributions.csv', 'speakers.csv']);
    const attributions = readFileSync(join(dir, 'csv', 'attributions.csv'), 'utf8');
    expect(attributions.split('\n')[0]).toMatch(/^id,article_id,kind,/);
    expect(attributions).toContain(',The port has spent more than $40 million on design work since 2021,');
    expect(csvField('a "quoted", line\nbreak')).toBe('"a ""quoted"", line\nbreak"');
  });

  it('writes brat standoff whose spans are the stored ones', async () => {
    expect((await run('export', '--format', 'brat', '--out', 'brat')).code).toBe(0);
    const files = readdirSync(join(dir, 'brat')).sort();
    expect(files.filter((f) => f.endsWith('.ann'))).toHaveLength(3);
    const first = files.find((f) => f.endsWith('.txt'))!;
    const text = readFileSync(join(dir, 'brat', first), 'utf8');
    const ann = readFileSync(join(dir, 'brat', first.replace(/\.txt$/, '.ann')), 'utf8');
    const parsed = parseBrat(ann, text);
    expect(parsed).toHaveLength(2);
    expect(JSON.stringify(parsed)).toContain('We are not going to cut corners on the estuary');
  });

  it('needs --out for csv and brat', async () => {
    expect((await run('export', '--format', 'csv')).code).toBe(2);
  });
});
