// ui.test.mjs: ecoreg's web interface in a real browser (Chromium through
// playwright-core), against a running `ecoreg serve` with the demo register
// (tests/browser/run.sh starts one).  Each test does what a person would
// and checks what they would see, finding things by their labels and roles.
//
//   ECOREG_URL        the server, e.g. http://127.0.0.1:41234
//   ECOREG_KEYS       JSON file {"administrator": KEY, "supplier": KEY, ...}
//   ECOREG_GBIS_FILE  the demo GBIS notification file
//   ECOREG_ARTIFACTS  where the screenshots go (one full page PNG a step)
//   CHROMIUM          the browser (default /usr/bin/chromium)
//
// node --test tests/browser/ui.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BASE = (process.env.ECOREG_URL || '').replace(/\/$/, '');
const KEYS = process.env.ECOREG_KEYS ? JSON.parse(fs.readFileSync(process.env.ECOREG_KEYS, 'utf8')) : {};
const GBIS_FILE = process.env.ECOREG_GBIS_FILE || 'data/demo/gbis_notifications.csv';
const ARTIFACTS = process.env.ECOREG_ARTIFACTS || 'build/artifacts/screenshots';
const TIMEOUT = 10000;

let browser;

before(async () => {
  assert.ok(BASE, 'ECOREG_URL names the server to test');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
});

after(async () => {
  if (browser) await browser.close();
});

/** A fresh page; console errors other than failed loads (the API's 4xx
 *  answers are expected) and uncaught exceptions are collected, so that a
 *  Content-Security-Policy refusal or a script error fails the test. */
async function open(t, pagePath, contextOptions = {}) {
  // reduced motion: the charts draw at once, so the screenshots show them
  const context = await browser.newContext({ reducedMotion: 'reduce', locale: 'en-GB', ...contextOptions });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  t.after(async () => {
    await context.close();
  });
  await page.goto(BASE + pagePath);
  page.problems = problems;
  return page;
}

function assertClean(page) {
  assert.deepEqual(page.problems, [], 'no script errors or CSP refusals in the console');
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
}

/** Uses `key` on a page's key form and waits until the register knows it. */
async function useKey(page, key, who) {
  assert.ok(key, 'ECOREG_KEYS gives the key');
  await page.getByLabel('API key', { exact: true }).fill(key);
  await page.getByRole('button', { name: 'Use this key' }).click();
  await page.getByRole('status').filter({ hasText: who }).waitFor();
}

/** The accessible descriptions (aria-describedby texts) of a field. */
function descriptionOf(locator) {
  return locator.evaluate((f) => (f.getAttribute('aria-describedby') || '').split(/\s+/)
    .map((id) => document.getElementById(id))
    .filter(Boolean)
    .map((d) => d.textContent.trim())
    .join(' | '));
}

test('1. the public find an installer and check a certificate', async (t) => {
  const page = await open(t, '/find.html');
  await page.getByLabel('Postcode').fill('LS');
  await page.getByRole('button', { name: 'Search' }).click();
  const results = page.getByRole('list', { name: 'Installers found' });
  await results.getByRole('heading', { name: /Aire Valley Heat Pumps/ }).waitFor();
  await page.getByRole('status').filter({ hasText: /installers? found/ }).waitFor();
  assert.match(await results.innerText(), /LS6 2AB/);
  assert.match(await results.innerText(), /Air to water/);
  await shot(page, '01-find-installer.png');

  await page.getByLabel('Certificate number').fill('DEMO-CERT-2');
  await page.getByRole('button', { name: 'Check certificate' }).click();
  const verdict = page.getByText('Certificate DEMO-CERT-2 is valid: certified');
  await verdict.waitFor();
  const result = await page.locator('#cert-result').innerText();
  assert.match(result, /Aire Valley Heat Pumps/);
  assert.match(result, /12\.5 kW/);
  await shot(page, '02-certificate-valid.png');

  await page.getByLabel('Certificate number').fill('NO-SUCH-CERT');
  await page.getByRole('button', { name: 'Check certificate' }).click();
  await page.getByText('No certificate NO-SUCH-CERT is on the register.').waitFor();
  await shot(page, '03-certificate-unknown.png');
  assertClean(page);
});

test('2. a complaint gets a reference; a missing summary is shown beside its field', async (t) => {
  const page = await open(t, '/complaint.html');
  await page.getByLabel('Installer ID').fill('DEMO-INST-1');
  await page.getByLabel('Certificate number (optional)').fill('DEMO-CERT-2');
  await page.getByLabel('What is wrong').fill('The heat pump is very loud at night.');
  await page.getByLabel('How we can contact you').fill('jo@example.org');
  await page.getByLabel(/vulnerable/).check();
  await page.getByRole('button', { name: 'Send complaint' }).click();
  const done = page.getByRole('status').filter({ hasText: /CMP-\d+/ });
  await done.waitFor();
  assert.match(await done.innerText(), /Your reference is CMP-\d+/);
  await shot(page, '04-complaint-reference.png');

  // the summary left empty: the error sits beside the field and describes it
  await page.getByLabel('Installer ID').fill('DEMO-INST-1');
  await page.getByLabel('How we can contact you').fill('jo@example.org');
  await page.getByRole('button', { name: 'Send complaint' }).click();
  const summary = page.getByLabel('What is wrong');
  const error = page.locator('#summary-error');
  await error.waitFor();
  assert.equal(await summary.getAttribute('aria-invalid'), 'true');
  assert.match(await descriptionOf(summary), /Say what is wrong/);
  const [box, at] = [await summary.boundingBox(), await error.boundingBox()];
  assert.ok(at.y >= box.y && at.y - (box.y + box.height) < 60, 'the error is just below the summary field');
  assert.equal(await page.getByText(/CMP-\d+/).count(), 0, 'no reference is shown for a refused complaint');
  await shot(page, '05-complaint-summary-error.png');

  // an error the register finds is shown beside the field it names too
  await summary.fill('No heat');
  await page.getByLabel('Installer ID').fill('NO-SUCH-INSTALLER');
  await page.getByRole('button', { name: 'Send complaint' }).click();
  const installer = page.getByLabel('Installer ID');
  await page.locator('#installer_id-error').waitFor();
  assert.match(await descriptionOf(installer), /NO-SUCH-INSTALLER/);
  await shot(page, '06-complaint-register-error.png');
  assertClean(page);
});

test('3. a supplier uploads the GBIS file, sees each row, and its progress chart', async (t) => {
  const page = await open(t, '/supplier.html');
  await useKey(page, KEYS.supplier, 'Using the key of a supplier');

  // The demo register already holds the demo file's measures; the same
  // rows under references of this run are new to it, as a supplier's next
  // file would be.
  const stamp = String(Date.now() % 1e9).padStart(9, '0');
  const csv = fs.readFileSync(GBIS_FILE, 'utf8').replace(/ABC000000000(\d)/g, `ABC${stamp}$1`);
  const file = { name: 'gbis_notifications.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
  const rows = () => page.getByRole('table', { name: /^Rows of gbis_notifications\.csv/ }).locator('tbody tr');

  await page.getByLabel('Scheme of the file').selectOption('gbis');
  await page.getByLabel('Notification file (CSV)').setInputFiles(file);
  await page.getByRole('button', { name: 'Upload file' }).click();
  await page.getByRole('status').filter({ hasText: '5 rows, 4 recorded, 1 rejected' }).waitFor();
  assert.equal(await rows().count(), 5);
  assert.equal(await rows().filter({ hasText: 'Recorded' }).count(), 4);
  const rejected = rows().filter({ hasText: 'Rejected' });
  assert.equal(await rejected.count(), 1);
  assert.match(await rejected.innerText(), /GBIS0209/);
  assert.match(await rejected.innerText(), /Council_Tax_Band/);
  await shot(page, '07-supplier-upload.png');

  await page.getByLabel('Show only rows with problems').check();
  assert.equal(await rows().count(), 1);
  assert.match(await rows().innerText(), new RegExp(`ABC${stamp}5`));
  await shot(page, '08-supplier-only-problems.png');
  await page.getByLabel('Show only rows with problems').uncheck();

  // the same file again: every row is already on the register
  await page.getByLabel('Notification file (CSV)').setInputFiles(file);
  await page.getByRole('button', { name: 'Upload file' }).click();
  await page.getByRole('status').filter({ hasText: '5 rows, 0 recorded, 0 rejected, 5 already on the register' }).waitFor();
  assert.equal(await rows().filter({ hasText: 'Exists' }).count(), 5);
  await shot(page, '09-supplier-upload-again.png');

  // progress against obligation: the chart, and its table
  const chart = page.getByRole('img', { name: /Bar chart of obligation, delivered and shortfall/ });
  await chart.waitFor();
  const size = await chart.evaluate((c) => ({ w: c.width, h: c.height }));
  assert.ok(size.w > 0 && size.h > 0, 'the chart is drawn');
  const progress = page.getByRole('table', { name: /GBIS progress/ });
  await progress.waitFor();
  const abc = progress.getByRole('row', { name: /^ABC/ });
  assert.match(await abc.innerText(), /£2,000\.00/);
  assert.equal(await progress.getByRole('row').count(), 2, 'a supplier sees its own entry alone');
  await shot(page, '10-supplier-progress.png');

  // a file the register refuses whole: the reason, naming the column
  await page.getByLabel('Notification file (CSV)').setInputFiles({ name: 'wrong.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
  await page.getByRole('button', { name: 'Upload file' }).click();
  await page.getByRole('status').filter({ hasText: 'The file was refused' }).waitFor();
  const problem = page.getByRole('heading', { name: 'There is a problem' });
  await problem.waitFor();
  assert.match(await page.locator('#upload-form .form-errors').innerText(), /Supplier_Reference/);
  await shot(page, '11-supplier-file-refused.png');
  assertClean(page);
});

test('4. on a phone the pages do not scroll sideways', async (t) => {
  const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
  const page = await open(t, '/find.html', phone);
  await page.getByLabel('Postcode').fill('LS');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('heading', { name: /Aire Valley Heat Pumps/ }).waitFor();
  await page.getByLabel('Certificate number').fill('DEMO-CERT-2');
  await page.getByRole('button', { name: 'Check certificate' }).click();
  await page.getByText('is valid: certified').waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `find.html is ${width}px wide`);
  // tap targets: the search button is at least 44px high
  const button = await page.getByRole('button', { name: 'Search' }).boundingBox();
  assert.ok(button.height >= 44, `the Search button is ${button.height}px high`);
  await shot(page, '12-phone-find.png');

  for (const p of ['/index.html', '/complaint.html', '/supplier.html', '/admin.html', '/certbody.html']) {
    await page.goto(BASE + p);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(w <= 390, `${p} is ${w}px wide`);
  }
  await page.goto(`${BASE}/index.html`);
  await shot(page, '13-phone-home.png');
  assertClean(page);
});

test('5. the keyboard reaches the complaint form\'s button, with a visible focus', async (t) => {
  const page = await open(t, '/complaint.html');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Skip to main content');
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement === document.getElementById('complaint-submit'));
  }
  assert.ok(reached, 'Tab reaches "Send complaint"');
  const focus = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), name: document.activeElement.textContent.trim() };
  });
  assert.equal(focus.name, 'Send complaint');
  assert.notEqual(focus.style, 'none', 'the focused button has an outline');
  assert.ok(focus.width >= 2, `the outline is ${focus.width}px wide`);
  await shot(page, '14-keyboard-focus.png');
  assertClean(page);
});

test('6. the administrator decides a measure and reads a report', async (t) => {
  const page = await open(t, '/admin.html');
  await useKey(page, KEYS.administrator, 'Using the key of an administrator');
  const queue = page.getByRole('status').filter({ hasText: /measures? waiting/ });
  await queue.waitFor();
  const first = page.locator('#queue-list > li').first();
  const mrn = (await first.getByRole('heading').innerText()).split(/\s/)[0];
  // a decision needs a reason
  await first.getByRole('button', { name: 'Approve' }).click();
  const reason = page.getByLabel(`Reason for the decision on ${mrn}`);
  assert.equal(await reason.getAttribute('aria-invalid'), 'true');
  assert.match(await descriptionOf(reason), /Give a reason/);
  await reason.fill('evidence checked in the browser test');
  await first.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('status').filter({ hasText: `${mrn} approved` }).waitFor();
  assert.equal(await page.getByRole('heading', { name: new RegExp(`^${mrn}`) }).count(), 0, 'the measure left the queue');
  await shot(page, '15-admin-decided.png');

  await page.getByLabel('Measure reference (MRN)').fill(mrn);
  await page.getByRole('button', { name: 'Show history' }).click();
  const history = page.getByRole('table', { name: `History of ${mrn}` });
  await history.waitFor();
  assert.match(await history.innerText(), /evidence checked in the browser test/);

  await page.getByLabel('Report', { exact: true }).selectOption('progress');
  await page.getByRole('button', { name: 'Show report' }).click();
  await page.getByRole('table', { name: 'GBIS progress' }).waitFor();
  await page.getByRole('img', { name: /Line chart/ }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download as CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'progress-gbis.csv');
  const csv = fs.readFileSync(await download.path(), 'utf8');
  assert.match(csv, /^scheme,supplier,obligation,delivered,shortfall/);
  await shot(page, '16-admin-report.png');
  assertClean(page);
});

test('7. the certification body reads the indicators, complaints and installers', async (t) => {
  const page = await open(t, '/certbody.html');
  await useKey(page, KEYS.certification_body, 'Using the key of a certification body');
  await page.getByLabel('From', { exact: true }).fill('2025-01-01');
  await page.getByLabel('To', { exact: true }).fill('2026-12-31');
  await page.getByRole('button', { name: 'Show indicators' }).click();
  const table = page.getByRole('table', { name: 'Indicators, 2025-01-01 to 2026-12-31' });
  await table.waitFor();
  assert.match(await table.getByRole('row', { name: /Complaints received/ }).innerText(), /20\.0%/);
  await page.getByRole('img', { name: /percentage indicators/ }).waitFor();
  await page.getByRole('img', { name: /complaint outcomes/ }).waitFor();
  await page.getByRole('table', { name: 'Open complaints' }).getByRole('row', { name: /CMP-1/ }).waitFor();
  await page.getByRole('table', { name: 'Installers' }).getByRole('row', { name: /DEMO-INST-1/ }).waitFor();
  await shot(page, '17-certbody-indicators.png');
  assertClean(page);
});
