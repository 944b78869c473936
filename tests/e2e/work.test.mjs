// Browser test of meetings, decisions, tasks, goal interactions and the
// dashboards: in KUBU's next meeting, an agenda item becomes a decision
// with a follow-up task for HOD; HOD's secretary general lands on her
// dashboard after signing in and sees the task, flagged once overdue (the
// server is started again after the deadline). KD registers a negative
// interaction against an HOD goal: it awaits HOD on the dashboard until
// HOD answers. The meeting's .ics and the secret calendar feed are parsed
// by Debian's python3-icalendar. The restricted budget group's meeting,
// decision and task reach no one outside it. Every page on the way is
// checked with axe-core (WCAG 2.1 A/AA) in bokmål, nynorsk and English.
// Run: node --test --test-concurrency=1 tests/e2e/work.test.mjs

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  startServer, launchBrowser, newAxeContext, runAxe, formatViolations, clickAndLoad, pageFacts, sessionPool,
  normText, httpGet, submitSignIn,
} from './helpers.mjs';

const PASSWORD = 'samla-demo';
const TODAY = '2026-03-02';
const AFTER = '2026-03-23';        // after the task's deadline
const DUE = '2026-03-20';
const ITEM = 'Forslag til felles tiltak for skolehelsetjenesten';
const DECISION = 'Felles tiltak for skolehelsetjenesten';
const TASK = 'Utrede felles tiltak for skolehelsetjenesten';
const NEXT_MEETING = 'KUBU: arbeidsmøte om skolehelsetjenesten';
const JUSTIFICATION = 'Oppdraget binder kapasitet i helsestasjonene som ellers går til psykisk helsehjelp.';

let server;
let browser;
let pool;
const url = (p) => new URL(p, server.baseURL).href;
const visited = new Map();

function remember(user, page) {
  const u = new URL(page.url());
  if (!visited.has(user)) visited.set(user, new Set());
  visited.get(user).add(u.pathname + u.search);
}

async function problemsHere(page, lang = 'nb') {
  const problems = [];
  const facts = await pageFacts(page);
  if (facts.lang !== lang) problems.push(`<html lang=${JSON.stringify(facts.lang)}>, want ${lang}`);
  if (facts.h1.length !== 1) problems.push(`${facts.h1.length} <h1> elements`);
  if (facts.mainCount !== 1) problems.push(`${facts.mainCount} main landmarks`);
  const v = await runAxe(page);
  if (v.length) problems.push(`axe: ${formatViolations(v)}`);
  return problems.map((x) => `${new URL(page.url()).pathname}: ${x}`);
}

async function check(user, page, { later = true } = {}) {
  if (later) remember(user, page);
  assert.deepEqual(await problemsHere(page), []);
}

async function inLanguages(pages) {
  const problems = [];
  for (const lang of ['nn', 'en']) {
    for (const [user, paths] of pages) {
      const ctx = await newAxeContext(browser, { locale: 'nb-NO', baseURL: server.baseURL });
      try {
        ctx.setDefaultTimeout(30_000);
        await ctx.addCookies([{ name: 'samla_lang', value: lang, domain: '127.0.0.1', path: '/' }]);
        const page = await ctx.newPage();
        await page.goto('/login', { waitUntil: 'load' });
        await page.locator('#username').fill(user);
        await page.locator('#password').fill(PASSWORD);
        await clickAndLoad(page, page.locator('main button[type="submit"]'));
        for (const p of paths) {
          const r = await page.goto(p, { waitUntil: 'load' });
          if (r.status() !== 200) problems.push(`${lang} ${user} ${p}: HTTP ${r.status()}`);
          problems.push(...(await problemsHere(page, lang)).map((x) => `${lang} ${user} ${x}`));
        }
      } finally {
        await ctx.close();
      }
    }
  }
  return problems;
}

async function session(user) {
  return (await pool.newSession(user, { axe: true })).page;
}

const notice = (page) => page.locator('main [role="status"]').last().innerText();

/** Parse an iCalendar text with python3-icalendar (Debian's); its events as JSON. */
async function parseIcs(text) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'samla-ics-'));
  const file = path.join(dir, 'c.ics');
  await writeFile(file, text);
  const script = [
    'import icalendar, json, sys',
    'cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())',
    'tz = [str(t["TZID"]) for t in cal.walk("VTIMEZONE")]',
    'ev = []',
    'for e in cal.walk("VEVENT"):',
    '    s = e.decoded("DTSTART")',
    '    d = {"uid": str(e["UID"]), "summary": str(e["SUMMARY"]), "start": s.isoformat(),',
    '         "tzid": e["DTSTART"].params.get("TZID"), "stamp": "DTSTAMP" in e}',
    '    if "DTEND" in e: d["end"] = e.decoded("DTEND").isoformat()',
    '    if "LOCATION" in e: d["location"] = str(e["LOCATION"])',
    '    ev.append(d)',
    'print(json.dumps({"version": str(cal["VERSION"]), "timezones": tz, "events": ev}))',
  ].join('\n');
  try {
    const out = await new Promise((resolve, reject) => {
      execFile('/usr/bin/python3', ['-c', script, file], (err, stdout, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve(stdout)));
    });
    return JSON.parse(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('samla meetings, decisions, tasks, interactions and dashboards (Chromium)', () => {
  before(async () => {
    server = await startServer({ env: { SAMLA_TODAY: TODAY } });
    browser = await launchBrowser();
    pool = sessionPool(server.baseURL, browser, PASSWORD);
  });

  after(async () => {
    await pool?.closeAll();
    await browser?.close();
    await server?.stop();
  });

  test('an agenda item becomes a decision with a task for HOD, overdue on the dashboard; an interaction awaits HOD until answered; .ics; nothing of a restricted group leaks; three languages', { timeout: 420_000 }, async () => {
    // 1. KUBU's secretariat (sb.bfd) opens the next meeting and makes the first item a decision with a task.
    const bfd = await session('sb.bfd');
    await bfd.goto(url('/meetings'), { waitUntil: 'load' });
    await check('sb.bfd', bfd);
    await clickAndLoad(bfd, bfd.locator('main').getByRole('link', { name: NEXT_MEETING, exact: true }));
    const meetingPath = new URL(bfd.url()).pathname;
    assert.match(meetingPath, /^\/meetings\/\d+$/);
    await check('sb.bfd', bfd);
    const item = bfd.locator('main li', { has: bfd.locator('h3', { hasText: ITEM }) });
    await clickAndLoad(bfd, item.getByRole('link', { name: /Gjør til vedtak/ }));
    await check('sb.bfd', bfd, { later: false });   /* used below; the other item's forms are checked in every language */
    assert.equal(await bfd.locator('#title').inputValue(), ITEM, 'the title of the item is proposed');
    // Every problem at once: no text, and a responsible person outside the responsible ministry.
    await bfd.locator('#title').fill(DECISION);
    await bfd.locator('#task_title').fill(TASK);
    await bfd.locator('#task_ministry').selectOption('HOD');
    await bfd.locator('#task_assignee').selectOption('sb.kd');
    let res = await clickAndLoad(bfd, bfd.getByRole('button', { name: 'Lagre vedtaket', exact: true }));
    assert.equal(res.first.status(), 400);
    const summary = bfd.locator('.ds-error-summary');
    assert.equal(await summary.getByRole('link', { name: 'Skriv hva som ble vedtatt.' }).getAttribute('href'), '#text');
    assert.equal(await summary.getByRole('link', { name: /må arbeide i ansvarlig departement/ }).getAttribute('href'),
      '#task_assignee');
    assert.deepEqual(await problemsHere(bfd), []);
    await bfd.locator('#text').fill('HOD utreder et felles tiltak for skolehelsetjenesten sammen med KD.');
    const by = bfd.locator('fieldset', { has: bfd.locator('legend', { hasText: 'Vedtatt av departementer' }) });
    await by.getByLabel('Helse- og omsorgsdepartementet', { exact: true }).check();
    await bfd.locator('#task_assignee').selectOption('ansatt.hod');
    await bfd.locator('#task_due_on').fill(DUE);
    res = await clickAndLoad(bfd, bfd.getByRole('button', { name: 'Lagre vedtaket', exact: true }));
    assert.equal(res.first.status(), 303);
    const decisionPath = new URL(bfd.url()).pathname;
    assert.match(decisionPath, /^\/decisions\/\d+$/);
    assert.match(await notice(bfd), /Vedtaket er registrert/);
    assert.deepEqual((await pageFacts(bfd)).h1, [DECISION]);
    const tasks = bfd.locator('section', { has: bfd.locator('h2', { hasText: 'Oppfølgingsoppgaver' }) });
    await clickAndLoad(bfd, tasks.getByRole('link', { name: TASK, exact: true }));
    const taskPath = new URL(bfd.url()).pathname;
    assert.match(normText(await bfd.locator('main').innerText()), /Hanne Haugen \(HOD\)/);
    await check('sb.bfd', bfd);
    await bfd.goto(url(meetingPath), { waitUntil: 'load' });
    assert.ok(await item.getByRole('link', { name: DECISION, exact: true }).isVisible(), 'the item links its decision');
    await bfd.goto(url(decisionPath), { waitUntil: 'load' });
    await check('sb.bfd', bfd);
    const other = bfd.locator('main li', { has: bfd.locator('h3', { hasText: 'Eventuelt' }) });
    for (const name of [/Gjør til vedtak/, /Gjør til oppgave/]) {
      await bfd.goto(url(meetingPath), { waitUntil: 'load' });
      await clickAndLoad(bfd, other.getByRole('link', { name }));
      await check('sb.bfd', bfd);
    }

    // 2. HOD's secretary general signs in and lands on her dashboard, with the task, not overdue yet.
    const dr = await session(null);
    await dr.goto(url('/login'), { waitUntil: 'load' });
    await submitSignIn(dr, 'dr.hod', PASSWORD);
    assert.equal(new URL(dr.url()).pathname, '/dashboard', 'the secretary general lands on the dashboard');
    let row = dr.locator('main li', { has: dr.getByRole('link', { name: TASK, exact: true }) });
    assert.equal(await row.count(), 1, 'the task is on the dashboard');
    assert.ok(!(await row.innerText()).includes('Over fristen'));
    await check('dr.hod', dr);

    // An employee lands on the start page.
    const hod = await session(null);
    await hod.goto(url('/login'), { waitUntil: 'load' });
    await submitSignIn(hod, 'ansatt.hod', PASSWORD);
    assert.equal(new URL(hod.url()).pathname, '/start');
    assert.ok(await hod.locator('main').getByRole('link', { name: TASK, exact: true }).isVisible());
    await check('ansatt.hod', hod);
    await hod.goto(url('/community'), { waitUntil: 'load' });
    await check('ansatt.hod', hod);

    // 3. The meeting's .ics imports: a real iCalendar parser reads it.
    const ics = await dr.request.get(url(`${meetingPath}/calendar.ics`));
    assert.equal(ics.status(), 200);
    assert.match(ics.headers()['content-type'], /^text\/calendar/);
    const cal = await parseIcs(await ics.text());
    assert.equal(cal.version, '2.0');
    assert.deepEqual(cal.timezones, ['Europe/Oslo']);
    assert.equal(cal.events.length, 1);
    assert.equal(cal.events[0].summary, NEXT_MEETING);
    assert.equal(cal.events[0].tzid, 'Europe/Oslo');
    assert.equal(cal.events[0].start, '2026-03-05T13:00:00+01:00');
    assert.equal(cal.events[0].end, '2026-03-05T14:30:00+01:00');
    assert.ok(cal.events[0].stamp);
    assert.match(cal.events[0].uid, /^meeting-\d+@samla$/);

    // 4. KD registers a negative interaction against an HOD goal, from the decision.
    const kd = await session('sb.kd');
    await kd.goto(url(decisionPath), { waitUntil: 'load' });
    await clickAndLoad(kd, kd.locator('main').getByRole('link', { name: 'Registrer samspill med et annet departements mål' }));
    await check('sb.kd', kd);
    res = await clickAndLoad(kd, kd.getByRole('button', { name: 'Registrer og be om svar', exact: true }));
    assert.equal(res.first.status(), 400, 'nothing chosen');
    assert.equal(await kd.locator('.ds-error-summary a').count(), 3);
    assert.deepEqual(await problemsHere(kd), []);
    await kd.locator('#goal').selectOption('HOD-1');
    await kd.getByLabel('−2 Motvirker', { exact: true }).check();
    await kd.locator('#justification').fill(JUSTIFICATION);
    res = await clickAndLoad(kd, kd.getByRole('button', { name: 'Registrer og be om svar', exact: true }));
    assert.equal(res.first.status(), 303);
    const interactionPath = new URL(kd.url()).pathname;
    assert.match(await notice(kd), /bedt om å svare/);
    await check('sb.kd', kd);
    await kd.goto(url('/interactions/matrix'), { waitUntil: 'load' });
    await check('sb.kd', kd);
    await kd.goto(url(`/interactions?source=${decisionPath.split('/').pop()}`), { waitUntil: 'load' });
    assert.equal(await kd.locator(`main a[href="${interactionPath}"]`).count(), 1, 'listed under its decision');
    await check('sb.kd', kd);

    // It awaits HOD on the secretary general's dashboard …
    const awaitingHod = async () => {
      await dr.goto(url('/dashboard'), { waitUntil: 'load' });
      const list = dr.locator('main ul[aria-labelledby="ix-await"]');
      return (await list.count()) ? list.locator(`a[href="${interactionPath}"]`).count() : 0;
    };
    assert.equal(await awaitingHod(), 1, 'awaiting HOD on the dashboard');
    // … until HOD answers.
    await dr.goto(url(interactionPath), { waitUntil: 'load' });
    await check('dr.hod', dr);
    await dr.getByLabel('Merknad', { exact: true }).check();
    res = await clickAndLoad(dr, dr.getByRole('button', { name: 'Send svaret', exact: true }));
    assert.equal(res.first.status(), 400, 'a remark needs its text');
    await dr.locator('#text').fill('Vi ber om at kapasiteten i helsestasjonene vurderes før oppdraget gis.');
    res = await clickAndLoad(dr, dr.getByRole('button', { name: 'Send svaret', exact: true }));
    assert.equal(res.first.status(), 303);
    assert.match(await notice(dr), /Svaret er sendt/);
    assert.equal(await awaitingHod(), 0, 'no longer awaiting HOD');
    await dr.goto(url('/interactions'), { waitUntil: 'load' });
    await check('dr.hod', dr);

    // 5. The calendar feed: a secret address, read without signing in.
    await hod.goto(url('/account/calendar'), { waitUntil: 'load' });
    await check('ansatt.hod', hod);
    await clickAndLoad(hod, hod.getByRole('button', { name: 'Lag adresse', exact: true }));
    await check('ansatt.hod', hod, { later: false });
    const feedPath = await hod.locator('main').getByRole('link', { name: 'Kalenderadressen din' }).getAttribute('href');
    const feed = await httpGet(url(feedPath));
    assert.equal(feed.status, 200);
    const fcal = await parseIcs(feed.body);
    const summaries = fcal.events.map((e) => e.summary);
    assert.ok(summaries.includes(NEXT_MEETING), 'her KUBU meeting');
    assert.ok(summaries.includes(`Frist: ${TASK}`), 'her task\'s deadline');
    assert.ok(!summaries.some((s) => s.startsWith('Budsjettgruppen')), 'not the budget group\'s meeting');

    // 6. The restricted budget group: its member reads its work; nobody else, anywhere.
    const dfd = await session('sb.dfd');
    const mine = async (kind) => (await (await dfd.request.get(url(`/api/v1/${kind}`))).json())[kind];
    const budgetMeeting = (await mine('meetings')).find((m) => m.title.startsWith('Budsjettgruppen'));
    const budgetDecision = (await mine('decisions')).find((d) => d.title === 'Fordelingsnøkkel etter antall ansatte');
    const budgetTask = (await mine('tasks')).find((t) => t.title === 'Beregne fordelingen for fellestjenestene');
    assert.ok(budgetMeeting && budgetDecision && budgetTask, 'the member reads them');
    const secret = [budgetMeeting.title, budgetDecision.title, budgetTask.title];
    for (const [user, page] of [['sb.kd', kd], ['dr.hod', dr], ['ansatt.hod', hod], ['sb.bfd', bfd]]) {
      for (const p of [`/meetings/${budgetMeeting.id}`, `/meetings/${budgetMeeting.id}/calendar.ics`,
        `/decisions/${budgetDecision.id}`, `/tasks/${budgetTask.id}`, `/api/v1/meetings/${budgetMeeting.id}`,
        `/api/v1/decisions/${budgetDecision.id}`, `/api/v1/tasks/${budgetTask.id}`,
        `/records/${budgetMeeting.id}/history`]) {
        assert.equal((await page.request.get(url(p))).status(), 404, `${user}: ${p}`);
      }
      for (const p of ['/meetings?all=1', '/decisions', '/tasks?ministry=DFD&closed=1', '/start', '/community',
        '/dashboard', '/interactions', '/api/v1/meetings', '/api/v1/decisions', '/api/v1/tasks',
        '/search?q=fordelingsn%C3%B8kkel', '/api/v1/search?q=budsjettgruppen']) {
        const r = await page.request.get(url(p));
        const body = await r.text();
        for (const t of secret) assert.ok(!body.includes(t), `${user}: ${p} shows «${t}»`);
      }
    }

    // 7. After the deadline (the server started again later), the task is flagged on the dashboard.
    await server.restart({ env: { SAMLA_TODAY: AFTER } });
    await dr.goto(url('/dashboard'), { waitUntil: 'load' });
    row = dr.locator('main li', { has: dr.getByRole('link', { name: TASK, exact: true }) });
    assert.equal(await row.count(), 1);
    assert.match(await row.innerText(), /Over fristen/);
    await check('dr.hod', dr);
    await dr.goto(url(taskPath), { waitUntil: 'load' });
    assert.match(normText(await dr.locator('main .tags').innerText()), /Over fristen/);
    await check('dr.hod', dr);

    // More pages to check: forms and lists.
    const kubu = (await (await bfd.request.get(url(`/api/v1${meetingPath}`))).json()).group_id;
    await bfd.goto(url(`/groups/${kubu}`), { waitUntil: 'load' });
    await clickAndLoad(bfd, bfd.locator('main section', { has: bfd.locator('h2', { hasText: 'Møter, vedtak og oppgaver' }) })
      .getByRole('link', { name: 'Møter', exact: true }));
    assert.ok(await bfd.locator('main').getByRole('link', { name: NEXT_MEETING, exact: true }).isVisible());
    await check('sb.bfd', bfd);
    for (const p of ['/meetings/new', `${meetingPath}/edit`, '/tasks', '/tasks/new', '/decisions', '/decisions/new',
      `${decisionPath}/edit`, `/decisions?group=${kubu}`, `/tasks?group=${kubu}`]) {
      await bfd.goto(url(p), { waitUntil: 'load' });
      await check('sb.bfd', bfd);
    }

    // The community page as the public sees it, in all three languages: no decisions (they are internal).
    for (const lang of ['nb', 'nn', 'en']) {
      const ctx = await newAxeContext(browser, { locale: 'nb-NO', baseURL: server.baseURL });
      try {
        await ctx.addCookies([{ name: 'samla_lang', value: lang, domain: '127.0.0.1', path: '/' }]);
        const page = await ctx.newPage();
        const r = await page.goto('/community', { waitUntil: 'load' });
        assert.equal(r.status(), 200);
        assert.ok(!(await page.locator('main').innerText()).includes(DECISION), 'the public sees no decisions');
        assert.deepEqual(await problemsHere(page, lang), []);
      } finally {
        await ctx.close();
      }
    }

    // 8. Every page on the way, again in nynorsk and English.
    const problems = await inLanguages(visited);
    assert.deepEqual(problems, [], problems.join('\n'));
  });
});
