// Browser tests of comments, mentions, «Varsler» and links on record pages.
// The restricted measure of the period in force (DEMO.restricted) is DFD's
// and shared with BFD: BFD's case officer comments on it mentioning the
// secretariat, who finds the mention under «Varsler» (with the unread count
// in the header) and follows it to the comment; KD's case officer sees
// neither the comment nor a count.  The secretariat links a public measure
// to it: those who may not read the restricted one see no trace of the
// link.  Every page shown is checked for layout and with
// axe-core (WCAG 2.1 A/AA).
// Run: node --test --test-concurrency=1 tests/e2e/

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, runAxe, formatViolations, clickAndLoad, layoutProblems, sessionPool, DEMO,
} from './helpers.mjs';

const PASSWORD = 'samla-demo';
const TEXT = 'Kan @sekretariat se på fristen for utredningen?';

let server;
let browser;
let pool;
const url = (p) => new URL(p, server.baseURL).href;

/** Measure `number` of the period in force as the viewer of `page` sees it: { path, title }. */
async function measure(page, number) {
  const res = await page.request.get(url(`/api/v1/measures?strategy=${DEMO.period}`));
  assert.equal(res.status(), 200);
  const m = (await res.json()).items.find((x) => x.number === number);
  assert.ok(m, `no measure ${number}`);
  return { path: `/measures/${m.id}`, id: m.id, title: m.title };
}

/** Layout and axe problems of the page now shown (loaded again without its #fragment). */
async function pageProblems(page, user) {
  const u = new URL(page.url());
  if (u.hash) {
    u.hash = '';
    await page.goto(u.href, { waitUntil: 'load' });
  }
  const problems = await layoutProblems(page);
  await pool.withNewSession(user, async (axePage) => {
    const res = await axePage.goto(page.url(), { waitUntil: 'load' });
    if (res.status() >= 500) problems.push(`status ${res.status()} in the axe context`);
    const v = await runAxe(axePage);
    if (v.length) problems.push(`axe: ${formatViolations(v)}`);
  }, { axe: true });
  return problems;
}

/** The header's «Varsler» link of the page now shown. */
const notificationsLink = (page) => page.locator('header a[href="/notifications"]');

describe('samla comments, mentions and links (Chromium)', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    pool = sessionPool(server.baseURL, browser, PASSWORD);
  });

  after(async () => {
    await pool?.closeAll();
    await browser?.close();
    await server?.stop();
  });

  test('BFD comments on the restricted measure mentioning the secretariat, who finds it under «Varsler»; KD sees nothing', { timeout: 120_000 }, async () => {
    const { page } = await pool.session('sb.bfd');
    const m34 = await measure(page, DEMO.restricted);
    await page.goto(url(m34.path), { waitUntil: 'load' });
    const section = page.locator('section#comments');
    assert.equal(await section.getByRole('heading', { name: 'Kommentarer', exact: true }).count(), 1);
    await section.getByLabel('Ny kommentar', { exact: true }).fill(TEXT);
    const { first, last } = await clickAndLoad(page, section.getByRole('button', { name: 'Publiser kommentaren', exact: true }));
    assert.equal(first.status(), 303);
    assert.equal(last.status(), 200);
    const landed = new URL(page.url());
    assert.equal(landed.pathname, m34.path);
    assert.match(landed.hash, /^#comment-\d+$/);
    assert.match(await page.locator('section#comments [role="status"]').innerText(), /Kommentaren er publisert\./);
    assert.match(await page.locator(landed.hash).innerText(), /Kan @sekretariat se på fristen/);
    assert.deepEqual(await pageProblems(page, 'sb.bfd'), []);

    // The secretariat: the count in the header, the list, the way to the comment.
    const sek = (await pool.session('sekretariat')).page;
    await sek.goto(url('/'), { waitUntil: 'load' });
    assert.equal(await notificationsLink(sek).locator('.ds-badge').getAttribute('data-count'), '1');
    assert.match(await notificationsLink(sek).innerText(), /Varsler/);
    await clickAndLoad(sek, notificationsLink(sek));
    assert.equal(new URL(sek.url()).pathname, '/notifications');
    const row = sek.locator('main tbody tr').first();
    assert.match(await row.innerText(), /Nevnte deg i en kommentar/);
    assert.match(await row.innerText(), /Bjørn Berg/);
    assert.deepEqual(await pageProblems(sek, 'sekretariat'), []);
    // Loaded afresh: the layout check leaves the skip link focused, and a click
    // that takes the focus from it moves the page under the pointer.
    await sek.goto(url('/notifications'), { waitUntil: 'load' });
    await clickAndLoad(sek, row.getByRole('link', { name: m34.title, exact: true }));
    assert.equal(new URL(sek.url()).pathname, m34.path);
    assert.equal(new URL(sek.url()).hash, landed.hash);
    await sek.goto(url('/notifications'), { waitUntil: 'load' });
    await clickAndLoad(sek, sek.locator('main').getByRole('button', { name: 'Merk alle som lest', exact: true }));
    assert.match(await sek.locator('main [role="status"]').innerText(), /Varslene er merket som lest\./);
    assert.equal(await notificationsLink(sek).locator('.ds-badge').count(), 0);

    // KD's case officer: not the measure, not its comments, no count.
    await pool.withNewSession('sb.kd', async (kd) => {
      assert.equal((await kd.goto(url(m34.path), { waitUntil: 'load' })).status(), 404);
      assert.equal((await kd.request.get(url(`/api/v1/records/${m34.id}/comments`))).status(), 404);
      await kd.goto(url('/notifications'), { waitUntil: 'load' });
      assert.match(await kd.locator('main').innerText(), /Du har ingen uleste varsler\./);
      assert.equal(await notificationsLink(kd).locator('.ds-badge').count(), 0);
    });

    // BFD deletes the comment: the text goes, the place stays.
    await page.goto(url(m34.path), { waitUntil: 'load' });
    const item = page.locator(landed.hash);
    await item.locator('summary').click();
    const del = await clickAndLoad(page, item.getByRole('button', { name: 'Slett kommentaren', exact: true }));
    assert.equal(del.first.status(), 303);
    assert.match(await page.locator(landed.hash).innerText(), /Kommentaren er slettet/);
    assert.doesNotMatch(await page.locator('main').innerText(), /Kan @sekretariat se på fristen/);
  });

  test('a link from a public measure to the restricted one shows on both ends for readers and nowhere for others', { timeout: 120_000 }, async () => {
    const sek = (await pool.session('sekretariat')).page;
    const m11 = await measure(sek, DEMO.fresh[0]);   // public, linked to nothing yet
    const m34 = await measure(sek, DEMO.restricted);
    await sek.goto(url(m11.path), { waitUntil: 'load' });
    const section = sek.locator('section#links');
    await section.locator('summary').click();
    await section.getByLabel('Denne posten', { exact: true }).selectOption('relates_to');
    await section.getByLabel('Post', { exact: true }).fill(m34.path);
    const { first } = await clickAndLoad(sek, section.getByRole('button', { name: 'Legg til koblingen', exact: true }));
    assert.equal(first.status(), 303);
    assert.match(await sek.locator('section#links [role="status"]').innerText(), /Koblingen er lagt til\./);
    assert.equal(await sek.locator('section#links table').getByRole('link', { name: m34.title, exact: true }).count(), 1);
    assert.deepEqual(await pageProblems(sek, 'sekretariat'), []);

    // The other end, for a reader of both.
    const bfd = (await pool.session('sb.bfd')).page;
    await bfd.goto(url(m34.path), { waitUntil: 'load' });
    const back = bfd.locator('section#links tr', { hasText: m11.title });
    assert.match(await back.innerText(), /Henger sammen med/);

    // The public and KD's case officer: no section, no title, no count.
    for (const who of [null, 'sb.kd']) {
      await pool.withNewSession(who, async (p) => {
        await p.goto(url(m11.path), { waitUntil: 'load' });
        assert.equal(await p.locator('section#links').count(), 0, `${who || 'the public'} sees a links section`);
        assert.doesNotMatch(await p.locator('main').innerText(), new RegExp(m34.title));
        const api = await (await p.request.get(url(`/api/v1/records/${m11.id}/links`))).json();
        assert.equal(api.count, 0);
      });
    }
  });
});
