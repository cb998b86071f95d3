import type { JSX } from 'preact';

/** The Monday (UTC) of the week a `YYYY-MM-DD` date falls in. */
export function weekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}

/** Counts per week from the first to the last date, empty weeks included (at most `max` weeks, the latest). */
export function weeklyCounts(dates: readonly string[], max = 104): { week: string; count: number }[] {
  if (dates.length === 0) return [];
  const counts = new Map<string, number>();
  for (const d of dates) counts.set(weekOf(d), (counts.get(weekOf(d)) ?? 0) + 1);
  const weeks = [...counts.keys()].sort();
  const out: { week: string; count: number }[] = [];
  const cursor = new Date(`${weeks[0]!}T00:00:00Z`);
  const last = weeks[weeks.length - 1]!;
  while (cursor.toISOString().slice(0, 10) <= last) {
    const w = cursor.toISOString().slice(0, 10);
    out.push({ week: w, count: counts.get(w) ?? 0 });
    cursor.setUTCDate(cursor.getUTCDate() + 7);
  }
  return out.slice(-max);
}

/** A small bar chart of statements per week, with a text equivalent for screen readers. */
export function WeekChart({ dates }: { dates: readonly string[] }): JSX.Element | null {
  const weeks = weeklyCounts(dates);
  if (weeks.length === 0) return null;
  const top = Math.max(...weeks.map((w) => w.count));
  const bar = 14;
  const gap = 4;
  const height = 64;
  const width = weeks.length * (bar + gap);
  const summary = weeks.map((w) => `week of ${w.week}: ${w.count}`).join('; ');
  return (
    <figure class="week-chart">
      <svg viewBox={`0 0 ${width} ${height + 14}`} width={Math.min(width, 640)} height={height + 14} role="img" aria-label={`Statements per week: ${summary}`}>
        {weeks.map((w, i) => {
          const h = top === 0 ? 0 : Math.max(w.count > 0 ? 2 : 0, Math.round((w.count / top) * height));
          return (
            <g key={w.week}>
              <rect x={i * (bar + gap)} y={height - h} width={bar} height={h} class="bar">
                <title>{`week of ${w.week}: ${w.count} statement${w.count === 1 ? '' : 's'}`}</title>
              </rect>
              {w.count > 0 ? (
                <text x={i * (bar + gap) + bar / 2} y={height + 11} text-anchor="middle" class="bar-label">
                  {w.count}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        Statements per week, {weeks[0]!.week} to {weeks[weeks.length - 1]!.week}
      </figcaption>
    </figure>
  );
}
