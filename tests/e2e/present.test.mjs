// Browser tests of the present: the strategy in force decided by the date,
// the demo's dates around the day it is made, and carrying measures over
// from 2021–2025 into 2025–.
// Run: node --test --test-concurrency=1 tests/e2e/present.test.mjs
//
// a) makes the demo twice, with the clock (SAMLA_TODAY) a year apart, and
//    reads what a visitor sees: the strategy in force on the front page,
//    deadlines on both sides of the day, no approval dated after its edition.
// b) the secretariat carries three unfinished 2021–2025 measures over into
//    2025– under a chosen goal, through the preview; every page on the way
//    is axe-clean (WCAG 2.1 A/AA).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, newAxeContext, runAxe, formatViolations, normText, clickAndLoad, layoutProblems,
  sessionPool, httpGet, DEMO,
} from './helpers.mjs';

const PASSWORD = 'samla-demo';
const MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];

/** «15. januar 2026» in text as an ISO date, or null. */
function isoOfNorwegian(text) {
  const m = /(\d{1,2})\. (januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember) (\d{4})/.exec(text);
  if (!m) return null;
  const mm = String(MONTHS.indexOf(m[2]) + 1).padStart(2, '0');
  return `${m[3]}-${mm}-${m[1].padStart(2, '0')}`;
}

const addDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function getJson(baseURL, path) {
  const res = await httpGet(new URL(path, baseURL).href);
  assert.equal(res.status, 200, `GET ${path}`);
  return JSON.parse(res.body);
}

describe('samla in the present: the period in force, dates around today, carrying over (Chromium)', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('a) the demo made a year apart: the strategy in force, deadlines before and after the day, approvals before their editions', { timeout: 120_000 }, async (t) => {
    const days = [
      { today: '2024-11-20', slug: '2021-2025', period: '2021–2025' },
      { today: '2025-11-20', slug: '2025', period: '2025–' },
    ];
    const problems = [];
    for (const d of days) {
      const server = await startServer({ env: { SAMLA_TODAY: d.today } });
      try {
        // The front page: the strategy in force that day, in a browser, axe-clean.
        const ctx = await newAxeContext(browser, { locale: 'nb-NO' });
        try {
          const page = await ctx.newPage();
          const res = await page.goto(new URL('/', server.baseURL).href, { waitUntil: 'load' });
          assert.equal(res.status(), 200, `${d.today}: GET /`);
          const eyebrow = normText(await page.locator('main .eyebrow').first().innerText());
          if (eyebrow !== `Strategien som gjelder nå · ${d.period}`) problems.push(`${d.today}: the front page says «${eyebrow}», want the strategy ${d.period}`);
          const violations = await runAxe(page);
          if (violations.length) problems.push(`${d.today}: / axe:\n    ${formatViolations(violations)}`);
          await page.goto(new URL('/overview', server.baseURL).href, { waitUntil: 'load' });
          const lead = normText(await page.locator('main').innerText());
          if (!lead.includes(`· ${d.period}`)) problems.push(`${d.today}: /overview is not the overview of ${d.period}`);
          const v2 = await runAxe(page);
          if (v2.length) problems.push(`${d.today}: /overview axe:\n    ${formatViolations(v2)}`);
        } finally {
          await ctx.close();
        }
        const strategies = await getJson(server.baseURL, '/api/v1/strategies');
        const inForce = strategies.items.filter((s) => s.in_force).map((s) => s.slug);
        if (JSON.stringify(inForce) !== JSON.stringify([d.slug])) problems.push(`${d.today}: in force per the API: ${JSON.stringify(inForce)}`);

        // Deadlines of the period in force: passed ones, one this week, later ones.
        const measures = (await getJson(server.baseURL, `/api/v1/measures?strategy=${d.slug}`)).items;
        const ends = measures.filter((m) => !['completed', 'stopped', 'continued'].includes(m.status)).map((m) => m.end_date).filter(Boolean);
        const before = ends.filter((e) => e < d.today).length;
        const week = ends.filter((e) => e >= d.today && e <= addDays(d.today, 7)).length;
        const later = ends.filter((e) => e > addDays(d.today, 7)).length;
        t.diagnostic(`${d.today}: ${measures.length} measures of ${d.period}; deadlines passed ${before}, this week ${week}, later ${later}`);
        if (!before || !week || !later) problems.push(`${d.today}: deadlines passed ${before}, this week ${week}, later ${later}; want some of each`);

        // Every edition: published on or before the day, approved on or before it was published.
        const editions = (await getJson(server.baseURL, '/api/v1/editions')).items;
        if (!editions.some((e) => e.strategy === d.slug)) problems.push(`${d.today}: no edition of ${d.period}`);
        for (const e of editions) {
          const published = e.published_at.slice(0, 10);
          const approved = isoOfNorwegian(e.approval_note);
          if (published > d.today) problems.push(`${d.today}: «${e.title}» published ${published}, after the day`);
          if (!approved) problems.push(`${d.today}: «${e.title}»: no date in the approval «${e.approval_note}»`);
          else if (approved > published) problems.push(`${d.today}: «${e.title}» approved ${approved}, after it was published ${published}`);
        }
      } finally {
        await server.stop();
      }
    }
    assert.deepEqual(problems, [], `${problems.length} problem(s):\n${problems.join('\n')}`);
  });

  test('b) the secretariat carries three unfinished measures of 2021–2025 over to 2025– under one goal', { timeout: 120_000 }, async () => {
    const server = await startServer();
    const pool = sessionPool(server.baseURL, browser, PASSWORD);
    const url = (p) => new URL(p, server.baseURL).href;
    const problems = [];
    /** Layout and axe problems of the page now shown in `page` (an axe context). */
    const check = async (page, what) => {
      const violations = await runAxe(page);
      if (violations.length) problems.push(`${what}: axe:\n    ${formatViolations(violations)}`);
      for (const p of await layoutProblems(page)) problems.push(`${what}: ${p}`);
      // layoutProblems leaves the skip link focused (shown, above the page): let go of it before clicking on.
      await page.evaluate(() => document.activeElement?.blur());
    };
    try {
      const { page: sek, ctx } = await pool.newSession('sekretariat', { axe: true });
      try {
        // The old measures still waiting: 1.3, 1.4 and 1.8 of 2021–2025.
        const old = Object.fromEntries((await (await sek.request.get(url('/api/v1/measures?strategy=2021-2025'))).json())
          .items.map((m) => [m.number, m]));
        const chosen = ['1.3', '1.4', '1.8'].map((n) => old[n]);
        for (const m of chosen) assert.equal(m.status, 'planned', `${m.number} of 2021–2025 in the demo`);

        // From the list of the period in force, «Videreføre tiltak fra forrige periode».
        await sek.goto(url('/measures'), { waitUntil: 'load' });
        await clickAndLoad(sek, sek.locator('main').getByRole('link', { name: 'Videreføre tiltak fra forrige periode', exact: true }));
        assert.equal(new URL(sek.url()).pathname, '/measures/carry-over', 'the link led to');
        assert.equal(normText(await sek.locator('h1').innerText()), 'Videreføre tiltak fra 2021–2025 til 2025–');
        await check(sek, 'the choice');
        for (const m of chosen) {
          await sek.getByLabel(m.number, { exact: true }).check();
          await sek.getByLabel(`Mål for tiltak ${m.number}`, { exact: true }).selectOption('1');
        }
        const preview = await clickAndLoad(sek, sek.locator('main').getByRole('button', { name: 'Forhåndsvis videreføringen', exact: true }));
        assert.equal(preview.last.status(), 200, 'the preview');
        assert.equal(normText(await sek.locator('h1').innerText()), 'Se over videreføringen');
        await check(sek, 'the preview');
        const planned = await sek.getByRole('table', { name: 'Dette skjer når du bekrefter' }).locator('tbody tr')
          .evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.replace(/[\s\u00a0]+/g, ' ').trim())));
        // Numbered after the six measures of goal 1 in 2025–.
        assert.deepEqual(planned.map((r) => [r[0], r[2], r[3]]), [['1.3', '1.7', '1'], ['1.4', '1.8', '1'], ['1.8', '1.9', '1']],
          'the preview (old number, new number, goal)');
        // Nothing is saved by the preview.
        const still = (await (await sek.request.get(url(`/api/v1/measures/${chosen[0].id}`))).json()).status;
        assert.equal(still, 'planned', 'the preview changed the status');

        const done = await clickAndLoad(sek, sek.locator('main').getByRole('button', { name: 'Videreføre 3 tiltak', exact: true }));
        assert.equal(done.first.status(), 303, 'confirming');
        assert.equal(new URL(sek.url()).pathname + new URL(sek.url()).search, `/measures?strategy=${DEMO.period}&done=carried`);
        assert.match(normText(await sek.locator('main [role="status"].ds-alert, main .ds-alert').first().innerText()), /Tiltakene er videreført/);
        await check(sek, 'the list after carrying over');
        const rows = await sek.locator('main tbody tr:not(.row-more)').evaluateAll((trs) => trs.map((tr) => {
          const a = tr.querySelector('a[href]');
          return { number: tr.cells[0].textContent.trim(), title: a.textContent.trim(), path: new URL(a.href).pathname };
        }));
        const fresh = ['1.7', '1.8', '1.9'].map((n, i) => {
          const r = rows.find((x) => x.number === n);
          assert.ok(r, `no ${n} in the list of 2025–`);
          assert.equal(r.title, chosen[i].title, `${n} in 2025– is not ${chosen[i].number} of 2021–2025`);
          return r;
        });

        for (const [i, m] of chosen.entries()) {
          // The old one: «Videreført», with a link to the new one.
          await sek.goto(url(`/measures/${m.id}`), { waitUntil: 'load' });
          const tag = normText(await sek.locator('main dl').first().locator('dd').first().innerText());
          assert.equal(tag, 'Videreført', `the status of ${m.number} of 2021–2025`);
          const forward = sek.locator('main').getByRole('link', { name: `2025–: ${fresh[i].number}`, exact: true });
          assert.equal(await forward.count(), 1, `${m.number} of 2021–2025 has no link to 2025–: ${fresh[i].number}`);
          assert.match(normText(await sek.locator('section#links').innerText()), /Videreføres i/, `${m.number}'s links`);
          if (i === 0) await check(sek, 'an old measure');
          // The new one links back and keeps the history: its own first version, and the old one's.
          await clickAndLoad(sek, forward);
          assert.equal(new URL(sek.url()).pathname, fresh[i].path);
          const back = sek.locator('main').getByRole('link', { name: `2021–2025: ${m.number}`, exact: true });
          assert.equal(await back.count(), 1, `${fresh[i].number} of 2025– has no link back to ${m.number}`);
          assert.match(normText(await sek.locator('section#links').innerText()), /Viderefører/, `${fresh[i].number}'s links`);
          if (i === 0) await check(sek, 'a new measure');
          await sek.goto(url(`${fresh[i].path}/history`), { waitUntil: 'load' });
          assert.match(normText(await sek.locator('main').innerText()), new RegExp(`Videreført fra 2021–2025: ${m.number.replace('.', '\\.')}`));
          await clickAndLoad(sek, sek.locator('main').getByRole('link', { name: `Historikk for 2021–2025: ${m.number}`, exact: true }));
          assert.equal(new URL(sek.url()).pathname, `/measures/${m.id}/history`);
          assert.match(normText(await sek.locator('main').innerText()), new RegExp(`Videreført til 2025–: ${fresh[i].number.replace('.', '\\.')}`));
          if (i === 0) await check(sek, 'the old history');
        }

        // A new edition of 2025–; the public overview lists the three among the changes.
        await sek.goto(url('/editions/new'), { waitUntil: 'load' });
        await sek.getByLabel('Strategiperiode', { exact: true }).selectOption(DEMO.period);
        await sek.getByLabel('Tittel', { exact: true }).fill('Tiltaksoversikt etter videreføringen');
        await sek.getByLabel('Godkjenning', { exact: true }).fill('Godkjent i Strategisk forum.');
        // Publishing shows what the public will see first, then publishes on confirmation.
        await clickAndLoad(sek, sek.locator('main').getByRole('button', { name: 'Forhåndsvis og publiser', exact: true }));
        const published = await clickAndLoad(sek, sek.locator('main').getByRole('button', { name: 'Publiser utgaven', exact: true }));
        assert.equal(published.first.status(), 303, 'publishing');
      } finally {
        await ctx.close();
      }
      const { page: anon, ctx: actx } = await pool.newSession(null, { axe: true });
      try {
        await anon.goto(url('/overview'), { waitUntil: 'load' });
        await check(anon, '/overview');
        const changes = anon.getByRole('region', { name: 'Endrede og nye prioriteringer siden forrige utgave', exact: true });
        const heading = changes.getByRole('heading', { name: 'Videreført fra forrige periode (3)', exact: true });
        assert.equal(await heading.count(), 1, `the changes: ${normText(await changes.innerText()).slice(0, 400)}`);
        const continued = await changes.getByRole('table', { name: 'Videreført fra forrige periode', exact: true })
          .locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.replace(/[\s\u00a0]+/g, ' ').trim())));
        assert.deepEqual(continued.map((r) => [r[0], r[2]]),
          [['1.7', '2021–2025: 1.3'], ['1.8', '2021–2025: 1.4'], ['1.9', '2021–2025: 1.8']], 'the continued measures (number, from)');
      } finally {
        await actx.close();
      }
    } finally {
      await pool.closeAll();
      await server.stop();
    }
    assert.deepEqual(problems, [], `${problems.length} problem(s):\n${problems.join('\n')}`);
  });
});
