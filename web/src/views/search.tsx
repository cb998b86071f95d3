import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type SearchResult } from '../api.js';
import { ArticleLine } from '../components/article-meta.js';
import { Await, Empty, ErrorBox } from '../components/states.js';
import { markWords } from '../highlight.js';
import { Link, navigate } from '../router.js';
import { useAsync } from '../use-async.js';

const FIELDS = ['q', 'speaker', 'outlet', 'since', 'until', 'kind'] as const;
const KINDS = ['direct', 'mixed', 'indirect', 'according-to'] as const;

type Hit = SearchResult & { id: number };

/** The content around the first match, words of the query marked. Text nodes only. */
function Snippet({ text, query }: { text: string; query: string }): JSX.Element {
  const parts = markWords(text, query);
  return <span class="snippet">{parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : p.text))}</span>;
}

/** `/search?q=…&speaker=…&outlet=…&since=…&until=…&kind=…`: full-text search with filters. */
export function SearchView({ query }: { query: URLSearchParams }): JSX.Element {
  const key = FIELDS.map((f) => `${f}=${query.get(f) ?? ''}`).join('&');
  const params = new URLSearchParams();
  for (const f of FIELDS) {
    const v = query.get(f);
    if (v) params.set(f, v);
  }
  params.set('limit', '25');
  const asked = FIELDS.some((f) => query.get(f));
  const state = useAsync(() => (asked ? api.search(params) : Promise.resolve(null)), [key]);
  const [more, setMore] = useState<Hit[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    setMore([]);
    setError(null);
    setNext(state.status === 'ok' && state.data ? state.data.next : null);
  }, [state]);

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const out = new URLSearchParams();
    for (const f of FIELDS) {
      const v = String(form.get(f) ?? '').trim();
      if (v) out.set(f, v);
    }
    navigate(`/search?${out.toString()}`);
  };
  const q = query.get('q') ?? '';
  return (
    <section>
      <h1>Search</h1>
      <form class="search-form" onSubmit={onSubmit} key={key} role="search">
        <label class="wide">
          Words or "phrases"
          <input name="q" type="search" defaultValue={q} />
        </label>
        <label>
          Speaker
          <input name="speaker" defaultValue={query.get('speaker') ?? ''} />
        </label>
        <label>
          Outlet
          <input name="outlet" defaultValue={query.get('outlet') ?? ''} />
        </label>
        <label>
          Since
          <input name="since" type="date" defaultValue={query.get('since') ?? ''} />
        </label>
        <label>
          Until
          <input name="until" type="date" defaultValue={query.get('until') ?? ''} />
        </label>
        <label>
          Kind
          <select name="kind" defaultValue={query.get('kind') ?? ''}>
            <option value="">any</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      <Await state={state} what="Searching">
        {(page) =>
          page === null ? (
            <Empty>Type some words, or pick a filter.</Empty>
          ) : page.items.length === 0 ? (
            <Empty>Nothing matches.</Empty>
          ) : (
            <>
              <ol class="results">
                {[...page.items, ...more].map((r) => (
                  <li key={r.id} class="result" data-attribution={r.id}>
                    <p>
                      <span class={`kind kind-${r.attribution.kind}`}>{r.attribution.kind}</span>{' '}
                      {r.speaker ? (
                        r.speaker.id !== null ? (
                          <Link href={`/speakers/${r.speaker.id}`} class="speaker">
                            {r.speaker.name}
                          </Link>
                        ) : (
                          <span class="speaker">{r.speaker.name}</span>
                        )
                      ) : (
                        <span class="speaker none">unnamed</span>
                      )}{' '}
                      <span class="cue-text">{r.attribution.cue}</span>
                    </p>
                    <blockquote>
                      <Snippet text={r.attribution.content} query={q} />
                    </blockquote>
                    <p class="meta">
                      <ArticleLine article={r.article} at={r.id} /> ·{' '}
                      <Link href={`/attributions/${r.id}/trace`} class="trace-link">
                        Trace
                      </Link>
                    </p>
                  </li>
                ))}
              </ol>
              {error ? <ErrorBox error={error} /> : null}
              {next !== null ? (
                <button
                  type="button"
                  onClick={() =>
                    api.search(params, next).then(
                      (p) => {
                        setMore((m) => [...m, ...p.items]);
                        setNext(p.next);
                      },
                      (e: unknown) => setError(e instanceof Error ? e : new Error(String(e))),
                    )
                  }
                >
                  More results
                </button>
              ) : null}
            </>
          )
        }
      </Await>
    </section>
  );
}
