type Stream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** Redraws at most this often, so a fast run is not slowed by the terminal. */
const REDRAW_MS = 100;

/** A progress line with count, rate and time left; drawn only on a terminal. */
export interface RateProgress {
  update(done: number, total: number, detail?: string): void;
  done(): void;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Draws `label done/total rate/s ETA …` on `stream` when it is a terminal; otherwise does nothing. */
export function createRateProgress(stream: Stream, label: string, now: () => number = Date.now): RateProgress {
  if (stream.isTTY !== true) return Object.freeze({ update: () => {}, done: () => {} });
  const started = now();
  let drawnAt = 0;
  let drawn = false;
  return Object.freeze({
    update: (done: number, total: number, detail = '') => {
      const t = now();
      if (done < total && t - drawnAt < REDRAW_MS) return;
      drawnAt = t;
      const seconds = (t - started) / 1000;
      const rate = seconds > 0 ? done / seconds : 0;
      const eta = rate > 0 ? (total - done) / rate : Infinity;
      const line = `${label} ${done}/${total}  ${rate.toFixed(1)}/s  ETA ${duration(eta)}${detail ? `  ${detail}` : ''}`;
      stream.write(`\r\x1b[K${line.slice(0, (stream.columns ?? 80) - 1)}`);
      drawn = true;
    },
    done: () => {
      if (drawn) stream.write('\r\x1b[K');
    },
  });
}
