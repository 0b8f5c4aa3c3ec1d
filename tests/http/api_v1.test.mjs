// tests/http/api_v1.test.mjs — the JSON API under /api/v1: API tokens (made on a page,
// shown once, stored hashed, revocable), bearer sign-in with the web's role, scope and
// audit, paging and incremental sync, the contact write (through the web form's rules;
// the other writes are in api_writes.test.mjs), and the OpenAPI document matching the
// routes actually served.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { startServer, signedIn, referralFields, ipsdesk, daysAgo, Client, sqlOn } from './lib.mjs';

let srv, people, rid;
const sql = (s) => sqlOn(srv.db)(s);

before(async () => {
  srv = await startServer();
  // three people referred to S1's team T1; the first is allocated to the specialist
  const clin = await signedIn(srv.base, 'clinician');
  for (const [given, nhs] of [['Amara', '943 476 5919'], ['Bilal', '401 023 2137'], ['Cerys', '']]) {
    await clin.get('/referrals/new');
    const r = await clin.post('/referrals', referralFields({ given_name: given, nhs_number: nhs }));
    assert.ok(r.status === 200 || r.status === 303, `referral of ${given}: ${r.status}`);
  }
  people = sql('SELECT id FROM client ORDER BY id').split('\n').map(Number);
  rid = sql(`SELECT id FROM referral WHERE client_id = ${people[0]}`);
  const leader = await signedIn(srv.base, 'leader');
  await leader.get('/referrals');
  const es = sql("SELECT staff_id FROM account WHERE username = 'specialist'");
  assert.equal((await leader.post(`/referrals/${rid}/allocate`, { [`specialist-${rid}`]: es })).status, 303);
});
after(async () => { await srv.stop(); });

// Makes a token on the account's page and returns it (and the page that showed it).
async function makeToken(user, name = 'Sync script') {
  const c = await signedIn(srv.base, user);
  await c.get('/account/tokens');
  const r = await c.post('/account/tokens', { name });
  assert.equal(r.status, 200);
  const m = r.body.match(/<code id="new-token">(ipsdesk_[A-Za-z0-9_-]{43})<\/code>/);
  assert.ok(m, 'the new token is shown');
  return { token: m[1], client: c, page: r.body };
}

function api(token, path, opts = {}) {
  const headers = { ...(opts.headers ?? {}) };
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(srv.base + path, { method: opts.method ?? 'GET', body: opts.body, headers, redirect: 'manual' });
}

async function json(res) {
  const text = await res.text();
  assert.match(res.headers.get('content-type'), /application\/json/);
  return JSON.parse(text);
}

test('a token is made on the account page, shown once, and only its hash is stored', async () => {
  const { token, client } = await makeToken('specialist', 'Nightly sync');
  const again = await client.get('/account/tokens');
  assert.equal(again.status, 200);
  assert.ok(!again.body.includes(token), 'the token is never shown again');
  assert.match(again.body, /Nightly sync/);
  assert.ok(again.body.includes(token.slice(0, 12)), 'its first characters tell it apart');
  // neither the token nor its random part is anywhere in the database
  const dump = execFileSync('sqlite3', [srv.db, '.dump'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(!dump.includes(token.slice(8)), 'no plaintext token in the database');
  assert.equal(sql("SELECT length(token_hash) FROM api_token WHERE name = 'Nightly sync'"), '32');
  assert.equal(sql("SELECT count(*) FROM audit WHERE action = 'api_token.create' AND actor = 'specialist'"), '1');
  // a name is required
  const bad = await client.post('/account/tokens', { name: '' });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /Enter a name for the token/);
});

test('a bearer token reads as its account; revoked, unknown or disabled tokens get 401', async () => {
  const { token, client } = await makeToken('specialist', 'To revoke');
  const ok = await api(token, '/api/v1/people');
  assert.equal(ok.status, 200);
  const body = await json(ok);
  assert.deepEqual(body.data.map((p) => p.given_name).sort(), ['Amara', 'Bilal', 'Cerys']);
  assert.equal(body.next_cursor, null);
  assert.notEqual(sql("SELECT last_used_at FROM api_token WHERE name = 'To revoke'"), '');
  // a bearer token on a page outside /api/ is ignored: no session, so sign in
  const page = await api(token, '/people');
  assert.equal(page.status, 303);
  assert.equal(page.headers.get('location'), '/sign-in');

  // revoke it on the page
  const id = sql("SELECT id FROM api_token WHERE name = 'To revoke'");
  await client.get('/account/tokens');
  const rv = await client.post(`/account/tokens/${id}/revoke`, {});
  assert.equal(rv.status, 303);
  assert.ok(!(await client.get('/account/tokens')).body.includes('To revoke'));
  const gone = await api(token, '/api/v1/people');
  assert.equal(gone.status, 401);
  assert.equal(gone.headers.get('www-authenticate'), 'Bearer realm="ipsdesk"', 'RFC 6750: a 401 names the scheme');
  assert.equal((await json(gone)).error.status, 401);
  // another account cannot revoke someone else's token
  const other = await makeToken('specialist2', 'Theirs');
  const theirs = sql("SELECT id FROM api_token WHERE name = 'Theirs'");
  await client.get('/account/tokens');
  assert.equal((await client.post(`/account/tokens/${theirs}/revoke`, {})).status, 404);
  assert.equal((await api(other.token, '/api/v1/people')).status, 200);

  assert.equal((await api('ipsdesk_' + 'A'.repeat(43), '/api/v1/people')).status, 401);
  assert.equal((await api('nonsense', '/api/v1/people')).status, 401);

  // a disabled account's tokens stop working
  ipsdesk(['user', 'disable', 'specialist2', '--db', srv.db]);
  assert.equal((await api(other.token, '/api/v1/people')).status, 401);
});

test('a token has its account\'s role and scope', async () => {
  const { token: theirs } = await makeToken('otherspecialist');
  const r = await api(theirs, `/api/v1/people/${people[0]}`);
  assert.equal(r.status, 404, 'a person of another site is not found');
  assert.deepEqual((await json(await api(theirs, '/api/v1/people'))).data, []);
  assert.equal((await api(theirs, `/api/v1/people/${people[0]}/contacts`)).status, 404);
  const { token: comm } = await makeToken('commissioner');
  assert.equal((await api(comm, '/api/v1/people')).status, 403, 'a commissioner sees no named person');
  const { token: clin } = await makeToken('clinician');
  assert.equal((await api(clin, '/api/v1/employers')).status, 403);
  assert.equal((await api(clin, '/api/v1/people')).status, 200);
});

test('API reads of a person are audited as the web\'s are', async () => {
  const { token } = await makeToken('leader');
  const count = (action, fields) => Number(sql(
    `SELECT count(*) FROM views WHERE action = '${action}' AND entity = 'client' AND entity_id = ${people[0]} ` +
    `AND actor = 'leader' AND fields = '${fields}'`));
  const before = count('client.view', '');
  const r = await api(token, `/api/v1/people/${people[0]}`);
  assert.equal(r.status, 200);
  const p = (await json(r)).data;
  assert.equal(p.nhs_number, '9434765919');
  assert.equal(p.given_name, 'Amara');
  assert.equal(p.site_code, 'S1');
  assert.equal(p.referrals.length, 1);
  assert.equal(p.referrals[0].team_code, 'T1');
  assert.equal(p.referrals[0].specialist_code, 'ipsdesk-staff-specialist');
  assert.equal(p.profile, null);
  assert.equal(count('client.view', ''), before + 1);
  await api(token, `/api/v1/people/${people[0]}/contacts`);
  assert.equal(count('client.view', 'contacts'), 1);
  await api(token, `/api/v1/people/${people[0]}/jobs`);
  assert.equal(count('client.view', 'jobs'), 1);
  const lists = Number(sql("SELECT count(*) FROM views WHERE action = 'client.list' AND actor = 'leader'"));
  await api(token, '/api/v1/people');
  assert.equal(Number(sql("SELECT count(*) FROM views WHERE action = 'client.list' AND actor = 'leader'")), lists + 1);
  const refs = await json(await api(token, '/api/v1/referrals'));
  assert.equal(refs.data.length, 3);
  assert.equal(sql("SELECT count(*) > 0 FROM views WHERE action = 'referral.list' AND actor = 'leader'"), '1');
});

test('lists page in id order with limit and cursor, and filter by updated_since', async () => {
  const { token } = await makeToken('leader', 'Pager');
  const seen = [];
  let cursor = null, pages = 0;
  do {
    const r = await api(token, `/api/v1/people?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200);
    const b = await json(r);
    assert.ok(b.data.length <= 1);
    seen.push(...b.data.map((p) => p.id));
    cursor = b.next_cursor;
    pages++;
  } while (cursor && pages < 10);
  assert.deepEqual(seen, people, 'every person once, in id order');
  assert.equal(pages, 3);

  for (const [q, field] of [['limit=0', 'limit'], ['limit=501', 'limit'], ['limit=ten', 'limit'],
    ['cursor=abc', 'cursor'], ['updated_since=2025-13-01', 'updated_since'],
    ['updated_since=2025-01-01T25:00:00Z', 'updated_since'], ['updated_since=yesterday', 'updated_since']]) {
    const r = await api(token, `/api/v1/people?${q}`);
    assert.equal(r.status, 422, q);
    assert.deepEqual((await json(r)).error.fields.map((f) => f.field), [field], q);
  }
  assert.equal((await json(await api(token, '/api/v1/people?limit=500'))).data.length, 3);

  // only what changed since: make everything old, then one person newer
  sql("UPDATE client SET updated_at = '2020-01-01T00:00:00Z'; UPDATE referral SET updated_at = '2020-01-01T00:00:00Z'");
  sql(`UPDATE client SET updated_at = '2021-06-01T12:00:00Z' WHERE id = ${people[1]}`);
  const since = async (t) => (await json(await api(token, `/api/v1/people?updated_since=${t}`))).data.map((p) => p.id);
  assert.deepEqual(await since('2021-01-01'), [people[1]]);
  assert.deepEqual(await since('2021-06-01T12:00:00Z'), [people[1]], 'at or after');
  assert.deepEqual(await since('2021-06-01T12:00:01Z'), []);
  assert.deepEqual(await since('2019-12-31T00:00:00Z'), people);
  // a referral's change counts as a change to its person
  sql(`UPDATE referral SET updated_at = '2022-02-02T00:00:00Z' WHERE client_id = ${people[2]}`);
  assert.deepEqual(await since('2022-01-01'), [people[2]]);
  const r = await json(await api(token, '/api/v1/referrals?updated_since=2022-01-01'));
  assert.deepEqual(r.data.map((x) => x.client_id), [people[2]]);
});

test('POST a contact: JSON with a bearer token, through the web form\'s rules', async () => {
  const { token } = await makeToken('specialist', 'Writer');
  const path = `/api/v1/people/${people[0]}/contacts`;
  const post = (body, type = 'application/json', tok = token) =>
    api(tok, path, { method: 'POST', body, headers: { 'content-type': type } });
  const contacts = () => Number(sql('SELECT count(*) FROM contact'));
  const before = contacts();

  const broken = await post('{"date": "2025-01-01",');
  assert.equal(broken.status, 400);
  assert.match((await json(broken)).error.message, /not valid JSON/);
  assert.equal((await post('[1, 2]')).status, 400);
  assert.equal((await post('date=2025-01-01', 'application/x-www-form-urlencoded')).status, 415);

  const unknown = await post(JSON.stringify({ date: daysAgo(1).iso, with: 'client', mode: 'phone', colour: 'blue' }));
  assert.equal(unknown.status, 422);
  assert.deepEqual((await json(unknown)).error.fields.map((f) => f.field), ['colour']);
  const typed = await post(JSON.stringify({ date: 20250101, with: 'client', mode: 'phone', attended: 3 }));
  assert.equal(typed.status, 422);
  assert.deepEqual((await json(typed)).error.fields.map((f) => f.field).sort(), ['attended', 'date']);

  const invalid = await post(JSON.stringify({ date: '2025-02-30', with: 'someone', mode: 'face_to_face', minutes: 2000 }));
  assert.equal(invalid.status, 422);
  const fields = (await json(invalid)).error.fields.map((f) => f.field).sort();
  assert.deepEqual(fields, ['date', 'minutes', 'place', 'with']);
  assert.equal(contacts(), before, 'nothing written');

  const good = await post(JSON.stringify({
    date: daysAgo(1).iso, with: 'client', mode: 'face_to_face', place: 'community', minutes: 45,
    attended: true, note: 'Talked about bakery jobs', referral_id: Number(rid),
  }));
  assert.equal(good.status, 201);
  const made = await json(good);
  assert.equal(contacts(), before + 1);
  assert.equal(sql(`SELECT actor || ' ' || fields FROM audit WHERE action = 'contact.create' AND entity_id = ${made.data.id}`),
    'specialist referral_id,date,with,mode,place,minutes,attended,note');
  const list = await json(await api(token, `${path}?limit=10`));
  const k = list.data.find((x) => x.id === made.data.id);
  assert.deepEqual(made.data, k, 'the contact answered as the list shows it');
  assert.deepEqual(made.warnings, []);
  assert.equal(good.headers.get('location'), path);
  assert.equal(made.data.referral_id, Number(rid));
  assert.equal(k.mode, 'face_to_face');
  assert.equal(k.minutes, 45);
  assert.equal(k.attended, true);
  assert.equal(k.staff_code, 'ipsdesk-staff-specialist');
  assert.equal(sql(`SELECT first_direct_on FROM referral WHERE id = ${rid}`), daysAgo(1).iso);

  // a person of another site: not found; a clinician may not record contacts
  const { token: theirs } = await makeToken('otherspecialist', 'Other writer');
  assert.equal((await post(JSON.stringify({ date: daysAgo(1).iso, with: 'client', mode: 'phone' }), 'application/json', theirs)).status, 404);
  const { token: clin } = await makeToken('clinician', 'Clinician writer');
  assert.equal((await post(JSON.stringify({ date: daysAgo(1).iso, with: 'client', mode: 'phone' }), 'application/json', clin)).status, 403);

  // a signed-in browser session cannot send JSON here (it would need no CSRF token),
  // and its CSRF-checked form post is told to use a token
  const es = await signedIn(srv.base, 'specialist');
  const viaCookie = await es.post(path, {}, { rawBody: JSON.stringify({ date: daysAgo(1).iso, with: 'client', mode: 'phone' }),
    contentType: 'application/json' });
  assert.equal(viaCookie.status, 415);
  assert.equal((await es.post(path, { date: daysAgo(1).iso, with: 'client', mode: 'phone' })).status, 415);
  assert.equal((await es.post(path, { csrf: 'forged', date: daysAgo(1).iso })).status, 403);
  assert.equal(contacts(), before + 1);
});

test('employers and jobs are listed with exact decimals', async () => {
  const es = await signedIn(srv.base, 'specialist');
  await es.get('/employers/new');
  assert.equal((await es.post('/employers', { name: 'Greggs', sector: 'Food' })).status, 303);
  const eid = sql("SELECT id FROM employer WHERE name = 'Greggs'");
  await es.get(`/people/${people[0]}/jobs/new`);
  const d = daysAgo(3);
  const job = await es.post(`/people/${people[0]}/jobs`, {
    referral_id: rid, employer_id: eid, title: 'Baker', job_type: '5432',
    'started_on-day': d.day, 'started_on-month': d.month, 'started_on-year': d.year,
    hours_per_week: '16.5', hourly_wage: '13.45', competitive: 'yes',
  });
  assert.ok(job.status === 303 || job.status === 200, `job start: ${job.status}`);
  assert.equal(sql('SELECT count(*) FROM job'), '1');
  const { token } = await makeToken('specialist', 'Jobs');
  const emps = await json(await api(token, '/api/v1/employers'));
  assert.deepEqual(emps.data.map((e) => [e.name, e.site_code]), [['Greggs', 'S1']]);
  assert.match(emps.data[0].updated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const jobs = await json(await api(token, `/api/v1/people/${people[0]}/jobs`));
  assert.equal(jobs.data.length, 1);
  assert.equal(jobs.data[0].hours_per_week, '16.5');
  assert.equal(jobs.data[0].hourly_wage, '13.45');
  assert.equal(jobs.data[0].employer_ref, sql(`SELECT ref FROM employer WHERE id = ${eid}`));
  assert.equal(jobs.data[0].competitive, true);
  const { token: other } = await makeToken('otherleader', 'Other employers');
  assert.deepEqual((await json(await api(other, '/api/v1/employers'))).data, []);
});

test('the OpenAPI document is served to anyone and lists exactly the /api/v1 routes', async () => {
  const r = await fetch(`${srv.base}/api/v1/openapi.json`);
  assert.equal(r.status, 200);
  const served = await json(r);
  const file = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
  assert.deepEqual(served, file);
  assert.equal(served.openapi, '3.1.0');

  const src = readFileSync(new URL('../../src/web/routes.c', import.meta.url), 'utf8');
  const rows = [...src.matchAll(/\{(GET|POST|UPLOAD|PATCH),\s*"(\/api\/v1\/[^"]*)"/g)]
    .map((m) => `${m[1] === 'UPLOAD' ? 'post' : m[1].toLowerCase()} ${m[2].replace(/:(\w+)/g, '{$1}')}`).sort();
  const documented = Object.entries(served.paths)
    .flatMap(([p, ops]) => Object.keys(ops).filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k))
      .map((m) => `${m} ${p}`)).sort();
  assert.ok(rows.length >= 9);
  assert.deepEqual(documented, rows);
});

// Last: it locks this address out of sign-in for the rest of the file.
test('repeated bad tokens from one address are throttled like failed sign-ins', async () => {
  const { token } = await makeToken('leader', 'Before the lockout');
  let status;
  for (let i = 0; i < 25; i++) status = (await api('ipsdesk_' + 'B'.repeat(43), '/api/v1/people')).status;
  assert.equal(status, 429);
  assert.equal((await api(token, '/api/v1/people')).status, 429, 'even a good token waits');
  const c = new Client(srv.base);
  const signIn = await c.signIn('admin');
  assert.notEqual(signIn.status, 303, 'and sign-in from the address is locked too');
});
