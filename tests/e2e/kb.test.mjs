// Browser test of knowledge articles and search (issue 13): KD's case
// officer writes an article in the community-wide knowledge base, edits it
// twice, compares the first and the last version, restores the first, and
// finds it through the search box in the header with another form of a
// word in it. Two people editing at once: the second save is refused with
// the other's text shown and the refused text kept in the form. Every page
// on the way is checked with axe-core (WCAG 2.1 A/AA) in bokmål, nynorsk
// and English.
// Run: node --test tests/e2e/kb.test.mjs

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, runAxe, formatViolations, normText, clickAndLoad, sessionPool } from './helpers.mjs';

const PASSWORD = 'samla-demo';
const TITLE = 'Kvalitet i skolefritidsordningen';
const V1 = 'Skolefritidsordningene gir barna en trygg ettermiddag.';
const V2 = 'Kommunene har ulike modeller for skolefritidsordningen.';
const V3 = 'Foreldrebetalingen varierer mye mellom kommunene.';

let server;
let browser;
let pool;
const url = (p) => new URL(p, server.baseURL).href;
const s = {};

/** axe on the page now shown, in bokmål, nynorsk and English (the language cookie), back in bokmål after. */
async function axeInAllLanguages(page, what) {
  for (const lang of ['nb', 'nn', 'en']) {
    await page.context().addCookies([{ name: 'samla_lang', value: lang, url: server.baseURL }]);
    await page.reload({ waitUntil: 'load' });
    const v = await runAxe(page);
    assert.equal(v.length, 0, `axe on ${what} (${lang}):\n    ${formatViolations(v)}`);
  }
  await page.context().addCookies([{ name: 'samla_lang', value: 'nb', url: server.baseURL }]);
  await page.reload({ waitUntil: 'load' });
}

async function saveBody(page, text) {
  await clickAndLoad(page, page.locator('main').getByRole('link', { name: 'Rediger', exact: true }));
  await page.getByLabel('Tekst', { exact: true }).fill(text);
  const res = await clickAndLoad(page, page.locator('main').getByRole('button', { name: 'Lagre', exact: true }));
  assert.equal(res.first.status(), 303, 'saving the article');
}

describe('knowledge articles and search (Chromium)', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    pool = sessionPool(server.baseURL, browser, PASSWORD);
    s.kd = (await pool.newSession('sb.kd', { axe: true })).page;
  });
  after(async () => {
    await pool?.closeAll();
    await browser?.close();
    await server?.stop();
  });

  test('the knowledge bases and a new article', async () => {
    const page = s.kd;
    await page.goto(url('/kb'));
    await axeInAllLanguages(page, '/kb');
    await clickAndLoad(page, page.locator('main').getByRole('link', { name: 'Ny artikkel', exact: true }));
    await axeInAllLanguages(page, '/kb/new');
    await page.getByLabel('Tittel', { exact: true }).fill(TITLE);
    await page.getByLabel('Tekst', { exact: true }).fill(V1);
    await page.getByLabel('Stikkord', { exact: true }).fill('oppvekst, skole');
    const res = await clickAndLoad(page, page.locator('main').getByRole('button', { name: 'Lagre', exact: true }));
    assert.equal(res.first.status(), 303);
    assert.match(new URL(page.url()).pathname, /^\/articles\/\d+$/);
    s.article = new URL(page.url()).pathname;
    assert.equal(normText(await page.locator('h1').innerText()), TITLE);
    assert.match(normText(await page.locator('main').innerText()), /Skolefritidsordningene gir barna/);
    await axeInAllLanguages(page, 'the article');
  });

  test('edited twice, compared, and the first version restored', async () => {
    const page = s.kd;
    await saveBody(page, V2);
    await axeInAllLanguages(page, 'the edit form');
    await saveBody(page, V3);
    await clickAndLoad(page, page.locator('main').getByRole('link', { name: 'Historikk', exact: true }));
    await axeInAllLanguages(page, 'the history');
    await page.getByLabel('Fra', { exact: true }).selectOption('1');
    await page.getByLabel('Til', { exact: true }).selectOption('3');
    await clickAndLoad(page, page.locator('main').getByRole('button', { name: 'Vis endringene', exact: true }));
    assert.equal(normText(await page.locator('main del').first().innerText()), `Fjernet: ${V1}`);
    assert.equal(normText(await page.locator('main ins').first().innerText()), `Lagt til: ${V3}`);
    await axeInAllLanguages(page, 'the diff');
    await page.goto(url(`${s.article}/history`));
    await clickAndLoad(page, page.locator('main').getByRole('button', { name: 'Gjenopprett versjon 1', exact: true }));
    assert.equal(new URL(page.url()).pathname, s.article);
    const text = normText(await page.locator('main').innerText());
    assert.match(text, /Den tidligere versjonen er gjenopprettet/);
    assert.match(text, /Skolefritidsordningene gir barna en trygg ettermiddag/);
    assert.doesNotMatch(text, /Foreldrebetalingen/);
    assert.match(text, /Versjon 4/);
  });

  test('found through the header search with another word form', async () => {
    const page = s.kd;
    await page.goto(url('/'));
    await page.getByLabel('Søk i samla', { exact: true }).fill('skolefritidsordning');
    await clickAndLoad(page, page.locator('header').getByRole('button', { name: 'Søk', exact: true }));
    assert.equal(new URL(page.url()).pathname, '/search');
    const hit = page.locator('main .search-hits').getByRole('link', { name: TITLE, exact: true });
    assert.equal(await hit.count(), 1, 'the article among the hits');
    assert.match(normText(await page.locator('main .search-hits mark').first().innerText()), /^skolefritidsordning/i);
    await axeInAllLanguages(page, 'the search results');
    await page.goto(url('/search/suggest?q=kvalitet+i+skolefri'));
    assert.equal(await page.locator('main').getByRole('link', { name: TITLE, exact: true }).count(), 1);
    await axeInAllLanguages(page, 'the suggestions');
    await page.goto(url('/search?q=skolefritidsordning'));
    await clickAndLoad(page, page.locator('main .search-hits').getByRole('link', { name: TITLE, exact: true }));
    assert.equal(new URL(page.url()).pathname, s.article);
  });

  test('two people edit at once: the second save is refused, nothing lost', async () => {
    const other = (await pool.newSession('sb.bfd', { axe: true })).page;
    await s.kd.goto(url(`${s.article}/edit`));
    await other.goto(url(`${s.article}/edit`));
    await s.kd.getByLabel('Tekst', { exact: true }).fill('Først lagret tekst.');
    await clickAndLoad(s.kd, s.kd.locator('main').getByRole('button', { name: 'Lagre', exact: true }));
    await other.getByLabel('Tekst', { exact: true }).fill('Min tekst som ikke må forsvinne.');
    const res = await clickAndLoad(other, other.locator('main').getByRole('button', { name: 'Lagre', exact: true }));
    assert.equal(res.first.status(), 409);
    const main = normText(await other.locator('main').innerText());
    assert.match(main, /Noen andre har lagret artikkelen/);
    assert.match(main, /Først lagret tekst\./);
    assert.equal(await other.getByLabel('Tekst', { exact: true }).inputValue(), 'Min tekst som ikke må forsvinne.');
    await axeInAllLanguages(other, 'the refused save');
    await clickAndLoad(other, other.locator('main').getByRole('button', { name: 'Lagre', exact: true }));
    assert.equal(new URL(other.url()).pathname, s.article, 'saving again after seeing the other text');
  });
});
