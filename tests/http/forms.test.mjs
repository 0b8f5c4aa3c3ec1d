// tests/http/forms.test.mjs — one set of validation rules, three front doors
// (spec/interchange.md): for a field the CSV carries, a web form refuses exactly what
// an import refuses (not a real date, a bad NHS number check digit, a code not in the
// list) and saves anything else, warning about what looks wrong (a date in the future,
// a birth date before 1900, a postcode of no standard shape, a very long name). Fields
// the CSV does not carry (phone, email, consent) may still be refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, referralFields, daysAgo, Client } from './lib.mjs';
import { execFileSync } from 'node:child_process';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const sql = (q) => execFileSync('sqlite3', [srv.db, q], { encoding: 'utf8' }).trim();
const nextYear = String(new Date().getUTCFullYear() + 1);

// The error message shown beside a field (the span the NHS design system puts above
// the input), or null.
function errorBeside(body, field) {
  const m = body.match(new RegExp(`id="${field}-error"><span class="nhsuk-u-visually-hidden">Error:</span> ([^<]*)</span>`));
  return m ? m[1] : null;
}

// Refers someone new (every name distinct, so no duplicate warning), returning the
// page and the person's id from its link to the record.
async function refer(who, over) {
  const c = await signedIn(srv.base, who);
  await c.get('/referrals/new');
  const r = await c.post('/referrals', referralFields({ nhs_number: '', ...over }));
  const m = r.body.match(/href="\/people\/(\d+)"/);
  return { r, c, pid: m ? m[1] : null };
}

test('a future date of birth is saved, with a warning after saving', async () => {
  const before = sql('SELECT count(*) FROM client');
  const { r, pid } = await refer('clinician', {
    given_name: 'Future', family_name: 'Birth', 'birth_date-day': '1', 'birth_date-month': '2', 'birth_date-year': nextYear,
  });
  assert.equal(r.status, 200, r.body.slice(0, 500));
  assert.match(r.body, /Referral sent/);
  assert.match(r.body, /The date of birth is in the future: check it is right/);
  assert.equal(sql('SELECT count(*) FROM client'), String(Number(before) + 1));
  assert.equal(sql("SELECT birth_date FROM client WHERE given_name = 'Future'"), `${nextYear}-02-01`);
  // the page links to the person's record, and that is the person just referred
  assert.equal(sql("SELECT id FROM client WHERE given_name = 'Future'"), pid);
  assert.match(r.body, /Go to the record of Future Birth/);
});

test('a date that is not real is refused beside the field, and nothing is written', async () => {
  const before = sql('SELECT count(*) FROM client') + '/' + sql('SELECT count(*) FROM referral');
  const { r } = await refer('clinician', {
    given_name: 'Notreal', family_name: 'Date', 'birth_date-day': '30', 'birth_date-month': '2', 'birth_date-year': '1990',
  });
  assert.equal(r.status, 422);
  assert.match(r.body, /There is a problem/);
  assert.equal(errorBeside(r.body, 'birth_date'), 'Date of birth must be a real date');
  assert.match(r.body, /href="#birth_date"/, 'the error summary links to the field');
  assert.equal(sql('SELECT count(*) FROM client') + '/' + sql('SELECT count(*) FROM referral'), before);
  const audit = sql("SELECT count(*) FROM audit WHERE action = 'client.create'");
  const { r: r2 } = await refer('clinician', { given_name: 'Letters', 'birth_date-day': 'x' });
  assert.equal(r2.status, 422);
  assert.equal(errorBeside(r2.body, 'birth_date'), 'Date of birth must be a real date');
  assert.equal(sql("SELECT count(*) FROM audit WHERE action = 'client.create'"), audit, 'no audit entry either');
});

test('what the CSV accepts the form saves: old birth dates, odd postcodes, long names', async () => {
  const long = 'Wolfeschlegelsteinhausenbergerdorff'.repeat(4);   // 140 characters
  const { r, pid } = await refer('clinician', {
    given_name: 'Oldest', family_name: long, 'birth_date-day': '31', 'birth_date-month': '12', 'birth_date-year': '1899',
    postcode: 'BFPO 105',
  });
  assert.equal(r.status, 200, r.body.slice(0, 500));
  assert.match(r.body, /The date of birth is before 1900: check it is right/);
  assert.match(r.body, /The postcode does not look like a UK postcode/);
  assert.match(r.body, /The last name is unusually long: check it is right/);
  assert.equal(sql(`SELECT birth_date || '|' || postcode || '|' || length(family_name) FROM client WHERE id = ${pid}`),
    '1899-12-31|BFPO 105|140');
  // a postcode of a standard shape is still tidied
  const { pid: p2 } = await refer('clinician', { given_name: 'Tidy', postcode: 'ls14ap' });
  assert.equal(sql(`SELECT postcode FROM client WHERE id = ${p2}`), 'LS1 4AP');
});

test('a referral received on a future date is saved with a warning', async () => {
  const { r, pid } = await refer('leader', {
    given_name: 'Later', family_name: 'Received', 'received_on-day': '3', 'received_on-month': '3', 'received_on-year': nextYear,
    team: sql("SELECT id FROM team WHERE code = 'T1'"),
  });
  assert.equal(r.status, 200, r.body.slice(0, 500));
  assert.match(r.body, /The date the referral was received is in the future: check it is right/);
  assert.equal(sql(`SELECT received_on FROM referral WHERE client_id = ${pid}`), `${nextYear}-03-03`);
});

test('what the CSV refuses the form refuses: check digit, codes, a missing date', async () => {
  const before = sql('SELECT count(*) FROM client');
  const { r } = await refer('clinician', {
    given_name: 'Refused', nhs_number: '943 476 5918', gender: '9', ethnic_category: 'a',
    employment_status: '09', source: 'friend', 'received_on-day': '', 'received_on-month': '', 'received_on-year': '',
  });
  assert.equal(r.status, 422);
  assert.match(errorBeside(r.body, 'nhs_number'), /not a valid NHS number/);
  assert.equal(errorBeside(r.body, 'gender'), 'Choose a gender from the list');
  assert.equal(errorBeside(r.body, 'ethnic_category'), 'Choose an ethnic group from the list');
  assert.equal(errorBeside(r.body, 'employment_status'), 'Choose an employment status from the list');
  assert.match(errorBeside(r.body, 'source'), /Choose who made the referral/);
  assert.equal(errorBeside(r.body, 'received_on'), 'Enter the date the referral was received');
  assert.equal(sql('SELECT count(*) FROM client'), before);
});

test('fields the CSV does not carry may still be refused: phone, email, consent', async () => {
  const before = sql('SELECT count(*) FROM client');
  const { r } = await refer('clinician', { given_name: 'Webonly', phone: '12', email: 'nobody', consent: '' });
  assert.equal(r.status, 422);
  assert.ok(errorBeside(r.body, 'phone'));
  assert.ok(errorBeside(r.body, 'email'));
  assert.match(errorBeside(r.body, 'consent'), /agrees to this referral/);
  assert.equal(sql('SELECT count(*) FROM client'), before);
});

test('a contact dated in the future is saved with a warning; the timeline reads naturally', async () => {
  const { pid } = await refer('clinician', { given_name: 'Contact', family_name: 'Later' });
  const es = await signedIn(srv.base, 'specialist');
  await es.get(`/people/${pid}/contacts/new`);
  const r = await es.post(`/people/${pid}/contacts`, {
    'date-day': '4', 'date-month': '4', 'date-year': nextYear, with: 'clinical_team', mode: 'phone',
    minutes: '0030', attended: 'yes',
  });
  assert.equal(r.status, 200, r.body.slice(0, 500));
  assert.match(r.body, /Contact saved/);
  assert.match(r.body, /The date of the contact is in the future: check it is right/);
  assert.match(r.body, new RegExp(`href="/people/${pid}"`));
  assert.equal(sql(`SELECT date || '|' || minutes FROM contact c JOIN referral r ON r.id = c.referral_id WHERE r.client_id = ${pid}`),
    `${nextYear}-04-04|30`);

  const day = daysAgo(1);
  await es.get(`/people/${pid}/contacts/new`);
  const fam = await es.post(`/people/${pid}/contacts`, {
    'date-day': day.day, 'date-month': day.month, 'date-year': day.year, with: 'family', mode: 'face_to_face',
    place: 'community', attended: 'no',
  });
  assert.equal(fam.status, 303, 'no warnings: straight back to the record');
  const rec = await es.get(`/people/${pid}`);
  assert.match(rec.body, /Phone call with the clinical team/);
  assert.match(rec.body, /Face-to-face meeting with the person(&#39;|&#x27;|')s family or carer, in the community: did not take place/);
  assert.doesNotMatch(rec.body, /with The clinical team|with Family or carer/);
  assert.match(rec.body, /Referral received from a mental health professional/);

  const bad = await es.post(`/people/${pid}/contacts`, {
    'date-day': '31', 'date-month': '4', 'date-year': day.year, with: 'client', mode: 'phone', attended: 'yes',
  });
  assert.equal(bad.status, 422);
  assert.equal(errorBeside(bad.body, 'date'), 'The date of the contact must be a real date');
});

test('changing a person\'s details: a future birth date saves with a warning, a bad one is refused', async () => {
  const { pid } = await refer('clinician', { given_name: 'Edit', family_name: 'Me' });
  const es = await signedIn(srv.base, 'specialist');
  const form = { given_name: 'Edit', family_name: 'Me', 'birth_date-day': '5', 'birth_date-month': '6',
                 'birth_date-year': nextYear, phone: '07700 900123', postcode: 'LS1 4AP' };
  await es.get(`/people/${pid}/edit`);
  const r = await es.post(`/people/${pid}/edit`, form);
  assert.equal(r.status, 200, r.body.slice(0, 500));
  assert.match(r.body, /Details saved/);
  assert.match(r.body, /The date of birth is in the future: check it is right/);
  assert.equal(sql(`SELECT birth_date FROM client WHERE id = ${pid}`), `${nextYear}-06-05`);

  await es.get(`/people/${pid}/edit`);
  const bad = await es.post(`/people/${pid}/edit`, { ...form, 'birth_date-month': '13', family_name: 'Changed' });
  assert.equal(bad.status, 422);
  assert.equal(errorBeside(bad.body, 'birth_date'), 'Date of birth must be a real date');
  assert.equal(sql(`SELECT family_name FROM client WHERE id = ${pid}`), 'Me', 'nothing written');
});

test('a self-referral with a future birth date is sent, and the person is told to check it', async () => {
  const c = new Client(srv.base);
  await c.get('/refer');
  const r = await c.post('/refer', {
    site: 'S1', given_name: 'Public', family_name: 'Future', 'birth_date-day': '1', 'birth_date-month': '1',
    'birth_date-year': nextYear, phone: '07700 900456', email: '', postcode: '', nhs_number: '', reason: '',
    consent: 'yes', website: '',
  });
  assert.equal(r.status, 200, r.body.slice(0, 500));
  assert.match(r.body, /Referral sent/);
  assert.match(r.body, /The date of birth is in the future: check it is right/);
  assert.doesNotMatch(r.body, /duplicate/i);
  assert.equal(sql("SELECT count(*) FROM client WHERE given_name = 'Public'"), '1');
});
