// tests/http/fidelity_evidence.test.mjs — the fidelity evidence page and its drill-downs
// (issue 5) on a hand-built fixture for the period 1 April to 30 June 2025: each of the
// ten figures worked out by hand (the working is in the comments), the score boundaries
// it meets (V4 exactly 30 days: 5; V9 exactly 50%: 2; V13 exactly 65%: 5), periods with no
// data, the records behind each figure with no name or NHS number in any of them, the
// audit entry for reading them, the links from a review, and who may see what.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, signedIn, BIN, sqlOn } from './lib.mjs';

let srv, reviewer;
const sql = (s) => sqlOn(srv.db)(s);

const FILES = {
  'staff.csv': 'code,team_code,name,role,fte\nES1,T1,Ann,specialist,1\nES2,T1,Bob,specialist,0.5\n'
    + 'ES3,T3,Cy,specialist,1\n',
  'employers.csv': 'ref,site_code,name,sector\nE1,S1,Bakery,\nE3,S2,Depot,\n',
  'clients.csv': 'ref,site_code,nhs_number,given_name,family_name,birth_date\n'
    + 'C1,S1,9434765919,Amara,Okafor,1990-05-12\nC2,S1,,Bilal,Hussain,1985-01-02\nC3,S1,,Chloe,Ward,\n'
    + 'C4,S1,,Dmitri,Petrov,\nC5,S1,,Efua,Mensah,\nC9,S2,,Ffion,Jones,\n',
  'referrals.csv': 'ref,client_ref,team_code,received_on,source,specialist_code,employment_status,closed_on,close_reason\n'
    + 'R1,C1,T1,2025-04-01,gp,ES1,04,,\n'
    + 'R2,C2,T1,2025-04-01,gp,ES1,04,,\n'
    + 'R3,C3,T1,2025-04-01,gp,ES2,04,,\n'
    + 'R4,C4,T1,2025-04-20,gp,,04,2025-05-10,lost_contact\n'     // O6: closed unseen
    + 'R5,C5,T1,2025-04-20,gp,,04,2025-05-11,person_choice\n'    // the person's choice: not O6
    + 'R9,C9,T3,2025-04-01,gp,ES3,04,,\n',                        // another site
  'contacts.csv': 'ref,date,staff_code,with,referral_ref,employer_ref,mode,place,minutes,attended\n'
    + 'K1,2025-04-02,ES1,client,R1,,face_to_face,community,65,yes\n'
    + 'K2,2025-05-01,ES1,employer,R1,E1,face_to_face,office,35,yes\n'   // V4: 30 days after R1
    + 'K3,2025-04-03,ES1,client,R2,,phone,,,\n'
    + 'K4,2025-04-05,ES2,client,R3,,video,,,\n'
    + 'K9,2025-04-02,ES3,client,R9,,face_to_face,community,50,yes\n'
    + 'K10,2025-04-03,ES3,employer,R9,E3,face_to_face,community,50,yes\n',
  'jobs.csv': 'ref,referral_ref,employer_ref,title,job_type,started_on,ended_on,hours_per_week,hourly_wage,competitive,end_reason\n'
    + 'J1,R1,E1,Baker,1234,2025-05-01,,20,,yes,\n'
    + 'J2,R2,E1,Cleaner,5678,2025-06-01,,10,,no,\n'
    + 'J9,R9,E3,Driver,9999,2025-05-01,,10,,yes,\n',
};

const Q = 'from=2025-04-01&to=2025-06-30';

before(async () => {
  srv = await startServer();
  const csv = join(srv.dir, 'csv');
  mkdirSync(csv);
  for (const [f, t] of Object.entries(FILES)) writeFileSync(join(csv, f), t);
  const r = spawnSync(BIN, ['import', '--db', srv.db, csv], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  // the in-work support schedule of J1 (started 1 May 2025), as the schedule keeps it
  const j1 = sql("SELECT id FROM job WHERE ref = 'J1'");
  const k2 = sql("SELECT id FROM contact WHERE ref = 'K2'");
  const t = "'2025-05-01T00:00:00Z'";
  sql(`INSERT INTO support_item (job_id, kind, seq, window_from, window_to, status, contact_id, created_at, updated_at) VALUES
    (${j1}, 'before_start', 0, '2025-04-24', '2025-05-01', 'missed', NULL, ${t}, ${t}),
    (${j1}, 'after_start', 0, '2025-05-01', '2025-05-04', 'met', ${k2}, ${t}, ${t}),
    (${j1}, 'weekly', 1, '2025-05-02', '2025-05-08', 'missed', NULL, ${t}, ${t}),
    (${j1}, 'weekly', 2, '2025-05-09', '2025-05-15', 'open', NULL, ${t}, ${t}),
    (${j1}, 'weekly', 3, '2025-05-16', '2025-05-22', 'cancelled', NULL, ${t}, ${t}),
    (${j1}, 'monthly', 5, '2025-07-20', '2025-08-19', 'open', NULL, ${t}, ${t})`);
  // benefits advice: C1 on the day J1 started (counts), C2 the day after J2 started (does not)
  const staff = sql("SELECT id FROM staff WHERE code = 'ES1'");
  sql(`INSERT INTO benefits_advice (client_id, date, staff_id, covered, created_at) VALUES
    ((SELECT id FROM client WHERE ref = 'C1'), '2025-05-01', ${staff}, 'Universal Credit and work', ${t}),
    ((SELECT id FROM client WHERE ref = 'C2'), '2025-06-02', ${staff}, 'Universal Credit and work', ${t})`);
  // the reviewer reviews Northgate (S1) only
  execFileSync(BIN, ['user', 'reviews', 'reviewer', 'S1', '--db', srv.db]);
  reviewer = await signedIn(srv.base, 'reviewer');
});
after(async () => { await srv.stop(); });

// The row of an item on the evidence page, as text.
function itemRow(body, code) {
  const m = body.match(new RegExp(`<tr class="nhsuk-table__row" id="item-${code}">([\\s\\S]*?)</tr>`));
  assert.ok(m, `no row for ${code}`);
  return m[1].replace(/<span class="nhsuk-table-responsive__heading">[^<]*<\/span>/g, '')
    .replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}
const NAMES = /Amara|Okafor|Bilal|Hussain|Chloe|Ward|Dmitri|Petrov|Efua|Mensah|Ffion|Jones|9434765919|943 476 5919|1990|12 May/;

test('every figure, worked out by hand, with how it was computed and the score it suggests', async () => {
  const r = await reviewer.get(`/fidelity/evidence?${Q}&site=S1`);
  assert.equal(r.status, 200, r.body);
  assert.match(r.body, /Northgate Trust \(the whole service\)/);
  // S1: R1, R2, R3 open on 30 June and seen by then, allocated to ES1 (1.0) and ES2 (0.5): 3 / 1.5
  assert.match(itemRow(r.body, 'S1'), /2\.0 people per full-time specialist Suggests a score of 5 3 people on the caseload .* divided by 1\.5 full-time-equivalent/);
  // V4: R1 received 1 April, first employer contact 1 May: exactly 30 days, which scores 5
  assert.match(itemRow(r.body, 'V4'), /30\.0 days Suggests a score of 5 .*over 1 referral .*: 30 days in all divided by 1\./);
  // V6: 1 employer contact x 7 / (2 specialists x 91 days) = 0.04
  assert.match(itemRow(r.body, 'V6'), /0\.0 a week per specialist Suggests a score of 1 1 employer contact .* divided by 2 specialists times 91 days/);
  // V8: 2 job types among 2 jobs; V9: 1 employer among 2 jobs, exactly 50%: 2; V10: 1 of 2 competitive
  assert.match(itemRow(r.body, 'V8'), /100\.0% Suggests a score of 5 2 different job types among 2 jobs/);
  assert.match(itemRow(r.body, 'V9'), /50\.0% Suggests a score of 2 1 different employers among 2 jobs/);
  assert.match(itemRow(r.body, 'V10'), /50\.0% Suggests a score of 1 1 of 2 jobs started in the period are competitive/);
  // V12: after-start met; week 1 missed; week 2 still open after its window: missed; week 3
  // cancelled and the before-start contact left out; month 5 ends after the period: 1 of 3
  assert.match(itemRow(r.body, 'V12'), /33\.3% Shown as a percentage: the scale sets no thresholds, so no score is suggested 1 of 3 in-work support contacts due/);
  // V13: 65 minutes in the community of 100 (K1 65 community, K2 35 office): exactly 65%, which scores 5
  assert.match(itemRow(r.body, 'V13'), /65\.0% Suggests a score of 5 65 minutes in the community out of 100 minutes/);
  // O6: R4 closed unseen for lost contact; R5 was the person's choice
  assert.match(itemRow(r.body, 'O6'), /^ ?O6 Zero exclusion criteria 1 Warning A warning, not a score: check each of these referrals 1 referral closed/);
  // V1: C1 advised on the day J1 started; C2 the day after J2 started: 1 of 2
  assert.match(itemRow(r.body, 'V1'), /50\.0% Shown as a percentage.* 1 of 2 people whose first job started in the period had benefits advice/);
  assert.match(r.body, /href="\/fidelity\/evidence\/V4\?from=2025-04-01&amp;to=2025-06-30&amp;site=S1"/);
  assert.doesNotMatch(r.body, NAMES);
});

test('a team or a period with no data: no figure and no score, and it says so', async () => {
  const r = await reviewer.get(`/fidelity/evidence?${Q}&team=T2`);
  assert.equal(r.status, 200);
  for (const code of ['S1', 'V4', 'V6', 'V8', 'V9', 'V10', 'V13'])
    assert.match(itemRow(r.body, code), /No data No score suggested: no data in this period/, code);
  for (const code of ['V12', 'V1'])
    assert.match(itemRow(r.body, code), /No data No score suggested: no data in this period/, code);
  assert.match(itemRow(r.body, 'O6'), / 0 No warning: none in this period/);
  // the same scope through the form's select
  const f = await reviewer.get('/fidelity/evidence?scope=team%3AT1&from=2025-04-01&to=2025-06-30');
  assert.equal(f.status, 200);
  assert.match(itemRow(f.body, 'V4'), /30\.0 days/);
  assert.match(f.body, /<option value="team:T1" selected/);
});

test('the form: dates and scope checked, each message beside its field', async () => {
  const first = await reviewer.get('/fidelity/evidence');
  assert.equal(first.status, 200);
  assert.match(first.body, /<form method="get" action="\/fidelity\/evidence"/);
  assert.doesNotMatch(first.body, /There is a problem/, 'no errors before anything is asked');
  // the period offered first: the last three whole months
  const now = new Date(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()) + 'T12:00:00Z');
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 3, 1)).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).toISOString().slice(0, 10);
  assert.match(first.body, new RegExp(`id="from" name="from" type="date" value="${start}"`));
  assert.match(first.body, new RegExp(`id="to" name="to" type="date" value="${end}"`));
  const bad = await reviewer.get('/fidelity/evidence?from=2025-02-30&to=2025-01-01');
  assert.equal(bad.status, 422);
  assert.match(bad.body, /There is a problem/);
  assert.match(bad.body, /Choose the service or team/);
  assert.match(bad.body, /id="from-error"[\s\S]*?The first day of the period must be a real date/);
  const order = await reviewer.get('/fidelity/evidence?from=2025-06-30&to=2025-04-01&site=S1');
  assert.equal(order.status, 422);
  assert.match(order.body, /id="to-error"[\s\S]*?The last day of the period must be the same as or after the first day/);
  const unknown = await reviewer.get(`/fidelity/evidence?${Q}&team=NOPE`);
  assert.equal(unknown.status, 422);
  assert.match(unknown.body, /There is no team with the code NOPE/);
});

async function drill(code, scope = 'site=S1', who = reviewer) {
  const r = await who.get(`/fidelity/evidence/${code}?${Q}&${scope}`);
  assert.equal(r.status, 200, `${code}: ${r.status}`);
  const tables = [...r.body.matchAll(/<tbody class="nhsuk-table__body">([\s\S]*?)<\/tbody>/g)]
    .map((m) => [...m[1].matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
      [...row[1].matchAll(/<td[^>]*>(?:<span class="nhsuk-table-responsive__heading">[^<]*<\/span>)?([\s\S]*?)<\/td>/g)]
        .map((c) => c[1].trim())));
  return { body: r.body, tables };
}

test('the records behind each figure: references, dates and the measured fields only', async () => {
  const s1 = await drill('S1');
  assert.deepEqual(s1.tables[0], [['ES1', '1'], ['ES2', '0.5']]);
  assert.deepEqual(s1.tables[1].map((r) => r[0] + ' ' + r[1]), ['R1 ES1', 'R2 ES1', 'R3 ES2']);
  assert.deepEqual((await drill('V4')).tables[0], [['R1', '1 April 2025', '1 May 2025', '30']]);
  assert.deepEqual((await drill('V6')).tables[0], [['ES1', '1'], ['ES2', '0']]);
  const jobs = [['J1', 'R1', '1 May 2025', '1234', 'E1', 'Yes'], ['J2', 'R2', '1 June 2025', '5678', 'E1', 'No']];
  for (const code of ['V8', 'V9', 'V10']) assert.deepEqual((await drill(code)).tables[0], jobs, code);
  assert.deepEqual((await drill('V13')).tables[0],
    [['2 April 2025', 'ES1', 'Community', '65'], ['1 May 2025', 'ES1', 'Office', '35']]);
  assert.deepEqual((await drill('O6')).tables[0], [['R4', '20 April 2025', '10 May 2025', 'Lost contact']]);
  assert.deepEqual((await drill('V12')).tables[0].map((r) => `${r[0]} ${r[1]} ${r[3]}: ${r[6]}`), [
    'R1 J1 Within 3 days of the start: Met (contact on 1 May 2025)',
    'R1 J1 Week 1: Missed',
    'R1 J1 Week 2: Missed',
    'R1 J1 Week 3: Cancelled (the job ended): not counted',
  ]);
  assert.deepEqual((await drill('V1')).tables[0], [
    ['R1', 'J1', '1 May 2025', '1 May 2025', 'Yes'],
    ['R2', 'J2', '1 June 2025', '2 June 2025', 'No'],
  ]);
  for (const code of ['S1', 'V4', 'V6', 'V8', 'V9', 'V10', 'V12', 'V13', 'O6', 'V1']) {
    const d = await drill(code);
    assert.doesNotMatch(d.body, NAMES, `${code} shows a name, NHS number or date of birth`);
    // the page's content only: the header's random CSRF token can hold "R9" by chance
    const main = d.body.slice(d.body.indexOf('<main'));
    assert.doesNotMatch(main, /R9|J9|ES3/, `${code} shows another site's records`);
  }
  assert.equal((await reviewer.get(`/fidelity/evidence/V99?${Q}&site=S1`)).status, 404);
});

test('reading the records behind a figure is audited, with the item and never a value', async () => {
  const before = Number(sql("SELECT count(*) FROM views WHERE action = 'fidelity_evidence.view'"));
  await drill('O6', 'team=T1');
  const rows = sql("SELECT entity || ':' || fields || ':' || (entity_id = (SELECT id FROM team WHERE code = 'T1')) "
    + "FROM views WHERE action = 'fidelity_evidence.view' ORDER BY seq DESC LIMIT 1");
  assert.equal(rows, 'team:O6:1');
  assert.equal(Number(sql("SELECT count(*) FROM views WHERE action = 'fidelity_evidence.view'")), before + 1);
  const s = sql("SELECT count(*) FROM views WHERE action = 'fidelity_evidence.view' AND entity = 'site' AND fields = 'V4'");
  assert.ok(Number(s) >= 1);
});

test('who may see it: its reviewers, admins and this site\'s team leader; never specialists, clinicians or commissioners', async () => {
  for (const user of ['specialist', 'clinician', 'commissioner', 'auditor']) {
    const c = await signedIn(srv.base, user);
    assert.equal((await c.get(`/fidelity/evidence?${Q}&site=S1`)).status, 403, user);
    assert.equal((await c.get(`/fidelity/evidence/V4?${Q}&site=S1`)).status, 403, user);
  }
  const leader = await signedIn(srv.base, 'leader');
  assert.match(itemRow((await leader.get(`/fidelity/evidence?${Q}&team=T1`)).body, 'V4'), /30\.0 days/);
  assert.deepEqual((await drill('V4', 'team=T1', leader)).tables[0], [['R1', '1 April 2025', '1 May 2025', '30']]);
  assert.equal((await reviewer.get(`/fidelity/evidence?${Q}&site=S2`)).status, 404, 'a site the reviewer does not review');
  assert.equal((await reviewer.get(`/fidelity/evidence/V4?${Q}&team=T3`)).status, 404);
  const admin = await signedIn(srv.base, 'admin');
  assert.equal((await admin.get(`/fidelity/evidence/V1?${Q}&site=S1`)).status, 200);

  const other = await signedIn(srv.base, 'otherleader');
  for (const path of [`/fidelity/evidence?${Q}&site=S1`, `/fidelity/evidence?${Q}&team=T1`,
    `/fidelity/evidence/V4?${Q}&site=S1`, `/fidelity/evidence/O6?${Q}&team=T1`]) {
    const r = await other.get(path);
    assert.equal(r.status, 404, path);
    // <main> only: the header's random CSRF token may hold "R4"
    assert.doesNotMatch(r.body.slice(r.body.indexOf('<main')), /R1|R4|30\.0/, path);
  }
  const own = await other.get(`/fidelity/evidence?${Q}&site=S2`);
  assert.equal(own.status, 200);
  assert.doesNotMatch(own.body, /Northgate|North IPS/, 'the scope list holds only their own site');
  assert.deepEqual((await drill('V4', 'site=S2', other)).tables[0], [['R9', '1 April 2025', '3 April 2025', '2']]);
});

test('a review links each measurable item to its records for the review\'s period and scope', async () => {
  await reviewer.get('/fidelity/reviews/new');
  const d = (name, day, month) => ({ [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: '2025' });
  const made = await reviewer.post('/fidelity/reviews', {
    scope: 'team:T1', ...d('visit_from', '7', '7'), ...d('visit_to', '8', '7'),
    ...d('period_from', '1', '4'), ...d('period_to', '30', '6'), reviewers: 'Sam Patel',
  });
  assert.equal(made.status, 303, made.body);
  const id = sql('SELECT max(id) FROM fidelity_review');
  const view = await reviewer.get(`/fidelity/reviews/${id}`);
  assert.match(view.body, new RegExp(`30\\.0, which suggests 5 <a class="ips-no-print" href="/fidelity/evidence/V4\\?review=${id}">`));
  assert.match(view.body, new RegExp(`href="/fidelity/evidence/V12\\?review=${id}">the figure and the records behind it`));
  assert.match(view.body, new RegExp(`href="/fidelity/evidence/V1\\?review=${id}"`));
  const v4 = await reviewer.get(`/fidelity/evidence/V4?review=${id}`);
  assert.equal(v4.status, 200);
  assert.match(v4.body, /North IPS \(a team of Northgate Trust\)/);
  assert.match(v4.body, /<td[^>]*><span[^>]*>[^<]*<\/span>R1<\/td>/);
  assert.match(v4.body, new RegExp(`href="/fidelity/evidence\\?review=${id}"`), 'back to the evidence of the review');
  const other = await signedIn(srv.base, 'otherleader');
  assert.equal((await other.get(`/fidelity/evidence/V4?review=${id}`)).status, 404, 'another site\'s review');
});
