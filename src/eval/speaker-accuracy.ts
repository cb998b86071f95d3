import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { extract } from '../extract/index.js';
import type { Extraction } from '../model/index.js';

/** How often the extractor's speakers agree with hand-made expectations. */
export interface SpeakerScores {
  /** Expected attributions whose content the extractor found. */
  readonly checked: number;
  readonly nameCorrect: number;
  readonly typeCorrect: number;
  readonly nameAccuracy: number;
  readonly typeAccuracy: number;
}

interface Expected {
  readonly article?: string;
  readonly attributions: readonly {
    readonly content: { readonly start: number; readonly end: number };
    readonly speaker: string | null;
    readonly speakerType?: string;
  }[];
}

/**
 * Scores speaker resolution against `expected.json` files in the style of the
 * seed (`NAME.expected.json`, or `expected.json` naming its `article`): each
 * expected attribution is paired with the extracted one whose content overlaps
 * it most, and its speaker's name and type are compared. Null when the
 * directory holds no expectations.
 */
export async function scoreSpeakers(
  goldDir: string,
  extractor: (text: string) => Extraction = (t) => extract(t),
): Promise<SpeakerScores | null> {
  const names = (await readdir(goldDir)).filter((n) => n.endsWith('expected.json')).sort();
  if (names.length === 0) return null;
  let checked = 0;
  let nameCorrect = 0;
  let typeCorrect = 0;
  for (const name of names) {
    const expected = JSON.parse(await readFile(join(goldDir, name), 'utf8')) as Expected;
    const article = expected.article ?? name.replace(/\.expected\.json$/, '.txt');
    const x = extractor(await readFile(join(goldDir, article), 'utf8'));
    for (const e of expected.attributions) {
      let best: Extraction['attributions'][number] | null = null;
      let bestOverlap = 0;
      for (const a of x.attributions) {
        const overlap = Math.min(a.content.end, e.content.end) - Math.max(a.content.start, e.content.start);
        if (overlap > bestOverlap) {
          best = a;
          bestOverlap = overlap;
        }
      }
      if (!best) continue;
      checked++;
      if ((best.speaker?.name ?? null) === e.speaker) nameCorrect++;
      if ((best.sourceType ?? best.speaker?.type ?? null) === (e.speakerType ?? null)) typeCorrect++;
    }
  }
  const ratio = (n: number): number => (checked === 0 ? 0 : Math.round((n / checked) * 10_000) / 10_000);
  return { checked, nameCorrect, typeCorrect, nameAccuracy: ratio(nameCorrect), typeAccuracy: ratio(typeCorrect) };
}
