import { createAttribution, createExtraction, createSpanFromRanges } from '../model/index.js';
import type { AttributionKind, Extraction, Span, SpeakerRef } from '../model/index.js';

/** The span of the `occurrence`-th (0-based) `phrase` in `text`; throws if there is none, so a typo fails loudly. */
export function spanOf(text: string, phrase: string, occurrence = 0): Span {
  let at = -1;
  for (let i = 0; i <= occurrence; i += 1) {
    at = text.indexOf(phrase, at + 1);
    if (at < 0) throw new Error(`'${phrase}' (#${occurrence}) is not in the text`);
  }
  return createSpanFromRanges(text, [{ start: at, end: at + phrase.length }]);
}

/** A span made of several phrases of `text` (a quote interrupted by its cue). */
export function partsOf(text: string, ...phrases: string[]): Span {
  return createSpanFromRanges(text, phrases.map((p) => spanOf(text, p)));
}

/** An attribution written as phrases of the text. */
export interface AttributionSpec {
  readonly kind: AttributionKind;
  readonly content: string | readonly string[];
  readonly cue: string;
  readonly source: string | null;
  readonly speaker?: SpeakerRef;
}

/** An extraction of `text` holding the attributions described by `specs`. */
export function extractionOf(text: string, specs: readonly AttributionSpec[], file: string | null = 'test.txt'): Extraction {
  return createExtraction({
    file,
    publishedAt: null,
    bodyStart: 0,
    attributions: specs.map((s, i) =>
      createAttribution({
        id: `a${i + 1}`,
        kind: s.kind,
        content: typeof s.content === 'string' ? spanOf(text, s.content) : partsOf(text, ...s.content),
        cue: spanOf(text, s.cue),
        source: s.source === null ? null : spanOf(text, s.source),
        speaker: s.speaker ?? null,
      }),
    ),
    entities: [],
  });
}
