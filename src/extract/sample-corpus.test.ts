import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreDirectories, scoreSpeakers } from '../eval/index.js';
import { toBrat } from '../formats/index.js';
import { extract } from './index.js';

const SAMPLE = join(import.meta.dirname, '..', '..', 'data', 'sample');

// The invented sample corpus carries gold annotations of its own: a regression floor
// for every attribution form it covers (figures in the README; this pins a margin below them).
describe('extraction on the bundled sample corpus', () => {
  it('scores above its floor against the sample gold', async () => {
    const pred = mkdtempSync(join(tmpdir(), 'claimtrail-sample-'));
    for (const name of readdirSync(SAMPLE).filter((n) => n.endsWith('.txt'))) {
      const text = readFileSync(join(SAMPLE, name), 'utf8');
      writeFileSync(join(pred, name.replace(/\.txt$/, '.ann')), toBrat(extract(text, { file: name }), text));
    }
    const scores = await scoreDirectories(SAMPLE, pred);
    expect(scores.attribution.f1).toBeGreaterThanOrEqual(0.85);
    expect(scores.content_soft.f1).toBeGreaterThanOrEqual(0.85);
    expect(scores.by_kind.direct.recall).toBeGreaterThanOrEqual(0.8);
  });

  it('resolves most speakers to the expected name and type', async () => {
    const speakers = await scoreSpeakers(SAMPLE);
    expect(speakers!.checked).toBeGreaterThan(100);
    expect(speakers!.nameAccuracy).toBeGreaterThanOrEqual(0.78);
    expect(speakers!.typeAccuracy).toBeGreaterThanOrEqual(0.8);
  });
});
