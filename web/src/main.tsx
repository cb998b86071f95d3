import type { JSX } from 'preact';
import { render } from 'preact';
import { Link, match, useLocation } from './router.js';
import { AddView } from './views/add.js';
import { ArticleView } from './views/article.js';
import { ArticlesView } from './views/articles.js';
import { SearchView } from './views/search.js';
import { SpeakerView } from './views/speaker.js';
import { TraceView } from './views/trace.js';
import './style.css';

function View(): JSX.Element {
  const { path, query, hash } = useLocation();
  let p: Record<string, string> | null;
  if (match('/', path)) return <ArticlesView />;
  if ((p = match('/articles/:id', path))) return <ArticleView id={p['id']!} hash={hash} key={p['id']} />;
  if ((p = match('/speakers/:id', path))) return <SpeakerView id={p['id']!} key={p['id']} />;
  if ((p = match('/attributions/:id/trace', path))) return <TraceView id={p['id']!} key={p['id']} />;
  if (match('/search', path)) return <SearchView query={query} />;
  if (match('/add', path)) return <AddView />;
  return (
    <section>
      <h1>Not found</h1>
      <p class="state error" role="alert">
        Nothing lives at this address. <Link href="/">Go to the articles</Link>.
      </p>
    </section>
  );
}

function App(): JSX.Element {
  const { path } = useLocation();
  const nav = [
    ['/', 'Articles'],
    ['/search', 'Search'],
    ['/add', 'Add'],
  ] as const;
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <Link href="/" class="brand">
          Claimtrail
        </Link>
        <nav aria-label="Main">
          {nav.map(([href, label]) => (
            <Link key={href} href={href} {...(path === href ? { 'aria-current': 'page' as const } : {})}>
              {label}
            </Link>
          ))}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <View />
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
