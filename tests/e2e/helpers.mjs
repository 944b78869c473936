// Helpers for samla's browser tests (node --test, playwright-core, axe-core).
//
// Environment:
//   SAMLA_BIN  path to the samla binary (default: <repo>/build/samla)
//   CHROMIUM   path to the Chromium binary (default: /usr/bin/chromium)

import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm, readFile, access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SAMLA_BIN = process.env.SAMLA_BIN || path.join(REPO_ROOT, 'build', 'samla');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The demo as `samla init --demo` makes it today, with the strategy 2025– in
 * force: the unfinished 2021–2025 measures are carried over into 2025– with
 * their marking (app/measure/measure_demo.c). The numbers in 2025– of the
 * measures the tests use, with the 2021–2025 measure each continues:
 */
export const DEMO = {
  period: '2025',       // the strategy in force (slug)
  count: 17,            // its measures; the public sees 15 (not the internal and the restricted one)
  public: '1.1',        // public, DFD's (2021–2025: 1.1)
  internal: '2.2',      // internal (2021–2025: 2.5)
  restricted: '3.3',    // restricted to its owner DFD, shared with BFD (2021–2025: 3.4)
  exempt: '1.4',        // exempt under offl. § 22, with a public title (2021–2025: 1.7)
  ikt: '2.1',           // DFD's, with a milestone; sb.dfd reports on it (2021–2025: 2.4)
  mobility: '3.2',      // public, KD takes part (2021–2025: 3.3)
  efficiency: '2.3',    // DFD's, public (2021–2025: 2.6)
  fresh: ['2.5', '2.6', '2.7'],   // new in 2025–, DFD's, public, linked to nothing
};

/**
 * GET `url` on a fresh connection that is closed afterwards (no keep-alive
 * pool left behind that could delay the server's shutdown).
 * `headers` adds request headers (e.g. Authorization, Cookie).
 * Resolves to { status, headers, body }.
 */
export function httpGet(url, { timeoutMs = 5000, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: { ...headers, connection: 'close' }, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** A free TCP port on 127.0.0.1 (bind port 0, read it, close). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function run(file, args, timeoutMs, env = {}) {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 16 << 20, env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      if (err) {
        err.message += `\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;
        reject(err);
      } else {
        resolve({ stdout, stderr });
      }
    });
  });
}

/**
 * Run `samla serve` on dataDir and port with env added to the environment,
 * and wait until GET /healthz answers 200. Returns { child, exited,
 * exitStatus(), output() }; throws (after killing it) when it never does.
 */
async function launch(dataDir, port, env, healthTimeoutMs) {
  const baseURL = `http://127.0.0.1:${port}`;
  let out = '';
  const keep = (chunk) => {
    out += chunk.toString();
    if (out.length > 65536) out = out.slice(-65536);
  };
  const child = spawn(SAMLA_BIN, ['serve', '--data', dataDir, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  let exitStatus = null;
  exited.then((s) => { exitStatus = s; });

  // Wait until GET /healthz answers 200.
  const deadline = Date.now() + healthTimeoutMs;
  let healthy = false;
  let lastErr = '';
  while (Date.now() < deadline) {
    if (exitStatus) break;
    try {
      const res = await httpGet(`${baseURL}/healthz`, { timeoutMs: 1000 });
      if (res.status === 200) { healthy = true; break; }
      lastErr = `status ${res.status}`;
    } catch (e) {
      lastErr = e.code || e.message;
    }
    await sleep(50);
  }
  if (!healthy) {
    if (!exitStatus) child.kill('SIGKILL');
    const st = exitStatus ? `exited early (code ${exitStatus.code}, signal ${exitStatus.signal})` : `last error: ${lastErr}`;
    throw new Error(`samla serve did not answer 200 on /healthz within ${healthTimeoutMs} ms; ${st}\n--- server output ---\n${out}`);
  }
  return { child, exited, exitStatus: () => exitStatus, output: () => out };
}

/** Stop a launched server with SIGTERM; throws unless it exits with code 0 within 10 s. */
async function halt(srv) {
  if (!srv.exitStatus()) srv.child.kill('SIGTERM');
  let timer;
  const status = await Promise.race([
    srv.exited,
    new Promise((resolve) => { timer = setTimeout(resolve, 10_000, null); }),
  ]);
  clearTimeout(timer);
  if (!status) {
    srv.child.kill('SIGKILL');
    await srv.exited;
    throw new Error(`samla serve did not exit within 10 s of SIGTERM\n--- server output ---\n${srv.output()}`);
  }
  if (status.code !== 0) {
    throw new Error(`samla serve exited with code ${status.code}, signal ${status.signal} after SIGTERM (want code 0)\n--- server output ---\n${srv.output()}`);
  }
}

/**
 * Start samla on a fresh demo data directory; env is added to the
 * environment of `init` and `serve` (SAMLA_TODAY sets the day).
 * Returns { baseURL, port, dataDir, output(), restart({ env }), stop() }:
 * restart stops the server and starts it again on the same data and port
 * with env added (sessions survive: they are in the database); stop()
 * sends SIGTERM, waits for the process, removes the data directory and
 * throws unless the server exited with code 0.
 */
export async function startServer({ healthTimeoutMs = 10_000, env = {} } = {}) {
  try {
    await access(SAMLA_BIN);
  } catch {
    throw new Error(`samla binary not found at ${SAMLA_BIN} (run make, or set SAMLA_BIN)`);
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'samla-e2e-'));
  let srv;
  try {
    await run(SAMLA_BIN, ['init', '--data', dataDir, '--demo'], 60_000, env);
    const port = await freePort();
    const baseURL = `http://127.0.0.1:${port}`;
    srv = await launch(dataDir, port, env, healthTimeoutMs);
    let stopped = false;
    return {
      baseURL,
      port,
      dataDir,
      output: () => srv.output(),
      async restart({ env: more = {} } = {}) {
        await halt(srv);
        srv = await launch(dataDir, port, { ...env, ...more }, healthTimeoutMs);
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        try {
          await halt(srv);
        } finally {
          await rm(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    if (srv && srv.child.exitCode === null && srv.child.signalCode === null) srv.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
}

/** Launch Debian's Chromium through playwright-core. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

let axeSourceCache;
export async function axeSource() {
  axeSourceCache ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSourceCache;
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * A browser context for running axe-core: bypassCSP: true (samla's CSP forbids
 * inline scripts), with axe-core's source added to every page it loads.
 */
export async function newAxeContext(browser, options = {}) {
  const ctx = await browser.newContext({ ...options, bypassCSP: true });
  await ctx.addInitScript({ content: await axeSource() });
  return ctx;
}

/**
 * Run axe-core on the page currently loaded in `page`. The page's context must
 * have been created with bypassCSP: true (see newAxeContext), or axe cannot be
 * injected. Returns the list of violations.
 */
export async function runAxe(page) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.addScriptTag({ content: await axeSource() });
  const results = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'], // only violations need node details: much faster
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
  return results;
}

/** One line per violation: id, help and the first node's target. */
export function formatViolations(violations) {
  return violations
    .map((v) => {
      const first = v.nodes[0];
      const target = first ? JSON.stringify(first.target) : '(no node)';
      const more = v.nodes.length > 1 ? ` (+${v.nodes.length - 1} more)` : '';
      return `${v.id} [${v.impact}]: ${v.help} — ${target}${more}${first?.html ? `\n      ${first.html.slice(0, 200)}` : ''}`;
    })
    .join('\n    ');
}

// ---- Norwegian alphabetical order: a–z, then æ, ø, å; case-insensitive ----

function charKey(ch) {
  if (ch === 'æ' || ch === 'ä') return 1000 + 26;
  if (ch === 'ø' || ch === 'ö') return 1000 + 27;
  if (ch === 'å') return 1000 + 28;
  if (ch >= 'a' && ch <= 'z') return 1000 + (ch.charCodeAt(0) - 97);
  if (ch >= '0' && ch <= '9') return 500 + (ch.charCodeAt(0) - 48);
  const cp = ch.codePointAt(0);
  if (cp < 128) return cp; // space and punctuation sort before digits and letters
  return 2000 + cp;
}

function sortKey(s) {
  const out = [];
  for (const raw of s.trim().toLowerCase().replace(/\s+/g, ' ')) {
    if ('æøåäö'.includes(raw)) { out.push(charKey(raw)); continue; }
    // Other accented letters (é, ü, ...) sort as their base letter.
    const base = raw.normalize('NFD').replace(/[\u0300-\u036f]/g, '') || raw;
    for (const ch of base) out.push(charKey(ch));
  }
  return out;
}

export function norwegianCompare(a, b) {
  const ka = sortKey(a);
  const kb = sortKey(b);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    if (ka[i] !== kb[i]) return ka[i] - kb[i];
  }
  return ka.length - kb.length;
}

/** Collapse whitespace (incl. no-break spaces) for loose text matching. */
export function normText(s) {
  return (s || '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

// ---- pages: navigation, sign-in, layout --------------------------------------

/**
 * Collect console errors and uncaught exceptions of `page` into the returned
 * array (empty it before each navigation when reusing the page). Chromium's
 * own request for /favicon.ico, which no page asked for, is not counted.
 */
export function watchConsole(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location()?.url || '';
    try {
      if (where && new URL(where).pathname === '/favicon.ico') return;
    } catch { /* not a URL */ }
    errors.push(where ? `${msg.text()} (${where})` : msg.text());
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  return errors;
}

/**
 * Click `locator` (a link or a submit button) and wait until the document it
 * leads to has loaded. Returns { first, last }: the main frame's document
 * responses, first (e.g. the POST's 303) and last (the page now shown).
 */
export async function clickAndLoad(page, locator) {
  const responses = [];
  const onResponse = (r) => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) responses.push(r);
  };
  page.on('response', onResponse);
  try {
    await Promise.all([page.waitForEvent('load'), locator.click()]);
  } finally {
    page.off('response', onResponse);
  }
  if (!responses.length) throw new Error('clicking did not load a new document');
  return { first: responses[0], last: responses[responses.length - 1] };
}

/**
 * On the sign-in form now shown in `page`: type into the fields labelled
 * «Brukernavn» and «Passord» and click «Logg inn». Returns clickAndLoad's
 * { first, last } (first: the POST's answer; last: the page landed on).
 */
export async function submitSignIn(page, username, password) {
  await page.getByLabel('Brukernavn', { exact: true }).fill(username);
  await page.getByLabel('Passord', { exact: true }).fill(password);
  return clickAndLoad(page, page.locator('main').getByRole('button', { name: 'Logg inn', exact: true }));
}

/**
 * Open /login (with ?next= when given) and sign in through the form.
 * Throws unless the sign-in was accepted (the POST answered with a redirect).
 */
export async function signIn(page, baseURL, username, password, { next } = {}) {
  const url = new URL('/login', baseURL);
  if (next !== undefined) url.searchParams.set('next', next);
  await page.goto(url.href, { waitUntil: 'load' });
  const res = await submitSignIn(page, username, password);
  const status = res.first.status();
  if (status < 300 || status > 399) {
    throw new Error(`signing in as ${username} failed: POST /login answered ${status}`);
  }
  return res;
}

/** Layout facts of the loaded page, read in the page. */
export function pageFacts(page) {
  return page.evaluate(() => {
    const mains = document.querySelectorAll('main, [role="main"]');
    return {
      lang: document.documentElement.getAttribute('lang'),
      h1: [...document.querySelectorAll('h1')].map((h) => h.textContent.replace(/\s+/g, ' ').trim()),
      mainCount: mains.length,
      title: document.title,
    };
  });
}

/**
 * Press Tab on a freshly loaded page and describe the focused element:
 * is it a link to an in-page target that is (or contains, or is inside) <main>?
 */
export async function firstTabStop(page) {
  await page.keyboard.press('Tab');
  return page.evaluate(() => {
    const el = document.activeElement;
    const main = document.querySelector('main, [role="main"]');
    const info = {
      tag: el ? el.tagName.toLowerCase() : null,
      text: el ? el.textContent.replace(/\s+/g, ' ').trim() : '',
      href: el && el.getAttribute ? el.getAttribute('href') : null,
      targetId: null,
      targetFound: false,
      pointsToMain: false,
    };
    if (info.tag === 'a' && info.href && info.href.startsWith('#') && info.href.length > 1) {
      info.targetId = decodeURIComponent(info.href.slice(1));
      const target = document.getElementById(info.targetId);
      info.targetFound = !!target;
      if (target && main) {
        info.pointsToMain = target === main || main.contains(target) || target.contains(main);
      }
    }
    return info;
  });
}

/** What is wrong with the first Tab stop as a skip link, or null. */
export function skipLinkProblem(tab) {
  if (tab.tag !== 'a' || !tab.href || !tab.href.startsWith('#')) {
    return `first Tab stop is not an in-page skip link (got <${tab.tag}> href=${JSON.stringify(tab.href)} text=${JSON.stringify(tab.text)})`;
  }
  if (!tab.targetFound) return `skip link ${tab.href} points to no element with that id`;
  if (!tab.pointsToMain) return `skip link ${tab.href} does not point to the <main> content`;
  return null;
}

/**
 * The layout checks of the loaded page: <html lang="nb">, one <h1>, one main
 * landmark, a non-empty <title>, and a skip link to <main> as the first Tab
 * stop (this presses Tab, so call it last). Returns a list of problems.
 */
export async function layoutProblems(page) {
  const problems = [];
  const facts = await pageFacts(page);
  if (facts.lang !== 'nb') problems.push(`<html lang=${JSON.stringify(facts.lang)}>, want "nb"`);
  if (facts.h1.length !== 1) problems.push(`${facts.h1.length} <h1> elements, want 1 (${JSON.stringify(facts.h1)})`);
  if (facts.mainCount !== 1) problems.push(`${facts.mainCount} main landmarks, want 1`);
  if (!facts.title.trim()) problems.push('empty <title>');
  const skip = skipLinkProblem(await firstTabStop(page));
  if (skip) problems.push(skip);
  return problems;
}

/**
 * Browser sessions for one test file: newSession(username, {axe}) makes a fresh
 * context signed in through the form (null: anonymous); session(username) keeps
 * one per user for tests that only look; withNewSession(username, fn) runs fn in
 * a fresh one and closes it; closeAll() ends the kept ones.
 */
export function sessionPool(baseURL, browser, password) {
  async function newSession(username, { axe = false } = {}) {
    const options = { locale: 'nb-NO', baseURL };
    const ctx = axe ? await newAxeContext(browser, options) : await browser.newContext(options);
    ctx.setDefaultTimeout(30_000);
    const page = await ctx.newPage();
    try {
      if (username) await signIn(page, baseURL, username, password);
    } catch (e) {
      await ctx.close();
      throw e;
    }
    return { ctx, page };
  }
  const kept = new Map();
  function session(username) {
    const key = username || '';
    if (!kept.has(key)) {
      const p = newSession(username);
      p.catch(() => kept.delete(key));
      kept.set(key, p);
    }
    return kept.get(key);
  }
  async function withNewSession(username, fn, opts) {
    const { ctx, page } = await newSession(username, opts);
    try {
      return await fn(page, ctx);
    } finally {
      await ctx.close();
    }
  }
  async function closeAll() {
    for (const p of kept.values()) await p.then(({ ctx }) => ctx.close(), () => {});
  }
  return { newSession, session, withNewSession, closeAll };
}
