/** The publication-date header some feeds prepend: ` date YYYY-MM-DD ` running straight into the body. */
const HEADER = /^\s*date (\d{4}-\d{2}-\d{2}) /;

/** What the header tells: the date, and where the body begins. */
export interface Header {
  readonly publishedAt: string | null;
  readonly bodyStart: number;
}

/** Reads a leading ` date YYYY-MM-DD ` header; offsets stay relative to the text as read. */
export function readHeader(text: string): Header {
  const m = HEADER.exec(text);
  if (!m || !isCalendarDate(m[1]!)) return { publishedAt: null, bodyStart: 0 };
  return { publishedAt: m[1]!, bodyStart: m[0].length };
}

function isCalendarDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso);
}
