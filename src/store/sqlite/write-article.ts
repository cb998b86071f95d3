import type { Database } from 'better-sqlite3';
import {
  BANDS,
  bandKeys,
  claimWords,
  linkSpeaker,
  minhashWords,
  sameClaimWords,
  type KnownPerson,
  type SpeakerDecision,
  type SpeakerDirectory,
} from '../../link/index.js';
import { quoteSelector, spanRanges, type Entity, type Extraction, type Span, type SpeakerRef } from '../../model/index.js';
import type { ArticleToStore, PutOutcome } from '../store.js';

/**
 * Members kept per LSH band, the oldest. A claim carried by hundreds of
 * articles fills its bands; any one member of it is enough to join it, so the
 * work per new attribution stays bounded however large a group grows.
 */
const PER_BAND = 4;

/** Writes articles with their attributions: linking speakers and grouping claims as it goes. */
export interface ArticleWriter {
  articleHash(identity: string): string | null;
  putArticle(article: ArticleToStore, extraction: Extraction): PutOutcome;
  /** Links a speaker reference to a stored speaker, creating one if needed; null if it stays in its article. */
  resolveSpeaker(ref: SpeakerRef, entities: readonly Entity[]): number | null;
}

/** Prepares the statements that write articles into `db`. */
export function createArticleWriter(db: Database): ArticleWriter {
  const q = {
    hash: db.prepare<[string], { content_hash: string }>('SELECT content_hash FROM articles WHERE identity = ?'),
    articleId: db.prepare<[string], { id: number }>('SELECT id FROM articles WHERE identity = ?'),
    insertArticle: db.prepare(`
      INSERT INTO articles (identity, content_hash, source, url, title, byline, outlet, outlet_speaker_id, published_at, summary_only, text, body_start, entities)
      VALUES (@identity, @contentHash, @source, @url, @title, @byline, @outlet, @outletSpeakerId, @publishedAt, @summaryOnly, @text, @bodyStart, @entities)`),
    updateArticle: db.prepare(`
      UPDATE articles SET content_hash = @contentHash, source = @source, url = @url, title = @title, byline = @byline,
        outlet = @outlet, outlet_speaker_id = @outletSpeakerId, published_at = @publishedAt, summary_only = @summaryOnly,
        text = @text, body_start = @bodyStart, entities = @entities
      WHERE id = @id`),
    deleteAttributions: db.prepare('DELETE FROM attributions WHERE article_id = ?'),
    deleteRoles: db.prepare('DELETE FROM speaker_roles WHERE article_id = ?'),
    insertAttribution: db.prepare(`
      INSERT INTO attributions (article_id, local_id, kind, content, speaker_id, speaker_name, speaker_type, speaker_roles, confidence, claim_id)
      VALUES (@articleId, @localId, @kind, @content, @speakerId, @speakerName, @speakerType, @speakerRoles, @confidence, 0)`),
    setClaim: db.prepare('UPDATE attributions SET claim_id = ? WHERE id = ?'),
    mergeClaims: db.prepare('UPDATE attributions SET claim_id = ? WHERE claim_id = ?'),
    insertSpan: db.prepare(`
      INSERT INTO spans (attribution_id, role, start, "end", exact, prefix, suffix, parts)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    insertRole: db.prepare('INSERT OR IGNORE INTO speaker_roles (speaker_id, article_id, role) VALUES (?, ?, ?)'),
    // Each band keeps at most PER_BAND members (see groupClaim), so one seek per band reads at most PER_BAND rows.
    bandCandidates: db.prepare<number[], { band: number; attribution_id: number; claim_id: number; content: string }>(`
      SELECT b.band, a.id AS attribution_id, a.claim_id, a.content FROM claim_bands b JOIN attributions a ON a.id = b.attribution_id
      WHERE b.band IN (${Array.from({ length: BANDS }, () => '?').join(', ')}) ORDER BY a.id`),
    insertBand: db.prepare('INSERT OR IGNORE INTO claim_bands (band, attribution_id) VALUES (?, ?)'),
    alias: db.prepare<[string], { speaker_id: number | null; pinned: number }>('SELECT speaker_id, pinned FROM speaker_aliases WHERE key = ?'),
    insertAlias: db.prepare('INSERT INTO speaker_aliases (key, speaker_id) VALUES (?, ?)'),
    blurAlias: db.prepare('UPDATE speaker_aliases SET speaker_id = NULL WHERE key = ? AND pinned = 0'),
    dropAlias: db.prepare('DELETE FROM speaker_aliases WHERE key = ? AND speaker_id = ? AND pinned = 0'),
    bySurname: db.prepare<[string], { id: number; first: string | null; roles: string }>(`
      SELECT id, first, (SELECT json_group_array(DISTINCT role) FROM speaker_roles WHERE speaker_id = speakers.id) AS roles
      FROM speakers WHERE type = 'person' AND surname = ?`),
    insertSpeaker: db.prepare('INSERT INTO speakers (name, type, first, surname) VALUES (?, ?, ?, ?)'),
    renameSpeaker: db.prepare('UPDATE speakers SET name = ?, first = ? WHERE id = ?'),
    speakerType: db.prepare<[number], { type: string }>('SELECT type FROM speakers WHERE id = ?'),
    setSpeakerType: db.prepare('UPDATE speakers SET type = ? WHERE id = ?'),
  };

  // Alias rows read while linking, until the next alias write: linking asks for the same keys several times.
  const aliasRows = new Map<string, { speaker_id: number | null; pinned: number } | undefined>();
  const aliasRow = (key: string) => {
    if (aliasRows.has(key)) return aliasRows.get(key);
    const row = q.alias.get(key);
    aliasRows.set(key, row);
    return row;
  };
  const directory: SpeakerDirectory = {
    alias: (key) => {
      const row = aliasRow(key);
      return row === undefined ? undefined : row.speaker_id;
    },
    pinned: (key) => {
      const row = aliasRow(key);
      return row && row.pinned && row.speaker_id !== null ? row.speaker_id : undefined;
    },
    personsBySurname: (surname) =>
      q.bySurname.all(surname).map((r): KnownPerson => ({ id: r.id, first: r.first, roles: JSON.parse(r.roles) as string[] })),
  };

  function apply(decision: SpeakerDecision): number {
    let id = decision.id;
    if (id === null) {
      id = Number(q.insertSpeaker.run(decision.name, decision.type, decision.first, decision.surname).lastInsertRowid);
    } else {
      if (decision.rename) {
        q.renameSpeaker.run(decision.name, decision.first, id);
        if (decision.surname !== null) q.dropAlias.run(`p:${decision.surname}`, id);
        aliasRows.clear();
      }
      // An outlet named anywhere as an outlet is an outlet, even if first seen as an organisation.
      if (decision.type === 'outlet' && q.speakerType.get(id)?.type === 'organization') q.setSpeakerType.run('outlet', id);
    }
    for (const key of decision.aliases) ensureAlias(key, id);
    return id;
  }

  function ensureAlias(key: string, id: number): void {
    const row = aliasRow(key);
    if (row === undefined) {
      q.insertAlias.run(key, id);
      aliasRows.clear();
    } else if (row.speaker_id !== id && row.speaker_id !== null && !key.startsWith('p:') && !key.startsWith('o:')) {
      // A derived name ("tribune", "nvt") claimed by two speakers leads to neither.
      q.blurAlias.run(key);
      aliasRows.clear();
    }
  }

  function resolveSpeaker(ref: SpeakerRef, entities: readonly Entity[]): number | null {
    const decision = linkSpeaker(ref, directory, entities);
    return decision.kind === 'speaker' ? apply(decision) : null;
  }

  function insertSpan(attributionId: number, role: string, text: string, span: Span): void {
    const sel = quoteSelector(text, span);
    const parts = span.parts ? JSON.stringify(spanRanges(span).map((p) => [p.start, p.end])) : null;
    q.insertSpan.run(attributionId, role, span.start, span.end, sel.exact, sel.prefix, sel.suffix, parts);
  }

  // Content words of recent attributions: candidates recur, and folding their text again costs more than the rest.
  // Bounded, oldest first out, so memory stays flat however many articles are ingested.
  const wordCache = new Map<number, ReadonlySet<string>>();
  const remember = (id: number, words: ReadonlySet<string>): ReadonlySet<string> => {
    if (wordCache.size >= 20_000) wordCache.delete(wordCache.keys().next().value!);
    wordCache.set(id, words);
    return words;
  };
  const wordsOf = (id: number, content: string): ReadonlySet<string> => wordCache.get(id) ?? remember(id, claimWords(content));

  function groupClaim(attributionId: number, words: ReadonlySet<string>, sig: Uint32Array | null): void {
    if (sig === null) {
      q.setClaim.run(attributionId, attributionId);
      return;
    }
    const bands = bandKeys(sig);
    remember(attributionId, words);
    const claims = new Set<number>();
    const members = new Map<number, number>();
    for (const candidate of q.bandCandidates.all(...bands)) {
      members.set(candidate.band, (members.get(candidate.band) ?? 0) + 1);
      // One member of a group is enough to join it.
      if (claims.has(candidate.claim_id)) continue;
      if (sameClaimWords(words, wordsOf(candidate.attribution_id, candidate.content))) claims.add(candidate.claim_id);
    }
    const claimId = Math.min(attributionId, ...claims);
    q.setClaim.run(claimId, attributionId);
    // Two groups this content bridges become one, under the older id.
    for (const c of claims) if (c !== claimId) q.mergeClaims.run(claimId, c);
    // A band that already has PER_BAND members gains nothing from one more: any of them finds
    // the group, and readers never look past PER_BAND. Most bands are unique, but the common
    // ones would otherwise grow with the record and every lookup with them.
    for (const band of bands) if ((members.get(band) ?? 0) < PER_BAND) q.insertBand.run(band, attributionId);
  }

  function putArticle(article: ArticleToStore, extraction: Extraction): PutOutcome {
    // Another connection may have written aliases since the last article.
    aliasRows.clear();
    const old = q.hash.get(article.identity);
    if (old?.content_hash === article.contentHash) return 'unchanged';
    const text = article.text;
    const outletSpeakerId = article.outlet ? resolveSpeaker({ id: '', name: article.outlet, type: 'outlet', roles: [] }, []) : null;
    const row = {
      identity: article.identity,
      contentHash: article.contentHash,
      source: article.source,
      url: article.url,
      title: article.title,
      byline: article.byline,
      outlet: article.outlet,
      outletSpeakerId,
      publishedAt: article.publishedAt ?? extraction.publishedAt,
      summaryOnly: article.summaryOnly ? 1 : 0,
      text,
      bodyStart: extraction.bodyStart,
      entities: JSON.stringify(extraction.entities),
    };
    let articleId: number;
    if (old) {
      articleId = q.articleId.get(article.identity)!.id;
      q.deleteAttributions.run(articleId);
      q.deleteRoles.run(articleId);
      q.updateArticle.run({ ...row, id: articleId });
    } else {
      articleId = Number(q.insertArticle.run(row).lastInsertRowid);
    }
    // An article quotes the same speaker many times: link each speaker once.
    const linked = new Map<string, number | null>();
    const link = (ref: SpeakerRef): number | null => {
      const key = JSON.stringify([ref.id, ref.name, ref.type, ref.roles]);
      if (!linked.has(key)) linked.set(key, resolveSpeaker(ref, extraction.entities));
      return linked.get(key)!;
    };
    for (const a of extraction.attributions) {
      const speakerId = a.speaker ? link(a.speaker) : null;
      const words = claimWords(a.content.text);
      const sig = minhashWords(words);
      const id = Number(
        q.insertAttribution.run({
          articleId,
          localId: a.id,
          kind: a.kind,
          content: a.content.text,
          speakerId,
          speakerName: a.speaker?.name ?? null,
          speakerType: a.speaker?.type ?? null,
          speakerRoles: JSON.stringify(a.speaker?.roles ?? []),
          confidence: a.confidence ?? null,
        }).lastInsertRowid,
      );
      insertSpan(id, 'content', text, a.content);
      insertSpan(id, 'cue', text, a.cue);
      if (a.source) insertSpan(id, 'source', text, a.source);
      if (speakerId !== null) for (const role of a.speaker?.roles ?? []) q.insertRole.run(speakerId, articleId, role);
      groupClaim(id, words, sig);
    }
    return old ? 'updated' : 'ingested';
  }

  return {
    articleHash: (identity) => q.hash.get(identity)?.content_hash ?? null,
    putArticle: (article, extraction) => db.transaction(() => putArticle(article, extraction))(),
    resolveSpeaker,
  };
}
