import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extract } from '../extract/index.js';
import type { ExtractOptions } from '../extract/index.js';
import { toBrat, toBratEvents } from '../formats/index.js';
import type { Extraction } from '../model/index.js';
import { createScorer } from './score.js';
import type { Scores } from './score.js';
import { readGoldCorpus } from './score-directories.js';

/** Options for {@link scoreExtractor}. */
export interface ScoreExtractorOptions {
  /** Also write each article's predictions as `NAME.ann` here (what the reference scorer would read). */
  readonly saveDir?: string;
  /** The extractor to score; the library's {@link extract} by default. */
  readonly extractor?: (text: string, options: ExtractOptions) => Extraction;
}

/**
 * Runs extraction over the gold articles of `goldDir` and scores it: the
 * same figures as saving the predictions and running `brat-eval.py` on them.
 */
export async function scoreExtractor(goldDir: string, options: ScoreExtractorOptions = {}): Promise<Scores> {
  const { saveDir, extractor = extract } = options;
  if (saveDir !== undefined) await mkdir(saveDir, { recursive: true });
  const scorer = createScorer();
  for await (const article of readGoldCorpus(goldDir)) {
    const extraction = extractor(article.text, { file: `${article.name}.txt` });
    if (saveDir !== undefined) await writeFile(join(saveDir, `${article.name}.ann`), toBrat(extraction, article.text));
    scorer.add({ ...article, pred: toBratEvents(extraction) });
  }
  return scorer.result();
}
