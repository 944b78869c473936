// Browser test of the record core's acceptance criterion (issue 7): on a
// restricted measure, the secretariat grants BFD access, BFD's case officer
// opens it, comments mentioning @sekretariat and attaches a PDF; the
// secretariat sees the mention under «Varsler»; KD's case officer sees
// neither the measure, the comment, the attachment (also not by its
// download URL), nor a count of any of them; a link from a public measure
// to the restricted one is invisible to the public.  Every page the flow
// shows is checked with axe-core (WCAG 2.1 A/AA) as the user who sees it.
// Run: node --test tests/e2e/record.test.mjs
//
// Demo data: the restricted measure of the period in force (DEMO.restricted,
// carried over from 3.4 of 2021–2025 with its marking) is restricted to DFD
// and already shared with BFD, so the secretariat first removes that grant
// through the same page.
// On the way, a refused grant (a ministry and a person at once) must keep
// what was typed in the form.
// One server serves the whole file; the steps run in order and build on
// each other (the state they share is in `s`).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, runAxe, formatViolations, normText, clickAndLoad, sessionPool, DEMO,
} from './helpers.mjs';

const PASSWORD = 'samla-demo';
const BFD = 'Barne- og familiedepartementet';
const DFD = 'Digitaliserings- og forvaltningsdepartementet';
const MARKER = 'utkast-7f3a';   // in the comment only: searched for on every page KD sees
const COMMENT = `@sekretariat Kan dere se på ${MARKER} til utredningen før fredag? @sb.kd får ikke se dette.`;
const PDF_NAME = 'Notat om felles ansettelse.pdf';
const MENTION = 'Nevnte deg i en kommentar';

let server;
let browser;
let pool;
const url = (p) => new URL(p, server.baseURL).href;
const pathOf = (u) => new URL(u).pathname;

/** State the steps share: the measures, the comment, the attachment. */
const s = {};

/** One signed-in (or anonymous: null) page per user, in a context that can run axe. */
const pages = new Map();
async function as(username) {
  const key = username || '';
  if (!pages.has(key)) pages.set(key, pool.newSession(username, { axe: true }));
  return (await pages.get(key)).page;
}

/** axe-core on the page now shown; `what` names it in the failure. */
async function assertAxeClean(page, what) {
  const v = await runAxe(page);
  assert.equal(v.length, 0, `axe on ${what} (${pathOf(page.url())}):\n    ${formatViolations(v)}`);
}

/** The text of the success message (role=status) in `scope`. */
async function notice(scope) {
  return normText(await scope.getByRole('status').innerText());
}

/**
 * A small, valid PDF 1.4 (one page, one line of text) with a correct
 * cross-reference table, so libmagic and PDF readers alike take it for one.
 */
function minimalPdf(line) {
  const text = `BT /F1 18 Tf 72 760 Td (${line}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Measures of the period in force by number ({ id, title, visibility }), read from the API as the secretariat. */
async function measuresByNumber() {
  const page = await as('sekretariat');
  const res = await page.request.get(url(`/api/v1/measures?strategy=${DEMO.period}`));
  assert.equal(res.status(), 200, 'GET /api/v1/measures');
  return Object.fromEntries((await res.json()).items.map((m) => [m.number, m]));
}

/** The /measures list now shown: the count («N tiltak») and the numbers and titles of its rows. */
function readMeasureList(page) {
  return page.evaluate(() => {
    const t = (el) => (el ? el.textContent.replace(/[\s\u00a0]+/g, ' ').trim() : '');
    const main = document.querySelector('main');
    const countEl = [...main.querySelectorAll('[role="status"], p')].find((p) => /^\d+ tiltak$/.test(t(p)));
    const rows = [...main.querySelectorAll('tbody tr:not(.row-more)')].map((tr) => ({ number: t(tr.cells[0]), title: t(tr.querySelector('a')) }));
    return { count: countEl ? Number(t(countEl).split(' ')[0]) : null, rows };
  });
}

/** The «Ansvarlig for tiltak» count of DFD on /ministries, as the viewer of `page`. */
async function dfdMeasureCount(page) {
  assert.equal((await page.goto(url('/ministries'))).status(), 200, 'GET /ministries');
  const cells = await page.locator('main tbody tr', { hasText: DFD }).locator('td').allInnerTexts();
  const n = Number(cells[2]);
  assert.ok(Number.isInteger(n), `DFD's row on /ministries: ${JSON.stringify(cells)}`);
  return n;
}

/** The sum of the «N tiltak» counts in the main content of `path`, as the viewer of `page`. */
async function tiltakCount(page, path) {
  assert.equal((await page.goto(url(path))).status(), 200, `GET ${path}`);
  const counts = normText(await page.locator('main').innerText()).match(/\d+ tiltak\b/g) || [];
  assert.ok(counts.length, `${path} shows no «N tiltak»`);
  return counts.reduce((sum, c) => sum + Number(c.split(' ')[0]), 0);
}

/** The rows of the «Koblinger» table in `region`: [{ type, title, href }]. */
function linkRows(region) {
  return region.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => {
    const a = tr.querySelector('a[href]');
    return { type: tr.cells[0].textContent.trim(), title: a.textContent.trim(), href: a.getAttribute('href') };
  }));
}

describe('samla record core: access, comments, notifications, attachments, links (Chromium)', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    pool = sessionPool(server.baseURL, browser, PASSWORD);
    const m = await measuresByNumber();
    s.restricted = m[DEMO.restricted];   // restricted, owned by DFD
    s.public = m[DEMO.fresh[1]];         // public, linked to nothing: links from here
    s.other = m[DEMO.fresh[2]];          // public: the link the public may see
    assert.equal(s.restricted.visibility, 'restricted', `${DEMO.restricted} in the demo database`);
    assert.equal(s.public.visibility, 'public', `${DEMO.fresh[1]} in the demo database`);
    assert.equal(s.other.visibility, 'public', `${DEMO.fresh[2]} in the demo database`);
    s.path = `/measures/${s.restricted.id}`;
  });

  after(async () => {
    for (const p of pages.values()) await p.then(({ ctx }) => ctx.close(), () => {});
    await pool?.closeAll();
    await browser?.close();
    await server?.stop(); // throws unless samla exited with code 0
  });

  test('1. the secretariat opens «Hvem har tilgang» of the restricted measure and grants BFD access', async () => {
    const sek = await as('sekretariat');
    assert.equal((await sek.goto(url(s.path))).status(), 200);
    const access = sek.getByRole('region', { name: 'Hvem har tilgang', exact: true });
    assert.match(normText(await access.innerText()), /Synlighet Begrenset tilgang/);
    await clickAndLoad(sek, access.getByRole('link', { name: 'Endre hvem som har tilgang', exact: true }));
    const accessPath = `/records/${s.restricted.id}/access`;
    assert.equal(pathOf(sek.url()), accessPath, 'the link «Endre hvem som har tilgang» led to');
    assert.equal(normText(await sek.locator('h1').innerText()), 'Hvem har tilgang');
    assert.ok(await sek.getByLabel('Begrenset tilgang', { exact: true }).isChecked(), '«Begrenset tilgang» is not the chosen visibility');

    // The demo shares it with BFD already: take that away first, through the same page.
    const removed = await clickAndLoad(sek, sek.getByRole('button', { name: `Fjern tilgangen for ${BFD}`, exact: true }));
    assert.equal(removed.first.status(), 303, 'removing the demo grant');
    assert.equal(await notice(sek.locator('main')), 'Tilgangen er fjernet.');
    assert.match(normText(await sek.locator('main').innerText()), /Tilgang gitt til Ingen ennå\./);
    const bfd = await as('sb.bfd');
    assert.equal((await bfd.goto(url(s.path))).status(), 404, 'sb.bfd opens it without a grant');
    assert.ok(!normText(await bfd.locator('main').innerText()).includes(s.restricted.title), 'the 404 page shows the title');

    // Grant BFD access with the «Gi tilgang» form: a ministry and a person at once is refused, and
    // the form keeps both; without the person it goes through.
    const form = sek.getByRole('group', { name: 'Gi tilgang', exact: true });
    const ministry = form.getByLabel('Departement', { exact: true });
    const person = form.getByLabel('eller én person (brukernavn)', { exact: true });
    await ministry.selectOption({ label: BFD });
    await person.fill('sb.bfd');
    const refused = await clickAndLoad(sek, form.getByRole('button', { name: 'Gi tilgang', exact: true }));
    assert.equal(refused.first.status(), 400, 'a grant to a ministry and a person at once');
    assert.equal(normText(await sek.getByRole('alert').innerText()), 'Velg et departement eller skriv et brukernavn, ikke begge.');
    assert.equal(await ministry.inputValue(), 'BFD', 'the refused form forgot the ministry');
    assert.equal(await person.inputValue(), 'sb.bfd', 'the refused form forgot the person');
    await assertAxeClean(sek, 'the access page with a refused grant, as sekretariat');
    await person.fill('');
    const granted = await clickAndLoad(sek, form.getByRole('button', { name: 'Gi tilgang', exact: true }));
    assert.equal(granted.first.status(), 303, 'the grant post');
    assert.equal(granted.last.status(), 200);
    assert.equal(pathOf(sek.url()), accessPath, 'after «Gi tilgang»');
    assert.equal(await notice(sek.locator('main')), 'Tilgangen er gitt.');
    assert.equal(await sek.getByRole('button', { name: `Fjern tilgangen for ${BFD}`, exact: true }).count(), 1,
      'BFD is not listed under «Tilgang gitt til»');
    await assertAxeClean(sek, 'the access page after granting, as sekretariat');

    // The measure page's section says who may read it now.
    await clickAndLoad(sek, sek.locator('main').getByRole('link', { name: 'Tilbake', exact: true }));
    assert.equal(pathOf(sek.url()), s.path);
    const readers = await sek.getByRole('region', { name: 'Hvem har tilgang', exact: true }).locator('dd li').allInnerTexts();
    assert.deepEqual(readers.map(normText), [`${DFD} (eier)`, BFD]);
  });

  test('2. BFD\'s case officer opens the restricted measure, comments mentioning @sekretariat and attaches a PDF', async () => {
    const bfd = await as('sb.bfd');
    const res = await bfd.goto(url(s.path));
    assert.equal(res.status(), 200, 'sb.bfd opens it after the grant');
    assert.equal(normText(await bfd.locator('h1').innerText()), s.restricted.title);

    // The comment.
    const comments = bfd.getByRole('region', { name: 'Kommentarer', exact: true });
    await comments.getByLabel('Ny kommentar', { exact: true }).fill(COMMENT);
    const posted = await clickAndLoad(bfd, comments.getByRole('button', { name: 'Publiser kommentaren', exact: true }));
    assert.equal(posted.first.status(), 303, 'the comment post');
    assert.equal(pathOf(bfd.url()), s.path, 'after «Publiser kommentaren»');
    assert.match(new URL(bfd.url()).hash, /^#comment-\d+$/);
    const after = bfd.getByRole('region', { name: 'Kommentarer', exact: true });
    assert.equal(await notice(after), 'Kommentaren er publisert.');
    const item = after.getByRole('listitem').filter({ hasText: MARKER });
    assert.equal(await item.count(), 1, 'the comment is not listed once');
    assert.match(normText(await item.innerText()), /^Bjørn Berg /, 'the comment does not name its author');
    assert.ok(normText(await item.innerText()).includes(COMMENT), 'the comment\'s text');
    await assertAxeClean(bfd, 'the measure page after commenting, as sb.bfd');

    // The attachment.
    s.pdf = minimalPdf('Notat om felles ansettelse');
    const files = bfd.getByRole('region', { name: 'Vedlegg', exact: true });
    await files.getByLabel('Last opp et vedlegg', { exact: true }).setInputFiles({ name: PDF_NAME, mimeType: 'application/pdf', buffer: s.pdf });
    const uploaded = await clickAndLoad(bfd, files.getByRole('button', { name: 'Last opp', exact: true }));
    assert.equal(uploaded.first.status(), 303, 'the upload');
    assert.equal(uploaded.last.status(), 200);
    assert.equal(pathOf(bfd.url()), s.path, 'after «Last opp»');
    const listed = bfd.getByRole('region', { name: 'Vedlegg', exact: true });
    assert.equal(await notice(listed), 'Vedlegget er lastet opp.');
    const row = listed.getByRole('row').filter({ hasText: PDF_NAME });
    assert.match(normText(await row.innerText()), /PDF.*Bjørn Berg/, 'the attachment row: type and who uploaded it');
    s.download = await row.getByRole('link', { name: PDF_NAME, exact: true }).getAttribute('href');
    assert.match(s.download, /^\/attachments\/\d+$/, 'the download link');
    const dl = await bfd.request.get(url(s.download));
    assert.equal(dl.status(), 200, 'sb.bfd downloads the attachment');
    assert.equal(dl.headers()['content-type'], 'application/pdf', 'the type found in the content');
    assert.ok(Buffer.from(await dl.body()).equals(s.pdf), 'the download is the uploaded file');
    await assertAxeClean(bfd, 'the measure page after uploading, as sb.bfd');
  });

  test('3. the secretariat sees the mention under «Varsler»: the count in the header, the list, the link to the measure', async () => {
    const sek = await as('sekretariat');
    await sek.goto(url('/measures'));
    const bell = sek.locator('header').getByRole('link', { name: 'Varsler (1 ulest)', exact: true });
    assert.equal(await bell.count(), 1, `the header's «Varsler» link: ${normText(await sek.locator('header').innerText())}`);
    await clickAndLoad(sek, bell);
    assert.equal(pathOf(sek.url()), '/notifications');
    assert.equal(normText(await sek.locator('h1').innerText()), 'Varsler');
    assert.match(normText(await sek.locator('main').innerText()), /Uleste varsler: 1\./);
    const rows = sek.locator('main tbody tr');
    assert.equal(await rows.count(), 1, 'notifications listed');
    const cells = (await rows.first().locator('td, th').allInnerTexts()).map(normText);
    assert.equal(cells[0], `Ny ${MENTION}`, 'what happened');
    assert.equal(cells[1], s.restricted.title, 'which record');
    assert.equal(cells[2], 'Bjørn Berg', 'from whom');
    const link = rows.first().getByRole('link', { name: s.restricted.title, exact: true });
    assert.match(await link.getAttribute('href'), new RegExp(`^${s.path}#comment-\\d+$`), 'the link to the measure, at the comment');
    await assertAxeClean(sek, 'the notifications page, as sekretariat');

    // The link leads to the comment on the measure page.
    const opened = await clickAndLoad(sek, link);
    assert.equal(opened.last.status(), 200);
    assert.equal(pathOf(sek.url()), s.path);
    const target = sek.locator(new URL(sek.url()).hash);
    assert.ok(normText(await target.innerText()).includes(MARKER), 'the notification\'s link does not lead to the comment');
  });

  test('4. KD\'s case officer sees neither the measure, the comment, the attachment, nor a count of any of them', async () => {
    const kd = await as('sb.kd');
    const sek = await as('sekretariat');
    const secret = [s.restricted.title, MARKER, PDF_NAME, s.download];
    const assertNothing = async (what) => {
      const html = await kd.content();
      for (const x of secret) assert.ok(!html.includes(x), `${what} as sb.kd contains «${x}»`);
    };

    // The page and the file, also by the URL sb.bfd's page showed.
    assert.equal((await kd.goto(url(s.path))).status(), 404, `GET ${s.path} as sb.kd`);
    await assertNothing('the measure page');
    assert.equal((await kd.goto(url(`/records/${s.restricted.id}/access`))).status(), 404, 'the access page as sb.kd');
    assert.equal((await kd.request.get(url(s.download))).status(), 404, `GET ${s.download} as sb.kd`);
    assert.equal((await kd.request.get(url('/attachments/999999'))).status(), 404, 'a missing attachment as sb.kd');
    for (const p of [`/api/v1/measures/${s.restricted.id}`, `/api/v1/records/${s.restricted.id}/comments`,
      `/api/v1/records/${s.restricted.id}/attachments`, `/api/v1/records/${s.restricted.id}/links`]) {
      const r = await kd.request.get(url(p));
      assert.equal(r.status(), 404, `GET ${p} as sb.kd`);
      assert.ok(!(await r.text()).includes(MARKER), `GET ${p} as sb.kd shows the comment`);
    }

    // The counts: /measures, /ministries and /ministries/DFD leave it out (the secretariat's include it).
    // /measures shows the period in force; /ministries counts every period, where the measure of
    // 2021–2025 it continues is restricted the same way: two hidden there.
    const R = DEMO.restricted;
    await sek.goto(url('/measures'));
    const all = await readMeasureList(sek);
    assert.ok(all.rows.some((r) => r.number === R), `the secretariat's /measures lacks ${R}`);
    await kd.goto(url('/measures'));
    const kdList = await readMeasureList(kd);
    assert.ok(Number.isInteger(all.count) && all.count > 1, `the secretariat's /measures count: ${all.count}`);
    assert.ok(!kdList.rows.some((r) => r.number === R), `/measures as sb.kd lists ${R}`);
    assert.equal(kdList.count, all.count - 1, `/measures as sb.kd counts ${R}`);
    assert.equal(kdList.rows.length, all.rows.length - 1, 'rows of /measures as sb.kd');
    await assertNothing('/measures');
    await assertAxeClean(kd, '/measures as sb.kd');

    assert.equal(await dfdMeasureCount(kd), (await dfdMeasureCount(sek)) - 2, 'DFD\'s count on /ministries as sb.kd');
    assert.equal((await kd.goto(url('/ministries/DFD'))).status(), 200);
    const kdDfd = await kd.locator('main tbody tr:not(.row-more)').count();
    await sek.goto(url('/ministries/DFD'));
    assert.equal(kdDfd, (await sek.locator('main tbody tr:not(.row-more)').count()) - 2, 'rows of /ministries/DFD as sb.kd');
    await assertNothing('/ministries/DFD');
    for (const p of [`/strategies/${DEMO.period}`, '/overview']) {
      assert.equal(await tiltakCount(kd, p), (await tiltakCount(sek, p)) - 1, `the «N tiltak» on ${p} as sb.kd`);
      await assertNothing(p);
    }

    // The mention of @sb.kd in the comment did not reach KD, who may not read the measure.
    assert.equal((await kd.goto(url('/notifications'))).status(), 200);
    assert.equal(await kd.locator('header').getByRole('link', { name: 'Varsler', exact: true }).count(), 1,
      `the header's «Varsler» as sb.kd: ${normText(await kd.locator('header').innerText())}`);
    assert.match(normText(await kd.locator('main').innerText()), /Du har ingen uleste varsler\./);
    assert.equal(await kd.locator('main tbody tr').count(), 0, 'notifications of sb.kd');
    await assertNothing('/notifications');
    await assertAxeClean(kd, '/notifications as sb.kd');
  });

  test('5. a link from a public measure to the restricted one is invisible to the public; the secretariat sees it at both ends', async () => {
    const pub = `/measures/${s.public.id}`;
    const anon = await as(null);

    // Before any link: the public sees no «Koblinger» section at all.
    assert.equal((await anon.goto(url(pub))).status(), 200);
    assert.equal(await anon.getByRole('region', { name: 'Koblinger', exact: true }).count(), 0, 'an empty «Koblinger» for the public');

    // The secretariat links the public measure to the restricted one («Følger opp») and, as a control the
    // public may see, to another public one.
    const sek = await as('sekretariat');
    const addLink = async (type, target) => {
      await sek.goto(url(pub));
      const links = sek.getByRole('region', { name: 'Koblinger', exact: true });
      await links.getByText('Legg til kobling', { exact: true }).click();
      await links.getByLabel('Denne posten', { exact: true }).selectOption({ label: type });
      await links.getByLabel('Post', { exact: true }).fill(target);
      const added = await clickAndLoad(sek, links.getByRole('button', { name: 'Legg til koblingen', exact: true }));
      assert.equal(added.first.status(), 303, `adding the link to ${target}`);
      assert.equal(pathOf(sek.url()), pub);
      assert.equal(await notice(sek.getByRole('region', { name: 'Koblinger', exact: true })), 'Koblingen er lagt til.');
    };
    await addLink('Følger opp', s.path);
    await addLink('Henger sammen med', `/measures/${s.other.id}`);
    const byType = (a, b) => a.type.localeCompare(b.type);
    assert.deepEqual((await linkRows(sek.getByRole('region', { name: 'Koblinger', exact: true }))).sort(byType), [
      { type: 'Følger opp', title: s.restricted.title, href: s.path },
      { type: 'Henger sammen med', title: s.other.title, href: `/measures/${s.other.id}` },
    ], 'the links on the public measure as the secretariat');
    await assertAxeClean(sek, 'the public measure with its links, as sekretariat');

    // The other end, as the secretariat: with the link to the 2021–2025 measure it continues.
    await sek.goto(url(s.path));
    const rows = await linkRows(sek.getByRole('region', { name: 'Koblinger', exact: true }));
    assert.deepEqual(rows.filter((l) => l.type !== 'Viderefører'),
      [{ type: 'Følges opp av', title: s.public.title, href: pub }], 'the links on the restricted measure as the secretariat');
    assert.equal(rows.filter((l) => l.type === 'Viderefører' && l.title === s.restricted.title).length, 1,
      'the restricted measure\'s link to the one it continues');
    await assertAxeClean(sek, 'the restricted measure with all its sections, as sekretariat');

    // The public: only the control link; not the link to the restricted one, its title, its type or its count.
    for (const [who, page] of [['the public', anon], ['sb.kd', await as('sb.kd')]]) {
      assert.equal((await page.goto(url(pub))).status(), 200);
      const region = page.getByRole('region', { name: 'Koblinger', exact: true });
      assert.deepEqual(await linkRows(region),
        [{ type: 'Henger sammen med', title: s.other.title, href: `/measures/${s.other.id}` }], `the links on the public measure for ${who}`);
      const html = await page.content();
      for (const x of [s.restricted.title, `href="${s.path}"`, 'Følger opp']) {
        assert.ok(!html.includes(x), `the public measure for ${who} contains «${x}»`);
      }
      const api = await page.request.get(url(`/api/v1/records/${s.public.id}/links`));
      assert.equal(api.status(), 200);
      const body = await api.json();
      assert.equal(body.count, 1, `the API's link count on the public measure for ${who}`);
      assert.deepEqual(body.items.map((l) => l.record.id), [s.other.id]);
      await assertAxeClean(page, `the public measure for ${who}`);
    }
    assert.equal((await anon.goto(url(s.path))).status(), 404, 'the restricted measure for the public');
  });
});
