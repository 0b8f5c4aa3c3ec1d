// tests/http/support.test.mjs — the job-search pipeline and in-work support over real
// HTTP: a step refused for bad input (messages beside the fields, nothing written),
// made and moved on to a start that fills in the job start form and links the job; a
// job start making its support schedule, a contact meeting the first item, a job end
// cancelling the rest and adding the job-loss item; the specialist's week of employer
// visits against 6 and the due list; the team leader's view; another site kept out
// (404) and a clinician who reads but does not change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, signedIn, referralFields, daysAgo, ipsdeskStatus, sqlOn } from './lib.mjs';

let srv, es, pid, rid, employerId;

function sql(q) {
  return sqlOn(srv.db)(q);
}

function dateFields(name, d) {
  return { [`${name}-day`]: d.day, [`${name}-month`]: d.month, [`${name}-year`]: d.year };
}

function daysAhead(n) {
  return daysAgo(-n);
}

// Monday of the week holding the ISO date (UTC arithmetic on calendar dates).
function mondayOf(iso) {
  const d = new Date(iso + 'T12:00:00Z');
  const wd = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - wd * 86400000).toISOString().slice(0, 10);
}

function londonToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

before(async () => {
  srv = await startServer();
  const clin = await signedIn(srv.base, 'clinician');
  await clin.get('/referrals/new');
  const made = await clin.post('/referrals', referralFields());
  assert.equal(made.status, 200, made.body.slice(0, 300));
  rid = sql('SELECT max(id) FROM referral');
  pid = sql('SELECT max(id) FROM client');
  const specialist = sql("SELECT staff_id FROM account WHERE username = 'specialist'");
  const leader = await signedIn(srv.base, 'leader');
  await leader.get('/referrals');
  const alloc = await leader.post(`/referrals/${rid}/allocate`, { [`specialist-${rid}`]: specialist });
  assert.equal(alloc.status, 303);
  es = await signedIn(srv.base, 'specialist');
  await es.get('/employers/new');
  const emp = await es.post('/employers', { name: 'Riverside Bakery', sector: 'Hospitality', postcode: 'NE8 1AA' });
  assert.equal(emp.status, 303);
  employerId = emp.location.match(/(\d+)$/)[1];
});
after(async () => { await srv.stop(); });

function stepFields(over = {}) {
  return {
    referral_id: rid, kind: 'vacancy', employer_id: employerId, title: 'Baker',
    ...dateFields('identified_on', daysAgo(20)), ...over,
  };
}

test('a job-search step with bad input is refused field by field and writes nothing', async () => {
  const form = await es.get(`/people/${pid}/applications/new`);
  assert.equal(form.status, 200);
  assert.match(form.body, /Add a job-search step: Amara Okafor/);
  const audits = sql('SELECT count(*) FROM audit');
  const cases = [
    [{ title: '' }, 'title', /Enter the job title/],
    [{ kind: 'rumour' }, 'kind', /advertised vacancy or a speculative approach/],
    [{ kind: 'speculative', employer_id: '' }, 'employer_id', /Choose the employer approached/],
    [{ employer_id: '999999' }, 'employer_id', /Choose an employer from the list/],
    [{ 'identified_on-day': '', 'identified_on-month': '', 'identified_on-year': '' }, 'identified_on', /Enter the date the vacancy was found/],
    [{ 'identified_on-day': '31', 'identified_on-month': '2' }, 'identified_on', /must be a real date/],
    [{ ...dateFields('identified_on', daysAhead(3)) }, 'identified_on', /must be today or in the past/],
    [{ ...dateFields('applied_on', daysAgo(25)) }, 'applied_on', /must be the same as or after the date the vacancy was found/],
    [{ ...dateFields('applied_on', daysAgo(10)), ...dateFields('interview_on', daysAgo(12)) }, 'interview_on', /interview cannot be before the date they applied/],
    [{ ...dateFields('applied_on', daysAgo(10)), ...dateFields('interview_on', daysAgo(8)), ...dateFields('offer_on', daysAgo(9)) }, 'offer_on', /offer cannot be before the interview/],
    [{ vacancy: '999999' }, 'vacancy', /Choose a vacancy from the list/],
  ];
  for (const [over, field, message] of cases) {
    const r = await es.post(`/people/${pid}/applications`, stepFields(over));
    assert.equal(r.status, 422, `${field}: ${JSON.stringify(over)} ${r.body.slice(0, 200)}`);
    assert.match(r.body, new RegExp(`href="#${field}"`), field);
    assert.match(r.body, message, field);
    assert.match(r.body, new RegExp(`id="${field}(-error)?"`), `${field}: the message is beside the field`);
  }
  assert.equal(sql('SELECT count(*) FROM application'), '0');
  assert.equal(sql("SELECT count(*) FROM client_event WHERE kind = 'job_search'"), '0');
  assert.equal(sql("SELECT count(*) FROM audit WHERE action LIKE 'application.%'"), '0');
  assert.ok(Number(sql('SELECT count(*) FROM audit')) >= Number(audits));
});

test('a step is made, moved on through its stages, and its start fills in and links the job', async () => {
  const ok = await es.post(`/people/${pid}/applications`, stepFields({ ...dateFields('applied_on', daysAgo(18)) }));
  assert.equal(ok.status, 303, ok.body.slice(0, 400));
  assert.equal(ok.location, `/people/${pid}#job-search`);
  const aid = sql('SELECT max(id) FROM application');
  assert.equal(sql(`SELECT kind || ' ' || title || ' ' || employer_id FROM application WHERE id = ${aid}`), `vacancy Baker ${employerId}`);
  let rec = await es.get(`/people/${pid}`);
  assert.match(rec.body, /<h2 id="job-search">Job search<\/h2>/);
  assert.match(rec.body, /Baker at Riverside Bakery/);
  assert.match(rec.body, /nhsuk-tag--blue">Applied</);
  assert.match(rec.body, /Job search: found a vacancy for Baker at Riverside Bakery/);
  assert.match(rec.body, /Job search: applied for Baker at Riverside Bakery/);

  // an offer before the interview is refused, beside the field; nothing changes
  const stepViews = () => Number(sql(`SELECT count(*) FROM views WHERE action = 'client.view' AND entity = 'client' AND entity_id = ${pid} AND fields = 'application' AND actor = 'specialist'`));
  const viewed = stepViews();
  const edit = await es.get(`/people/${pid}/applications/${aid}`);
  assert.equal(edit.status, 200);
  assert.equal(stepViews(), viewed + 1, 'showing a step is an audited read of the record');
  const bad = await es.post(`/people/${pid}/applications/${aid}`, {
    ...dateFields('identified_on', daysAgo(20)), ...dateFields('applied_on', daysAgo(18)),
    ...dateFields('interview_on', daysAgo(10)), ...dateFields('offer_on', daysAgo(12)),
  });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /href="#offer_on">The offer cannot be before the interview/);
  assert.match(bad.body, /id="offer_on-error"/);
  const noDate = await es.post(`/people/${pid}/applications/${aid}`, {
    ...dateFields('identified_on', daysAgo(20)), ...dateFields('applied_on', daysAgo(18)), outcome: 'started',
  });
  assert.equal(noDate.status, 422);
  assert.match(noDate.body, /Enter the date of the outcome/);
  assert.equal(sql(`SELECT interview_on IS NULL AND outcome IS NULL FROM application WHERE id = ${aid}`), '1');

  const moved = await es.post(`/people/${pid}/applications/${aid}`, {
    ...dateFields('identified_on', daysAgo(20)), ...dateFields('applied_on', daysAgo(18)),
    ...dateFields('interview_on', daysAgo(12)), ...dateFields('offer_on', daysAgo(10)),
    outcome: 'started', ...dateFields('outcome_on', daysAgo(2)),
  });
  assert.equal(moved.status, 303, moved.body.slice(0, 400));
  assert.equal(moved.location, `/people/${pid}/applications/${aid}`, 'a start goes on to the job start');
  assert.equal(stepViews(), viewed + 3, 'each form shown again is a read; saving alone is not');
  const page = await es.get(moved.location);
  const link = page.body.match(/href="(\/people\/\d+\/jobs\/new\?application=[^"]+)"/)[1].replace(/&amp;/g, '&');
  assert.match(link, new RegExp(`application=${aid}&employer_id=${employerId}&title=Baker`));
  const form = await es.get(link);
  assert.equal(form.status, 200);
  assert.match(form.body, new RegExp(`name="application_id" value="${aid}"`));
  assert.match(form.body, new RegExp(`<option value="${employerId}" selected>`));
  assert.match(form.body, /name="title" type="text" value="Baker"|value="Baker"/);
  rec = await es.get(`/people/${pid}`);
  assert.match(rec.body, /Job search: interview for Baker/);
  assert.match(rec.body, /Job search: offered Baker/);
  assert.match(rec.body, /Job search: got the job, Baker/);

  const job = await es.post(`/people/${pid}/jobs`, {
    referral_id: rid, application_id: aid, employer_id: employerId, title: 'Baker',
    ...dateFields('started_on', daysAgo(2)), hours_per_week: '16', hourly_wage: '13.00', competitive: 'yes',
  });
  assert.ok([200, 303].includes(job.status), job.body.slice(0, 400));   // 200: saved, with something to check
  assert.doesNotMatch(job.body, /There is a problem/);
  const jid = sql('SELECT max(id) FROM job');
  assert.equal(sql(`SELECT job_id FROM application WHERE id = ${aid}`), jid);
  // the same step cannot be linked twice
  const again = await es.post(`/people/${pid}/jobs`, {
    referral_id: rid, application_id: aid, title: 'Baker', ...dateFields('started_on', daysAgo(1)),
    hours_per_week: '16', competitive: 'yes',
  });
  assert.equal(again.status, 422);
  assert.match(again.body, /not waiting for a job/);
  assert.equal(sql('SELECT count(*) FROM job'), '1');
});

test('the "Matching vacancies" button posts only vacancy=ID: employer and title come from the vacancy', async () => {
  const now = new Date().toISOString().slice(0, 19) + 'Z';
  sql(`INSERT INTO vacancy(site_id, employer_id, title, created_at, updated_at) VALUES ((SELECT id FROM site WHERE code = 'S1'), ${employerId}, 'Counter assistant', '${now}', '${now}')`);
  const vid = sql('SELECT max(id) FROM vacancy');
  await es.get(`/people/${pid}`);
  const r = await es.post(`/people/${pid}/applications`, { vacancy: vid });
  assert.equal(r.status, 303, r.body.slice(0, 400));
  assert.equal(sql(`SELECT kind || '|' || title || '|' || employer_id || '|' || identified_on || '|' || vacancy_id FROM application WHERE vacancy_id = ${vid}`),
    `vacancy|Counter assistant|${employerId}|${londonToday()}|${vid}`);
  // a vacancy of another site is not theirs to use
  sql(`INSERT INTO employer(ref, site_id, name) VALUES ('x-emp', (SELECT id FROM site WHERE code = 'S2'), 'Southmoor Garden Centre')`);
  sql(`INSERT INTO vacancy(site_id, employer_id, title, created_at, updated_at) VALUES ((SELECT id FROM site WHERE code = 'S2'), (SELECT id FROM employer WHERE ref = 'x-emp'), 'Gardener', '${now}', '${now}')`);
  const theirs = sql('SELECT max(id) FROM vacancy');
  const bad = await es.post(`/people/${pid}/applications`, { vacancy: theirs });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /href="#vacancy">Choose a vacancy from the list/);
  assert.doesNotMatch(bad.body, /Gardener/);
  assert.equal(sql(`SELECT count(*) FROM application WHERE vacancy_id = ${theirs}`), '0');
});

test('a start from a vacancy\'s step fills the job form in with the vacancy\'s job type, hours and pay', async () => {
  const now = new Date().toISOString().slice(0, 19) + 'Z';
  sql(`INSERT INTO vacancy(site_id, employer_id, title, job_type, hours_min, hours_max, hourly_pay, created_at, updated_at) VALUES ((SELECT id FROM site WHERE code = 'S1'), ${employerId}, 'Kitchen porter', '9263', 1600, 1600, 1280, '${now}', '${now}')`);
  const vid = sql('SELECT max(id) FROM vacancy');
  await es.get(`/people/${pid}`);
  assert.equal((await es.post(`/people/${pid}/applications`, { vacancy: vid })).status, 303);
  const aid = sql(`SELECT id FROM application WHERE vacancy_id = ${vid}`);
  const today = daysAgo(0);
  await es.get(`/people/${pid}/applications/${aid}`);
  const started = await es.post(`/people/${pid}/applications/${aid}`, {
    ...dateFields('identified_on', today), outcome: 'started', ...dateFields('outcome_on', today),
  });
  assert.equal(started.status, 303, started.body.slice(0, 400));
  const step = await es.get(started.location);
  const link = step.body.match(/href="(\/people\/\d+\/jobs\/new\?[^"]+)">Record the job start/)[1].replace(/&amp;/g, '&');
  assert.match(link, new RegExp(`[?&]vacancy=${vid}(&|$)`));
  const form = await es.get(link);
  assert.match(form.body, /id="title" name="title" type="text" value="Kitchen porter"|name="title"[^>]*value="Kitchen porter"/);
  assert.match(form.body, /name="job_type"[^>]*value="9263"/);
  assert.match(form.body, /name="hours_per_week"[^>]*value="16"/);
  assert.match(form.body, /name="hourly_wage"[^>]*value="12\.80"/);
  // another site's vacancy fills in nothing
  const theirs = sql("SELECT id FROM vacancy WHERE title = 'Gardener'");
  const other = await es.get(`/people/${pid}/jobs/new?vacancy=${theirs}`);
  assert.equal(other.status, 200);
  assert.doesNotMatch(other.body, /name="hours_per_week"[^>]*value=/);
});

test('a job start makes the support schedule; a start recorded late leaves closed windows missed', async () => {
  const jid = sql('SELECT max(id) FROM job');
  const rows = sql(`SELECT kind || ':' || seq || ':' || window_from || ':' || window_to || ':' || status FROM support_item WHERE job_id = ${jid} ORDER BY window_to, window_from`).split('\n');
  const start = daysAgo(2).iso;
  const plus = (n) => new Date(Date.parse(start + 'T12:00:00Z') + n * 86400000).toISOString().slice(0, 10);
  assert.deepEqual(rows, [
    `before_start:0:${plus(-7)}:${plus(0)}:missed`,   // closed before the start was recorded
    `after_start:0:${plus(0)}:${plus(3)}:open`,
    `weekly:1:${plus(1)}:${plus(7)}:open`,
    `weekly:2:${plus(8)}:${plus(14)}:open`,
    `weekly:3:${plus(15)}:${plus(21)}:open`,
    `weekly:4:${plus(22)}:${plus(28)}:open`,
    `monthly:1:${plus(29)}:${plus(58)}:open`,
  ]);
  assert.equal(sql(`SELECT count(*) FROM audit WHERE action = 'support_item.create'`), '7');
  const rec = await es.get(`/people/${pid}`);
  assert.match(rec.body, /In-work support contacts/);
  assert.match(rec.body, /Within 3 days of the start/);
  assert.match(rec.body, /nhsuk-tag--yellow">Due now</);
  assert.match(rec.body, /nhsuk-tag--orange">Missed</);
  const dash = await es.get('/dashboard');
  assert.equal(dash.status, 200);
  assert.match(dash.body, /In-work support due/);
  assert.match(dash.body, new RegExp(`<a href="/people/${pid}">Amara Okafor</a>`));
  assert.match(dash.body, /Within 3 days of the start/);
  assert.match(dash.body, /Week 1/);
  assert.doesNotMatch(dash.body, /Week 2/, 'an item whose window has not begun is not listed');
});

test('a contact with the person meets the earliest item; one not taking place does not', async () => {
  const jid = sql('SELECT max(id) FROM job');
  await es.get(`/people/${pid}/contacts/new`);
  const missed = await es.post(`/people/${pid}/contacts`, {
    referral_id: rid, ...dateFields('date', daysAgo(1)), with: 'client', mode: 'phone', attended: 'no',
  });
  assert.equal(missed.status, 303, missed.body.slice(0, 300));
  assert.equal(sql(`SELECT count(*) FROM support_item WHERE job_id = ${jid} AND status = 'met'`), '0');
  const text = await es.post(`/people/${pid}/contacts`, {
    referral_id: rid, ...dateFields('date', daysAgo(1)), with: 'client', mode: 'text', attended: 'yes',
  });
  assert.equal(text.status, 303);
  assert.equal(sql(`SELECT count(*) FROM support_item WHERE job_id = ${jid} AND status = 'met'`), '0');

  const call = await es.post(`/people/${pid}/contacts`, {
    referral_id: rid, ...dateFields('date', daysAgo(0)), with: 'client', mode: 'phone', attended: 'yes',
  });
  assert.equal(call.status, 303);
  const cid = sql('SELECT max(id) FROM contact');
  assert.equal(sql(`SELECT kind || ' ' || status || ' ' || contact_id FROM support_item WHERE contact_id IS NOT NULL`), `after_start met ${cid}`);
  assert.equal(sql(`SELECT fields FROM audit WHERE action = 'support_item.update' ORDER BY seq DESC LIMIT 1`), 'status,contact_id');
  const rec = await es.get(`/people/${pid}`);
  assert.match(rec.body, /nhsuk-tag--green">Met<\/strong> by the contact on/);
  const dash = await es.get('/dashboard');
  assert.doesNotMatch(dash.body, /Within 3 days of the start/);
  assert.match(dash.body, /Week 1/);
});

test('an employer visit on the person\'s behalf counts; the dashboard counts face-to-face employer contacts against 6', async () => {
  const today = londonToday();
  const monday = mondayOf(today);
  const day = (iso) => { const [y, m, d] = iso.split('-'); return { day: String(Number(d)), month: String(Number(m)), year: y }; };
  const shift = (iso, n) => new Date(Date.parse(iso + 'T12:00:00Z') + n * 86400000).toISOString().slice(0, 10);
  await es.get(`/employers/${employerId}/contacts/new`);
  const visit = (iso, over = {}) => es.post(`/employers/${employerId}/contacts`, {
    with: 'employer', referral_id: '', ...dateFields('date', day(iso)), mode: 'face_to_face', place: 'community',
    attended: 'yes', ...over,
  });
  // this week: two visits (one on the person's behalf), a phone call and a visit that did not happen
  assert.equal((await visit(monday)).status, 303);
  assert.equal((await visit(today, { referral_id: rid })).status, 303);
  assert.equal((await visit(today, { mode: 'phone', place: '' })).status, 303);
  assert.equal((await visit(today, { attended: 'no' })).status, 303);
  // last week: one; three weeks ago: three
  assert.equal((await visit(shift(monday, -3))).status, 303);
  for (let i = 0; i < 3; i++) assert.equal((await visit(shift(monday, -20))).status, 303);
  // five weeks ago: outside the table
  assert.equal((await visit(shift(monday, -33))).status, 303);

  // the visit on their behalf met week 1 of the schedule (dated today, in week 1's window)
  assert.equal(sql("SELECT count(*) FROM support_item WHERE kind = 'weekly' AND seq = 1 AND status = 'met'"), '1');

  const dash = await es.get('/dashboard');
  assert.match(dash.body, /This week: 2 of 6 face-to-face employer contacts/);
  const table = dash.body.match(/<table class="nhsuk-table" id="t-employer-contacts"[\s\S]*?<\/table>/)[0];
  assert.match(table, /data-chart="bar"/);
  assert.equal((table.match(/ data-series=""/g) || []).length, 2, 'the chart draws each week and the target');
  assert.match(table, /data-series="" data-line="">Target</, 'the target as a line over the bars');
  const counts = [...table.matchAll(/<tr class="nhsuk-table__row"><th scope="row"[^>]*>([^<]*)<\/th><td[^>]*data-value="(\d+)"[^>]*>\d+<\/td><td[^>]*data-value="(\d+)"/g)]
    .map((m) => [m[1], Number(m[2]), Number(m[3])]);
  assert.equal(counts.length, 5);
  assert.deepEqual(counts.map((c) => c[1]), [0, 3, 0, 1, 2]);
  assert.ok(counts.every((c) => c[2] === 6));
  assert.match(counts[4][0], /\(this week\)/);

  // another specialist's visits are their own
  const es2 = await signedIn(srv.base, 'specialist2');
  const d2 = await es2.get('/dashboard');
  assert.match(d2.body, /This week: 0 of 6/);
  assert.match(d2.body, /No in-work support contacts are due or overdue/);
  // a team leader's dashboard has no "Your week"
  const leader = await signedIn(srv.base, 'leader');
  assert.doesNotMatch((await leader.get('/dashboard')).body, /Your week/);
});

// The team leader's view of the site's due and overdue items, by specialist.
async function leaderSeesDue() {
  const leader = await signedIn(srv.base, 'leader');
  const page = await leader.get('/support');
  assert.equal(page.status, 200);
  assert.match(page.body, /<caption class="nhsuk-table__caption">Test specialist<\/caption>/);
  assert.match(page.body, /Amara Okafor/);
  assert.match(page.body, /After the job ended/);
  assert.match(page.body, /nhsuk-header__navigation-link" href="\/support"/);
  assert.ok(Number(sql("SELECT count(*) FROM views WHERE action = 'support.due.view'")) > 0);
  const other = await signedIn(srv.base, 'otherleader');
  assert.doesNotMatch((await other.get('/support')).body, /Amara/);
  const clin = await signedIn(srv.base, 'clinician');
  assert.equal((await clin.get('/support')).status, 403);
}

test('a job end cancels the rest of the schedule and adds the job-loss item, which the team leader sees', async () => {
  const jid = sql('SELECT max(id) FROM job');
  await es.get(`/people/${pid}/jobs/${jid}/end`);
  const ended = await es.post(`/people/${pid}/jobs/${jid}/end`, { ...dateFields('ended_on', daysAgo(0)), end_reason: 'Did not suit' });
  assert.equal(ended.status, 303, ended.body.slice(0, 300));
  const statuses = sql(`SELECT kind || ':' || seq || ':' || status FROM support_item WHERE job_id = ${jid} ORDER BY id`).split('\n');
  assert.deepEqual(statuses, [
    'before_start:0:missed', 'after_start:0:met', 'weekly:1:met', 'weekly:2:cancelled', 'weekly:3:cancelled',
    'weekly:4:cancelled', 'monthly:1:cancelled', 'job_loss:0:open',
  ]);
  const today = londonToday();
  const plus3 = new Date(Date.parse(today + 'T12:00:00Z') + 3 * 86400000).toISOString().slice(0, 10);
  assert.equal(sql(`SELECT window_from || ' ' || window_to FROM support_item WHERE kind = 'job_loss'`), `${today} ${plus3}`);
  assert.match((await es.get('/dashboard')).body, /After the job ended/);
  // correcting the end adds nothing more
  await es.post(`/people/${pid}/jobs/${jid}/end`, { ...dateFields('ended_on', daysAgo(0)), end_reason: 'Did not suit them' });
  assert.equal(sql(`SELECT count(*) FROM support_item WHERE job_id = ${jid} AND kind = 'job_loss'`), '1');
  await leaderSeesDue();
  // a video call with the person meets it
  await es.get(`/people/${pid}/contacts/new`);
  const call = await es.post(`/people/${pid}/contacts`, {
    referral_id: rid, ...dateFields('date', daysAgo(0)), with: 'client', mode: 'video', attended: 'yes',
  });
  assert.equal(call.status, 303);
  assert.equal(sql("SELECT status FROM support_item WHERE kind = 'job_loss'"), 'met');
});

test('a job recorded after it already ended gets the job-loss item and nothing open besides', async () => {
  const r = await es.post(`/people/${pid}/jobs`, {
    referral_id: rid, title: 'Porter', ...dateFields('started_on', daysAgo(6)), ...dateFields('ended_on', daysAgo(5)),
    hours_per_week: '10', competitive: 'yes',
  });
  assert.ok([200, 303].includes(r.status), r.body.slice(0, 300));
  assert.doesNotMatch(r.body, /There is a problem/);
  const jid = sql('SELECT max(id) FROM job');
  assert.equal(sql(`SELECT group_concat(kind || ':' || status, ' ') FROM (SELECT kind, status FROM support_item WHERE job_id = ${jid} AND status = 'open' ORDER BY id)`), 'job_loss:open');
});

test('another site\'s staff get 404; a clinician reads the job search but does not change it', async () => {
  const aid = sql('SELECT min(id) FROM application');
  const napps = sql('SELECT count(*) FROM application');
  const other = await signedIn(srv.base, 'otherspecialist');
  assert.equal((await other.get(`/people/${pid}/applications/new`)).status, 404);
  assert.equal((await other.get(`/people/${pid}/applications/${aid}`)).status, 404);
  assert.equal((await other.post(`/people/${pid}/applications`, stepFields())).status, 404);
  assert.equal((await other.post(`/people/${pid}/applications/${aid}`, { outcome: 'not_successful' })).status, 404);
  assert.equal(sql('SELECT count(*) FROM application'), napps);
  // a step of this person cannot be reached through another person's address
  assert.equal((await es.get(`/people/999999/applications/${aid}`)).status, 404);

  const clin = await signedIn(srv.base, 'clinician');
  const rec = await clin.get(`/people/${pid}`);
  assert.match(rec.body, /<h2 id="job-search">Job search<\/h2>/);
  assert.match(rec.body, /In-work support contacts/);
  assert.doesNotMatch(rec.body, /Add a job-search step/);
  assert.doesNotMatch(rec.body, /Move on/);
  assert.equal((await clin.get(`/people/${pid}/applications/new`)).status, 403);
  assert.equal((await clin.post(`/people/${pid}/applications`, stepFields())).status, 403);
  assert.equal((await clin.get(`/people/${pid}/applications/${aid}`)).status, 403);
});

test('the audit names fields, never values, and the chain verifies', async () => {
  const rows = sql("SELECT action || '|' || fields FROM audit WHERE action LIKE 'application.%' ORDER BY seq").split('\n');
  assert.equal(rows[0], 'application.create|referral_id,title,kind,identified_on,employer_id,applied_on');
  assert.ok(rows.includes('application.update|interview_on,offer_on,outcome,outcome_on'), rows.join('\n'));
  assert.ok(rows.includes('application.update|job_id'));
  assert.equal(sql("SELECT count(*) FROM audit_all WHERE fields LIKE '%Baker%' OR fields LIKE '%Riverside%'"), '0');
  const v = ipsdeskStatus(['audit', 'verify', '--db', srv.db]);
  assert.equal(v.status, 0, v.out);
});

test('a job recorded long after it started, with a year and a half of contacts since, is saved with its schedule', async () => {
  const clin = await signedIn(srv.base, 'clinician');
  await clin.get('/referrals/new');
  const made = await clin.post('/referrals', referralFields({
    given_name: 'Bilal', family_name: 'Hussain', nhs_number: '', ...dateFields('received_on', daysAgo(600)) }));
  assert.equal(made.status, 200, made.body.slice(0, 300));
  const rid2 = sql('SELECT max(id) FROM referral');
  const pid2 = sql('SELECT max(id) FROM client');
  const leader = await signedIn(srv.base, 'leader');
  await leader.get('/referrals');
  const specialist = sql("SELECT staff_id FROM account WHERE username = 'specialist'");
  assert.equal((await leader.post(`/referrals/${rid2}/allocate`, { [`specialist-${rid2}`]: specialist })).status, 303);
  for (let n = 518; n >= 0; n -= 14) {
    const r = await es.post(`/people/${pid2}/contacts`, {
      referral_id: rid2, ...dateFields('date', daysAgo(n)), with: 'client', mode: 'face_to_face', place: 'community',
      minutes: '30', attended: 'yes' });
    assert.ok([200, 303].includes(r.status), `contact ${n} days ago: ${r.status}`);
  }
  const job = await es.post(`/people/${pid2}/jobs`, {
    referral_id: rid2, title: 'Warehouse operative', ...dateFields('started_on', daysAgo(520)),
    hours_per_week: '20', hourly_wage: '12.71', competitive: 'yes' });
  assert.ok([200, 303].includes(job.status), job.body.slice(0, 400));
  assert.doesNotMatch(job.body, /Nothing was saved/);
  const jid = sql('SELECT max(id) FROM job');
  assert.equal(sql(`SELECT title FROM job WHERE id = ${jid}`), 'Warehouse operative');
  assert.ok(Number(sql(`SELECT count(*) FROM support_item WHERE job_id = ${jid} AND kind = 'monthly'`)) >= 17,
    'a monthly item for each month since the start');
  assert.ok(Number(sql(`SELECT count(*) FROM support_item WHERE job_id = ${jid} AND status = 'met'`)) >= 17);
});
