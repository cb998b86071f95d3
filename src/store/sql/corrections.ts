import { orgKey, parseOrgName, parsePersonName, personKey } from '../../link/index.js';
import type { SqlClient } from './sql-client.js';

/** The alias key a name form of a speaker of `type` is stored under. */
function keyOf(name: string, type: string): string | null {
  if (type === 'person') {
    const p = parsePersonName(name);
    return p ? personKey(p.first, p.surname) : null;
  }
  const o = parseOrgName(name);
  return o ? orgKey(o.key) : null;
}

const PIN_ALIAS = 'INSERT INTO speaker_aliases (key, speaker_id, pinned) VALUES (?, ?, 1) ON CONFLICT (key) DO UPDATE SET speaker_id = excluded.speaker_id, pinned = 1';

async function speakerRow(db: SqlClient, id: number): Promise<{ id: number; name: string; type: string } | undefined> {
  return db.get('SELECT id, name, type FROM speakers WHERE id = ?', [id]);
}

/**
 * Merges speaker `from` into `into`, a person's correction to the linker kept
 * as pinned aliases so re-ingest honours it. Runs inside the caller's
 * transaction.
 */
export async function mergeSpeakers(db: SqlClient, into: number, from: number): Promise<void> {
  if (into === from) throw new Error(`store: cannot merge speaker ${into} into itself`);
  const a = await speakerRow(db, into);
  const b = await speakerRow(db, from);
  if (!a) throw new Error(`store: no speaker ${into}`);
  if (!b) throw new Error(`store: no speaker ${from}`);
  await db.run('UPDATE attributions SET speaker_id = ? WHERE speaker_id = ?', [into, from]);
  // The SELECT keeps its WHERE: SQLite would read an ON CONFLICT straight after FROM as a join condition.
  await db.run('INSERT INTO speaker_roles (speaker_id, article_id, role) SELECT CAST(? AS BIGINT), article_id, role FROM speaker_roles WHERE speaker_id = ? ON CONFLICT DO NOTHING', [into, from]);
  await db.run('DELETE FROM speaker_roles WHERE speaker_id = ?', [from]);
  await db.run('UPDATE articles SET outlet_speaker_id = ? WHERE outlet_speaker_id = ?', [into, from]);
  // Every name that led to `from` now leads to `into`, and the linker may not undo it.
  await db.run('UPDATE speaker_aliases SET speaker_id = ?, pinned = 1 WHERE speaker_id = ?', [into, from]);
  const own = keyOf(b.name, b.type);
  if (own) await db.run(PIN_ALIAS, [own, into]);
  await db.run('DELETE FROM speakers WHERE id = ?', [from]);
  await db.run('INSERT INTO corrections (kind, detail) VALUES (?, ?)', ['merge', JSON.stringify({ into, from, fromName: b.name })]);
}

/** Splits the name form `name` off speaker `id` into a new speaker; returns its id. Runs inside the caller's transaction. */
export async function splitSpeaker(db: SqlClient, id: number, name: string): Promise<number> {
  const s = await speakerRow(db, id);
  if (!s) throw new Error(`store: no speaker ${id}`);
  const key = keyOf(name, s.type);
  if (!key) throw new Error(`store: '${name}' is not a name`);
  const rows = await db.all<{ id: number; article_id: number; speaker_name: string | null; speaker_roles: string }>(
    'SELECT id, article_id, speaker_name, speaker_roles FROM attributions WHERE speaker_id = ? ORDER BY id',
    [id],
  );
  const moving = rows.filter((r) => r.speaker_name !== null && keyOf(r.speaker_name, s.type) === key);
  const hasAlias = await db.get('SELECT key FROM speaker_aliases WHERE key = ? AND speaker_id = ?', [key, id]);
  if (moving.length === 0 && !hasAlias) throw new Error(`store: speaker ${id} (${s.name}) was never called '${name}'`);
  if (moving.length === rows.length && rows.length > 0 && keyOf(s.name, s.type) === key) {
    throw new Error(`store: '${name}' is all of speaker ${id}; nothing to split`);
  }
  const person = s.type === 'person' ? parsePersonName(name) : null;
  const display = person?.display ?? parseOrgName(name)?.display ?? name;
  const newId = await db.insert('INSERT INTO speakers (name, type, first, surname) VALUES (?, ?, ?, ?)', [display, s.type, person?.first ?? null, person?.surname ?? null]);
  await db.run(PIN_ALIAS, [key, newId]);
  for (const r of moving) {
    await db.run('UPDATE attributions SET speaker_id = ? WHERE id = ?', [newId, r.id]);
    for (const role of JSON.parse(r.speaker_roles) as string[]) {
      await db.run('INSERT INTO speaker_roles (speaker_id, article_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [newId, r.article_id, role]);
    }
  }
  // Roles stay with the old speaker only for articles where it still speaks.
  await db.run('DELETE FROM speaker_roles WHERE speaker_id = ? AND article_id NOT IN (SELECT article_id FROM attributions WHERE speaker_id = ?)', [id, id]);
  await db.run('INSERT INTO corrections (kind, detail) VALUES (?, ?)', ['split', JSON.stringify({ from: id, name, into: newId })]);
  return newId;
}
