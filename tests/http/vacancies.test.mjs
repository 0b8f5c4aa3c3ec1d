// tests/http/vacancies.test.mjs — vacancies and matching over real HTTP: a vacancy
// with mistakes shown again with each message beside its field and nothing written;
// adding, changing and finding vacancies (full-text search and filters); pay below the
// minimum wage as a warning; another site's staff kept out; the vocational profile's
// matching preferences; matches both ways with their reasons, the button that adds a
// vacancy to a person's job search, and the audit entries; the JSON API's list and one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, signedIn, referralFields, sqlOn } from './lib.mjs';

let srv, es, leader, pid, employerId, vacancyId;

function sql(q) {
  return sqlOn(srv.db)(q);
}

function vacancyFields(over = {}) {
  return {
    employer_id: employerId, title: 'Baker', job_type: '5432', hours_min: '16', hours_max: '20',
    hourly_pay: '13.50', postcode: 'ls2 7ab', status: 'open', description: 'Early bread baking, training given',
    source: 'The employer', 'closing_on-day': '31', 'closing_on-month': '12', 'closing_on-year': '2099',
    ...over,
  };
}

before(async () => {
  srv = await startServer();
  const clin = await signedIn(srv.base, 'clinician');
  await clin.get('/referrals/new');
  const made = await clin.post('/referrals', referralFields());
  assert.equal(made.status, 200, made.body.slice(0, 300));
  const rid = sql('SELECT max(id) FROM referral');
  pid = sql('SELECT max(id) FROM client');
  const specialist = sql("SELECT staff_id FROM account WHERE username = 'specialist'");
  leader = await signedIn(srv.base, 'leader');
  await leader.get('/referrals');
  const alloc = await leader.post(`/referrals/${rid}/allocate`, { [`specialist-${rid}`]: specialist });
  assert.equal(alloc.status, 303);
  es = await signedIn(srv.base, 'specialist');
  await es.get('/employers/new');
  const emp = await es.post('/employers', { name: 'Riverside Bakery', sector: 'Food', postcode: 'LS2 7AB' });
  assert.equal(emp.status, 303);
  employerId = emp.location.match(/(\d+)$/)[1];
});
after(async () => { await srv.stop(); });

test('a vacancy with mistakes is shown again with each message beside its field, and nothing is written', async () => {
  const form = await es.get(`/vacancies/new?employer=${employerId}`);
  assert.equal(form.status, 200);
  assert.match(form.body, new RegExp(`<option value="${employerId}" selected>Riverside Bakery</option>`));
  const bad = await es.post('/vacancies', vacancyFields({
    title: '', job_type: '54', hours_min: '30', hours_max: '20', hourly_pay: '250', postcode: 'nowhere',
    'closing_on-day': '31', 'closing_on-month': '2', 'closing_on-year': '2027', conditions: 'sundays',
  }));
  assert.equal(bad.status, 422);
  assert.match(bad.body, /There is a problem/);
  for (const [field, msg] of [
    ['title', 'Enter the job title'],
    ['job_type', 'Enter the job type as the 4 digits of its SOC 2020 code'],
    ['hours_max', 'The most hours must be the same as or more than the fewest hours'],
    ['hourly_pay', 'Enter the hourly pay in pounds, more than 0 and up to 200'],
    ['postcode', 'Enter a postcode, like LS1 4AP'],
    ['closing_on', 'The closing date must be a real date'],
    ['conditions', 'Choose what the job involves from the list'],
  ]) {
    assert.match(bad.body, new RegExp(`href="#${field}">${msg}`), `${field} in the summary`);
    assert.match(bad.body, new RegExp(`id="${field}-error"`), `${field}'s message beside it`);
  }
  assert.match(bad.body, /value="Early bread baking, training given"|Early bread baking, training given<\/textarea>/, 'what was typed is kept');
  const other = await es.post('/vacancies', vacancyFields({ employer_id: '999999', hours_min: '0' }));
  assert.equal(other.status, 422);
  assert.match(other.body, /href="#employer_id">Choose an employer of your service/);
  assert.match(other.body, /href="#hours_min">Enter hours a week as a number more than 0 and up to 80/);
  const unknown = await es.post('/vacancies', vacancyFields({ job_type: '9999' }));
  assert.equal(unknown.status, 422);
  assert.match(unknown.body, /href="#job_type">There is no SOC 2020 job type with the code 9999/);
  assert.equal(sql('SELECT count(*) FROM vacancy'), '0');
  assert.equal(sql("SELECT count(*) FROM audit WHERE action LIKE 'vacancy.%'"), '0');
});

test('a vacancy is added, found by full-text search and filters, and changed', async () => {
  const ok = await es.post('/vacancies', { ...vacancyFields(), conditions: 'early_starts' });
  assert.equal(ok.status, 303, ok.body.slice(0, 500));
  vacancyId = ok.location.match(/^\/vacancies\/(\d+)$/)[1];
  const page = await es.get(ok.location);
  assert.equal(page.status, 200);
  assert.match(page.body, /<h1>Baker<\/h1>/);
  assert.match(page.body, /16 to 20 hours a week/);
  assert.match(page.body, /£13.50 an hour/);
  assert.match(page.body, /LS2 7AB/);
  assert.match(page.body, /Early starts/);
  assert.equal(sql(`SELECT hours_min || ' ' || hours_max || ' ' || hourly_pay || ' ' || closing_on || ' ' || conditions FROM vacancy WHERE id = ${vacancyId}`),
    '1600 2000 1350 2099-12-31 early_starts');
  assert.equal(sql(`SELECT fields FROM audit WHERE action = 'vacancy.create'`),
    'employer_id,title,job_type,hours_min,hours_max,hourly_pay,postcode,closing_on,source,status,description,conditions');

  // a second, filled, and one whose closing date has passed (a warning, then saved)
  const filled = await es.post('/vacancies', vacancyFields({ title: 'Delivery driver', job_type: '8214', status: 'filled', description: '' }));
  assert.equal(filled.status, 303);
  const past = await es.post('/vacancies', vacancyFields({ title: 'Shop assistant', job_type: '7111', hourly_pay: '9.00',
    'closing_on-day': '1', 'closing_on-month': '1', 'closing_on-year': '2020', description: 'Tills' }));
  assert.equal(past.status, 200, 'saved, with what to check');
  assert.match(past.body, /The vacancy was added/);
  assert.match(past.body, /below the National Minimum Wage of £\d+\.\d\d an hour/);
  assert.match(past.body, /The closing date has passed/);

  const all = await es.get('/vacancies');
  assert.match(all.body, /Baker/);
  assert.doesNotMatch(all.body, /Delivery driver/, 'open ones only at first');
  assert.doesNotMatch(all.body, /Shop assistant/, 'closing date passed');
  assert.match((await es.get('/vacancies?q=bak')).body, /Baker/, 'a word prefix');
  assert.match((await es.get('/vacancies?q=confectioners')).body, /Baker/, 'the title of its SOC 2020 job type');
  assert.match((await es.get('/vacancies?q=BREAD+training')).body, /Baker/, 'words of the description, any case');
  assert.match((await es.get('/vacancies?q=riverside&status=')).body, /Delivery driver/, "the employer's name");
  assert.match((await es.get('/vacancies?q=%22quoted%22+OR+*')).body, /No vacancies found/, 'FTS syntax typed is only words');
  assert.match((await es.get('/vacancies?q=tills&status=&closing=all')).body, /Shop assistant/);
  const bytype = await es.get('/vacancies?job_type=8214&status=filled');
  assert.match(bytype.body, /Delivery driver/);
  assert.doesNotMatch(bytype.body, />Baker</);
  assert.match((await es.get(`/vacancies?employer=${employerId}&status=&closing=all`)).body, /3 vacancies/);
  const badq = await es.get('/vacancies?job_type=abc');
  assert.match(badq.body, /href="#job_type"/);

  const emp = await es.get(`/employers/${employerId}`);
  assert.match(emp.body, new RegExp(`href="/vacancies\\?employer=${employerId}&amp;status=&amp;closing=all">Vacancies at this employer`));
  assert.match(emp.body, new RegExp(`href="/vacancies/new\\?employer=${employerId}">Add a vacancy`));
  assert.match(all.body, /href="\/vacancies"[^>]*>Vacancies<\/a>/, 'in the navigation');

  await es.get(`/vacancies/${vacancyId}/edit`);
  const edited = await es.post(`/vacancies/${vacancyId}/edit`, { ...vacancyFields({ title: 'Baker and pastry cook', hourly_pay: '14.00' }), conditions: 'early_starts' });
  assert.equal(edited.status, 303);
  assert.equal(sql(`SELECT fields FROM audit WHERE action = 'vacancy.update'`), 'title,hourly_pay');
  assert.match((await es.get('/vacancies?q=pastry')).body, /Baker and pastry cook/, 'the index follows the change');
  const badEdit = await es.post(`/vacancies/${vacancyId}/edit`, vacancyFields({ title: '' }));
  assert.equal(badEdit.status, 422);
  assert.equal(sql(`SELECT title FROM vacancy WHERE id = ${vacancyId}`), 'Baker and pastry cook');
  // an employer's new name is found too
  await es.get(`/employers/${employerId}/edit`);
  await es.post(`/employers/${employerId}/edit`, { name: 'Hilltop Café', sector: 'Food', postcode: 'LS2 7AB' });
  assert.match((await es.get('/vacancies?q=cafe')).body, /Baker and pastry cook/);
  assert.match((await es.get('/vacancies?q=riverside')).body, /No vacancies found/);
});

test("another site's staff cannot see or change the site's vacancies", async () => {
  const other = await signedIn(srv.base, 'otherspecialist');
  assert.equal((await other.get(`/vacancies/${vacancyId}`)).status, 404);
  assert.equal((await other.get(`/vacancies/${vacancyId}/edit`)).status, 404);
  const post = await other.post(`/vacancies/${vacancyId}/edit`, vacancyFields({ title: 'Taken over' }));
  assert.equal(post.status, 404);
  assert.equal((await other.get(`/api/v1/vacancies/${vacancyId}`)).status, 404);
  assert.doesNotMatch((await other.get('/vacancies')).body, /Baker/);
  assert.equal(JSON.parse((await other.get('/api/v1/vacancies')).body).data.length, 0);
  const steal = await other.post('/vacancies', vacancyFields());
  assert.equal(steal.status, 422, 'an employer of another site cannot be chosen');
  assert.equal((await other.get(`/people/${pid}/matches`)).status, 404);
  const clin = await signedIn(srv.base, 'clinician');
  assert.equal((await clin.get('/vacancies')).status, 403);
});

test('the vocational profile takes matching preferences, each checked beside its field', async () => {
  await es.get(`/people/${pid}/profile`);
  const bad = await es.post(`/people/${pid}/profile`, { hours_min: '10', hours_max: '20', travel_miles: '5',
    job_type_codes: '5432, 54', pay_min: 'lots', avoid: 'sundays' });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /href="#job_type_codes">Enter up to 16 job types as 4-digit SOC 2020 codes/);
  assert.match(bad.body, /id="job_type_codes-error"/);
  assert.match(bad.body, /href="#pay_min">Enter the least hourly pay in pounds/);
  assert.match(bad.body, /href="#avoid">Choose what the person wants to avoid/);
  assert.equal(sql(`SELECT count(*) FROM client_profile WHERE client_id = ${pid}`), '0');
  const body = new URLSearchParams({ hours_min: '10', hours_max: '20', travel_miles: '5',
    job_type_codes: ' 5432 ,9263', pay_min: '£12.00', csrf: es.csrf });
  body.append('avoid', 'nights');
  body.append('avoid', 'weekends');
  const ok = await es.post(`/people/${pid}/profile`, {}, { rawBody: body.toString() });
  assert.equal(ok.status, 303, ok.body.slice(0, 500));
  assert.equal(sql(`SELECT job_type_codes || ' ' || pay_min || ' ' || avoid FROM client_profile WHERE client_id = ${pid}`),
    '5432,9263 1200 nights,weekends');
  assert.match(sql(`SELECT fields FROM audit WHERE action = 'profile.update'`), /job_type_codes,pay_min,avoid/);
  const rec = await es.get(`/people/${pid}`);
  assert.match(rec.body, /5432,9263/);
  assert.match(rec.body, /£12.00 an hour/);
  assert.match(rec.body, /Night work, Weekend work/);
  assert.match(rec.body, new RegExp(`href="/people/${pid}/matches">Matching vacancies`));
  const again = await es.get(`/people/${pid}/profile`);
  assert.match(again.body, /value="nights" checked/);
  assert.doesNotMatch(again.body, /value="driving" checked/);
});

test('matching both ways: vacancies for a person, people for a vacancy, with reasons', async () => {
  // a night-shift vacancy the person wants to avoid, ranked below the baker
  const nights = await es.post('/vacancies', { ...vacancyFields({ title: 'Night baker', hourly_pay: '14.50' }), conditions: 'nights' });
  assert.equal(nights.status, 303);
  const nightsId = nights.location.match(/(\d+)$/)[1];
  const before = Number(sql("SELECT count(*) FROM views WHERE action = 'client.view'"));
  const m = await es.get(`/people/${pid}/matches`);
  assert.equal(m.status, 200);
  assert.match(m.body, /<h1>Matching vacancies: Amara Okafor<\/h1>/);
  const baker = m.body.indexOf('Baker and pastry cook'), night = m.body.indexOf('Night baker');
  assert.ok(baker > 0 && night > baker, 'best match first');
  assert.doesNotMatch(m.body, /Delivery driver|Shop assistant/, 'only open vacancies not yet closed');
  assert.match(m.body, /matches preferred job type; 16-20 hours within 10-20; (\d+ miles?|less than a mile), (within|beyond) the 5-mile travel limit; pay meets preference|matches preferred job type; 16-20 hours within 10-20; distance unknown; pay meets preference/);
  assert.match(m.body, /involves nights, which they want to avoid/);
  assert.match(m.body, new RegExp(`<form method="post" action="/people/${pid}/applications" novalidate><input type="hidden" name="csrf" value="[^"]+"><input type="hidden" name="vacancy" value="${vacancyId}">`));
  assert.equal(Number(sql("SELECT count(*) FROM views WHERE action = 'client.view'")), before + 1);
  assert.equal(sql(`SELECT fields FROM views WHERE action = 'client.view' ORDER BY seq DESC LIMIT 1`), 'matches');

  const seen = Number(sql(`SELECT count(*) FROM views WHERE action = 'vacancy.matches' AND entity_id = ${vacancyId}`));
  const personViews = () => Number(sql(`SELECT count(*) FROM views WHERE action = 'client.view' AND entity = 'client' AND entity_id = ${pid} AND fields = 'matches'`));
  const viewed = personViews();
  const v = await es.get(`/vacancies/${vacancyId}`);
  assert.match(v.body, /<h2>Matching people<\/h2>/);
  assert.match(v.body, new RegExp(`<a href="/people/${pid}">Amara Okafor</a>`));
  assert.match(v.body, /matches preferred job type; 16-20 hours within 10-20/);
  assert.equal(Number(sql(`SELECT count(*) FROM views WHERE action = 'vacancy.matches' AND entity_id = ${vacancyId}`)), seen + 1);
  // each person listed is a read of their record, in the same request as the list's entry
  assert.equal(personViews(), viewed + 1, 'the person shown gets a client.view entry');
  assert.equal(sql(`SELECT count(*) FROM views a JOIN views m ON m.request_id = a.request_id AND m.action = 'vacancy.matches' `
    + `WHERE a.seq = (SELECT max(seq) FROM views WHERE action = 'client.view' AND entity_id = ${pid}) AND a.fields = 'matches' AND a.actor = 'specialist'`), '1');
  const listed = Number(sql("SELECT count(*) FROM views WHERE action = 'client.view' AND fields = 'matches' AND actor = 'leader'"));
  const lv = await leader.get(`/vacancies/${nightsId}`);
  assert.match(lv.body, /Everyone with an open referral at the service/);
  assert.match(lv.body, /involves nights, which they want to avoid/);
  const shown = (lv.body.match(/<a href="\/people\/\d+">/g) || []).length;
  assert.ok(shown >= 1);
  assert.equal(Number(sql("SELECT count(*) FROM views WHERE action = 'client.view' AND fields = 'matches' AND actor = 'leader'")),
    listed + shown, 'one client.view entry for each person the leader is shown');
  // a specialist's list is their caseload: the other specialist of the site sees nobody
  const es2 = await signedIn(srv.base, 'specialist2');
  const v2 = await es2.get(`/vacancies/${vacancyId}`);
  assert.equal(v2.status, 200);
  assert.match(v2.body, /Nobody to match yet/);
});

test('the JSON API lists vacancies a page at a time and reads one', async () => {
  const first = await es.get('/api/v1/vacancies?limit=2');
  assert.equal(first.status, 200);
  const page = JSON.parse(first.body);
  assert.equal(page.data.length, 2);
  assert.ok(page.next_cursor);
  const rest = JSON.parse((await es.get(`/api/v1/vacancies?limit=2&cursor=${page.next_cursor}`)).body);
  assert.equal(rest.data.length, 2);
  assert.equal(rest.next_cursor, null);
  const one = JSON.parse((await es.get(`/api/v1/vacancies/${vacancyId}`)).body).data;
  assert.equal(one.title, 'Baker and pastry cook');
  assert.equal(one.hours_min, '16');
  assert.equal(one.hourly_pay, '14.00');
  assert.equal(one.employer_name, 'Hilltop Café');
  assert.equal(one.site_code, 'S1');
  assert.equal(one.conditions, 'early_starts');
  const since = JSON.parse((await es.get('/api/v1/vacancies?updated_since=2099-01-01')).body);
  assert.equal(since.data.length, 0);
  const bad = await es.get('/api/v1/vacancies?limit=0');
  assert.equal(bad.status, 422);
  assert.equal((await es.get('/api/v1/vacancies/999999')).status, 404);
});

test('the people ranked for a vacancy follow changes to a profile, a postcode, an allocation and a closure', async () => {
  // ranking reads match_person (010_match_person.sql), which triggers keep in step
  const clin = await signedIn(srv.base, 'clinician');
  await clin.get('/referrals/new');
  const made = await clin.post('/referrals', referralFields({ given_name: 'Bo', family_name: 'Follow', nhs_number: '', postcode: 'ls1 4ap' }));
  assert.equal(made.status, 200, made.body.slice(0, 300));
  const rid = sql('SELECT max(id) FROM referral');
  const bo = sql(`SELECT client_id FROM referral WHERE id = ${rid}`);
  const staffOf = (u) => sql(`SELECT staff_id FROM account WHERE username = '${u}'`);
  const allocate = async (u) => {
    await leader.get('/referrals');
    const r = await leader.post(`/referrals/${rid}/allocate`, { [`specialist-${rid}`]: staffOf(u) });
    assert.equal(r.status, 303, r.body.slice(0, 500));
  };
  await allocate('specialist');
  const made2 = await es.post('/vacancies', vacancyFields({ title: 'Follow-up baker' }));
  assert.equal(made2.status, 303);
  const vid = made2.location.match(/(\d+)$/)[1];
  // the reason shown for each person listed, by id
  const ranked = async (who) => {
    const page = await who.get(`/vacancies/${vid}`);
    assert.equal(page.status, 200);
    const rows = new Map();
    for (const row of page.body.split('<tr class="nhsuk-table__row">').slice(1)) {
      const m = row.match(/<a href="\/people\/(\d+)">/);
      if (m) {
        assert.ok(!rows.has(m[1]), 'each person listed once');
        rows.set(m[1], row.replace(/<[^>]+>/g, ' '));
      }
    }
    return rows;
  };
  let rows = await ranked(es);
  assert.match(rows.get(bo), /job type unknown; hours unknown; less than a mile, no travel limit recorded; pay unknown/,
    'no profile yet: still listed, preferences unknown');

  await es.get(`/people/${bo}/profile`);
  const prof = await es.post(`/people/${bo}/profile`, { hours_min: '10', hours_max: '20', travel_miles: '5',
    job_type_codes: '5432', pay_min: '12.00' });
  assert.equal(prof.status, 303, prof.body.slice(0, 500));
  rows = await ranked(es);
  assert.match(rows.get(bo), /matches preferred job type; 16-20 hours within 10-20; less than a mile, within the 5-mile travel limit; pay meets preference/);

  await es.get(`/people/${bo}/edit`);
  const moved = await es.post(`/people/${bo}/edit`, { given_name: 'Bo', family_name: 'Follow', 'birth_date-day': '12',
    'birth_date-month': '5', 'birth_date-year': '1990', phone: '07700 900123', postcode: 'M1 1AA' });
  assert.ok(moved.status === 303 || moved.status === 200, moved.body.slice(0, 500));
  rows = await ranked(es);
  assert.match(rows.get(bo), /matches preferred job type; 16-20 hours within 10-20; \d+ miles, beyond the 5-mile travel limit; pay meets preference/);

  // another specialist takes the referral: it leaves the first one's list for theirs
  await allocate('specialist2');
  const es2 = await signedIn(srv.base, 'specialist2');
  assert.ok(!(await ranked(es)).has(bo), 'no longer on the first specialist\'s caseload');
  assert.match((await ranked(es2)).get(bo), /beyond the 5-mile travel limit/);
  assert.ok((await ranked(leader)).has(bo), 'the team leader sees everyone with an open referral');

  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' }).split('-');
  await es2.get(`/people/${bo}`);
  const closed = await es2.post(`/people/${bo}/referrals/${rid}/close`, { 'closed_on-day': String(Number(today[2])),
    'closed_on-month': String(Number(today[1])), 'closed_on-year': today[0], close_reason: 'person_choice' });
  assert.ok(closed.status === 303 || closed.status === 200, closed.body.slice(0, 500));
  assert.equal(sql(`SELECT closed_on IS NOT NULL FROM referral WHERE id = ${rid}`), '1');
  assert.ok(!(await ranked(leader)).has(bo), 'a closed referral is not matched');
  assert.ok(!(await ranked(es2)).has(bo));
  assert.equal(sql(`SELECT count(*) FROM match_person WHERE client_id = ${bo}`), '0');
  // the table holds exactly what it is derived from
  assert.equal(sql('SELECT count(*) FROM (SELECT * FROM match_person EXCEPT SELECT * FROM match_person_source)'), '0');
  assert.equal(sql('SELECT count(*) FROM (SELECT * FROM match_person_source EXCEPT SELECT * FROM match_person)'), '0');
});

test('the vacancy list shows 50 at a time, with Previous and Next keeping the filters', async () => {
  await es.get('/vacancies/new');
  for (let i = 1; i <= 55; i++) {
    const r = await es.post('/vacancies', vacancyFields({ title: `Packer ${i}`, description: '' }));
    assert.equal(r.status, 303);
  }
  const rows = (body) => (body.split('<tbody')[1] || '').split('</tbody>')[0].match(/<tr class="nhsuk-table__row">/g)?.length ?? 0;
  const open = Number(sql(`SELECT count(*) FROM vacancy WHERE status = 'open' AND (closing_on IS NULL OR closing_on >= date('now'))
    AND site_id = (SELECT site_id FROM employer WHERE id = ${employerId})`));
  assert.ok(open > 55);
  const first = await es.get('/vacancies');
  assert.equal(first.status, 200);
  assert.equal(rows(first.body), 50);
  assert.match(first.body, new RegExp(`Showing 1 to 50 of ${open} vacancies`));
  assert.doesNotMatch(first.body, /nhsuk-pagination__link--prev/);
  const next = first.body.match(/nhsuk-pagination__link--next" href="([^"]+)"/)[1].replaceAll('&amp;', '&');
  assert.equal(next, '/vacancies?status=open&closing=current&page=2');
  const second = await es.get(next);
  assert.equal(rows(second.body), open - 50);
  assert.match(second.body, new RegExp(`Showing 51 to ${open} of ${open} vacancies`));
  assert.match(second.body, /nhsuk-pagination__link--prev" href="\/vacancies\?status=open&amp;closing=current&amp;page=1"/);
  assert.doesNotMatch(second.body, /nhsuk-pagination__link--next/);

  // a search keeps its words and filters from page to page
  const packers = await es.get('/vacancies?q=packer&status=open&closing=all');
  assert.equal(rows(packers.body), 50);
  assert.match(packers.body, /Showing 1 to 50 of 55 vacancies/);
  assert.match(packers.body, /href="\/vacancies\?q=packer&amp;status=open&amp;closing=all&amp;page=2"/);
  const rest = await es.get('/vacancies?q=packer&status=open&closing=all&page=2');
  assert.equal(rows(rest.body), 5);
  // past the end, or a page that is not a number
  assert.match((await es.get('/vacancies?q=packer&status=open&closing=all&page=3')).body, /No vacancies found/);
  const typed = await es.get('/vacancies?page=abc');
  assert.equal(typed.status, 200);
  assert.equal(rows(typed.body), 50);
});
