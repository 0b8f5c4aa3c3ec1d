// tests/http/record.test.mjs — a person's record with a long history: the page shows the
// newest contacts and timeline entries, says how many there are, and links to them all;
// the full list is one link away and the page is still audited as a view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { renameSync, mkdirSync, rmdirSync } from 'node:fs';
import { startServer, signedIn, referralFields, sqlOn, ipsdesk } from './lib.mjs';

let srv, id;
const sql = (s) => sqlOn(srv.db)(s);
const rows = (body, from) => (body.slice(body.indexOf(from)).split('</table>')[0].match(/<tr class="nhsuk-table__row"><td/g) || []).length;

before(async () => {
  srv = await startServer();
  const clin = await signedIn(srv.base, 'clinician');
  await clin.get('/referrals/new');
  await clin.post('/referrals', referralFields());
  id = Number(sql('SELECT max(id) FROM client'));
  const ref = Number(sql(`SELECT max(id) FROM referral WHERE client_id = ${id}`));
  const staff = Number(sql("SELECT min(id) FROM staff WHERE role = 'specialist'"));
  // 60 phone calls over 60 days, and a timeline line for each: a long history
  sql(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
       INSERT INTO contact (ref, date, staff_id, with_whom, referral_id, mode, minutes, attended, note, created_at)
       SELECT 'hist-' || i, date('now', '-' || i || ' days'), ${staff}, 'client', ${ref}, 'phone', 10, 1,
              'call ' || i, '2026-01-01T00:00:00Z' FROM n;
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
       INSERT INTO client_event (client_id, referral_id, on_date, at, kind, summary)
       SELECT ${id}, ${ref}, date('now', '-' || i || ' days'), '2026-01-01T00:00:00Z', 'contact', 'Event ' || i FROM n;`);
});
after(async () => { await srv.stop(); });

test('a long history shows the newest 50 with a link to all of it', async () => {
  const es = await signedIn(srv.base, 'specialist');
  const totalEvents = Number(sql(`SELECT count(*) FROM client_event WHERE client_id = ${id}`));
  const r = await es.get(`/people/${id}`);
  assert.equal(r.status, 200);
  assert.equal(rows(r.body, '<h2 id="contacts">'), 50);
  assert.match(r.body, new RegExp(`Showing the newest 50 of 60\\. <a href="/people/${id}\\?all=1#contacts">Show all 60 contacts</a>`));
  assert.match(r.body, /call 1</, 'the newest call is shown');
  assert.doesNotMatch(r.body, /call 60</, 'the oldest is not');
  assert.match(r.body, new RegExp(`Showing the newest 50 of ${totalEvents}\\. <a href="/people/${id}\\?all=1#timeline">`));
  assert.equal((r.body.match(/<li><strong>/g) || []).length, 50);

  const all = await es.get(`/people/${id}?all=1`);
  assert.equal(all.status, 200);
  assert.equal(rows(all.body, '<h2 id="contacts">'), 60);
  assert.match(all.body, /call 60</);
  assert.doesNotMatch(all.body, /newest 50 of/);
  assert.equal((all.body.match(/<li><strong>/g) || []).length, totalEvents);
  // both are reads of the record, audited as such
  assert.ok(Number(sql(`SELECT count(*) FROM views WHERE action = 'client.view' AND entity_id = ${id}`)) >= 2);
});

test('a record whose view the read log cannot take is not shown, and is once it can', async () => {
  const es = await signedIn(srv.base, 'specialist');
  assert.equal((await es.get(`/people/${id}`)).status, 200);   // the read log exists
  const reads = `${srv.db}.reads`;
  renameSync(reads, `${reads}.away`);
  mkdirSync(reads);   // where the read log was, something SQLite cannot open
  try {
    const r = await es.get(`/people/${id}`);
    assert.equal(r.status, 500);
    assert.match(r.body, /could not be shown because the audit log could not record the view/);
    assert.doesNotMatch(r.body, /call 1</, 'nothing of the record leaves');
    const list = await es.get('/caseload');
    assert.equal(list.status, 500, 'a caseload is withheld the same way');
  } finally {
    rmdirSync(reads);
    renameSync(`${reads}.away`, reads);
  }
  const again = await es.get(`/people/${id}`);
  assert.equal(again.status, 200);
  assert.match(again.body, /call 1</);
  assert.match(ipsdesk(['audit', 'verify', '--db', srv.db]), /read log ok/);
});
