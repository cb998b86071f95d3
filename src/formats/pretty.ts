import type { Attribution, Extraction, Span } from '../model/index.js';

/** Options for {@link toPretty}. */
export interface PrettyOptions {
  /** Colour with ANSI escapes (for a terminal); plain text otherwise. */
  readonly color?: boolean;
}

const ANSI = Object.freeze({ bold: '\x1b[1m', dim: '\x1b[2m', cyan: '\x1b[36m', yellow: '\x1b[33m', magenta: '\x1b[35m', reset: '\x1b[0m' });
type Style = keyof typeof ANSI;

/** A span's words on one line: a terminal line should not break where the article did. */
function oneLine(span: Span): string {
  return (span.parts ?? [span]).map((p) => p.text).join(' … ').replace(/\s+/g, ' ').trim();
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * An extraction for a person at a terminal: a header line (file, date,
 * counts), then one line per attribution: speaker [roles] — kind — cue — content.
 */
export function toPretty(extraction: Extraction, options: PrettyOptions = {}): string {
  const { color = false } = options;
  const paint = (style: Style, s: string) => (color ? `${ANSI[style]}${s}${ANSI.reset}` : s);
  const header = [
    paint('bold', extraction.file ?? '(text)'),
    ...(extraction.publishedAt ? [extraction.publishedAt] : []),
    count(extraction.attributions.length, 'attribution', 'attributions'),
    count(extraction.entities.length, 'entity', 'entities'),
  ].join(' · ');
  const width = String(extraction.attributions.length).length;
  const lines = extraction.attributions.map((a: Attribution, i) => {
    const who = a.speaker?.name ?? (a.source ? oneLine(a.source) : '(no source)');
    const roles = a.speaker && a.speaker.roles.length > 0 ? ` ${paint('dim', `[${a.speaker.roles.join('; ')}]`)}` : '';
    const fields = [paint('bold', paint('cyan', who)) + roles, paint('magenta', a.kind), paint('yellow', oneLine(a.cue)), oneLine(a.content)];
    return `  ${String(i + 1).padStart(width)}. ${fields.join(' — ')}`;
  });
  return [header, ...lines].join('\n') + '\n';
}
