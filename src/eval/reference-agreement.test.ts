import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBratRanges, toBrat } from '../formats/index.js';
import { extractionOf } from '../test-support/extraction.js';
import { referenceScorerMissing, referenceScores, sharedDir } from '../test-support/shared.js';
import { classifyKind, scoreDirectories } from './index.js';
import { random } from '../test-support/random.js';

interface TLine {
  type: string;
  frags: [number, number][];
}

/**
 * Perturbs a gold `.ann` the way a weak extractor errs, working on the file's
 * own offsets (never through the code under test): drops attributions,
 * moves and trims content, loses or swaps sources and cues, adds spurious
 * and duplicate attributions, and writes the odd lines the reference scorer
 * tolerates (touching fragments inside a word, offsets past the end,
 * `Content2` arguments, unknown T references).
 */
function perturb(ann: string, textLength: number, rand: () => number): string {
  const spans = new Map<string, TLine>();
  const events: Map<string, string>[] = [];
  for (const line of ann.split('\n')) {
    const t = /^(T\d+)\t(\S+) ([\d ;]+)\t/.exec(line);
    if (t) spans.set(t[1]!, { type: t[2]!, frags: t[3]!.split(';').map((f) => f.trim().split(/\s+/).map(Number) as [number, number]) });
    const e = /^E\d+\t(.*)$/.exec(line);
    if (e) events.push(new Map(e[1]!.split(/\s+/).map((a) => a.split(':') as [string, string])));
  }
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const clamp = (n: number) => Math.max(0, n);
  const out: string[] = [];
  let t = 0;
  let e = 0;
  const span = (type: string, frags: [number, number][]) => {
    t += 1;
    out.push(`T${t}\t${type} ${frags.map(([a, b]) => `${a} ${b}`).join(';')}\tx`);
    return `T${t}`;
  };
  const emit = (content: [number, number][], cue: [number, number][] | null, source: [number, number][] | null, contentKey = 'Content') => {
    const args = [`${contentKey}:${span('Content', content)}`];
    if (cue) args.push(`Cue:${span('Cue', cue)}`);
    if (source) args.push(`Source:${span('Source', source)}`);
    if (rand() < 0.05) args.push('Cue:T999'); // an unknown reference
    e += 1;
    out.push(`E${e}\t${args.join(' ')}`);
  };
  const randomRange = (): [number, number] => {
    const a = int(0, Math.max(0, textLength - 10));
    return [a, a + int(3, 90)];
  };
  for (const args of events) {
    if (rand() < 0.12) continue;
    const get = (role: string) => spans.get(args.get(role) ?? '')?.frags ?? null;
    let content = get('Content') ?? [randomRange()];
    let cue = get('Cue');
    let source = get('Source');
    const r = rand();
    if (r < 0.15) content = content.map(([a, b]) => [clamp(a + int(-8, 8)), b]);
    else if (r < 0.3) content = content.map(([a, b]) => [a, clamp(b + int(-15, 15))]);
    else if (r < 0.38) content = content.slice(0, 1);
    else if (r < 0.44) content = content.flatMap(([a, b]): [number, number][] => [[a, a + Math.floor((b - a) / 2)], [a + Math.floor((b - a) / 2), b]]);
    else if (r < 0.48) content = content.map(([a, b]) => [a, b + int(0, 400)]);
    else if (r < 0.52) content = [[content[0]![0] + 40, content[0]![0] + 10], ...content];
    const s = rand();
    if (s < 0.2) source = null;
    else if (s < 0.3) source = cue;
    else if (s < 0.4 && source) source = source.map(([a, b]) => [clamp(a + int(-10, 3)), b]);
    if (rand() < 0.1) cue = null;
    else if (rand() < 0.15 && cue) cue = cue.map(([a, b]) => [clamp(a + int(-6, 6)), clamp(b + int(-6, 6))]);
    emit(content, cue, source, rand() < 0.05 ? 'Content2' : 'Content');
    if (rand() < 0.05) emit(content, cue, source);
  }
  for (let i = int(0, 3); i > 0; i -= 1) emit([randomRange()], rand() < 0.5 ? [randomRange()] : null, rand() < 0.5 ? [randomRange()] : null);
  return out.map((l) => `${l}\n`).join('');
}

// Invented text with what trips a scorer port: accents, a decomposed é, curly quotes,
// an emoji sequence and astral letters (offsets in code points), \r\n line ends, digits of other scripts.
const UNICODE_TEXT = [
  'Zoë Brontë, the café’s owner, said the naïve plan “won’t work.”',
  'The judge 👩‍⚖️ replied: “We’ll see what the 𝐍𝐄𝐖 rules allow.” Officials in Tōkyō think the rules are fine.',
  'A resident said the spelling cafe\u0301 confused everyone. Numbers ½ ² ٣ and snake_case_words count as words, according to the guide.',
].join('\r\n');

const UNICODE_EXTRACTION = extractionOf(UNICODE_TEXT, [
  { kind: 'mixed', content: 'the naïve plan “won’t work.”', cue: 'said', source: 'Zoë Brontë, the café’s owner' },
  { kind: 'direct', content: '“We’ll see what the 𝐍𝐄𝐖 rules allow.”', cue: 'replied', source: 'The judge 👩‍⚖️' },
  { kind: 'indirect', content: 'the rules are fine', cue: 'think', source: 'Officials in Tōkyō' },
  { kind: 'indirect', content: 'the spelling cafe\u0301 confused everyone', cue: 'said', source: 'A resident' },
  { kind: 'according-to', content: 'Numbers ½ ² ٣ and snake_case_words count as words', cue: 'according to', source: 'the guide' },
]);

// Predictions starting on a combining mark and inside an astral word: Python's \w decides their words.
const UNICODE_PRED = extractionOf(UNICODE_TEXT, [
  { kind: 'mixed', content: 'ë, the café’s owner, said the naïve plan', cue: 'said', source: 'the café’s owner' },
  { kind: 'direct', content: '𝐄𝐖 rules allow.”', cue: 'replied', source: 'judge 👩‍⚖️' },
  { kind: 'indirect', content: '\u0301 confused everyone', cue: 'said', source: 'A resident' },
  { kind: 'indirect', content: '½ ² ٣ and snake', cue: 'according to', source: null },
]);

// Two gold attributions of the same words by different sources: the tie-break decides the figures.
const TIE_TEXT = 'Ann and Bo said the mill will close. Cy said nothing new.';
const TIE_GOLD = 'T1\tContent 16 35\tx\nT2\tSource 0 3\tAnn\nT3\tSource 8 10\tBo\nT4\tCue 11 15\tsaid\nE1\tContent:T1 Source:T2 Cue:T4\nE2\tContent:T1 Source:T3 Cue:T4\n';
const TIE_PRED = 'T1\tContent 16 35\tx\nT2\tSource 0 3\tAnn\nT3\tCue 11 15\tsaid\nE1\tContent:T1 Source:T2 Cue:T3\n';

const missing = referenceScorerMissing();

describe.skipIf(missing !== null)(`scoreDirectories agrees with brat-eval.py${missing ? ` (${missing})` : ''}`, () => {
  const shared = sharedDir() ?? '';
  let work = '';
  let gold = '';

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'claimtrail-agreement-'));
    gold = join(work, 'gold');
    await mkdir(gold);
    await copyFile(join(shared, 'data', 'seed', 'article.txt'), join(gold, 'seed.txt'));
    await copyFile(join(shared, 'data', 'seed', 'article.ann'), join(gold, 'seed.ann'));
    // A handful of dev articles, picked by position so no article is named here.
    const dev = join(shared, 'data', 'polnear', 'dev');
    const names = (await readdir(dev)).filter((n) => n.endsWith('.txt')).sort();
    for (const name of names.filter((_, i) => i % 17 === 3)) {
      const base = name.slice(0, -4);
      await copyFile(join(dev, name), join(gold, name));
      await copyFile(join(dev, `${base}.ann`), join(gold, `${base}.ann`));
    }
    await writeFile(join(gold, 'unicode.txt'), UNICODE_TEXT);
    await writeFile(join(gold, 'unicode.ann'), toBrat(UNICODE_EXTRACTION, UNICODE_TEXT));
    await writeFile(join(gold, 'tie.txt'), TIE_TEXT);
    await writeFile(join(gold, 'tie.ann'), TIE_GOLD);
    await writeFile(join(gold, 'no-annotations.txt'), 'An article nobody annotated.');
  });

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('writes brat offsets that Python slices to the same words', async () => {
    const check = [
      'import re, sys',
      'text = open(sys.argv[1], encoding="utf8").read()',
      'for line in open(sys.argv[2], encoding="utf8"):',
      '    m = re.match(r"^(T\\d+)\\t(\\S+) ([\\d ;]+)\\t(.*)$", line.rstrip("\\n"))',
      '    if not m: continue',
      '    frags = [tuple(map(int, s.split())) for s in m.group(3).split(";")]',
      '    print(" ".join(text[a:b] for a, b in frags).replace("\\n", " ") == m.group(4))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', check, join(gold, 'unicode.txt'), join(gold, 'unicode.ann')], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toEqual(Array(20).fill('True'));
  });

  it('on gold against itself, against nothing, and on crafted predictions (a tie, words cut by a combining mark)', async () => {
    const empty = join(work, 'empty');
    await mkdir(empty, { recursive: true });
    const crafted = join(work, 'crafted');
    await mkdir(crafted, { recursive: true });
    await writeFile(join(crafted, 'tie.ann'), TIE_PRED);
    await writeFile(join(crafted, 'unicode.ann'), toBrat(UNICODE_PRED, UNICODE_TEXT));
    for (const pred of [gold, empty, crafted]) {
      const { by_kind: _k, per_article: _a, ...ours } = await scoreDirectories(gold, pred);
      expect(ours, pred).toEqual(referenceScores(gold, pred));
    }
  });

  it.each([1, 2, 3, 4])('on gold perturbed with seed %i, every figure', async (seed) => {
    const rand = random(seed);
    const pred = join(work, `pred-${seed}`);
    await mkdir(pred, { recursive: true });
    for (const name of (await readdir(gold)).filter((n) => n.endsWith('.ann')).sort()) {
      const text = await readFile(join(gold, `${name.slice(0, -4)}.txt`), 'utf8');
      const ann = await readFile(join(gold, name), 'utf8');
      await writeFile(join(pred, name), perturb(ann, [...text].length, rand));
    }
    const reference = referenceScores(gold, pred);
    const { by_kind: _k, per_article: _a, ...ours } = await scoreDirectories(gold, pred);
    expect(ours).toEqual(reference);
    // The perturbation must leave something to get wrong, or agreement proves little.
    const attribution = reference['attribution'] as { f1: number };
    expect(attribution.f1).toBeGreaterThan(0.2);
    expect(attribution.f1).toBeLessThan(0.95);
  });
});

describe.skipIf(sharedDir() === null)(
  `classifyKind on the seed article${sharedDir() === null ? ' (skipped: ../shared not found; set CLAIMTRAIL_SHARED)' : ''}`,
  () => {
    it('gives the kinds of expected.json', async () => {
      const seed = join(sharedDir() ?? '', 'data', 'seed');
      const text = await readFile(join(seed, 'article.txt'), 'utf8');
      const gold = parseBratRanges(await readFile(join(seed, 'article.ann'), 'utf8'), text);
      const expected = JSON.parse(await readFile(join(seed, 'expected.json'), 'utf8')) as { attributions: { kind: string }[] };
      expect(gold.map((e) => classifyKind(text, e))).toEqual(expected.attributions.map((a) => a.kind));
    });
  },
);
