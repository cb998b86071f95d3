import { type Entity, type EntityType, type SpeakerRef, createEntity, createSpan, speakerOf } from '../model/index.js';
import type { Document } from './document.js';
import type { TokenAttribution } from './find-attributions.js';
import type { Mention } from './find-mentions.js';
import { firstNameGender } from './lexicons/first-names.js';
import { PRONOUNS } from './lexicons/pronouns.js';
import { DOCUMENT_NOUNS, HONORIFICS, TITLE_WORDS, UNNAMED_NOUNS } from './lexicons/titles.js';
import type { TokenRange } from './tag-cues.js';

/** The speakers of an article: its entities and what each attribution's source resolves to. */
export interface Resolution {
  readonly entities: readonly Entity[];
  readonly speakers: readonly (SpeakerRef | null)[];
  /** What the source mention itself is ("The report" is a `report` whose speaker is an outlet). */
  readonly sourceTypes: readonly (EntityType | null)[];
}

interface Draft {
  type: EntityType;
  name: string;
  key: string;
  first: string | null;
  gender: 'm' | 'f' | 'u' | null;
  roles: string[];
  mentions: TokenRange[];
  firstAt: number;
}

const RELATIVES = new Set(['who', 'which', 'that', 'whom']);
const PREPOSITIONS = new Set(['of', 'at', 'in', 'for', 'from', 'with', 'on', 'by', 'near', 'to']);
/** Documents that carry their author's own words (a statement, a filing, a letter), not a finding or a story about others. */
const OWN_WORD_DOCUMENTS = new Set(
  'statement statements letter letters memo memos filing filings email emails release transcript minutes complaint lawsuit indictment ruling document documents record records cable cables tweet tweets post'.split(' '),
);

/** What a document source is: a `document` in its author's own words, else a `report` (a study, poll, story). */
function documentType(head: string): EntityType {
  return OWN_WORD_DOCUMENTS.has(head) ? 'document' : 'report';
}

/** Title words that are as often adjectives in an apposition ("a major bank", "a general contractor"). */
const ADJECTIVAL_TITLES = new Set(['major', 'general', 'chief', 'head', 'principal', 'associate', 'vice', 'senior', 'member']);

/** Two to four capitalised words, not all in capitals: how a person's name is written ("Devika Sarn", "J.J. MacNab"). */
function looksLikePersonName(name: string): boolean {
  const words = name.split(/\s+/);
  return words.length >= 2 && words.length <= 4 && /\p{Ll}/u.test(name) && words.every((w) => /^\p{Lu}/u.test(w));
}

/** Words of an apposition searched for its head ("a longtime political adviser"). */
const APPOSITION_WORDS = 4;
/** Words of a description that may name someone given that role before ("the presumptive Republican nominee"). */
const MAX_DESCRIPTION_WORDS = 5;
const POSSESSIVES = new Set(['’s', "'s", '’', "'"]);
const PHRASE_BREAKS = new Set([',', '(', '[', '—', '–', '-', 'and', '&', ';']);
/** Documents whose author is an organisation more often than a news outlet. */
const STUDY_NOUNS = new Set(['study', 'survey', 'analysis', 'poll', 'audit', 'review', 'assessment', 'estimate', 'estimates', 'data', 'filing', 'memo', 'letter']);
/** Common nouns that stand for an organisation or outlet named earlier ("the company", "the station"). */
const GENERIC_NOUNS: ReadonlyMap<string, EntityType> = new Map([
  ...'company firm group agency board commission council authority department ministry campaign committee administration office institute university college union district bank court party government'
    .split(' ')
    .map((w) => [w, 'organization'] as const),
  ...'station network newspaper paper magazine outlet channel broadcaster'.split(' ').map((w) => [w, 'outlet'] as const),
]);
const DETERMINERS = /^(?:the|a|an|this|that|these|those|its|their|his|her|some|several|two|three|many)\s+/i;

/**
 * Resolves sources to speakers with rules: proper names, titles and
 * appositions inside the source; pronouns to the nearest earlier person of
 * matching gender; surnames to the full name used earlier; "the report" to
 * the outlet last named (or next named, where the article opens with it).
 */
export function resolveSpeakers(doc: Document, mentions: readonly Mention[], atts: readonly TokenAttribution[]): Resolution {
  const { tokens, text } = doc;
  const drafts: Draft[] = [];
  const byKey = new Map<string, Draft>();
  // Entity of each mention, by mention index.
  const mentionEntity: (Draft | null)[] = [];

  const add = (type: EntityType, name: string, key: string, at: TokenRange): Draft => {
    let d = byKey.get(key);
    if (!d) {
      d = { type, name, key, first: null, gender: null, roles: [], mentions: [], firstAt: at.start };
      byKey.set(key, d);
      drafts.push(d);
    }
    d.mentions.push(at);
    return d;
  };

  const label = (m: Mention): boolean => tokens.word[m.name.end] === ':';
  const readable = (m: Mention): string => readableName(m.text, label(m));
  const isAcronym = (m: Mention): boolean => !label(m) && /^\p{Lu}{2,6}$/u.test(m.text);
  const words = (r: TokenRange): string[] => tokens.word.slice(r.start, r.end).filter((w) => w !== '.');
  // People by surname; a full name opens a person unless one with that first name (or none) exists.
  const bySurname = new Map<string, Draft[]>();
  const lastAt = new Map<Draft, number>();
  for (const m of mentions) {
    if (m.type !== 'person') continue;
    const ws = words(m.name);
    if (ws.length < 2) continue;
    const surname = ws[ws.length - 1]!.toLowerCase();
    const first = ws[0]!.toLowerCase();
    const same = bySurname.get(surname) ?? [];
    let d = same.find((p) => p.first === first);
    if (!d) {
      d = add('person', readable(m), `person|${first}|${surname}`, m.name);
      d.mentions.pop();
      d.first = first;
      d.gender = firstNameGender(first);
      same.push(d);
      bySurname.set(surname, same);
    }
    if (m.text.length > d.name.length) d.name = readable(m);
  }
  // Mentions in text order: a lone surname goes to the person of that surname named most recently.
  // With no full name to join, a titled surname ("Mayor Voss") or one that speaks is a person of its own.
  // A capitalised word a lower-case one follows inside the source is a modifier ("Republican nominee"), not a speaker.
  const speakingWords = new Set<number>();
  for (const a of atts) {
    if (!a.source) continue;
    for (let t = a.source.start; t < a.source.end; t++) if (t + 1 === a.source.end || !/^\p{Ll}/u.test(tokens.word[t + 1]!)) speakingWords.add(t);
  }
  const named: { start: number; end: number; draft: Draft }[] = [];
  mentions.forEach((m, idx) => {
    let d: Draft | null = null;
    if (m.type === 'person') {
      const ws = words(m.name);
      const surname = ws[ws.length - 1]!.toLowerCase();
      const first = ws[0]!.toLowerCase();
      const candidates = (bySurname.get(surname) ?? []).filter((p) => ws.length < 2 || p.first === first);
      for (const p of candidates) if (!d || (lastAt.get(p) ?? p.firstAt) > (lastAt.get(d) ?? d.firstAt)) d = p;
      const common = TITLE_WORDS.has(surname) || UNNAMED_NOUNS.has(surname);
      if (!d && ws.length === 1 && !common && m.title === null && speakingWords.has(m.name.start) && isAcronym(m)) {
        // "FDIC said": a lone word in capitals that no one bears as a name and that is no transcript's label.
        d = add('organization', m.text, `organization|${m.text.toLowerCase()}`, m.name);
        d.mentions.pop();
      } else if (!d && ws.length === 1 && !common && (m.title !== null || speakingWords.has(m.name.start))) {
        d = add('person', readable(m), `person||${surname}`, m.name);
        d.mentions.pop();
        bySurname.set(surname, [d]);
      }
      if (d) {
        d.mentions.push(m.name);
        if (m.title) pushRole(d, text.slice(tokens.start[m.title.start]!, tokens.end[m.title.end - 1]!));
      }
    } else {
      const name = m.type === 'outlet' ? m.text : m.text.replace(/^the\s+/i, '');
      d = add(m.type, name, `${m.type}|${m.text.toLowerCase().replace(/^the\s+/, '')}`, m.name);
    }
    mentionEntity[idx] = d;
    if (d) {
      lastAt.set(d, m.name.start);
      named.push({ start: m.name.start, end: m.name.end, draft: d });
    }
  });

  const speakers: (Draft | null)[] = [];
  const sourceTypes: (EntityType | null)[] = [];
  // First mention starting at or after `pos` (mentions are in text order).
  const firstIndex = (pos: number): number => {
    let lo = 0;
    let hi = mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (mentions[mid]!.name.start < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const namedIndex = (pos: number): number => {
    let lo = 0;
    let hi = named.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (named[mid]!.start < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const mentionsIn = (r: TokenRange): number[] => {
    const out: number[] = [];
    for (let i = firstIndex(r.start); i < mentions.length && mentions[i]!.name.start < r.end; i++) {
      if (mentions[i]!.name.end <= r.end && mentionEntity[i]) out.push(i);
    }
    return out;
  };
  // Recency looks back (or ahead) a bounded number of names: an antecedent is never pages away.
  const REACH = 200;
  // `unquoted`: only names said outside quotation marks (a pronoun that speaks is rarely someone its quote names).
  const lastBefore = (pos: number, ok: (d: Draft) => boolean, reach = REACH, unquoted = false): Draft | null => {
    const stop = Math.max(0, namedIndex(pos) - reach);
    for (let i = namedIndex(pos) - 1; i >= stop; i--) {
      const e = named[i]!;
      if (e.end <= pos && ok(e.draft) && !(unquoted && doc.quotes.region[e.start]! >= 0)) return e.draft;
    }
    return null;
  };
  const firstAfter = (pos: number, limit: number, ok: (d: Draft) => boolean): Draft | null => {
    const from = namedIndex(pos);
    for (let i = from; i < Math.min(named.length, from + REACH) && named[i]!.start < limit; i++) {
      if (ok(named[i]!.draft)) return named[i]!.draft;
    }
    return null;
  };

  // "The mayor", "the company", "the station": the entity last named with that title or word.
  // ", a nurse …", ", an economist at …": an apposition right after a name, headed by a word for a person.
  const describedAsPerson = (nameEnd: number, end: number): boolean => {
    if (nameEnd + 2 >= end || tokens.word[nameEnd] !== ',' || !(tokens.lower[nameEnd + 1] === 'a' || tokens.lower[nameEnd + 1] === 'an')) return false;
    for (let t = nameEnd + 2; t < Math.min(end, nameEnd + 2 + APPOSITION_WORDS); t++) {
      const w = tokens.lower[t]!;
      if (TITLE_WORDS.has(w) && !GENERIC_NOUNS.has(w) && !ADJECTIVAL_TITLES.has(w)) return true;
      if (w === ',' || w === 'who' || w === 'of' || w === 'at') return false;
    }
    return false;
  };
  // "Okafor said in a statement … The statement said": the speaker of the attribution whose
  // sentence last brought in "a statement" (an email, a letter) before `at`; `before` attributions are resolved.
  const issuerOf = (noun: string, at: number, before: number): Draft | null => {
    const { lower: lw, sentence } = tokens;
    for (let t = at - 1; t > 0 && t >= at - REACH; t--) {
      if (lw[t] !== noun || (lw[t - 1] !== 'a' && lw[t - 1] !== 'an')) continue;
      for (let j = before - 1; j >= 0; j--) {
        const cue = atts[j]!.cue;
        if (cue.start < t && sentence[cue.start] === sentence[t]) return speakers[j] ?? null;
      }
      return null;
    }
    return null;
  };
  // "The Republican nominee": the person last given a role with all its words.
  const definite = (lower: readonly string[], at: number): Draft | null => {
    if (lower.length < 2 || lower.length > MAX_DESCRIPTION_WORDS || lower[0] !== 'the') return null;
    const noun = lower[lower.length - 1]!;
    if (TITLE_WORDS.has(noun) && !UNNAMED_NOUNS.has(noun)) {
      const described = lower.slice(1);
      return lastBefore(at, (x) => {
        if (x.type !== 'person') return false;
        return x.roles.some((r) => {
          const roleWords = r.toLowerCase().split(/\s+/);
          return described.every((w) => roleWords.includes(w));
        });
      });
    }
    const kind = GENERIC_NOUNS.get(noun);
    if (kind === undefined) return null;
    // "The harbor commission": the organisation last named with all those words; "the company": with that word, or of that kind.
    const described = lower.slice(1);
    const named = lastBefore(at, (x) => {
      if (x.type !== 'organization' && x.type !== 'outlet') return false;
      const nameWords = x.name.toLowerCase().split(/\s+/);
      // A headline read as a name ("Obama Administration To Expand Program …") is no organisation's name.
      return nameWords.length <= described.length + 3 && described.every((w) => nameWords.includes(w));
    });
    return named ?? (lower.length === 2 ? lastBefore(at, (x) => x.type === kind) : null);
  };

  for (const a of atts) {
    const src = a.source;
    if (!src) {
      speakers.push(null);
      sourceTypes.push(null);
      continue;
    }
    const srcText = text.slice(tokens.start[src.start]!, tokens.end[src.end - 1]!);
    const inside = mentionsIn(src);
    const order: EntityType[] = ['person', 'outlet', 'organization'];
    let chosen: Draft | null = null;
    let chosenMention = -1;
    // A name after a preposition, or a possessor, modifies the source's head
    // ("the mayor of Port Ellery, Joanna Brisk"; "Voss’s deputy, Ana Reyes").
    const modifier = (k: number): boolean => {
      const at = mentions[k]!.title?.start ?? mentions[k]!.name.start;
      const after = mentions[k]!.name.end;
      return (at > src.start && PREPOSITIONS.has(tokens.lower[at - 1]!)) || (after < src.end && POSSESSIVES.has(tokens.lower[after]!));
    };
    // The head of the source's first phrase is its last name ("Republican nominee Gov. Ana Reyes (R-OR)",
    // "Harbor Party leader Ana Reyes, a former judge"): an apposition or a second name comes after a comma,
    // a bracket, a dash, "and" or a preposition ("Lee Wang of The Intercept").
    let phraseEnd = src.start;
    while (phraseEnd < src.end && !PHRASE_BREAKS.has(tokens.lower[phraseEnd]!) && !PREPOSITIONS.has(tokens.lower[phraseEnd]!)) phraseEnd++;
    const heads = inside.filter((k) => !modifier(k) && mentions[k]!.name.end <= phraseEnd).reverse();
    const ranked = [...heads, ...inside.filter((k) => !modifier(k) && !heads.includes(k)), ...inside.filter(modifier)];
    for (const t of order) {
      const i = ranked.find((k) => mentionEntity[k]!.type === t);
      if (i !== undefined) {
        chosen = mentionEntity[i]!;
        chosenMention = i;
        break;
      }
    }
    if (chosen?.type === 'organization' && looksLikePersonName(chosen.name) && describedAsPerson(mentions[chosenMention]!.name.end, src.end)) {
      // "Devika Sarn, a nurse who …": a name the lexicons do not know, which its apposition says is a person's.
      chosen.type = 'person';
    }
    const lower = tokens.lower.slice(src.start, src.end);
    const head = headNoun(lower);
    if (chosen && chosen.type !== 'person' && UNNAMED_NOUNS.has(head) && !DOCUMENT_NOUNS.has(head)) {
      // "Commission staff", "officials at the company": people of an organisation, unnamed.
      const name = srcText.replace(DETERMINERS, '').replace(/\s+/g, ' ').trim();
      const d = add('unnamed', unnamedName(name), `unnamed|${name.toLowerCase()}`, src);
      speakers.push(d);
      sourceTypes.push('unnamed');
      continue;
    }
    if (chosen && DOCUMENT_NOUNS.has(head) && chosen.type !== 'person') {
      // "The Harbor Ledger report": a report whose speaker is the outlet named in it.
      speakers.push(chosen);
      sourceTypes.push(documentType(head));
      continue;
    }
    if (chosen) {
      if (chosen.type === 'person') addRoles(chosen, doc, src, mentions[chosenMention]!);
      speakers.push(chosen);
      sourceTypes.push(chosen.type);
      continue;
    }
    if (src.end - src.start === 1 && PRONOUNS.has(lower[0]!)) {
      const p = PRONOUNS.get(lower[0]!)!;
      let d: Draft | null = null;
      if (p.gender === 'm' || p.gender === 'f') {
        // A name of the pronoun's gender wins over a nearer name of either gender.
        d =
          lastBefore(src.start, (x) => x.type === 'person' && x.gender === p.gender, 40, true) ??
          lastBefore(src.start, (x) => x.type === 'person' && (x.gender === null || x.gender === 'u' || x.gender === p.gender), REACH, true) ??
          lastBefore(src.start, (x) => x.type === 'person' && x.gender === p.gender, 40);
      } else if (p.plural) {
        d = lastBefore(src.start, (x) => x.type === 'organization' || x.type === 'unnamed' || x.type === 'outlet');
      } else if (p.gender === 'n') {
        d = lastBefore(src.start, (x) => x.type !== 'person' && x.type !== 'place');
      } else {
        d = lastBefore(src.start, (x) => x.type === 'person');
      }
      if (d) d.mentions.push(src);
      speakers.push(d);
      sourceTypes.push(d ? d.type : null);
      continue;
    }
    if (src.end - src.start === 1 && RELATIVES.has(lower[0]!)) {
      const d = lastBefore(src.start, (x) => x.type !== 'place');
      if (d) d.mentions.push(src);
      speakers.push(d);
      sourceTypes.push(d ? d.type : null);
      continue;
    }
    const described = definite(lower, src.start);
    if (described) {
      described.mentions.push(src);
      speakers.push(described);
      sourceTypes.push(described.type);
      continue;
    }
    if (DOCUMENT_NOUNS.has(head)) {
      // "the authority's report": the possessor wrote it.
      const apostrophe = lower.findIndex((w) => w === '’s' || w === "'s");
      const owner = apostrophe > 0 ? definite(lower.slice(0, apostrophe), src.start) : null;
      // Reports come from news outlets; studies, surveys and analyses from organisations.
      const first: EntityType = STUDY_NOUNS.has(head) ? 'organization' : 'outlet';
      const second: EntityType = first === 'outlet' ? 'organization' : 'outlet';
      // "A new study found …": a document brought in is usually credited in the sentences that follow.
      const introduced = lower[0] === 'a' || lower[0] === 'an';
      const d =
        owner ??
        (lower[0] === 'the' && OWN_WORD_DOCUMENTS.has(head) ? issuerOf(head, src.start, speakers.length) : null) ??
        (introduced ? firstAfter(src.end, src.end + 80, (x) => x.type === first) : null) ??
        lastBefore(src.start, (x) => x.type === first) ??
        firstAfter(src.end, src.end + 80, (x) => x.type === first) ??
        lastBefore(src.start, (x) => x.type === second);
      if (d) d.mentions.push(src);
      speakers.push(d);
      sourceTypes.push(documentType(head));
      continue;
    }
    const name = srcText.replace(DETERMINERS, '').replace(/\s+/g, ' ').trim();
    const capitalised = tokens.word.slice(src.start, src.end).some((w, k) => k > 0 && /^\p{Lu}/u.test(w)) || /^\p{Lu}\p{Ll}/u.test(name);
    // "The Vermont senator": a title in lower case heads a description of someone unnamed here ("Howard Dean" is a name).
    const titled = TITLE_WORDS.has(head) && tokens.word.slice(src.start, src.end).includes(head);
    const type: EntityType = UNNAMED_NOUNS.has(head) || titled || !capitalised ? 'unnamed' : 'organization';
    const d = add(type, type === 'unnamed' ? unnamedName(name) : name, `${type}|${name.toLowerCase()}`, src);
    speakers.push(d);
    sourceTypes.push(type);
  }

  // Only entities that were mentioned by name or speak make the list; ids follow first mention.
  const used = drafts.filter((d) => d.mentions.length > 0).sort((x, y) => Math.min(...x.mentions.map((r) => r.start)) - Math.min(...y.mentions.map((r) => r.start)));
  const ids = new Map<Draft, Entity>();
  used.forEach((d, i) => {
    const mentionsSorted = [...d.mentions].sort((x, y) => x.start - y.start);
    const unique = mentionsSorted.filter((r, k) => k === 0 || r.start !== mentionsSorted[k - 1]!.start || r.end !== mentionsSorted[k - 1]!.end);
    ids.set(
      d,
      createEntity({
        id: `e${i + 1}`,
        name: d.name,
        type: d.type,
        roles: d.roles,
        mentions: unique.map((r) => createSpan(text, tokens.start[r.start]!, tokens.end[r.end - 1]!)),
      }),
    );
  });
  return {
    entities: [...ids.values()],
    speakers: speakers.map((d) => (d ? speakerOf(ids.get(d)!) : null)),
    sourceTypes,
  };
}

/** An unnamed speaker's description in running text: its first word loses the capital a sentence or a label gave it, names keep theirs ("officials at Halvorsen Marine Works"). */
function unnamedName(description: string): string {
  // A lone word in capitals is a transcript's label ("HOST"); "FBI officials" keeps its acronym.
  if (/^\p{Lu}+$/u.test(description)) return description.toLowerCase();
  return description.replace(/^\p{Lu}\p{Ll}*(?=\s|$)/u, (w) => w.toLowerCase());
}

/**
 * A name printed in capitals, as transcripts and headlines print them, in the
 * case of prose: "JAKE TAPPER" → "Jake Tapper", and a transcript's speaker
 * label, "PENCE:" → "Pence". A lone word otherwise stays as it is: it is as
 * likely an acronym ("FDIC") as a name.
 */
function readableName(name: string, label: boolean): string {
  if (/\p{Ll}/u.test(name) || (!label && !/\s/u.test(name))) return name;
  return name.replace(/\p{Lu}[\p{Lu}'’]+/gu, (w) => w[0] + w.slice(1).toLowerCase());
}

/** The last noun-like word of a source before any apposition or prepositional phrase. */
function headNoun(lower: readonly string[]): string {
  let end = lower.length;
  for (let k = 0; k < lower.length; k++) {
    const w = lower[k]!;
    if (k > 0 && (w === ',' || w === 'of' || w === 'for' || w === 'at' || w === 'from' || w === 'in' || w === 'with' || w === 'who' || w === 'familiar' || w === 'close')) {
      end = k;
      break;
    }
  }
  return lower[end - 1] ?? '';
}

function pushRole(d: Draft, role: string): void {
  const r = role.replace(DETERMINERS, '').replace(/\s+/g, ' ').replace(/[,;:.]+$/, '').trim();
  if (r.length === 0 || r.length > 120) return;
  const bare = r.toLowerCase().replace(/\.$/, '');
  if (HONORIFICS.has(bare)) return;
  if (!d.roles.includes(r)) d.roles.push(r);
}

/** Roles a source gives a person: words before the name, and appositions after it. */
function addRoles(d: Draft, doc: Document, src: TokenRange, m: Mention): void {
  const { tokens, text } = doc;
  const nameStart = m.title ? m.title.start : m.name.start;
  if (nameStart > src.start) {
    const before = text.slice(tokens.start[src.start]!, tokens.start[nameStart]!);
    const title = m.title ? text.slice(tokens.start[m.title.start]!, tokens.end[m.title.end - 1]!) : '';
    // "Spokeswoman Haley Morris", or an apposition before the name: "The mayor of X, Jane Doe".
    const preposed = /^([^,(]+),\s*$/.exec(before);
    if (!/[,(]/.test(before)) pushRole(d, before + title);
    else if (preposed) pushRole(d, preposed[1]!);
  }
  if (m.name.end < src.end) {
    const after = text.slice(tokens.end[m.name.end - 1]!, tokens.end[src.end - 1]!);
    const apposition = /^\s*,\s*(.+?)\s*,?\s*$/s.exec(after);
    if (apposition && !/^(?:who|which|whose|that)\b/i.test(apposition[1]!)) {
      for (const part of apposition[1]!.split(/,?\s+and\s+(?=(?:a|an|the)\s)|,\s+(?=(?:a|an|the)\s)/i)) pushRole(d, part);
    }
  }
}
