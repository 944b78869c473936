// Browser test of the key-figures issue's acceptance criteria («Key figures,
// measurement of shared services, and knowledge about the community»), on
// the demo's figures (src/db/demo/figures.sql):
//  1. the secretariat imports a JSON-stat file with a new year (2026) of
//     employees, sees the preview, applies it, and the public «Fakta om
//     departementene» chart, its table and its CSV and JSON-stat show 2026;
//  2. importing the same file again changes nothing;
//  3. an import with errors reports every one and writes nothing;
//  4. FIN's resource figures for ICT operations, marked internal, are not
//     on the public pages or in their downloads (nor in the public median),
//     while a signed-in employee sees them;
//  5. every page of the domain is axe-clean in bokmål, nynorsk and English,
//     with its charts and tables, and fits a 390 px phone.
// Run: node --test tests/e2e/figures.test.mjs

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFile } from 'node:fs/promises';
import {
  startServer, launchBrowser, runAxe, formatViolations, normText, clickAndLoad, sessionPool, newAxeContext, signIn,
  httpGet, REPO_ROOT, SAMLA_BIN,
} from './helpers.mjs';

const execFileP = promisify(execFile);

const PASSWORD = 'samla-demo';
const FIXTURE = path.join(REPO_ROOT, 'tests', 'fixtures', 'figures', 'ansatte-2026.json');
const BAD = path.join(REPO_ROOT, 'tests', 'fixtures', 'figures', 'errors.json');
const COMMUNITY_2026 = 4662;    // the fixture's value for the whole community
const KD_2026 = 342;            // … and for KD

let server;
let browser;
let pool;
const url = (p) => new URL(p, server.baseURL).href;
const pathOf = (u) => new URL(u).pathname;
const s = {};

async function assertAxeClean(page, what) {
  const v = await runAxe(page);
  assert.equal(v.length, 0, `axe on ${what} (${pathOf(page.url())}):\n    ${formatViolations(v)}`);
}

/** The public time table of «ansatte»: { period: value } as the data-value attributes say. */
async function publicSeries(page) {
  assert.equal((await page.goto(url('/facts'))).status(), 200);
  return page.locator('#fig-ansatte-time-table tbody tr').evaluateAll((trs) => Object.fromEntries(trs.map((tr) => [
    tr.dataset.period, Number(tr.querySelector('td[data-value]').dataset.value)])));
}

/** The public CSV of a chart as rows of cells. */
async function csv(p) {
  const res = await httpGet(url(p));
  assert.equal(res.status, 200, `GET ${p}`);
  return res.body.replace(/^\uFEFF/, '').trim().split(/\r\n/).map((l) => l.split(';'));
}

async function importFile(page, file) {
  await page.goto(url('/indicators/import'));
  await page.locator('#file').setInputFiles(file);
  await clickAndLoad(page, page.locator('main form button[type="submit"]'));
}

describe('key figures, shared services and the community', { timeout: 600_000 }, () => {
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

  test('1. a JSON-stat import with a new year: preview, apply, and the public chart and CSV show it', async () => {
    const before_ = await publicSeries((await pool.session(null)).page);
    assert.equal(before_['2024'], 4637, 'the verified 2024 figure is on the public page');
    assert.equal(before_['2026'], undefined, 'no 2026 before the import');

    const { page } = await pool.newSession('sekretariat', { axe: true });
    s.secretariat = page;
    // The example file the import page offers is the fixture imported here.
    const example = await page.request.get(url('/indicators/import/example'));
    assert.equal(example.status(), 200);
    assert.deepEqual(JSON.parse(await example.text()), JSON.parse(await readFile(FIXTURE, 'utf8')));
    await importFile(page, FIXTURE);
    assert.match(normText(await page.locator('#import-preview').innerText()), /18 nye, 0 endret, 0 uendret/);
    assert.equal(await page.locator('#changes tbody tr[data-action="new"]').count(), 18, 'the preview lists 18 new values');
    await assertAxeClean(page, 'the import preview');
    // The preview in nynorsk and English too.
    for (const lang of ['nn', 'en']) {
      await page.context().addCookies([{ name: 'samla_lang', value: lang, domain: new URL(server.baseURL).hostname, path: '/' }]);
      await importFile(page, FIXTURE);
      assert.equal(await page.locator('#changes tbody tr[data-action="new"]').count(), 18, `the ${lang} preview`);
      await assertAxeClean(page, `the import preview (${lang})`);
    }
    await page.context().addCookies([{ name: 'samla_lang', value: 'nb', domain: new URL(server.baseURL).hostname, path: '/' }]);
    await importFile(page, FIXTURE);
    // Nothing is written by the preview.
    assert.equal((await publicSeries((await pool.session(null)).page))['2026'], undefined, 'the preview wrote nothing');

    await clickAndLoad(page, page.getByRole('button', { name: 'Bruk endringene' }));
    assert.match(normText(await page.locator('main .ds-alert[role="status"]').innerText()), /Tallene er lagret: 18 nye/);

    // The public page is up to date at once (its cache follows the database).
    const anon = (await pool.session(null)).page;
    const after_ = await publicSeries(anon);
    assert.equal(after_['2026'], COMMUNITY_2026, 'the public table shows 2026');
    const points = await anon.locator('#fig-ansatte-time-fig svg.figure-chart .point').count();
    assert.equal(points, Object.keys(after_).length, 'the chart has a point per row of its table');
    const rows = await csv('/api/v1/facts/ansatte/csv?chart=time');
    assert.deepEqual(rows[0].slice(0, 4), ['indikator', 'departement', 'periode', 'verdi']);
    assert.deepEqual(rows.at(-1).slice(0, 4), ['ansatte', 'ALLE', '2026', String(COMMUNITY_2026)]);
    assert.equal(rows.length - 1, Object.keys(after_).length, 'the CSV holds exactly the figures shown');
    // The ministries' chart now defaults to 2026, and its CSV and JSON-stat agree.
    await anon.goto(url('/facts/ansatte'));
    assert.equal(await anon.locator('#fig-ansatte-ministries-table tr[data-ministry="KD"] td[data-value]').getAttribute('data-value'),
      String(KD_2026));
    const bars = await csv('/api/v1/facts/ansatte/csv?chart=ministries');
    assert.ok(bars.slice(1).every((r) => r[2] === '2026') && bars.length - 1 === 17, 'the bar chart CSV: 17 ministries in 2026');
    const js = JSON.parse((await httpGet(url('/api/v1/facts/ansatte/jsonstat?chart=time'))).body);
    assert.equal(js.version, '2.0');
    assert.ok(js.dimension.tid.category.index.includes('2026'), 'JSON-stat has 2026');
    assert.equal(js.value.at(-1), COMMUNITY_2026);
  });

  test('2. importing the same file again changes nothing', async () => {
    const page = s.secretariat;
    await importFile(page, FIXTURE);
    assert.match(normText(await page.locator('#import-preview').innerText()), /0 nye, 0 endret, 18 uendret/);
    assert.equal(await page.getByRole('button', { name: 'Bruk endringene' }).count(), 0, 'nothing to apply');
    // The API applies it too, finds nothing to change, and the indicator gets no new version.
    const token = (await execFileP(SAMLA_BIN, ['token', 'create', '--data', server.dataDir, '--user', 'sekretariat',
      '--name', 'figures-test'])).stdout.match(/\S{30,}/)[0];
    const auth = { authorization: `Bearer ${token}` };
    const ind = JSON.parse((await httpGet(url('/api/v1/indicators'))).body).indicators.find((i) => i.code === 'ansatte');
    const history = async () => (await (await fetch(url(`/api/v1/records/${ind.id}/history`), { headers: auth })).json());
    const before_ = JSON.stringify(await history());
    const res = await fetch(url('/api/v1/indicators/import?apply=1'), {
      method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: await readFile(FIXTURE),
    });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.deepEqual([body.create, body.change, body.unchanged, body.applied], [0, 0, 18, true]);
    assert.equal(JSON.stringify(await history()), before_, 'no new version of the indicator');
  });

  test('3. an import with errors reports every one and writes nothing', async () => {
    const page = s.secretariat;
    await importFile(page, BAD);
    assert.match(normText(await page.locator('#import-errors').innerText()), /Filen har 4 feil\. Ingenting er lagret\./);
    const where = await page.locator('#problems tbody tr td:nth-child(2)').allInnerTexts();
    for (const w of ['value', 'dimension.ContentsCode.finnes_ikke', 'dimension.departement.XYZ', 'dimension.Tid.2026Q5']) {
      assert.ok(where.includes(w), `the report names ${w}: ${where}`);
    }
    await assertAxeClean(page, 'the import with errors');
    // The valid value in the file (KD 2026 = 1) was not written.
    const bars = await csv('/api/v1/facts/ansatte/csv?chart=ministries&period=2026');
    assert.equal(bars.find((r) => r[1] === 'KD')[3], String(KD_2026));
  });

  test('4. internal resource figures of a shared service stay off the public page and its downloads', async () => {
    const services = (await (await httpGet(url('/api/v1/services'))).body);
    const ikt = JSON.parse(services).services.find((x) => x.code === 'ikt');
    s.ikt = ikt.id;
    const anon = (await pool.session(null)).page;
    await anon.goto(url(`/services/${ikt.id}`));
    const fin = anon.locator('#service-figures tr[data-ministry="FIN"]');
    assert.equal(await fin.count(), 1, 'FIN\'s open quality figures are shown');
    assert.equal(await fin.locator('td[data-metric="fte"], td[data-metric="cost"]').count(), 0, 'FIN\'s resource figures are not');
    assert.ok(await anon.locator('#service-figures tr[data-ministry="KD"] td[data-metric="fte"]').count(), 'KD\'s are');
    const rows = await csv(`/api/v1/services/${ikt.id}/csv?public=1`);
    assert.ok(rows.some((r) => r[1] === 'FIN' && r[3] === 'sla_met'), 'the CSV has FIN\'s quality figures');
    assert.ok(!rows.some((r) => r[1] === 'FIN' && (r[3] === 'fte' || r[3] === 'cost')), 'and not its resource figures');
    const api = JSON.parse((await httpGet(url(`/api/v1/services/${ikt.id}`))).body);
    assert.ok(!api.figures.some((f) => f.ministry === 'FIN' && f.metric === 'fte'), 'nor the public API');
    const publicFte = api.stats.find((x) => x.metric === 'fte').n;
    // The secretariat (and every employee) sees them, and they count in the median.
    const res = await s.secretariat.request.get(url(`/api/v1/services/${ikt.id}`));
    const full = await res.json();
    assert.ok(full.figures.some((f) => f.ministry === 'FIN' && f.metric === 'fte' && f.internal), 'employees see FIN\'s');
    assert.equal(full.stats.find((x) => x.metric === 'fte').n, publicFte + 1);
    // The public page's CSV even when a signed-in user downloads it.
    const own = await s.secretariat.request.get(url(`/api/v1/services/${ikt.id}/csv?public=1`));
    assert.ok(!(await own.text()).includes('ikt;FIN;2025;fte'));
    // The facts page's service table is the public median.
    await anon.goto(url('/facts'));
    assert.equal(await anon.locator('#services-median tr[data-service="ikt"]').count(), 1);
  });

  test('5. every page is axe-clean in bokmål, nynorsk and English, charts with tables, on a 390 px phone', async () => {
    const ind = JSON.parse((await httpGet(url('/api/v1/indicators'))).body).indicators.find((i) => i.code === 'ansatte');
    const pub = ['/facts', '/facts/ansatte', '/facts/ansatte?period=2020', '/collaboration', '/services', `/services/${s.ikt}`];
    const own = ['/indicators', `/indicators/${ind.id}`, `/indicators/${ind.id}/edit`, '/indicators/import', '/indicators/new', '/services',
      `/services/${s.ikt}`, '/collaboration'];
    const problems = [];
    for (const lang of ['nb', 'nn', 'en']) {
      for (const [who, paths] of [[null, pub], ['sekretariat', own]]) {
        const ctx = await newAxeContext(browser, { locale: 'nb-NO', baseURL: server.baseURL, viewport: { width: 390, height: 844 } });
        ctx.setDefaultTimeout(30_000);
        try {
          const page = await ctx.newPage();
          if (who) await signIn(page, server.baseURL, who, PASSWORD);
          const { hostname } = new URL(server.baseURL);
          await ctx.addCookies([{ name: 'samla_lang', value: lang, domain: hostname, path: '/' }]);
          const check = async (what) => {
            const f = await page.evaluate(() => ({
              lang: document.documentElement.lang,
              h1: document.querySelectorAll('h1').length,
              overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
              charts: document.querySelectorAll('svg.figure-chart').length,
              unlabelled: [...document.querySelectorAll('svg.figure-chart')].filter((svg) => {
                // Each chart sits in a figure.chart with the table that is its text alternative.
                return svg.getAttribute('role') !== 'img' || !svg.querySelector('title')?.textContent ||
                  !svg.closest('figure.chart')?.querySelector('table');
              }).length,
            }));
            if (f.lang !== lang) problems.push(`${lang} ${what}: <html lang=${f.lang}>`);
            if (f.h1 !== 1) problems.push(`${lang} ${what}: ${f.h1} h1`);
            if (f.overflow > 0) problems.push(`${lang} ${what}: ${f.overflow} px wider than a 390 px screen`);
            if (f.unlabelled) problems.push(`${lang} ${what}: ${f.unlabelled} charts without role=img, title or table`);
            const v = await runAxe(page);
            if (v.length) problems.push(`${lang} ${what}: axe:\n    ${formatViolations(v)}`);
          };
          for (const p of paths) {
            const res = await page.goto(url(p));
            if (res.status() !== 200) problems.push(`${lang} ${p}: HTTP ${res.status()}`);
            await check(`${p} as ${who || 'the public'}`);
          }
          if (who) {
            // The new-indicator form with every error at once, linked from the summary.
            await page.goto(url('/indicators/new'));
            await page.locator('#decimals').fill('9');
            await clickAndLoad(page, page.locator('main form button[type="submit"]'));
            if ((await page.locator('main .ds-error-summary a').count()) < 3) problems.push(`${lang}: /indicators/new shows fewer than 3 errors`);
            await check('/indicators/new with errors');
            // A shared service's figure with a bad period and value: both errors, linked.
            await page.goto(url(`/services/${s.ikt}`));
            await page.locator('#period').fill('20x5');
            await page.locator('#value').fill('mange');
            await clickAndLoad(page, page.locator('main form[action*="/figures"] button[type="submit"]'));
            if ((await page.locator('main .ds-error-summary a[href="#period"], main .ds-error-summary a[href="#value"]').count()) !== 2) {
              problems.push(`${lang}: the service figure form does not link both errors`);
            }
            await check('the service figure form with errors');
            await page.goto(url('/services'));
            await clickAndLoad(page, page.locator('main form[action^="/services#new"] button[type="submit"]'));
            await check('/services, new service with errors');
          }
        } finally {
          await ctx.close();
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
