// Browser test of cases and consultations: KD's case officer opens a law
// case, answers the study questions and sends a referral
// (departementsforeleggelse) to BFD, AID and KDD with a two-week deadline,
// and is warned; BFD answers with remarks and a document, AID with «ingen
// merknader»; KDD passes the deadline (the server is started again a day
// after it) and is shown overdue in KDD's inbox and in KD's; KD closes the
// round with a summary. A ministry outside the round (HOD) sees none of
// it: not the case, the answers, the documents, the counts or the timeline.
// Every page on the way is checked for layout and with axe-core (WCAG 2.1
// A/AA) in bokmål, nynorsk and English.
// Run: node --test --test-concurrency=1 tests/e2e/consult.test.mjs

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  REPO_ROOT, startServer, launchBrowser, newAxeContext, runAxe, formatViolations, clickAndLoad, pageFacts,
  sessionPool, normText,
} from './helpers.mjs';

const PASSWORD = 'samla-demo';
const SENT_ON = '2026-03-02';      // a Monday
const DEADLINE = '2026-03-16';     // two weeks: ten working days
const AFTER = '2026-03-17';        // the day after the deadline
const TITLE = 'Lov om felles digital skolestart';
const DOCUMENT = 'BFDs merknader til lovforslaget.pdf';
const STUDY = [
  'Overgangen fra barnehage til skole er for dårlig koordinert mellom tjenestene.',
  'Veiledning, en plikt i sektorlovene eller en felles lov.',
  'Forholdet til det kommunale selvstyret.',
  'Barn får bedre overganger; kommunene får noe mer arbeid de første årene.',
  'En plikt i sektorlovene, fordi den gir mest effekt for minst endring.',
  'Felles digitale løsninger og veiledning fra direktoratene.',
  'Felles digitale skjemaer kan spare foreldre og kommuner for dobbeltarbeid.',
];

let server;
let browser;
let pool;
const url = (p) => new URL(p, server.baseURL).href;
const visited = new Map();   // user → paths (GET) checked again in every language

function remember(user, page) {
  const p = new URL(page.url()).pathname;
  if (!visited.has(user)) visited.set(user, new Set());
  visited.get(user).add(p);
}

/** Axe violations and layout problems of the page as it stands (one h1, main, lang). */
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

/** Check the page now shown, and remember it for the other languages. */
async function check(user, page, { later = true } = {}) {
  if (later) remember(user, page);
  assert.deepEqual(await problemsHere(page), []);
}

/** The pages of each user (a Map user → paths) in nynorsk and English, signed in through the form. */
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

describe('samla cases and consultations (Chromium)', () => {
  before(async () => {
    server = await startServer({ env: { SAMLA_TODAY: SENT_ON } });
    browser = await launchBrowser();
    pool = sessionPool(server.baseURL, browser, PASSWORD);
  });

  after(async () => {
    await pool?.closeAll();
    await browser?.close();
    await server?.stop();
  });

  test('a referral from KD to BFD, AID and KDD, answered, overdue, closed; HOD sees none of it; every page in three languages', { timeout: 300_000 }, async () => {
    // 1. KD's case officer opens a law case; a missing title is refused first.
    const kd = await session('sb.kd');
    await kd.goto(url('/cases'), { waitUntil: 'load' });
    await check('sb.kd', kd);
    await clickAndLoad(kd, kd.locator('main').getByRole('link', { name: 'Ny sak', exact: true }));
    await check('sb.kd', kd);
    await kd.locator('#type').selectOption('law');
    let res = await clickAndLoad(kd, kd.getByRole('button', { name: 'Opprett saken', exact: true }));
    assert.equal(res.first.status(), 400);
    const summary = kd.locator('.ds-error-summary');
    assert.equal(await summary.getByRole('link', { name: 'Skriv en tittel.' }).getAttribute('href'), '#title');
    assert.deepEqual(await problemsHere(kd), []);
    await kd.locator('#title').fill(TITLE);
    await kd.locator('#summary').fill('Felles regler for overgangen fra barnehage til skole.');
    const affected = kd.locator('fieldset', { has: kd.locator('legend', { hasText: 'Berørte departementer' }) });
    for (const name of ['Barne- og familiedepartementet', 'Arbeids- og inkluderingsdepartementet',
      'Kommunal- og distriktsdepartementet']) {
      await affected.getByLabel(name, { exact: true }).check();
    }
    await kd.getByLabel('Vesentlige virkninger for kommunene eller fylkeskommunene', { exact: true }).check();
    assert.ok(await kd.locator('#visibility-restricted, #vis-restricted').isChecked(), 'restricted by default');
    res = await clickAndLoad(kd, kd.getByRole('button', { name: 'Opprett saken', exact: true }));
    assert.equal(res.first.status(), 303);
    const casePath = new URL(kd.url()).pathname;
    assert.match(casePath, /^\/cases\/\d+$/);
    const caseId = casePath.split('/').pop();
    assert.match(await notice(kd), /Saken er opprettet/);
    assert.deepEqual((await pageFacts(kd)).h1, [TITLE]);
    await check('sb.kd', kd);

    // 2. The study: the six questions of § 2-1 and the seventh, with a level.
    await clickAndLoad(kd, kd.locator('main').getByRole('link', { name: 'Skriv utredningen', exact: true }));
    await check('sb.kd', kd);
    assert.match(normText(await kd.locator('main').innerText()), /0 av 7 spørsmål er besvart/);
    await kd.getByLabel('Forenklet analyse', { exact: true }).check();
    const fields = ['study_problem', 'study_measures', 'study_principles', 'study_effects', 'study_recommendation',
      'study_prerequisites', 'study_opportunities'];
    for (let i = 0; i < fields.length; i++) await kd.locator(`#${fields[i]}`).fill(STUDY[i]);
    assert.equal(await kd.getByLabel('1. Hva er problemet, og hva vil vi oppnå?', { exact: true }).inputValue(), STUDY[0]);
    await clickAndLoad(kd, kd.getByRole('button', { name: 'Lagre utredningen', exact: true }));
    assert.match(await notice(kd), /Utredningen er lagret/);
    const main = normText(await kd.locator('main').innerText());
    assert.match(main, /7 av 7 spørsmål er besvart/);
    assert.match(main, /Minimumskravene i punkt 2-1 er besvart/);

    // 3. A referral to BFD, AID and KDD (suggested), two weeks: warned, then sent.
    await kd.goto(url(casePath), { waitUntil: 'load' });
    await clickAndLoad(kd, kd.locator('main').getByRole('link', { name: 'Send saken på runde', exact: true }));
    await check('sb.kd', kd);
    assert.ok(await kd.getByLabel('Departementsforeleggelse (punkt 3-2)', { exact: true }).isChecked());
    const recipients = kd.locator('fieldset', { has: kd.locator('legend', { hasText: 'Mottakere' }) });
    for (const name of ['Barne- og familiedepartementet', 'Arbeids- og inkluderingsdepartementet',
      'Kommunal- og distriktsdepartementet']) {
      assert.ok(await recipients.getByLabel(name, { exact: true }).isChecked(), `${name} suggested`);
    }
    assert.equal(await recipients.locator('input:checked').count(), 3);
    await kd.locator('#deadline').fill(DEADLINE);
    await kd.locator('#message').fill('Vi ber om merknader til utkastet til lovforslag.');
    res = await clickAndLoad(kd, kd.getByRole('button', { name: 'Send runden', exact: true }));
    assert.equal(res.first.status(), 200, 'the form again, with the warning');
    const warning = normText(await kd.locator('main .ds-alert[data-color="warning"]').innerText());
    assert.match(warning, /Fristen er kort/);
    assert.match(warning, /bare 10 arbeidsdager/);
    assert.match(warning, /minst tre uker/);
    assert.deepEqual(await problemsHere(kd), []);
    res = await clickAndLoad(kd, kd.getByRole('button', { name: 'Send likevel', exact: true }));
    assert.equal(res.first.status(), 303);
    const roundPath = new URL(kd.url()).pathname;
    assert.match(roundPath, /^\/consultations\/\d+$/);
    assert.match(await notice(kd), /Runden er sendt/);
    assert.match(normText(await kd.locator('main').innerText()), /bare 10 arbeidsdager/);
    await check('sb.kd', kd);
    const api = await kd.request.get(url(`/api/v1${roundPath}`));
    const round = await api.json();
    const answerOf = Object.fromEntries(round.answers.map((a) => [a.ministry, `/answers/${a.id}`]));
    assert.deepEqual(Object.keys(answerOf).sort(), ['AID', 'BFD', 'KDD']);

    // 4. BFD: the round in its inbox; takes it, attaches a document, answers with remarks.
    const bfd = await session('sb.bfd');
    await bfd.goto(url('/consultations'), { waitUntil: 'load' });
    await check('sb.bfd', bfd);
    const awaiting = bfd.locator('section', { has: bfd.locator('h2', { hasText: 'Venter på svar fra oss' }) });
    await clickAndLoad(bfd, awaiting.getByRole('link', { name: TITLE, exact: true }));
    assert.equal(new URL(bfd.url()).pathname, answerOf.BFD);
    await check('sb.bfd', bfd);
    await clickAndLoad(bfd, bfd.getByRole('button', { name: 'Ta svaret', exact: true }));
    assert.match(await notice(bfd), /Du har tatt svaret/);
    const pdf = await readFile(path.join(REPO_ROOT, 'tests', 'fixtures', 'attach', 'sample.pdf'));
    const docs = bfd.locator('section#vedlegg');
    await docs.getByLabel('Last opp et vedlegg', { exact: true }).setInputFiles({ name: DOCUMENT, mimeType: 'application/pdf', buffer: pdf });
    await clickAndLoad(bfd, docs.getByRole('button', { name: 'Last opp', exact: true }));
    const docHref = await bfd.locator('section#vedlegg table').getByRole('link', { name: DOCUMENT, exact: true }).getAttribute('href');
    await bfd.getByLabel('Merknader', { exact: true }).check();
    res = await clickAndLoad(bfd, bfd.getByRole('button', { name: 'Send svaret', exact: true }));
    assert.equal(res.first.status(), 400, 'remarks without text are refused');
    assert.equal(await bfd.locator('.ds-error-summary a').first().getAttribute('href'), '#text');
    assert.deepEqual(await problemsHere(bfd), []);
    await bfd.locator('#text').fill('Barnevernet må nevnes blant tjenestene som skal samarbeide.');
    await bfd.locator('#approved_by').fill('Ekspedisjonssjef Berit Bakke');
    await clickAndLoad(bfd, bfd.getByRole('button', { name: 'Send svaret', exact: true }));
    assert.match(await notice(bfd), /Svaret er sendt/);
    // BFD sees its own answer, not the others'.
    assert.equal((await bfd.request.get(url(answerOf.AID))).status(), 404);
    assert.equal((await bfd.request.get(url(answerOf.KDD))).status(), 404);

    // 5. AID: «ingen merknader», no text needed.
    const aid = await session('sb.aid');
    await aid.goto(url(answerOf.AID), { waitUntil: 'load' });
    await check('sb.aid', aid);
    await aid.getByLabel('Ingen merknader', { exact: true }).check();
    await clickAndLoad(aid, aid.getByRole('button', { name: 'Send svaret', exact: true }));
    assert.match(await notice(aid), /Svaret er sendt/);
    assert.equal((await aid.request.get(url(docHref))).status(), 404, 'AID does not get BFD\'s document');

    // 6. The day after the deadline: KDD has not answered.
    await server.restart({ env: { SAMLA_TODAY: AFTER } });
    const kdd = await session('sb.kdd');
    await kdd.goto(url('/consultations'), { waitUntil: 'load' });
    await check('sb.kdd', kdd);
    const kddRow = kdd.locator('main tr', { has: kdd.getByRole('link', { name: TITLE, exact: true }) });
    assert.match(normText(await kddRow.innerText()), /Frist passert/);
    assert.match(normText(await kdd.locator('main .ds-alert[data-color="danger"]').innerText()), /over fristen/);
    await kd.goto(url('/consultations'), { waitUntil: 'load' });
    await check('sb.kd', kd);
    const kdRow = kd.locator('main tr', { has: kd.getByRole('link', { name: TITLE, exact: true }) });
    assert.match(normText(await kdRow.innerText()), /Frist passert: KDD/);
    assert.match(normText(await kdRow.innerText()), /2 av 3/);
    await kd.goto(url(roundPath), { waitUntil: 'load' });
    const table = normText(await kd.locator('main section', { has: kd.locator('h2', { hasText: 'Svar fra departementene' }) }).innerText());
    assert.match(table, /Barne- og familiedepartementet Merknader/);
    assert.match(table, /Arbeids- og inkluderingsdepartementet Ingen merknader/);
    assert.match(table, /Kommunal- og distriktsdepartementet Frist passert/);

    // 7. KD closes the round with a summary (confirmed on its own page).
    await clickAndLoad(kd, kd.locator('main').getByRole('link', { name: 'Avslutt runden', exact: true }));
    await check('sb.kd', kd, { later: false });   /* the page is gone once the round is closed: now, in all three */
    assert.deepEqual(await inLanguages(new Map([['sb.kd', [new URL(kd.url()).pathname]]])), []);
    res = await clickAndLoad(kd, kd.locator('main').getByRole('button', { name: 'Avslutt runden', exact: true }));
    assert.equal(res.first.status(), 400, 'a summary is required');
    assert.equal(await kd.locator('.ds-error-summary a').first().getAttribute('href'), '#summary');
    await kd.locator('#summary').fill('BFD og AID har svart; KDD svarte ikke. Barnevernet tas inn i lovforslaget.');
    await clickAndLoad(kd, kd.locator('main').getByRole('button', { name: 'Avslutt runden', exact: true }));
    assert.match(await notice(kd), /Runden er avsluttet/);
    assert.match(normText(await kd.locator('main .tags').innerText()), /Avsluttet/);
    await kd.goto(url(`${casePath}/timeline`), { waitUntil: 'load' });
    await check('sb.kd', kd);
    const timeline = normText(await kd.locator('main ol').innerText());
    for (const want of [/Saken ble opprettet/, /Utredningen ble besvart: spørsmål 1, 2, 3, 4, 5, 6, 7/,
      /Departementsforeleggelse sendt til AID, BFD, KDD/, /BFD svarte: Merknader/, /AID svarte: Ingen merknader/,
      /Departementsforeleggelse ble avsluttet/]) {
      assert.match(timeline, want);
    }
    await kd.goto(url(`/records/${caseId}/history`), { waitUntil: 'load' });
    await check('sb.kd', kd);

    // 8. HOD, outside the round: nothing of it, anywhere.
    const hod = await session('ansatt.hod');
    for (const p of [casePath, `${casePath}/study`, `${casePath}/timeline`, roundPath, answerOf.BFD, answerOf.AID,
      answerOf.KDD, docHref, `/records/${caseId}/history`, `/api/v1${casePath}`, `/api/v1${casePath}/timeline`,
      `/api/v1${roundPath}`, `/api/v1${answerOf.BFD}`, `/api/v1/records/${caseId}/attachments`]) {
      assert.equal((await hod.request.get(url(p))).status(), 404, `HOD: ${p}`);
    }
    for (const p of ['/cases', '/consultations', '/notifications', '/api/v1/cases', '/api/v1/consultations',
      '/api/v1/notifications']) {
      const r = await hod.request.get(url(p));
      assert.equal(r.status(), 200, p);
      const body = await r.text();
      assert.ok(!body.includes(TITLE), `HOD: ${p} shows the case`);
      assert.ok(!body.includes(DOCUMENT), `HOD: ${p} shows the document`);
    }
    const ids = async (page) => (await (await page.request.get(url('/api/v1/cases'))).json()).cases.map((c) => String(c.id));
    assert.ok((await ids(kd)).includes(caseId));
    const theirs = await ids(hod);
    assert.ok(!theirs.includes(caseId));
    await hod.goto(url('/cases'), { waitUntil: 'load' });
    const shown = Number((await hod.locator('main [role="status"]').innerText()).match(/\d+/)[0]);
    assert.equal(shown, theirs.length, 'the count on the page is the count of what HOD may read');
    assert.equal(await hod.locator('main tbody tr').count(), theirs.length);
    await check('ansatt.hod', hod);

    // The secretary general's overview.
    const dr = await session('dr.bfd');
    await dr.goto(url('/dashboard'), { waitUntil: 'load' });
    assert.match(normText(await dr.locator('main').innerText()), /Foreleggelser og høringer/);
    await check('dr.bfd', dr);

    // 9. Every page on the way, again in nynorsk and English.
    const problems = await inLanguages(visited);
    assert.deepEqual(problems, [], problems.join('\n'));
  });
});
