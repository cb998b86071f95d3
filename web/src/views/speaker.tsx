import type { JSX } from 'preact';
import { api } from '../api.js';
import { ArticleLine } from '../components/article-meta.js';
import { Await, Empty } from '../components/states.js';
import { WeekChart } from '../components/week-chart.js';
import { Link } from '../router.js';
import { useAsync } from '../use-async.js';

/** `/speakers/:id`: who they are, their roles over time, what they said and who carried it. */
export function SpeakerView({ id }: { id: string }): JSX.Element {
  const state = useAsync(() => api.speaker(id), [id]);
  return (
    <Await state={state} what="Loading the speaker">
      {(s) => {
        const dates = s.statementList.map((st) => st.article.publishedAt).filter((d): d is string => d !== null);
        return (
          <section class="speaker-page">
            <h1>{s.name}</h1>
            <p class="meta">
              <span class="type">{s.type}</span> · {s.statements} statements in {s.articles} articles
              {s.aliases.length > 0 ? <span> · also known as {s.aliases.join(', ')}</span> : null}
            </p>
            <h2>Roles</h2>
            {s.datedRoles.length === 0 ? (
              <Empty>No role given in any article.</Empty>
            ) : (
              <table class="roles-table">
                <thead>
                  <tr>
                    <th scope="col">Role</th>
                    <th scope="col">First</th>
                    <th scope="col">Last</th>
                    <th scope="col">Articles</th>
                  </tr>
                </thead>
                <tbody>
                  {s.datedRoles.map((r) => (
                    <tr key={r.role}>
                      <td>{r.role}</td>
                      <td>{r.first ?? '—'}</td>
                      <td>{r.last ?? '—'}</td>
                      <td>{r.articles}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h2>Statements</h2>
            <WeekChart dates={dates} />
            {s.statementList.length === 0 ? (
              <Empty>No statement recorded.</Empty>
            ) : (
              <ol class="timeline">
                {s.statementList.map((st) => (
                  <li key={st.attribution.id} data-attribution={st.attribution.id}>
                    <ArticleLine article={st.article} at={st.attribution.id} />
                    <blockquote>
                      <span class={`kind kind-${st.attribution.kind}`}>{st.attribution.kind}</span> {st.attribution.content}
                    </blockquote>
                    <Link href={`/attributions/${st.attribution.id}/trace`} class="trace-link">
                      Trace
                    </Link>
                  </li>
                ))}
              </ol>
            )}
            <h2>Outlets that quoted them</h2>
            {s.outlets.length === 0 ? (
              <Empty>None recorded.</Empty>
            ) : (
              <ul class="outlets">
                {s.outlets.map((o) => (
                  <li key={o.name}>
                    {o.name}: {o.statements}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      }}
    </Await>
  );
}
