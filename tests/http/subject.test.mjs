// tests/http/subject.test.mjs — subject access: the JSON holds the person's record,
// contacts and the audit of who viewed it, and producing it is itself audited; only a
// team leader of their site or an admin gets it (others 403, another site's leader
// 404); the printable page shows markup in a name as text; `ipsdesk subject-access`
// prints the same JSON.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, signedIn, referralFields, daysAgo, ipsdesk } from './lib.mjs';

let srv, pid;
const sql = (q) => execFileSync('sqlite3', [srv.db, q], { encoding: 'utf8' }).trim();

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
  assert.doesNotMatch(sql(`SELECT group_concat(fields) FROM audit`), /bakery/);
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

test('ipsdesk subject-access prints the same JSON for a client reference', () => {
  const ref = sql(`SELECT ref FROM client WHERE id = ${pid}`);
  const sa = JSON.parse(ipsdesk(['subject-access', '--db', srv.db, ref]));
  assert.equal(sa.person.client_ref, ref);
  assert.equal(sa.contacts[0].note, 'Talked about bakery jobs');
  assert.equal(sa.produced_by, 'system');
  assert.equal(sa.audit[sa.audit.length - 1].action, 'subject_access');
  assert.throws(() => ipsdesk(['subject-access', '--db', srv.db, 'no-such-ref']), /no person with the reference/);
});
