// Browser tests of the measure overview as a daily tool: what the public sees
// (the published edition, never the reported risk), confirmation and success
// messages for closing, reopening and publishing, every error of a report in
// one summary, the measure form without JavaScript (participants, milestones),
// an import with the labels people see, no sideways scrolling at 390 px on any
// page the navigation reaches, and axe on the new pages in three languages.
// Run: node --test --test-concurrency=1 tests/e2e/daily.test.mjs
//
// One server for the file; the tests run in order and build on each other
// (a) reports, (b) publishes and closes.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  startServer, launchBrowser, newAxeContext, runAxe, formatViolations, normText,
  clickAndLoad, signIn, sessionPool, DEMO,
} from './helpers.mjs';

const PASSWORD = 'samla-demo';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const REPORTED = DEMO.efficiency;   // DFD's, public, not yet reported in the demo's open round

let server;
let browser;
let pool;
let tmp;
const url = (p) => new URL(p, server.baseURL).href;

/** The path of the measure with this number in the strategy in force (as the secretariat sees /measures). */
const pathCache = new Map();
async function measurePath(number) {
  if (pathCache.has(number)) return pathCache.get(number);
  const { page } = await pool.session('sekretariat');
  await page.goto(url(`/measures?strategy=${DEMO.period}`));
  const rows = await page.locator('main tbody tr').evaluateAll((trs) => trs.map((tr) => {
    const a = tr.querySelector('a[href^="/measures/"]');
    return [tr.cells[0]?.textContent.trim(), a ? new URL(a.href).pathname : null];
  }));
  for (const [n, p] of rows) if (p && !pathCache.has(n)) pathCache.set(n, p);
  assert.ok(pathCache.has(number), `measure ${number} is not on /measures`);
  return pathCache.get(number);
}

/** The demo's open reporting round, as the secretariat finds it on /rounds. */
async function openRoundPath() {
  const { page } = await pool.session('sekretariat');
  await page.goto(url('/rounds'));
  const rows = await page.locator('main tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    text: tr.textContent.replace(/\s+/g, ' '), href: tr.querySelector('a[href^="/rounds/"]')?.getAttribute('href'),
  })));
  const open = rows.find((r) => /Åpen/.test(r.text) && r.href);
  assert.ok(open, `no open round on /rounds: ${JSON.stringify(rows)}`);
  return open.href;
}

/** The status shown in the first <dl> of a measure page. */
async function shownStatus(page) {
  return normText(await page.locator('main dl.facts').first().locator('dd').first().innerText());
}

/** Document wider than the viewport: the page scrolls sideways. */
async function sidewaysOverflow(page) {
  return page.evaluate(() => ({
    doc: document.documentElement.scrollWidth,
    view: window.innerWidth,
    culprits: [...document.querySelectorAll('main *, header *, footer *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.table-wrap'))
      .slice(0, 3).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`),
  }));
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  pool = sessionPool(server.baseURL, browser, PASSWORD);
  tmp = await mkdtemp(path.join(os.tmpdir(), 'samla-daily-'));
});

after(async () => {
  await pool?.closeAll();
  await browser?.close();
  await server?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('the measure overview as a daily tool', () => {
  test('a) the public sees the published status of a measure just reported on, and the risk nowhere (desktop and 390 px)', async () => {
    const p = await measurePath(REPORTED);
    const before = {};
    for (const vp of [DESKTOP, PHONE]) {
      await pool.withNewSession(null, async (anon) => {
        await anon.setViewportSize(vp);
        await anon.goto(url(p));
        before[vp.width] = await shownStatus(anon);
      });
    }
    assert.notEqual(before[DESKTOP.width], 'Forsinket', 'precondition: the published status is not already «Forsinket»');

    // sb.dfd reports «Forsinket», 70 %, red risk in the open round.
    const round = await openRoundPath();
    await pool.withNewSession('sb.dfd', async (dfd) => {
      await dfd.goto(url(`${round}/measures/${p.split('/').pop()}`));
      await dfd.getByLabel('Status', { exact: true }).selectOption({ label: 'Forsinket' });
      await dfd.getByLabel('Fremdrift (prosent)', { exact: true }).fill('70');
      await dfd.getByRole('radio', { name: 'Rød', exact: true }).check();
      await dfd.getByLabel('Rapport', { exact: true }).fill('Leveransen er skjøvet fordi anskaffelsen tok lengre tid.');
      const sent = await clickAndLoad(dfd, dfd.locator('main').getByRole('button', { name: 'Send inn rapport', exact: true }));
      assert.equal(sent.first.status(), 303, 'sending the report');
      const notice = dfd.locator('main [role="status"]', { hasText: `Rapporten for ${REPORTED} er sendt.` });
      assert.equal(await notice.count(), 1, 'no «Rapporten for … er sendt» after sending');
      // A colleague sees the live status, marked as not yet published.
      await dfd.goto(url(p));
      assert.equal(await shownStatus(dfd), 'Forsinket', 'the colleague\'s status after the report');
      assert.equal(await dfd.locator('main [data-unpublished]').count(), 1, 'the live state is not marked «Ikke publisert ennå»');
    });

    for (const vp of [DESKTOP, PHONE]) {
      await pool.withNewSession(null, async (anon) => {
        await anon.setViewportSize(vp);
        await anon.goto(url(p));
        assert.equal(await shownStatus(anon), before[vp.width], `${vp.width} px: the public sees the reported status before it is published`);
        const text = await anon.locator('main').innerText();
        assert.ok(!/Risiko/.test(text), `${vp.width} px: the public's measure page mentions risk`);
        assert.ok(/godkjent i/.test(text), `${vp.width} px: the page does not say which edition the status comes from`);
        await anon.goto(url(`/measures?strategy=${DEMO.period}`));
        assert.ok(!/Risiko|Rød|Gul/.test(await anon.locator('main').innerText()), `${vp.width} px: the public's measure list shows risk`);
        assert.equal(await anon.locator('select[name="risk"]').count(), 0, 'the public can filter by risk');
        const api = await anon.request.get(url(`/api/v1/measures/${p.split('/').pop()}`));
        const json = await api.json();
        assert.equal(json.risk, null, 'the API gives the public the risk');
        assert.notEqual(json.status, 'delayed', 'the API gives the public the unpublished status');
        const csv = await (await anon.request.get(url(`/api/v1/measures/export?format=csv&strategy=${DEMO.period}`))).text();
        assert.ok(!/;delayed;|Forsinket/.test(csv.split('\n').find((l) => l.includes(`;${REPORTED};`)) || ''), 'the export gives the public the unpublished status');
      });
    }
  });

  test('b) publishing and closing ask first, say what will happen, and report success; a closed round can be reopened', async () => {
    const { page: sek } = await pool.session('sekretariat');
    // Publish: the form leads to a preview, not straight to the public.
    await sek.goto(url('/editions/new'));
    await sek.getByLabel('Tittel', { exact: true }).fill('Tiltaksoversikt etter rapporteringen');
    await sek.getByLabel('Godkjenning', { exact: true }).fill('Godkjent i Strategisk forum.');
    await sek.getByLabel('Strategiperiode', { exact: true }).selectOption(DEMO.period);
    const preview = await clickAndLoad(sek, sek.locator('main').getByRole('button', { name: 'Forhåndsvis og publiser', exact: true }));
    assert.equal(preview.first.status(), 200, 'the first POST publishes instead of showing a preview');
    assert.equal(normText(await sek.locator('h1').innerText()), 'Kontroller før du publiserer');
    assert.ok(await sek.getByRole('heading', { name: 'Slik ser publikum utgaven' }).count(), 'no preview of the public page');
    assert.ok(await sek.getByRole('heading', { name: 'Endringer siden forrige utgave' }).count(), 'no changes since the previous edition');
    assert.ok(/Endret status/.test(await sek.locator('main').innerText()), 'the reported status change is not among the changes');
    const published = await clickAndLoad(sek, sek.locator('main').getByRole('button', { name: 'Publiser utgaven', exact: true }));
    assert.equal(published.first.status(), 303, 'confirming publishes');
    assert.match(new URL(sek.url()).pathname, /^\/editions\/\d+$/);
    assert.equal(await sek.locator('main [role="status"]', { hasText: 'Utgaven er publisert' }).count(), 1, 'no success message after publishing');

    // Now the public sees the reported status, still without risk.
    const p = await measurePath(REPORTED);
    await pool.withNewSession(null, async (anon) => {
      await anon.goto(url(p));
      assert.equal(await shownStatus(anon), 'Forsinket', 'the public does not see the published status');
      assert.ok(!/Risiko/.test(await anon.locator('main').innerText()), 'the public sees the risk after publishing');
    });

    // Close the round: a confirmation page first, then a success message.
    const round = await openRoundPath();
    await sek.goto(url(round));
    await clickAndLoad(sek, sek.locator('main').getByRole('link', { name: 'Avslutt runden', exact: true }));
    assert.equal(new URL(sek.url()).pathname, `${round}/close`, '«Avslutt runden» does not ask first');
    assert.match(normText(await sek.locator('h1').innerText()), /^Avslutte «.+»\?$/);
    assert.ok(/kan ingen rapportere/.test(await sek.locator('main').innerText()), 'the confirmation does not say what happens');
    const closed = await clickAndLoad(sek, sek.locator('main').getByRole('button', { name: 'Avslutt runden', exact: true }));
    assert.equal(closed.first.status(), 303);
    assert.equal(await sek.locator('main [role="status"]', { hasText: 'Rapporteringsrunden er avsluttet' }).count(), 1, 'no success message after closing');
    // Reopen it, confirmed too, and kept on the round.
    await clickAndLoad(sek, sek.locator('main').getByRole('link', { name: 'Gjenåpne runden', exact: true }));
    const reopened = await clickAndLoad(sek, sek.locator('main').getByRole('button', { name: 'Gjenåpne runden', exact: true }));
    assert.equal(reopened.first.status(), 303);
    assert.equal(await sek.locator('main [role="status"]', { hasText: 'gjenåpnet' }).count(), 1, 'no success message after reopening');
    assert.ok(/Gjenåpnet .*Sigrid Strand \(DFD\)/.test(normText(await sek.locator('main').innerText())), 'the round does not say who reopened it, by name');
  });

  test('c) a report with three errors shows all three in a summary linking to the fields', async () => {
    const round = await openRoundPath();
    const p = await measurePath(DEMO.fresh[1]);
    await pool.withNewSession('sb.dfd', async (dfd) => {
      await dfd.goto(url(`${round}/measures/${p.split('/').pop()}`));
      await dfd.getByLabel('Fremdrift (prosent)', { exact: true }).fill('150');
      await dfd.getByLabel('Rapport', { exact: true }).fill('');
      const res = await clickAndLoad(dfd, dfd.locator('main').getByRole('button', { name: 'Send inn rapport', exact: true }));
      assert.equal(res.first.status(), 400);
      const links = await dfd.locator('main .ds-error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.equal(links.length, 3, `the summary has ${links.length} errors: ${links}`);
      for (const href of links) {
        assert.equal(await dfd.locator(href).count(), 1, `the summary links to ${href}, which is no field`);
      }
    });
  });

  test('d) participants and milestones are edited with form controls, without JavaScript', async () => {
    const p = await measurePath(DEMO.fresh[0]);
    const ctx = await browser.newContext({ javaScriptEnabled: false, locale: 'nb-NO' });
    try {
      const page = await ctx.newPage();
      await signIn(page, server.baseURL, 'sekretariat', PASSWORD);
      await page.goto(url(`${p}/edit`));
      await page.getByRole('checkbox', { name: 'Kunnskapsdepartementet', exact: true }).check();
      const rows = Number(await page.locator('input[name="ms-count"]').inputValue());
      const more = await clickAndLoad(page, page.locator('main').getByRole('button', { name: 'Legg til milepæl', exact: true }));
      assert.equal(more.first.status(), 200);
      const after = Number(await page.locator('input[name="ms-count"]').inputValue());
      assert.equal(after, rows + 1, '«Legg til milepæl» does not add a row');
      assert.ok(await page.getByRole('checkbox', { name: 'Kunnskapsdepartementet', exact: true }).isChecked(), 'the re-rendered form lost the checked participant');
      await page.locator(`input[name="ms-title-${after - 1}"]`).fill('Pilot i tre departementer');
      await page.locator(`input[name="ms-due-${after - 1}"]`).fill('2027-03-31');
      const saved = await clickAndLoad(page, page.locator('main').getByRole('button', { name: 'Lagre', exact: true }));
      assert.equal(saved.first.status(), 303, 'saving the form');
      assert.equal(await page.locator('main [role="status"]', { hasText: 'Tiltaket er lagret.' }).count(), 1, 'no success message after saving');
      const main = normText(await page.locator('main').innerText());
      assert.ok(main.includes('Kunnskapsdepartementet'), 'the participant is not on the measure page');
      assert.ok(main.includes('Pilot i tre departementer'), 'the milestone is not on the measure page');
      // Remove it again with its «Fjern» box.
      await page.goto(url(`${p}/edit`));
      const titles = await page.locator('input[name^="ms-title-"], input#milestones').evaluateAll((is) => is.map((i) => [i.name, i.value]));
      const row = titles.find(([, v]) => v === 'Pilot i tre departementer');
      assert.ok(row, 'the milestone is not a row of the form');
      await page.locator(`input[name="ms-remove-${row[0].split('-').pop()}"]`).check();
      await clickAndLoad(page, page.locator('main').getByRole('button', { name: 'Lagre', exact: true }));
      assert.ok(!normText(await page.locator('main').innerText()).includes('Pilot i tre departementer'), 'the removed milestone is still there');
    } finally {
      await ctx.close();
    }
  });

  test('e) a CSV with «Pågår» and «Høy» imports, checked first and applied without choosing the file again', async () => {
    const file = path.join(tmp, 'tiltak.csv');
    await writeFile(file, `strategy;number;status;priority\r\n${DEMO.period};${DEMO.fresh[2]};Pågår;Høy\r\n`);
    const { page: sek } = await pool.session('sekretariat');
    await sek.goto(url('/measures/import'));
    await sek.getByLabel('Fil', { exact: true }).setInputFiles(file);
    const checked = await clickAndLoad(sek, sek.locator('main').getByRole('button', { name: 'Bare kontroller', exact: true }));
    assert.equal(checked.last.status(), 200, `checking answered ${checked.last.status()}: ${normText(await sek.locator('main').innerText()).slice(0, 300)}`);
    assert.ok(/Filen er i orden/.test(await sek.locator('main').innerText()));
    const applied = await clickAndLoad(sek, sek.locator('main').getByRole('button', { name: 'Importer «tiltak.csv»', exact: true }));
    assert.equal(applied.last.status(), 200);
    assert.ok(/Importert: 0 nye, 1 endret/.test(await sek.locator('main').innerText()), 'the import was not applied');
    await sek.goto(url(await measurePath(DEMO.fresh[2])));
    assert.equal(await shownStatus(sek), 'Pågår');
    assert.ok(/Prioritet\s*Høy/.test(await sek.locator('main dl.facts').first().innerText()), 'the priority is not «Høy»');
  });

  test('f) no page the navigation reaches scrolls sideways at 390 px, for the public and the secretariat', async () => {
    const extra = [await openRoundPath(), `${await measurePath(DEMO.ikt)}/edit`, '/editions/new', '/measures/import',
      '/rounds/new', '/groups', '/cases', '/kb', '/overview', '/editions', '/measures'];
    for (const who of [null, 'sekretariat']) {
      await pool.withNewSession(who, async (page) => {
        await page.setViewportSize(PHONE);
        const seen = new Set();
        const queue = ['/', ...(who ? extra : ['/overview', '/editions', '/measures', '/groups'])];
        const problems = [];
        while (queue.length && seen.size < 150) {
          const p = queue.shift();
          if (seen.has(p)) continue;
          seen.add(p);
          const res = await page.goto(url(p));
          if (!res || res.status() >= 400 || !(res.headers()['content-type'] || '').startsWith('text/html')) continue;
          const o = await sidewaysOverflow(page);
          if (o.doc > o.view) problems.push(`${p}: document ${o.doc} px wide at ${o.view} px (${o.culprits.join(', ')})`);
          const links = await page.locator('header a[href^="/"], nav a[href^="/"], main a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
          for (const l of links) {
            const u = new URL(l, 'http://x');
            if (u.pathname.startsWith('/static') || u.pathname.startsWith('/api') || u.pathname === '/logout') continue;
            const key = u.pathname;   /* one visit per path */
            if (!seen.has(key) && !queue.includes(key)) queue.push(key);
          }
        }
        assert.ok(seen.size >= 20, `${who || 'the public'}: the crawl reached only ${seen.size} pages`);
        if (who) assert.ok(seen.has(extra[0]), 'the crawl did not visit the open round');
        assert.deepEqual(problems, [], `${who || 'the public'}: pages that scroll sideways at 390 px`);
      });
    }
  });

  test('g) the new pages are axe-clean in bokmål, nynorsk and English', async () => {
    const round = await openRoundPath();
    const m = await measurePath(DEMO.ikt);
    const pages = [
      [null, m], ['sekretariat', m], ['sekretariat', `${m}/edit`], ['sekretariat', `${round}/close`],
      ['sekretariat', round], ['sb.dfd', `${round}/measures/${(await measurePath(DEMO.fresh[1])).split('/').pop()}`],
      ['sekretariat', '/editions/new'], ['sekretariat', '/measures/import'], [null, '/overview'],
      [null, '/ministries/KD'],
    ];
    const problems = [];
    for (const lang of ['nb', 'nn', 'en']) {
      for (const who of [null, 'sekretariat', 'sb.dfd']) {
        const mine = pages.filter(([w]) => w === who);
        if (!mine.length) continue;
        const ctx = await newAxeContext(browser, { locale: 'nb-NO' });
        try {
          const page = await ctx.newPage();
          if (who) await signIn(page, server.baseURL, who, PASSWORD);   /* the sign-in form in bokmål */
          await ctx.addCookies([{ name: 'samla_lang', value: lang, url: server.baseURL }]);
          for (const [, p] of mine) {
            for (const vp of [DESKTOP, PHONE]) {
              await page.setViewportSize(vp);
              const res = await page.goto(url(p));
              assert.equal(res.status(), 200, `${lang} ${who}: GET ${p}`);
              const v = await runAxe(page);
              if (v.length) problems.push(`${lang} ${who || 'public'} ${vp.width} px ${p}:\n    ${formatViolations(v)}`);
            }
          }
          // The report form with its error summary, and the publishing preview.
          if (who === 'sb.dfd') {
            await page.goto(url(pages.find(([w]) => w === 'sb.dfd')[1]));
            await page.locator('#progress').fill('150');
            await clickAndLoad(page, page.locator('main button[type="submit"]').first());
            const v = await runAxe(page);
            if (v.length) problems.push(`${lang} report errors:\n    ${formatViolations(v)}`);
          }
          if (who === 'sekretariat') {
            await page.goto(url('/editions/new'));
            await page.locator('#title').fill('Forhåndsvisning');
            await clickAndLoad(page, page.locator('main form button[type="submit"]').first());
            const v = await runAxe(page);
            if (v.length) problems.push(`${lang} publishing preview:\n    ${formatViolations(v)}`);
          }
        } finally {
          await ctx.close();
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
