import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isUrl, pollFeed, prepareArticle, type ArticleInput, type FeedPoll, type PreparedArticle } from '../ingest/index.js';
import { openStore, type Store } from '../store/index.js';
import { commandArgsOrHelp } from './command-args.js';
import { databaseFile } from './database.js';
import { UsageError, type CliIO, type Command } from './io.js';

const USAGE = `usage: claimtrail watch <feed-url|feed-list-file>… [--every 15m] [--once] [--db FILE|URL]

Polls RSS, Atom and JSON feeds on a schedule and stores their new and
changed items. Each poll is a conditional GET (ETag, Last-Modified) where
the server supports it; items already stored as they are are skipped. Over
PostgreSQL the items go through the job queue for 'claimtrail worker';
over SQLite they are extracted and stored here. A feed-list file holds one
URL a line ('#' starts a comment).

options:
      --every DURATION  time between polls: 90s, 15m, 2h (default 15m)
      --once            poll once and exit
      --db FILE|URL     the database (default: $CLAIMTRAIL_DB, else ./claimtrail.db)
  -h, --help            show this help
`;

/** `15m` → milliseconds; null if it is not a duration. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+)(s|m|h)$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return n === 0 ? null : n * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 's' | 'm' | 'h'];
}

/** The feed URLs the arguments name: URLs as given, files read for one URL a line. */
async function feedUrls(args: readonly string[], cwd: string): Promise<string[]> {
  const urls: string[] = [];
  for (const arg of args) {
    if (isUrl(arg)) {
      urls.push(arg);
      continue;
    }
    let text: string;
    try {
      text = await readFile(resolve(cwd, arg), 'utf8');
    } catch {
      throw new UsageError(`${arg}: neither a feed URL nor a readable feed-list file`);
    }
    for (const line of text.split('\n')) {
      const url = line.replace(/#.*/, '').trim();
      if (url === '') continue;
      if (!isUrl(url)) throw new UsageError(`${arg}: '${url}' is not an http(s) URL`);
      urls.push(url);
    }
  }
  return [...new Set(urls)];
}

/** Stores fresh items in this process (SQLite), one transaction per feed. */
async function storeHere(store: Store, items: readonly ArticleInput[]): Promise<number> {
  const ready: PreparedArticle[] = [];
  for (const item of items) {
    const prepared = await prepareArticle(store, item);
    if (prepared !== 'unchanged' && prepared.kind === 'prepared') ready.push(prepared);
  }
  await store.transaction(async (tx) => {
    for (const p of ready) await tx.putArticle(p.article, p.extraction);
  });
  return ready.length;
}

function report(poll: FeedPoll, delivered: string): string {
  if (poll.kind === 'not-modified') return `${poll.url}: not modified\n`;
  if (poll.kind === 'failed') return `${poll.url}: failed: ${poll.reason}\n`;
  return `${poll.url}: ${delivered}, ${poll.known} already stored\n`;
}

/** `claimtrail watch`: poll feeds and store (or enqueue) what is new. */
export const watchCommand: Command = async (args: string[], io: CliIO): Promise<number> => {
  const parsed = commandArgsOrHelp(args, io, USAGE, {
    every: { type: 'string', default: '15m' },
    once: { type: 'boolean', default: false },
    db: { type: 'string' },
  });
  if (parsed === null) return 0;
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError(`no feed URL or feed-list file given\n\n${USAGE}`);
  const every = parseDuration(values.every);
  if (every === null) throw new UsageError(`--every: expected a duration such as 90s, 15m or 2h, got '${values.every}'\n\n${USAGE}`);
  const feeds = await feedUrls(positionals, io.cwd);
  const spec = databaseFile(values.db, io);
  const store = await openStore(spec);
  const queue = store.backend === 'postgres' ? await import('../queue/index.js') : null;
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let failed = 0;
  try {
    while (!stop.signal.aborted) {
      for (const url of feeds) {
        const poll = await pollFeed(store, url);
        let delivered = '';
        if (poll.kind === 'fetched') {
          if (queue) {
            await queue.enqueueSources(spec, poll.fresh.map((input) => ({ kind: 'article' as const, input })));
            delivered = `${poll.fresh.length} enqueued`;
          } else {
            delivered = `${await storeHere(store, poll.fresh)} stored`;
          }
          // Saved after delivery: a crash in between fetches the feed again rather than losing items.
          await store.saveFeedState(poll.state);
        } else if (poll.kind === 'failed') failed++;
        (poll.kind === 'failed' ? io.stderr : io.stdout).write(report(poll, delivered));
      }
      if (values.once) break;
      await sleep(every, undefined, { signal: stop.signal }).catch(() => undefined);
    }
    return values.once && failed > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await store.close();
  }
};
