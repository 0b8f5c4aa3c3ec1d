// tests/browser/journey.test.mjs — a real Chromium (Debian's) driven by playwright-core:
// the public self-referral and the specialist's journey, with axe-core run on every
// page; any serious or critical finding fails. Screenshots go to
// tests/browser/screenshots/ (git-ignored).
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

// Runs axe-core on the page; returns the serious and critical violations.
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
}

test('a person refers themselves, with errors explained first', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const problems = [];
  await page.goto(srv.base + '/refer');
  problems.push(...await axe(page, 'refer-form'));
  await page.getByRole('button', { name: 'Send referral' }).click();
  await page.waitForSelector('.nhsuk-error-summary');
  problems.push(...await axe(page, 'refer-errors'));
  assert.equal(await page.evaluate(() => document.activeElement.className), 'nhsuk-error-summary');
  await page.getByLabel('Which service do you want to refer yourself to?').selectOption('S1');
  await page.getByLabel('Your first name').fill('Priya');
  await page.getByLabel('Your last name').fill('Shah');
  await page.getByLabel('Day').fill('7');
  await page.getByLabel('Month').fill('9');
  await page.getByLabel('Year').fill('1992');
  await page.getByLabel('Your phone number').fill('07700 900777');
  await page.getByLabel('I want to work and I agree to the service contacting me').check();
  await page.getByRole('button', { name: 'Send referral' }).click();
  await page.waitForURL(/\/refer\/done$/);
  assert.match(await page.textContent('h1'), /Referral sent/);
  problems.push(...await axe(page, 'refer-done'));
  await ctx.close();
  assert.deepEqual(problems, []);
});

test('a team leader allocates and a specialist records a contact; the person is on the caseload', async () => {
  const problems = [];
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, 'leader');
  await page.waitForURL(/\/referrals$/);
  problems.push(...await axe(page, 'inbox'));
  const row = page.locator('tr', { hasText: 'Priya Shah' });
  // the referral's own allocation page (what a row of a team of more than 15 links to)
  const action = await row.locator('form').first().getAttribute('action');
  await page.goto(srv.base + action);
  await page.getByRole('heading', { name: 'Allocate Priya Shah' }).waitFor();
  problems.push(...await axe(page, 'allocate'));
  await page.goto(srv.base + '/referrals');
  // the specialists of the referral's own team (North IPS) only
  const select = row.getByRole('combobox');
  assert.equal(await select.locator('optgroup').count(), 0);
  assert.deepEqual((await select.locator('option').allTextContents()).slice(1).sort(),
    ['Test halftime', 'Test specialist', 'Test specialist2']);
  await select.selectOption({ label: 'Test specialist' });
  await row.getByRole('button', { name: 'Allocate' }).click();
  await page.waitForURL(/\/referrals$/);
  assert.equal(await page.locator('tr', { hasText: 'Priya Shah' }).count(), 0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in$/);

  await signIn(page, 'specialist');
  await page.waitForURL(/\/caseload$/);
  problems.push(...await axe(page, 'caseload'));
  await page.getByRole('link', { name: 'Priya Shah' }).click();
  problems.push(...await axe(page, 'person'));
  await page.getByRole('link', { name: 'Record a contact', exact: true }).click();
  problems.push(...await axe(page, 'contact-form'));
  // the date is left as the form fills it in, today: the self-referral came in today, and a
  // contact dated before it would be saved with a "Check this" page, not straight back to
  // the record
  assert.notEqual(await page.getByLabel('Day').inputValue(), '');
  await page.getByLabel('Face to face').check();
  await page.getByLabel('In the community').check();
  await page.getByLabel('How long, in minutes (optional)').fill('40');
  await page.getByLabel('Note (optional)').fill('Met at the café; talked about retail work');
  await page.getByRole('button', { name: 'Save contact' }).click();
  await page.waitForURL(/\/people\/\d+$/);
  assert.match(await page.content(), /talked about retail work/);
  await page.getByRole('link', { name: 'Start the vocational profile' }).click();
  problems.push(...await axe(page, 'profile-form'));
  await page.getByLabel('Fewest hours a week').fill('30');
  await page.getByLabel('Most hours a week').fill('16');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.waitForSelector('.nhsuk-error-summary');
  problems.push(...await axe(page, 'profile-errors'));
  await page.getByLabel('Most hours a week').fill('35');
  await page.getByLabel('Kinds of work wanted').fill('Retail, stock work');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.waitForURL(/\/people\/\d+$/);
  await page.getByRole('link', { name: 'Caseload' }).click();
  const line = page.locator('tr', { hasText: 'Priya Shah' });
  assert.match(await line.textContent(), /Engaged/);
  await ctx.close();
  assert.deepEqual(problems, []);
});
