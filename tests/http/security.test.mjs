// tests/http/security.test.mjs — security properties over the whole route table
// (issue 7; the route × role matrix itself is routes.test.mjs): every state-changing
// route refuses a request without its CSRF token and writes nothing; the session id
// changes at sign-in; every kind of response carries the security headers; markup typed
// into every text field of every form stays inert on every page that can show it; and
// a commissioner, reviewer or auditor never sees a named person on any page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { startServer, Client, signedIn, referralFields, daysAgo, PASSWORD } from './lib.mjs';

const PAYLOAD = '<script>alert(1)</script>"\'><img src=x onerror=alert(1)>';
// what would be live markup if the payload reached a page unescaped
const LIVE = /<script>alert\(1\)|<img src=x|"'><img/;
const ESCAPED = /&lt;script&gt;alert\(1\)&lt;\/script&gt;/;

const USER_FOR_ROLE = {
  ROLE_SPECIALIST: 'specialist', ROLE_TEAM_LEADER: 'leader', ROLE_CLINICIAN: 'clinician', ROLE_ADMIN: 'admin',
  ROLE_AUDITOR: 'auditor', ROLE_REVIEWER: 'reviewer', ROLE_COMMISSIONER: 'commissioner',
};

// Every row of src/web/routes.c: method, path and the ROLE_ names it lists.
function parseRoutes() {
  const src = readFileSync(new URL('../../src/web/routes.c', import.meta.url), 'utf8');
  const macros = {};
  for (const m of src.matchAll(/#define (\w+) \(([^)]*)\)/g)) macros[m[1]] = m[2];
  const expand = (expr) => expr.split('|').map((s) => s.trim()).flatMap((t) => (macros[t] ? expand(macros[t]) : [t]));
  const rows = [];
  for (const m of src.matchAll(/\{(GET|POST|UPLOAD|PATCH),\s*"([^"]+)",\s*([^,]+),\s*(\w+)\}/g))
    rows.push({ method: m[1], path: m[2], roles: new Set(expand(m[3])), handler: m[4] });
  return rows;
}

let srv, ids = {};
const sql = (s) => execFileSync('sqlite3', [srv.db, s], { encoding: 'utf8' }).trim();
const sessions = {};
async function as(user) {
  if (!sessions[user]) sessions[user] = await signedIn(srv.base, user);
  return sessions[user];
}

before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

// The :params of a route pattern filled with records made by the markup test.
function fill(path) {
  const first = path.startsWith('/caseload') ? ids.staff
    : path.startsWith('/referrals') ? ids.rid
    : path.startsWith('/employers') ? ids.eid
    : path.startsWith('/account/tokens') ? 1
    : ids.pid;
  return path.replace(/:id\b/, first).replace(/:rid\b/, ids.rid).replace(/:jid\b/, ids.jid)
    .replace(/\/assets\/images\/:name/, '/assets/images/favicon.ico').replace(/:name\b/, 'ipsdesk.css');
}

// Field anchors of a page's error summary.
const errorFields = (body) => [...body.matchAll(/nhsuk-error-summary__list.*?<\/ul>/gs)]
  .flatMap((m) => [...m[0].matchAll(/href="#([^"]+)"/g)].map((x) => x[1]));

const injected = [];   // "form.field" that were stored with the payload
const refused = [];    // "form.field" whose validation refused the payload

// Posts a form with every text field set to PAYLOAD; a field whose validation refuses
// it (the page comes back 422, which must itself be inert) is given its plain value
// and the form sent again. Returns the final response.
async function postInjected(c, name, path, plain, textFields, formPage) {
  const fields = { ...plain };
  for (const f of textFields) fields[f] = PAYLOAD;
  for (let attempt = 0; attempt < 4; attempt++) {
    await c.get(formPage);
    const r = await c.post(path, fields);
    assert.doesNotMatch(r.body, LIVE, `${name}: ${r.status} page shows the payload unescaped`);
    if (r.status !== 422) {
      assert.ok(r.status === 303 || r.status === 200, `${name}: ${r.status} ${r.body.slice(0, 300)}`);
      for (const f of textFields) (fields[f] === PAYLOAD ? injected : refused).push(`${name}.${f}`);
      return r;
    }
    const bad = errorFields(r.body);
    let changed = false;
    for (const f of bad) {
      for (const k of Object.keys(fields)) {
        if ((k === f || k.startsWith(f + '-')) && fields[k] === PAYLOAD) { fields[k] = plain[k] ?? ''; changed = true; }
      }
    }
    assert.ok(changed, `${name}: refused for ${bad.join(', ')} with no payload field to blame: ${r.body.slice(0, 400)}`);
  }
  assert.fail(`${name}: never accepted`);
}

test('markup typed into every text field stays inert on every page that can show it', async () => {
  const es = await as('specialist');
  const tl = await as('leader');
  const t1 = sql("SELECT id FROM team WHERE code = 'T1'");
  ids.staff = sql("SELECT staff_id FROM account WHERE username = 'specialist'");

  // a person and their referral
  await postInjected(es, 'referral', '/referrals', referralFields({ team: t1 }),
    ['given_name', 'family_name', 'nhs_number', 'postcode', 'phone', 'email', 'reason', 'referrer_name',
      'referrer_contact', 'care_coordinator'], '/referrals/new');
  ids.rid = sql('SELECT max(id) FROM referral');
  ids.pid = sql(`SELECT client_id FROM referral WHERE id = ${ids.rid}`);
  await tl.get('/referrals');
  assert.equal((await tl.post(`/referrals/${ids.rid}/allocate`, { [`specialist-${ids.rid}`]: ids.staff })).status, 303);

  // a self-referral from the public form, which waits in the inbox
  const visitor = new Client(srv.base);
  const s1 = sql("SELECT code FROM site WHERE code = 'S1'");
  const selfRef = referralFields({ site: s1, nhs_number: '', given_name: 'Self', family_name: 'Referrer' });
  await postInjected(visitor, 'self-referral', '/refer', selfRef,
    ['given_name', 'family_name', 'postcode', 'phone', 'email', 'reason'], '/refer');

  // the person's details and vocational profile
  const rec = referralFields();
  await postInjected(es, 'person', `/people/${ids.pid}/edit`, {
    given_name: rec.given_name, family_name: rec.family_name, 'birth_date-day': '12', 'birth_date-month': '5',
    'birth_date-year': '1990', phone: rec.phone, postcode: rec.postcode, email: '', address: '1 High Street',
    care_coordinator: 'Dr Care', consent_note: 'Agreed', gender: '2', ethnic_category: 'N',
  }, ['given_name', 'family_name', 'phone', 'postcode', 'email', 'address', 'care_coordinator', 'consent_note'],
  `/people/${ids.pid}/edit`);
  await postInjected(es, 'profile', `/people/${ids.pid}/profile`, { hours_min: '10', hours_max: '20', travel_miles: '5' },
    ['work_history', 'job_types', 'places', 'strengths', 'support_needs', 'career_goals'], `/people/${ids.pid}/profile`);

  // a contact, the referral's next step
  const day = daysAgo(1);
  await postInjected(es, 'contact', `/people/${ids.pid}/contacts`, {
    'date-day': day.day, 'date-month': day.month, 'date-year': day.year, with: 'client', mode: 'phone', attended: 'yes',
  }, ['note'], `/people/${ids.pid}/contacts/new`);
  await postInjected(es, 'next-step', `/people/${ids.pid}/referrals/${ids.rid}/next-step`, {}, ['next_step'],
    `/people/${ids.pid}`);

  // an employer, a contact with it on the person's behalf, and a job there
  await postInjected(es, 'employer', '/employers', { name: 'Riverside Bakery', sector: 'Hospitality', postcode: 'NE8 1AA' },
    ['name', 'sector', 'address', 'postcode', 'people', 'notes'], '/employers/new');
  ids.eid = sql('SELECT max(id) FROM employer');
  await postInjected(es, 'employer-contact', `/employers/${ids.eid}/contacts`, {
    with: 'employer', for: ids.pid, referral_id: ids.rid, 'date-day': day.day, 'date-month': day.month,
    'date-year': day.year, mode: 'phone', attended: 'yes',
  }, ['note'], `/employers/${ids.eid}/contacts/new?for=${ids.pid}`);
  const start = daysAgo(5);
  await postInjected(es, 'job', `/people/${ids.pid}/jobs`, {
    referral_id: ids.rid, employer_id: ids.eid, title: 'Baker', job_type: '5432', 'started_on-day': start.day,
    'started_on-month': start.month, 'started_on-year': start.year, hours_per_week: '16', hourly_wage: '12.71',
    competitive: 'yes',
  }, ['title'], `/people/${ids.pid}/jobs/new`);
  ids.jid = sql('SELECT max(id) FROM job');

  // every field that is shown back as typed must have carried the payload
  for (const f of ['referral.given_name', 'referral.family_name', 'referral.reason', 'person.address',
    'profile.strengths', 'contact.note', 'employer.name', 'employer.notes', 'employer-contact.note', 'job.title'])
    assert.ok(injected.includes(f), `${f} was stored with the payload (refused: ${refused.join(', ')})`);

  // now every page that could show them, as every role that may see it, and the
  // search boxes that echo what was typed
  const problems = [];
  let shown = 0;
  const rows = parseRoutes().filter((r) => r.method === 'GET');
  for (const [role, user] of Object.entries(USER_FOR_ROLE)) {
    const c = await as(user);
    const paths = rows.filter((r) => r.roles.has(role) || r.roles.has('ROLE_ANYONE') || r.roles.has('ROLE_SIGNED_IN'))
      .map((r) => fill(r.path));
    paths.push('/people?q=' + encodeURIComponent(PAYLOAD), '/employers?q=' + encodeURIComponent(PAYLOAD),
      `/employers?for=${ids.pid}`, `/employers/${ids.eid}/contacts/new?for=${ids.pid}`);
    for (const path of paths) {
      const r = await c.get(path);
      if (r.status >= 500) problems.push(`${user} ${path}: ${r.status}`);
      const type = r.headers.get('content-type') || '';
      if (!/html/.test(type)) continue;   // JSON, CSV and spreadsheets are not parsed as markup
      if (LIVE.test(r.body)) problems.push(`${user} ${path}: the payload is live markup`);
      if (ESCAPED.test(r.body)) shown++;
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(shown >= 10, `the payload was shown (escaped) on ${shown} pages: the walk saw the records`);
  console.log(`# markup: stored through ${injected.length} fields, refused by ${refused.length} ` +
    `(${refused.join(', ')}); shown escaped on ${shown} pages`);
  // the public pages too, for a visitor
  for (const path of ['/', '/refer', '/refer/done', '/sign-in']) assert.doesNotMatch((await visitor.get(path)).body, LIVE, path);
});

test('a commissioner, reviewer or auditor never sees a named person on any page', async () => {
  assert.ok(ids.pid, 'runs after the markup test, whose records it looks for');
  const names = sql("SELECT given_name || char(10) || family_name FROM client WHERE given_name NOT LIKE '%<%'")
    .split('\n').filter((n) => n.length > 2);
  names.push('Okafor', '943 476 5919', '9434765919', 'alert(1)', '&lt;script');
  const rows = parseRoutes().filter((r) => r.method === 'GET');
  const problems = [];
  for (const role of ['ROLE_COMMISSIONER', 'ROLE_REVIEWER', 'ROLE_AUDITOR']) {
    const c = await as(USER_FOR_ROLE[role]);
    for (const row of rows) {
      const path = fill(row.path);
      const r = await c.get(path);
      for (const n of names) if (r.body.includes(n)) problems.push(`${role} ${path} (${r.status}) shows "${n}"`);
    }
  }
  assert.deepEqual(problems, []);
});

// Plain valid bodies for the forms, so a route that skipped its CSRF check would write.
function validBody(path) {
  const day = daysAgo(1);
  if (path === '/referrals' || path === '/refer')
    return referralFields({ given_name: 'Csrf', family_name: 'Probe', nhs_number: '', site: 'S1',
      team: sql("SELECT id FROM team WHERE code = 'T1'") });
  if (/contacts$/.test(path))
    return { 'date-day': day.day, 'date-month': day.month, 'date-year': day.year, with: path.startsWith('/employers') ? 'employer' : 'client',
      mode: 'phone', attended: 'yes', note: 'csrf probe', referral_id: ids.rid };
  if (path === '/employers') return { name: 'Csrf Probe Ltd', sector: 'Retail', postcode: 'NE8 1AA' };
  if (path === '/sign-in') return { username: 'specialist', password: PASSWORD };
  if (/\/profile$/.test(path)) return { strengths: 'csrf probe' };
  if (/\/edit$/.test(path)) return { given_name: 'Changed', family_name: 'ByCsrf' };
  if (path === '/account/tokens') return { name: 'csrf probe' };
  if (/handover$/.test(path)) return { to: sql("SELECT staff_id FROM account WHERE username = 'specialist2'"), note: 'csrf probe' };
  return { note: 'csrf probe', next_step: 'csrf probe' };
}

test('every state-changing route refuses a form without its CSRF token and writes nothing', async () => {
  assert.ok(ids.pid, 'runs after the markup test, whose records it fills the routes with');
  const rows = parseRoutes().filter((r) => r.method !== 'GET');
  assert.ok(rows.length >= 20, `found ${rows.length} state-changing routes`);
  // sessions with their CSRF token known (so each post below leaves out a real one)
  for (const user of Object.values(USER_FOR_ROLE)) await as(user);
  const visitor = new Client(srv.base);
  await visitor.get('/sign-in');
  const tables = ['client', 'referral', 'contact', 'employer', 'job', 'audit', 'client_event', 'session', 'handover'];
  const counts = () => sql(tables.map((t) => `SELECT '${t}', count(*) FROM ${t};`).join(' '));
  const before = counts();
  const problems = [];
  for (const row of rows) {
    const allowed = row.roles.has('ROLE_SIGNED_IN') ? ['ROLE_SPECIALIST', 'specialist']
      : Object.entries(USER_FOR_ROLE).find(([role]) => row.roles.has(role));
    const c = row.roles.has('ROLE_ANYONE') ? visitor : allowed ? sessions[allowed[1]] : null;
    if (!c) { problems.push(`${row.method} ${row.path}: no role to try it with`); continue; }
    const path = fill(row.path);
    for (const csrf of [null, '', 'A'.repeat(43), c.csrf + 'x']) {
      let status;
      if (row.method === 'UPLOAD') {
        const form = new FormData();
        if (csrf !== null) form.append('csrf', csrf);
        form.append('file', new Blob(['ref,name\nx,y\n'], { type: 'text/csv' }), 'employers.csv');
        const res = await fetch(srv.base + path, { method: 'POST', body: form, redirect: 'manual',
          headers: { cookie: c.cookieHeader() } });
        status = res.status;
        await res.arrayBuffer();
      } else {
        status = (await c.post(path, { ...validBody(row.path), csrf }, { method: row.method })).status;
      }
      const ok = status === 403 || (row.path.startsWith('/api/') && status === 401);
      if (!ok) problems.push(`${row.method} ${path} with csrf=${JSON.stringify(csrf)}: ${status}`);
    }
  }
  assert.deepEqual(problems, []);
  assert.equal(counts(), before, 'nothing was written');
  // and the token really is what is missing: the same session with it gets through
  const es = sessions.specialist;
  await es.get(`/people/${ids.pid}/contacts/new`);
  assert.equal((await es.post(`/people/${ids.pid}/contacts`, validBody(`/people/${ids.pid}/contacts`))).status, 303);
});

test('session fixation: an id planted before sign-in is never the one after', async () => {
  // an attacker takes an anonymous session from the sign-in page and plants it
  const attacker = new Client(srv.base);
  await attacker.get('/sign-in');
  const planted = attacker.cookies.get('ipsdesk_sid');
  assert.ok(planted);
  const victim = new Client(srv.base);
  victim.cookies.set('ipsdesk_sid', planted);
  await victim.get('/sign-in');
  assert.equal((await victim.post('/sign-in', { username: 'clinician', password: PASSWORD })).status, 303);
  const after = victim.cookies.get('ipsdesk_sid');
  assert.notEqual(after, planted);
  assert.equal((await victim.get('/people')).status, 200, 'the victim is signed in');
  assert.equal((await attacker.get('/people')).location, '/sign-in', 'the planted id gives the attacker nothing');
  // a made-up id is never taken up as the session's id
  const forger = new Client(srv.base);
  forger.cookies.set('ipsdesk_sid', 'x'.repeat(43));
  await forger.get('/sign-in');
  assert.notEqual(forger.cookies.get('ipsdesk_sid'), 'x'.repeat(43));
  assert.equal((await forger.post('/sign-in', { username: 'clinician', password: PASSWORD })).status, 303);
  assert.notEqual(forger.cookies.get('ipsdesk_sid'), 'x'.repeat(43));
});

test('every kind of response carries the security headers; pages are never cached', async () => {
  const es = await as('specialist');
  const cookie = { cookie: es.cookieHeader() };
  const cases = [
    ['GET', '/sign-in', {}], ['GET', '/healthz', {}], ['GET', '/assets/ipsdesk.css', {}],
    ['GET', '/assets/ipsdesk.js', {}], ['GET', '/assets/images/favicon.ico', {}], ['GET', '/assets/nope.css', {}],
    ['GET', '/no-such-page', {}], ['PUT', '/people', {}], ['GET', '/people/%zz', {}], ['GET', '/caseload', {}],
    ['GET', '/caseload', cookie], ['GET', `/people/${ids.pid ?? 1}`, cookie], ['GET', '/referrals', cookie],
    ['GET', '/audit', cookie], ['GET', '/api/v1/reports/outcomes', {}], ['GET', '/api/v1/no-such', {}],
    ['GET', '/api/v1/people', { authorization: 'Bearer nonsense' }], ['GET', '/api/v1/people', cookie],
    ['POST', '/people', {}], ['POST', '/refer', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=1'],
    ['POST', '/refer', { 'content-type': 'application/x-www-form-urlencoded' }, 'a='.padEnd(1024 * 1024 + 10, 'x')],
  ];
  const problems = [];
  for (const [method, path, headers, body] of cases) {
    const res = await fetch(srv.base + path, { method, headers, body, redirect: 'manual' });
    await res.arrayBuffer();
    const h = (n) => res.headers.get(n) || '';
    const where = `${method} ${path} (${res.status})`;
    const csp = h('content-security-policy');
    if (!/frame-ancestors 'none'/.test(csp) || /unsafe-inline|unsafe-eval/.test(csp) || !/default-src 'self'/.test(csp))
      problems.push(`${where}: CSP ${csp}`);
    if (h('x-content-type-options') !== 'nosniff') problems.push(`${where}: no nosniff`);
    if (h('referrer-policy') !== 'no-referrer') problems.push(`${where}: referrer policy ${h('referrer-policy')}`);
    if (h('x-frame-options') !== 'DENY') problems.push(`${where}: X-Frame-Options ${h('x-frame-options')}`);
    const cacheable = path.startsWith('/assets/') && res.status === 200;
    if (!cacheable && h('cache-control') !== 'no-store') problems.push(`${where}: Cache-Control ${h('cache-control')}`);
    if (!h('content-type')) problems.push(`${where}: no Content-Type`);
  }
  assert.deepEqual(problems, []);
});
