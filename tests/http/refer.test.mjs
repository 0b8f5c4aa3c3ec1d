// tests/http/refer.test.mjs — the public self-referral: accessible form, validation,
// landing in the chosen service's inbox, the honeypot and the rate limit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, signedIn } from './lib.mjs';
import { execFileSync } from 'node:child_process';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const count = () => execFileSync('sqlite3', [srv.db, "SELECT count(*) FROM referral WHERE source = 'self'"], { encoding: 'utf8' }).trim();

function selfFields(over = {}) {
  return {
    site: 'S1', given_name: 'Jordan', family_name: 'Reyes', 'birth_date-day': '3', 'birth_date-month': '4',
    'birth_date-year': '1988', phone: '07700 900456', email: '', postcode: 'LS6 2AB', nhs_number: '',
    reason: 'I used to work in a warehouse', consent: 'yes', website: '', ...over,
  };
}

test('the form asks for what it needs and explains every problem', async () => {
  const c = new Client(srv.base);
  const page = await c.get('/refer');
  assert.equal(page.status, 200);
  assert.match(page.body, /Refer yourself for help finding work/);
  const r = await c.post('/refer', selfFields({ site: '', given_name: '', phone: '', consent: '' }));
  assert.equal(r.status, 422);
  assert.match(r.body, /Choose the service/);
  assert.match(r.body, /Enter the first name/);
  assert.match(r.body, /Enter a phone number or an email address/);
  assert.match(r.body, /I want to work/);
  assert.equal(count(), '0');
});

test('a self-referral lands in the first team of the chosen service', async () => {
  const c = new Client(srv.base);
  await c.get('/refer');
  const r = await c.post('/refer', selfFields());
  assert.equal(r.status, 303);
  assert.equal(r.location, '/refer/done');
  assert.equal(count(), '1');
  const leader = await signedIn(srv.base, 'leader');
  const inbox = await leader.get('/referrals');
  assert.match(inbox.body, /Jordan/);
  assert.match(inbox.body, /Self-referral|Self/);
  const other = await signedIn(srv.base, 'otherleader');
  assert.doesNotMatch((await other.get('/referrals')).body, /Jordan/, 'not in another site\'s inbox');
});

test('the team leader moves a self-referral to the team it belongs to', async () => {
  const sql = (q) => execFileSync('sqlite3', [srv.db, q], { encoding: 'utf8' }).trim();
  const leader = await signedIn(srv.base, 'leader');
  const inbox = await leader.get('/referrals');
  const rid = sql("SELECT r.id FROM referral r JOIN client c ON c.id = r.client_id WHERE c.given_name = 'Jordan'");
  assert.match(inbox.body, new RegExp(`/referrals/${rid}/move`));
  const t2 = sql("SELECT id FROM team WHERE code = 'T2'");
  const t3 = sql("SELECT id FROM team WHERE code = 'T3'");
  const t1 = sql(`SELECT team_id FROM referral WHERE id = ${rid}`);

  const none = await leader.post(`/referrals/${rid}/move`, { [`team-${rid}`]: '' });
  assert.equal(none.status, 422);
  assert.match(none.body, /There is a problem/);
  assert.match(none.body, new RegExp(`href="#team-${rid}"`), 'the summary links to the row\'s control');
  assert.match(none.body, /Choose a team of this service/);
  const otherSite = await leader.post(`/referrals/${rid}/move`, { [`team-${rid}`]: t3 });
  assert.equal(otherSite.status, 422, 'a team of another service is refused');
  assert.equal(sql(`SELECT team_id FROM referral WHERE id = ${rid}`), t1, 'refused moves write nothing');
  assert.equal(sql("SELECT count(*) FROM audit WHERE action = 'referral.move'"), '0');

  const moved = await leader.post(`/referrals/${rid}/move`, { [`team-${rid}`]: t2 });
  assert.equal(moved.status, 303);
  assert.equal(sql(`SELECT team_id FROM referral WHERE id = ${rid}`), t2);
  assert.equal(sql(`SELECT action || ' ' || fields FROM audit ORDER BY seq DESC LIMIT 1`), 'referral.move team_id');
  const es = await signedIn(srv.base, 'specialist');
  assert.equal((await es.post(`/referrals/${rid}/move`, { [`team-${rid}`]: t2 })).status, 403);
});

test('the honeypot drops bot submissions without telling them', async () => {
  const c = new Client(srv.base);
  await c.get('/refer');
  const r = await c.post('/refer', selfFields({ given_name: 'Bot', website: 'http://spam.example' }));
  assert.equal(r.status, 303);
  assert.equal(execFileSync('sqlite3', [srv.db, "SELECT count(*) FROM client WHERE given_name = 'Bot'"], { encoding: 'utf8' }).trim(), '0');
});

test('referrals from one address are rate-limited', async () => {
  const c = new Client(srv.base);
  await c.get('/refer');
  let last;
  for (let i = 0; i < 6; i++) {
    last = await c.post('/refer', selfFields({ given_name: `Person${i}` }));
  }
  assert.equal(last.status, 429);
  assert.match(last.body, /Too many referrals/);
});
