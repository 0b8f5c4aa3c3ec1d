// tests/http/auth.test.mjs — sign-in and sign-out, a new session id at sign-in, idle
// sessions, CSRF refusal, throttling, security headers, and 4xx for hostile requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, signedIn, PASSWORD } from './lib.mjs';
import { execFileSync } from 'node:child_process';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('sign in gives a new session id, sign out ends it', async () => {
  const c = new Client(srv.base);
  const form = await c.get('/sign-in');
  assert.equal(form.status, 200);
  const anonymous = c.cookies.get('ipsdesk_sid');
  assert.ok(anonymous, 'the sign-in form has an anonymous session for its CSRF token');
  const setCookie = form.headers.getSetCookie()[0];
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Strict/);

  const r = await c.post('/sign-in', { username: 'specialist', password: PASSWORD });
  assert.equal(r.status, 303);
  const signed = c.cookies.get('ipsdesk_sid');
  assert.notEqual(signed, anonymous, 'session fixation: the id changes at sign-in');
  const home = await c.get('/');
  assert.equal(home.location, '/caseload');

  // the old anonymous id is dead
  const planted = new Client(srv.base);
  planted.cookies.set('ipsdesk_sid', anonymous);
  assert.equal((await planted.get('/caseload')).location, '/sign-in');

  await c.get('/caseload');
  const out = await c.post('/sign-out', {});
  assert.equal(out.status, 303);
  const replay = new Client(srv.base);
  replay.cookies.set('ipsdesk_sid', signed);
  assert.equal((await replay.get('/caseload')).location, '/sign-in', 'the signed-out session is gone');
});

test('a wrong password is refused with a message and no hint of which part was wrong', async () => {
  const c = new Client(srv.base);
  await c.get('/sign-in');
  const r = await c.post('/sign-in', { username: 'leader', password: 'wrong wrong wrong' });
  assert.equal(r.status, 422);
  assert.match(r.body, /The username or password is not right/);
  const u = await c.post('/sign-in', { username: 'nobody-at-all', password: 'wrong wrong wrong' });
  assert.match(u.body, /The username or password is not right/);
  const empty = await c.post('/sign-in', { username: '', password: '' });
  assert.match(empty.body, /Enter your username/);
  assert.match(empty.body, /Enter your password/);
});

test('an idle session expires after 30 minutes', async () => {
  const c = await signedIn(srv.base, 'clinician');
  assert.equal((await c.get('/people')).status, 200);
  execFileSync('sqlite3', [srv.db, 'UPDATE session SET last_seen = last_seen - 1801 WHERE account_id IS NOT NULL']);
  assert.equal((await c.get('/people')).location, '/sign-in');
});

test('a page read keeps a session alive: its once-a-minute touch is written from inside a GET', async () => {
  const c = await signedIn(srv.base, 'specialist');
  assert.equal((await c.get('/caseload')).status, 200);
  const seen = () => Number(execFileSync('sqlite3', [srv.db,
    "SELECT last_seen FROM session WHERE account_id = (SELECT id FROM account WHERE username = 'specialist')"],
  { encoding: 'utf8' }).trim().split('\n').sort().pop());
  execFileSync('sqlite3', [srv.db, "UPDATE session SET last_seen = last_seen - 1700 WHERE account_id = " +
    "(SELECT id FROM account WHERE username = 'specialist')"]);
  const before = seen();
  // the touch (a write) ends the page's read snapshot; the page is then read in another
  const r = await c.get('/caseload');
  assert.equal(r.status, 200);
  assert.match(r.body, /<h1>/);
  assert.ok(seen() >= before + 1700, 'last_seen moved to now');
  // and so the session outlives what would have been its 30 idle minutes
  execFileSync('sqlite3', [srv.db, "UPDATE session SET last_seen = last_seen - 200 WHERE account_id = " +
    "(SELECT id FROM account WHERE username = 'specialist')"]);
  assert.equal((await c.get('/caseload')).status, 200);
});

test('state changes without the CSRF token are refused and write nothing', async () => {
  const c = await signedIn(srv.base, 'clinician');
  await c.get('/referrals/new');
  const count = () => execFileSync('sqlite3', [srv.db, 'SELECT count(*) FROM referral'], { encoding: 'utf8' }).trim();
  const before = count();
  const none = await c.post('/referrals', { given_name: 'X', family_name: 'Y', consent: 'yes', csrf: null });
  assert.equal(none.status, 403);
  const wrong = await c.post('/referrals', { given_name: 'X', family_name: 'Y', consent: 'yes', csrf: 'A'.repeat(43) });
  assert.equal(wrong.status, 403);
  assert.equal(count(), before);
  // a cross-site form has no session cookie at all
  const stranger = new Client(srv.base);
  const r = await stranger.post('/refer', { given_name: 'X', csrf: 'whatever' });
  assert.equal(r.status, 403);
});

test('repeated failed sign-ins lock the account for a while', async () => {
  const c = new Client(srv.base);
  await c.get('/sign-in');
  for (let i = 0; i < 5; i++) {
    const r = await c.post('/sign-in', { username: 'reviewer', password: 'not the password' });
    assert.equal(r.status, 422);
  }
  const locked = await c.post('/sign-in', { username: 'reviewer', password: PASSWORD });
  assert.equal(locked.status, 429);
  assert.match(locked.body, /Too many failed attempts/);
  // another account from the same address still works
  const other = new Client(srv.base);
  assert.equal((await other.signIn('commissioner')).status, 303);
});

test('every response carries the security headers', async () => {
  for (const path of ['/sign-in', '/healthz', '/assets/ipsdesk.css', '/no-such-page', '/refer']) {
    const res = await fetch(srv.base + path, { redirect: 'manual' });
    const csp = res.headers.get('content-security-policy');
    assert.ok(csp, path);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  }
});

test('hostile and malformed requests get a 4xx', async () => {
  const c = new Client(srv.base);
  await c.get('/refer');
  assert.equal((await fetch(srv.base + '/no-such-page')).status, 404);
  assert.equal((await fetch(srv.base + '/people', { method: 'PUT' })).status, 405);
  assert.equal((await fetch(srv.base + '/people/%zz')).status, 400);
  assert.equal((await fetch(srv.base + '/people/%00')).status, 400);
  assert.equal((await fetch(srv.base + '/people?q=%ff%fe')).status, 400);
  const big = await c.post('/refer', {}, { rawBody: 'a='.padEnd(1024 * 1024 + 10, 'x') });
  assert.equal(big.status, 413);
  const json = await c.post('/refer', {}, { rawBody: '{"a":1}', contentType: 'application/json' });
  assert.equal(json.status, 415);
  const badEnc = await c.post('/refer', {}, { rawBody: `csrf=${c.csrf}&given_name=%E0%80%80` });
  assert.equal(badEnc.status, 400);
  assert.equal((await fetch(srv.base + '/healthz')).status, 200, 'the server is still up');
});
