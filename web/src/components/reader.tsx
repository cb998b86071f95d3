import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AttributionKind, Span } from '../api.js';
import { rangesOf, segments, type Mark, type Role } from '../highlight.js';
import { Link } from '../router.js';

/** An attribution as the reader shows it: stored (numeric ids) or fresh from `/api/extract`. */
export interface ShownAttribution {
  readonly id: number | string;
  readonly kind: AttributionKind;
  readonly source: Span | null;
  readonly cue: Span;
  readonly content: Span;
  readonly speaker: { readonly id: number | string | null; readonly name: string; readonly type: string; readonly roles: readonly string[] } | null;
}

const ROLE_LABEL: Readonly<Record<Role, string>> = { source: 'source', cue: 'cue', content: 'content' };

function marksOf(attributions: readonly ShownAttribution[]): Mark[] {
  const marks: Mark[] = [];
  for (const a of attributions) {
    if (a.source) marks.push({ id: a.id, role: 'source', ranges: rangesOf(a.source) });
    marks.push({ id: a.id, role: 'cue', ranges: rangesOf(a.cue) });
    marks.push({ id: a.id, role: 'content', ranges: rangesOf(a.content) });
  }
  return marks;
}

function excerpt(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * An article's text with every attribution highlighted (source, cue and
 * content in their own colours) beside the list of attributions. Hovering
 * or focusing one lights up all of its parts. The text is rendered as text
 * nodes only: article text is untrusted.
 */
export function Reader(props: { text: string; bodyStart?: number; attributions: readonly ShownAttribution[]; stored: boolean; focus?: string }): JSX.Element {
  const { text, bodyStart = 0, attributions, stored, focus } = props;
  const [active, setActive] = useState<string | null>(focus ?? null);
  // A header before the body (` date 2026-03-02 `) is cut off so it can be shown dimmed.
  const segs = useMemo(
    () => segments(text.length, marksOf(attributions)).flatMap((s) =>
      s.start < bodyStart && bodyStart < s.end ? [{ ...s, end: bodyStart }, { ...s, start: bodyStart }] : [s],
    ),
    [text, attributions, bodyStart],
  );
  // The first piece of each attribution carries its anchor, so `#a12` scrolls to it.
  const anchors = useMemo(() => {
    const first = new Map<string, number>();
    for (const a of attributions) {
      const start = Math.min(a.content.start, a.cue.start, a.source?.start ?? Infinity);
      first.set(String(a.id), start);
    }
    return first;
  }, [attributions]);

  useEffect(() => {
    if (focus === undefined) return;
    setActive(focus);
    document.getElementById(`a${focus}`)?.scrollIntoView({ block: 'center' });
  }, [focus]);

  const placed = new Set<string>();
  return (
    <div class="reader">
      <div class="article-text" aria-label="Article text with attributions highlighted" onMouseLeave={() => setActive(null)}>
        {segs.map((s) => {
          const piece = text.slice(s.start, s.end);
          const top = s.marks[0];
          if (!top) return s.end <= bodyStart ? <span class="header">{piece}</span> : piece;
          const ids = s.marks.map((m) => String(m.id));
          const anchor = ids.find((id) => !placed.has(id) && anchors.get(id) === s.start);
          if (anchor !== undefined) placed.add(anchor);
          const lit = active !== null && ids.includes(active);
          return (
            <span
              class={`hl hl-${top.role}${lit ? ' lit' : ''}`}
              data-role={top.role}
              data-a={ids.join(' ')}
              {...(anchor !== undefined ? { id: `a${anchor}` } : {})}
              title={`${ROLE_LABEL[top.role]} of attribution ${String(top.id)}`}
              onMouseEnter={() => setActive(String(top.id))}
            >
              {piece}
            </span>
          );
        })}
      </div>
      <aside class="attributions" aria-label="Attributions">
        <h2>
          {attributions.length} attribution{attributions.length === 1 ? '' : 's'}
        </h2>
        {attributions.length === 0 ? <p class="state empty">No attribution found in this text.</p> : null}
        <ol>
          {attributions.map((a) => {
            const id = String(a.id);
            return (
              <li key={id} class={`attribution${active === id ? ' lit' : ''}`} data-attribution={id} onMouseEnter={() => setActive(id)}>
                <button
                  type="button"
                  class="show"
                  onFocus={() => setActive(id)}
                  onClick={() => {
                    setActive(id);
                    document.getElementById(`a${id}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
                  }}
                  aria-label={`Show attribution ${id} in the text`}
                >
                  <span class={`kind kind-${a.kind}`}>{a.kind}</span> <span class="content-text">{excerpt(a.content.text)}</span>
                </button>
                <div class="who">
                  {a.speaker ? (
                    <>
                      {stored && typeof a.speaker.id === 'number' ? (
                        <Link href={`/speakers/${a.speaker.id}`} class="speaker">
                          {a.speaker.name}
                        </Link>
                      ) : (
                        <span class="speaker">{a.speaker.name}</span>
                      )}{' '}
                      <span class="type">{a.speaker.type}</span>
                      {a.speaker.roles.length > 0 ? <span class="roles"> — {a.speaker.roles.join('; ')}</span> : null}
                    </>
                  ) : (
                    <span class="speaker none">{a.source ? a.source.text : 'no source named'}</span>
                  )}
                  <span class="cue-text"> · cue “{a.cue.text}”</span>
                </div>
                {stored ? (
                  <Link href={`/attributions/${id}/trace`} class="trace-link">
                    Trace
                  </Link>
                ) : null}
              </li>
            );
          })}
        </ol>
      </aside>
    </div>
  );
}

/** The colour key. */
export function Legend(): JSX.Element {
  return (
    <p class="legend" aria-label="Colour key">
      <span class="hl hl-source">source</span> <span class="hl hl-cue">cue</span> <span class="hl hl-content">content</span>
    </p>
  );
}
