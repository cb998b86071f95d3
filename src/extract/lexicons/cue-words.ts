import { verbForms } from './inflect.js';

/**
 * Words that introduce reported speech, writing, thought or intention, by
 * class. The tagger learns which uses are cues; these classes let it
 * generalise to forms it saw rarely. Sources: the verb classes of Levin
 * (1993, "verbs of communication"), PARC and PolNeAR guidelines.
 */
export type CueClass = 'speech' | 'belief' | 'noun' | 'according';

const SPEECH_LEMMAS = (
  'say tell add note explain state claim argue insist assert declare announce report write tweet post warn ' +
  'predict suggest indicate acknowledge admit concede confirm deny reply respond answer ask question comment ' +
  'remark observe mention point recall recount describe call urge accuse allege maintain contend testify ' +
  'emphasize emphasise stress reiterate repeat continue conclude estimate promise pledge vow threaten boast ' +
  'complain lament joke quip exclaim shout yell whisper cry inform notify disclose reveal show find hint imply ' +
  'signal counter retort rebut dispute reject dismiss criticize criticise praise endorse blame defend concur ' +
  'agree disagree propose recommend advise caution demand request plead appeal brief publish cite quote label ' +
  'dub characterize portray frame summarize summarise predict forecast speculate theorize muse wonder ' +
  'charge assure reassure vouch swear affirm attest certify contest challenge protest object complain ' +
  'testify depict highlight underscore acknowledge specify clarify elaborate detail outline list ' +
  'announce proclaim broadcast air document record log list rule decide determine order direct instruct ' +
  'demonstrate prove suggest establish conclude find reckon figure calculate project tout hail applaud ' +
  'slam blast attack denounce condemn decry deride mock ridicule scoff lambast chide scold rebuke warn ' +
  'concede grant allow admit confess apologize apologise thank congratulate welcome celebrate '
)
  .trim()
  .split(/\s+/);

const SPEECH_IRREGULAR =
  'said told wrote written spoke spoken spoken thought shown found forecast swore sworn broadcast upheld held ' +
  'taught meant felt knew known saw seen understood foresaw foreseen'.split(' ');

const BELIEF_LEMMAS = (
  'think believe feel know expect hope want wish fear worry doubt suspect assume guess consider understand ' +
  'realize realise see view regard hold reckon intend plan seek prefer like love hate need imagine suppose ' +
  'trust bet anticipate envision foresee mean aim strive desire favor favour oppose support back seem appear ' +
  'sense recognize recognise acknowledge perceive judge deem presume insist care'
)
  .trim()
  .split(/\s+/);

const NOUNS = (
  'statement statements report reports interview interviews remarks remark comment comments speech speeches ' +
  'tweet tweets post posts letter letters memo memos email emails release op-ed column survey surveys poll ' +
  'polls study studies analysis analyses testimony claim claims view views opinion opinions belief beliefs ' +
  'assertion assertions announcement announcements filing filings document documents complaint lawsuit ' +
  'indictment transcript transcripts message messages video videos ad ads editorial editorials blog ' +
  'essay essays book article articles briefing briefings conference data figures estimates estimate ' +
  'research findings paper papers record records note notes proposal plan plans argument arguments ' +
  'warning warnings criticism allegation allegations accusation accusations promise promises pledge ' +
  'vow words view'
)
  .trim()
  .split(/\s+/);

function build(): Map<string, CueClass> {
  const map = new Map<string, CueClass>();
  for (const n of NOUNS) map.set(n, 'noun');
  for (const lemma of BELIEF_LEMMAS) for (const f of verbForms(lemma)) map.set(f, 'belief');
  for (const lemma of SPEECH_LEMMAS) for (const f of verbForms(lemma)) map.set(f, 'speech');
  for (const f of SPEECH_IRREGULAR) map.set(f, 'speech');
  map.set('according', 'according');
  return map;
}

/** Lower-cased word → its cue class. */
export const CUE_WORDS: ReadonlyMap<string, CueClass> = build();
