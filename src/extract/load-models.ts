import { readFileSync } from 'node:fs';
import type { Models } from './find-attributions.js';
import { deserializeModel } from './tagger/model-io.js';

let cached: Models | null = null;

/** Where the trained models live: `models/` at the package root (rebuilt by `npm run train`). */
export const MODEL_DIR = new URL('../../models/', import.meta.url);

/** Loads the bundled cue and role taggers once per process. */
export function loadModels(): Models {
  if (cached) return cached;
  cached = Object.freeze({
    cue: deserializeModel(readFileSync(new URL('cue.bin', MODEL_DIR))),
    role: deserializeModel(readFileSync(new URL('role.bin', MODEL_DIR))),
  });
  return cached;
}
