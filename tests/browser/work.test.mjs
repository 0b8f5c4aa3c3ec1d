// tests/browser/work.test.mjs — finding and keeping work (issue 3) in a real Chromium:
// a specialist, signed in through the sign-in page, logs a face-to-face employer visit
// from a person's record, opens the person's matching vacancies and takes the best one
// through the job search to a start (benefits advice first, after the job start form
// warned it was missing), then clears the first in-work support item by recording a
// contact; their dashboard and the team leader's support list show it cleared.
// axe-core runs on every page visited; any serious or critical finding fails.
// Screenshots go to tests/browser/screenshots/ (git-ignored), named work-*.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer, signedIn, referralFields, PASSWORD } from '../http/lib.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = new URL('./screenshots/', import.meta.url).pathname;

let srv, browser, ctx, page, personId;
const problems = [];   // axe findings over the whole journey, checked at the end of each test

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startServer();
  const q = (s) => execFileSync('sqlite3', [srv.db, s], { encoding: 'utf8' }).trim();
  // a person referred by a clinician and allocated to the specialist
  const clin = await signedIn(srv.base, 'clinician');
  await clin.get('/referrals/new');
  await clin.post('/referrals', referralFields());
  const referral = q('SELECT max(id) FROM referral');
  const leader = await signedIn(srv.base, 'leader');
  await leader.get('/referrals');
  await leader.post(`/referrals/${referral}/allocate`,
    { [`specialist-${referral}`]: q("SELECT staff_id FROM account WHERE username = 'specialist'") });
  personId = q('SELECT max(id) FROM client');
  // their preferences, an employer and two open vacancies (set up over HTTP: the journey
  // test drives the profile form in the browser)
  const es = await signedIn(srv.base, 'specialist');
  await es.get(`/people/${personId}/profile`);
  await es.post(`/people/${personId}/profile`, {
    job_types: 'Bakery or shop work', hours_min: '10', hours_max: '20', places: 'Leeds city centre',
    travel_miles: '5', job_type_codes: '5432', pay_min: '12.21', avoid: 'nights',
  });
  await es.get('/employers/new');
  await es.post('/employers', { name: 'Leeds Bakery Co', sector: 'Food', postcode: 'LS2 7EQ' });
  const employer = q("SELECT id FROM employer WHERE name = 'Leeds Bakery Co'");
  for (const v of [
    { title: 'Night shift packer', job_type: '9132', hours_min: '37.5', hours_max: '37.5', hourly_pay: '12.80',
      postcode: 'BD1 1AA', conditions: 'nights' },
    { title: 'Bakery assistant', job_type: '5432', hours_min: '16', hours_max: '16', hourly_pay: '12.80',
      postcode: 'LS2 7EQ' },
  ]) {
    await es.get('/vacancies/new');
    await es.post('/vacancies', { employer_id: employer, status: 'open', source: 'Find a job', ...v });
  }
  assert.equal(q("SELECT count(*) FROM vacancy WHERE status = 'open'"), '2');

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  ctx = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  page = await ctx.newPage();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

// Saves a screenshot, runs axe-core and keeps its serious and critical violations.
async function axe(name) {
  await page.screenshot({ path: `${SHOTS}work-${name}.png`, fullPage: true });
  await page.evaluate(AXE);   // through the debugging protocol: the page's CSP forbids inline script
  const result = await page.evaluate(async () => await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  problems.push(...result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
}

async function signIn(p, username) {
  await p.goto(srv.base + '/sign-in');
  await p.getByLabel('Username').fill(username);
  await p.getByLabel('Password').fill(PASSWORD);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.waitForLoadState();
}

// The date in a date input (day, month, year boxes named id, id-month, id-year) as
// [day, month, year] numbers: the server's today, when it filled the form in.
async function dateIn(id) {
  return [await page.locator(`#${id}`).inputValue(), await page.locator(`#${id}-month`).inputValue(),
          await page.locator(`#${id}-year`).inputValue()].map(Number);
}

async function fillDate(id, [d, m, y]) {
  await page.locator(`#${id}`).fill(String(d));
  await page.locator(`#${id}-month`).fill(String(m));
  await page.locator(`#${id}-year`).fill(String(y));
}

function dayBefore([d, m, y]) {
  const t = new Date(Date.UTC(y, m - 1, d - 1));
  return [t.getUTCDate(), t.getUTCMonth() + 1, t.getUTCFullYear()];
}

async function openPerson() {
  await page.getByRole('link', { name: 'Caseload' }).click();
  await page.getByRole('link', { name: 'Amara Okafor' }).click();
  await page.waitForURL(new RegExp(`/people/${personId}$`));
}

test('a specialist logs a face-to-face employer visit from the person\'s record; the dashboard counts it against 6', async () => {
  await signIn(page, 'specialist');
  await page.waitForURL(/\/caseload$/);
  await openPerson();
  await axe('person');
  await page.getByRole('link', { name: 'Log an employer contact on their behalf' }).click();
  await page.waitForURL(/\/employers\?for=\d+$/);
  assert.match(await page.textContent('main'), /on behalf of Amara Okafor/);
  await axe('employers-for');
  // the café is not in the list yet: added on the way, then straight on to the contact
  await page.getByRole('link', { name: 'Add an employer who is not in the list' }).click();
  await page.getByRole('button', { name: 'Add employer' }).click();
  await page.waitForSelector('.nhsuk-error-summary');
  await axe('employer-errors');
  await page.getByLabel('Name', { exact: true }).fill('Kirkgate Café');
  await page.getByLabel('Sector (optional)').fill('Hospitality');
  await page.getByLabel('Postcode (optional)').fill('LS2 7HY');
  await page.getByRole('button', { name: 'Add employer' }).click();
  await page.waitForURL(/\/employers\/\d+\/contacts\/new\?for=\d+$/);
  assert.match(await page.textContent('h1'), /Kirkgate Café/);
  const onBehalf = page.getByLabel('On behalf of (optional)');
  assert.equal(await onBehalf.locator('option:checked').textContent(), 'Amara Okafor');
  await axe('employer-contact-form');
  await page.getByLabel('Face to face').check();
  await page.getByLabel('In the community').check();
  await page.getByLabel('How long, in minutes (optional)').fill('30');
  await page.getByLabel('Note (optional)').fill('Met the manager about weekend counter work for Amara');
  await page.getByRole('button', { name: 'Save contact' }).click();
  await page.waitForURL(new RegExp(`/people/${personId}$`));
  assert.match(await page.textContent('main'), /Kirkgate Café/);

  await page.getByRole('link', { name: 'Outcomes' }).click();
  await page.waitForURL(/\/dashboard/);
  assert.match(await page.textContent('main'), /This week: 1 of 6 face-to-face employer contacts/);
  const weeks = page.locator('table', { hasText: 'Face-to-face employer contacts' }).first();
  assert.equal(await weeks.locator('tbody tr').count(), 5, 'this week and the four before it');
  const thisWeek = weeks.locator('tbody tr', { hasText: '(this week)' }).locator('td');
  assert.deepEqual((await thisWeek.allTextContents()).map((t) => t.trim()), ['1', '6'], 'contacts, target');
  await axe('dashboard-week');
  assert.deepEqual(problems.splice(0), []);
});

test('the person\'s matches rank the vacancy with its reason; it goes through the job search to a start', async () => {
  await openPerson();
  await page.getByRole('link', { name: 'Matching vacancies' }).click();
  await page.waitForURL(/\/matches$/);
  const rows = page.locator('table tbody tr');
  assert.equal(await rows.count(), 2);
  const best = await rows.nth(0).textContent();
  assert.match(best, /Bakery assistant/);
  assert.match(best, /matches preferred job type; 16 hours within 10-20; .*within the 5-mile travel limit/);
  assert.match(await rows.nth(1).textContent(), /Night shift packer.*involves nights, which they want to avoid/s);
  await axe('matches');
  await rows.nth(0).getByRole('button', { name: /Add to job search/ }).click();
  await page.waitForURL(new RegExp(`/people/${personId}#job-search$`));
  const step = page.locator('#job-search ~ table tbody tr', { hasText: 'Bakery assistant' });
  assert.match(await step.textContent(), /Found/);

  // moved on: an interview before the application is refused beside its field
  await step.getByRole('link', { name: /Move on/ }).click();
  await axe('step-form');
  const today = await dateIn('identified_on');
  await fillDate('applied_on', today);
  await fillDate('interview_on', dayBefore(today));
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForSelector('.nhsuk-error-summary');
  assert.match(await page.textContent('#interview_on-error'), /The interview cannot be before the date they applied/);
  await axe('step-errors');
  await fillDate('applied_on', today);
  await fillDate('interview_on', today);
  await fillDate('offer_on', today);
  await page.getByLabel('Started the job').check();
  await fillDate('outcome_on', today);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/applications\/\d+$/);
  assert.match(await page.textContent('main'), /Stage: Started/);

  // the job start form says benefits advice is missing, with the way to record it
  await page.getByRole('link', { name: 'Record the job start' }).click();
  await page.waitForURL(/\/jobs\/new\?/);
  assert.equal(await page.getByLabel('Job title').inputValue(), 'Bakery assistant');
  const warning = page.locator('.nhsuk-warning-callout', { hasText: 'No benefits advice recorded' });
  assert.equal(await warning.count(), 1);
  await axe('job-form-no-advice');
  await warning.getByRole('link', { name: 'record the benefits advice' }).click();
  await page.waitForURL(/\/benefits-advice\/new$/);
  await axe('benefits-advice-form');
  await page.getByLabel('What the advice covered').fill('Universal Credit taper and work allowance at 16 hours; '
    + 'better-off calculation; reporting the start to the DWP');
  await page.getByRole('button', { name: /Save/ }).click();
  await page.waitForURL(new RegExp(`/people/${personId}`));

  // back to the step: the job start, now with the advice on record
  await page.locator('#job-search ~ table tbody tr', { hasText: 'Bakery assistant' })
    .getByRole('link', { name: /Record the job start/ }).click();
  assert.equal(await page.locator('.nhsuk-warning-callout', { hasText: 'No benefits advice recorded' }).count(), 0);
  // filled in from the vacancy: job type, hours and pay
  assert.equal(await page.getByLabel('Job type (optional)').inputValue(), '5432');
  assert.equal(await page.getByLabel('Hours a week').inputValue(), '16');
  assert.equal(await page.getByLabel('Hourly pay in pounds (optional)').inputValue(), '12.80');
  await fillDate('started_on', today);
  await axe('job-form');
  await page.getByRole('button', { name: 'Save job start' }).click();
  await page.waitForURL(new RegExp(`/people/${personId}$`));
  const job = page.locator('.nhsuk-card', { hasText: 'Bakery assistant at Leeds Bakery Co' });
  assert.match(await job.textContent(), /Current/);
  assert.equal(await job.locator('.nhsuk-warning-callout').count(), 0, 'no benefits or pay warning');
  // the café visit on their behalf, face to face in the week before the start, met the first item
  const schedule = job.locator('details');
  assert.match(await schedule.locator('tr', { hasText: 'Before the job starts' }).textContent(), /Met by the contact on/);
  assert.match(await schedule.locator('tr', { hasText: 'Within 3 days of the start' }).textContent(), /Due now/);
  assert.match(await page.textContent('main'), /In work/);
  assert.match(await page.textContent('main'), /Long-term sick or disabled, receiving benefits/, 'status at referral kept');
  // the timeline shows the pipeline
  const timeline = await page.locator('.ips-timeline').textContent();
  for (const line of ['Job search: applied for Bakery assistant', 'Job search: interview for Bakery assistant',
    'Job search: offered Bakery assistant', 'Job search: got the job, Bakery assistant'])
    assert.ok(timeline.includes(line), `timeline has "${line}": ${timeline}`);
  await axe('person-in-work');
  assert.deepEqual(problems.splice(0), []);
});

test('a contact with the person clears the first in-work support item due, on the dashboard and the team leader\'s list', async () => {
  const dueTable = (p) => p.locator('table', { hasText: /In-work support contacts due and overdue|Test specialist/ });
  await page.getByRole('link', { name: 'Outcomes' }).click();
  await page.waitForURL(/\/dashboard$/);
  const due = dueTable(page).locator('tbody tr', { hasText: 'Amara Okafor' });
  assert.equal(await due.count(), 1);
  assert.match(await due.textContent(), /Within 3 days of the start.*Due now/s);
  await axe('dashboard-due');

  // the team leader sees their team's due items, by specialist
  const leaderCtx = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const lp = await leaderCtx.newPage();
  await signIn(lp, 'leader');
  await lp.getByRole('link', { name: 'In-work support' }).click();
  await lp.waitForURL(/\/support$/);
  const theirs = lp.locator('table', { hasText: 'Test specialist' }).locator('tbody tr', { hasText: 'Amara Okafor' });
  assert.equal(await theirs.count(), 1);
  assert.match(await theirs.textContent(), /Bakery assistant at Leeds Bakery Co.*Within 3 days of the start/s);
  const specialistPage = page;
  page = lp;
  await axe('support-leader');
  page = specialistPage;

  // a phone call with the person after the start meets it
  await openPerson();
  await page.getByRole('link', { name: 'Record a contact', exact: true }).click();
  await page.getByLabel('Telephone').check();
  await page.getByLabel('Note (optional)').fill('Talked through the first shift and what to say to the manager');
  await page.getByRole('button', { name: 'Save contact' }).click();
  await page.waitForURL(new RegExp(`/people/${personId}$`));
  const schedule = page.locator('.nhsuk-card', { hasText: 'Bakery assistant' }).locator('details');
  assert.match(await schedule.locator('tr', { hasText: 'Within 3 days of the start' }).textContent(),
    /Met by the contact on/);
  assert.match(await schedule.locator('tr', { hasText: 'Week 1' }).textContent(), /Upcoming/);
  await axe('person-support-met');

  await page.getByRole('link', { name: 'Outcomes' }).click();
  await page.waitForURL(/\/dashboard$/);
  assert.equal(await dueTable(page).locator('tbody tr', { hasText: 'Amara Okafor' }).count(), 0, 'cleared');
  assert.match(await page.textContent('main'), /No in-work support contacts are due or overdue/);
  await axe('dashboard-cleared');
  await lp.reload();
  assert.equal(await dueTable(lp).locator('tbody tr', { hasText: 'Amara Okafor' }).count(), 0, 'cleared for the leader');
  await leaderCtx.close();
  assert.deepEqual(problems.splice(0), []);
});
