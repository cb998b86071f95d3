import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBrat } from '../formats/index.js';
import { runCli } from '../test-support/cli-io.js';
import { referenceScorerMissing, referenceScores, sharedDir } from '../test-support/shared.js';

let dir = '';

const ARTICLES: Record<string, string> = {
  'corpus/road.txt': '“The road opens in May,” the minister said.\n\nWork began last year, officials said.\n',
  'corpus/sub/port.txt': 'The port will expand, the harbour board announced on Monday.\n',
  'corpus/notes.md': 'Not an article: directories give only .txt files.\n',
  'mixed/a-good.txt': 'Farmers said the rain came late.\n',
  'mixed/z-good.txt': 'The union thinks the deal is fair.\n',
  'story.md': 'Named directly, any extension is read.\n',
  'other/road.txt': 'Another article with the same name.\n',
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'claimtrail-cli-extract-'));
  for (const [name, text] of Object.entries(ARTICLES)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  await writeFile(join(dir, 'mixed', 'binary.txt'), Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
  await writeFile(join(dir, 'mixed', 'latin1.txt'), Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x0a]));
  await writeFile(join(dir, 'mixed', 'empty.txt'), '');
  await mkdir(join(dir, 'many'));
  for (let i = 0; i < 7; i += 1) await writeFile(join(dir, 'many', `n${i}.txt`), `Item ${i}, the clerk said.\n`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = (args: string[], options = {}) => runCli(['extract', ...args], { cwd: dir, ...options });

describe('claimtrail extract', () => {
  it('prints one JSON document for one file, named as given', async () => {
    const { code, stdout, stderr } = await run(['corpus/road.txt', '--format', 'json']);
    expect([code, stderr]).toEqual([0, '']);
    const doc = JSON.parse(stdout) as { file: string; attributions: unknown[] };
    expect(doc.file).toBe('road.txt');
    expect(Array.isArray(doc.attributions)).toBe(true);
  });

  it('prints an array for a directory, read recursively for .txt files only', async () => {
    const { code, stdout } = await run(['corpus', '--format', 'json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { file: string }[]).map((d) => d.file)).toEqual(['road.txt', join('sub', 'port.txt')]);
  });

  it('prints one line per document with jsonl, any file named directly', async () => {
    const { code, stdout } = await run(['corpus', 'story.md', '--format', 'jsonl']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { file: string }).file)).toEqual(['road.txt', join('sub', 'port.txt'), 'story.md']);
  });

  it('prints the pretty view by default, coloured only on a terminal without NO_COLOR', async () => {
    const plain = await run(['corpus/road.txt']);
    expect(plain.stdout.split('\n')[0]).toMatch(/^road\.txt · \d+ attributions? · \d+ entit(y|ies)$/);
    expect(plain.stdout).not.toContain('\x1b[');
    expect((await run(['corpus/road.txt'], { stdoutTTY: true })).stdout).toContain('\x1b[');
    expect((await run(['corpus/road.txt'], { stdoutTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
  });

  it('reports each bad file by name, goes on with the rest, and exits 1', async () => {
    const { code, stdout, stderr } = await run(['mixed', 'missing.txt', '--format', 'jsonl']);
    expect(code).toBe(1);
    expect(stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { file: string }).file)).toEqual(['a-good.txt', 'z-good.txt']);
    expect(stderr.trimEnd().split('\n')).toEqual([
      'claimtrail extract: missing.txt: no such file or directory',
      `claimtrail extract: ${join('mixed', 'binary.txt')}: binary (contains NUL bytes)`,
      `claimtrail extract: ${join('mixed', 'empty.txt')}: empty`,
      `claimtrail extract: ${join('mixed', 'latin1.txt')}: not valid UTF-8`,
    ]);
  });

  it('skips files over --max-bytes', async () => {
    const { code, stdout, stderr } = await run(['corpus', '--format', 'jsonl', '--max-bytes', '70']);
    expect(code).toBe(1);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^claimtrail extract: corpus\/road\.txt: larger than the 70 bytes limit \(\d+ bytes\)\n$/);
  });

  it('writes NAME.ann files into --out with --format brat, refusing two inputs with one name', async () => {
    const out = join(dir, 'brat-out');
    const { code, stderr } = await run(['corpus', 'other/road.txt', '--format', 'brat', '--out', 'brat-out']);
    expect(code).toBe(1);
    expect(stderr).toBe(`claimtrail extract: other/road.txt: ${join(out, 'road.ann')} was already written for ${join('corpus', 'road.txt')}\n`);
    expect((await readdir(out, { recursive: true })).sort()).toEqual(['road.ann', 'sub', join('sub', 'port.ann')]);
    const ann = await readFile(join(out, 'road.ann'), 'utf8');
    // Whatever the extractor finds, the file is brat the parser reads back.
    expect(() => parseBrat(ann, ARTICLES['corpus/road.txt']!)).not.toThrow();
  });

  it('refuses bad usage with exit code 2 and the help', async () => {
    for (const args of [['corpus', '--format', 'brat'], ['corpus', '--format', 'xml'], [], ['corpus', '--format', 'jsonl', '--out', 'x'], ['corpus', '--max-bytes', 'lots']]) {
      const { code, stderr } = await run(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/^claimtrail extract: .+\n\nusage: claimtrail extract/);
    }
    expect((await run(['--help'])).stdout).toMatch(/^usage: claimtrail extract/);
  });

  it('draws a progress bar on a terminal for more than a few files, and never on a pipe', async () => {
    const tty = await run(['many', '--format', 'jsonl'], { stderrTTY: true });
    expect(tty.stderr).toContain('7/7');
    expect(tty.stderr.endsWith('\r\x1b[K')).toBe(true);
    expect((await run(['many', '--format', 'jsonl'])).stderr).toBe('');
    expect((await run(['corpus', '--format', 'jsonl'], { stderrTTY: true })).stderr).toBe('');
  });

  it('waits for a slow reader instead of piling output up in memory', async () => {
    let mostBuffered = 0;
    let written = '';
    const slow = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _encoding, done) {
        written += String(chunk);
        setTimeout(done, 1);
      },
    });
    const write = slow.write.bind(slow);
    slow.write = ((chunk: string) => {
      mostBuffered = Math.max(mostBuffered, slow.writableLength);
      return write(chunk);
    }) as typeof slow.write;
    const { code } = await run(['many', '--format', 'jsonl'], { stdout: slow });
    expect(code).toBe(0);
    expect(written.trimEnd().split('\n')).toHaveLength(7);
    // Each document waited for the previous one to drain.
    expect(mostBuffered).toBe(0);
  });

  it('stops quietly when the reader goes away (output piped to head)', async () => {
    let writes = 0;
    const closing = new Writable({
      write(_chunk, _encoding, done) {
        writes += 1;
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const { code } = await run(['many', '--format', 'jsonl'], { stdout: closing });
    expect(code).toBe(0);
    expect(writes).toBe(1);
  });
});

const missing = referenceScorerMissing();

describe.skipIf(missing !== null)(`claimtrail extract --format brat${missing ? ` (${missing})` : ''}`, () => {
  it('writes files the reference scorer reads, with the figures claimtrail eval gives', async () => {
    const gold = join(dir, 'gold');
    await mkdir(gold, { recursive: true });
    const seed = join(sharedDir() ?? '', 'data', 'seed');
    await writeFile(join(gold, 'article.txt'), await readFile(join(seed, 'article.txt')));
    await writeFile(join(gold, 'article.ann'), await readFile(join(seed, 'article.ann')));
    await writeFile(join(gold, 'road.txt'), ARTICLES['corpus/road.txt']!);
    await writeFile(join(gold, 'road.ann'), 'T1\tSource 25 37\tthe minister\nT2\tCue 38 42\tsaid\nT3\tContent 0 24\tx\nE1\tContent:T3 Cue:T2 Source:T1\n');
    const extracted = await run(['gold', '--format', 'brat', '--out', 'gold-pred']);
    expect(extracted.code).toBe(0);
    const reference = referenceScores(gold, join(dir, 'gold-pred'));
    const scored = await runCli(['eval', '--gold', 'gold', '--pred', 'gold-pred', '--json'], { cwd: dir });
    expect(JSON.parse(scored.stdout)).toMatchObject(reference);
    // Running the extractor inside eval gives the same figures as scoring its saved files.
    const direct = await runCli(['eval', '--gold', 'gold', '--json'], { cwd: dir });
    expect(JSON.parse(direct.stdout)).toMatchObject(reference);
  });
});

describe('extract --jobs', () => {
  const bin = join(import.meta.dirname, '..', '..', 'bin', 'claimtrail.js');
  const built = existsSync(join(import.meta.dirname, '..', '..', 'dist', 'extract', 'pool-worker.js'));
  // Worker threads run the compiled code: the test drives the built CLI (npm install builds it).
  it.skipIf(!built)('gives the same output on worker threads as on one thread, in input order', () => {
    const sample = join(import.meta.dirname, '..', '..', 'data', 'sample');
    const one = spawnSync(process.execPath, [bin, 'extract', sample, '--format', 'jsonl'], { encoding: 'utf8' });
    const two = spawnSync(process.execPath, [bin, 'extract', sample, '--format', 'jsonl', '--jobs', '2'], { encoding: 'utf8' });
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stdout.split('\n').length).toBeGreaterThan(10);
    expect(two.stdout).toBe(one.stdout);
  });

  it('refuses a --jobs that is not a number', async () => {
    const r = await runCli(['extract', 'x.txt', '--jobs', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jobs/);
  });
});
