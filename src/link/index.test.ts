import { expect, it } from 'vitest';
import * as api from './index.js';

// Pins the public surface: a change here is an API change, made on purpose.
it('exports the link API', () => {
  expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
    [
      "BANDS",
      "BAND_ROWS",
      "CLAIM_THRESHOLD",
      "MIN_CLAIM_WORDS",
      "MIN_SHARED_WORDS",
      "SIGNATURE_SIZE",
      "bandKeys",
      "claimSketch",
      "claimWords",
      "firstNamesCompatible",
      "foldName",
      "linkSpeaker",
      "minhash",
      "minhashWords",
      "orgKey",
      "parseOrgName",
      "parsePersonName",
      "personKey",
      "rolesConflict",
      "sameClaim",
      "sameClaimWords",
      "signatureSimilarity",
    ]
  `);
});
