import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toBrat } from '../formats/index.js';
import type { Attribution, Span } from '../model/index.js';
import { referenceScorerMissing, referenceScores, sharedDir } from '../test-support/shared.js';
import { extract } from './index.js';

interface ExpectedAttribution {
  id: string;
  kind: string;
  content: { start: number; end: number; text: string };
  speaker: string;
  speakerType: string;
  roles: string[];
}
interface Expected {
  publishedAt: string;
  attributions: ExpectedAttribution[];
  speakers: { name: string; type: string; roles?: string[] }[];
}

const shared = sharedDir();
const skip = referenceScorerMissing();
const seedDir = shared ? join(shared, 'data', 'seed') : '';

function words(text: string, s: { start: number; end: number }): Set<number> {
  const out = new Set<number>();
  for (const m of text.slice(s.start, s.end).matchAll(/[\p{L}\p{N}_]+/gu)) out.add(s.start + m.index);
  return out;
}

function overlap(text: string, a: Span, b: { start: number; end: number }): number {
  const wa = new Set<number>();
  for (const p of a.parts ?? [a]) for (const w of words(text, p)) wa.add(w);
  let n = 0;
  for (const w of words(text, b)) if (wa.has(w)) n++;
  return n;
}

// The acceptance test of the extractor on the reference article: pinned by its gold files, not by knowing it.
describe.skipIf(skip !== null)(`seed article against its gold annotations ${skip ?? ''}`, () => {
  const text = shared ? readFileSync(join(seedDir, 'article.txt'), 'utf8') : '';
  const expected = shared ? (JSON.parse(readFileSync(join(seedDir, 'expected.json'), 'utf8')) as Expected) : null;
  const extraction = extract(text, { file: 'article.txt' });

  it('reads the date header', () => {
    expect(extraction.publishedAt).toBe(expected!.publishedAt);
  });

  it('finds every gold attribution with precision of at least 0.85 (reference scorer)', () => {
    const pred = mkdtempSync(join(tmpdir(), 'claimtrail-seed-'));
    writeFileSync(join(pred, 'article.ann'), toBrat(extraction, text));
    const scores = referenceScores(seedDir, pred) as { attribution: { p: number; r: number } };
    expect(scores.attribution.r).toBe(1);
    expect(scores.attribution.p).toBeGreaterThanOrEqual(0.85);
  });

  it('resolves each attribution to the expected speaker, type and roles', () => {
    const problems: string[] = [];
    for (const gold of expected!.attributions) {
      let best: Attribution | null = null;
      let bestOverlap = 0;
      for (const a of extraction.attributions) {
        const o = overlap(text, a.content, gold.content);
        if (o > bestOverlap) {
          best = a;
          bestOverlap = o;
        }
      }
      if (!best) {
        problems.push(`${gold.id}: not found`);
        continue;
      }
      const got = best.speaker;
      const type = best.sourceType ?? got?.type;
      if (got?.name !== gold.speaker) problems.push(`${gold.id}: speaker ${got?.name} ≠ ${gold.speaker}`);
      if (type !== gold.speakerType) problems.push(`${gold.id}: type ${type} ≠ ${gold.speakerType}`);
      for (const r of gold.roles) if (!got?.roles.includes(r)) problems.push(`${gold.id}: role “${r}” missing`);
      if (best.kind !== gold.kind) problems.push(`${gold.id}: kind ${best.kind} ≠ ${gold.kind}`);
    }
    expect(problems).toEqual([]);
  });

  it('links each speaker to one entity with the expected type and roles', () => {
    for (const s of expected!.speakers) {
      const matches = extraction.entities.filter((e) => e.name === s.name);
      expect(matches, s.name).toHaveLength(1);
      expect(matches[0]!.type).toBe(s.type);
      expect([...matches[0]!.roles].sort()).toEqual([...(s.roles ?? [])].sort());
    }
  });

  it('gives spans whose text is the text they cover', () => {
    for (const a of extraction.attributions) {
      for (const s of [a.cue, a.content, ...(a.source ? [a.source] : [])]) {
        expect(text.slice(s.start, s.end)).toBe(s.text);
        for (const p of s.parts ?? []) expect(text.slice(p.start, p.end)).toBe(p.text);
      }
    }
  });
});
