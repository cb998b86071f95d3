/**
 * Words that name a role before or beside a person's name ("Sen.", "President",
 * "spokeswoman"): they mark a person mention and become the speaker's roles.
 */
export const TITLE_WORDS: ReadonlySet<string> = new Set(
  (
    'president vice chairman chairwoman chair ceo cfo coo founder director secretary minister senator sen ' +
    'representative rep congressman congresswoman governor gov mayor ambassador judge justice attorney general ' +
    'spokesman spokeswoman spokesperson adviser advisor aide official officials analyst expert professor prof ' +
    'economist strategist pollster candidate nominee leader speaker commissioner chief sheriff officer detective ' +
    'lt col gen sgt capt cmdr adm maj lieutenant colonel sergeant captain admiral major commander ' +
    'dr mr mrs ms pastor rev bishop pope king queen prince princess lord lady sir dame premier chancellor ' +
    'prosecutor lawyer counsel manager executive editor reporter correspondent columnist writer author ' +
    'researcher scientist historian specialist fellow scholar activist organizer campaign chairperson ' +
    'lawmaker legislator delegate diplomat envoy consul deputy assistant associate member head superintendent ' +
    'treasurer comptroller auditor inspector administrator coordinator director-general secretary-general ' +
    'physician doctor nurse surgeon coach owner partner president-elect host anchor commentator consultant ' +
    'operative donor voter resident veteran student teacher worker farmer hydrologist engineer biologist ' +
    'ecologist geologist chemist physicist planner architect economist spokesman organizer pastor rabbi imam ' +
    'councilman councilwoman councilmember alderman selectman trustee regent provost dean principal'
  ).split(/\s+/),
);

/** Honorifics written before a name and never part of the canonical name. */
export const HONORIFICS: ReadonlySet<string> = new Set(
  'mr mrs ms dr prof sen rep gov lt col gen sgt capt cmdr adm maj rev hon pres'.split(' '),
);

/** Words that mark an organisation name's end ("Inc.", "Council", "Department"). */
export const ORGANIZATION_WORDS: ReadonlySet<string> = new Set(
  (
    'inc corp co ltd llc plc group company corporation association council committee commission department ' +
    'ministry agency bureau office institute institution foundation university college school center centre ' +
    'party administration government court congress senate house parliament assembly board union federation ' +
    'league coalition alliance campaign fund bank service services authority organization organisation ' +
    'society club network trust partners project initiative caucus police army navy force forces command ' +
    'pentagon fbi cia nsa epa fda cdc dhs doj un nato eu who imf gop dnc rnc'
  ).split(/\s+/),
);

/** Words in the names of news outlets ("Times", "Post", "News", "Radio"). */
export const OUTLET_WORDS: ReadonlySet<string> = new Set(
  (
    'times post journal news herald tribune gazette globe chronicle telegraph guardian observer review ' +
    'magazine radio television tv press wire reuters bloomberg politico axios nbc cbs abc cnn msnbc fox npr ' +
    'pbs bbc ap afp upi hill atlantic newsweek economist independent examiner inquirer courier dispatch ' +
    'ledger register sentinel star sun mirror express daily weekly monthly broadcasting network channel ' +
    'breitbart buzzfeed vox slate salon huffpost huffington yahoo intercept mail beacon caller blaze'
  ).split(/\s+/),
);

/** Short all-caps outlet names written alone ("NBC", "CNN"). */
export const OUTLET_ACRONYMS: ReadonlySet<string> = new Set(
  'nbc cbs abc cnn msnbc npr pbs bbc ap afp upi cnbc espn wsj nyt c-span reuters politico axios bloomberg'.split(' '),
);

/** Nouns that name a document whose speaker is its author or publisher ("the report", "the study"). */
export const DOCUMENT_NOUNS: ReadonlySet<string> = new Set(
  (
    'report study survey poll analysis memo letter document documents filing statement release article story ' +
    'investigation review audit paper book complaint lawsuit indictment ruling opinion editorial column ' +
    'assessment estimate estimates data records record transcript email emails cable minutes'
  ).split(/\s+/),
);

/** Nouns for unnamed people or groups ("officials", "a person familiar with the matter"). */
export const UNNAMED_NOUNS: ReadonlySet<string> = new Set(
  (
    'official officials source sources person people aide aides staffer staffers insider insiders ' +
    'spokesman spokeswoman spokesperson analyst analysts expert experts observer observers critic critics ' +
    'supporter supporters opponent opponents lawmaker lawmakers member members diplomat diplomats ' +
    'investigator investigators authorities officer officers resident residents voter voters witness ' +
    'witnesses employee employees advisers advisors adviser advisor leader leaders democrats republicans ' +
    'economist economists researcher researchers scientist scientists administration staff staffers ' +
    'growers farmers workers residents parents teachers students riders customers families neighbors'
  ).split(/\s+/),
);
