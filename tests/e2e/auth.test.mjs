// Browser tests of sign-in, roles and what each user may see and do.
// Run: node --test --test-concurrency=1 tests/e2e/
//
// Every sign-in goes through the real form at /login (labelled fields, the
// «Logg inn» button); the browser carries the CSRF field and cookie. One
// server serves the whole file; test e) puts the measure it changes back as it found it. Measures are
// named as in the period in force (DEMO in helpers.mjs).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, newAxeContext, runAxe, formatViolations, normText, httpGet,
  watchConsole, clickAndLoad, submitSignIn, signIn, layoutProblems,
  sessionPool, DEMO,
} from './helpers.mjs';

const PASSWORD = 'samla-demo';
const USERS = [
  { username: 'admin', name: 'Alex Administrator' },
  { username: 'sekretariat', name: 'Sigrid Strand' },
  { username: 'dr.bfd', name: 'Dag Dahl' },
  { username: 'sb.kd', name: 'Kari Knutsen' },
  { username: 'sb.bfd', name: 'Bjørn Berg' },
  { username: 'ansatt.hod', name: 'Hanne Haugen' },
  { username: 'tv.ntl', name: 'Tore Tangen' },
];
const nameOf = (username) => USERS.find((u) => u.username === username).name;

const WRONG_LOGIN = 'Feil brukernavn eller passord.';
const PUBLIC_TITLE = 'Samarbeid om budsjettposter på tvers';   // of the exempt measure
const { restricted: M_RESTRICTED, internal: M_INTERNAL, exempt: M_EXEMPT, ikt: M_IKT } = DEMO;

let server;
let browser;

const url = (path) => new URL(path, server.baseURL).href;
const pathOf = (u) => { const x = new URL(u); return x.pathname + x.search; };

let pool;
const newSession = (username, opts) => pool.newSession(username, opts);
const session = (username) => pool.session(username);
const withNewSession = (username, fn, opts) => pool.withNewSession(username, fn, opts);

/**
 * The measure list now shown in `page`: the count text («N tiltak») and the
 * rows by number: { number: { title, path } }.
 */
function readMeasureList(page) {
  return page.evaluate(() => {
    const main = document.querySelector('main, [role="main"]') || document.body;
    const t = (el) => (el ? el.textContent.replace(/[\s\u00a0]+/g, ' ').trim() : '');
    const countEl = [...main.querySelectorAll('[role="status"], p')].find((p) => /^\d+ tiltak$/.test(t(p)));
    const rows = {};
    for (const tr of main.querySelectorAll('tr')) {
      const num = t(tr.querySelector('td, th'));
      const a = tr.querySelector('a[href]');
      if (/^\d+\.\d+$/.test(num) && a) rows[num] = { title: t(a), path: new URL(a.href).pathname };
    }
    return { countText: t(countEl), rows };
  });
}

/** Open /measures in `page` and read the list. */
async function measureList(page) {
  const res = await page.goto(url('/measures'), { waitUntil: 'load' });
  assert.equal(res.status(), 200, 'GET /measures');
  return readMeasureList(page);
}

/** Measure paths by number (as the secretariat, who sees every measure), computed once. */
let allMeasures;
async function measurePath(number) {
  allMeasures ??= (await measureList((await session('sekretariat')).page)).rows;
  const row = allMeasures[number];
  assert.ok(row, `the secretariat's /measures has no row for ${number}`);
  return row.path;
}

/** The <dd> text after the <dt> with text `term` in the loaded page, or null. */
function factValue(page, term) {
  return page.evaluate((term) => {
    const dt = [...document.querySelectorAll('main dt')].find((d) => d.textContent.trim() === term);
    const dd = dt && dt.nextElementSibling;
    return dd ? dd.textContent.replace(/\s+/g, ' ').trim() : null;
  }, term);
}

/** The header's account area: does it link to the user's name, to «Logg inn», and offer «Logg ut»? */
async function headerState(page) {
  const header = page.locator('header');
  return {
    text: normText(await header.innerText()),
    signInLink: await header.getByRole('link', { name: 'Logg inn', exact: true }).count(),
    signOutButton: await header.getByRole('button', { name: 'Logg ut', exact: true }).count(),
  };
}

async function sessionCookie(ctx) {
  return (await ctx.cookies()).find((c) => c.name === 'samla_session' && c.value) || null;
}

/** Console errors of `page`, collected from the first call on (one watcher per page). */
const consoleLogs = new WeakMap();
function consoleOf(page) {
  if (!consoleLogs.has(page)) consoleLogs.set(page, watchConsole(page));
  return consoleLogs.get(page);
}

const isRedirect = (status) => status >= 300 && status < 400;

describe('samla sign-in and roles (Chromium)', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    pool = sessionPool(server.baseURL, browser, PASSWORD);
  });

  after(async () => {
    await pool?.closeAll();
    await browser?.close();
    await server?.stop(); // throws unless samla exited with code 0
  });

  test('a) every demo user signs in through the form, lands on next, sees their name, signs out; a wrong password is refused', { timeout: 90_000 }, async () => {
    // One browser page for all users in turn: each signs in and out again.
    await withNewSession(null, async (page, ctx) => {
      const next = '/account';
      for (const u of USERS) {
        await page.goto(url(`/login?next=${encodeURIComponent(next)}`));
        assert.ok(!(await headerState(page)).text.includes(u.name), `${u.username}: header shows the name before signing in`);

        const { first, last } = await submitSignIn(page, u.username, PASSWORD);
        assert.ok(isRedirect(first.status()), `${u.username}: POST /login answered ${first.status()}, want a redirect`);
        assert.equal(pathOf(page.url()), next, `${u.username}: did not land on next`);
        assert.equal(last.status(), 200, `${u.username}: status of ${next}`);
        assert.equal(await factValue(page, 'Brukernavn'), u.username, `${u.username}: «Min side» shows another user`);
        const signedIn = await headerState(page);
        assert.ok(signedIn.text.includes(u.name), `${u.username}: header lacks «${u.name}»: ${signedIn.text}`);
        assert.equal(signedIn.signOutButton, 1, `${u.username}: header has no «Logg ut» button`);
        assert.equal(signedIn.signInLink, 0, `${u.username}: header still links to «Logg inn»`);
        const cookie = await sessionCookie(ctx);
        assert.ok(cookie, `${u.username}: no samla_session cookie after signing in`);

        await clickAndLoad(page, page.locator('header').getByRole('button', { name: 'Logg ut', exact: true }));
        const signedOut = await headerState(page);
        assert.equal(signedOut.signInLink, 1, `${u.username}: after «Logg ut» the header has no «Logg inn»: ${signedOut.text}`);
        assert.ok(!signedOut.text.includes(u.name), `${u.username}: after «Logg ut» the header still shows the name`);
        assert.equal(signedOut.signOutButton, 0, `${u.username}: after «Logg ut» the header still has «Logg ut»`);
        // The session is ended on the server, not just forgotten by the browser.
        const old = await httpGet(url('/account'), { headers: { cookie: `samla_session=${cookie.value}` } });
        assert.ok(isRedirect(old.status) && (old.headers.location || '').startsWith('/login'),
          `${u.username}: the old session cookie still works after «Logg ut» (GET /account: ${old.status} ${old.headers.location || ''})`);
      }
    });

    // Wrong password: 401, the message, still on /login, no session, and the form is axe-clean.
    await withNewSession(null, async (page, ctx) => {
      await page.goto(url('/login?next=%2Faccount'));
      const { first } = await submitSignIn(page, 'sb.kd', 'feil-passord');
      assert.equal(first.status(), 401, 'status of a sign-in with a wrong password');
      assert.equal(new URL(page.url()).pathname, '/login', 'a wrong password left /login');
      const alert = normText(await page.locator('main').getByRole('alert').innerText().catch(() => ''));
      assert.ok(alert.includes(WRONG_LOGIN), `no «${WRONG_LOGIN}» alert on the form (alert: ${JSON.stringify(alert)})`);
      assert.equal(await sessionCookie(ctx), null, 'a wrong password gave a session cookie');
      const violations = await runAxe(page);
      assert.equal(violations.length, 0, `axe on /login with the error:\n    ${formatViolations(violations)}`);
      const layout = await layoutProblems(page);
      assert.deepEqual(layout, [], `/login with the error: ${layout.join('; ')}`);

      // Trying again on the same form (next kept) works.
      const again = await submitSignIn(page, 'sb.kd', PASSWORD);
      assert.ok(isRedirect(again.first.status()), `second try answered ${again.first.status()}`);
      assert.equal(pathOf(page.url()), '/account', 'after a failed try, signing in did not land on next (/account)');
    }, { axe: true });
  });

  test('b) different users see different measures; anonymous sees only the public title of the exempt one', { timeout: 60_000 }, async () => {
    const expect = [
      { who: null, count: DEMO.count - 2, hasRestricted: false, hasInternal: false },
      { who: 'sekretariat', count: DEMO.count, hasRestricted: true, hasInternal: true },
      { who: 'sb.kd', count: DEMO.count - 1, hasRestricted: false, hasInternal: true },
      { who: 'sb.bfd', count: DEMO.count, hasRestricted: true, hasInternal: true },
    ];
    const lists = {};
    const problems = [];
    for (const e of expect) {
      const who = e.who || 'anonymous';
      const list = await measureList((await session(e.who)).page);
      lists[who] = list;
      const n = Object.keys(list.rows).length;
      if (list.countText !== `${e.count} tiltak`) problems.push(`${who}: count text ${JSON.stringify(list.countText)}, want «${e.count} tiltak»`);
      if (n !== e.count) problems.push(`${who}: ${n} rows in the list, want ${e.count}`);
      if (!!list.rows[M_RESTRICTED] !== e.hasRestricted) problems.push(`${who}: row for ${M_RESTRICTED} (restricted) ${e.hasRestricted ? 'missing' : 'shown'}`);
      if (!!list.rows[M_INTERNAL] !== e.hasInternal) problems.push(`${who}: row for ${M_INTERNAL} (internal) ${e.hasInternal ? 'missing' : 'shown'}`);
    }
    assert.equal(problems.length, 0, problems.join('\n'));

    // The exempt one: the secretariat sees the real title, the public only the public title.
    const real = lists.sekretariat.rows[M_EXEMPT]?.title;
    assert.ok(real && real !== PUBLIC_TITLE, `the secretariat does not see a real title for ${M_EXEMPT} (got ${JSON.stringify(real)})`);
    const anonRow = lists.anonymous.rows[M_EXEMPT];
    assert.equal(anonRow?.title, PUBLIC_TITLE, `anonymous: title of ${M_EXEMPT} in /measures`);
    const { page } = await session(null);
    await page.goto(url('/measures'));
    assert.ok(!normText(await page.content()).includes(real), `anonymous /measures contains the real title of ${M_EXEMPT}`);
    const res = await page.goto(url(anonRow.path));
    assert.equal(res.status(), 200, `anonymous GET ${anonRow.path} (${M_EXEMPT})`);
    assert.equal(normText(await page.locator('h1').innerText()), PUBLIC_TITLE, `anonymous: h1 of measure ${M_EXEMPT}`);
    assert.ok(!normText(await page.content()).includes(real), `anonymous ${anonRow.path} contains the real title of ${M_EXEMPT}`);
    // The internal one is not reachable by its address either.
    const pInternal = await measurePath(M_INTERNAL);
    assert.equal((await httpGet(url(pInternal))).status, 404, `anonymous GET ${pInternal} (${M_INTERNAL}, internal)`);
  });

  test('c) signed-in pages and /login: 200, nb, one h1, main, skip link, no console errors, axe-clean', { timeout: 90_000 }, async (t) => {
    const problems = [];
    const checked = [];

    // Each step brings the page to the address to check (goto, or following a link) with the
    // page's own CSP in force; axe then loads that address in a bypassCSP context of the same user.
    const plan = [
      { user: null, steps: [{ goto: '/login' }] },
      {
        user: 'admin',
        steps: [
          { goto: '/account' }, { goto: '/admin' }, { goto: '/admin/users' }, { goto: '/admin/users/new' },
          {
            goto: '/admin/users',
            follow: (page) => page.locator('main table').getByRole('link', { name: nameOf('sb.kd'), exact: true }),
            want: /^\/admin\/users\/\d+$/,
          },
          { goto: '/admin/audit' },
        ],
      },
      {
        user: 'sekretariat',
        steps: [{
          goto: null, // the measure page of M_IKT, then its link «Endre hvem som har tilgang»
          follow: async (page) => {
            await page.goto(url(await measurePath(M_IKT)));
            return page.getByRole('link', { name: 'Endre hvem som har tilgang', exact: true });
          },
          want: /^\/records\/\d+\/access$/,
        }],
      },
      { user: 'sb.kd', steps: [{ goto: '/account' }] },
    ];

    for (const { user, steps } of plan) {
      const who = user || 'anonymous';
      const { page } = await session(user);
      const consoleErrors = consoleOf(page);
      await withNewSession(user, async (axePage) => {
        for (const step of steps) {
          let label = step.goto || '(link)';
          try {
            let res;
            if (step.goto) res = await page.goto(url(step.goto), { waitUntil: 'load' });
            consoleErrors.length = 0;
            if (step.follow) {
              ({ last: res } = await clickAndLoad(page, await step.follow(page)));
              label = new URL(page.url()).pathname;
              if (step.want && !step.want.test(label)) problems.push(`${who}: the link led to ${label}, want ${step.want}`);
            }
            checked.push(`${who} ${label}`);
            const pageProblems = [];
            if (res.status() !== 200) pageProblems.push(`status ${res.status()}`);
            pageProblems.push(...await layoutProblems(page));
            if (consoleErrors.length) pageProblems.push(`console errors: ${consoleErrors.join(' | ')}`);
            const axeRes = await axePage.goto(page.url(), { waitUntil: 'load' });
            if (axeRes.status() !== 200) pageProblems.push(`status ${axeRes.status()} in the axe context`);
            const violations = await runAxe(axePage);
            if (violations.length) pageProblems.push(`axe: ${violations.length} violation(s):\n    ${formatViolations(violations)}`);
            for (const p of pageProblems) problems.push(`${who} ${label}: ${p}`);
          } catch (e) {
            problems.push(`${who} ${label}: error while checking: ${e.message.split('\n')[0]}`);
          }
        }
      }, { axe: true });
    }
    t.diagnostic(`checked ${checked.length} page(s): ${checked.join(', ')}`);
    assert.equal(checked.length, 9, `checked ${checked.length} page(s), want 9: ${checked.join(', ')}\n${problems.join('\n')}`);
    assert.equal(problems.length, 0, `${problems.length} problem(s):\n${problems.join('\n')}`);
  });

  test('d) access control: sign-in redirect with next, 403 for the admin pages, 404 for a restricted measure', { timeout: 60_000 }, async () => {
    await withNewSession(null, async (page) => {
      const res = await page.goto(url('/admin/users'));
      const from = res.request().redirectedFrom();
      const rs = from ? (await from.response()).status() : res.status();
      assert.ok(isRedirect(rs), `anonymous GET /admin/users answered ${rs}, want a redirect`);
      assert.equal(pathOf(page.url()), '/login?next=%2Fadmin%2Fusers', 'anonymous /admin/users redirects to');
      assert.equal(res.status(), 200, 'status of the sign-in page');
      const { last } = await submitSignIn(page, 'admin', PASSWORD);
      assert.equal(pathOf(page.url()), '/admin/users', 'after signing in as admin');
      assert.equal(last.status(), 200, 'status of /admin/users after signing in');
      assert.equal(normText(await page.locator('h1').innerText()), 'Brukere', 'h1 of /admin/users');
    });

    const pRestricted = await measurePath(M_RESTRICTED);
    const { page } = await session('sb.kd');
    for (const path of ['/admin/users', '/admin/audit']) {
      const res = await page.goto(url(path));
      assert.equal(res.status(), 403, `sb.kd GET ${path}`);
      assert.equal(new URL(page.url()).pathname, path, `sb.kd GET ${path} was redirected`);
      const text = normText(await page.locator('main').innerText());
      assert.ok(text.includes('Ingen tilgang'), `sb.kd ${path}: no «Ingen tilgang» (${text.slice(0, 120)})`);
    }
    assert.equal(await page.locator('header').getByRole('link', { name: 'Administrasjon' }).count(), 0,
      'sb.kd: the header links to «Administrasjon»');
    const res = await page.goto(url(pRestricted));
    assert.equal(res.status(), 404, `sb.kd GET ${pRestricted} (${M_RESTRICTED}, restricted to DFD and BFD)`);
  });

  test('e) the secretariat makes a public measure internal: the public loses it; then it is made open again', { timeout: 60_000 }, async (t) => {
    const p24 = await measurePath(M_IKT);
    const { page } = await session('sekretariat');
    const anonPage = (await session(null)).page;

    /** From the measure page, open the access form, choose `label`, save; back on the measure page. */
    async function setVisibility(label) {
      await page.goto(url(p24));
      await clickAndLoad(page, page.getByRole('link', { name: 'Endre hvem som har tilgang', exact: true }));
      assert.equal(new URL(page.url()).pathname, p24.replace('/measures/', '/records/') + '/access',
                   'the link «Endre hvem som har tilgang» led to');
      await page.getByRole('radio', { name: label, exact: true }).check();
      const { first, last } = await clickAndLoad(page, page.locator('main').getByRole('button', { name: 'Lagre synlighet', exact: true }));
      assert.ok(isRedirect(first.status()), `saving «${label}» answered ${first.status()}, want a redirect`);
      assert.equal(new URL(page.url()).pathname, p24, `after saving «${label}», not back on the measure page`);
      assert.equal(last.status(), 200);
      assert.equal(await factValue(page, 'Synlighet'), label, `the measure page's «Synlighet» after saving «${label}»`);
    }

    await page.goto(url(`${p24}/access`));
    assert.ok(await page.getByRole('radio', { name: 'Åpen', exact: true }).isChecked(), `${M_IKT} is not «Åpen» to begin with`);
    let failed = true;
    try {
      await setVisibility('Intern');
      assert.equal((await httpGet(url(p24))).status, 404, `anonymous GET ${p24} (${M_IKT}, now internal)`);
      const anon = await measureList(anonPage);
      assert.equal(anon.rows[M_IKT], undefined, `anonymous /measures still lists ${M_IKT}`);
      assert.equal(anon.countText, `${DEMO.count - 3} tiltak`, `anonymous count with ${M_IKT} internal`);
      failed = false;
    } finally {
      // Put it back as it was, also when the checks above failed.
      try {
        await setVisibility('Åpen');
      } catch (e) {
        if (!failed) throw e;
        t.diagnostic(`putting ${M_IKT} back to «Åpen» failed too: ${e.message.split('\n')[0]}`);
      }
    }
    assert.equal((await httpGet(url(p24))).status, 200, `anonymous GET ${p24} after making ${M_IKT} open again`);
    const anon = await measureList(anonPage);
    assert.ok(anon.rows[M_IKT], `anonymous /measures does not list ${M_IKT} again`);
    assert.equal(anon.countText, `${DEMO.count - 2} tiltak`, `anonymous count after making ${M_IKT} open again`);
  });

  test('f) the admin creates a user, who can then sign in; a bad username is refused in Norwegian', { timeout: 60_000 }, async () => {
    const newUser = { username: 'e2e.test', name: 'Eva Endetilende', password: 'e2e-passord-2026' };
    const { page } = await session('admin');
    const userList = async () => {
      await page.goto(url('/admin/users'));
      const m = /^(\d+) brukere$/.exec(normText(await page.locator('main [role="status"]').innerText()));
      assert.ok(m, '/admin/users shows no «N brukere»');
      return { n: Number(m[1]), text: normText(await page.locator('main').innerText()) };
    };
    const fillAndSubmit = async (username) => {
      await page.getByLabel('Brukernavn', { exact: true }).fill(username);
      await page.getByLabel('Navn', { exact: true }).fill(newUser.name);
      await page.getByLabel('Departement', { exact: true }).selectOption('KD');
      await page.getByLabel('Rolle', { exact: true }).selectOption({ label: 'saksbehandler' });
      await page.getByLabel('Passord', { exact: true }).fill(newUser.password);
      return clickAndLoad(page, page.locator('main').getByRole('button', { name: 'Opprett bruker', exact: true }));
    };

    const before = await userList();
    assert.ok(!before.text.includes(newUser.username), `${newUser.username} exists already`);
    await clickAndLoad(page, page.locator('main').getByRole('link', { name: 'Ny bruker', exact: true }));
    assert.equal(new URL(page.url()).pathname, '/admin/users/new', 'the link «Ny bruker» led to');

    // Bad input first: 400, a Norwegian message on the form, nobody created.
    const bad = await fillAndSubmit('Ugyldig Navn');
    assert.equal(bad.first.status(), 400, 'status for the username «Ugyldig Navn»');
    const alert = normText(await page.locator('main').getByRole('alert').innerText().catch(() => ''));
    assert.match(alert, /Brukernavnet/, `no Norwegian error about the username on the form (alert: ${JSON.stringify(alert)})`);
    assert.equal(await page.locator('main form').getByLabel('Brukernavn', { exact: true }).count(), 1, 'the form is not shown again');
    const after = await userList();
    assert.equal(after.n, before.n, 'the number of users changed after the bad input');
    assert.ok(!after.text.includes('Ugyldig Navn'), '/admin/users lists «Ugyldig Navn»');

    // Good input: on to the new user's page; listed with KD and saksbehandler.
    await page.goto(url('/admin/users/new'));
    const good = await fillAndSubmit(newUser.username);
    assert.ok(isRedirect(good.first.status()), `creating ${newUser.username} answered ${good.first.status()}, want a redirect`);
    assert.match(new URL(page.url()).pathname, /^\/admin\/users\/\d+$/, 'after creating the user');
    assert.equal(normText(await page.locator('h1').innerText()), newUser.name, 'h1 of the new user\'s page');
    const created = await userList();
    assert.equal(created.n, before.n + 1, 'the number of users after creating one');
    const row = normText(await page.locator('main tr', { hasText: newUser.username }).innerText());
    assert.ok(row.includes('KD') && row.includes('saksbehandler'), `the new user's row lacks KD or saksbehandler: ${row}`);

    // The new user signs in.
    await withNewSession(null, async (p) => {
      await signIn(p, server.baseURL, newUser.username, newUser.password, { next: '/account' });
      assert.equal(pathOf(p.url()), '/account', 'the new user did not land on next');
      assert.ok((await headerState(p)).text.includes(newUser.name), 'the new user\'s name is not in the header');
      assert.equal(await factValue(p, 'Departement'), 'Kunnskapsdepartementet', 'the new user\'s ministry on «Min side»');
      assert.match(await factValue(p, 'Roller') || '', /saksbehandler/, 'the new user\'s roles on «Min side»');
    });
  });

  test('g) an API token made on «Min side» works with Bearer until it is revoked', { timeout: 60_000 }, async () => {
    const me = (token) => httpGet(url('/api/v1/me'), { headers: { authorization: `Bearer ${token}` } });
    const { page } = await session('sb.kd');
    await page.goto(url('/account'));
    await page.getByLabel('Navn på ny nøkkel', { exact: true }).fill('e2e');
    const made = await clickAndLoad(page, page.locator('main').getByRole('button', { name: 'Lag nøkkel', exact: true }));
    assert.ok(made.first.status() < 400, `making a token answered ${made.first.status()}`);
    const shown = page.locator('main [role="status"]', { hasText: 'vises ikke igjen' }).locator('code');
    assert.equal(await shown.count(), 1, 'the new token is not shown on the page');
    const token = (await shown.innerText()).trim();
    assert.ok(token.length >= 32 && !/\s/.test(token), `that does not look like a token: ${JSON.stringify(token)}`);

    await page.goto(url('/account'));
    assert.ok(!(await page.content()).includes(token), 'the token is shown again on /account');

    const ok = await me(token);
    assert.equal(ok.status, 200, `GET /api/v1/me with the token: ${ok.status} ${ok.body.slice(0, 200)}`);
    assert.equal(JSON.parse(ok.body).username, 'sb.kd', 'username in /api/v1/me');

    const row = page.locator('main tr', { hasText: 'e2e' });
    assert.equal(await row.count(), 1, 'no row for the token «e2e» on /account');
    const { first } = await clickAndLoad(page, row.getByRole('button', { name: /Trekk tilbake/ }));
    assert.ok(isRedirect(first.status()), `revoking answered ${first.status()}, want a redirect`);
    assert.equal(new URL(page.url()).pathname, '/account', 'after revoking');
    assert.match(normText(await page.locator('main tr', { hasText: 'e2e' }).innerText()), /Trukket tilbake/,
      'the token row does not say «Trukket tilbake»');

    const gone = await me(token);
    assert.equal(gone.status, 401, `GET /api/v1/me with the revoked token: ${gone.status} ${gone.body.slice(0, 200)}`);
  });
});
