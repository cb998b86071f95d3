import {
  createAttribution,
  createEntity,
  createExtraction,
  createSpan,
  type AttributionKind,
  type EntityType,
  type Extraction,
  type Span,
} from '../model/index.js';

/** One attribution described by the words it covers, for tests that need a known extraction. */
export interface HandAttribution {
  readonly content: string;
  readonly cue: string;
  readonly source?: string;
  readonly kind?: AttributionKind;
  readonly speaker?: { readonly name: string; readonly type: EntityType; readonly roles?: readonly string[] };
}

function spanOf(text: string, words: string, from = 0): Span {
  const start = text.indexOf(words, from);
  if (start < 0) throw new Error(`test: '${words}' is not in the text`);
  return createSpan(text, start, start + words.length);
}

/**
 * Builds the extraction a perfect extractor would return for `text`, from
 * the words of each attribution, so store and linking tests do not depend
 * on the real extractor.
 */
export function handExtraction(text: string, attributions: readonly HandAttribution[], publishedAt: string | null = null): Extraction {
  const entities = new Map<string, { name: string; type: EntityType; roles: readonly string[] }>();
  const built = attributions.map((a, i) => {
    const content = spanOf(text, a.content);
    const speaker = a.speaker
      ? { id: `e${[...entities.keys()].indexOf(a.speaker.name) + 1 || entities.size + 1}`, name: a.speaker.name, type: a.speaker.type, roles: a.speaker.roles ?? [] }
      : null;
    if (a.speaker && !entities.has(a.speaker.name)) entities.set(a.speaker.name, { ...a.speaker, roles: a.speaker.roles ?? [] });
    return createAttribution({
      id: `a${i + 1}`,
      kind: a.kind ?? 'indirect',
      content,
      cue: spanOf(text, a.cue),
      source: a.source ? spanOf(text, a.source) : null,
      speaker,
    });
  });
  return createExtraction({
    file: null,
    publishedAt,
    bodyStart: 0,
    attributions: built,
    entities: [...entities.values()].map((e, i) => createEntity({ id: `e${i + 1}`, name: e.name, type: e.type, roles: e.roles, mentions: [] })),
  });
}
