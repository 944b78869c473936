// Browser tests of samla's server-rendered pages.
// Run: node --test --test-concurrency=1 tests/e2e/
//
// These tests look at observable behaviour (status codes, text, landmarks,
// links, keyboard focus, axe-core results), not at exact markup.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer,
  launchBrowser,
  newAxeContext,
  runAxe,
  formatViolations,
  norwegianCompare,
  normText,
  watchConsole,
  pageFacts,
  firstTabStop,
  skipLinkProblem,
  DEMO,
} from './helpers.mjs';

const MAX_PAGES = 300;
const MIN_PAGES = 20;

// The demo is made today, when the strategy 2025– is in force.
const FRONT_PAGE_TEXT = 'Strategien som gjelder nå · 2025–';
const GOALS_2025 = [
  'Samordnet utvikling og gjennomføring av politikk',
  'Et effektivt og enhetlig departementsfellesskap',
  'Attraktive arbeidsplasser med kompetente medarbeidere og ledere',
];
const CURRENT_ORGANISATIONS = 17;

let server;
let browser;
let strictContext; // the page's own CSP in force: console errors, keyboard, structure
let axeContext;    // bypassCSP: true, only so that axe-core can be injected

/** Open `path` in a fresh page of `context`; collects console errors. */
async function open(context, path) {
  const page = await context.newPage();
  const consoleErrors = watchConsole(page);
  const response = await page.goto(new URL(path, server.baseURL).href, { waitUntil: 'load' });
  return { page, response, consoleErrors };
}

/** Normalised crawl key for a link, or null if it is not to be crawled. */
function crawlTarget(href, origin, seenQueryPaths) {
  let u;
  try { u = new URL(href); } catch { return null; }
  if (u.origin !== origin) return null;
  if (u.pathname.startsWith('/static/') || u.pathname.startsWith('/api/')) return null;
  u.hash = '';
  if (u.search) {
    // Links with a query string: keep only one per path.
    if (seenQueryPaths.has(u.pathname)) return null;
    seenQueryPaths.add(u.pathname);
  }
  return u.pathname + u.search;
}

describe('samla web UI (Chromium)', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    strictContext = await browser.newContext({ locale: 'nb-NO' });
    axeContext = await newAxeContext(browser, { locale: 'nb-NO' });
    strictContext.setDefaultTimeout(30_000);
    axeContext.setDefaultTimeout(30_000);
  });

  after(async () => {
    await browser?.close();
    await server?.stop(); // no-op when the last test has stopped it already
  });

  test('a) crawl: every page is 200, nb, one h1, main, skip link, title, no console errors, axe-clean', { timeout: 180_000 }, async (t) => {
    const origin = new URL(server.baseURL).origin;
    const seenQueryPaths = new Set();
    const queue = ['/'];
    const queued = new Set(queue);
    const visited = [];
    const problems = [];
    const nonHtml = [];

    // One page per context, reused for every URL (a new page per URL costs ~0.3 s).
    const page = await strictContext.newPage();
    const consoleErrors = watchConsole(page);
    const axePage = await axeContext.newPage();

    try {
      while (queue.length && visited.length < MAX_PAGES) {
        const path = queue.shift();
        const url = new URL(path, server.baseURL).href;

        // Plain HTTP check first (redirects followed), so that downloads (CSV, XLSX, ...)
        // are not opened in the browser.
        const res = await strictContext.request.get(url);
        const ctype = res.headers()['content-type'] || '';
        await res.dispose();
        if (res.status() !== 200) {
          problems.push(`${path}: HTTP ${res.status()}`);
          visited.push(path);
          continue;
        }
        if (!ctype.startsWith('text/html')) {
          nonHtml.push(`${path} (${ctype})`);
          continue;
        }
        visited.push(path);

        const pageProblems = [];
        consoleErrors.length = 0;
        try {
          const response = await page.goto(url, { waitUntil: 'load' });
          if (response.status() !== 200) pageProblems.push(`status ${response.status()} in browser`);
          const facts = await pageFacts(page);
          if (facts.lang !== 'nb') pageProblems.push(`<html lang=${JSON.stringify(facts.lang)}>, want "nb"`);
          if (facts.h1.length !== 1) pageProblems.push(`${facts.h1.length} <h1> elements, want 1 (${JSON.stringify(facts.h1)})`);
          if (facts.mainCount !== 1) pageProblems.push(`${facts.mainCount} main landmarks, want 1`);
          if (!facts.title.trim()) pageProblems.push('empty <title>');
          const skip = skipLinkProblem(await firstTabStop(page));
          if (skip) pageProblems.push(skip);

          const links = await page.$$eval('a[href]', (as) => as.filter((a) => !a.hasAttribute('download')).map((a) => a.href));
          for (const href of links) {
            const key = crawlTarget(href, origin, seenQueryPaths);
            if (key && !queued.has(key)) {
              queued.add(key);
              queue.push(key);
            }
          }
          if (consoleErrors.length) pageProblems.push(`console errors: ${consoleErrors.join(' | ')}`);

          await axePage.goto(url, { waitUntil: 'load' });
          const violations = await runAxe(axePage);
          if (violations.length) pageProblems.push(`axe: ${violations.length} violation(s):\n    ${formatViolations(violations)}`);
        } catch (e) {
          pageProblems.push(`error while checking: ${e.message.split('\n')[0]}`);
        }

        for (const p of pageProblems) problems.push(`${path}: ${p}`);
      }
    } finally {
      await page.close();
      await axePage.close();
    }

    const summary = `crawled ${visited.length} page(s)` +
      (nonHtml.length ? `; skipped ${nonHtml.length} non-HTML link(s): ${nonHtml.join(', ')}` : '') +
      `\npages: ${visited.join(' ')}`;
    t.diagnostic(`crawled ${visited.length} page(s)${nonHtml.length ? `, skipped ${nonHtml.length} non-HTML` : ''}`);
    assert.ok(visited.length >= MIN_PAGES, `only ${visited.length} distinct page(s) found, want at least ${MIN_PAGES}\n${summary}\n${problems.join('\n')}`);
    assert.deepEqual(problems, [], `${problems.length} problem(s):\n${problems.join('\n')}\n${summary}`);
  });

  test('b) front page shows the strategy in force, 2025–, with its three goals', async () => {
    const { page, response } = await open(strictContext, '/');
    try {
      assert.equal(response.status(), 200);
      const text = normText(await page.locator('body').innerText());
      const missing = [FRONT_PAGE_TEXT, ...GOALS_2025].filter((s) => !text.includes(s));
      assert.deepEqual(missing, [], `front page lacks: ${missing.map((s) => `«${s}»`).join(', ')}`);
    } finally {
      await page.close();
    }
  });

  test('c) /ministries lists the 17 current organisations in Norwegian alphabetical order', async () => {
    const { page, response } = await open(strictContext, '/ministries');
    try {
      assert.equal(response.status(), 200);
      // The first list/table in <main> that links to organisation pages holds the current ones
      // (a later list, e.g. of former ministries, is not counted).
      const names = await page.evaluate(() => {
        const main = document.querySelector('main, [role="main"]') || document.body;
        const links = [...main.querySelectorAll('a[href]')].filter((a) => {
          const p = new URL(a.href).pathname;
          return /^\/ministries\/[^/]+\/?$/.test(p);
        });
        if (!links.length) return [];
        const container = links[0].closest('ul, ol, table, dl') || main;
        const seen = new Set();
        const out = [];
        for (const a of links) {
          if (!container.contains(a)) continue;
          const p = new URL(a.href).pathname;
          if (seen.has(p)) continue;
          seen.add(p);
          out.push(a.textContent.replace(/\s+/g, ' ').trim());
        }
        return out;
      });
      assert.equal(names.length, CURRENT_ORGANISATIONS,
        `want ${CURRENT_ORGANISATIONS} organisations, found ${names.length}: ${JSON.stringify(names)}`);
      const sorted = [...names].sort(norwegianCompare);
      assert.deepEqual(names, sorted, 'organisations are not in Norwegian alphabetical order (a–z, æ, ø, å)');
    } finally {
      await page.close();
    }
  });

  test('d) the IKT measure is reachable from /measures and shows its number and title', async () => {
    const { page, response } = await open(strictContext, '/measures');
    try {
      assert.equal(response.status(), 200);
      const candidates = await page.evaluate((number) => {
        const main = document.querySelector('main, [role="main"]') || document.body;
        const num = new RegExp(`(^|[^\\d.])${number.replace('.', '\\.')}(?![\\d])`);
        return [...main.querySelectorAll('a[href]')]
          .map((a, index) => {
            const row = a.closest('li, tr, article, dt, dd, section') || a.parentElement;
            return {
              index,
              path: new URL(a.href).pathname,
              text: a.textContent.replace(/\s+/g, ' ').trim(),
              row: (row ? row.textContent : '').replace(/\s+/g, ' ').trim(),
            };
          })
          .filter((l) => /^\/measures\/[^/]+\/?$/.test(l.path))
          .map((l) => ({ ...l, numInLink: num.test(l.text), numInRow: num.test(l.row), ikt: /IKT-enheter/.test(l.row) }));
      }, DEMO.ikt);
      assert.ok(candidates.length > 0, '/measures has no links to /measures/{id}');
      const pick =
        candidates.find((c) => (c.numInLink || c.numInRow) && c.ikt) ||
        candidates.find((c) => c.numInLink) ||
        candidates.find((c) => c.numInRow && candidates.filter((d) => d.row === c.row).length === 1);
      assert.ok(pick, `no link for measure ${DEMO.ikt} on /measures; links: ${JSON.stringify(candidates.slice(0, 40).map((c) => c.text))}`);

      await Promise.all([
        page.waitForURL((u) => u.pathname === pick.path),
        page.locator('main a[href], [role="main"] a[href]').nth(pick.index).click(),
      ]);
      const h1 = normText(await page.locator('h1').first().innerText());
      const text = normText(await page.locator('main, [role="main"]').first().innerText());
      assert.ok(new RegExp(`(^|[^\\d.])${DEMO.ikt.replace('.', '\\.')}(?!\\d)`).test(text),
        `measure page ${pick.path} does not show «${DEMO.ikt}»; h1=${JSON.stringify(h1)}`);
      assert.ok(h1.includes('IKT-enheter'),
        `measure page ${pick.path}: title ${JSON.stringify(h1)} does not contain «IKT-enheter» (want «Samle departementenes IKT-enheter i én organisasjon»)`);
    } finally {
      await page.close();
    }
  });

  test('e) an unknown path gives 404 with the full layout, axe-clean', async () => {
    const { page, response } = await open(strictContext, '/finnes-ikke');
    try {
      assert.equal(response.status(), 404);
      const facts = await pageFacts(page);
      assert.equal(facts.lang, 'nb', '<html lang> on the 404 page');
      assert.equal(facts.h1.length, 1, `404 page has ${facts.h1.length} <h1> (${JSON.stringify(facts.h1)})`);
      assert.equal(facts.mainCount, 1, '404 page main landmarks');
      assert.ok(facts.title.trim(), '404 page has an empty <title>');
    } finally {
      await page.close();
    }
    const a = await open(axeContext, '/finnes-ikke');
    try {
      const violations = await runAxe(a.page);
      assert.equal(violations.length, 0, `axe on /finnes-ikke:\n    ${formatViolations(violations)}`);
    } finally {
      await a.page.close();
    }
  });

  test('f) /measures works with JavaScript disabled', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false, locale: 'nb-NO' });
    try {
      const page = await ctx.newPage();
      const response = await page.goto(new URL('/measures', server.baseURL).href);
      assert.equal(response.status(), 200);
      const links = page.locator('main a[href*="/measures/"], [role="main"] a[href*="/measures/"]');
      const n = await links.count();
      assert.ok(n >= 5, `want a list of measures (>= 5 links to /measures/{id}) without JavaScript, found ${n}`);
      assert.ok(await links.first().isVisible(), 'the first measure link is not visible without JavaScript');
    } finally {
      await ctx.close();
    }
  });

  test('g) keyboard: Tab reaches the skip link first, Enter moves focus to the main content', async () => {
    const { page } = await open(strictContext, '/');
    try {
      const tab = await firstTabStop(page);
      const problem = skipLinkProblem(tab);
      assert.equal(problem, null, problem || '');
      await page.keyboard.press('Enter');
      await page.waitForFunction((id) => location.hash === `#${id}`, tab.targetId, { timeout: 2000 })
        .catch(() => {});
      const where = () => page.evaluate((id) => {
        const target = document.getElementById(id);
        const main = document.querySelector('main, [role="main"]');
        const el = document.activeElement;
        const inside = (c) => !!c && !!el && (el === c || c.contains(el));
        const after = !!el && !!target && el !== document.body &&
          !!(target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
        return {
          hash: location.hash,
          active: el ? `<${el.tagName.toLowerCase()}${el.id ? ` id=${el.id}` : ''}> ${el.textContent.replace(/\s+/g, ' ').trim().slice(0, 60)}` : null,
          atTarget: inside(target) || inside(main),
          afterTarget: after,
        };
      }, tab.targetId);
      const w1 = await where();
      if (w1.atTarget) return; // focus moved onto (or into) the main content
      // Target not focusable itself: the next Tab must land in/after the target, not back in the header.
      await page.keyboard.press('Tab');
      const w2 = await where();
      assert.ok(w2.atTarget || w2.afterTarget,
        `after Enter on the skip link (hash ${JSON.stringify(w1.hash)}, focus ${w1.active}), ` +
        `the next Tab went to ${w2.active}, which is before #${tab.targetId}`);
    } finally {
      await page.close();
    }
  });

  test('h) the server exits with code 0 on SIGTERM', async () => {
    await browser.close(); // closes the browser's connections first
    browser = null;
    await server.stop(); // throws unless samla exited with code 0 within 10 s
  });
});
