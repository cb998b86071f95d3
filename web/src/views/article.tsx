import type { JSX } from 'preact';
import { api } from '../api.js';
import { articleName, SafeUrl } from '../components/article-meta.js';
import { Legend, Reader } from '../components/reader.js';
import { Await } from '../components/states.js';
import { Link } from '../router.js';
import { useAsync } from '../use-async.js';

/** `/articles/:id`: the text with its attributions highlighted; `#a12` focuses attribution 12. */
export function ArticleView({ id, hash }: { id: string; hash: string }): JSX.Element {
  const state = useAsync(() => api.article(id), [id]);
  const focus = /^a(\d+)$/.exec(hash)?.[1];
  return (
    <Await state={state} what="Loading the article">
      {(a) => {
        const kinds = new Map<string, number>();
        for (const x of a.attributions) kinds.set(x.kind, (kinds.get(x.kind) ?? 0) + 1);
        return (
          <article>
            <h1>{articleName(a)}</h1>
            <p class="meta">
              {a.outlet ? (
                a.outletSpeakerId !== null ? (
                  <Link href={`/speakers/${a.outletSpeakerId}`}>{a.outlet}</Link>
                ) : (
                  <span>{a.outlet}</span>
                )
              ) : null}
              {[a.byline, a.publishedAt].filter((x): x is string => x !== null).map((x, i) => (
                <span key={i}>{i > 0 || a.outlet ? ' · ' : ''}{x}</span>
              ))}{' '}
              <SafeUrl url={a.url} />
            </p>
            <p class="counts" data-count={a.attributions.length}>
              {a.attributions.length} attributions
              {[...kinds].map(([k, n]) => (
                <span key={k}>
                  {' '}
                  · {n} {k}
                </span>
              ))}
              {' · '}
              {a.entities.length} entities
            </p>
            <Legend />
            <Reader text={a.text} bodyStart={a.bodyStart} attributions={a.attributions} stored {...(focus !== undefined ? { focus } : {})} />
          </article>
        );
      }}
    </Await>
  );
}
