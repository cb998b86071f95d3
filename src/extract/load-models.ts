import { existsSync, readFileSync } from 'node:fs';
import type { Models } from './find-attributions.js';
import { deserializeRanker } from './rank-cues.js';
import { deserializeModel } from './tagger/model-io.js';
import { deserializeContentEnds } from './trim-content.js';

let cached: Models | null = null;

/** Where the trained models live: `models/` at the package root (rebuilt by `npm run train`). */
export const MODEL_DIR = new URL('../../models/', import.meta.url);

/** Loads the bundled cue and role taggers (and the cue ranker, when there is one) once per process. */
export function loadModels(): Models {
  if (cached) return cached;
  const calibration = JSON.parse(readFileSync(new URL('calibration.json', MODEL_DIR), 'utf8')) as { cueBias?: unknown };
  const envBias = process.env['CLAIMTRAIL_CUE_BIAS'];
  // The cue ranker (scripts/train-cue-ranker.ts) is optional; CLAIMTRAIL_CUE_RANKER=0 turns it off.
  const rankerFile = new URL('cue-ranker.json', MODEL_DIR);
  const ranker =
    process.env['CLAIMTRAIL_CUE_RANKER'] !== '0' && existsSync(rankerFile) ? deserializeRanker(readFileSync(rankerFile, 'utf8')) : null;
  // The content-end model (scripts/train-content-ends.ts) is optional too; CLAIMTRAIL_CONTENT_ENDS=0 turns it off.
  const endsFile = new URL('content-ends.json', MODEL_DIR);
  const contentEnds =
    process.env['CLAIMTRAIL_CONTENT_ENDS'] !== '0' && existsSync(endsFile) ? deserializeContentEnds(readFileSync(endsFile, 'utf8')) : null;
  cached = Object.freeze({
    cue: deserializeModel(readFileSync(new URL('cue.bin', MODEL_DIR))),
    role: deserializeModel(readFileSync(new URL('role.bin', MODEL_DIR))),
    cueBias: envBias !== undefined ? Number(envBias) : typeof calibration.cueBias === 'number' ? calibration.cueBias : 0,
    ranker,
    contentEnds,
  });
  return cached;
}
