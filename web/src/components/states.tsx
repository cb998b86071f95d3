import type { ComponentChildren, JSX } from 'preact';
import type { Async } from '../use-async.js';

/** A loading line that screen readers announce. */
export function Loading({ what = 'Loading' }: { what?: string }): JSX.Element {
  return (
    <p class="state loading" role="status" aria-live="polite">
      {what}…
    </p>
  );
}

/** An error shown where the content would be. */
export function ErrorBox({ error }: { error: Error }): JSX.Element {
  return (
    <p class="state error" role="alert">
      {error.message}
    </p>
  );
}

/** What an empty list says. */
export function Empty({ children }: { children: ComponentChildren }): JSX.Element {
  return <p class="state empty">{children}</p>;
}

/** Renders the loading and error states of `state`, and `children(data)` once it is there. */
export function Await<T>({ state, children, what }: { state: Async<T>; children: (data: T) => JSX.Element; what?: string }): JSX.Element {
  if (state.status === 'loading') return <Loading {...(what !== undefined ? { what } : {})} />;
  if (state.status === 'error') return <ErrorBox error={state.error} />;
  return children(state.data);
}
