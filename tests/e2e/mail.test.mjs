// Browser test of the e-mail pages: «E-postvarsler» (each person's choice
// per kind), the unsubscribe page reached from a real e-mail's
// List-Unsubscribe link without signing in, and the administrators'
// outbox (status, a test mail, errors shown in the error summary).  The
// mail goes through a real SMTP server (tests/mail/smtpd.py, aiosmtpd)
// started here.  Every page is axe-clean in bokmål, nynorsk and English
// and fits a 390 px wide phone.
// Run: node --test tests/e2e/mail.test.mjs

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  startServer, launchBrowser, runAxe, formatViolations, normText, clickAndLoad, newAxeContext, signIn, freePort,
  REPO_ROOT, SAMLA_BIN,
} from './helpers.mjs';

const PASSWORD = 'samla-demo';
const KARI = 'kari.knutsen@example.invalid';

let server;
let browser;
let smtpd;
let spool;
const url = (p) => new URL(p, server.baseURL).href;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The messages the SMTP server accepted, as { to, headers, raw }. */
async function mails() {
  const out = [];
  for (const f of (await readdir(spool)).filter((n) => n.endsWith('.eml')).sort()) {
    const raw = await readFile(path.join(spool, f), 'utf8');
    const head = raw.split('\r\n\r\n')[0].replace(/\r\n[ \t]+/g, ' ');
    const headers = {};
    for (const line of head.split('\r\n')) {
      const i = line.indexOf(':');
      headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
    }
    out.push({ to: headers['x-envelope-to'], headers, raw });
  }
  return out;
}

/** A mention mailed to Kari (the demo's deadlines may mail her reminders too). */
const mentionOfKari = (m) => m.to === KARI && /k=mention/.test(m.headers['list-unsubscribe'] || '');

async function assertClean(page, lang, what, problems) {
  const facts = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    h1: document.querySelectorAll('h1').length,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  }));
  if (facts.lang !== lang) problems.push(`${lang} ${what}: <html lang=${facts.lang}>`);
  if (facts.h1 !== 1) problems.push(`${lang} ${what}: ${facts.h1} h1`);
  if (facts.overflow > 0) problems.push(`${lang} ${what}: ${facts.overflow} px wider than a 390 px screen`);
  const v = await runAxe(page);
  if (v.length) problems.push(`${lang} ${what}: axe:\n    ${formatViolations(v)}`);
  if (lang === 'nn') {
    // bokmål words that nynorsk writes otherwise (ikkje, kva, vel, nemner, oppgåver, varsla, fram)
    const text = normText(await page.locator('main').innerText());
    const left = text.match(/\b(ikke|hvilken|hvilke|Velg|nevner|oppgaver|varslene|sendes|frem)\b/g);
    if (left) problems.push(`nn ${what}: bokmål left: ${[...new Set(left)].join(', ')}`);
  }
}

/** A 390 px wide browser context in lang, signed in as username (null: anonymous). */
async function context(lang, username) {
  const ctx = await newAxeContext(browser, { locale: 'nb-NO', baseURL: server.baseURL, viewport: { width: 390, height: 844 } });
  ctx.setDefaultTimeout(30_000);
  const page = await ctx.newPage();
  if (username) await signIn(page, server.baseURL, username, PASSWORD);
  const { hostname } = new URL(server.baseURL);
  await ctx.addCookies([{ name: 'samla_lang', value: lang, domain: hostname, path: '/' }]);
  return { ctx, page };
}

describe('e-mail pages', () => {
  before(async () => {
    spool = await mkdtemp(path.join(os.tmpdir(), 'samla-smtp-'));
    const port = await freePort();
    smtpd = spawn('/usr/bin/python3', [path.join(REPO_ROOT, 'tests/mail/smtpd.py'), spool, String(port)],
      { stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise((resolve, reject) => {
      smtpd.stdout.once('data', resolve);
      smtpd.once('exit', () => reject(new Error('the SMTP server did not start')));
    });
    server = await startServer({
      env: {
        SAMLA_SMTP_URL: `smtp://127.0.0.1:${port}`, SAMLA_SMTP_TLS: 'none', SAMLA_MAIL_FROM: 'samla@dep.example',
        SAMLA_BASE_URL: 'https://samla.example', SAMLA_MAIL_TICK: '1',
      },
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    smtpd?.kill('SIGINT');
    if (spool) await rm(spool, { recursive: true, force: true });
  });

  test('a mention is mailed; its unsubscribe link works without signing in; the pages are axe-clean in three languages',
    { timeout: 240_000 }, async () => {
      // sb.bfd mentions sb.kd through the API; the mail reaches the server.
      const token = execFileSync(SAMLA_BIN, ['token', 'create', '--data', server.dataDir, '--user', 'sb.bfd', '--name', 'e2e'],
        { encoding: 'utf8' }).trim().split('\n').pop();
      const res = await fetch(url('/api/v1/records/1/comments'), {
        method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: '@sb.kd kan du se på dette?' }),
      });
      assert.equal(res.status, 201);
      let got = [];
      for (let i = 0; i < 100 && !got.length; i++) {
        await sleep(100);
        got = (await mails()).filter(mentionOfKari);
      }
      assert.equal(got.length, 1, 'one mail to the mentioned person');
      const unsub = new URL(got[0].headers['list-unsubscribe'].replace(/[<>]/g, ''));
      const unsubPath = unsub.pathname + unsub.search;

      const problems = [];
      for (const lang of ['nb', 'nn', 'en']) {
        // Anonymous: the unsubscribe confirmation, and a forged link.
        const { ctx: anon, page } = await context(lang, null);
        try {
          let r = await page.goto(url(unsubPath));
          assert.equal(r.status(), 200);
          assert.match(normText(await page.locator('main').innerText()), /Kari Knutsen/);
          await assertClean(page, lang, 'the unsubscribe page', problems);
          r = await page.goto(url(unsubPath.replace('k=mention', 'k=answer')));
          assert.equal(r.status(), 403);
          await assertClean(page, lang, 'a forged unsubscribe link', problems);
          if (lang === 'en') {
            // The last language unsubscribes, with the button, and sees it done.
            await page.goto(url(unsubPath));
            await clickAndLoad(page, page.locator('main form button[type="submit"]'));
            assert.match(normText(await page.locator('main .ds-alert[role="status"]').innerText()), /no longer get/);
            await assertClean(page, lang, 'unsubscribed', problems);
          }
        } finally {
          await anon.close();
        }
        // sb.kd: the preferences, saved, and with an error.
        const { ctx: kari, page: kpage } = await context(lang, 'sb.kd');
        try {
          const page = kpage;
          await page.goto(url('/account/mail'));
          await assertClean(page, lang, '/account/mail', problems);
          await page.locator('#deadline-daily').check();
          await clickAndLoad(page, page.locator('main form button[type="submit"]'));
          assert.equal(await page.locator('main .ds-alert[role="status"]').count(), 1, 'a success message');
          assert.ok(await page.locator('#deadline-daily').isChecked());
          await assertClean(page, lang, '/account/mail saved', problems);
          await page.evaluate(() => { const r = document.querySelector('#answer'); r.value = 'sometimes'; r.checked = true; });
          await clickAndLoad(page, page.locator('main form button[type="submit"]'));
          assert.equal(await page.locator('main .ds-error-summary a[href="#answer"]').count(), 1);
          await assertClean(page, lang, '/account/mail with an error', problems);
        } finally {
          await kari.close();
        }
        // admin: the outbox, a test mail with a bad address, then a good one.
        const { ctx: admin, page: apage } = await context(lang, 'admin');
        try {
          const page = apage;
          await page.goto(url('/admin/mail'));
          await assertClean(page, lang, '/admin/mail', problems);
          await page.locator('#to').fill('ikke en adresse');
          await clickAndLoad(page, page.locator('main form[action="/admin/mail/test"] button[type="submit"]'));
          assert.equal(await page.locator('main .ds-error-summary a[href="#to"]').count(), 1);
          await assertClean(page, lang, '/admin/mail with an error', problems);
          await page.locator('#to').fill(`drift-${lang}@dep.example`);
          await clickAndLoad(page, page.locator('main form[action="/admin/mail/test"] button[type="submit"]'));
          assert.equal(await page.locator('main .ds-alert[role="status"]').count(), 1, 'a success message');
          await assertClean(page, lang, '/admin/mail after a test mail', problems);
        } finally {
          await admin.close();
        }
      }
      assert.deepEqual(problems, []);
      // The unsubscribed kind is off; the test mails arrived.
      const kariMail = (await mails()).filter(mentionOfKari).length;
      for (let i = 0; i < 50 && (await mails()).filter((m) => /^drift-/.test(m.to)).length < 3; i++) await sleep(100);
      assert.equal((await mails()).filter((m) => /^drift-/.test(m.to)).length, 3);
      const again = await fetch(url('/api/v1/records/2/comments'), {
        method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: '@sb.kd en gang til' }),
      });
      assert.equal(again.status, 201);
      await sleep(2500);
      assert.equal((await mails()).filter(mentionOfKari).length, kariMail, 'no mention mail after unsubscribing');
    });
});
