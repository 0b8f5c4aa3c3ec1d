// tests/http/api_deletions.test.mjs — deletion markers for the JSON API's incremental
// sync (issue 6, 012_deletions.sql): records made through the API at two sites, a person
// of each erased after the retention period on the admin page, and GET /api/v1/deletions
// then lists a marker for each erased person, their referral, contacts (the employer
// contact kept unlinked too) and job — in the scope of the lists they stood in, paged and
// filtered by `since` as the other lists are, audited, and holding identifiers only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, signedIn, ipsdesk, daysAgo, sqlOn } from './lib.mjs';

let srv;
const tokens = {};
const sql = (s) => sqlOn(srv.db)(s);
// what each person's erasure must leave a marker for: [kind, record_id, client_id]
const expect = { north: [], south: [] };
const made = {};
let erasedFrom;   // a time (UTC, whole seconds) just before the erasure

async function makeToken(user) {
  const c = await signedIn(srv.base, user);
  await c.get('/account/tokens');
  const r = await c.post('/account/tokens', { name: `Sync as ${user}` });
  assert.equal(r.status, 200);
  return r.body.match(/<code id="new-token">(ipsdesk_[A-Za-z0-9_-]{43})<\/code>/)[1];
}

async function call(user, method, path, body) {
  const res = await fetch(srv.base + path, {
    method, redirect: 'manual',
    headers: { authorization: `Bearer ${tokens[user]}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  assert.match(res.headers.get('content-type'), /application\/json/, `${method} ${path}: ${text}`);
  return { status: res.status, body: JSON.parse(text), text };
}
async function made201(user, path, body) {
  const r = await call(user, 'POST', path, body);
  assert.equal(r.status, 201, `${path}: ${r.text}`);
  return r.body.data;
}

// A person with a referral to team, a contact with them, one with their family, one with
// an employer on their behalf, and a job there; returns the markers their erasure makes.
async function personWithRecords(user, team, given, family, nhs) {
  const p = await made201(user, '/api/v1/people', {
    given_name: given, family_name: family, nhs_number: nhs, birth_date: '1980-01-02', postcode: 'ls1 4ap',
    team_code: team, source: 'gp', received_on: daysAgo(20).iso, employment_status: '04', consent: true,
  });
  const rid = p.referrals[0].id;
  const employer = await made201(user, '/api/v1/employers', { name: `${team} Bakery`, sector: 'Food' });
  const contacts = [];
  for (const body of [
    { date: daysAgo(10).iso, with: 'client', mode: 'face_to_face', place: 'community', minutes: 45, attended: true,
      note: `Met ${given} ${family}` },
    { date: daysAgo(9).iso, with: 'family', mode: 'phone', attended: true },
    { date: daysAgo(8).iso, with: 'employer', employer_id: employer.id, mode: 'face_to_face', place: 'community',
      attended: true, note: `Asked about a job for ${given}` },
  ]) contacts.push((await made201(user, `/api/v1/people/${p.id}/contacts`, { referral_id: rid, ...body })).id);
  const job = await made201(user, `/api/v1/people/${p.id}/jobs`, {
    referral_id: rid, employer_id: employer.id, title: 'Baker', started_on: daysAgo(7).iso, hours_per_week: '16',
  });
  return {
    id: p.id, rid, employer: employer.id, contacts, job: job.id,
    markers: [['person', p.id, p.id], ['referral', rid, p.id], ...contacts.map((k) => ['contact', k, p.id]),
      ['job', job.id, p.id]],
  };
}

before(async () => {
  srv = await startServer();
  for (const user of ['specialist', 'leader', 'clinician', 'otherclinician', 'otherspecialist', 'otherleader',
    'admin', 'commissioner', 'auditor', 'reviewer'])
    tokens[user] = await makeToken(user);
  // site S1: Xanthe, to be erased, and Bilal, still being supported; site S2: Quentin.
  made.north = await personWithRecords('specialist', 'T1', 'Xanthe', 'Zebedee', '943 476 5919');
  made.kept = await personWithRecords('specialist', 'T1', 'Bilal', 'Kept', '401 023 2137');
  made.south = await personWithRecords('otherspecialist', 'T3', 'Quentin', 'Quillfeather', '');
  expect.north = made.north.markers;
  expect.south = made.south.markers;
  // Their work ended long ago (as the erase test's import does, backdated here): the
  // referral closed in 2016, contacts in 2015, the job ended in 2015.
  for (const p of [made.north, made.south]) {
    sql(`UPDATE referral SET received_on = '2015-01-05', closed_on = '2016-03-01', close_reason = 'person_choice'
      WHERE client_id = ${p.id}`);
    sql(`UPDATE contact SET date = '2015-02-01' WHERE referral_id = ${p.rid}`);
    sql(`UPDATE job SET started_on = '2015-06-01', ended_on = '2015-12-01', end_reason = 'moved on' WHERE id = ${p.job}`);
  }
});
after(async () => { await srv.stop(); });

const markers = async (user, query = '') => {
  const r = await call(user, 'GET', `/api/v1/deletions${query}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
};
const triples = (data) => data.map((d) => [d.kind, d.record_id, d.client_id]);
const sorted = (xs) => [...xs].sort((a, b) => (a.join() < b.join() ? -1 : 1));

test('nothing is marked before anything is deleted, and a dry run marks nothing', async () => {
  assert.deepEqual(await markers('leader'), { data: [], next_cursor: null });
  const out = ipsdesk(['erase', '--db', srv.db, '--before', '2020-01-01', '--dry-run']);
  assert.match(out, /^Would erase 2 people /m);
  assert.equal(sql('SELECT count(*) FROM deletion'), '0');
  assert.deepEqual((await markers('admin')).data, []);
});

test('erasing a person marks them, their referral, contacts and job, each once', async () => {
  erasedFrom = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const admin = await signedIn(srv.base, 'admin');
  await admin.get('/admin/erasure');
  const r = await admin.post('/admin/erasure',
    { 'before-day': '1', 'before-month': '1', 'before-year': '2020', confirm: 'yes' });
  assert.equal(r.status, 200, r.body.slice(0, 2000));
  assert.match(r.body, /Erased 2 people whose records ended before 1 January 2020/);
  assert.equal(sql(`SELECT count(*) FROM client WHERE id IN (${made.north.id}, ${made.south.id})`), '0');
  // the employer contact made on Xanthe's behalf stays, unlinked: gone from her list all the same
  const kept = made.north.contacts[2];
  assert.equal(sql(`SELECT referral_id IS NULL FROM contact WHERE id = ${kept}`), '1');

  const { data, next_cursor } = await markers('leader');
  assert.equal(next_cursor, null);
  assert.deepEqual(sorted(triples(data)), sorted(expect.north));
  assert.deepEqual(data.map((d) => d.id), [...data.map((d) => d.id)].sort((a, b) => a - b), 'in id order');
  for (const d of data) {
    assert.deepEqual(Object.keys(d).sort(), ['client_id', 'deleted_at', 'id', 'kind', 'record_id']);
    assert.match(d.deleted_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(d.deleted_at >= erasedFrom, `${d.deleted_at} >= ${erasedFrom}`);
  }
  assert.ok(!data.some((d) => d.client_id === made.kept.id), 'nothing of the person still supported');
  // the sync's other lists no longer show them
  assert.equal((await call('leader', 'GET', `/api/v1/people/${made.north.id}`)).status, 404);
  assert.ok(!(await call('leader', 'GET', '/api/v1/people')).body.data.some((p) => p.id === made.north.id));
});

test('each account sees the deletions of the records its lists showed', async () => {
  // specialists and team leaders: their site's
  assert.deepEqual(sorted(triples((await markers('specialist')).data)), sorted(expect.north));
  assert.deepEqual(sorted(triples((await markers('otherleader')).data)), sorted(expect.south));
  assert.deepEqual(sorted(triples((await markers('otherspecialist')).data)), sorted(expect.south));
  // a clinician: the people referred to their team (T1), not another team's of the same site (T2)
  assert.deepEqual(sorted(triples((await markers('clinician')).data)), sorted(expect.north));
  assert.deepEqual((await markers('otherclinician')).data, []);
  // an admin: every person's
  assert.deepEqual(sorted(triples((await markers('admin')).data)), sorted([...expect.north, ...expect.south]));
  // roles that see no named person's records are refused, as the other lists
  for (const user of ['commissioner', 'auditor', 'reviewer'])
    assert.equal((await call(user, 'GET', '/api/v1/deletions')).status, 403, user);
  const anon = await fetch(`${srv.base}/api/v1/deletions`, { redirect: 'manual' });
  assert.equal(anon.status, 401);
});

test('an employer removed is marked for the lists that showed it, of its site only', async () => {
  // nothing in ipsdesk deletes an employer yet: a row removed by hand stands in for it
  const unused = await made201('specialist', '/api/v1/employers', { name: 'Closed Down Ltd' });
  sql(`DELETE FROM employer WHERE id = ${unused.id}`);
  const mine = (await markers('leader')).data.filter((d) => d.kind === 'employer');
  assert.deepEqual(triples(mine), [['employer', unused.id, null]]);
  assert.deepEqual((await markers('otherleader')).data.filter((d) => d.kind === 'employer'), []);
  // clinicians and admins do not list employers, so are not told of them
  assert.deepEqual((await markers('clinician')).data.filter((d) => d.kind === 'employer'), []);
  assert.deepEqual((await markers('admin')).data.filter((d) => d.kind === 'employer'), []);
});

test('deletions page by limit and cursor, and filter by since', async () => {
  const all = (await markers('leader')).data;
  assert.ok(all.length >= 7);
  const seen = [];
  let cursor = null, pages = 0;
  do {
    const b = await markers('leader', `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    assert.ok(b.data.length <= 2);
    seen.push(...b.data);
    cursor = b.next_cursor;
    pages++;
  } while (cursor && pages < 20);
  assert.deepEqual(seen, all, 'every marker once, in id order');
  assert.equal(pages, Math.ceil(all.length / 2));

  assert.deepEqual((await markers('leader', `?since=${erasedFrom}`)).data, all, 'at or after');
  assert.deepEqual((await markers('leader', '?since=2020-01-01')).data, all);
  assert.deepEqual((await markers('leader', `?since=${daysAgo(-2).iso}`)).data, []);
  // a marker's time is the one to compare: every one since the last is at or after it
  const last = all[all.length - 1].deleted_at;
  assert.ok((await markers('leader', `?since=${last}`)).data.length >= 1);

  for (const [q, field] of [['since=yesterday', 'since'], ['since=2025-02-30', 'since'],
    ['since=2025-01-01T24:00:00Z', 'since'], ['limit=0', 'limit'], ['limit=501', 'limit'], ['cursor=x1', 'cursor']]) {
    const r = await call('leader', 'GET', `/api/v1/deletions?${q}`);
    assert.equal(r.status, 422, q);
    assert.deepEqual(r.body.error.fields.map((f) => f.field), [field], q);
  }
  assert.match((await call('leader', 'GET', '/api/v1/deletions?since=soon')).body.error.fields[0].message,
    /^since must be a date and time in UTC/);
});

test('reading deletions is audited as the lists of people are', async () => {
  const count = (fields) => Number(sql(
    `SELECT count(*) FROM views WHERE action = 'deletion.list' AND entity = 'deletion' AND actor = 'clinician' AND fields = '${fields}'`));
  const plain = count(''), since = count('since');
  await markers('clinician');
  await markers('clinician', '?since=2020-01-01');
  assert.equal(count(''), plain + 1);
  assert.equal(count('since'), since + 1);
  assert.match(ipsdesk(['audit', 'verify', '--db', srv.db]), /audit chain ok/);
});

test('a marker holds identifiers only: no name, NHS number, date of birth, postcode, note or ref', async () => {
  const columns = sql("SELECT group_concat(name, ',') FROM pragma_table_info('deletion')");
  assert.equal(columns, 'id,kind,record_id,client_id,site_id,team_id,deleted_at');
  const rows = sql("SELECT kind || '|' || deleted_at FROM deletion").split('\n');
  for (const row of rows) assert.match(row, /^(person|referral|contact|job|employer|vacancy)\|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const table = sql('SELECT * FROM deletion');
  const answer = (await call('admin', 'GET', '/api/v1/deletions')).text
    + (await call('leader', 'GET', '/api/v1/deletions')).text
    + (await call('otherleader', 'GET', '/api/v1/deletions')).text;
  for (const secret of ['Xanthe', 'Zebedee', 'Quentin', 'Quillfeather', '9434765919', '943 476 5919', '1980-01-02',
    'LS1 4AP', 'Met ', 'Asked about', 'ipsdesk-client-', 'ipsdesk-referral-', 'ipsdesk-contact-', 'Baker']) {
    assert.ok(!table.includes(secret), `the deletion table holds ${secret}`);
    assert.ok(!answer.includes(secret), `the API's answer holds ${secret}`);
  }
  // and the erasure took them from the database, markers and all
  const dump = execFileSync('sqlite3', [srv.db, '.dump'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(!dump.includes('Zebedee') && !dump.includes('9434765919'));
  assert.ok(dump.includes('Bilal'), 'the person still supported is still there');
});
