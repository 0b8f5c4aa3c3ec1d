// tests/browser/dashboard.test.mjs — the outcomes dashboard in a real Chromium: the
// charts are drawn from the tables (Chart.js, served from /assets under the CSP, with no
// console errors), every table stays on the page, axe-core finds nothing serious or
// critical, with and without JavaScript. Screenshots go to tests/browser/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer, signedIn, referralFields, PASSWORD } from '../http/lib.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = new URL('./screenshots/', import.meta.url).pathname;

let srv, browser;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startServer();
  const clin = await signedIn(srv.base, 'clinician');
  await clin.get('/referrals/new');
  await clin.post('/referrals', referralFields());
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function axe(page, name) {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  await page.evaluate(AXE);   // through the debugging protocol: the page's CSP forbids inline script
  const result = await page.evaluate(async () => await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function signIn(page, username) {
  await page.goto(srv.base + '/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState();
}

test('the team leader dashboard draws a chart beside every charted table, accessibly', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await signIn(page, 'leader');
  await page.goto(srv.base + '/dashboard');
  await page.waitForSelector('.ips-dash-chart canvas');
  const tables = await page.locator('table[data-chart]').count();
  const charts = await page.locator('.ips-dash-chart canvas').count();
  assert.ok(tables >= 9, `charted tables: ${tables}`);
  assert.equal(charts, tables, 'one chart per charted table');
  assert.equal(await page.locator('table caption').count(), await page.locator('table').count());
  const problems = await axe(page, 'dashboard');
  // the period form works: a financial year
  await page.getByLabel('Period').selectOption('fy-2024');
  await page.getByRole('button', { name: 'Show figures' }).click();
  await page.waitForURL(/period=fy-2024/);
  assert.match(await page.textContent('.nhsuk-lede-text'), /Financial year 2024 to 2025/);
  problems.push(...await axe(page, 'dashboard-fy'));
  await ctx.close();
  assert.deepEqual(errors, [], 'no console errors (CSP, script)');
  assert.deepEqual(problems, []);
});

test('without JavaScript, or without the chart script, the tables are the whole page', async () => {
  // JavaScript off: nothing is drawn, every table is there, errors are explained
  const off = await browser.newContext({ javaScriptEnabled: false });
  const page = await off.newPage();
  await signIn(page, 'specialist');
  await page.goto(srv.base + '/dashboard');
  assert.equal(await page.locator('.ips-dash-chart').count(), 0);
  assert.ok(await page.locator('table[data-chart]').count() >= 9);
  await page.screenshot({ path: `${SHOTS}dashboard-no-js.png`, fullPage: true });
  await page.goto(srv.base + '/dashboard?saving=lots');
  assert.match(await page.textContent('.nhsuk-error-summary'), /saving per person/);
  await off.close();
  // the chart library missing (axe needs script, so this is how the table-only page is
  // checked): the page still reads, with nothing serious or critical
  const ctx = await browser.newContext();
  const p2 = await ctx.newPage();
  await p2.route('**/assets/chart.umd.min.js', (route) => route.abort());
  await signIn(p2, 'specialist');
  await p2.goto(srv.base + '/dashboard');
  assert.equal(await p2.locator('.ips-dash-chart').count(), 0);
  const problems = await axe(p2, 'dashboard-tables-only');
  await p2.goto(srv.base + '/dashboard?saving=lots');
  problems.push(...await axe(p2, 'dashboard-errors'));
  await ctx.close();
  assert.deepEqual(problems, []);
});
