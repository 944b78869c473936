// Browser test of the groups issue's acceptance criteria («Cross-ministry
// groups, wicked problems and the coordination ladder»), on the demo's
// groups (src/db/demo/groups.sql):
//  1. a KUBU member (sb.kd) moves KUBU from step 2 to step 3 with a
//     justification and a record as evidence, through the form; the group's
//     step chart, its table and the community view show the change;
//  2. the sprint group past its end date is flagged on its page and in the
//     list, and its leader (sb.dfd) closes it with a result report;
//  3. people outside the restricted group (sb.kd, who is in other groups;
//     admin, who is in none) see nothing of it — not in the lists, the
//     counts, the charts, the community view, the API, nor by its address
//     (404) — while its member does;
//  4. every group page is axe-clean (WCAG 2.1 A/AA) in bokmål, nynorsk and
//     English, forms with errors included, and fits a 390 px wide phone.
// Run: node --test tests/e2e/groups.test.mjs
// One server serves the whole file; the steps run in order and build on
// each other (the state they share is in `s`).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, runAxe, formatViolations, normText, clickAndLoad, sessionPool, newAxeContext, signIn,
} from './helpers.mjs';

const PASSWORD = 'samla-demo';
const KUBU = 'Kjernegruppe for utsatte barn og unge (KUBU)';
const SPRINT = 'Sprintgruppe for kunstig intelligens i saksbehandling';
const BUDGET = 'Arbeidsgruppe for felles budsjettposter';
const BUDGET_PROBLEM = 'Finansiering av tiltak som flere departementer eier';
// Words of the interface that are bokmål and differ in nynorsk (as in i18n.test.mjs, and this domain's own).
const BOKMAL_ONLY = [/\bikke\b/i, /\bhvem\b/i, /\bnoe\b/i, /\bGruppen\b/, /\bgruppen\b/, /\bDepartementene\b/,
  /\bBeskrivelse\b/, /\bAnsvarlig\b/i, /\bEndringer\b/, /\bBegrunnelse\b/, /\bLeder\b/, /\bPersoner\b/, /\bProblemer\b/];
const CHROME = 'header, nav, footer, h1, h2, h3, label, legend, th, caption, dt, button, .ds-alert, .eyebrow, title';
const WHY = 'Departementene har avstemt tildelingsbrevene til direktoratene etter felles analyse';

let server;
let browser;
let pool;
const url = (p) => new URL(p, server.baseURL).href;
const pathOf = (u) => new URL(u).pathname;
const s = {};

/** One signed-in (or anonymous: null) page per user, in a context that can run axe. */
const pages = new Map();
async function as(username) {
  const key = username || '';
  if (!pages.has(key)) pages.set(key, pool.newSession(username, { axe: true }));
  return (await pages.get(key)).page;
}

async function assertAxeClean(page, what) {
  const v = await runAxe(page);
  assert.equal(v.length, 0, `axe on ${what} (${pathOf(page.url())}):\n    ${formatViolations(v)}`);
}

/** The text of the success message (role=status alert) on the page. */
async function notice(page) {
  return normText(await page.locator('main .ds-alert[role="status"]').innerText());
}

/** The community view's total table as { step: { now, before } }, read as the viewer of `page`. */
async function ladderTotals(page) {
  assert.equal((await page.goto(url('/ladder'))).status(), 200, 'GET /ladder');
  return page.locator('#ladder-total tbody tr').evaluateAll((trs) => Object.fromEntries(trs.map((tr) => [
    Number(tr.dataset.step),
    { now: Number(tr.querySelector('.now').textContent.trim()), before: Number(tr.querySelector('.before').textContent.trim()) },
  ])));
}

/** The bars of the community view's chart: { step: now } read from the SVG. */
async function ladderBars(page) {
  return page.locator('svg.ladder-chart rect[data-step]').evaluateAll((rects) => {
    const out = {};
    rects.forEach((r, i) => { if (i % 2 === 0) out[Number(r.dataset.step)] = Number(r.dataset.count); });
    return out;
  });
}

/** Rows of the group list: [{ title, href, text }]. */
async function groupRows(page) {
  return page.locator('main tbody tr').evaluateAll((trs) => trs.map((tr) => {
    const a = tr.querySelector('th a');
    return { title: a.textContent.trim(), href: a.getAttribute('href'), text: tr.textContent.replace(/\s+/g, ' ').trim() };
  }));
}

describe('samla groups, the coordination ladder and wicked problems (Chromium)', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    pool = sessionPool(server.baseURL, browser, PASSWORD);
    // Ids, as the restricted group's member (who sees every demo group).
    const dfd = await as('sb.dfd');
    const groups = (await (await dfd.request.get(url('/api/v1/groups'))).json()).groups;
    const id = (title) => groups.find((g) => g.title === title)?.id;
    s.kubu = id(KUBU);
    s.sprint = id(SPRINT);
    s.budget = id(BUDGET);
    assert.ok(s.kubu && s.sprint && s.budget, `demo groups: ${JSON.stringify(groups.map((g) => g.title))}`);
    const measures = (await (await dfd.request.get(url('/api/v1/measures?strategy=2021-2025'))).json()).items;
    s.evidence = measures.find((m) => m.number === '1.2');
    assert.equal(s.evidence.visibility, 'public', 'measure 1.2 of 2021–2025 in the demo');
  });

  after(async () => {
    for (const p of pages.values()) await p.then(({ ctx }) => ctx.close(), () => {});
    await pool?.closeAll();
    await browser?.close();
    await server?.stop();
  });

  test('1. a KUBU member moves KUBU from step 2 to step 3 with a justification and evidence', async () => {
    const kd = await as('sb.kd');
    const before = await ladderTotals(kd);
    assert.ok(before[2].now >= 1, `groups on step 2 before: ${JSON.stringify(before)}`);

    // From the menu to the list to the group.
    await kd.goto(url('/'));
    await clickAndLoad(kd, kd.locator('header nav').getByRole('link', { name: 'Grupper', exact: true }));
    assert.equal(pathOf(kd.url()), '/groups');
    await clickAndLoad(kd, kd.locator('main').getByRole('link', { name: KUBU, exact: true }));
    assert.equal(pathOf(kd.url()), `/groups/${s.kubu}`);
    assert.equal(normText(await kd.locator('main .current-step').first().innerText()), '2 – Felles problemforståelse');
    assert.equal(await kd.locator('svg.ladder-chart circle').last().getAttribute('data-step'), '2');

    // The form: a refused post first (no justification, evidence that is not a record number) keeps what was typed.
    await clickAndLoad(kd, kd.locator('main').getByRole('link', { name: 'Endre trinn', exact: true }));
    assert.equal(pathOf(kd.url()), `/groups/${s.kubu}/ladder`);
    const form = kd.locator('main form[action$="/ladder"]');
    await form.getByLabel('Nytt trinn', { exact: true }).selectOption('3');
    await form.getByLabel('Dokumentasjon (valgfritt)', { exact: true }).fill('referatet');
    const refused = await clickAndLoad(kd, form.getByRole('button', { name: 'Lagre endringen', exact: true }));
    assert.equal(refused.first.status(), 400, 'a change without a justification');
    const summary = kd.locator('main .ds-error-summary');
    assert.deepEqual((await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).sort(),
      ['#evidence', '#justification']);
    assert.equal(await kd.locator('#step').inputValue(), '3', 'the refused form forgot the step');
    await assertAxeClean(kd, 'the ladder form with errors, as sb.kd');
    await kd.locator('#justification').fill(WHY);
    await kd.locator('#evidence').fill(`/measures/${s.evidence.id}`);
    const saved = await clickAndLoad(kd, kd.locator('main form[action$="/ladder"]').getByRole('button', { name: 'Lagre endringen', exact: true }));
    assert.equal(saved.first.status(), 303, 'the change');
    assert.equal(pathOf(kd.url()), `/groups/${s.kubu}`);
    assert.equal(await notice(kd), 'Endringen på samordningsstigen er lagret.');

    // The group page: current step, the chart's last marker, the table after it.
    assert.equal(normText(await kd.locator('main .current-step').first().innerText()), '3 – Unngå å svekke hverandres måloppnåelse');
    const chart = kd.locator('svg.ladder-chart');
    assert.equal(await chart.getAttribute('role'), 'img');
    assert.match(normText(await chart.locator('title').textContent()), /^Samordningsstigen for Kjernegruppe for utsatte barn/);
    assert.equal(await chart.locator('circle').last().getAttribute('data-step'), '3');
    const lastRow = (await kd.locator('#ladder-chart-table tbody tr').last().locator('td').allInnerTexts()).map(normText);
    assert.equal(lastRow[1], '3 – Unngå å svekke hverandres måloppnåelse');
    await assertAxeClean(kd, 'KUBU after the change, as sb.kd');
    // In forced colours (Windows high contrast) the chart is drawn in the system's text colour, like the text.
    await kd.emulateMedia({ forcedColors: 'active' });
    const colours = await kd.evaluate(() => {
      const svg = document.querySelector('svg.ladder-chart');
      const probe = document.createElement('span');
      probe.style.color = 'CanvasText';
      document.body.append(probe);
      const want = getComputedStyle(probe).color;
      probe.remove();
      return { svg: getComputedStyle(svg).color, line: getComputedStyle(svg.querySelector('path')).stroke, want };
    });
    await kd.emulateMedia({ forcedColors: 'none' });
    assert.equal(colours.svg, colours.want, 'the chart\'s colour in forced colours');
    assert.equal(colours.line, colours.want, 'the step line\'s colour in forced colours');

    // The history: justification, evidence (a link to the measure), who.
    await clickAndLoad(kd, kd.locator('main').getByRole('link', { name: 'Alle endringer på stigen, med begrunnelser', exact: true }));
    const newest = kd.locator('#ladder-history tbody tr').first();
    const cells = (await newest.locator('td').allInnerTexts()).map(normText);
    assert.equal(cells[1], 'Hele gruppen');
    assert.equal(cells[2], '2 Problemforståelse → 3 Måloppnåelse');
    assert.equal(cells[4], WHY);
    assert.equal(cells[6], 'Kari Knutsen');
    assert.equal(await newest.getByRole('link').getAttribute('href'), `/measures/${s.evidence.id}`);
    assert.equal(normText(await newest.getByRole('link').innerText()), s.evidence.title);

    // The community view: one group less on step 2, one more on step 3, in the table and in the bars.
    const after = await ladderTotals(kd);
    assert.equal(after[2].now, before[2].now - 1, 'step 2 now');
    assert.equal(after[3].now, before[3].now + 1, 'step 3 now');
    assert.deepEqual([after[2].before, after[3].before], [before[2].before, before[3].before], 'a year ago is unchanged');
    const bars = await ladderBars(kd);
    assert.equal(bars[3], after[3].now);
    assert.equal(bars[2], after[2].now);
    // Also for the public (KUBU is public).
    const anon = await as(null);
    assert.equal((await ladderTotals(anon))[3].now >= 1, true);
    await anon.goto(url(`/groups/${s.kubu}`));
    assert.equal(await anon.locator('svg.ladder-chart circle').last().getAttribute('data-step'), '3');
    assert.equal(await anon.locator('main').getByText('Kari Knutsen').count(), 0, 'the public sees the people');
  });

  test('2. the sprint group past its end date is flagged on its page and in the list, and closed with a result report', async () => {
    const dfd = await as('sb.dfd');
    await dfd.goto(url('/groups'));
    const row = (await groupRows(dfd)).find((r) => r.title === SPRINT);
    assert.ok(row, 'the sprint group is not listed');
    assert.match(row.text, /Over sluttdato/, 'the list does not flag it');
    assert.match(normText(await dfd.locator('main').innerText()), /1 sprintgruppe er over sluttdatoen og venter på en resultatrapport\./);
    await dfd.locator('#state').selectOption('overdue');
    await clickAndLoad(dfd, dfd.locator('main form.filters').getByRole('button', { name: 'Vis grupper', exact: true }));
    assert.deepEqual((await groupRows(dfd)).map((r) => r.title), [SPRINT], 'the «Over sluttdato» filter');
    await assertAxeClean(dfd, 'the group list filtered to overdue sprints, as sb.dfd');

    await clickAndLoad(dfd, dfd.locator('main').getByRole('link', { name: SPRINT, exact: true }));
    assert.equal(pathOf(dfd.url()), `/groups/${s.sprint}`);
    assert.equal(await dfd.locator('main .overdue').first().innerText(), 'Over sluttdato');
    const attention = dfd.getByRole('region', { name: 'Trenger oppfølging', exact: true });
    assert.match(normText(await attention.innerText()), /Sprinten skulle vært avsluttet .*Avslutt gruppen med en resultatrapport\./);

    await clickAndLoad(dfd, dfd.locator('main').getByRole('link', { name: 'Avslutt gruppen', exact: true }));
    assert.equal(pathOf(dfd.url()), `/groups/${s.sprint}/close`);
    const refused = await clickAndLoad(dfd, dfd.locator('main').getByRole('button', { name: 'Avslutt gruppen', exact: true }));
    assert.equal(refused.first.status(), 400, 'closing a sprint without a report');
    assert.deepEqual(await dfd.locator('main .ds-error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
      ['#explored', '#recommendation', '#next_step', '#confirm']);
    await assertAxeClean(dfd, 'the close form with errors, as sb.dfd');
    await dfd.getByLabel('Hva ble utforsket', { exact: true }).fill('To bruksområder: sortering av innkommende saker og utkast til svarbrev.');
    await dfd.getByLabel('Anbefaling', { exact: true }).fill('Ta i bruk sortering; vent med svarbrev.');
    await dfd.getByLabel('Neste steg', { exact: true }).fill('Pilot i to departementer i 2027.');
    await dfd.getByLabel('Tas videre av', { exact: true }).selectOption('DFD');
    await dfd.getByLabel('Jeg bekrefter at gruppen skal avsluttes i dag', { exact: true }).check();
    const closed = await clickAndLoad(dfd, dfd.locator('main').getByRole('button', { name: 'Avslutt gruppen', exact: true }));
    assert.equal(closed.first.status(), 303);
    assert.equal(pathOf(dfd.url()), `/groups/${s.sprint}`);
    assert.equal(await notice(dfd), 'Gruppen er avsluttet, og resultatrapporten er lagret.');
    const report = dfd.getByRole('region', { name: 'Resultatrapport', exact: true });
    assert.match(normText(await report.innerText()), /Ta i bruk sortering; vent med svarbrev\..*Pilot i to departementer i 2027\..*Tas videre av: Digitaliserings- og forvaltningsdepartementet/);
    assert.equal(await dfd.locator('main .overdue').count(), 0, 'still flagged after closing');
    await assertAxeClean(dfd, 'the closed sprint group, as sb.dfd');
    await dfd.goto(url('/groups'));
    assert.doesNotMatch((await groupRows(dfd)).find((r) => r.title === SPRINT).text, /Over sluttdato/);
    assert.match((await groupRows(dfd)).find((r) => r.title === SPRINT).text, /Avsluttet/);
  });

  test('3. outside the restricted group, nothing of it shows: lists, counts, charts, the community view, the API, its address', async () => {
    const member = await as('sb.dfd');
    await member.goto(url(`/groups/${s.budget}`));
    assert.equal(normText(await member.locator('h1').innerText()), BUDGET, 'its member opens it');
    const memberTotals = await ladderTotals(member);
    const memberGroups = (await (await member.request.get(url('/api/v1/groups'))).json()).count;
    const sum = (t) => Object.values(t).reduce((n, x) => n + x.now, 0);
    /** FIN's groups on step 2 now, from the per-ministry table of /ladder (the restricted group is FIN's). */
    const finOnStep2 = async (page) => {
      await page.goto(url('/ladder'));
      const cells = await page.locator('#ladder-ministries tr[data-ministry="FIN"] td').allInnerTexts();
      return parseInt(cells[1], 10);
    };

    for (const who of ['sb.kd', 'admin']) {
      const page = await as(who);
      const nothing = async (what) => {
        const html = await page.content();
        for (const x of [BUDGET, BUDGET_PROBLEM]) assert.ok(!html.includes(x), `${what} as ${who} shows «${x}»`);
      };
      for (const p of [`/groups/${s.budget}`, `/groups/${s.budget}/ladder`, `/groups/${s.budget}/members`, `/groups/${s.budget}/edit`]) {
        assert.equal((await page.goto(url(p))).status(), 404, `GET ${p} as ${who}`);
        await nothing(p);
      }
      const missing = await page.request.get(url('/groups/999999'));
      const hidden = await page.request.get(url(`/groups/${s.budget}`));
      const plain = async (res) => (await res.text()).replace(/<code>[^<]*<\/code>/g, '');   // without the request id
      assert.equal(hidden.status(), 404);
      assert.equal(await plain(hidden), await plain(missing), `the restricted group answers ${who} unlike a missing one`);
      for (const p of ['/groups', '/groups?state=active', '/groups?ministry=FIN', '/problems', '/problems?ministry=FIN']) {
        assert.equal((await page.goto(url(p))).status(), 200, `GET ${p}`);
        await nothing(p);
      }
      await page.goto(url('/groups?ministry=FIN'));
      assert.ok(!(await groupRows(page)).length || (await groupRows(page)).every((r) => r.title !== BUDGET));
      const totals = await ladderTotals(page);
      await nothing('/ladder');
      assert.equal(sum(totals), sum(memberTotals) - 1, `the groups counted on /ladder as ${who}`);
      assert.equal(totals[2].now, memberTotals[2].now - 1, `step 2 (where the restricted group stands) as ${who}`);
      assert.equal((await ladderBars(page))[2], totals[2].now, `the bars as ${who}`);
      assert.equal(await finOnStep2(page), (await finOnStep2(member)) - 1, `FIN's groups on step 2 as ${who}`);
      const api = await page.request.get(url('/api/v1/groups'));
      assert.equal((await api.json()).count, memberGroups - 1, `/api/v1/groups as ${who}`);
      assert.equal((await page.request.get(url(`/api/v1/groups/${s.budget}`))).status(), 404);
      await assertAxeClean(page, `/ladder as ${who}`);
    }
    // sb.kd is in KUBU but not here: «Bare grupper jeg er med i» shows KUBU, not the restricted group.
    const kd = await as('sb.kd');
    await kd.goto(url('/groups?mine=1'));
    const mine = (await groupRows(kd)).map((r) => r.title);
    assert.ok(mine.includes(KUBU) && !mine.includes(BUDGET), `mine as sb.kd: ${mine}`);
  });

  test('4. every group page is axe-clean in bokmål, nynorsk and English, and fits a 390 px phone', { timeout: 240_000 }, async () => {
    // dr.bfd leads KUBU and is BFD's secretary general: every form is open to him.
    const probe = await as('sb.dfd');
    const problems = (await (await probe.request.get(url('/api/v1/problems'))).json()).problems;
    const kubuProblem = problems.find((p) => p.group?.id === s.kubu);
    assert.ok(kubuProblem, 'KUBU owns a problem in the demo');
    const paths = ['/groups', `/groups/${s.kubu}`, `/groups/${s.kubu}/ladder`, '/ladder', '/problems',
      `/problems/${kubuProblem.id}`, '/groups/new', `/groups/${s.kubu}/edit`, `/groups/${s.kubu}/members`,
      `/groups/${s.kubu}/close`, '/problems/new', `/problems/${kubuProblem.id}/edit`, `/groups/${s.sprint}`];
    const problems_ = [];
    for (const lang of ['nb', 'nn', 'en']) {
      const ctx = await newAxeContext(browser, { locale: 'nb-NO', baseURL: server.baseURL, viewport: { width: 390, height: 844 } });
      ctx.setDefaultTimeout(30_000);
      try {
        const page = await ctx.newPage();
        await signIn(page, server.baseURL, 'dr.bfd', PASSWORD);
        const { hostname } = new URL(server.baseURL);
        await ctx.addCookies([{ name: 'samla_lang', value: lang, domain: hostname, path: '/' }]);
        const check = async (what) => {
          const facts = await page.evaluate(() => ({
            lang: document.documentElement.lang,
            h1: document.querySelectorAll('h1').length,
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          }));
          if (facts.lang !== lang) problems_.push(`${lang} ${what}: <html lang=${facts.lang}>`);
          if (facts.h1 !== 1) problems_.push(`${lang} ${what}: ${facts.h1} h1`);
          if (facts.overflow > 0) problems_.push(`${lang} ${what}: ${facts.overflow} px wider than a 390 px screen`);
          const v = await runAxe(page);
          if (v.length) problems_.push(`${lang} ${what}: axe:\n    ${formatViolations(v)}`);
          if (lang === 'nn') {
            const left = await page.evaluate(({ selector, patterns }) => {
              const found = [];
              for (const el of document.querySelectorAll(selector)) {
                const nb = el.closest('[lang="nb"]');
                if (nb && nb !== document.documentElement) continue;
                const text = el.textContent.replace(/\s+/g, ' ');
                for (const [source, flags] of patterns) {
                  const m = text.match(new RegExp(source, flags));
                  if (m) found.push(`«${m[0]}» in <${el.tagName.toLowerCase()}> ${JSON.stringify(text.trim().slice(0, 60))}`);
                }
              }
              return found;
            }, { selector: CHROME, patterns: BOKMAL_ONLY.map((r) => [r.source, r.flags]) });
            for (const w of left) problems_.push(`nn ${what}: bokmål left: ${w}`);
          }
        };
        for (const p of paths) {
          const res = await page.goto(url(p));
          if (res.status() !== 200) problems_.push(`${lang} ${p}: HTTP ${res.status()}`);
          await check(p);
        }
        // Forms with errors: a group without a name, a member without a username, a problem without owners.
        await page.goto(url('/groups/new'));
        await clickAndLoad(page, page.locator('main form button[type="submit"]'));
        await check('/groups/new with errors');
        await page.goto(url(`/groups/${s.kubu}/members`));
        await clickAndLoad(page, page.locator('main form[action$="/members"] button[type="submit"]'));
        await check('the members form with errors');
        await page.goto(url('/problems/new'));
        await page.locator('#owners').selectOption('');
        await clickAndLoad(page, page.locator('main form button[type="submit"]'));
        if ((await page.locator('main .ds-error-summary a').count()) < 2) problems_.push(`${lang}: /problems/new shows fewer than 2 errors`);
        await check('/problems/new with errors');
        // The confirmation page for ending a membership.
        await page.goto(url(`/groups/${s.kubu}/members`));
        const end = await page.locator('main a[href*="/members/"][href$="/end"]').first().getAttribute('href');
        await page.goto(url(end));
        await check(end);
      } finally {
        await ctx.close();
      }
    }
    assert.deepEqual(problems_, [], `${problems_.length} problem(s):\n${problems_.join('\n')}`);
  });
});
