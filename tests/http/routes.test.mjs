// tests/http/routes.test.mjs — walks every row of src/web/routes.c for every role
// (and for nobody signed in): a role the row lists is let through, any other is
// refused — 403 for a signed-in account, the sign-in page or 403 for a visitor.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { startServer, Client, signedIn, referralFields } from './lib.mjs';

const ROLE = {
  ROLE_PUBLIC: ['public'], ROLE_SPECIALIST: ['specialist'], ROLE_TEAM_LEADER: ['team_leader'],
  ROLE_CLINICIAN: ['clinician'], ROLE_ADMIN: ['admin'], ROLE_AUDITOR: ['auditor'],
  ROLE_REVIEWER: ['reviewer'], ROLE_COMMISSIONER: ['commissioner'],
};
const ALL_SIGNED_IN = ['specialist', 'team_leader', 'clinician', 'admin', 'auditor', 'reviewer', 'commissioner'];
ROLE.ROLE_SIGNED_IN = ALL_SIGNED_IN;
ROLE.ROLE_ANYONE = ['public', ...ALL_SIGNED_IN];

function parseRoutes() {
  const src = readFileSync(new URL('../../src/web/routes.c', import.meta.url), 'utf8');
  const macros = {};
  for (const m of src.matchAll(/#define (\w+) \(([^)]*)\)/g)) macros[m[1]] = m[2];
  const expand = (expr) => expr.split('|').map((s) => s.trim()).flatMap((t) =>
    macros[t] ? expand(macros[t]) : ROLE[t] ?? (() => { throw new Error('unknown role ' + t); })());
  const rows = [];
  // UPLOAD rows are POSTs of multipart/form-data: the walk's urlencoded POST must get a
  // 4xx other than 403 (415) from the roles they list, like any other POST route. PATCH
  // rows (the JSON API's changes) are walked as a CSRF-checked form sent with PATCH.
  for (const m of src.matchAll(/\{(GET|POST|UPLOAD|PATCH),\s*"([^"]+)",\s*([^,]+),\s*(\w+)\}/g))
    rows.push({ method: m[1] === 'UPLOAD' ? 'POST' : m[1], path: m[2], roles: new Set(expand(m[3])), handler: m[4] });
  return rows;
}

const USER_FOR = {
  specialist: 'specialist', team_leader: 'leader', clinician: 'clinician', admin: 'admin',
  auditor: 'auditor', reviewer: 'reviewer', commissioner: 'commissioner',
};

let srv, ids;
before(async () => {
  srv = await startServer();
  // one person referred by the clinician and allocated to the specialist, so :id routes exist
  const clin = await signedIn(srv.base, 'clinician');
  await clin.get('/referrals/new');
  await clin.post('/referrals', referralFields());
  const q = (s) => execFileSync('sqlite3', [srv.db, s], { encoding: 'utf8' }).trim();
  const specialist = q("SELECT staff_id FROM account WHERE username = 'specialist'");
  const referral = q('SELECT max(id) FROM referral');
  const leader = await signedIn(srv.base, 'leader');
  await leader.get('/referrals');
  await leader.post(`/referrals/${referral}/allocate`, { [`specialist-${referral}`]: specialist });
  ids = { id: q('SELECT max(id) FROM client'), rid: referral, specialist, name: 'ipsdesk.css' };
});
after(async () => { await srv.stop(); });

function fill(path) {
  return path.replace(/:id\b/, (path.startsWith('/caseload') ? ids.specialist : path.startsWith('/referrals') ? ids.rid : ids.id))
    .replace(/:rid\b/, ids.rid).replace(/:name\b/, ids.name).replace(/:item\b/, 'V4');
}

test('every route lets in the roles it lists and refuses the rest', async () => {
  const rows = parseRoutes();
  assert.ok(rows.length >= 25, `parsed ${rows.length} routes`);
  const problems = [];
  for (const role of ['public', ...ALL_SIGNED_IN]) {
    // one session per role (argon2id makes each sign-in cost a fraction of a second)
    const session = role === 'public' ? null : await signedIn(srv.base, USER_FOR[role]);
    for (const row of rows) {
      if (row.path === '/sign-out' || row.path === '/sign-in' && row.method === 'POST') continue;  // below
      const c = session ?? new Client(srv.base);
      const path = fill(row.path);
      let r;
      if (row.method === 'GET') r = await c.get(path);
      else {
        if (role === 'public') await c.get('/refer');   // a visitor's CSRF token
        r = await c.post(path, {}, { method: row.method });   // an empty form: allowed roles get 4xx-for-input, never 403
      }
      const allowed = row.roles.has(role);
      const refused = r.status === 403 || r.status === 401 || (r.status === 303 && r.location === '/sign-in' && row.path !== '/');
      if (allowed && refused) problems.push(`${role} ${row.method} ${row.path}: refused (${r.status})`);
      if (!allowed && !refused) problems.push(`${role} ${row.method} ${row.path}: let in (${r.status})`);
      if (r.status >= 500) problems.push(`${role} ${row.method} ${row.path}: ${r.status}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('sign-out is for signed-in people only', async () => {
  const visitor = new Client(srv.base);
  await visitor.get('/refer');
  assert.equal((await visitor.post('/sign-out', {})).status, 403);
  for (const role of ALL_SIGNED_IN) {
    const c = await signedIn(srv.base, USER_FOR[role]);
    assert.equal((await c.post('/sign-out', {})).status, 303, role);
  }
});

test('a commissioner, reviewer or auditor never sees a named person', async () => {
  for (const user of ['commissioner', 'reviewer', 'auditor']) {
    const c = await signedIn(srv.base, user);
    for (const row of parseRoutes().filter((x) => x.method === 'GET')) {
      const r = await c.get(fill(row.path));
      assert.doesNotMatch(r.body, /Okafor|Amara|943 476 5919|9434765919/, `${user} ${row.path}`);
    }
  }
});
