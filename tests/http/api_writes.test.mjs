// tests/http/api_writes.test.mjs — the JSON API's writes beyond contacts (issue 6): a new
// person with their first referral, changes to a person, employers, vacancies, job
// starts and ends, a referral's allocation, closing and next step, the vocational profile,
// the steps of a person's job search. Each goes through the web form's use case: the same rules (422 naming
// each field, nothing written), the same roles and scope (403 for a role the web form
// refuses, 404 for another site's record), the same audit entry; and answers with the
// record as its GET shows it. Malformed bodies get a 4xx, never a 5xx.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, signedIn, referralFields, daysAgo, sqlOn } from './lib.mjs';

let srv;
const tokens = {};
const sql = (s) => execFileSync('sqlite3', [srv.db, s], { encoding: 'utf8' }).trim();
const count = (table, where = '1') => Number(sql(`SELECT count(*) FROM ${table} WHERE ${where}`));
const audits = (action, entityId) => sql(
  `SELECT actor || ' ' || fields FROM audit WHERE action = '${action}' AND entity_id = ${entityId} ORDER BY seq`);

async function makeToken(user) {
  const c = await signedIn(srv.base, user);
  await c.get('/account/tokens');
  const r = await c.post('/account/tokens', { name: `Writes as ${user}` });
  assert.equal(r.status, 200);
  return r.body.match(/<code id="new-token">(ipsdesk_[A-Za-z0-9_-]{43})<\/code>/)[1];
}

before(async () => {
  srv = await startServer();
  for (const user of ['specialist', 'leader', 'clinician', 'otherspecialist', 'otherleader', 'commissioner', 'admin'])
    tokens[user] = await makeToken(user);
});
after(async () => { await srv.stop(); });

// A JSON request as user (a token) to path; body: an object (sent as JSON) or a string.
async function call(user, method, path, body, type = 'application/json') {
  const res = await fetch(srv.base + path, {
    method, redirect: 'manual',
    headers: { authorization: `Bearer ${tokens[user]}`, 'content-type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  assert.match(res.headers.get('content-type'), /application\/json/, `${method} ${path}: ${text}`);
  return { status: res.status, body: JSON.parse(text), location: res.headers.get('location') };
}
const get = async (user, path) => (await call(user, 'GET', path)).body;
const fieldsOf = (r) => r.body.error.fields.map((f) => f.field).sort();

function newPerson(over = {}) {
  return {
    given_name: 'Dana', family_name: 'Whitfield', birth_date: '1988-03-14', postcode: 'ls2 7ue',
    phone: '07700 900456', gender: '2', ethnic_category: 'A', team_code: 'T1', source: 'gp',
    received_on: daysAgo(5).iso, employment_status: '04', referrer_name: 'Dr Okoro',
    reason: 'Wants to work outdoors', consent: true, ...over,
  };
}

// the first person made by the API, and an employer and a vacancy of each site
const made = {};

test('POST /api/v1/people: a new person and their first referral, as the refer form', async () => {
  const clients = count('client'), referrals = count('referral');
  const r = await call('specialist', 'POST', '/api/v1/people', newPerson({ nhs_number: '943 476 5919' }));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const p = r.body.data;
  assert.equal(r.location, `/api/v1/people/${p.id}`);
  assert.deepEqual(r.body.warnings, []);
  assert.equal(p.given_name, 'Dana');
  assert.equal(p.nhs_number, '9434765919');
  assert.equal(p.postcode, 'LS2 7UE');
  assert.equal(p.site_code, 'S1');
  assert.equal(p.referrals.length, 1);
  assert.equal(p.referrals[0].team_code, 'T1');
  assert.equal(p.referrals[0].source, 'gp');
  assert.equal(p.referrals[0].reason, 'Wants to work outdoors');
  // the same shape as the GET, field for field
  assert.deepEqual(p, (await get('specialist', `/api/v1/people/${p.id}`)).data);
  assert.equal(count('client'), clients + 1);
  assert.equal(count('referral'), referrals + 1);
  // the use case's audit entries, under the token's account
  assert.equal(audits('client.create', p.id),
    'specialist given_name,family_name,nhs_number,birth_date,postcode,phone,email,gender,ethnic_category');
  assert.equal(audits('referral.create', p.referrals[0].id),
    'specialist team,source,received_on,employment_status,referrer_name,referrer_contact,reason');
  made.person = p;

  // a clinician refers to their own team when none is named
  const c = await call('clinician', 'POST', '/api/v1/people', newPerson({ given_name: 'Eli', team_code: undefined }));
  assert.equal(c.status, 201, JSON.stringify(c.body));
  assert.equal(c.body.data.referrals[0].team_code, 'T1');
  assert.equal(audits('client.create', c.body.data.id).split(' ')[0], 'clinician');

  // the same NHS number again: saved, with the form's possible-duplicate warning
  const dup = await call('leader', 'POST', '/api/v1/people', newPerson({ given_name: 'Dan', nhs_number: '9434765919' }));
  assert.equal(dup.status, 201);
  assert.deepEqual(dup.body.warnings.map((w) => w.field), ['duplicate']);
  assert.equal(dup.body.data.referrals[0].possible_duplicate, true);
});

test('POST /api/v1/people: field errors name each field and write nothing', async () => {
  const clients = count('client'), referrals = count('referral'), entries = count('audit');
  const r = await call('specialist', 'POST', '/api/v1/people', newPerson({
    family_name: '', nhs_number: '943 476 5918', team_code: 'T3', source: 'friend',
    received_on: '2025-02-30', consent: false,
  }));
  assert.equal(r.status, 422);
  assert.equal(r.body.error.status, 422);
  assert.deepEqual(fieldsOf(r), ['consent', 'family_name', 'nhs_number', 'received_on', 'source', 'team_code']);
  assert.ok(r.body.error.fields.every((f) => f.message.length > 0));
  // no team named: the form's own message, under the API's name for it
  const noTeam = await call('leader', 'POST', '/api/v1/people', newPerson({ team_code: null }));
  assert.equal(noTeam.status, 422);
  assert.deepEqual(fieldsOf(noTeam), ['team_code']);
  // members that are not fields, or of the wrong type
  const shape = await call('specialist', 'POST', '/api/v1/people', newPerson({ team: 1, consent: 'yes please', birth_date: 19880314 }));
  assert.equal(shape.status, 422);
  assert.deepEqual(fieldsOf(shape), ['birth_date', 'team']);
  assert.equal(count('client'), clients);
  assert.equal(count('referral'), referrals);
  assert.equal(count('audit'), entries, 'not even an audit entry');
});

test('PATCH /api/v1/people/:id: a merge patch of the details, as the edit form', async () => {
  const id = made.person.id;
  const first = await call('specialist', 'PATCH', `/api/v1/people/${id}`, { address: '1 High Street\nLeeds' });
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.body.data.address, '1 High Street\nLeeds');
  assert.equal(audits('client.update', id), 'specialist address');

  const r = await call('leader', 'PATCH', `/api/v1/people/${id}`,
    { phone: '0113 496 0000', address: null, consent_contact_employers: true },
    'application/merge-patch+json');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const p = r.body.data;
  assert.equal(r.location, `/api/v1/people/${id}`);
  assert.equal(p.phone, '0113 496 0000');
  assert.equal(p.address, null, 'null clears a field');
  assert.equal(p.consent_contact_employers, true);
  assert.equal(p.given_name, 'Dana', 'a member left out keeps its value');
  assert.equal(p.nhs_number, '9434765919');
  assert.equal(p.birth_date, '1988-03-14');
  assert.equal(p.referrals.length, 1);
  assert.deepEqual(p, (await get('leader', `/api/v1/people/${id}`)).data);
  assert.equal(audits('client.update', id).split('\n')[1], 'leader phone,address,consent_contact_employers');

  // nothing changed: nothing written
  const updates = count('audit', "action = 'client.update'");
  assert.equal((await call('leader', 'PATCH', `/api/v1/people/${id}`, { given_name: 'Dana' })).status, 200);
  assert.equal(count('audit', "action = 'client.update'"), updates);

  // field errors: each named, the record left as it was
  const before = sql(`SELECT nhs_number || '|' || email || '|' || updated_at FROM client WHERE id = ${id}`);
  const bad = await call('specialist', 'PATCH', `/api/v1/people/${id}`,
    { nhs_number: '123', email: 'not an email', gender: '9', given_name: 'Daniela' });
  assert.equal(bad.status, 422);
  assert.deepEqual(fieldsOf(bad), ['email', 'gender', 'nhs_number']);
  assert.equal(sql(`SELECT nhs_number || '|' || email || '|' || updated_at FROM client WHERE id = ${id}`), before);
  assert.equal(sql(`SELECT given_name FROM client WHERE id = ${id}`), 'Dana', 'all or nothing');
  assert.equal(count('audit', "action = 'client.update'"), updates);
  assert.deepEqual(fieldsOf(await call('specialist', 'PATCH', `/api/v1/people/${id}`, { referrals: [] })), ['referrals']);
});

test('PATCH /api/v1/people/:id: the edit form\'s roles and scope', async () => {
  const id = made.person.id;
  const body = { phone: '07700 900999' };
  assert.equal((await call('otherspecialist', 'PATCH', `/api/v1/people/${id}`, body)).status, 404, 'another site\'s person');
  assert.equal((await call('clinician', 'PATCH', `/api/v1/people/${id}`, body)).status, 403);
  assert.equal((await call('admin', 'PATCH', `/api/v1/people/${id}`, body)).status, 403);
  assert.equal((await call('specialist', 'PATCH', '/api/v1/people/999999', body)).status, 404);
  assert.equal((await call('commissioner', 'POST', '/api/v1/people', newPerson())).status, 403);
  assert.equal((await call('admin', 'POST', '/api/v1/people', newPerson())).status, 403);
  assert.notEqual(sql(`SELECT phone FROM client WHERE id = ${id}`), '07700 900999');

  // a browser session: its CSRF-checked form is told to use a token; no CSRF token, 403
  const es = await signedIn(srv.base, 'specialist');
  assert.equal((await es.post(`/api/v1/people/${id}`, body, { method: 'PATCH' })).status, 415);
  assert.equal((await es.post(`/api/v1/people/${id}`, { ...body, csrf: null }, { method: 'PATCH' })).status, 403);
  assert.equal((await es.post('/api/v1/people', referralFields())).status, 415);
  const json = await es.post(`/api/v1/people/${id}`, {}, { method: 'PATCH', rawBody: JSON.stringify(body), contentType: 'application/json' });
  assert.equal(json.status, 415);
  assert.notEqual(sql(`SELECT phone FROM client WHERE id = ${id}`), '07700 900999');
  // PUT is not a method of this API
  const put = await fetch(`${srv.base}/api/v1/people/${id}`, { method: 'PUT', headers: { authorization: `Bearer ${tokens.specialist}` } });
  assert.equal(put.status, 405);
  assert.equal(put.headers.get('allow'), 'GET, HEAD, PATCH');
});

test('employers: POST and PATCH, as the employer forms', async () => {
  const r = await call('specialist', 'POST', '/api/v1/employers', { name: 'Greggs', sector: 'Food', postcode: 'ls1 4ap' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const e = r.body.data;
  assert.equal(e.name, 'Greggs');
  assert.equal(e.site_code, 'S1');
  assert.equal(e.postcode, 'LS1 4AP');
  assert.equal(e.notes, null);
  assert.equal(r.location, '/api/v1/employers');
  assert.deepEqual((await get('specialist', '/api/v1/employers')).data.find((x) => x.id === e.id), e);
  assert.equal(audits('employer.create', e.id), 'specialist name,sector,address,postcode,people,notes');
  made.employer = e;

  const u = await call('leader', 'PATCH', `/api/v1/employers/${e.id}`, { notes: 'Ask for Sam', sector: null });
  assert.equal(u.status, 200, JSON.stringify(u.body));
  assert.equal(u.body.data.notes, 'Ask for Sam');
  assert.equal(u.body.data.sector, null);
  assert.equal(u.body.data.name, 'Greggs');
  assert.equal(audits('employer.update', e.id), 'leader sector,notes');

  const employers = count('employer');
  const bad = await call('specialist', 'POST', '/api/v1/employers', { name: '', postcode: 'nowhere at all' });
  assert.equal(bad.status, 422);
  assert.deepEqual(fieldsOf(bad), ['name', 'postcode']);
  assert.equal(count('employer'), employers);
  const badPatch = await call('specialist', 'PATCH', `/api/v1/employers/${e.id}`, { postcode: 'nowhere at all', notes: 'x' });
  assert.equal(badPatch.status, 422);
  assert.deepEqual(fieldsOf(badPatch), ['postcode']);
  assert.equal(sql(`SELECT notes FROM employer WHERE id = ${e.id}`), 'Ask for Sam');

  // another site's employer is not found; roles the web form refuses get 403
  const theirs = await call('otherspecialist', 'POST', '/api/v1/employers', { name: 'South Cafe' });
  assert.equal(theirs.status, 201);
  assert.equal(theirs.body.data.site_code, 'S2');
  made.otherEmployer = theirs.body.data;
  assert.equal((await call('specialist', 'PATCH', `/api/v1/employers/${theirs.body.data.id}`, { notes: 'x' })).status, 404);
  assert.equal((await call('clinician', 'POST', '/api/v1/employers', { name: 'Clinic Co' })).status, 403);
  assert.equal((await call('admin', 'PATCH', `/api/v1/employers/${e.id}`, { notes: 'x' })).status, 403);
  assert.equal(count('employer'), employers + 1);
});

test('vacancies: POST and PATCH, as the vacancy forms', async () => {
  const closing = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
  const r = await call('specialist', 'POST', '/api/v1/vacancies', {
    employer_id: made.employer.id, title: 'Baker', job_type: '5432', hours_min: 16, hours_max: '37.5',
    hourly_pay: '12.50', postcode: 'LS1', closing_on: closing, conditions: 'early_starts',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const v = r.body.data;
  assert.equal(r.location, `/api/v1/vacancies/${v.id}`);
  assert.equal(v.hours_min, '16');
  assert.equal(v.hours_max, '37.5');
  assert.equal(v.hourly_pay, '12.50');
  assert.equal(v.status, 'open');
  assert.equal(v.employer_name, 'Greggs');
  assert.deepEqual(v, (await get('specialist', `/api/v1/vacancies/${v.id}`)).data);
  assert.match(audits('vacancy.create', v.id), /^specialist employer_id,title,job_type,/);

  const u = await call('leader', 'PATCH', `/api/v1/vacancies/${v.id}`, { status: 'filled', description: 'Early shifts' });
  assert.equal(u.status, 200, JSON.stringify(u.body));
  assert.equal(u.body.data.status, 'filled');
  assert.equal(u.body.data.hours_max, '37.5', 'left as it was');
  assert.equal(u.body.data.hourly_pay, '12.50');
  assert.equal(u.body.data.closing_on, closing);
  assert.equal(audits('vacancy.update', v.id), 'leader status,description');

  const vacancies = count('vacancy');
  const bad = await call('specialist', 'POST', '/api/v1/vacancies',
    { employer_id: made.otherEmployer.id, title: '', hours_min: '20', hours_max: '10', status: 'maybe' });
  assert.equal(bad.status, 422);
  assert.deepEqual(fieldsOf(bad), ['employer_id', 'hours_max', 'status', 'title']);
  assert.equal(count('vacancy'), vacancies);
  const badPatch = await call('specialist', 'PATCH', `/api/v1/vacancies/${v.id}`, { hourly_pay: 12.5, status: 'open' });
  assert.equal(badPatch.status, 422);
  assert.deepEqual(fieldsOf(badPatch), ['hourly_pay']);
  assert.equal(sql(`SELECT status FROM vacancy WHERE id = ${v.id}`), 'filled');

  assert.equal((await call('otherleader', 'PATCH', `/api/v1/vacancies/${v.id}`, { status: 'closed' })).status, 404);
  assert.equal((await call('clinician', 'POST', '/api/v1/vacancies', { employer_id: made.employer.id, title: 'X' })).status, 403);
  assert.equal(sql(`SELECT status FROM vacancy WHERE id = ${v.id}`), 'filled');
});

test('jobs: a job start and its end, as the job forms', async () => {
  const id = made.person.id, rid = made.person.referrals[0].id;
  const start = daysAgo(2).iso;
  const r = await call('specialist', 'POST', `/api/v1/people/${id}/jobs`, {
    referral_id: rid, employer_id: made.employer.id, title: 'Baker', job_type: '5432', started_on: start,
    hours_per_week: '16.5', hourly_wage: '13.45', competitive: true,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const j = r.body.data;
  assert.equal(r.location, `/api/v1/people/${id}/jobs`);
  assert.equal(j.referral_id, rid);
  assert.equal(j.hours_per_week, '16.5');
  assert.equal(j.hourly_wage, '13.45');
  assert.equal(j.competitive, true);
  assert.equal(j.ended_on, null);
  assert.deepEqual(j, (await get('specialist', `/api/v1/people/${id}/jobs`)).data.find((x) => x.id === j.id));
  assert.equal(audits('job.start', j.id), 'specialist referral_id,title,started_on,hours_per_week,competitive,employer_id,job_type,hourly_wage');
  // the form's warning: no benefits advice before the start
  assert.ok(r.body.warnings.some((w) => w.field === 'started_on'));

  const jobs = count('job'), entries = count('audit', "action LIKE 'job.%'");
  const bad = await call('specialist', 'POST', `/api/v1/people/${id}/jobs`,
    { title: '', started_on: '2025-13-01', hours_per_week: '100', hourly_wage: '12.345', competitive: 'maybe' });
  assert.equal(bad.status, 422);
  assert.deepEqual(fieldsOf(bad), ['competitive', 'hourly_wage', 'hours_per_week', 'started_on', 'title']);
  assert.equal(count('job'), jobs);
  assert.equal(count('audit', "action LIKE 'job.%'"), entries);

  // ending it: an end before the start is refused; then ended, then corrected
  const end = `/api/v1/people/${id}/jobs/${j.id}/end`;
  const early = await call('specialist', 'POST', end, { ended_on: daysAgo(3).iso });
  assert.equal(early.status, 422);
  assert.deepEqual(fieldsOf(early), ['ended_on']);
  assert.equal(sql(`SELECT ended_on IS NULL FROM job WHERE id = ${j.id}`), '1');
  const ended = await call('leader', 'POST', end, { ended_on: daysAgo(1).iso, end_reason: 'Contract finished' });
  assert.equal(ended.status, 200, JSON.stringify(ended.body));
  assert.equal(ended.body.data.ended_on, daysAgo(1).iso);
  assert.equal(ended.body.data.end_reason, 'Contract finished');
  assert.equal(audits('job.end', j.id), 'leader ended_on,end_reason');
  const corrected = await call('specialist', 'POST', end, { ended_on: daysAgo(0).iso });
  assert.equal(corrected.status, 200);
  assert.equal(corrected.body.data.end_reason, 'Contract finished', 'a member left out keeps its value');
  assert.equal(audits('job.end.correct', j.id), 'specialist ended_on');

  // scope and roles
  assert.equal((await call('otherspecialist', 'POST', `/api/v1/people/${id}/jobs`,
    { title: 'Cook', started_on: start, hours_per_week: 10 })).status, 404);
  assert.equal((await call('otherspecialist', 'POST', end, { ended_on: daysAgo(0).iso })).status, 404);
  assert.equal((await call('clinician', 'POST', `/api/v1/people/${id}/jobs`,
    { title: 'Cook', started_on: start, hours_per_week: 10 })).status, 403);
  assert.equal((await call('specialist', 'POST', `/api/v1/people/${id}/jobs/999999/end`, { ended_on: daysAgo(0).iso })).status, 404);
  assert.equal(count('job'), jobs);
});

test('referrals: allocation and closing, as the inbox and the record page', async () => {
  const fay = await call('clinician', 'POST', '/api/v1/people', newPerson({ given_name: 'Fay', team_code: undefined }));
  assert.equal(fay.status, 201);
  const ref = fay.body.data.referrals[0];
  assert.equal(ref.specialist_code, null, 'waiting in the inbox');
  const allocate = (user, body) => call(user, 'POST', `/api/v1/referrals/${ref.id}/allocate`, body);
  const close = (user, body) => call(user, 'POST', `/api/v1/referrals/${ref.id}/close`, body);
  const me = 'ipsdesk-staff-specialist';

  // the inbox's roles and scope: a specialist may not allocate; another site's leader
  // does not find the referral
  assert.equal((await allocate('specialist', { specialist_code: me })).status, 403);
  assert.equal((await allocate('otherleader', { specialist_code: me })).status, 404);
  // nobody with that code, or a specialist of another site: the form's message under
  // the API's name for the field, and nothing written
  for (const code of ['nobody', 'ipsdesk-staff-otherspecialist', '']) {
    const bad = await allocate('leader', { specialist_code: code });
    assert.equal(bad.status, 422, code);
    assert.deepEqual(fieldsOf(bad), ['specialist_code']);
  }
  assert.deepEqual(fieldsOf(await allocate('leader', { specialist: me })), ['specialist']);   // not a member
  assert.equal(count('referral', `id = ${ref.id} AND specialist_id IS NOT NULL`), 0);

  const ok = await allocate('leader', { specialist_code: me });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.location, '/api/v1/referrals');
  assert.equal(ok.body.data.specialist_code, me);
  assert.equal(ok.body.data.allocated_on, daysAgo(0).iso);
  // the same shape as the list, field for field
  const listed = (await get('leader', `/api/v1/referrals?cursor=${ref.id - 1}&limit=1`)).data[0];
  assert.deepEqual(ok.body.data, listed);
  assert.equal(audits('referral.allocate', ref.id).split(' ')[0], 'leader');

  // closing: the record page's rules and roles
  const wrong = await close('specialist', { closed_on: '2025-02-30' });
  assert.equal(wrong.status, 422);
  assert.deepEqual(fieldsOf(wrong), ['close_reason', 'closed_on']);
  const early = await close('specialist', { closed_on: daysAgo(400).iso, close_reason: 'moved_away' });
  assert.deepEqual(fieldsOf(early), ['closed_on'], 'before it was received');
  assert.equal((await close('clinician', { closed_on: daysAgo(0).iso, close_reason: 'person_choice' })).status, 403);
  assert.equal((await close('otherspecialist', { closed_on: daysAgo(0).iso, close_reason: 'person_choice' })).status, 404);
  assert.equal(count('referral', `id = ${ref.id} AND closed_on IS NOT NULL`), 0);

  const closed = await close('specialist', { closed_on: daysAgo(0).iso, close_reason: 'person_choice' });
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  assert.equal(closed.body.data.closed_on, daysAgo(0).iso);
  assert.equal(closed.body.data.close_reason, 'person_choice');
  assert.equal(audits('referral.close', ref.id), 'specialist closed_on,close_reason');
  // once closed, neither closed again nor allocated
  assert.deepEqual(fieldsOf(await close('leader', { closed_on: daysAgo(0).iso, close_reason: 'other' })), ['close_reason']);
  assert.deepEqual(fieldsOf(await allocate('leader', { specialist_code: me })), ['specialist_code']);
  assert.equal(count('audit', `entity = 'referral' AND entity_id = ${ref.id}`), 3);   // create, allocate, close
});

test('PATCH /api/v1/people/:id/profile: a merge patch of the vocational profile, as its form', async () => {
  const id = made.person.id;
  assert.equal((await get('specialist', `/api/v1/people/${id}`)).data.profile, null, 'no profile yet');
  const path = `/api/v1/people/${id}/profile`;
  const entries = count('audit', "action = 'profile.update'");

  // the form's rules: every field named, nothing written
  const bad = await call('specialist', 'PATCH', path, {
    hours_min: 30, hours_max: 10, travel_miles: 500, disclosure: 'maybe', job_type_codes: '12', pay_min: 'lots',
    avoid: 'nights,thunder', strengths: 'x'.repeat(4001),
  });
  assert.equal(bad.status, 422);
  assert.deepEqual(fieldsOf(bad), ['avoid', 'disclosure', 'hours_max', 'job_type_codes', 'pay_min', 'strengths',
    'travel_miles']);
  const shape = await call('specialist', 'PATCH', path, { hours: 10, work_history: ['a'] });
  assert.deepEqual(fieldsOf(shape), ['hours', 'work_history']);
  // the form's roles and scope
  assert.equal((await call('clinician', 'PATCH', path, { strengths: 'Punctual' })).status, 403);
  assert.equal((await call('otherspecialist', 'PATCH', path, { strengths: 'Punctual' })).status, 404);
  assert.equal(count('client_profile', `client_id = ${id}`), 0);
  assert.equal(count('audit', "action = 'profile.update'"), entries);

  const first = await call('specialist', 'PATCH', path, {
    strengths: 'Punctual, good with people', hours_min: 16, hours_max: '30', disclosure: 'yes_selective',
    job_type_codes: '9263, 5434', pay_min: '12.5', avoid: 'nights,driving',
  });
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.location, `/api/v1/people/${id}`);
  const prof = first.body.data.profile;
  assert.equal(prof.strengths, 'Punctual, good with people');
  assert.equal(prof.hours_min, 16);
  assert.equal(prof.hours_max, 30);
  assert.equal(prof.disclosure, 'yes_selective');
  assert.equal(prof.job_type_codes, '9263,5434', 'normalised as the form does');
  assert.equal(prof.pay_min, '12.50');
  assert.equal(prof.avoid, 'nights,driving');
  assert.equal(prof.work_history, null);
  // the person as GET gives them, field for field
  assert.deepEqual(first.body.data, (await get('specialist', `/api/v1/people/${id}`)).data);
  assert.equal(audits('profile.update', id),
    'specialist hours_min,hours_max,disclosure,strengths,job_type_codes,pay_min,avoid');
  // reading the stored profile to patch it is a read of the record, audited as one, as
  // is the person read back for the answer
  const views = Number(sqlOn(srv.db)(`SELECT count(*) FROM views WHERE action = 'client.view' AND entity_id = ${id}`));
  assert.equal((await call('specialist', 'PATCH', path, { places: 'Leeds' })).status, 200);
  assert.equal(Number(sqlOn(srv.db)(`SELECT count(*) FROM views WHERE action = 'client.view' AND entity_id = ${id}`)),
    views + 2);
  assert.equal((await call('specialist', 'PATCH', path, { places: null })).status, 200);

  // a member left out keeps its value; null clears one
  const second = await call('leader', 'PATCH', path, { career_goals: 'Work in a kitchen', avoid: null },
    'application/merge-patch+json');
  assert.equal(second.status, 200, JSON.stringify(second.body));
  assert.equal(second.body.data.profile.career_goals, 'Work in a kitchen');
  assert.equal(second.body.data.profile.avoid, null);
  assert.equal(second.body.data.profile.pay_min, '12.50');
  assert.equal(second.body.data.profile.hours_min, 16);
  // nothing changed: nothing written
  const same = count('audit', "action = 'profile.update'");
  assert.equal((await call('specialist', 'PATCH', path, { strengths: 'Punctual, good with people' })).status, 200);
  assert.equal(count('audit', "action = 'profile.update'"), same);
});

test('POST /api/v1/referrals/:id/next-step: the next step on a referral, as the record page', async () => {
  const ref = (await get('specialist', `/api/v1/people/${made.person.id}`)).data.referrals[0];
  const step = (user, body) => call(user, 'POST', `/api/v1/referrals/${ref.id}/next-step`, body);
  const long = await step('specialist', { next_step: 'x'.repeat(501) });
  assert.equal(long.status, 422);
  assert.deepEqual(fieldsOf(long), ['next_step']);
  assert.deepEqual(fieldsOf(await step('specialist', { step: 'Call' })), ['step']);
  assert.deepEqual(fieldsOf(await step('specialist', {})), ['next_step'], 'left out: not taken as clearing it');
  assert.equal((await step('clinician', { next_step: 'Call' })).status, 403);
  assert.equal((await step('otherspecialist', { next_step: 'Call' })).status, 404);
  assert.equal(sql(`SELECT coalesce(next_step, '-') FROM referral WHERE id = ${ref.id}`), '-');

  const ok = await step('specialist', { next_step: 'Call Thursday about the café job' });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.location, '/api/v1/referrals');
  assert.equal(ok.body.data.next_step, 'Call Thursday about the café job');
  const after = ref.id > 1 ? `cursor=${ref.id - 1}&` : '';   // a cursor of 0 is not one
  const listed = (await get('specialist', `/api/v1/referrals?${after}limit=1`)).data[0];
  assert.deepEqual(ok.body.data, listed);
  assert.equal(audits('referral.update', ref.id), 'specialist next_step');
  // null clears it
  const cleared = await step('leader', { next_step: null });
  assert.equal(cleared.status, 200);
  assert.equal(cleared.body.data.next_step, null);
});

test('applications: the steps of a job search, as the job-search forms of the record page', async () => {
  const id = made.person.id;
  const path = `/api/v1/people/${id}/applications`;
  assert.deepEqual((await get('specialist', path)).data, []);
  const steps = count('application');

  // the form's rules, roles and scope: every field named, nothing written
  const bad = await call('specialist', 'POST', path, {
    kind: 'cold_call', identified_on: '2025-02-30', outcome: 'maybe', employer_id: 999999,
  });
  assert.equal(bad.status, 422);
  assert.deepEqual(fieldsOf(bad), ['employer_id', 'identified_on', 'kind', 'outcome', 'title']);
  assert.deepEqual(fieldsOf(await call('specialist', 'POST', path, { vacancy_id: 999999 })), ['identified_on', 'vacancy_id']);
  assert.deepEqual(fieldsOf(await call('specialist', 'POST', path, { vacancy: 1 })), ['vacancy']);   // not a member
  const ok = { kind: 'speculative', title: 'Kitchen porter', employer_id: made.employer.id,
    identified_on: daysAgo(20).iso };
  assert.equal((await call('clinician', 'POST', path, ok)).status, 403);
  assert.equal((await call('otherspecialist', 'POST', path, ok)).status, 404);
  assert.equal(count('application'), steps);

  const made1 = await call('specialist', 'POST', path, { ...ok, applied_on: daysAgo(18).iso, note: 'Sent a CV' });
  assert.equal(made1.status, 201, JSON.stringify(made1.body));
  assert.equal(made1.location, path);
  const a = made1.body.data;
  assert.equal(a.client_id, id);
  assert.equal(a.referral_id, made.person.referrals[0].id, 'the newest referral when none is named');
  assert.equal(a.employer_id, made.employer.id);
  assert.equal(a.stage, 'Applied');
  assert.equal(a.note, 'Sent a CV');
  assert.equal(a.outcome, null);
  // the same shape as the list, field for field
  assert.deepEqual((await get('specialist', path)).data, [a]);
  assert.equal(audits('application.create', a.id).split(' ')[0], 'specialist');

  // moved on: a merge patch of its stages, outcome and note
  const step = `${path}/${a.id}`;
  const early = await call('specialist', 'PATCH', step, { interview_on: daysAgo(19).iso });
  assert.equal(early.status, 422);
  assert.deepEqual(fieldsOf(early), ['interview_on'], 'not before the application');
  assert.deepEqual(fieldsOf(await call('specialist', 'PATCH', step, { title: 'Chef' })), ['title'], 'stays as it is');
  assert.equal((await call('clinician', 'PATCH', step, { note: null })).status, 403);
  assert.equal((await call('otherspecialist', 'PATCH', step, { note: null })).status, 404);
  const moved = await call('leader', 'PATCH', step, { interview_on: daysAgo(15).iso, note: null });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  assert.equal(moved.body.data.stage, 'Interview');
  assert.equal(moved.body.data.interview_on, daysAgo(15).iso);
  assert.equal(moved.body.data.applied_on, daysAgo(18).iso, 'a member left out keeps its value');
  assert.equal(moved.body.data.note, null, 'null clears it');
  assert.equal(audits('application.update', a.id), 'leader interview_on,note');
  const done = await call('specialist', 'PATCH', step, { outcome: 'not_successful', outcome_on: daysAgo(10).iso });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.data.stage, 'Not successful');

  // a sync reads what changed since a time
  assert.deepEqual((await get('specialist', `${path}?updated_since=2999-01-01T00:00:00Z`)).data, []);
  assert.equal((await get('specialist', `${path}?updated_since=2000-01-01T00:00:00Z`)).data.length, 1);
  // who reads the list: a clinician without the specialists' notes (the record page
  // does not show them one), a commissioner not at all, another site not at all
  assert.equal((await call('specialist', 'PATCH', step, { note: 'Ask about shifts' })).status, 200);
  assert.equal((await get('leader', path)).data[0].note, 'Ask about shifts');
  const seen = (await get('clinician', path)).data[0];
  assert.equal(seen.note, null);
  assert.equal(seen.stage, 'Not successful');
  assert.equal((await call('commissioner', 'GET', path)).status, 403);
  assert.equal((await call('otherspecialist', 'GET', path)).status, 404);
  // another person's step under this person's path is not found, and nothing changes
  const eli = sql(`SELECT id FROM client WHERE given_name = 'Eli'`);
  assert.equal((await call('specialist', 'PATCH', `/api/v1/people/${eli}/applications/${a.id}`, { note: 'x' })).status, 404);
  // a speculative approach not yet applied for; a vacancy of another site is refused
  const spec = await call('specialist', 'POST', path, { kind: 'speculative', title: 'Gardener',
    employer_id: made.employer.id, identified_on: daysAgo(3).iso });
  assert.equal(spec.status, 201, JSON.stringify(spec.body));
  assert.equal(spec.body.data.stage, 'Approached');
  const theirs = await call('otherspecialist', 'POST', '/api/v1/employers', { name: 'Elsewhere Ltd' });
  assert.equal(theirs.status, 201, JSON.stringify(theirs.body));
  const away = await call('otherspecialist', 'POST', '/api/v1/vacancies',
    { employer_id: theirs.body.data.id, title: 'Porter' });
  assert.equal(away.status, 201, JSON.stringify(away.body));
  assert.deepEqual(fieldsOf(await call('specialist', 'POST', path, { vacancy_id: away.body.data.id })),
    ['identified_on', 'vacancy_id']);
  assert.deepEqual(fieldsOf(await call('specialist', 'POST', path, { ...ok, employer_id: theirs.body.data.id })),
    ['employer_id']);
  // moved on with nothing changed: nothing written
  const updates = count('audit', "action = 'application.update'");
  assert.equal((await call('specialist', 'PATCH', step, { note: 'Ask about shifts' })).status, 200);
  assert.equal(count('audit', "action = 'application.update'"), updates);
});

test('PATCHes that cross keep each other\'s changes: the read and the write are one transaction', async () => {
  // Two clients change different members of one record at the same moment, many times
  // over. A PATCH reads the stored record, lays the members sent over it and writes it
  // back: if another change could land between that read and that write, it would be
  // written over with the value read before it.
  const person = made.person.id;
  const closing = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
  const v = (await call('specialist', 'POST', '/api/v1/vacancies', {
    employer_id: made.employer.id, title: 'Porter', job_type: '9263', postcode: 'LS1', closing_on: closing,
  })).body.data;
  const step = (await call('specialist', 'POST', `/api/v1/people/${person}/applications`, {
    kind: 'speculative', title: 'Porter', employer_id: made.employer.id, identified_on: daysAgo(5).iso,
  })).body.data;
  const records = [
    { path: `/api/v1/people/${person}`, read: `/api/v1/people/${person}`, a: 'phone', b: 'email',
      va: (i) => `0113 496 ${1000 + i}`, vb: (i) => `p${i}@example.org`, pick: (d) => d },
    { path: `/api/v1/people/${person}/profile`, read: `/api/v1/people/${person}`, a: 'strengths', b: 'career_goals',
      va: (i) => `strength ${i}`, vb: (i) => `goal ${i}`, pick: (d) => d.profile },
    { path: `/api/v1/employers/${made.employer.id}`, a: 'notes', b: 'address',
      va: (i) => `note ${i}`, vb: (i) => `${i} High Street`,
      read: '/api/v1/employers', pick: (d) => d.find((e) => e.id === made.employer.id) },
    { path: `/api/v1/vacancies/${v.id}`, read: `/api/v1/vacancies/${v.id}`, a: 'description', b: 'conditions',
      va: (i) => `description ${i}`, vb: (i) => (i % 2 ? 'early_starts' : 'heavy_lifting'), pick: (d) => d },
    { path: `/api/v1/people/${person}/applications/${step.id}`, read: `/api/v1/people/${person}/applications`,
      a: 'note', b: 'applied_on', va: (i) => `note ${i}`, vb: (i) => daysAgo(i % 2 ? 3 : 4).iso,
      pick: (d) => d.find((x) => x.id === step.id) },
  ];
  for (const r of records) {
    let lost = 0;
    for (let i = 0; i < 30; i++) {
      const [x, y] = await Promise.all([
        call('specialist', 'PATCH', r.path, { [r.a]: r.va(i) }),
        call('leader', 'PATCH', r.path, { [r.b]: r.vb(i) }),
      ]);
      assert.equal(x.status, 200, JSON.stringify(x.body));
      assert.equal(y.status, 200, JSON.stringify(y.body));
      const now = r.pick((await get('specialist', r.read)).data);
      if (now[r.a] !== r.va(i) || now[r.b] !== r.vb(i))
        lost++;
    }
    assert.equal(lost, 0, `${r.path}: a change lost in ${lost} of 30 crossings`);
  }
});

test('malformed bodies get a 4xx, never a 5xx, and write nothing', async () => {
  const id = made.person.id;
  const routes = [
    ['POST', '/api/v1/people'], ['PATCH', `/api/v1/people/${id}`], ['POST', '/api/v1/employers'],
    ['PATCH', `/api/v1/employers/${made.employer.id}`], ['POST', '/api/v1/vacancies'],
    ['PATCH', `/api/v1/vacancies/${sql('SELECT max(id) FROM vacancy')}`], ['POST', `/api/v1/people/${id}/jobs`],
    ['POST', `/api/v1/people/${id}/jobs/${sql('SELECT max(id) FROM job')}/end`],
    ['PATCH', `/api/v1/people/${id}/profile`],
    ['POST', `/api/v1/people/${id}/applications`],
    ['PATCH', `/api/v1/people/${id}/applications/${sql('SELECT max(id) FROM application')}`],
    ['POST', `/api/v1/referrals/${sql('SELECT min(id) FROM referral')}/next-step`],
  ];
  const bodies = ['', '{', '[]', 'null', '"text"', '42', '{"a":1', '{"title":"x","title":"y"}',
    '{"title":"a\\u0000b"}', '{"referral_id": 123456789012345678901234567890}', '{"given_name": {"x": 1}}',
    '{"name": [1, 2]}', Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])];
  const before = sql('SELECT (SELECT count(*) FROM client) || (SELECT count(*) FROM employer) || ' +
    "(SELECT count(*) FROM vacancy) || (SELECT count(*) FROM job) || (SELECT count(*) FROM audit WHERE action NOT LIKE '%.view' AND action NOT LIKE '%.list')");
  const problems = [];
  for (const [method, path] of routes) {
    for (const body of bodies) {
      const res = await fetch(srv.base + path, {
        method, body, headers: { authorization: `Bearer ${tokens.specialist}`, 'content-type': 'application/json' },
      });
      const text = await res.text();
      if (res.status < 400 || res.status >= 500) problems.push(`${method} ${path} ${JSON.stringify(String(body))}: ${res.status}`);
      else if (!/"error"/.test(text)) problems.push(`${method} ${path}: no JSON error`);
    }
    const form = await fetch(srv.base + path, {
      method, body: 'name=x', headers: { authorization: `Bearer ${tokens.specialist}`, 'content-type': 'application/x-www-form-urlencoded' },
    });
    if (form.status !== 415) problems.push(`${method} ${path} as a form: ${form.status}`);
  }
  assert.deepEqual(problems, []);
  assert.equal(sql('SELECT (SELECT count(*) FROM client) || (SELECT count(*) FROM employer) || ' +
    "(SELECT count(*) FROM vacancy) || (SELECT count(*) FROM job) || (SELECT count(*) FROM audit WHERE action NOT LIKE '%.view' AND action NOT LIKE '%.list')"), before);
  assert.doesNotMatch(srv.stderr(), /AddressSanitizer|runtime error/);
});
