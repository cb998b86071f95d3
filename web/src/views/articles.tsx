import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type ArticleSummary } from '../api.js';
import { articleName } from '../components/article-meta.js';
import { Await, Empty, ErrorBox } from '../components/states.js';
import { Link } from '../router.js';
import { useAsync } from '../use-async.js';

/** `/`: what the record holds, and the articles in it. */
export function ArticlesView(): JSX.Element {
  const stats = useAsync(() => api.stats(), []);
  const first = useAsync(() => api.articles(), []);
  const [more, setMore] = useState<ArticleSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    if (first.status === 'ok') {
      setMore([]);
      setNext(first.data.next);
    }
  }, [first]);
  const loadMore = () => {
    if (next === null) return;
    api.articles(next).then(
      (page) => {
        setMore((m) => [...m, ...page.items]);
        setNext(page.next);
      },
      (e: unknown) => setError(e instanceof Error ? e : new Error(String(e))),
    );
  };
  return (
    <section>
      <h1>Articles</h1>
      <Await state={stats} what="Counting">
        {(s) => (
          <p class="stats">
            {s.articles} articles · {s.attributions} attributions · {s.speakers} speakers · {s.sharedClaims} claims carried by more than one article
          </p>
        )}
      </Await>
      <Await state={first} what="Loading articles">
        {(page) =>
          page.items.length === 0 ? (
            <Empty>
              The record is empty. <Link href="/add">Add an article</Link>.
            </Empty>
          ) : (
            <>
              <ul class="article-list">
                {[...page.items, ...more].map((a) => (
                  <li key={a.id}>
                    <Link href={`/articles/${a.id}`}>{articleName(a)}</Link>
                    <span class="meta">
                      {a.outlet ? ` · ${a.outlet}` : ''}
                      {a.publishedAt ? ` · ${a.publishedAt}` : ''} · {a.attributions} attributions
                    </span>
                  </li>
                ))}
              </ul>
              {error ? <ErrorBox error={error} /> : null}
              {next !== null ? (
                <button type="button" onClick={loadMore}>
                  More articles
                </button>
              ) : null}
            </>
          )
        }
      </Await>
    </section>
  );
}
