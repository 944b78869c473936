// Browser tests of attachments on a record page: upload through the form,
// the list, download, refusals, delete, and access (KD's case officer may
// not see the restricted measure (DEMO.restricted), which DFD owns and has shared with BFD: not the page,
// not the attachment by its URL).  Every page shown is checked for layout
// and with axe-core (WCAG 2.1 A/AA).
// Run: node --test --test-concurrency=1 tests/e2e/

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  REPO_ROOT, startServer, launchBrowser, runAxe, formatViolations, clickAndLoad, layoutProblems, sessionPool,
  DEMO,
} from './helpers.mjs';

const PASSWORD = 'samla-demo';
const FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures', 'attach');
const NAME = 'Referat fra arbeidsgruppen æøå.pdf';

let server;
let browser;
let pool;
const url = (p) => new URL(p, server.baseURL).href;

/** The path of measure `number` of 2021–2025, read from the API as the viewer of `page`. */
async function measurePath(page, number) {
  const res = await page.request.get(url(`/api/v1/measures?strategy=${DEMO.period}`));
  assert.equal(res.status(), 200);
  const m = (await res.json()).items.find((x) => x.number === number);
  assert.ok(m, `no measure ${number}`);
  return `/measures/${m.id}`;
}

/**
 * Layout and axe problems of the page now shown, checked again in an axe
 * context of the same user.  Loaded again without its #fragment first: the
 * browser starts Tab at a fragment's target, and the skip-link check wants
 * the first Tab stop of a fresh load.
 */
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

describe('samla attachments (Chromium)', () => {
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

  test('BFD attaches a PDF to the restricted measure, downloads it, KD sees nothing, a mislabelled file is refused, BFD deletes it', { timeout: 120_000 }, async () => {
    const pdf = await readFile(path.join(FIXTURES, 'sample.pdf'));
    const { page } = await pool.session('sb.bfd');
    const p34 = await measurePath(page, DEMO.restricted);
    await page.goto(url(p34), { waitUntil: 'load' });
    const section = page.locator('section#vedlegg');
    assert.equal(await section.getByRole('heading', { name: 'Vedlegg', exact: true }).count(), 1);

    // Upload through the form.
    await section.getByLabel('Last opp et vedlegg', { exact: true }).setInputFiles({
      name: NAME, mimeType: 'application/pdf', buffer: pdf,
    });
    const { first, last } = await clickAndLoad(page, section.getByRole('button', { name: 'Last opp', exact: true }));
    assert.equal(first.status(), 303);
    assert.equal(last.status(), 200);
    assert.equal(new URL(page.url()).pathname, p34);
    assert.match(await page.locator('main [role="status"]').innerText(), /Vedlegget er lastet opp\./);
    const link = page.locator('section#vedlegg table').getByRole('link', { name: NAME, exact: true });
    assert.equal(await link.count(), 1);
    assert.deepEqual(await pageProblems(page, 'sb.bfd'), []);

    // Download: the bytes, the type from the content, the name in UTF-8.
    const href = await link.getAttribute('href');
    assert.match(href, /^\/attachments\/\d+$/);
    const dl = await page.request.get(url(href));
    assert.equal(dl.status(), 200);
    assert.equal(dl.headers()['content-type'], 'application/pdf');
    assert.equal(dl.headers()['x-content-type-options'], 'nosniff');
    assert.match(dl.headers()['content-disposition'],
      /^attachment; filename="Referat fra arbeidsgruppen ___\.pdf"; filename\*=UTF-8''Referat%20fra%20arbeidsgruppen%20%C3%A6%C3%B8%C3%A5\.pdf$/);
    assert.ok(Buffer.from(await dl.body()).equals(pdf), 'the download is the uploaded file');

    // KD's case officer: neither the measure nor the attachment, also not by its URL.
    await pool.withNewSession('sb.kd', async (kd) => {
      assert.equal((await kd.goto(url(p34), { waitUntil: 'load' })).status(), 404);
      const missing = await kd.request.get(url('/attachments/999999'));
      const hidden = await kd.request.get(url(href));
      assert.equal(hidden.status(), 404);
      assert.equal(missing.status(), 404);
      const id = p34.split('/').pop();
      assert.equal((await kd.request.get(url(`/api/v1/records/${id}/attachments`))).status(), 404);
    });

    // An executable named .pdf: refused in Norwegian, with the form again; nothing new in the list.
    await page.goto(url(p34), { waitUntil: 'load' });
    await page.locator('section#vedlegg').getByLabel('Last opp et vedlegg', { exact: true }).setInputFiles({
      name: 'report.pdf', mimeType: 'application/pdf', buffer: await readFile(path.join(FIXTURES, 'exit0.elf')),
    });
    const refused = await clickAndLoad(page, page.locator('section#vedlegg').getByRole('button', { name: 'Last opp', exact: true }));
    assert.equal(refused.last.status(), 415);
    assert.match(await page.locator('main').innerText(), /Denne filtypen er ikke tillatt som vedlegg\./);
    assert.equal(await page.getByLabel('Last opp et vedlegg', { exact: true }).getAttribute('aria-invalid'), 'true');
    const errorLayout = await layoutProblems(page);
    assert.deepEqual(errorLayout, []);

    // Delete, after the confirmation.
    await page.goto(url(p34), { waitUntil: 'load' });
    const row = page.locator('section#vedlegg tr', { hasText: NAME });
    await row.locator('summary').click();
    const del = await clickAndLoad(page, row.getByRole('button', { name: `Slett «${NAME}»`, exact: true }));
    assert.equal(del.first.status(), 303);
    assert.match(await page.locator('main [role="status"]').innerText(), /Vedlegget er slettet\./);
    assert.equal(await page.locator('section#vedlegg').getByRole('link', { name: NAME, exact: true }).count(), 0);
    assert.equal((await page.request.get(url(href))).status(), 404);
  });
});
