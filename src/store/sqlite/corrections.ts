import type { Database } from 'better-sqlite3';
import { orgKey, parseOrgName, parsePersonName, personKey } from '../../link/index.js';

/** A person's corrections to the speaker linker: merges and splits, kept as pinned aliases so re-ingest honours them. */
export interface SpeakerCorrections {
  mergeSpeakers(into: number, from: number): void;
  splitSpeaker(id: number, name: string): number;
}

/** The alias key a name form of a speaker of `type` is stored under. */
function keyOf(name: string, type: string): string | null {
  if (type === 'person') {
    const p = parsePersonName(name);
    return p ? personKey(p.first, p.surname) : null;
  }
  const o = parseOrgName(name);
  return o ? orgKey(o.key) : null;
}

/** Prepares the correction statements over `db`. */
export function createCorrections(db: Database): SpeakerCorrections {
  const speaker = db.prepare<[number], { id: number; name: string; type: string }>('SELECT id, name, type FROM speakers WHERE id = ?');
  const record = db.prepare('INSERT INTO corrections (kind, detail) VALUES (?, ?)');

  const mergeSpeakers = db.transaction((into: number, from: number) => {
    if (into === from) throw new Error(`store: cannot merge speaker ${into} into itself`);
    const a = speaker.get(into);
    const b = speaker.get(from);
    if (!a) throw new Error(`store: no speaker ${into}`);
    if (!b) throw new Error(`store: no speaker ${from}`);
    db.prepare('UPDATE attributions SET speaker_id = ? WHERE speaker_id = ?').run(into, from);
    db.prepare('INSERT OR IGNORE INTO speaker_roles (speaker_id, article_id, role) SELECT ?, article_id, role FROM speaker_roles WHERE speaker_id = ?').run(into, from);
    db.prepare('DELETE FROM speaker_roles WHERE speaker_id = ?').run(from);
    db.prepare('UPDATE articles SET outlet_speaker_id = ? WHERE outlet_speaker_id = ?').run(into, from);
    // Every name that led to `from` now leads to `into`, and the linker may not undo it.
    db.prepare('UPDATE speaker_aliases SET speaker_id = ?, pinned = 1 WHERE speaker_id = ?').run(into, from);
    const own = keyOf(b.name, b.type);
    if (own) db.prepare('INSERT INTO speaker_aliases (key, speaker_id, pinned) VALUES (?, ?, 1) ON CONFLICT(key) DO UPDATE SET speaker_id = excluded.speaker_id, pinned = 1').run(own, into);
    db.prepare('DELETE FROM speakers WHERE id = ?').run(from);
    record.run('merge', JSON.stringify({ into, from, fromName: b.name }));
  });

  const splitSpeaker = db.transaction((id: number, name: string): number => {
    const s = speaker.get(id);
    if (!s) throw new Error(`store: no speaker ${id}`);
    const key = keyOf(name, s.type);
    if (!key) throw new Error(`store: '${name}' is not a name`);
    const rows = db
      .prepare<[number], { id: number; article_id: number; speaker_name: string | null; speaker_roles: string }>(
        'SELECT id, article_id, speaker_name, speaker_roles FROM attributions WHERE speaker_id = ?',
      )
      .all(id);
    const moving = rows.filter((r) => r.speaker_name !== null && keyOf(r.speaker_name, s.type) === key);
    const hasAlias = db.prepare<[string, number], { key: string }>('SELECT key FROM speaker_aliases WHERE key = ? AND speaker_id = ?').get(key, id);
    if (moving.length === 0 && !hasAlias) throw new Error(`store: speaker ${id} (${s.name}) was never called '${name}'`);
    if (moving.length === rows.length && rows.length > 0 && keyOf(s.name, s.type) === key) {
      throw new Error(`store: '${name}' is all of speaker ${id}; nothing to split`);
    }
    const person = s.type === 'person' ? parsePersonName(name) : null;
    const display = person?.display ?? parseOrgName(name)?.display ?? name;
    const newId = Number(
      db.prepare('INSERT INTO speakers (name, type, first, surname) VALUES (?, ?, ?, ?)').run(display, s.type, person?.first ?? null, person?.surname ?? null)
        .lastInsertRowid,
    );
    db.prepare('INSERT INTO speaker_aliases (key, speaker_id, pinned) VALUES (?, ?, 1) ON CONFLICT(key) DO UPDATE SET speaker_id = excluded.speaker_id, pinned = 1').run(key, newId);
    const move = db.prepare('UPDATE attributions SET speaker_id = ? WHERE id = ?');
    const addRole = db.prepare('INSERT OR IGNORE INTO speaker_roles (speaker_id, article_id, role) VALUES (?, ?, ?)');
    for (const r of moving) {
      move.run(newId, r.id);
      for (const role of JSON.parse(r.speaker_roles) as string[]) addRole.run(newId, r.article_id, role);
    }
    // Roles stay with the old speaker only for articles where it still speaks.
    db.prepare(
      'DELETE FROM speaker_roles WHERE speaker_id = ? AND article_id NOT IN (SELECT article_id FROM attributions WHERE speaker_id = ?)',
    ).run(id, id);
    record.run('split', JSON.stringify({ from: id, name, into: newId }));
    return newId;
  });

  return { mergeSpeakers: (into, from) => mergeSpeakers(into, from), splitSpeaker: (id, name) => splitSpeaker(id, name) };
}
