import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HOSTILE_TEXT, HOSTILE_TITLE, REPO, sharedClaim, tempStore } from '../test-support/sample-store.js';
import { startServer, type ArticleDetail, type RunningServer, type SpeakerSummary } from './index.js';

// The web UI in Debian's Chromium, driven by playwright-core, over a real
// SQLite file holding the sample corpus. Screenshots go to test-artifacts/.

// The few browser globals the page functions below use (this project's type check has no DOM library).
interface DomElement {
  getAttribute(name: string): string | null;
}
declare const document: {
  querySelectorAll(selector: string): Iterable<DomElement> & { length: number };
  querySelector(selector: string): DomElement | null;
  documentElement: { scrollWidth: number };
  activeElement: { id: string } | null;
};
declare const window: { innerWidth: number; __xss?: unknown };
declare function getComputedStyle(element: DomElement): { backgroundColor: string };

const CHROMIUM = process.env['CLAIMTRAIL_CHROMIUM'] ?? '/usr/bin/chromium';
const missing = existsSync(CHROMIUM) ? null : `skipped: no Chromium at ${CHROMIUM}; run 'apt-get install -y chromium'`;
if (missing) console.warn(`browser tests ${missing}`);

const ARTIFACTS = join(REPO, 'test-artifacts');

describe.skipIf(missing !== null)('web UI in Chromium', () => {
  let data: Awaited<ReturnType<typeof tempStore>>;
  let ui: string;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let hostileId: number;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    ui = mkdtempSync(join(tmpdir(), 'claimtrail-web-'));
    // Built fresh, so the test never runs against a stale web/dist.
    const { build } = await import('vite');
    await build({ configFile: join(REPO, 'web', 'vite.config.ts'), logLevel: 'warn', build: { outDir: ui, emptyOutDir: true } });
    data = await tempStore({ sample: true });
    server = await startServer({ store: data.store, port: 0, uiDir: ui });
    const added = await fetch(`${server.url}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: HOSTILE_TEXT, title: HOSTILE_TITLE, outlet: '<b onmouseover="window.__xss=1">Port Gazette</b>' }),
    });
    hostileId = ((await added.json()) as { articles: { id: number }[] }).articles[0]!.id;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    data?.dispose();
    if (ui) rmSync(ui, { recursive: true, force: true });
  });

  const api = async <T>(path: string): Promise<T> => (await (await fetch(`${server.url}${path}`)).json()) as T;

  it('lists the articles', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('.article-list li').first().waitFor();
    expect(await page.locator('.article-list li').count()).toBe(13);
    await page.screenshot({ path: join(ARTIFACTS, 'index.png'), fullPage: true });
  });

  it('highlights every attribution of an article, each role in its own colour, linked on hover', async () => {
    const article = await api<ArticleDetail>('/api/articles/1');
    await page.goto(`${server.url}/articles/1`);
    await page.locator('.article-text').waitFor();
    const lit = await page.evaluate(() => {
      const ids = (role: string) => new Set([...document.querySelectorAll(`.article-text .hl-${role}`)].flatMap((e) => (e.getAttribute('data-a') ?? '').split(' ')));
      return { content: ids('content').size, cue: ids('cue').size, source: ids('source').size, listed: document.querySelectorAll('.attributions li.attribution').length };
    });
    expect(lit.listed).toBe(article.attributions.length);
    expect(lit.content).toBe(article.attributions.length);
    expect(lit.cue).toBe(article.attributions.length);
    expect(lit.source).toBe(article.attributions.filter((a) => a.source !== null).length);
    // The text shown is the article text, character for character.
    expect(await page.locator('.article-text').textContent()).toBe(article.text);
    const colours = await page.evaluate(() =>
      ['source', 'cue', 'content'].map((r) => getComputedStyle(document.querySelector(`.article-text .hl-${r}`)!).backgroundColor),
    );
    expect(new Set(colours).size).toBe(3);
    const target = article.attributions[1]!;
    await page.locator(`.article-text .hl-content[data-a~="${target.id}"]`).first().hover();
    await expect.poll(() => page.locator('.attributions li.attribution.lit').getAttribute('data-attribution')).toBe(String(target.id));
    expect(await page.locator(`.article-text .hl.lit`).count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: join(ARTIFACTS, 'article.png'), fullPage: true });
  });

  it('is usable at phone width and by keyboard', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    try {
      await phone.goto(`${server.url}/articles/2`);
      await phone.locator('.article-text').waitFor();
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: join(ARTIFACTS, 'article-phone.png'), fullPage: false });
      await phone.keyboard.press('Tab');
      await phone.keyboard.press('Enter');
      expect(await phone.evaluate(() => document.activeElement?.id)).toBe('main');
      const button = phone.locator('.attributions button.show').first();
      await button.focus();
      await phone.keyboard.press('Enter');
      expect(await phone.locator('.attributions li.attribution.lit').count()).toBe(1);
    } finally {
      await phone.close();
    }
  });

  it('shows a speaker: roles with dates, a weekly chart, statements linking to their place in the article', async () => {
    const { items } = await api<{ items: SpeakerSummary[] }>('/api/speakers?limit=1');
    const top = items[0]!;
    await page.goto(`${server.url}/speakers/${top.id}`);
    await page.locator('.speaker-page h1').waitFor();
    expect(await page.locator('.speaker-page h1').textContent()).toBe(top.name);
    expect(await page.locator('.timeline li').count()).toBe(top.statements);
    expect(await page.locator('.week-chart rect.bar').count()).toBeGreaterThan(0);
    const link = page.locator('.timeline li a[href*="#a"]').first();
    const href = await link.getAttribute('href');
    await page.screenshot({ path: join(ARTIFACTS, 'speaker.png'), fullPage: true });
    // By keyboard, with the pointer out of the way (a pointer left over the text would hover another attribution).
    await page.mouse.move(0, 0);
    await link.focus();
    await page.keyboard.press('Enter');
    await page.locator('.article-text').waitFor();
    const anchor = href!.split('#')[1]!;
    expect(page.url()).toContain(`#${anchor}`);
    await expect.poll(() => page.locator('.attributions li.attribution.lit').getAttribute('data-attribution')).toBe(anchor.slice(1));
  });

  it('searches with a filter and marks the words found', async () => {
    const expected = await api<{ items: { id: number }[] }>('/api/search?q=channel&limit=25');
    await page.goto(`${server.url}/search?q=channel`);
    await page.locator('.results li, .state.empty').first().waitFor();
    expect(await page.locator('.results li').count()).toBe(expected.items.length);
    expect((await page.locator('.results mark').first().textContent())?.toLowerCase()).toBe('channel');
    await page.screenshot({ path: join(ARTIFACTS, 'search.png'), fullPage: true });
    await page.selectOption('select[name="kind"]', 'direct');
    await page.click('form.search-form button[type="submit"]');
    await expect.poll(() => page.url()).toContain('kind=direct');
    const direct = await api<{ items: unknown[] }>('/api/search?q=channel&kind=direct&limit=25');
    await expect.poll(() => page.locator('.results li').count()).toBe(direct.items.length);
  });

  it('traces a claim across articles, earliest first', async () => {
    const id = await sharedClaim(data.store);
    const trace = await api<{ claim: { article: { id: number } }[] }>(`/api/attributions/${id}/trace`);
    await page.goto(`${server.url}/attributions/${id}/trace`);
    await page.locator('.claim-members li').first().waitFor();
    expect(await page.locator('.claim-members li').count()).toBe(trace.claim.length);
    expect(await page.locator('.claim-members li').first().locator('.first').count()).toBe(1);
    expect(await page.locator('.chain li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'trace.png'), fullPage: true });
  });

  it('extracts pasted text on the add page', async () => {
    await page.goto(`${server.url}/add`);
    await page.fill('textarea[name="text"]', '“The ferry will run all winter,” said Mayor Renata Voss on Tuesday.');
    await page.click('button[value="extract"]');
    await page.locator('.result-panel .attributions li.attribution').first().waitFor();
    expect(await page.locator('.result-panel .article-text .hl-content').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'add.png'), fullPage: true });
  });

  it('adds pasted text to the record and links to its article', async () => {
    const before = (await data.store.stats()).articles;
    await page.goto(`${server.url}/add`);
    await page.fill('textarea[name="text"]', '“The night ferry stays,” said Mayor Renata Voss, who chairs the transit board.');
    await page.fill('input[name="title"]', 'Night ferry stays');
    await page.click('button[value="add"]');
    await page.locator('.result-panel a[href^="/articles/"]').waitFor();
    expect(await page.locator('.result-panel a[href^="/articles/"]').textContent()).toBe('Night ferry stays');
    expect(await page.locator('.result-panel .attributions li.attribution').count()).toBeGreaterThan(0);
    expect((await data.store.stats()).articles).toBe(before + 1);
  });

  it('runs none of the markup in an article, its title or its outlet', async () => {
    await page.goto(`${server.url}/articles/${hostileId}`);
    await page.locator('.article-text').waitFor();
    await page.locator('.article-text').hover();
    await page.locator('h1').hover();
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    expect(await page.locator('main img, main script, main b, main a[href^="javascript:"]').count()).toBe(0);
    expect(await page.locator('.article-text').textContent()).toBe(HOSTILE_TEXT);
    expect(await page.locator('h1').textContent()).toBe(HOSTILE_TITLE);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'xss-article.png'), fullPage: true });
  });
});
