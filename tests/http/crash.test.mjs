// tests/http/crash.test.mjs — crash safety (issue 7): several clients record contacts
// through the web form while the server is killed with SIGKILL at random moments and
// restarted on the same database. After every kill: each contact the server
// acknowledged (303) is there, none is half there (a contact without its audit entry or
// its timeline line, or the other way round), PRAGMA integrity_check is ok and
// `ipsdesk audit verify` passes. A process crash loses nothing in WAL mode at any
// synchronous setting; surviving a power cut is what synchronous = FULL is for (db.c).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, PASSWORD, ipsdesk, ipsdeskStatus, signedIn, referralFields, daysAgo } from './lib.mjs';

const KILLS = Number(process.env.CRASH_KILLS || 24);
const CLIENTS = 6;

let srv, db, person, proc = null;
const sessions = {};
const t0 = Date.now();
const dbg = process.env.CRASH_DEBUG ? (...a) => console.error('#', Date.now() - t0, ...a) : () => {};
const sql = (s) => execFileSync('sqlite3', [db, s], { encoding: 'utf8' }).trim();

// The server as the clients see it: base is null while it is down; ready resolves once
// it is up again.
let base = null, readyResolve, ready;
function markDown() { base = null; ready = new Promise((r) => { readyResolve = r; }); }
markDown();

function serve() {
  const p = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  p.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + stderr)), 15000);
    p.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/[^\s]+?)\/?\n/);
      if (m) { clearTimeout(timer); resolve({ p, url: m[1] }); }
    });
    p.on('exit', (code, sig) => { clearTimeout(timer); if (sig !== 'SIGKILL') reject(new Error(`server exited ${code}: ${stderr}`)); });
  });
}

async function killServer() {
  const p = proc;
  proc = null;
  markDown();
  const gone = new Promise((r) => p.on('exit', r));
  p.kill('SIGKILL');
  await gone;
}

// A small database of its own (two accounts: sign-in hashing is slow under ASan):
// one person, referred by the specialist and allocated to them by the team leader.
before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipsdesk-crash-'));
  db = join(dir, 'crash.db');
  srv = { dir };
  ipsdesk(['init', '--db', db]);
  ipsdesk(['site', 'add', 'S1', '--name', 'Northgate Trust', '--db', db]);
  ipsdesk(['team', 'add', 'T1', '--site', 'S1', '--name', 'North IPS', '--db', db]);
  for (const [user, role] of [['specialist', 'specialist'], ['leader', 'team_leader']])
    ipsdesk(['user', 'add', user, '--name', `Test ${user}`, '--role', role, '--team', 'T1', '--db', db], PASSWORD + '\n');
  ({ p: proc, url: base } = await serve());
  readyResolve();
  dbg('serving', base);
  sessions.specialist = await signedIn(base, 'specialist');
  sessions.leader = await signedIn(base, 'leader');
  const es = sessions.specialist;
  await es.get('/referrals/new');
  const made = await es.post('/referrals', referralFields({ given_name: 'Crash', family_name: 'Test', team: sql("SELECT id FROM team WHERE code = 'T1'") }));
  assert.ok(made.status === 303 || /Referral sent/.test(made.body), made.body.slice(0, 300));
  const rid = sql('SELECT max(id) FROM referral');
  const specialistStaff = sql("SELECT staff_id FROM account WHERE username = 'specialist'");
  await sessions.leader.get('/referrals');
  const alloc = await sessions.leader.post(`/referrals/${rid}/allocate`, { [`specialist-${rid}`]: specialistStaff });
  assert.equal(alloc.status, 303);
  person = sql('SELECT client_id FROM referral WHERE id = ' + rid);
  dbg('allocated');
});

after(async () => {
  if (proc) await killServer();
  rmSync(srv.dir, { recursive: true, force: true });
});

// What the database holds after a crash, checked from outside the server (one sqlite3
// run, for speed): returns how many of the test's contacts it holds.
function checkDatabase(acked, sent) {
  const got = JSON.parse(sql(`SELECT json_object(
    'integrity', (SELECT group_concat(integrity_check) FROM pragma_integrity_check),
    'fk', (SELECT count(*) FROM pragma_foreign_key_check),
    'notes', (SELECT json_group_array(note) FROM contact WHERE note LIKE 'crash-%'),
    'no_audit', (SELECT count(*) FROM contact c WHERE NOT EXISTS (SELECT 1 FROM audit a
      WHERE a.action = 'contact.create' AND a.entity = 'contact' AND a.entity_id = c.id)),
    'no_contact', (SELECT count(*) FROM audit a WHERE a.action = 'contact.create'
      AND NOT EXISTS (SELECT 1 FROM contact c WHERE c.id = a.entity_id)),
    'contacts', (SELECT count(*) FROM contact WHERE referral_id IN (SELECT id FROM referral WHERE client_id = ${person})),
    'lines', (SELECT count(*) FROM client_event WHERE client_id = ${person} AND kind = 'contact'))`));
  assert.equal(got.integrity, 'ok');
  assert.equal(got.fk, 0, 'no broken foreign key');
  const notes = got.notes;
  const present = new Set(notes);
  assert.equal(present.size, notes.length, 'no contact was written twice');
  assert.deepEqual([...acked].filter((n) => !present.has(n)), [], 'every acknowledged contact is present');
  assert.deepEqual(notes.filter((n) => !sent.has(n)), [], 'nothing appears that was never sent');
  // whole or not at all: contact <-> audit entry, contact <-> timeline line
  assert.equal(got.no_audit, 0, 'every contact has its audit entry');
  assert.equal(got.no_contact, 0, 'every contact.create audit entry has its contact');
  assert.equal(got.contacts, got.lines, 'every contact has its timeline line, and no line is without its contact');
  const v = ipsdeskStatus(['audit', 'verify', '--db', db]);
  assert.equal(v.status, 0, 'audit verify: ' + v.out);
  return present.size;
}

test(`acknowledged contacts survive ${KILLS} kills at random moments, whole`, async () => {
  // two sessions (one a team leader's, who may record contacts too), each used by
  // several clients at once; sessions live in the database, so they outlast every restart
  const clients = [];
  for (const c of [sessions.specialist, sessions.leader]) {
    await c.get(`/people/${person}/contacts/new`);
    assert.ok(c.csrf);
  }
  for (let i = 0; i < CLIENTS; i++) clients.push(i % 2 ? sessions.leader : sessions.specialist);

  const acked = new Set(), sent = new Set(), problems = [];
  let stopping = false, seq = 0, unanswered = 0;
  const day = daysAgo(1);
  async function work(c, ci) {
    while (!stopping) {
      await ready;
      if (stopping) break;
      const at = base;
      const note = `crash-${ci}-${seq++}`;
      sent.add(note);
      const body = new URLSearchParams({
        csrf: c.csrf, 'date-day': day.day, 'date-month': day.month, 'date-year': day.year,
        with: 'client', mode: 'phone', minutes: '15', attended: 'yes', note,
      }).toString();
      try {
        const res = await fetch(`${at}/people/${person}/contacts`, {
          method: 'POST', redirect: 'manual', body,
          headers: { cookie: c.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        });
        // the status line arrives only after the commit: this write is acknowledged
        if (res.status === 303) acked.add(note);
        else problems.push(`${note}: ${res.status}`);
        await res.text().catch(() => {});
      } catch {
        unanswered++;   // in flight when the server died: may or may not be there
        if (base === at) await new Promise((r) => setTimeout(r, 5));
      }
    }
  }
  const workers = clients.map((c, i) => work(c, i));

  let kills = 0, lastCount = 0;
  for (; kills < KILLS; kills++) {
    dbg('kill', kills, 'acked', acked.size, 'sent', sent.size);
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 400));
    await killServer();
    dbg('killed');
    lastCount = checkDatabase(acked, sent);
    dbg('checked');
    ({ p: proc, url: base } = await serve());
    readyResolve();
    dbg('up');
    assert.equal((await fetch(base + '/healthz')).status, 200);
  }
  stopping = true;
  readyResolve();
  await Promise.all(workers);
  await killServer();
  lastCount = checkDatabase(acked, sent);
  assert.deepEqual(problems, [], 'no write was answered with anything but 303');
  assert.ok(acked.size >= KILLS * 5, `enough writes to mean something: ${acked.size} acknowledged`);
  // and the database the kills left behind still serves the person's record
  ({ p: proc, url: base } = await serve());
  readyResolve();
  const viewer = clients[0];
  viewer.base = base;
  const page = await viewer.get(`/people/${person}`);
  assert.equal(page.status, 200);
  console.log(`# crash: ${kills} kills, ${sent.size} sent, ${acked.size} acknowledged, ` +
    `${unanswered} unanswered, ${lastCount} in the database, 0 lost`);
});
