// tests/browser/fidelity_dashboard.test.mjs — the fidelity dashboard in a real Chromium:
// a chart is drawn beside each item's table (Chart.js from /assets under the CSP, with
// no console errors), axe-core finds nothing serious or critical, and without
// JavaScript the tables are the whole page. Screenshots go to tests/browser/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer, PASSWORD } from '../http/lib.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = new URL('./screenshots/', import.meta.url).pathname;

let srv, browser;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startServer();
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

async function signIn(page, username) {
  await page.goto(srv.base + '/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState();
}

test('a chart beside each item\'s table, accessibly; the form changes the service and weeks', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await signIn(page, 'reviewer');
  await page.goto(srv.base + '/fidelity/dashboard');
  await page.waitForSelector('.ips-dash-chart canvas');
  const tables = await page.locator('table[data-chart]').count();
  assert.equal(tables, 8, 'one charted table per measurable item');
  assert.equal(await page.locator('.ips-dash-chart canvas').count(), tables, 'one chart per charted table');
  assert.equal(await page.locator('table caption').count(), await page.locator('table').count());
  await page.screenshot({ path: `${SHOTS}fidelity-dashboard.png`, fullPage: true });
  await page.evaluate(AXE);   // through the debugging protocol: the page's CSP forbids inline script
  const result = await page.evaluate(async () => await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  const problems = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

  await page.getByLabel('Service or team').selectOption('team:T1');
  await page.getByLabel('Number of weeks').fill('4');
  await page.getByRole('button', { name: 'Show figures' }).click();
  await page.waitForURL(/scope=team%3AT1/);
  await page.waitForSelector('.ips-dash-chart canvas');
  assert.match(await page.textContent('h1'), /North IPS \(a team of Northgate Trust\)/);
  assert.equal(await page.locator('#t-V6 tbody tr').count(), 4);
  await ctx.close();
  assert.deepEqual(errors, [], 'no console errors (CSP, script)');
  assert.deepEqual(problems, []);
});

test('without JavaScript the tables are the whole page', async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await signIn(page, 'leader');
  await page.goto(srv.base + '/fidelity/dashboard');
  assert.equal(await page.locator('table[data-chart]').count(), 8);
  assert.equal(await page.locator('.ips-dash-chart').count(), 0);
  assert.equal(await page.locator('#t-S1 tbody tr').count(), 12);
  await ctx.close();
});
