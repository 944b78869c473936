// Browser tests of samla in its three languages: bokmål (the default),
// nynorsk and English.
// Run: node --test --test-concurrency=1 tests/e2e/i18n.test.mjs
//
// a) every page the public crawl reaches is in the chosen language and
//    axe-clean in nynorsk and in English, and so are the signed-in pages;
// b) the switch in the header changes the whole page to nynorsk, the choice
//    stays on the next page and after signing in;
// c) a signed-in user's choice is kept in their settings: a new browser
//    without the cookie gets it after signing in;
// d) Accept-Language decides when nothing is chosen, and the public cache
//    keeps one copy per language.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer,
  launchBrowser,
  newAxeContext,
  runAxe,
  formatViolations,
  httpGet,
  clickAndLoad,
  pageFacts,
} from './helpers.mjs';

const PASSWORD = 'samla-demo';
const MAX_PAGES = 120;
const MIN_PAGES = 20;

// Words of the interface that are bokmål and differ in nynorsk; none may be
// left on a nynorsk page outside text marked lang="nb" (the strategy's own
// Norwegian text) and outside what people wrote (descriptions, comments).
const BOKMAL_ONLY = [
  /\bIkke\b/, /\bikke\b/, /\bForside\b/, /\bforsiden\b/, /\bStrategier\b/, /\bDepartementer\b/,
  /\bHopp til hovedinnhold\b/, /\bHovedmeny\b/, /\bFremdrift\b/, /\bfremdrift\b/, /\bHvem\b/, /\bhvem\b/,
  /\bnoe\b/, /\bNoe\b/, /\bMålområder\b/, /\bStrategiperioder\b/, /\bUtgaver\b/, /\bEndringer\b/,
  /\bBrukere\b/, /\bBeskrivelse\b/, /\bAnsvarlig\b/, /\bansvarlig\b/, /\bLes mer\b/, /\bSe alle\b/,
];

// Where the interface speaks (not the strategy's or the users' own text).
const CHROME = 'header, nav, footer, h1, h2, h3, label, legend, th, caption, dt, button, .ds-alert, .eyebrow, title';

let server;
let browser;

/** A browser context with samla's language cookie set (null: none). */
async function langContext(lang, { axe = false, locale = 'nb-NO' } = {}) {
  const options = { locale, baseURL: server.baseURL };
  const ctx = axe ? await newAxeContext(browser, options) : await browser.newContext(options);
  ctx.setDefaultTimeout(30_000);
  if (lang) {
    const { hostname } = new URL(server.baseURL);
    await ctx.addCookies([{ name: 'samla_lang', value: lang, domain: hostname, path: '/' }]);
  }
  return ctx;
}

/** Sign in on the /login form, whatever its language (fields by id). */
async function signIn(page, username) {
  await page.goto('/login', { waitUntil: 'load' });
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  const res = await clickAndLoad(page, page.locator('main button[type="submit"]'));
  assert.ok(res.first.status() >= 300 && res.first.status() < 400, `signing in as ${username}: ${res.first.status()}`);
}

/** Bokmål-only interface words on the page, outside lang="nb" text. */
function bokmalLeft(page) {
  return page.evaluate(({ selector, patterns }) => {
    const res = patterns.map((p) => new RegExp(p));
    const found = new Set();
    for (const el of document.querySelectorAll(selector)) {
      if (el.closest('[lang="nb"]') && el.closest('[lang="nb"]') !== document.documentElement) continue;
      // Text of el without the parts marked lang="nb".
      const clone = el.cloneNode(true);
      for (const nb of clone.querySelectorAll('[lang="nb"]')) nb.remove();
      const text = clone.textContent.replace(/\s+/g, ' ');
      for (const re of res) {
        const m = text.match(re);
        if (m) found.add(`«${m[0]}» in <${el.tagName.toLowerCase()}> ${JSON.stringify(text.trim().slice(0, 80))}`);
      }
    }
    return [...found];
  }, { selector: CHROME, patterns: BOKMAL_ONLY.map((r) => r.source) });
}

/** Normalised crawl key for a link, or null if it is not to be crawled. */
function crawlTarget(href, origin, seenQueryPaths) {
  let u;
  try { u = new URL(href); } catch { return null; }
  if (u.origin !== origin) return null;
  if (u.pathname.startsWith('/static/') || u.pathname.startsWith('/api/')) return null;
  u.hash = '';
  if (u.search) {
    if (seenQueryPaths.has(u.pathname)) return null;
    seenQueryPaths.add(u.pathname);
  }
  return u.pathname + u.search;
}

/** Crawl from start in ctx (one page, reused): lang, axe, and for nynorsk
 * no bokmål-only interface words.  Returns { visited, problems }. */
async function crawl(ctx, lang, start) {
  const origin = new URL(server.baseURL).origin;
  const seenQueryPaths = new Set();
  const queue = [...start];
  const queued = new Set(queue);
  const visited = [];
  const problems = [];
  const page = await ctx.newPage();
  try {
    while (queue.length && visited.length < MAX_PAGES) {
      const path = queue.shift();
      const res = await ctx.request.get(new URL(path, origin).href);
      const ctype = res.headers()['content-type'] || '';
      const status = res.status();
      await res.dispose();
      if (status !== 200) {
        problems.push(`${path}: HTTP ${status}`);
        continue;
      }
      if (!ctype.startsWith('text/html')) continue;
      visited.push(path);
      try {
        await page.goto(new URL(path, origin).href, { waitUntil: 'load' });
        const facts = await pageFacts(page);
        if (facts.lang !== lang) problems.push(`${path}: <html lang=${JSON.stringify(facts.lang)}>, want "${lang}"`);
        if (lang === 'nn') {
          for (const w of await bokmalLeft(page)) problems.push(`${path}: bokmål left: ${w}`);
        }
        const links = await page.$$eval('a[href]', (as) => as.filter((a) => !a.hasAttribute('download')).map((a) => a.href));
        for (const href of links) {
          const key = crawlTarget(href, origin, seenQueryPaths);
          if (key && !queued.has(key)) {
            queued.add(key);
            queue.push(key);
          }
        }
        const violations = await runAxe(page);
        if (violations.length) problems.push(`${path}: axe: ${violations.length} violation(s):\n    ${formatViolations(violations)}`);
      } catch (e) {
        problems.push(`${path}: error while checking: ${e.message.split('\n')[0]}`);
      }
    }
  } finally {
    await page.close();
  }
  return { visited, problems };
}

describe('samla in bokmål, nynorsk and English (Chromium)', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const lang of ['nn', 'en']) {
    test(`a) ${lang}: every page of the public crawl is in ${lang} and axe-clean`, { timeout: 240_000 }, async (t) => {
      const ctx = await langContext(lang, { axe: true });
      try {
        const { visited, problems } = await crawl(ctx, lang, ['/']);
        t.diagnostic(`crawled ${visited.length} page(s) in ${lang}`);
        assert.ok(visited.length >= MIN_PAGES, `only ${visited.length} page(s) found`);
        assert.deepEqual(problems, [], `${problems.length} problem(s):\n${problems.join('\n')}`);
      } finally {
        await ctx.close();
      }
    });
  }

  test('a) nn and en: signed-in pages (secretariat and admin) are in the language and axe-clean', { timeout: 180_000 }, async () => {
    const pages = {
      sekretariat: ['/account', '/rounds', '/rounds/new', '/measures/new', '/measures/4/edit', '/measures/4/history',
        '/measures/4/access', '/measures/import', '/measures/export', '/editions/new', '/notifications', '/measures/4',
        '/measures/carry-over'],
      admin: ['/admin', '/admin/users', '/admin/users/new', '/admin/users/1', '/admin/statuses', '/admin/audit'],
    };
    const problems = [];
    for (const lang of ['nn', 'en']) {
      for (const [user, paths] of Object.entries(pages)) {
        const ctx = await langContext(lang, { axe: true });
        try {
          const page = await ctx.newPage();
          await signIn(page, user);
          for (const path of paths) {
            const response = await page.goto(path, { waitUntil: 'load' });
            if (response.status() !== 200) problems.push(`${lang} ${user} ${path}: HTTP ${response.status()}`);
            const facts = await pageFacts(page);
            if (facts.lang !== lang) problems.push(`${lang} ${user} ${path}: <html lang=${JSON.stringify(facts.lang)}>`);
            if (lang === 'nn') {
              for (const w of await bokmalLeft(page)) problems.push(`${lang} ${user} ${path}: bokmål left: ${w}`);
            }
            const violations = await runAxe(page);
            if (violations.length) problems.push(`${lang} ${user} ${path}: axe:\n    ${formatViolations(violations)}`);
          }
        } finally {
          await ctx.close();
        }
      }
    }
    assert.deepEqual(problems, [], `${problems.length} problem(s):\n${problems.join('\n')}`);
  });

  test('b) the header switch makes the whole page nynorsk; it stays on the next page and after signing in', { timeout: 60_000 }, async () => {
    const ctx = await langContext(null);
    try {
      const page = await ctx.newPage();
      await page.goto('/measures', { waitUntil: 'load' });
      assert.equal((await pageFacts(page)).lang, 'nb', 'bokmål before any choice');
      const menuNb = await page.locator('header nav').innerText();
      assert.match(menuNb, /Forside/);
      assert.match(menuNb, /Departementer/);

      // The switch: the other languages are buttons named in their own language.
      const nn = page.locator('header form.lang-switch button[lang="nn"]');
      assert.equal(await nn.innerText(), 'Nynorsk');
      await clickAndLoad(page, nn);
      assert.equal(new URL(page.url()).pathname, '/measures', 'back on the same page');
      const facts = await pageFacts(page);
      assert.equal(facts.lang, 'nn');
      assert.deepEqual(facts.h1, ['Tiltak']);
      const menu = await page.locator('header nav').innerText();
      for (const want of ['Framside', 'Tiltak', 'Tiltaksoversikt', 'Strategiar', 'Departementa']) {
        assert.ok(menu.includes(want), `menu ${JSON.stringify(menu)} lacks «${want}»`);
      }
      assert.match(await page.locator('main').innerText(), /Alle departement\b/);
      assert.deepEqual(await bokmalLeft(page), []);
      assert.equal(await page.locator('header [aria-current="true"][lang="nn"]').innerText(), 'Nynorsk');

      // The next page, reached by the menu.
      await clickAndLoad(page, page.locator('header nav a', { hasText: 'Departementa' }));
      assert.equal((await pageFacts(page)).lang, 'nn');
      assert.deepEqual((await pageFacts(page)).h1, ['Departementa']);
      assert.deepEqual(await bokmalLeft(page), []);

      // Signing in keeps it (the form, its labels and the page after it).
      await page.goto('/login', { waitUntil: 'load' });
      assert.equal((await pageFacts(page)).lang, 'nn');
      assert.ok(await page.getByLabel('Brukarnamn', { exact: true }).isVisible(), 'the sign-in form in nynorsk');
      await signIn(page, 'sb.kd');
      await page.goto('/account', { waitUntil: 'load' });
      const after = await pageFacts(page);
      assert.equal(after.lang, 'nn');
      assert.deepEqual(after.h1, ['Mi side']);
      assert.match(await page.locator('header').innerText(), /Logg ut/);
      assert.deepEqual(await bokmalLeft(page), []);

      // And back to bokmål with the switch.
      await clickAndLoad(page, page.locator('header form.lang-switch button[lang="nb"]'));
      assert.equal((await pageFacts(page)).lang, 'nb');
      assert.deepEqual((await pageFacts(page)).h1, ['Min side']);
    } finally {
      await ctx.close();
    }
  });

  test('c) a signed-in choice is kept in the user\'s settings', { timeout: 60_000 }, async () => {
    let ctx = await langContext(null);
    try {
      const page = await ctx.newPage();
      await signIn(page, 'sb.bfd');
      await page.goto('/measures', { waitUntil: 'load' });
      await clickAndLoad(page, page.locator('header form.lang-switch button[lang="en"]'));
      assert.equal((await pageFacts(page)).lang, 'en');
      assert.deepEqual((await pageFacts(page)).h1, ['Measures']);
    } finally {
      await ctx.close();
    }
    // A browser that never chose: the user's setting after signing in.
    ctx = await langContext(null);
    try {
      const page = await ctx.newPage();
      await page.goto('/', { waitUntil: 'load' });
      assert.equal((await pageFacts(page)).lang, 'nb', 'anonymous: bokmål');
      await signIn(page, 'sb.bfd');
      await page.goto('/rounds', { waitUntil: 'load' });
      const facts = await pageFacts(page);
      assert.equal(facts.lang, 'en');
      assert.deepEqual(facts.h1, ['Reporting']);
    } finally {
      await ctx.close();
    }
  });

  test('d) Accept-Language decides without a choice; the public cache keeps one copy per language', async () => {
    const langOf = (body) => (body.match(/<html lang="([a-z]+)"/) || [])[1];
    const ask = (headers) => httpGet(new URL('/ministries', server.baseURL).href, { headers });
    for (let round = 0; round < 2; round++) {   // the second round is answered from the cache
      const nb = await ask({});
      const nn = await ask({ 'Accept-Language': 'nn-NO,nn;q=0.9' });
      const en = await ask({ 'Accept-Language': 'en-GB,en;q=0.8' });
      const no = await ask({ 'Accept-Language': 'no' });
      const cookie = await ask({ 'Accept-Language': 'en', Cookie: 'samla_lang=nn' });
      assert.equal(langOf(nb.body), 'nb');
      assert.equal(langOf(nn.body), 'nn');
      assert.equal(langOf(en.body), 'en');
      assert.equal(langOf(no.body), 'nb');
      assert.equal(langOf(cookie.body), 'nn', 'the cookie before Accept-Language');
      assert.match(en.body, /<h1[^>]*>The ministries<\/h1>/);
      assert.match(nn.body, /<h1[^>]*>Departementa<\/h1>/);
      assert.match(nb.body, /<h1[^>]*>Departementene<\/h1>/);
      assert.match(nb.headers.vary || '', /Accept-Language/);
    }
    const bad = await ask({ Cookie: 'samla_lang=xx', 'Accept-Language': 'en' });
    assert.equal(langOf(bad.body), 'en', 'an unknown cookie value is ignored');
    const missing = await httpGet(new URL('/finnes-ikke', server.baseURL).href, { headers: { Cookie: 'samla_lang=nn' } });
    assert.equal(missing.status, 404);
    assert.equal(langOf(missing.body), 'nn', 'error pages too');
    assert.match(missing.body, /Fann ikkje sida/);
  });
});
