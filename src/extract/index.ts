import { createExtraction, type Extraction } from '../model/index.js';
import { buildAttributions, extendQuotes } from './build-attributions.js';
import { type Document, prepareDocument } from './document.js';
import { type Models, type TokenAttribution, findAttributions } from './find-attributions.js';
import { findMentions } from './find-mentions.js';
import { withLayoutForms } from './with-layout-forms.js';
import { loadModels } from './load-models.js';
import { resolveSpeakers } from './resolve-speakers.js';
import { keepRolesApart, tidyRoles } from './tidy-roles.js';
import { type ContentEndModel, trimContent } from './trim-content.js';

export type { Models } from './find-attributions.js';
export { loadModels } from './load-models.js';
export { readHeader, type Header } from './read-header.js';
export { trainTaggers, type TrainOptions, type TrainingArticle } from './train-taggers.js';
export { serializeModel, deserializeModel } from './tagger/model-io.js';

/** Options for {@link extract}. */
export interface ExtractOptions {
  /** Publication date `YYYY-MM-DD`; used when the text has no ` date YYYY-MM-DD ` header. */
  readonly publishedAt?: string;
  /** The file name to record in the extraction. */
  readonly file?: string;
  /** Models to use instead of the bundled ones. */
  readonly models?: Models;
}

/**
 * Finds every attribution in an article: its source, cue and content spans,
 * its kind, and the speaker the source resolves to, with the entities the
 * article names. Offsets are into `text` as given, header included.
 */
export function extract(text: string, options: ExtractOptions = {}): Extraction {
  const { models = loadModels() } = options;
  const doc = prepareDocument(text);
  return extractionOf(doc, findAttributions(doc, models), options, models.contentEnds ?? null);
}

/**
 * The extraction made of the attributions the taggers found in a prepared
 * article: roles tidied, content ends reconsidered (with `contentEnds`),
 * quotes run on over paragraphs, the forms of the page's layout added (they
 * come whole, so they skip the rest), speakers resolved.
 */
export function extractionOf(
  doc: Document,
  attributions: readonly TokenAttribution[],
  options: ExtractOptions = {},
  contentEnds: ContentEndModel | null = null,
): Extraction {
  const { file = null, publishedAt = null } = options;
  const tidied = attributions.flatMap((a) => {
    const tidy = tidyRoles(doc, a);
    return keepRolesApart(extendQuotes(doc, contentEnds ? trimContent(doc, tidy, contentEnds) : tidy)) ?? [];
  });
  const found = withLayoutForms(doc, tidied);
  const mentions = findMentions(doc);
  const resolution = resolveSpeakers(doc, mentions, found);
  return createExtraction({
    file,
    publishedAt: doc.publishedAt ?? publishedAt,
    bodyStart: doc.bodyStart,
    attributions: buildAttributions(doc, found, resolution.speakers, resolution.sourceTypes),
    entities: resolution.entities,
  });
}
