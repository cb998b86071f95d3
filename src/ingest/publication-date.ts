const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * Normalises a date as pages and feeds write it (ISO 8601, RFC 822) to
 * `YYYY-MM-DD`, or null. An ISO date keeps its own calendar day, whatever its
 * time zone: the day the outlet printed is the one a reader saw.
 */
export function normaliseDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (s === '') return null;
  const iso = ISO_DATE.exec(s);
  if (iso) return validDay(`${iso[1]}-${iso[2]}-${iso[3]}`);
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString().slice(0, 10);
}

function validDay(day: string): string | null {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day ? day : null;
}
