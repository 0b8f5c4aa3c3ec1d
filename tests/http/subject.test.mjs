// tests/http/subject.test.mjs — subject access: the JSON holds the person's record,
// contacts and the audit of who viewed it, and producing it is itself audited; only a
// team leader of their site or an admin gets it (others 403, another site's leader
// 404); the printable page shows markup in a name as text; job-search steps, benefits
// advice, the CV, in-work support and matching preferences are in both, with the reads
// of a job-search step and of a vacancy's matches in the audit; `ipsdesk
// subject-access` prints the same JSON.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, signedIn, referralFields, daysAgo, ipsdesk, sqlOn } from './lib.mjs';

let srv, pid;
const sql = (q) => sqlOn(srv.db)(q);

before(async () => {
  srv = await startServer();
  const clin = await signedIn(srv.base, 'clinician');
  await clin.get('/referrals/new');
  const r = await clin.post('/referrals', referralFields({ given_name: '<script>alert(1)</script>', family_name: 'O"Brien & Co' }));
  assert.ok(r.status === 303 || r.status === 200, `referral: ${r.status}`);
  pid = sql('SELECT max(id) FROM client');
  const es = await signedIn(srv.base, 'specialist');
  await es.get(`/people/${pid}/contacts/new`);
  const d = daysAgo(2);
  const c = await es.post(`/people/${pid}/contacts`, {
    'date-day': d.day, 'date-month': d.month, 'date-year': d.year, with: 'client', mode: 'phone',
    attended: 'yes', note: 'Talked about bakery jobs',
  });
  assert.equal(c.status, 303);
  assert.equal((await es.get(`/people/${pid}`)).status, 200);   // a view to find in the audit
});
after(async () => { await srv.stop(); });

test('the JSON holds the record, the contacts and who viewed it, and is audited', async () => {
  const leader = await signedIn(srv.base, 'leader');
  const person = await leader.get(`/people/${pid}`);
  assert.match(person.body, new RegExp(`href="/people/${pid}/subject-access"`), 'linked for a team leader');
  const r = await leader.get(`/people/${pid}/subject-access.json`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.equal(r.headers.get('content-disposition'), `attachment; filename="subject-access-${pid}.json"`);
  const sa = JSON.parse(r.body);
  assert.equal(sa.format, 'ipsdesk-subject-access');
  assert.equal(sa.person.given_name, '<script>alert(1)</script>');
  assert.equal(sa.person.nhs_number, '9434765919');
  assert.equal(sa.referrals.length, 1);
  assert.equal(sa.contacts.length, 1);
  assert.equal(sa.contacts[0].note, 'Talked about bakery jobs');
  assert.equal(sa.contacts[0].referral_ref, sa.referrals[0].referral_ref);
  assert.ok(Array.isArray(sa.jobs) && Array.isArray(sa.timeline) && sa.timeline.length > 0);
  const views = sa.audit.filter((e) => e.action === 'client.view');
  assert.ok(views.some((e) => e.actor === 'specialist'), 'the specialist viewing the record is listed');
  assert.ok(sa.audit.some((e) => e.action === 'contact.create' && e.entity === 'contact'), 'changes to their contacts too');
  assert.ok(sa.audit.some((e) => e.action === 'referral.create'));
  const last = sa.audit[sa.audit.length - 1];
  assert.equal(last.action, 'subject_access', 'producing it is audited, and listed');
  assert.equal(last.actor, 'leader');
  for (const e of sa.audit) assert.ok(Array.isArray(e.fields) && !('note' in e), 'names of fields, never values');
  assert.equal(sql(`SELECT count(*) FROM audit WHERE action = 'subject_access' AND entity = 'client' AND entity_id = ${pid}`), '1');
  assert.doesNotMatch(sql(`SELECT group_concat(fields) FROM audit_all`), /bakery/);
});

test('only a team leader of the site or an admin may produce it', async () => {
  const admin = await signedIn(srv.base, 'admin');
  assert.equal((await admin.get(`/people/${pid}/subject-access.json`)).status, 200);
  assert.equal((await admin.get(`/people/${pid}/subject-access`)).status, 200);
  for (const user of ['specialist', 'clinician', 'auditor', 'reviewer', 'commissioner']) {
    const c = await signedIn(srv.base, user);
    for (const path of [`/people/${pid}/subject-access.json`, `/people/${pid}/subject-access`]) {
      const r = await c.get(path);
      assert.equal(r.status, 403, `${user} ${path}`);
      assert.doesNotMatch(r.body, /bakery|O&quot;Brien|Brien/, `${user} sees nothing of them`);
    }
  }
  const specialist = await signedIn(srv.base, 'specialist');
  assert.doesNotMatch((await specialist.get(`/people/${pid}`)).body, /subject-access/, 'no link for a specialist');
  const other = await signedIn(srv.base, 'otherleader');
  for (const path of [`/people/${pid}/subject-access.json`, `/people/${pid}/subject-access`]) {
    const r = await other.get(path);
    assert.equal(r.status, 404, `another site's leader: ${path}`);
    assert.doesNotMatch(r.body, /bakery|Brien/);
  }
  const before = sql("SELECT count(*) FROM audit WHERE action = 'subject_access'");
  const leader = await signedIn(srv.base, 'leader');
  assert.equal((await leader.get('/people/999999/subject-access.json')).status, 404);
  assert.equal(sql("SELECT count(*) FROM audit WHERE action = 'subject_access'"), before, 'refusals write nothing');
});

test('the printable page shows markup in a name as text', async () => {
  const leader = await signedIn(srv.base, 'leader');
  const r = await leader.get(`/people/${pid}/subject-access`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  assert.ok(!r.body.includes('<script>alert(1)</script>'), 'the name is not markup');
  assert.ok(r.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'it is shown escaped');
  assert.ok(r.body.includes('O&quot;Brien &amp; Co'));
  assert.match(r.body, /class="nhsuk-summary-list"/);
  assert.match(r.body, /Talked about bakery jobs/);
  assert.match(r.body, /Who has looked at or changed your record/);
  assert.match(r.body, /Produced this subject access copy/);
  assert.doesNotMatch(r.body, /<form[^>]*action="\/people/, 'nothing to submit on a page for printing');
});

test('job search, benefits advice, the CV, in-work support and matching preferences are all in it', async () => {
  const dateFields = (name, d) => ({ [`${name}-day`]: d.day, [`${name}-month`]: d.month, [`${name}-year`]: d.year });
  const rid = sql(`SELECT max(id) FROM referral WHERE client_id = ${pid}`);
  const specialist = sql("SELECT staff_id FROM account WHERE username = 'specialist'");
  const leader = await signedIn(srv.base, 'leader');
  await leader.get('/referrals');
  assert.equal((await leader.post(`/referrals/${rid}/allocate`, { [`specialist-${rid}`]: specialist })).status, 303);
  const es = await signedIn(srv.base, 'specialist');

  // matching preferences on the vocational profile
  await es.get(`/people/${pid}/profile`);
  const prefs = new URLSearchParams({ hours_min: '10', hours_max: '20', travel_miles: '7', job_type_codes: '5432',
    pay_min: '12.50', csrf: es.csrf });
  prefs.append('avoid', 'nights');
  const prof = await es.post(`/people/${pid}/profile`, {}, { rawBody: prefs.toString() });
  assert.equal(prof.status, 303, prof.body.slice(0, 300));

  // a job-search step with a note, looked at, moved on to a start, and the job it became
  await es.get('/employers/new');
  const emp = await es.post('/employers', { name: 'Quayside Bakery', sector: 'Hospitality', postcode: 'NE1 3AA' });
  assert.equal(emp.status, 303);
  const employerId = emp.location.match(/(\d+)$/)[1];
  await es.get(`/people/${pid}/applications/new`);
  const step = await es.post(`/people/${pid}/applications`, {
    referral_id: rid, kind: 'vacancy', employer_id: employerId, title: 'Bread baker',
    ...dateFields('identified_on', daysAgo(12)), ...dateFields('applied_on', daysAgo(10)), note: 'Sent a covering letter by post',
  });
  assert.equal(step.status, 303, step.body.slice(0, 300));
  const aid = sql(`SELECT max(id) FROM application`);
  assert.equal((await es.get(`/people/${pid}/applications/${aid}`)).status, 200);
  const moved = await es.post(`/people/${pid}/applications/${aid}`, {
    ...dateFields('identified_on', daysAgo(12)), ...dateFields('applied_on', daysAgo(10)),
    outcome: 'started', ...dateFields('outcome_on', daysAgo(2)), note: 'Sent a covering letter by post',
  });
  assert.equal(moved.status, 303, moved.body.slice(0, 300));
  await es.get(`/people/${pid}/jobs/new`);
  const job = await es.post(`/people/${pid}/jobs`, {
    referral_id: rid, application_id: aid, employer_id: employerId, title: 'Bread baker', job_type: '5432',
    ...dateFields('started_on', daysAgo(2)), hours_per_week: '16', hourly_wage: '13.00', competitive: 'yes',
  });
  assert.ok([200, 303].includes(job.status), job.body.slice(0, 300));
  const jid = sql('SELECT max(id) FROM job');
  const nitems = Number(sql(`SELECT count(*) FROM support_item WHERE job_id = ${jid}`));
  assert.ok(nitems > 0, 'the job has its support schedule');

  // benefits advice and a CV
  await es.get(`/people/${pid}/benefits-advice/new`);
  const adv = await es.post(`/people/${pid}/benefits-advice`, { ...dateFields('date', daysAgo(3)),
    covered: 'Universal Credit taper and the work allowance', follow_up: 'Check the first payslip together' });
  assert.equal(adv.status, 303, adv.body.slice(0, 300));
  await es.get(`/people/${pid}/cv`);
  const cv = await es.post(`/people/${pid}/cv`, { statement: 'A careful early riser who loves baking.',
    skills: 'Food hygiene\nKneading', work_history: 'Volunteer, community kitchen', education: 'Level 2 food safety',
    interests: 'Sourdough', references_note: 'On request' });
  assert.equal(cv.status, 303, cv.body.slice(0, 300));

  // the team leader is shown the people matching a vacancy: a read of this person's record
  await leader.get('/vacancies/new');
  const vac = await leader.post('/vacancies', { employer_id: employerId, title: 'Pastry baker', job_type: '5432',
    hours_min: '16', hours_max: '20', hourly_pay: '13.50', postcode: 'NE1 3AA', status: 'open',
    source: 'The employer', 'closing_on-day': '31', 'closing_on-month': '12', 'closing_on-year': '2099' });
  assert.equal(vac.status, 303, vac.body.slice(0, 300));
  const shown = await leader.get(vac.location);
  assert.equal(shown.status, 200);
  assert.match(shown.body, new RegExp(`<a href="/people/${pid}">`), 'the person is among the matches');

  const sa = JSON.parse((await leader.get(`/people/${pid}/subject-access.json`)).body);
  assert.deepEqual(sa.matching_preferences, { job_type_codes: ['5432'], pay_min_pounds: '12.50', avoid: ['nights'],
    travel_miles: 7, hours_min: 10, hours_max: 20 });
  assert.equal(sa.job_search.length, 1);
  const a = sa.job_search[0];
  assert.equal(a.title, 'Bread baker');
  assert.equal(a.employer, 'Quayside Bakery');
  assert.equal(a.note, 'Sent a covering letter by post');
  assert.equal(a.applied_on, daysAgo(10).iso);
  assert.equal(a.outcome, 'started');
  assert.equal(a.referral_ref, sa.referrals[0].referral_ref);
  const theJob = sa.jobs.find((j) => j.title === 'Bread baker');
  assert.ok(theJob, 'the job is listed');
  assert.equal(a.job_ref, theJob.job_ref);
  assert.equal(sa.benefits_advice.length, 1);
  assert.equal(sa.benefits_advice[0].covered, 'Universal Credit taper and the work allowance');
  assert.equal(sa.benefits_advice[0].follow_up, 'Check the first payslip together');
  assert.equal(sa.benefits_advice[0].date, daysAgo(3).iso);
  assert.equal(sa.cv.statement, 'A careful early riser who loves baking.');
  assert.equal(sa.cv.skills, 'Food hygiene\nKneading');
  assert.equal(sa.cv.references_note, 'On request');
  assert.equal(sa.in_work_support.length, nitems);
  for (const it of sa.in_work_support) {
    assert.equal(it.job_ref, theJob.job_ref);
    assert.ok(it.kind && it.window_from && it.window_to && it.status, JSON.stringify(it));
  }
  assert.deepEqual(sa.in_work_support.map((it) => `${it.kind}:${it.window_from}:${it.window_to}:${it.status}`).sort(),
    sql(`SELECT kind || ':' || window_from || ':' || window_to || ':' || status FROM support_item WHERE job_id = ${jid}`).split('\n').sort(),
    'every item with its kind, window and status');

  // who looked at or changed it: the step's page, the vacancy's matches, and every change
  const has = (pred, why) => assert.ok(sa.audit.some(pred), why);
  has((e) => e.action === 'client.view' && e.actor === 'specialist' && e.fields.join() === 'application', 'the step looked at');
  has((e) => e.action === 'client.view' && e.actor === 'leader' && e.fields.join() === 'matches', 'shown among a vacancy\'s matches');
  has((e) => e.action === 'application.create' && e.entity === 'application' && e.entity_id === Number(aid), 'the step made');
  has((e) => e.action === 'application.update' && e.entity === 'application', 'the step moved on');
  has((e) => e.action === 'support_item.create' && e.entity === 'support_item', 'support planned');
  has((e) => e.action === 'benefits_advice.create', 'benefits advice');
  has((e) => e.action === 'cv.update', 'the CV');
  has((e) => e.action === 'profile.update' && e.fields.includes('job_type_codes'), 'the preferences');
  assert.equal(sa.audit.filter((e) => e.action === 'support_item.create').length,
    Number(sql(`SELECT count(*) FROM audit WHERE action = 'support_item.create' AND entity_id IN (SELECT id FROM support_item WHERE job_id = ${jid})`)));
  assert.doesNotMatch(sql('SELECT group_concat(fields) FROM audit_all'), /covering letter|Sourdough|payslip/);

  const page = await leader.get(`/people/${pid}/subject-access`);
  assert.equal(page.status, 200);
  for (const re of [/<h2>Job search<\/h2>/, /Bread baker at Quayside Bakery/, /Sent a covering letter by post/,
    /<h2>Benefits advice<\/h2>/, /Universal Credit taper and the work allowance/, /Check the first payslip together/,
    /<h2>Your CV<\/h2>/, /A careful early riser who loves baking\./, /Sourdough/,
    /<h2>In-work support<\/h2>/, /Within 3 days of the start|Week 1/,
    /What you want from a job/, /5432/, /£12\.50 an hour/, /Night work/, /7 miles/,
    /Recorded a job-search step/, /Planned in-work support/, /Recorded benefits advice/, /Changed your CV/]) {
    assert.match(page.body, re);
  }
  const inWork = page.body.slice(page.body.indexOf('<tbody', page.body.indexOf('<h2>In-work support</h2>')),
    page.body.indexOf('<h2>Contacts</h2>'));
  assert.equal((inWork.match(/<tr class="nhsuk-table__row">/g) || []).length, nitems, 'one row for each support item');
});

test('ipsdesk subject-access prints the same JSON for a client reference', () => {
  const ref = sql(`SELECT ref FROM client WHERE id = ${pid}`);
  const sa = JSON.parse(ipsdesk(['subject-access', '--db', srv.db, ref]));
  assert.equal(sa.person.client_ref, ref);
  assert.equal(sa.contacts[0].note, 'Talked about bakery jobs');
  assert.equal(sa.produced_by, 'system');
  assert.equal(sa.audit[sa.audit.length - 1].action, 'subject_access');
  assert.throws(() => ipsdesk(['subject-access', '--db', srv.db, 'no-such-ref']), /no person with the reference/);
});
