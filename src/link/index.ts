export { foldName, parsePersonName, parseOrgName, firstNamesCompatible, rolesConflict, type PersonName, type OrgName } from './speaker-name.js';
export { linkSpeaker, personKey, orgKey, type SpeakerDirectory, type Awaitable, type KnownPerson, type LinkDecision, type SpeakerDecision } from './speaker-link.js';
export {
  minhash,
  minhashWords,
  claimSketch,
  type ClaimSketch,
  claimWords,
  sameClaim,
  sameClaimWords,
  signatureSimilarity,
  bandKeys,
  SIGNATURE_SIZE,
  BANDS,
  BAND_ROWS,
  CLAIM_THRESHOLD,
  MIN_CLAIM_WORDS,
  MIN_SHARED_WORDS,
} from './minhash.js';
