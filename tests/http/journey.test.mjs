// tests/http/journey.test.mjs — the foundation journey over real HTTP: a clinician
// refers, the team leader allocates, the specialist records a contact and sees the
// person on the caseload; bad input writes nothing; the audit log records it all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, referralFields, ipsdeskStatus, daysAgo, Client, sqlOn } from './lib.mjs';
import { execFileSync } from 'node:child_process';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

function sql(q) {
  return sqlOn(srv.db)(q);
}

test('referral, allocation, contact and caseload end to end', async () => {
  const clinician = await signedIn(srv.base, 'clinician');
  await clinician.get('/referrals/new');
  const made = await clinician.post('/referrals', referralFields());
  assert.equal(made.status, 200, made.body.slice(0, 500));
  assert.match(made.body, /Referral sent/);

  const leader = await signedIn(srv.base, 'leader');
  const inbox = await leader.get('/referrals');
  assert.equal(inbox.status, 200);
  assert.match(inbox.body, /Amara/);
  assert.match(inbox.body, /10 days/);
  const rid = inbox.body.match(/\/referrals\/(\d+)\/allocate/)[1];
  const specialistId = sql("SELECT f.id FROM staff f JOIN account a ON a.staff_id = f.id WHERE a.username = 'specialist'");

  const bad = await leader.post(`/referrals/${rid}/allocate`, { [`specialist-${rid}`]: '' });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /Choose an employment specialist/);

  const alloc = await leader.post(`/referrals/${rid}/allocate`, { [`specialist-${rid}`]: specialistId });
  assert.equal(alloc.status, 303);
  const after1 = await leader.get('/referrals');
  assert.doesNotMatch(after1.body, /Amara/);

  const es = await signedIn(srv.base, 'specialist');
  const cl = await es.get('/caseload');
  assert.match(cl.body, /Amara Okafor/);
  assert.match(cl.body, /Allocated, not yet met/);
  const pid = cl.body.match(/\/people\/(\d+)/)[1];

  const form = await es.get(`/people/${pid}/contacts/new`);
  assert.equal(form.status, 200);
  const day = daysAgo(2);
  const noMode = await es.post(`/people/${pid}/contacts`, {
    'date-day': day.day, 'date-month': day.month, 'date-year': day.year, with: 'client', attended: 'yes',
  });
  assert.equal(noMode.status, 422);
  assert.match(noMode.body, /Choose how the contact happened/);
  assert.equal(sql('SELECT count(*) FROM contact'), '0', 'a refused contact writes nothing');

  const ok = await es.post(`/people/${pid}/contacts`, {
    'date-day': day.day, 'date-month': day.month, 'date-year': day.year, with: 'client',
    mode: 'face_to_face', place: 'community', minutes: '45', attended: 'yes', note: 'First meeting at the library',
  });
  assert.equal(ok.status, 303, ok.body.slice(0, 400));
  const cl2 = await es.get('/caseload');
  assert.match(cl2.body, /Engaged/);
  const rec = await es.get(`/people/${pid}`);
  assert.match(rec.body, /First meeting at the library/);
  assert.match(rec.body, /943 476 5919/);
  assert.match(rec.body, /Allocated to Test specialist/);

  // every step left its audit entry, naming fields and never values
  const actions = sql("SELECT group_concat(action, ' ') FROM (SELECT action FROM audit_all ORDER BY at)");
  for (const a of ['client.create', 'referral.create', 'referral.allocate', 'contact.create', 'client.view'])
    assert.ok(actions.includes(a), `audit has ${a}: ${actions}`);
  assert.equal(sql("SELECT count(*) FROM audit_all WHERE fields LIKE '%Okafor%' OR fields LIKE '%library%'"), '0');
  const v = ipsdeskStatus(['audit', 'verify', '--db', srv.db]);
  assert.equal(v.status, 0, v.out);
  assert.match(v.out, /audit chain ok/);
});

test('a referral form with mistakes is shown again with every error and writes nothing', async () => {
  const clinician = await signedIn(srv.base, 'clinician');
  await clinician.get('/referrals/new');
  const before = sql('SELECT count(*) FROM referral');
  const r = await clinician.post('/referrals', referralFields({
    given_name: '', nhs_number: '943 476 5918', 'birth_date-month': '13', email: 'not-an-email', consent: '',
  }));
  assert.equal(r.status, 422);
  assert.match(r.body, /There is a problem/);
  assert.match(r.body, /href="#given_name"/);
  assert.match(r.body, /not a valid NHS number/);
  assert.match(r.body, /Date of birth must be a real date/);
  assert.match(r.body, /email/i);
  assert.match(r.body, /agrees to this referral/);
  assert.match(r.body, /value="Okafor"/, 'what was typed is kept');
  assert.equal(sql('SELECT count(*) FROM referral'), before);
});

test('a referral with the same NHS number is flagged as a possible duplicate', async () => {
  const clinician = await signedIn(srv.base, 'clinician');
  await clinician.get('/referrals/new');
  const r = await clinician.post('/referrals', referralFields({ given_name: 'Amy', family_name: 'Other' }));
  assert.equal(r.status, 200);
  assert.match(r.body, /possible duplicate/);
  assert.equal(sql("SELECT possible_duplicate FROM referral r JOIN client c ON c.id = r.client_id WHERE c.given_name = 'Amy'"), '1');
});

test('closing a referral needs one of the reasons; there is no "unsuitable"', async () => {
  const es = await signedIn(srv.base, 'specialist');
  const cl = await es.get('/caseload');
  const pid = cl.body.match(/\/people\/(\d+)/)[1];
  const page = await es.get(`/people/${pid}`);
  const action = page.body.match(/action="(\/people\/\d+\/referrals\/\d+\/close)"/)[1];
  assert.doesNotMatch(page.body, /unsuitable/i);
  const t = daysAgo(0);
  const bad = await es.post(action, { close_reason: 'unsuitable', 'closed_on-day': t.day, 'closed_on-month': t.month, 'closed_on-year': t.year });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /Choose why the referral is closing/);
  assert.equal(sql(`SELECT count(*) FROM referral WHERE closed_on IS NOT NULL`), '0');
});

test('a specialist of another site cannot see the person (404, not a hint)', async () => {
  const es = await signedIn(srv.base, 'specialist');
  const cl = await es.get('/caseload');
  const pid = cl.body.match(/\/people\/(\d+)/)[1];
  const other = await signedIn(srv.base, 'otherspecialist');
  const r = await other.get(`/people/${pid}`);
  assert.equal(r.status, 404);
  const otherClin = await signedIn(srv.base, 'otherclinician');   // same site, other team
  assert.equal((await otherClin.get(`/people/${pid}`)).status, 404);
  const clin = await signedIn(srv.base, 'clinician');              // the referring team
  const seen = await clin.get(`/people/${pid}`);
  assert.equal(seen.status, 200);
  assert.doesNotMatch(seen.body, /Record a contact/, 'a clinician reads but does not record');
});

test('the team leader hands a whole caseload to another specialist with a note', async () => {
  const leader = await signedIn(srv.base, 'leader');
  const from = sql("SELECT f.id FROM staff f JOIN account a ON a.staff_id = f.id WHERE a.username = 'specialist'");
  const to = sql("SELECT f.id FROM staff f JOIN account a ON a.staff_id = f.id WHERE a.username = 'specialist2'");
  const page = await leader.get(`/caseload/${from}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /Hand over this caseload/);
  const noNote = await leader.post(`/caseload/${from}/handover`, { to, note: '' });
  assert.equal(noNote.status, 422);
  assert.match(noNote.body, /Enter a handover note/);
  const ok = await leader.post(`/caseload/${from}/handover`, { to, note: 'Leaving for a new role' });
  assert.equal(ok.status, 303);
  assert.equal(sql(`SELECT count(*) FROM referral WHERE specialist_id = ${from} AND closed_on IS NULL`), '0');
  const es2 = await signedIn(srv.base, 'specialist2');
  assert.match((await es2.get('/caseload')).body, /Amara Okafor/);
});

test('a caseload over the limit for a half-time specialist is highlighted', async () => {
  const leader = await signedIn(srv.base, 'leader');
  const page = await leader.get('/caseload');
  assert.match(page.body, /Test halftime/);
  const row = page.body.split('Test halftime')[1].split('</tr>')[0];
  assert.match(row, />10</, 'limit of 10 for 0.5 FTE');
});

test('the auditor searches the log but sees no person', async () => {
  const aud = await signedIn(srv.base, 'auditor');
  const r = await aud.get('/audit?action=client.view');
  assert.equal(r.status, 200);
  assert.match(r.body, /client\.view/);
  assert.doesNotMatch(r.body, /Okafor/);
  assert.equal((await aud.get('/people')).status, 403);
  const bad = await aud.get('/audit?from=2026-02-30');
  assert.equal(bad.status, 422);
});

test('the audit log pages through changes and views together, keeping the search', async () => {
  const es = await signedIn(srv.base, 'specialist');
  const pid = sql("SELECT max(id) FROM client");
  for (let i = 0; i < 105; i++) assert.equal((await es.get(`/people/${pid}`)).status, 200);
  const aud = await signedIn(srv.base, 'auditor');
  const all = Number(sql("SELECT count(*) FROM audit_all WHERE actor = 'specialist'"));
  assert.ok(all > 100, `enough entries to page: ${all}`);
  const seen = [];
  let url = '/audit?actor=specialist';
  for (let pages = 0; url && pages < 20; pages++) {
    const r = await aud.get(url);
    assert.equal(r.status, 200);
    const main = r.body.split('<main')[1];
    for (const m of main.matchAll(/<tr class="nhsuk-table__row"><td class="nhsuk-table__cell">(R?\d+)<\/td><td class="nhsuk-table__cell">[^<]*<\/td><td class="nhsuk-table__cell">([^<]*)</g)) {
      assert.equal(m[2], 'specialist', 'the search holds on every page');
      seen.push(m[1]);
    }
    const next = main.match(/<a href="(\/audit\?[^"]*)">Older entries<\/a>/);
    url = next && next[1].replaceAll('&amp;', '&');
  }
  assert.equal(seen.length, all, 'every entry shown once');
  assert.equal(new Set(seen).size, all);
  assert.ok(seen.some((x) => x.startsWith('R')) && seen.some((x) => !x.startsWith('R')), 'both logs shown');
});

test('audit verify finds an edited entry', async () => {
  const v0 = ipsdeskStatus(['audit', 'verify', '--db', srv.db]);
  assert.equal(v0.status, 0, v0.out);
  const head = v0.out.match(/head (\S+)/)[1];
  execFileSync('sqlite3', [srv.db, "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'someone' WHERE seq = 3;"]);
  const v1 = ipsdeskStatus(['audit', 'verify', '--db', srv.db]);
  assert.equal(v1.status, 1);
  assert.match(v1.out, /BROKEN at entry 3/);
  const v2 = ipsdeskStatus(['audit', 'verify', '--db', srv.db, '--expect-head', head]);
  assert.equal(v2.status, 1);
});
