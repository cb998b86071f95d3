/** Progress of a batch on a terminal: a redrawn bar, with messages printed above it. */
export interface Progress {
  /** One more item done. */
  tick(): void;
  /** Prints a line (ending in a newline) without garbling the bar. */
  note(line: string): void;
  /** Removes the bar. */
  done(): void;
}

/** Below this many items a bar would only flicker. */
const FEW = 5;
/** Redraws at most this often: a terminal write per file would cost more than small files take. */
const REDRAW_MS = 100;

type Stream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/**
 * A progress bar over `total` items on `stream`, drawn only when the stream
 * is a terminal and there are more than a few items; otherwise notes are
 * written plainly and nothing else is.
 */
export function createProgress(stream: Stream, total: number, label: string): Progress {
  if (stream.isTTY !== true || total <= FEW) {
    return Object.freeze({ tick: () => {}, note: (line: string) => void stream.write(line), done: () => {} });
  }
  const started = Date.now();
  let count = 0;
  let drawnAt = 0;
  const draw = () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const tail = ` ${count}/${total} ${seconds}s`;
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - tail.length - 4));
    const filled = Math.round((width * count) / total);
    stream.write(`\r\x1b[K${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${tail}`);
    drawnAt = Date.now();
  };
  draw();
  return Object.freeze({
    tick: () => {
      count += 1;
      if (count === total || Date.now() - drawnAt >= REDRAW_MS) draw();
    },
    note: (line: string) => {
      stream.write(`\r\x1b[K${line}`);
      draw();
    },
    done: () => void stream.write('\r\x1b[K'),
  });
}
