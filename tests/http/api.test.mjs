// tests/http/api.test.mjs — the JSON API: the outcome report gives the same figures as
// `ipsdesk report`, errors come back as JSON with field names, and scope holds (a team
// leader sees only their own site's figures).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, referralFields, ipsdesk, daysAgo } from './lib.mjs';

let srv;
before(async () => {
  srv = await startServer();
  const clin = await signedIn(srv.base, 'clinician');
  await clin.get('/referrals/new');
  await clin.post('/referrals', referralFields());
});
after(async () => { await srv.stop(); });

const period = () => `from=${daysAgo(30).iso}&to=${daysAgo(0).iso}`;

test('the outcome report over the API matches the command line', async () => {
  const c = await signedIn(srv.base, 'commissioner');
  const r = await c.get(`/api/v1/reports/outcomes?${period()}`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /application\/json/);
  const cli = ipsdesk(['report', '--db', srv.db, '--from', daysAgo(30).iso, '--to', daysAgo(0).iso]);
  assert.deepEqual(JSON.parse(r.body), JSON.parse(cli));
  assert.equal(JSON.parse(r.body).referrals_received, 1);
  const csv = await c.get(`/api/v1/reports/outcomes?${period()}&format=csv`);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.match(csv.body, /^period\.from,period\.to,referrals_received/);
});

test('API errors are JSON: 401 signed out, 422 with fields, 403 out of scope', async () => {
  const anon = await fetch(`${srv.base}/api/v1/reports/outcomes?${period()}`);
  assert.equal(anon.status, 401);
  assert.equal((await anon.json()).error.status, 401);
  const c = await signedIn(srv.base, 'commissioner');
  const bad = await c.get('/api/v1/reports/outcomes?from=2025-02-30&to=2025-01-01');
  assert.equal(bad.status, 422);
  const body = JSON.parse(bad.body);
  assert.deepEqual(body.error.fields.map((f) => f.field), ['from']);
  const leader = await signedIn(srv.base, 'otherleader');
  const mine = await leader.get(`/api/v1/reports/outcomes?${period()}`);
  assert.equal(JSON.parse(mine.body).referrals_received, 0, 'a leader of S2 sees S2 only');
  assert.equal((await leader.get(`/api/v1/reports/outcomes?${period()}&site=S1`)).status, 403);
  const clin = await signedIn(srv.base, 'clinician');
  assert.equal((await clin.get(`/api/v1/reports/outcomes?${period()}`)).status, 403);
});
