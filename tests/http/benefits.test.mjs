// tests/http/benefits.test.mjs — benefits and preparation for work over real HTTP:
// benefits advice (refused for bad input without writing anything, then recorded and
// shown on the record and timeline), the missing-advice warning on a job start and
// beside the job, the better-off-in-work calculator (validation and figures checked by
// hand), the admin's benefit rates (admins only; a new April's row is used from its
// date), the CV (draft, edit, save, print without NHS chrome or clinical detail),
// permissions, another site's staff kept out, and the audit entries it all leaves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, signedIn, referralFields, daysAgo, ipsdesk, sqlOn } from './lib.mjs';

let srv, es, pid, rid;

function sql(q) {
  return sqlOn(srv.db)(q);
}

function dateFields(name, d) {
  return { [`${name}-day`]: d.day, [`${name}-month`]: d.month, [`${name}-year`]: d.year };
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
  assert.equal((await leader.post(`/referrals/${rid}/allocate`, { [`specialist-${rid}`]: specialist })).status, 303);
  es = await signedIn(srv.base, 'specialist');
});
after(async () => { await srv.stop(); });

function jobFields(over = {}) {
  return {
    referral_id: rid, employer_id: '', title: 'Baker', job_type: '5432', ...dateFields('started_on', daysAgo(5)),
    hours_per_week: '16', hourly_wage: '12.71', competitive: 'yes', ...over,
  };
}

test('a job started with no benefits advice before it is flagged, on saving and on the record', async () => {
  await es.get(`/people/${pid}/jobs/new`);
  const job = await es.post(`/people/${pid}/jobs`, jobFields());
  assert.equal(job.status, 200, job.body.slice(0, 400));
  assert.match(job.body, /Job start saved: check this/);
  assert.match(job.body, /No benefits advice recorded before this job started/);
  assert.equal(sql('SELECT count(*) FROM job'), '1', 'a warning never stops the save');
  const rec = await es.get(`/people/${pid}`);
  assert.match(rec.body, /<h2>Benefits advice<\/h2>/);
  assert.match(rec.body, /No benefits advice recorded yet/);
  assert.match(rec.body, /Baker[\s\S]*No benefits advice recorded before this job started/);
});

test('benefits advice with mistakes is refused beside each field and writes nothing; then recorded', async () => {
  const form = await es.get(`/people/${pid}/benefits-advice/new`);
  assert.equal(form.status, 200);
  assert.match(form.body, /<label class="nhsuk-label" for="covered">What the advice covered<\/label>/);
  const audits = sql('SELECT count(*) FROM audit');
  const events = sql('SELECT count(*) FROM client_event');
  const cases = [
    [{ covered: '' }, 'covered', /Enter what the advice covered/],
    [{ covered: '   ' }, 'covered', /Enter what the advice covered/],
    [{ ...dateFields('date', { day: '31', month: '2', year: '2026' }) }, 'date', /must be a real date/],
    [{ ...dateFields('date', { day: '', month: '', year: '' }) }, 'date', /Enter the date the advice was given/],
    [{ ...dateFields('date', daysAgo(-3)) }, 'date', /must be today or in the past/],
    [{ follow_up: 'x'.repeat(2001) }, 'follow_up', /./],
  ];
  const good = { ...dateFields('date', daysAgo(6)), covered: 'How Universal Credit changes with earnings; the work allowance',
    follow_up: 'Better-off calculation with the work coach' };
  for (const [over, field, message] of cases) {
    const r = await es.post(`/people/${pid}/benefits-advice`, { ...good, ...over });
    assert.equal(r.status, 422, `${field}: ${JSON.stringify(over).slice(0, 80)}`);
    assert.match(r.body, new RegExp(`href="#${field}"`), field);
    assert.match(r.body, message, field);
    assert.match(r.body, new RegExp(`id="${field}-error"`), `${field}: the message is beside the field`);
  }
  assert.equal(sql('SELECT count(*) FROM benefits_advice'), '0');
  assert.equal(sql('SELECT count(*) FROM client_event'), events);
  assert.equal(sql("SELECT count(*) FROM audit WHERE action = 'benefits_advice.create'"), '0');
  assert.ok(Number(sql('SELECT count(*) FROM audit')) >= Number(audits));

  // dated the day before the job started: the job no longer shows advice as missing
  const ok = await es.post(`/people/${pid}/benefits-advice`, good);
  assert.equal(ok.status, 303, ok.body.slice(0, 400));
  assert.equal(ok.location, `/people/${pid}`);
  assert.equal(sql('SELECT date FROM benefits_advice'), daysAgo(6).iso);
  assert.equal(sql("SELECT s.code = f.code FROM benefits_advice b JOIN staff s ON s.id = b.staff_id, account a "
    + "JOIN staff f ON f.id = a.staff_id WHERE a.username = 'specialist'"), '1');
  const rec = await es.get(`/people/${pid}`);
  assert.match(rec.body, /How Universal Credit changes with earnings; the work allowance/);
  assert.match(rec.body, /Better-off calculation with the work coach/);
  assert.match(rec.body, /Benefits advice: How Universal Credit changes with earnings/, 'in the timeline');
  assert.doesNotMatch(rec.body, /No benefits advice recorded before this job started/);
  assert.equal(sql("SELECT entity || '|' || entity_id || '|' || fields FROM audit WHERE action = 'benefits_advice.create'"),
    `client|${pid}|date,covered,follow_up`);

  // a second job after the advice: no warning, so straight back to the record
  const second = await es.post(`/people/${pid}/jobs`, jobFields({ title: 'Packer', ...dateFields('started_on', daysAgo(1)) }));
  assert.doesNotMatch(second.body, /No benefits advice recorded/);
  // a clinician reads the advice but has no form
  const clin = await signedIn(srv.base, 'clinician');
  const seen = await clin.get(`/people/${pid}`);
  assert.match(seen.body, /How Universal Credit changes with earnings/);
  assert.doesNotMatch(seen.body, /Record benefits advice/);
  assert.equal((await clin.get(`/people/${pid}/benefits-advice/new`)).status, 403);
});

// the figures are posted (with the CSRF token), never put in the address
const calc = (q) => es.post(`/people/${pid}/better-off`, q);

test('the calculator form is prefilled from the newest job and names its rates', async () => {
  const r = await es.get(`/people/${pid}/better-off`);
  assert.equal(r.status, 200);
  assert.match(r.body, /<form method="post" action="\/people\/\d+\/better-off" novalidate>/);
  assert.match(r.body, /id="hourly_pay" name="hourly_pay" type="text" value="12.71"/);
  assert.match(r.body, /Rates from 6 April 2025\. Source: GOV\.UK &quot;Benefit and pension rates 2025 to 2026&quot;/);
  // the seeded rates started more than a year before today (2026-11 or later)
  if (new Date().toISOString().slice(0, 10) > '2026-04-06') assert.match(r.body, /These rates may be out of date/);
  assert.ok(Number(sql(`SELECT count(*) FROM views WHERE action = 'betteroff.view' AND entity_id = ${pid}`)) >= 1,
    'reading the person\'s name is audited');
});

test('the calculator refuses bad input beside each field, and writes nothing but the read', async () => {
  const before = sql("SELECT count(*) FROM audit WHERE action <> 'betteroff.view'");
  const cases = [
    [{ hourly_pay: '', hours: '16', on_esa: 'no' }, 'hourly_pay', /Enter the hourly pay/],
    [{ hourly_pay: 'abc', hours: '16', on_esa: 'no' }, 'hourly_pay', /in pounds and pence/],
    [{ hourly_pay: '0', hours: '16', on_esa: 'no' }, 'hourly_pay', /more than £0/],
    [{ hourly_pay: '12.21', hours: '0', on_esa: 'no' }, 'hours', /more than 0 and no more than 80/],
    [{ hourly_pay: '12.21', hours: '16.555', on_esa: 'no' }, 'hours', /as a number/],
    [{ hourly_pay: '12.21', hours: '16', uc_award: '800', on_esa: 'no' }, 'housing_costs', /housing costs/],
    [{ hourly_pay: '12.21', hours: '16', uc_award: '800', housing_costs: 'yes', on_esa: 'no' }, 'work_allowance', /a child or limited capability/],
    [{ hourly_pay: '12.21', hours: '16' }, 'on_esa', /Employment and Support Allowance/],
    [{ hourly_pay: '12.21', hours: '16', on_esa: 'yes' }, 'esa_weekly', /Enter the ESA a week/],
  ];
  for (const [q, field, message] of cases) {
    const r = await calc(q);
    assert.equal(r.status, 422, `${field}: ${JSON.stringify(q)}`);
    assert.match(r.body, new RegExp(`href="#${field}"`), field);
    assert.match(r.body, message, field);
    assert.match(r.body, new RegExp(`id="${field}-error"`), `${field}: beside the field`);
    assert.doesNotMatch(r.body, /Better off by/);
  }
  assert.equal(sql("SELECT count(*) FROM audit WHERE action <> 'betteroff.view'"), before);
});

test('the calculator shows every step with figures checked by hand, printable from its address', async () => {
  // £11.44 × 16 h, UC £800 with housing costs and a work allowance (£411):
  // pay 11.44 × 16 × 52 / 12 = 793.17; no tax or NI (below 1,047.50);
  // reduction 55% × (793.17 − 411.00) = 210.19; UC 800.00 − 210.19 = 589.81;
  // in work 793.17 + 589.81 = 1,382.98; better off 1,382.98 − 800.00 = 582.98
  const r = await calc({ hourly_pay: '11.44', hours: '16', uc_award: '800', housing_costs: 'yes', work_allowance: 'yes', on_esa: 'no' });
  assert.equal(r.status, 200, r.body.slice(0, 300));
  assert.match(r.body, /Better off by £582\.98 a month/);
  assert.match(r.body, /£11\.44 an hour × 16 hours a week × 52 weeks ÷ 12 months = £793\.17/);
  assert.match(r.body, /55% taper × \(£793\.17 take-home pay − £411\.00 work allowance\) = £210\.19/);
  assert.match(r.body, /£800\.00 award − £210\.19 reduction = £589\.81/);
  assert.match(r.body, /Income out of work: £800\.00 a month\. Income in work: £1,382\.98 a month\./);
  assert.match(r.body, /Rates from 6 April 2025/);
  assert.match(r.body, /data-ips-print hidden>Print this summary/);
  assert.match(r.body, /class="ips-no-print"/);

  // ESA at exactly 16 hours stops; £11.00 × 16 = £176.00 a week is within the pay limit
  // pay 11.00 × 16 × 52 / 12 = 762.67; ESA 100.00 × 52 / 12 = 433.33; 762.67 − 433.33 = 329.34
  const esa = await calc({ hourly_pay: '11', hours: '16', uc_award: '', on_esa: 'yes', esa_weekly: '100' });
  assert.equal(esa.status, 200);
  assert.match(esa.body, /ESA would stop: 16 hours a week is not under the 16-hour limit for permitted work/);
  assert.match(esa.body, /Better off by £329\.34 a month/);
  // £19.55 × 10 h = £195.50 a week: exactly the limit, so ESA is kept
  const kept = await calc({ hourly_pay: '19.55', hours: '10', on_esa: 'yes', esa_weekly: '100' });
  assert.match(kept.body, /ESA is kept as permitted work: 10 hours a week is under 16, and pay of £195\.50 a week is within the £195\.50 limit/);
  assert.equal(sql('SELECT count(*) FROM benefits_advice'), '1', 'calculating changes nothing');
});

test('benefit rates are for admins; a new year\'s row is validated, kept beside the old and used from its date', async () => {
  assert.equal((await es.get('/admin/benefit-rates')).status, 403);
  const admin = await signedIn(srv.base, 'admin');
  const page = await admin.get('/admin/benefit-rates');
  assert.equal(page.status, 200);
  assert.match(page.body, /Benefit rates<\/h1>/);
  assert.match(page.body, /Taper 55%; work allowance £411\.00 a month with housing costs, £684\.00 without/);
  assert.match(page.body, /Under 16 hours and up to £195\.50 a week/);
  assert.match(page.body, /Rates and thresholds for employers 2025 to 2026/);
  assert.match(page.body, /id="uc_wa_housing" name="uc_wa_housing" type="text" value="411.00"/, 'starts from the newest row');
  if (new Date().toISOString().slice(0, 10) > '2026-04-06') assert.match(page.body, /The newest rates are more than a year old/);

  const good = {
    'applies_from-day': '6', 'applies_from-month': '4', 'applies_from-year': '2026',
    source: 'GOV.UK "Benefit and pension rates 2026 to 2027"', uc_taper: '55', uc_wa_housing: '420', uc_wa_no_housing: '700',
    esa_weekly_limit: '200', esa_hours_limit: '16', tax_allowance: '12,570', tax_rate: '20', ni_threshold: '12570', ni_rate: '8',
  };
  const bad = await admin.post('/admin/benefit-rates', { ...good, uc_taper: '155', source: '', esa_hours_limit: 'x',
    'applies_from-day': '31', 'applies_from-month': '2' });
  assert.equal(bad.status, 422);
  for (const f of ['uc_taper', 'source', 'esa_hours_limit', 'applies_from']) assert.match(bad.body, new RegExp(`href="#${f}"`), f);
  assert.match(bad.body, /as a percentage from 0 to 100/);
  const dup = await admin.post('/admin/benefit-rates', { ...good, 'applies_from-year': '2025' });
  assert.equal(dup.status, 422);
  assert.match(dup.body, /Rates already start on this date/);
  assert.equal(sql('SELECT count(*) FROM benefit_rates'), '1');

  const ok = await admin.post('/admin/benefit-rates', good);
  assert.equal(ok.status, 303, ok.body.slice(0, 400));
  assert.equal(sql("SELECT uc_wa_housing_monthly || ' ' || esa_pw_weekly_limit || ' ' || tax_personal_allowance FROM benefit_rates WHERE applies_from = '2026-04-06'"),
    '42000 20000 1257000');
  assert.equal(sql('SELECT count(*) FROM benefit_rates'), '2', 'the old row is kept');
  assert.equal(sql("SELECT entity || '|' || fields FROM audit WHERE action = 'benefit_rates.create'").split('|')[0], 'benefit_rates');
  const after = await admin.get('/admin/benefit-rates');
  assert.doesNotMatch(after.body, /more than a year old/);

  // today is after 6 April 2026: the new row is the one in force
  // £11.44 × 16 h: 793.17; 55% × (793.17 − 420.00) = 205.2435 -> 205.24; 800 − 205.24 = 594.76; better off 793.17 + 594.76 − 800 = 587.93
  const r = await calc({ hourly_pay: '11.44', hours: '16', uc_award: '800', housing_costs: 'yes', work_allowance: 'yes', on_esa: 'no' });
  assert.match(r.body, /Rates from 6 April 2026/);
  assert.match(r.body, /Better off by £587\.93 a month/);
  assert.doesNotMatch(r.body, /These rates may be out of date/);
});

test('the CV: a draft from the profile and jobs, edited, saved, and printed for employers', async () => {
  await es.get(`/people/${pid}/profile`);
  const prof = await es.post(`/people/${pid}/profile`, {
    strengths: 'Reliable and good with customers', career_goals: 'To work in a bakery and train as a baker',
    support_needs: 'Needs a quiet space at breaks', job_types: 'Baking, food retail', disclosure: 'no',
  });
  assert.ok(prof.status === 303 || prof.status === 200, prof.body.slice(0, 300));
  const form = await es.get(`/people/${pid}/cv`);
  assert.equal(form.status, 200);
  assert.match(form.body, /This draft was made from the vocational profile/);
  assert.match(form.body, /Reliable and good with customers/);
  assert.match(form.body, /To work in a bakery and train as a baker/);
  assert.match(form.body, /Baker\n\w+ \d{4} to now, 16 hours a week/);
  assert.doesNotMatch(form.body, /Needs a quiet space/, 'support needs stay out of a CV');

  const none = await es.post(`/people/${pid}/cv`, { statement: '', skills: '', work_history: '', education: '', interests: '' });
  assert.equal(none.status, 422);
  assert.match(none.body, /href="#statement">Write at least a personal statement/);
  const ctl = await es.post(`/people/${pid}/cv`, { statement: 'Hello\u0001', skills: 'x' });
  assert.equal(ctl.status, 422);
  assert.match(ctl.body, /id="statement-error"/);
  assert.equal(sql('SELECT count(*) FROM cv'), '0');

  const saved = await es.post(`/people/${pid}/cv`, {
    statement: 'I am a reliable person who loves baking.', skills: 'Customer service\nFood hygiene',
    work_history: 'Baker, Riverside Bakery\nNovember 2026 to now\n\nVolunteer, food bank\n2024 to 2025',
    education: 'Food hygiene level 2', interests: 'Cooking', references_note: 'References are available on request.',
  });
  assert.equal(saved.status, 303, saved.body.slice(0, 300));
  assert.equal(saved.location, `/people/${pid}/cv/print`);
  assert.equal(sql('SELECT statement FROM cv'), 'I am a reliable person who loves baking.');
  assert.equal(sql("SELECT fields FROM audit WHERE action = 'cv.update'"), 'statement,skills,work_history,education,interests,references_note');
  const print = await es.get(saved.location);
  assert.equal(print.status, 200);
  assert.match(print.body, /<h1>Amara Okafor<\/h1>/);
  assert.match(print.body, /07700 900123/);
  assert.match(print.body, /<p>Baker, Riverside Bakery<br>November 2026 to now<\/p><p>Volunteer, food bank<br>2024 to 2025<\/p>/);
  assert.doesNotMatch(print.body, /nhsuk-header|nhsuk-footer|<nav/, 'no NHS chrome');
  assert.doesNotMatch(print.body, /943 476 5919|9434765919|Needs a quiet space|1990/, 'no NHS number, clinical detail or date of birth');
  assert.ok(Number(sql(`SELECT count(*) FROM views WHERE action = 'cv.print' AND entity_id = ${pid}`)) >= 1);
  const again = await es.get(`/people/${pid}/cv`);
  assert.match(again.body, /Last saved/);
  assert.match(again.body, /I am a reliable person who loves baking\./);
  // saving it unchanged writes nothing
  const n = sql("SELECT count(*) FROM audit WHERE action = 'cv.update'");
  await es.post(`/people/${pid}/cv`, {
    statement: 'I am a reliable person who loves baking.', skills: 'Customer service\nFood hygiene',
    work_history: 'Baker, Riverside Bakery\nNovember 2026 to now\n\nVolunteer, food bank\n2024 to 2025',
    education: 'Food hygiene level 2', interests: 'Cooking', references_note: 'References are available on request.',
  });
  assert.equal(sql("SELECT count(*) FROM audit WHERE action = 'cv.update'"), n);
});

test('another site\'s specialist gets 404 everywhere; other roles are refused', async () => {
  const other = await signedIn(srv.base, 'otherspecialist');
  for (const path of ['/benefits-advice/new', '/better-off', '/better-off?hourly_pay=12&hours=16&on_esa=no', '/cv', '/cv/print'])
    assert.equal((await other.get(`/people/${pid}${path}`)).status, 404, path);
  await other.get('/people');
  assert.equal((await other.post(`/people/${pid}/benefits-advice`, { ...dateFields('date', daysAgo(1)), covered: 'x' })).status, 404);
  assert.equal((await other.post(`/people/${pid}/cv`, { statement: 'x' })).status, 404);
  assert.equal((await other.post(`/people/${pid}/better-off`, { hourly_pay: '12', hours: '16', on_esa: 'no' })).status, 404);
  // the figures in the address are not read: the empty form, nothing worked out
  const addr = await es.get(`/people/${pid}/better-off?hourly_pay=12&hours=16&on_esa=no`);
  assert.equal(addr.status, 200);
  assert.doesNotMatch(addr.body, /Better off by|Worse off by/);
  assert.equal(sql('SELECT count(*) FROM benefits_advice'), '1');
  const clin = await signedIn(srv.base, 'clinician');
  for (const path of ['/better-off', '/cv', '/cv/print']) assert.equal((await clin.get(`/people/${pid}${path}`)).status, 403, path);
  const admin = await signedIn(srv.base, 'admin');
  assert.equal((await admin.get(`/people/${pid}/better-off`)).status, 403);
  const leader = await signedIn(srv.base, 'leader');
  assert.equal((await leader.get(`/people/${pid}/cv/print`)).status, 200, 'a team leader of the site may');
  assert.equal((await leader.get('/admin/benefit-rates')).status, 403);
});

test('the audit chain still verifies', async () => {
  assert.match(ipsdesk(['audit', 'verify', '--db', srv.db]), /ok|verified/i);
});
