import type { JSX } from 'preact';
import { api, type SpeakerLink, type TraceStep } from '../api.js';
import { ArticleLine } from '../components/article-meta.js';
import { Await } from '../components/states.js';
import { Link } from '../router.js';
import { useAsync } from '../use-async.js';

function SpeakerName({ speaker }: { speaker: SpeakerLink }): JSX.Element {
  return speaker.id !== null ? <Link href={`/speakers/${speaker.id}`}>{speaker.name}</Link> : <span>{speaker.name}</span>;
}

function Step({ step }: { step: TraceStep }): JSX.Element {
  if (step.kind === 'article') {
    return (
      <>
        <span class="step-kind">article</span>
        <ArticleLine article={step.article} />
      </>
    );
  }
  if (step.kind === 'cited') {
    return (
      <>
        <span class="step-kind">cites</span>
        <SpeakerName speaker={step.speaker} /> <span class="type">{step.speaker.type}</span>
        {step.via ? <span class="via"> as “{step.via}”</span> : null}
        {step.article ? (
          <span>
            {' '}
            — its own article: <ArticleLine article={step.article} />
          </span>
        ) : null}
      </>
    );
  }
  return (
    <>
      <span class="step-kind">speaker</span>
      <SpeakerName speaker={step.speaker} /> <span class="type">{step.speaker.type}</span>
    </>
  );
}

/** `/attributions/:id/trace`: the chain from article to origin, then every article carrying the claim, earliest first. */
export function TraceView({ id }: { id: string }): JSX.Element {
  const state = useAsync(() => api.trace(id), [id]);
  return (
    <Await state={state} what="Tracing">
      {(t) => (
        <section class="trace">
          <h1>Trace</h1>
          <blockquote class="claim">
            <span class={`kind kind-${t.attribution.kind}`}>{t.attribution.kind}</span> {t.attribution.content}
          </blockquote>
          <h2>Where it comes from</h2>
          <ol class="chain" aria-label="From the article to the origin">
            {t.chain.map((step, i) => (
              <li key={i} class={`step step-${step.kind}`}>
                <Step step={step} />
              </li>
            ))}
          </ol>
          <h2>
            Carried by {new Set(t.claim.map((m) => m.article.id)).size} article{new Set(t.claim.map((m) => m.article.id)).size === 1 ? '' : 's'}, earliest
            first
          </h2>
          <ol class="timeline claim-members">
            {t.claim.map((m, i) => (
              <li key={m.attribution.id} class={m.attribution.id === t.attribution.id ? 'current' : ''} data-attribution={m.attribution.id}>
                {i === 0 ? <span class="first">first</span> : null}
                <ArticleLine article={m.article} at={m.attribution.id} />
                <p>
                  {m.speaker ? <SpeakerName speaker={m.speaker} /> : <span class="none">unnamed</span>} <span class="cue-text">{m.attribution.cue}</span>:{' '}
                  <q>{m.attribution.content}</q>
                </p>
              </li>
            ))}
          </ol>
        </section>
      )}
    </Await>
  );
}
