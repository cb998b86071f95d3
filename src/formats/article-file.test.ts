import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeArticleBytes, findArticleFiles, readArticleFile } from './index.js';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'claimtrail-article-file-'));
  await mkdir(join(dir, 'corpus', 'b', 'deeper'), { recursive: true });
  await mkdir(join(dir, 'corpus', '.hidden'));
  await writeFile(join(dir, 'corpus', 'a.txt'), 'First article.');
  await writeFile(join(dir, 'corpus', 'notes.md'), 'Not an article.');
  await writeFile(join(dir, 'corpus', 'b', 'c.txt'), 'Second article.');
  await writeFile(join(dir, 'corpus', 'b', 'deeper', 'd.txt'), 'Third article.');
  await writeFile(join(dir, 'corpus', '.hidden', 'e.txt'), 'Hidden.');
  // A link back up the tree must not make the walk endless.
  await symlink(join(dir, 'corpus'), join(dir, 'corpus', 'b', 'loop'));
  await writeFile(join(dir, 'story.md'), 'Given directly, any extension is fine.');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('readArticleFile', () => {
  it('reads UTF-8 text as it is, a byte-order mark included (so offsets match other readers)', async () => {
    await writeFile(join(dir, 'bom.txt'), '\ufeffCafé “quoted”.');
    expect(await readArticleFile(join(dir, 'bom.txt'))).toEqual({ kind: 'article', file: join(dir, 'bom.txt'), text: '\ufeffCafé “quoted”.' });
  });

  it('says why a file cannot be used', async () => {
    const cases: [string, Uint8Array | string, string][] = [
      ['empty.txt', '', 'empty'],
      ['blank.txt', ' \n\t\n', 'empty (only whitespace)'],
      ['binary.txt', bytes(0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41), 'binary (contains NUL bytes)'],
      ['latin1.txt', bytes(0x43, 0x61, 0x66, 0xe9, 0x2e), 'not valid UTF-8'],
      ['cut.txt', bytes(0x41, 0xe2, 0x80), 'not valid UTF-8'],
    ];
    for (const [name, content, reason] of cases) {
      await writeFile(join(dir, name), content);
      expect(await readArticleFile(join(dir, name)), name).toEqual({ kind: 'diagnostic', file: join(dir, name), reason });
    }
    expect(await readArticleFile(join(dir, 'missing.txt'))).toMatchObject({ reason: 'no such file or directory' });
    expect(await readArticleFile(join(dir, 'corpus'))).toMatchObject({ reason: 'not a regular file' });
  });

  it('refuses a file over the size limit without reading it', async () => {
    await writeFile(join(dir, 'big.txt'), 'x'.repeat(2048));
    expect(await readArticleFile(join(dir, 'big.txt'), { maxBytes: 2047 })).toMatchObject({
      reason: 'larger than the 2047 bytes limit (2048 bytes)',
    });
    expect(await readArticleFile(join(dir, 'big.txt'), { maxBytes: 2048 })).toMatchObject({ kind: 'article' });
    expect(decodeArticleBytes(new Uint8Array(3 * 1024 * 1024 + 1).fill(0x61), 'stdin', { maxBytes: 3 * 1024 * 1024 })).toMatchObject({
      file: 'stdin',
      reason: 'larger than the 3 MiB limit (3145729 bytes)',
    });
  });
});

describe('findArticleFiles', () => {
  it('takes .txt files from directories recursively, any file named directly, in a stable order', async () => {
    const { files, diagnostics } = await findArticleFiles(['corpus', 'story.md', 'nowhere'], { cwd: dir });
    expect(files.map((f) => [f.file, f.name])).toEqual([
      [join('corpus', 'a.txt'), 'a.txt'],
      [join('corpus', 'b', 'c.txt'), join('b', 'c.txt')],
      [join('corpus', 'b', 'deeper', 'd.txt'), join('b', 'deeper', 'd.txt')],
      ['story.md', 'story.md'],
    ]);
    expect(files[0]?.path).toBe(join(dir, 'corpus', 'a.txt'));
    expect(diagnostics).toEqual([{ kind: 'diagnostic', file: 'nowhere', reason: 'no such file or directory' }]);
  });
});
