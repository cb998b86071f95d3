import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBrat } from '../formats/index.js';
import { runCli } from '../test-support/cli-io.js';
import { extractionOf } from '../test-support/extraction.js';
import { referenceScorerMissing, referenceScores } from '../test-support/shared.js';

let dir = '';

const ROAD = '“The road opens in May,” the minister said. Work began last year, officials said.';
const PORT = 'The port will expand, the harbour board announced. Traders think prices will fall, according to a survey.';

const GOLD = {
  road: extractionOf(ROAD, [
    { kind: 'direct', content: '“The road opens in May,”', cue: 'said', source: 'the minister' },
    { kind: 'indirect', content: 'Work began last year', cue: 'said', source: 'officials' },
  ]),
  port: extractionOf(PORT, [
    { kind: 'indirect', content: 'The port will expand', cue: 'announced', source: 'the harbour board' },
    { kind: 'according-to', content: 'Traders think prices will fall', cue: 'according to', source: 'a survey' },
  ]),
};

// Right on the road article; on the port article one attribution has the wrong source and one is missed.
const PRED = {
  road: GOLD.road,
  port: extractionOf(PORT, [{ kind: 'indirect', content: 'The port will expand', cue: 'announced', source: 'Traders' }]),
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'claimtrail-cli-eval-'));
  await mkdir(join(dir, 'gold'));
  await mkdir(join(dir, 'pred'));
  await mkdir(join(dir, 'broken'));
  for (const [name, text] of [['road', ROAD], ['port', PORT]] as const) {
    await writeFile(join(dir, 'gold', `${name}.txt`), text);
    await writeFile(join(dir, 'gold', `${name}.ann`), toBrat(GOLD[name], text));
    await writeFile(join(dir, 'pred', `${name}.ann`), toBrat(PRED[name], text));
  }
  await writeFile(join(dir, 'broken', 'road.ann'), Uint8Array.from([0x54, 0x31, 0x09, 0xff, 0x0a]));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = (args: string[]) => runCli(['eval', ...args], { cwd: dir });

describe('claimtrail eval', () => {
  it('prints the reference figures as JSON, then the breakdown by kind and the worst articles', async () => {
    const { code, stdout } = await run(['--gold', 'gold', '--pred', 'pred', '--json']);
    expect(code).toBe(0);
    const scores = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(scores)).toEqual(['articles', 'gold', 'predicted', 'content_soft', 'content_exact', 'attribution', 'cue', 'by_kind', 'worst']);
    expect(scores).toMatchObject({
      articles: 2,
      gold: 4,
      predicted: 3,
      content_exact: { p: 1, r: 0.75, f1: 0.8571 },
      attribution: { p: 0.6667, r: 0.5, f1: 0.5714 },
      by_kind: { 'according-to': { gold: 1, gold_found: 0, recall: 0 }, direct: { gold: 1, gold_correct: 1, recall: 1 } },
      worst: [{ name: 'port', gold: 2, predicted: 1, correct: 0, attribution: { f1: 0 } }],
    });
  });

  it('prints a table for a person', async () => {
    const { code, stdout } = await run(['--gold', 'gold', '--pred', 'pred']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('2 articles, 4 gold attributions, 3 predicted');
    expect(lines).toContain('attribution    0.6667  0.5000  0.5714');
    expect(lines).toContain('according-to     1      0        0  0.0000          0        0     0.0000');
    expect(lines.slice(-4)).toEqual([
      'worst articles (lowest attribution F1)',
      'article  gold  predicted  correct      F1',
      'port        2          1        0  0.0000',
      '',
    ]);
  });

  it('limits the worst articles to --worst N', async () => {
    const { stdout } = await run(['--gold', 'gold', '--pred', 'pred', '--json', '--worst', '0']);
    expect((JSON.parse(stdout) as { worst: unknown[] }).worst).toEqual([]);
  });

  it('runs the extractor and saves its NAME.ann files with --save', async () => {
    const { code, stdout } = await run(['--gold', 'gold', '--save', 'saved', '--json']);
    expect(code).toBe(0);
    expect((await readdir(join(dir, 'saved'))).sort()).toEqual(['port.ann', 'road.ann']);
    expect(JSON.parse(stdout)).toMatchObject({ articles: 2, gold: 4 });
  });

  it('names a file it cannot read and exits 1', async () => {
    const { code, stderr } = await run(['--gold', 'gold', '--pred', 'broken']);
    expect(code).toBe(1);
    expect(stderr).toBe(`claimtrail eval: ${join(dir, 'broken', 'road.ann')}: not valid UTF-8\n`);
  });

  it('refuses bad usage with exit code 2', async () => {
    for (const args of [[], ['--gold', 'nowhere'], ['--gold', 'gold', '--pred', 'pred', '--save', 'x'], ['--gold', 'gold', '--worst', 'all']]) {
      const { code, stderr } = await run(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/^claimtrail eval: .+\n\nusage: claimtrail eval/);
    }
  });
});

const missing = referenceScorerMissing();

describe.skipIf(missing !== null)(`claimtrail eval against brat-eval.py${missing ? ` (${missing})` : ''}`, () => {
  it('gives the reference figures on the same predictions', async () => {
    const { stdout } = await run(['--gold', 'gold', '--pred', 'pred', '--json']);
    expect(JSON.parse(stdout)).toMatchObject(referenceScores(join(dir, 'gold'), join(dir, 'pred')));
  });
});
