// tests/http/fidelity_dashboard.test.mjs — the fidelity dashboard (issue 5): the
// measurable items week by week on a hand-built fixture whose figures are worked out
// below, each as a table the chart is drawn from (and a week marked when its score fell
// below the week before's band), the history of signed-off totals as a chart with its
// table; who may see which service's dashboard; and reviewer-to-site assignment: a
// reviewer sees, starts and edits reviews of their assigned sites only (404 for the
// rest), assigned with `ipsdesk user reviews` and `user add --reviews`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, signedIn, daysAgo, BIN, PASSWORD } from './lib.mjs';

let srv;
const sql = (s) => execFileSync('sqlite3', [srv.db, s], { encoding: 'utf8' }).trim();
const cli = (...args) => spawnSync(BIN, [...args, '--db', srv.db], { encoding: 'utf8', input: PASSWORD + '\n' });

// Days as the server counts them: today in Europe/London, and L, the last Sunday on or
// before it, which the newest week of the dashboard ends on.
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const day = (iso, n) => new Date(Date.parse(iso + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);
const L = day(TODAY, -((new Date(TODAY + 'T00:00:00Z').getUTCDay()) % 7));
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];
const long = (iso) => { const [y, m, d] = iso.split('-').map(Number); return `${d} ${MONTHS[m - 1]} ${y}`; };
// the Sunday week i of 12 ends on (0 the oldest, 11 the newest)
const ends = (i) => day(L, -7 * (11 - i));

// The fixture, in site S1 (team T1) unless said. Each week's window is the 91 days ending
// on its Sunday E: a record dated D is in week i's window when E - 90 <= D <= E.
//  K1 (L-95), 60 community minutes: in weeks 0-10 (not 11: L-95 < L-90); K2 (L-3), 40 office minutes: week 11
//    only. V13 = 100.0 (score 5) in weeks 0-10, then 0.0 (score 1) in week 11: it fell.
//  J1 competitive, started L-50: weeks 4-11; J2 not competitive, started L-20: weeks 9-11.
//    V10: no data in weeks 0-3, 100.0 (5) in 4-8, 50.0 (1) in 9-11: week 9 fell. J3 (site
//    S2, not competitive, L-20) never counts: with it weeks 9-11 would read 33.3.
//  R2 closed L-10 unseen, reason other: O6 = 1 in weeks 10-11, 0 before.
//  S1: R1 (met L-95, open) on ES1's caseload, ES1 full time with a contact in every
//    window: 1.0 (5) every week. V6: no employer contact, 0.0 (1). V4, V8, V9: no data.
const FILES = {
  'staff.csv': 'code,team_code,name,role,fte\nES1,T1,Ann,specialist,1\n',
  'clients.csv': 'ref,site_code,given_name,family_name\nC1,S1,A,One\nC2,S1,B,Two\nC3,S2,C,Three\n',
  'referrals.csv': 'ref,client_ref,team_code,received_on,source,specialist_code,employment_status,closed_on,close_reason\n'
    + `R1,C1,T1,${day(L, -200)},gp,ES1,04,,\n`
    + `R2,C2,T1,${day(L, -30)},gp,,04,${day(L, -10)},other\n`
    + `R3,C3,T3,${day(L, -200)},gp,,04,,\n`,
  'contacts.csv': 'ref,date,staff_code,with,referral_ref,employer_ref,mode,place,minutes,attended\n'
    + `K1,${day(L, -95)},ES1,client,R1,,face_to_face,community,60,yes\n`
    + `K2,${day(L, -3)},ES1,client,R1,,face_to_face,office,40,yes\n`,
  'jobs.csv': 'ref,referral_ref,employer_ref,title,job_type,started_on,ended_on,hours_per_week,hourly_wage,competitive,end_reason\n'
    + `J1,R1,,Baker,,${day(L, -50)},,20,,yes,\n`
    + `J2,R1,,Cleaner,,${day(L, -20)},,10,,no,\n`
    + `J3,R3,,Porter,,${day(L, -20)},,10,,no,\n`,
};

before(async () => {
  srv = await startServer();
  const dir = mkdtempSync(join(tmpdir(), 'ipsdesk-fidash-'));
  for (const [f, t] of Object.entries(FILES)) writeFileSync(join(dir, f), t);
  const r = spawnSync(BIN, ['import', '--db', srv.db, dir], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
after(async () => { await srv.stop(); });

// The rows of the table with this id: [row header, data-value of the figure, cells...].
function rows(body, id) {
  const m = body.match(new RegExp(`<table[^>]*id="${id}"[^>]*>([\\s\\S]*?)</table>`));
  assert.ok(m, `table ${id}`);
  return [...m[1].matchAll(/<tr class="nhsuk-table__row"><th scope="row"[^>]*>([\s\S]*?)<\/th>([\s\S]*?)<\/tr>/g)]
    .map(([, head, rest]) => {
      const cells = [...rest.matchAll(/<td[^>]*?(?: data-value="([^"]*)")?>([\s\S]*?)<\/td>/g)];
      const text = (s) => s.replace(/<[^>]+>/g, '').trim();
      return [text(head), cells[0][1], ...cells.map((c) => text(c[2]))];
    });
}
const range = (a, b) => Array.from({ length: b - a + 1 }, (_, k) => a + k);

let leader, reviewer, admin;

test('each measurable item week by week: the figures of the hand-built fixture, in the table the chart is drawn from', async () => {
  leader = await signedIn(srv.base, 'leader');
  const t0 = performance.now();
  const r = await leader.get('/fidelity/dashboard');
  const ms = performance.now() - t0;
  assert.equal(r.status, 200, r.body);
  assert.match(r.body, /Northgate Trust \(the whole service\)<\/option>|selected>Northgate Trust \(the whole service\)/,
    'a team leader\'s own service is shown first');
  assert.match(r.body, /read from the records of the 13 weeks \(91 days\) ending on that week&#39;s Sunday/);
  assert.match(r.body, new RegExp(`The 12 weeks shown run from Monday ${long(day(ends(0), -6))} to Sunday ${long(L)}`));
  assert.ok(ms < 5000, `the page took ${ms} ms`);

  const v13 = rows(r.body, 't-V13');
  assert.deepEqual(v13.map((x) => x[0]), range(0, 11).map((i) => long(ends(i))), 'oldest first, labelled by Sunday');
  assert.deepEqual(v13.map((x) => x[1]), [...range(0, 10).map(() => '100.0'), '0.0']);
  assert.deepEqual(v13.map((x) => x[3]), [...range(0, 10).map(() => '5'), '1']);
  assert.deepEqual(v13.map((x) => x[4]), [...range(0, 10).map(() => ''), 'Fell: score 5 to 1']);

  const v10 = rows(r.body, 't-V10');
  assert.deepEqual(v10.map((x) => x[1]), [...range(0, 3).map(() => ''), ...range(4, 8).map(() => '100.0'),
    '50.0', '50.0', '50.0'], 'J3 of the other site never counts');
  assert.deepEqual(v10.map((x) => x[2]), [...range(0, 3).map(() => 'No data'), ...range(4, 8).map(() => '100.0'),
    '50.0', '50.0', '50.0']);
  assert.deepEqual(v10.map((x) => x[3]), [...range(0, 3).map(() => 'None'), ...range(4, 8).map(() => '5'), '1', '1', '1']);
  assert.deepEqual(v10.map((x) => x[4]).map((c, i) => [i, c]).filter(([, c]) => c), [[9, 'Fell: score 5 to 1']]);

  const o6 = rows(r.body, 't-O6');
  assert.deepEqual(o6.map((x) => x[1]), [...range(0, 9).map(() => '0'), '1', '1']);
  assert.deepEqual(o6.map((x) => x[4]), [...range(0, 9).map(() => ''), 'Check each one', 'Check each one']);
  assert.deepEqual(rows(r.body, 't-S1').map((x) => x[1] + ' ' + x[3]), range(0, 11).map(() => '1.0 5'));
  assert.deepEqual(rows(r.body, 't-V6').map((x) => x[1] + ' ' + x[3]), range(0, 11).map(() => '0.0 1'));
  for (const id of ['t-V4', 't-V8', 't-V9'])
    assert.deepEqual(rows(r.body, id).map((x) => x[2]), range(0, 11).map(() => 'No data'), id);

  // the chart is drawn from the table by the script; the page is whole without it
  assert.match(r.body, /<table class="nhsuk-table" id="t-V13" data-chart="line" data-lines="30.0 40.0 50.0 65.0">/);
  assert.match(r.body, /<table class="nhsuk-table" id="t-V13"[\s\S]*?<th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric" data-series="">Figure \(%\)<\/th>/);
  assert.match(r.body, /<table class="nhsuk-table" id="t-O6" data-chart="bar">/, 'O6 has no bands');
  assert.match(r.body, /<script src="\/assets\/chart.umd.min.js" defer><\/script><script src="\/assets\/dashboard.js" defer><\/script>/);
  assert.doesNotMatch(r.body, /<script(?![^>]*\ssrc=)[^>]*>|<style|style="/, 'no inline script or style');

  // at a glance: the newest week
  const glance = r.body.match(/<table[^>]*id="t-glance"[\s\S]*?<\/table>/)[0];
  assert.match(glance, new RegExp(`At a glance: the week ending ${long(L)}`));
  assert.match(glance, /V13 Community-based services[\s\S]*?0.0%[\s\S]*?>1<\/td>[\s\S]*?>1<\/td>/);
  assert.match(glance, /V10 Competitive jobs[\s\S]*?50.0%/);
});

test('weeks: how many are shown, checked beside the field', async () => {
  const three = await leader.get('/fidelity/dashboard?team=T1&weeks=3');
  assert.equal(three.status, 200);
  assert.match(three.body, /North IPS \(a team of Northgate Trust\)/);
  assert.deepEqual(rows(three.body, 't-V13').map((x) => x[0] + ' ' + x[1]),
    [9, 10, 11].map((i) => `${long(ends(i))} ${i === 11 ? '0.0' : '100.0'}`));
  for (const bad of ['0', '53', 'x']) {
    const r = await leader.get(`/fidelity/dashboard?weeks=${bad}`);
    assert.equal(r.status, 422, bad);
    assert.match(r.body, /Enter a number of weeks from 1 to 52/);
  }
});

// The edit form with every item scored `score`.
const CODES = ['S1', 'S2', 'S3', 'O1', 'O2', 'O3', 'O4', 'O5', 'O6', 'O7', 'O8', 'V1', 'V2', 'V3', 'V4', 'V5',
  'V6', 'V7', 'V8', 'V9', 'V10', 'V11', 'V12', 'V13', 'V14'];
const dateFields = (name, d) => ({ [`${name}-day`]: d.day, [`${name}-month`]: d.month, [`${name}-year`]: d.year });
function header(over = {}) {
  return {
    ...dateFields('visit_from', daysAgo(3)), ...dateFields('visit_to', daysAgo(2)),
    ...dateFields('period_from', daysAgo(90)), ...dateFields('period_to', daysAgo(1)),
    reviewers: 'Sam Patel', ...over,
  };
}
function scored(score) {
  const f = { ...header(), actions: '0' };
  for (const c of CODES) f[`score-${c}`] = String(score);
  return f;
}

test('the history of review totals: a chart with its table, on the dashboard and the list of reviews', async () => {
  reviewer = await signedIn(srv.base, 'reviewer');
  await reviewer.get('/fidelity/reviews/new');
  const made = await reviewer.post('/fidelity/reviews', header({ scope: 'team:T1' }));
  assert.equal(made.status, 303, made.body);
  const id = sql('SELECT max(id) FROM fidelity_review');
  assert.equal((await reviewer.post(`/fidelity/reviews/${id}/edit`, scored(4))).status, 303);
  await leader.get(`/fidelity/reviews/${id}`);
  assert.equal((await leader.post(`/fidelity/reviews/${id}/sign-off`, {})).status, 303);

  const d = await reviewer.get('/fidelity/dashboard?scope=team:T1');
  assert.equal(d.status, 200);
  assert.match(d.body, /<table class="nhsuk-table" id="t-history" data-chart="line" data-lines="74 100 115">/);
  const h = rows(d.body, 't-history');
  assert.equal(h.length, 1);
  assert.equal(h[0][1], '100');
  assert.equal(h[0][3], 'Good fidelity');
  const site = await reviewer.get('/fidelity/dashboard?scope=site:S1');
  assert.match(site.body, /No review of it has been signed off yet/, 'the service as a whole has no review of its own');

  const list = await reviewer.get('/fidelity');
  assert.match(list.body, /<table class="nhsuk-table" id="history-\d+" data-chart="line" data-lines="74 100 115">/);
  assert.match(list.body, /North IPS \(a team of Northgate Trust\)<\/caption>/);
  assert.match(list.body, /data-value="100">100<\/td>/);
  assert.match(list.body, /src="\/assets\/dashboard.js"/);
  assert.match(list.body, /href="\/fidelity\/dashboard"/);
});

test('who sees which dashboard: a reviewer its sites, a team leader its own, an admin any; 404 for the rest', async () => {
  assert.match((await reviewer.get('/fidelity/dashboard')).body, /Northgate Trust \(the whole service\)<\/span>/);
  for (const q of ['scope=site:S2', 'team=T3', 'site=S2', 'scope=team:T3', 'scope=site:NOPE', 'scope=nonsense'])
    assert.equal((await reviewer.get(`/fidelity/dashboard?${q}`)).status, 404, q);
  const other = await signedIn(srv.base, 'otherleader');
  assert.match((await other.get('/fidelity/dashboard')).body, /Southmoor Trust \(the whole service\)<\/span>/);
  assert.equal((await other.get('/fidelity/dashboard?scope=site:S1')).status, 404);
  assert.equal((await other.get('/fidelity/dashboard?team=T1')).status, 404);
  assert.equal((await leader.get('/fidelity/dashboard?team=T3')).status, 404);
  admin = await signedIn(srv.base, 'admin');
  const s2 = await admin.get('/fidelity/dashboard?scope=site:S2');
  assert.equal(s2.status, 200);
  assert.deepEqual(rows(s2.body, 't-V10').map((x) => x[1]).slice(9), ['0.0', '0.0', '0.0'], 'J3 is S2\'s');
  for (const user of ['specialist', 'clinician', 'commissioner', 'auditor']) {
    const c = await signedIn(srv.base, user);
    assert.equal((await c.get('/fidelity/dashboard')).status, 403, user);
  }
});

test('a reviewer sees, starts and edits reviews of the sites assigned to them only', async () => {
  await admin.get('/fidelity/reviews/new');
  const made = await admin.post('/fidelity/reviews', header({ scope: 'site:S2' }));
  assert.equal(made.status, 303, made.body);
  const s2 = sql('SELECT max(id) FROM fidelity_review');
  for (const path of [`/fidelity/reviews/${s2}`, `/fidelity/reviews/${s2}/edit`, `/fidelity/reviews/${s2}/print`])
    assert.equal((await reviewer.get(path)).status, 404, path);
  await reviewer.get('/fidelity');
  assert.equal((await reviewer.post(`/fidelity/reviews/${s2}/edit`, scored(3))).status, 404);
  assert.equal((await reviewer.post(`/fidelity/reviews/${s2}/copy`, {})).status, 404);
  assert.equal(sql(`SELECT count(score) FROM fidelity_review_item WHERE review_id = ${s2}`), '0', 'nothing written');
  assert.doesNotMatch((await reviewer.get('/fidelity')).body, /Southmoor/);
  const form = await reviewer.get('/fidelity/reviews/new');
  assert.doesNotMatch(form.body, /Southmoor|South IPS/);
  const before = sql('SELECT count(*) FROM fidelity_review');
  for (const scope of ['site:S2', 'team:T3']) {
    const refused = await reviewer.post('/fidelity/reviews', header({ scope }));
    assert.equal(refused.status, 422, scope);
    assert.match(refused.body, /Choose the service or team to review from the list/);
  }
  assert.equal(sql('SELECT count(*) FROM fidelity_review'), before);

  // assigned S2 as well, the same reviewer sees it at once
  const set = cli('user', 'reviews', 'reviewer', 'S1,S2');
  assert.equal(set.status, 0, set.stderr);
  assert.equal(cli('user', 'reviews', 'reviewer').stdout, 'S1\nS2\n');
  assert.equal((await reviewer.get(`/fidelity/reviews/${s2}`)).status, 200);
  assert.match((await reviewer.get('/fidelity')).body, /Southmoor Trust \(the whole service\)/);
  assert.equal((await reviewer.get('/fidelity/dashboard?scope=site:S2')).status, 200);

  // none: nothing to see, and said so
  assert.equal(cli('user', 'reviews', 'reviewer', '--none').status, 0);
  assert.match(cli('user', 'reviews', 'reviewer').stdout, /reviewer reviews no site/);
  assert.doesNotMatch((await reviewer.get('/fidelity')).body, /Northgate|Southmoor/);
  const none = await reviewer.get('/fidelity/dashboard');
  assert.equal(none.status, 200);
  assert.match(none.body, /You do not review any service yet/);
  assert.equal((await reviewer.get('/fidelity/dashboard?scope=site:S1')).status, 404);
  assert.equal(cli('user', 'reviews', 'reviewer', 'S1').status, 0);
  assert.equal((await reviewer.get('/fidelity/dashboard?scope=site:S1')).status, 200);
});

test('the command line assigns sites to reviewers only, all or nothing, audited', async () => {
  const unknown = cli('user', 'reviews', 'reviewer', 'S1', 'S9');
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /There is no site with the code S9/);
  assert.equal(cli('user', 'reviews', 'reviewer').stdout, 'S1\n', 'unchanged');
  const notReviewer = cli('user', 'reviews', 'leader', 'S1');
  assert.equal(notReviewer.status, 1);
  assert.match(notReviewer.stderr, /this account's role is not reviewer/);

  const add = cli('user', 'add', 'reviewer2', '--name', 'Second reviewer', '--role', 'reviewer', '--reviews', 'S2');
  assert.equal(add.status, 0, add.stderr);
  assert.equal(cli('user', 'reviews', 'reviewer2').stdout, 'S2\n');
  const wrongRole = cli('user', 'add', 'spec9', '--name', 'Spec', '--role', 'specialist', '--team', 'T1', '--reviews', 'S1');
  assert.equal(wrongRole.status, 1);
  assert.match(wrongRole.stderr, /Only a reviewer reviews sites/);
  const badSite = cli('user', 'add', 'reviewer3', '--name', 'Third', '--role', 'reviewer', '--reviews', 'S1,NOPE');
  assert.equal(badSite.status, 1);
  assert.equal(sql("SELECT count(*) FROM account WHERE username IN ('spec9', 'reviewer3')"), '0', 'no account half-made');

  const r2 = await signedIn(srv.base, 'reviewer2');
  assert.match((await r2.get('/fidelity/dashboard')).body, /Southmoor Trust \(the whole service\)<\/span>/);
  assert.equal((await r2.get('/fidelity/dashboard?scope=site:S1')).status, 404);
  assert.match(sql("SELECT group_concat(action || ':' || fields, ' | ') FROM audit WHERE action = 'account.reviews'"),
    /account.reviews:reviewer_sites/);
  assert.match(sql("SELECT fields FROM audit WHERE action = 'account.create' ORDER BY seq DESC LIMIT 1"),
    /reviewer_sites/);
});
