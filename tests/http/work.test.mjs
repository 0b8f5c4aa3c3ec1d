// tests/http/work.test.mjs — finding and keeping work over real HTTP: employers (add
// with mistakes, then properly; find; change), a contact with an employer on a
// person's behalf, job starts refused for bad input without writing anything, a job
// start that puts the person "In work", ending jobs, another site's staff kept out,
// and the audit entries all of it leaves (field names, never values).
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

before(async () => {
  srv = await startServer();
  // a person referred by the clinician (out of work at referral: status 04) and
  // allocated to the specialist
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
});
after(async () => { await srv.stop(); });

test('an employer with mistakes is shown again with every error and nothing is written; then added', async () => {
  const form = await es.get('/employers/new');
  assert.equal(form.status, 200);
  assert.match(form.body, /<label class="nhsuk-label" for="name">Name<\/label>/);
  const bad = await es.post('/employers', { name: '', sector: 'Hospitality', postcode: 'not a postcode', notes: 'Bakes bread' });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /There is a problem/);
  assert.match(bad.body, /href="#name">Enter the employer&#39;s name/);
  assert.match(bad.body, /id="name-error"/, 'the message is beside the field too');
  assert.match(bad.body, /href="#postcode"/);
  assert.match(bad.body, /value="Hospitality"/, 'what was typed is kept');
  assert.equal(sql('SELECT count(*) FROM employer'), '0');

  const ok = await es.post('/employers', {
    name: 'Riverside Bakery', sector: 'Hospitality', address: '1 Quay Street\nGateshead', postcode: 'ne8 1aa',
    people: 'Sam Patel, store manager', notes: 'Takes on staff in the spring',
  });
  assert.equal(ok.status, 303, ok.body.slice(0, 400));
  employerId = ok.location.match(/^\/employers\/(\d+)$/)[1];
  const page = await es.get(ok.location);
  assert.equal(page.status, 200);
  assert.match(page.body, /<h1>Riverside Bakery<\/h1>/);
  assert.match(page.body, /NE8 1AA/);
  assert.match(page.body, /Sam Patel, store manager/);
  assert.match(page.body, /No contacts recorded yet/);
  assert.equal(sql(`SELECT site_id = (SELECT id FROM site WHERE code = 'S1') FROM employer WHERE id = ${employerId}`), '1');
  assert.match(sql(`SELECT ref FROM employer WHERE id = ${employerId}`), /^ipsdesk-employer-\d+$/);

  const found = await es.get('/employers?q=riverSIDE');
  assert.match(found.body, /Riverside Bakery/);
  const none = await es.get('/employers?q=zzz');
  assert.match(none.body, /No employers found/);

  await es.get(`/employers/${employerId}/edit`);
  const edited = await es.post(`/employers/${employerId}/edit`, {
    name: 'Riverside Bakery', sector: 'Food and drink', address: '1 Quay Street\nGateshead', postcode: 'NE8 1AA',
    people: 'Sam Patel, store manager', notes: 'Takes on staff in the spring',
  });
  assert.equal(edited.status, 303);
  assert.equal(sql(`SELECT sector FROM employer WHERE id = ${employerId}`), 'Food and drink');
  assert.equal(sql(`SELECT fields FROM audit WHERE action = 'employer.update'`), 'sector');
});

test('a contact with the employer on behalf of a person, from the person\'s page', async () => {
  const rec = await es.get(`/people/${pid}`);
  assert.match(rec.body, /<h2>Work<\/h2>/);
  assert.match(rec.body, /Not in work/);
  const link = rec.body.match(/href="(\/employers\?for=\d+)"/)[1];
  const list = await es.get(link.replace('&amp;', '&'));
  assert.match(list.body, /on behalf of Amara Okafor/);
  const formLink = list.body.match(/href="(\/employers\/\d+\/contacts\/new\?for=\d+)"/)[1];
  const form = await es.get(formLink);
  assert.equal(form.status, 200);
  assert.match(form.body, new RegExp(`<option value="${rid}" selected>Amara Okafor</option>`));

  const day = daysAgo(1);
  const noMode = await es.post(`/employers/${employerId}/contacts`, {
    with: 'employer', for: pid, referral_id: rid, ...dateFields('date', day), place: 'community', attended: 'yes',
  });
  assert.equal(noMode.status, 422);
  assert.match(noMode.body, /Choose how the contact happened/);
  assert.equal(sql('SELECT count(*) FROM contact'), '0', 'a refused contact writes nothing');

  const ok = await es.post(`/employers/${employerId}/contacts`, {
    with: 'employer', for: pid, referral_id: rid, ...dateFields('date', day), mode: 'face_to_face',
    place: 'community', minutes: '30', attended: 'yes', note: 'Met Sam about a baker role',
  });
  assert.equal(ok.status, 303, ok.body.slice(0, 400));
  assert.equal(ok.location, `/people/${pid}`);
  assert.equal(sql(`SELECT with_whom || ' ' || employer_id || ' ' || referral_id FROM contact`), `employer ${employerId} ${rid}`);
  assert.equal(sql(`SELECT first_employer_on FROM referral WHERE id = ${rid}`), day.iso,
    'the first face-to-face employer contact on their behalf is the fidelity V4 date');

  const page = await es.get(`/employers/${employerId}`);
  assert.match(page.body, /Met Sam about a baker role/);
  assert.match(page.body, new RegExp(`<a href="/people/${pid}">Amara Okafor</a>`));
  const rec2 = await es.get(`/people/${pid}`);
  assert.match(rec2.body, /An employer: Riverside Bakery/);
  assert.match(rec2.body, /Face-to-face meeting with the employer Riverside Bakery, in the community, on the person&#39;s behalf/);

  // a contact about nobody in particular, from the employer's page
  const general = await es.post(`/employers/${employerId}/contacts`, {
    with: 'employer', referral_id: '', ...dateFields('date', day), mode: 'phone', minutes: '10', attended: 'yes',
  });
  assert.equal(general.status, 303);
  assert.equal(general.location, `/employers/${employerId}`);
  assert.equal(sql('SELECT count(*) FROM contact WHERE referral_id IS NULL AND employer_id IS NOT NULL'), '1');
  assert.match((await es.get(`/employers/${employerId}`)).body, /Nobody in particular/);
  assert.match((await es.get('/employers')).body, /<span class="nhsuk-table-responsive__heading">Contacts <\/span>2</);
});

function jobFields(over = {}) {
  return {
    referral_id: rid, employer_id: employerId, title: 'Baker', job_type: '5432',
    ...dateFields('started_on', daysAgo(5)), hours_per_week: '16', hourly_wage: '12.71', competitive: 'yes',
    ...over,
  };
}

test('a job start with bad input is refused, field by field, and writes nothing', async () => {
  const form = await es.get(`/people/${pid}/jobs/new`);
  assert.equal(form.status, 200);
  assert.match(form.body, /<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Is it a competitive job\?<\/legend>/);
  assert.match(form.body, /Riverside Bakery, NE8 1AA/);
  // no benefits advice yet: the form says so before anything is typed, with the way to record it
  assert.match(form.body, /No benefits advice recorded<\/span><\/h2><p>Offer benefits advice before the job starts/);
  assert.match(form.body, new RegExp(`href="/people/${pid}/benefits-advice/new">record the benefits advice</a>`));
  const audits = sql('SELECT count(*) FROM audit');
  const cases = [
    [{ ...dateFields('ended_on', daysAgo(10)) }, 'ended_on', /must be the same as or after the date it started/],
    [{ hours_per_week: '0' }, 'hours_per_week', /more than 0 and no more than 80/],
    [{ hours_per_week: '81' }, 'hours_per_week', /more than 0 and no more than 80/],
    [{ hours_per_week: '16.555' }, 'hours_per_week', /no more than 2 decimal places/],
    [{ hourly_wage: '12.215' }, 'hourly_wage', /no more than 2 decimal places/],
    [{ hourly_wage: '£12' }, 'hourly_wage', /pounds and pence/],
    [{ job_type: '71' }, 'job_type', /4 digits of its SOC 2020 code/],
    [{ title: '' }, 'title', /Enter the job title/],
    [{ 'started_on-day': '31', 'started_on-month': '2' }, 'started_on', /must be a real date/],
    [{ 'started_on-day': '', 'started_on-month': '', 'started_on-year': '' }, 'started_on', /Enter the date the job started/],
    [{ competitive: 'maybe' }, 'competitive', /Choose yes if the job is competitive/],
  ];
  for (const [over, field, message] of cases) {
    const r = await es.post(`/people/${pid}/jobs`, jobFields(over));
    assert.equal(r.status, 422, `${field}: ${JSON.stringify(over)}`);
    assert.match(r.body, new RegExp(`href="#${field}"`), field);
    assert.match(r.body, message, field);
    assert.match(r.body, new RegExp(`id="${field}-error"`), `${field}: the message is beside the field`);
  }
  // several mistakes at once: every one reported
  const all = await es.post(`/people/${pid}/jobs`, jobFields({ hours_per_week: '0', hourly_wage: '1.234', title: '' }));
  assert.equal(all.status, 422);
  for (const f of ['hours_per_week', 'hourly_wage', 'title']) assert.match(all.body, new RegExp(`href="#${f}"`));
  assert.match(all.body, /value="Baker"|value="5432"/, 'what was typed is kept');
  assert.equal(sql('SELECT count(*) FROM job'), '0');
  assert.equal(sql('SELECT count(*) FROM client_event WHERE kind = \'job\''), '0');
  assert.equal(sql(`SELECT count(*) FROM audit WHERE action LIKE 'job.%'`), '0');
  assert.ok(Number(sql('SELECT count(*) FROM audit')) >= Number(audits));
});

test('a valid job start puts the person in work; the status at referral stays as it was', async () => {
  // benefits advice before the job start, so the start is saved without a warning
  const advice = await es.post(`/people/${pid}/benefits-advice`, {
    ...dateFields('date', daysAgo(8)), covered: 'Universal Credit and earnings' });
  assert.equal(advice.status, 303, advice.body.slice(0, 400));
  assert.doesNotMatch((await es.get(`/people/${pid}/jobs/new`)).body, /No benefits advice recorded/);
  const ok = await es.post(`/people/${pid}/jobs`, jobFields({ hours_per_week: '16.5' }));
  assert.equal(ok.status, 303, ok.body.slice(0, 600));
  assert.equal(ok.location, `/people/${pid}`);
  assert.equal(sql('SELECT title, hours_per_week, hourly_wage, competitive, job_type FROM job'.replace(/, /g, " || ' ' || ")),
    'Baker 1650 1271 1 5432');
  const cl = await es.get('/caseload');
  assert.match(cl.body, /In work/);
  assert.equal(sql(`SELECT employment_status FROM referral WHERE id = ${rid}`), '04');
  const rec = await es.get(`/people/${pid}`);
  assert.match(rec.body, /Baker at Riverside Bakery/);
  assert.match(rec.body, /1 job now/);
  assert.match(rec.body, /£12\.71 an hour/);
  assert.match(rec.body, /Started work as Baker at Riverside Bakery, 16\.5 hours a week/);
  assert.match(rec.body, /Employment status at referral<\/dt><dd class="nhsuk-summary-list__value">Long-term sick/);
  const page = await es.get(`/employers/${employerId}`);
  assert.match(page.body, /People who have worked here/);
  assert.match(page.body, /Still in this job/);

  // a second job, paid below the minimum wage for a 36-year-old: saved, with a warning
  const second = await es.post(`/people/${pid}/jobs`, jobFields({
    employer_id: '', title: 'Cleaner', job_type: '', hours_per_week: '6', hourly_wage: '10.00', competitive: 'no',
    ...dateFields('started_on', daysAgo(2)),
  }));
  assert.equal(second.status, 200, second.body.slice(0, 400));
  assert.match(second.body, /Job start saved: check this/);
  assert.match(second.body, /Pay of £10\.00 an hour is below the minimum wage of £12\.71 an hour for someone aged 21 and over/);
  assert.equal(sql('SELECT count(*) FROM job'), '2');
  const rec2 = await es.get(`/people/${pid}`);
  assert.match(rec2.body, /2 jobs now/);
  assert.match(rec2.body, /Pay below the minimum wage/);
  assert.match(rec2.body, /Started work as Cleaner at an employer not recorded, 6 hours a week \(not a competitive job\)/);
});

test('ending a job: not before it started; the person stays in work while another job goes on', async () => {
  const baker = sql("SELECT id FROM job WHERE title = 'Baker'");
  const cleaner = sql("SELECT id FROM job WHERE title = 'Cleaner'");
  const form = await es.get(`/people/${pid}/jobs/${baker}/end`);
  assert.equal(form.status, 200);
  assert.match(form.body, /Record that the job ended: Baker at Riverside Bakery/);
  const early = await es.post(`/people/${pid}/jobs/${baker}/end`, { ...dateFields('ended_on', daysAgo(6)), end_reason: 'Too early' });
  assert.equal(early.status, 422);
  assert.match(early.body, /href="#ended_on">The date the job ended must be the same as or after the date it started/);
  const none = await es.post(`/people/${pid}/jobs/${baker}/end`, { end_reason: 'No date' });
  assert.equal(none.status, 422);
  assert.match(none.body, /Enter the date the job ended/);
  assert.equal(sql(`SELECT count(*) FROM job WHERE ended_on IS NOT NULL`), '0');

  const ended = await es.post(`/people/${pid}/jobs/${baker}/end`, { ...dateFields('ended_on', daysAgo(1)), end_reason: 'Contract finished' });
  assert.equal(ended.status, 303, ended.body.slice(0, 400));
  assert.equal(sql(`SELECT ended_on || ' ' || end_reason FROM job WHERE id = ${baker}`), `${daysAgo(1).iso} Contract finished`);
  assert.match((await es.get('/caseload')).body, /In work/, 'still in the second job');
  const rec = await es.get(`/people/${pid}`);
  assert.match(rec.body, /Job as Baker at Riverside Bakery ended: Contract finished/);
  assert.match(rec.body, /Change when this job ended/);

  const ended2 = await es.post(`/people/${pid}/jobs/${cleaner}/end`, { ...dateFields('ended_on', daysAgo(0)) });
  assert.equal(ended2.status, 303);
  assert.doesNotMatch((await es.get('/caseload')).body, /In work/);
  assert.match((await es.get(`/people/${pid}`)).body, /Not in work/);

  // a job of another person cannot be ended through this person's address
  assert.equal((await es.get(`/people/${pid}/jobs/999999/end`)).status, 404);
});

test('another site\'s staff cannot see or use this site\'s employers, people or jobs (404)', async () => {
  const other = await signedIn(srv.base, 'otherspecialist');
  assert.equal((await other.get(`/employers/${employerId}`)).status, 404);
  assert.equal((await other.get(`/employers/${employerId}/edit`)).status, 404);
  assert.equal((await other.get(`/employers/${employerId}/contacts/new`)).status, 404);
  assert.doesNotMatch((await other.get('/employers')).body, /Riverside/);
  const contacts = sql('SELECT count(*) FROM contact');
  const day = daysAgo(1);
  const c = await other.post(`/employers/${employerId}/contacts`, {
    with: 'employer', ...dateFields('date', day), mode: 'phone', attended: 'yes',
  });
  assert.equal(c.status, 404);
  const e = await other.post(`/employers/${employerId}/edit`, { name: 'Taken over' });
  assert.equal(e.status, 404);
  assert.equal((await other.post(`/people/${pid}/jobs`, jobFields())).status, 404);
  assert.equal((await other.get(`/people/${pid}/jobs/new`)).status, 404);
  const baker = sql("SELECT id FROM job WHERE title = 'Baker'");
  assert.equal((await other.get(`/people/${pid}/jobs/${baker}/end`)).status, 404);
  assert.equal(sql('SELECT count(*) FROM contact'), contacts);
  assert.equal(sql(`SELECT name FROM employer WHERE id = ${employerId}`), 'Riverside Bakery');

  // their own employer cannot be chosen for a job of this site's person
  await other.get('/employers/new');
  const theirs = await other.post('/employers', { name: 'Southmoor Garden Centre' });
  assert.equal(theirs.status, 303);
  const theirId = theirs.location.match(/(\d+)$/)[1];
  const r = await es.post(`/people/${pid}/jobs`, jobFields({ employer_id: theirId }));
  assert.equal(r.status, 422);
  assert.match(r.body, /Choose an employer from the list/);
  assert.doesNotMatch(r.body, /Southmoor Garden Centre/);

  // a clinician reads the person's work but neither records it nor sees the employers
  const clin = await signedIn(srv.base, 'clinician');
  const rec = await clin.get(`/people/${pid}`);
  assert.match(rec.body, /<h2>Work<\/h2>/);
  assert.doesNotMatch(rec.body, /Record a job start/);
  assert.equal((await clin.get('/employers')).status, 403);
  assert.equal((await clin.get(`/people/${pid}/jobs/new`)).status, 403);
});

test('the minimum wage a pay is held to is the one for the person\'s age when the job started', async () => {
  // a 19-year-old: the 18 to 20 rate (£10.85 from April 2026), not the adult one
  const born = new Date().getUTCFullYear() - 20;
  await es.get('/referrals/new');
  const made = await es.post('/referrals', referralFields({
    given_name: 'Jordan', family_name: 'Young', nhs_number: '', 'birth_date-day': '1', 'birth_date-month': '1',
    'birth_date-year': String(born + 1), email: '', team: sql("SELECT id FROM team WHERE code = 'T1'"),
  }));
  assert.equal(made.status, 200, (made.body.match(/<ul class="nhsuk-list nhsuk-error-summary__list">.*?<\/ul>/) || [made.body.slice(0, 300)])[0]);
  const young = sql("SELECT id FROM client WHERE given_name = 'Jordan'");
  const age = Number(sql(`SELECT (strftime('%Y', 'now') - strftime('%Y', birth_date)) - (strftime('%m-%d', 'now') < strftime('%m-%d', birth_date)) FROM client WHERE id = ${young}`));
  assert.ok(age >= 18 && age <= 20, `age ${age}`);
  const fields = { employer_id: '', title: 'Kitchen assistant', job_type: '9263', ...dateFields('started_on', daysAgo(1)),
    hours_per_week: '20', competitive: 'yes' };
  assert.equal((await es.post(`/people/${young}/benefits-advice`, {
    ...dateFields('date', daysAgo(3)), covered: 'Universal Credit and earnings' })).status, 303);
  const fine = await es.post(`/people/${young}/jobs`, { ...fields, hourly_wage: '11.00' });
  assert.equal(fine.status, 303, 'at or above the 18 to 20 rate: no warning');
  const low = await es.post(`/people/${young}/jobs`, { ...fields, hourly_wage: '10.50' });
  assert.equal(low.status, 200);
  assert.match(low.body, /below the minimum wage of £10\.85 an hour for someone aged 18 to 20/);
  assert.match(low.body, /apprentice rate of £8\.00 may apply/);
  assert.equal(sql(`SELECT count(*) FROM job j JOIN referral r ON r.id = j.referral_id WHERE r.client_id = ${young}`), '2');
});

test('an hourly pay that looks like a week\'s or a year\'s is saved with a warning to check it', async () => {
  const jobs = Number(sql('SELECT count(*) FROM job'));
  const r = await es.post(`/people/${pid}/jobs`, jobFields({ title: 'Shift lead', hourly_wage: '450.00' }));
  assert.equal(r.status, 200, r.body.slice(0, 400));
  assert.match(r.body, /Job start saved: check this/);
  assert.match(r.body, /Pay of £450\.00 an hour is more than £200\.00 an hour: check it is the pay for an hour, not for a week or a year/);
  assert.equal(sql('SELECT count(*) FROM job'), String(jobs + 1), 'saved: the CSV accepts it too');
  const usual = await es.post(`/people/${pid}/jobs`, jobFields({ title: 'Supervisor', hourly_wage: '200.00' }));
  assert.doesNotMatch(usual.body, /more than £200\.00 an hour/, '£200 itself is not flagged');
});

test('an employer not in the list is added from the person\'s record, then the contact on their behalf follows', async () => {
  const list = await es.get(`/employers?for=${pid}`);
  const add = list.body.match(/href="(\/employers\/new\?for=\d+)">Add an employer who is not in the list/);
  assert.ok(add, 'the list offers to add one, for this person');
  const form = await es.get(add[1]);
  assert.match(form.body, new RegExp(`<input type="hidden" name="for" value="${pid}">`));
  assert.match(form.body, new RegExp(`href="/people/${pid}"[^>]*>Back to the record`));
  const employers = sql('SELECT count(*) FROM employer');
  const bad = await es.post('/employers', { for: pid, name: '' });
  assert.equal(bad.status, 422);
  assert.match(bad.body, new RegExp(`name="for" value="${pid}"`), 'the person is kept through a mistake');
  assert.equal(sql('SELECT count(*) FROM employer'), employers);
  const ok = await es.post('/employers', { for: pid, name: 'Quayside Café', postcode: 'NE1 3JD' });
  assert.equal(ok.status, 303);
  const eid = sql("SELECT id FROM employer WHERE name = 'Quayside Café'");
  assert.equal(ok.location, `/employers/${eid}/contacts/new?for=${pid}`);
  const contact = await es.get(ok.location);
  assert.match(contact.body, new RegExp(`<option value="${rid}" selected>Amara Okafor</option>`));
  const saved = await es.post(`/employers/${eid}/contacts`, {
    with: 'employer', for: pid, referral_id: rid, ...dateFields('date', daysAgo(0)), mode: 'face_to_face',
    place: 'community', attended: 'yes', note: 'Asked about kitchen work',
  });
  assert.equal(saved.status, 303);
  assert.equal(saved.location, `/people/${pid}`);
  // without a person, adding an employer goes to the employer as before
  const plain = await es.post('/employers', { name: 'Tyne Logistics' });
  assert.match(plain.location, /^\/employers\/\d+$/);
});

test('every change left an audit entry naming fields, never values, and the chain verifies', async () => {
  const rows = sql("SELECT action || '|' || entity || '|' || fields FROM audit_all WHERE action LIKE 'employer.%' OR action LIKE 'job.%' OR action = 'contact.create'").split('\n');
  const has = (re) => rows.some((x) => re.test(x));
  assert.ok(has(/^employer\.create\|employer\|name,sector,address,postcode,people,notes$/), rows.join('\n'));
  assert.ok(has(/^employer\.update\|employer\|sector$/));
  assert.ok(has(/^employer\.view\|employer\|$/));
  assert.ok(has(/^contact\.create\|contact\|referral_id,employer_id,date,with,mode,place,minutes,attended,note$/));
  assert.ok(has(/^job\.start\|job\|referral_id,title,started_on,hours_per_week,competitive,employer_id,job_type,hourly_wage$/));
  assert.ok(has(/^job\.end\|job\|ended_on,end_reason$/));
  assert.equal(sql("SELECT count(*) FROM audit_all WHERE fields LIKE '%Riverside%' OR fields LIKE '%Baker%' OR fields LIKE '%Sam%'"), '0');
  const v = ipsdeskStatus(['audit', 'verify', '--db', srv.db]);
  assert.equal(v.status, 0, v.out);
  assert.match(v.out, /audit chain ok/);
  assert.match(v.out, /read log ok: [1-9]\d* entries/);
});
