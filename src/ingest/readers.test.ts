import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDiagnostic, readSource, type ArticleInput, type Diagnostic, type ReadResult } from './index.js';

const fixture = (name: string): Buffer => readFileSync(join(import.meta.dirname, 'fixtures', name));
const articles = (r: ReadResult): ArticleInput[] => r.filter((e): e is ArticleInput => !isDiagnostic(e));
const diagnostics = (r: ReadResult): Diagnostic[] => r.filter(isDiagnostic);

describe('text reader', () => {
  it('keeps the text as read and takes the date from a ` date YYYY-MM-DD ` header', () => {
    const [a] = articles(readSource('dated.txt', fixture('dated.txt')));
    expect(a?.publishedAt).toBe('2025-01-20');
    expect(a?.text.startsWith(' date 2025-01-20 The bridge')).toBe(true);
    expect(a?.url).toBeNull();
  });

  it('reads a text without header as undated', () => {
    const [a] = articles(readSource('plain.txt', Buffer.from('The mayor said the budget was balanced.')));
    expect(a?.publishedAt).toBeNull();
    expect(a?.text).toBe('The mayor said the budget was balanced.');
  });
});

describe('HTML reader', () => {
  const [a] = articles(readSource('article.html', fixture('article.html')));

  it('keeps the article body and drops navigation, ads, sidebar, footer and scripts', () => {
    expect(a?.text).toContain('“We are not going to cut corners on the estuary,” said Marta Quiroga');
    expect(a?.text).toContain('According to the Northfield Courier, the port has spent');
    for (const boilerplate of ['Subscribe now', 'Dockside Marine', 'Most read', 'All rights reserved', 'dataLayer', 'font-family']) {
      expect(a?.text).not.toContain(boilerplate);
    }
  });

  it('separates paragraphs with blank lines', () => {
    const paragraphs = a?.text.split('\n\n') ?? [];
    expect(paragraphs[0]).toMatch(/^The long-planned expansion/);
    expect(paragraphs).toHaveLength(5);
  });

  it('reads title, byline, date, outlet and canonical URL from meta tags and JSON-LD', () => {
    expect(a).toMatchObject({
      title: 'Port expansion stalls over permits',
      byline: 'Lena Ostrova',
      outlet: 'The Harbor Gazette',
      publishedAt: '2025-03-14',
      url: 'https://harbor-gazette.example/news/port-expansion',
    });
  });

  it('falls back to JSON-LD when meta tags are missing', () => {
    const html = `<!doctype html><html><head><title>x</title><script type="application/ld+json">
      {"@graph":[{"@type":"WebSite","name":"site"},{"@type":"NewsArticle","headline":"Quiet harbor","datePublished":"2024-12-01",
       "author":[{"name":"A. Writer"}],"publisher":{"name":"Bay Times"}}]}</script></head>
      <body><article><p>${'The harbor was quiet on Sunday, the harbor master said, as crews repaired the pier. '.repeat(6)}</p></article></body></html>`;
    const [b] = articles(readSource('page.html', Buffer.from(html)));
    expect(b).toMatchObject({ title: 'Quiet harbor', byline: 'A. Writer', outlet: 'Bay Times', publishedAt: '2024-12-01' });
  });

  it('refuses a page with no article text', () => {
    const d = diagnostics(readSource('empty.html', Buffer.from('<!doctype html><html><head><title>t</title></head><body><nav>Home</nav></body></html>')));
    expect(d[0]?.reason).toMatch(/no article text/);
  });

  it('reads malformed (unclosed, misnested) markup without failing the batch', () => {
    const html = `<html><body><div><p>${'Officials said the ferry would run again on Monday after repairs. '.repeat(5)}<b><i>bold</b></i><p>Second paragraph <span>never closed`;
    const r = readSource('broken.html', Buffer.from(html));
    expect(r).toHaveLength(1);
    expect(articles(r)[0]?.text ?? diagnostics(r)[0]?.reason).toBeTruthy();
  });
});

describe('RSS reader', () => {
  const r = readSource('feed-rss.xml', fixture('feed-rss.xml'));
  const items = articles(r);

  it('makes one article per item with the channel title as outlet', () => {
    expect(items).toHaveLength(3);
    expect(new Set(items.map((i) => i.outlet))).toEqual(new Set(['Northfield Courier']));
    expect(items.map((i) => i.source)).toEqual(['feed-rss.xml#1', 'feed-rss.xml#2', 'feed-rss.xml#3']);
  });

  it('takes full content from content:encoded and reads RFC 822 dates', () => {
    expect(items[0]).toMatchObject({
      url: 'https://courier.example/2025/03/13/port-permits',
      byline: 'Sam Adeyemi',
      publishedAt: '2025-03-13',
      summaryOnly: false,
    });
    expect(items[0]?.text).toContain('“We are not going to cut corners on the estuary,” Marta Quiroga said.');
  });

  it('keeps link and summary for items that have only a description, decoding escaped HTML', () => {
    expect(items[1]).toMatchObject({ url: 'https://courier.example/2025/03/12/ferry-fares', summaryOnly: true });
    expect(items[1]?.text).toBe('Ferry fares will rise by 8 percent in April, the transit agency said, citing fuel costs & crew wages.');
  });
});

describe('Atom reader', () => {
  const items = articles(readSource('feed-atom.xml', fixture('feed-atom.xml')));

  it('reads entries with html content, alternate link, author and published date', () => {
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      url: 'https://coastline.example/harbor-jobs',
      byline: 'Ines Carvalho',
      outlet: 'Coastline Weekly',
      publishedAt: '2025-03-15',
      summaryOnly: false,
    });
    expect(items[0]?.text).toContain('“Shipping lines are already looking at rival harbors,” Renner said.');
  });

  it('marks a summary-only entry and dates it by updated', () => {
    expect(items[1]).toMatchObject({ summaryOnly: true, publishedAt: '2025-03-14', url: 'https://coastline.example/tide-tables' });
  });
});

describe('JSON Feed reader', () => {
  it('reads items, HTML content and summaries', () => {
    const items = articles(readSource('feed.json', fixture('feed.json')));
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ outlet: 'Estuary Notes', byline: 'Ola Brandt', publishedAt: '2025-03-16', summaryOnly: false });
    expect(items[0]?.text).toBe('Marta Quiroga said the estuary review would take months.\n\n“The permits will be reviewed on their merits,” she said.');
    expect(items[1]).toMatchObject({ summaryOnly: true, text: 'Birdwatchers report early arrivals along the estuary.' });
  });
});

describe('JSON Lines reader', () => {
  const r = readSource('articles.jsonl', fixture('articles.jsonl'));

  it('reads every good line and reports bad ones by line number', () => {
    expect(articles(r).map((a) => a.title)).toEqual(['Mill to close', 'Union responds', null]);
    expect(diagnostics(r).map((d) => [d.line, d.reason])).toEqual([
      [3, 'not valid JSON'],
      [4, 'no "text" field'],
    ]);
  });

  it('normalises dates and keeps url and outlet', () => {
    expect(articles(r)[1]).toMatchObject({ url: 'https://ledger.example/a2', outlet: 'The Daily Ledger', publishedAt: '2025-02-02' });
  });
});

describe('bad input', () => {
  const reasonOf = (name: string, bytes: Uint8Array, maxBytes?: number): string => {
    const r = readSource(name, bytes, maxBytes === undefined ? {} : { maxBytes });
    expect(r).toHaveLength(1);
    const d = diagnostics(r)[0];
    expect(d?.source).toBe(name);
    return d?.reason ?? '(no diagnostic)';
  };

  it('refuses binary files', () => {
    expect(reasonOf('image.txt', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toMatch(/binary/);
  });

  it('refuses invalid UTF-8', () => {
    expect(reasonOf('latin1.txt', Buffer.from('The caf\xe9 owner said no.', 'latin1'))).toMatch(/UTF-8/);
  });

  it('refuses empty and blank files', () => {
    expect(reasonOf('empty.txt', new Uint8Array(0))).toMatch(/empty/);
    expect(reasonOf('blank.txt', Buffer.from('  \n\t\n'))).toMatch(/empty/);
  });

  it('refuses files over the size limit', () => {
    expect(reasonOf('big.txt', Buffer.from('word '.repeat(100)), 64)).toMatch(/limit/);
  });

  it('refuses entity expansion (billion laughs) quickly, without expanding', () => {
    const started = performance.now();
    expect(reasonOf('billion-laughs.xml', fixture('billion-laughs.xml'))).toMatch(/entity/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses an external entity declaration', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><description>&x;</description></item></channel></rss>';
    expect(reasonOf('xxe.xml', Buffer.from(xxe))).toMatch(/entity/);
  });

  it('refuses malformed XML with the parser’s reason', () => {
    expect(reasonOf('malformed.xml', fixture('malformed.xml'))).toMatch(/^malformed XML/);
  });

  it('refuses XML that is no feed', () => {
    expect(reasonOf('other.xml', Buffer.from('<?xml version="1.0"?><catalog><book/></catalog>'))).toBe('not RSS, Atom or JSON Feed');
  });

  it('refuses JSON that is neither a feed nor an article', () => {
    expect(reasonOf('data.json', Buffer.from('{"hello": "world"}'))).toMatch(/not RSS, Atom or JSON Feed/);
  });
});
