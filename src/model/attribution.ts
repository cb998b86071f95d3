import type { EntityType, SpeakerRef } from './entity.js';
import type { Span } from './span.js';

/**
 * How the content is reported: entirely quoted (`direct`), partly quoted
 * (`mixed`), paraphrased (`indirect`), or "…, according to X" (`according-to`).
 */
export type AttributionKind = 'direct' | 'mixed' | 'indirect' | 'according-to';

/** Every attribution kind, in a stable order. */
export const ATTRIBUTION_KINDS: readonly AttributionKind[] = Object.freeze([
  'direct',
  'mixed',
  'indirect',
  'according-to',
]);

/** One attribution: who (source) said (cue) what (content). */
export interface Attribution {
  readonly id: string;
  readonly kind: AttributionKind;
  /** Absent only when the text names no source. */
  readonly source: Span | null;
  readonly cue: Span;
  readonly content: Span;
  readonly speaker: SpeakerRef | null;
  /** What the source mention itself is, where it differs from the speaker ("The report" → `report`, speaker the outlet). */
  readonly sourceType?: EntityType;
  /** The tagger's confidence in [0, 1]. */
  readonly confidence?: number;
}

/** Makes a frozen attribution. */
export function createAttribution(fields: Attribution): Attribution {
  return Object.freeze({ ...fields });
}
