/** Options for {@link formatTable}. */
export interface TableOptions {
  /** Columns (by index) aligned to the right, such as counts. */
  readonly right?: readonly number[];
  /** Cut the last column so lines fit this width. */
  readonly width?: number;
}

/** Display width of a string, counting each code point as one column. */
function widthOf(s: string): number {
  return [...s].length;
}

function cut(s: string, width: number): string {
  const chars = [...s];
  return chars.length <= width ? s : `${chars.slice(0, Math.max(1, width - 1)).join('')}…`;
}

/** Lays out rows (the first is the header) in aligned columns separated by two spaces. */
export function formatTable(rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const { right = [], width } = options;
  if (rows.length === 0) return '';
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((r) => widthOf(r[c] ?? ''))));
  const lines = rows.map((row) => {
    const cells = Array.from({ length: columns }, (_, c) => {
      const cell = (row[c] ?? '').replace(/[\r\n\t]+/g, ' ');
      if (c === columns - 1 && !right.includes(c)) return cell;
      const pad = ' '.repeat(widths[c]! - widthOf(cell));
      return right.includes(c) ? pad + cell : cell + pad;
    });
    let line = cells.join('  ');
    if (width !== undefined) line = cut(line, width);
    return line.trimEnd();
  });
  return `${lines.join('\n')}\n`;
}
