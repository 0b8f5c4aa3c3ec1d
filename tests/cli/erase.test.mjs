// tests/cli/erase.test.mjs — `ipsdesk erase`: erasure after the retention period. A
// database built by import and over HTTP holds a person whose records ended long ago,
// one closed recently, one with an open referral, one in a job still going and one
// with a recent employer contact on their behalf; only the first may go, with every
// row about them, while the employer contacts made for them stay (unlinked), the audit
// log stays whole and verifies, and the reports still run. The admin page
// (/admin/erasure) previews, then erases on confirmation; a failed run erases nobody.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, PASSWORD, signedIn } from '../http/lib.mjs';

function run(args, input) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', input: input ?? '' });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

const sql = (db, q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' }).trim();

// Today in Europe/London (ipsdesk's "today"), and days or years around it, as ISO.
const LONDON_TODAY = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
function shift(iso, { days = 0, years = 0 }) {
  const [y, m, d] = iso.split('-').map(Number);
  const t = new Date(Date.UTC(y + years, m - 1, m === 2 && d === 29 && years ? 28 : d) + days * 86400000);
  return t.toISOString().slice(0, 10);
}
const RECENT = shift(LONDON_TODAY, { days: -60 });

// C1 Zebedee: everything ended in 2016, well before the cutoff: erased.
// C2 closed 60 days ago; C3 still open; C4 closed long ago but still in a job;
// C5 closed long ago with an employer contact on their behalf 60 days ago.
// C6 Quillfeather: ended in 2021, erased later from the admin page.
const FILES = {
  'sites.csv': 'code,name\nS1,Northgate Trust\n',
  'teams.csv': 'code,site_code,name\nT1,S1,North IPS\n',
  'staff.csv': 'code,team_code,name,role,fte\nES1,T1,Ann Smith,specialist,1\nTL1,T1,Cara Lee,team_leader,1\n',
  'employers.csv': 'ref,site_code,name,sector\nE1,S1,Greggs,Retail\n',
  'clients.csv': 'ref,site_code,nhs_number,given_name,family_name,birth_date,postcode,gender,ethnic_category\n'
    + 'C1,S1,9434765919,Xanthe,Zebedee,1980-01-02,LS1 4AP,2,N\n'
    + 'C2,S1,,Bea,Recent,1985-03-04,,,\n'
    + 'C3,S1,,Cal,Open,1986-03-04,,,\n'
    + 'C4,S1,,Dot,Working,1987-03-04,,,\n'
    + 'C5,S1,,Eli,Engaged,1988-03-04,,,\n'
    + 'C6,S1,,Fay,Quillfeather,1989-03-04,,,\n',
  'referrals.csv': 'ref,client_ref,team_code,received_on,source,specialist_code,employment_status,closed_on,close_reason\n'
    + 'R1,C1,T1,2015-01-05,gp,ES1,04,2016-03-01,person_choice\n'
    + `R2,C2,T1,2015-01-05,gp,ES1,04,${RECENT},moved_away\n`
    + 'R3,C3,T1,2015-01-05,gp,ES1,04,,\n'
    + 'R4,C4,T1,2015-01-05,gp,ES1,04,2016-01-01,sustained_work\n'
    + 'R5,C5,T1,2015-01-05,gp,ES1,04,2016-01-01,lost_contact\n'
    + 'R6,C6,T1,2020-01-05,self,ES1,04,2021-03-01,person_choice\n',
  'contacts.csv': 'ref,date,staff_code,with,referral_ref,employer_ref,mode,place,minutes,attended\n'
    + 'K1,2015-02-01,ES1,client,R1,,face_to_face,community,45,yes\n'
    + 'K2,2015-03-01,ES1,employer,R1,E1,face_to_face,community,30,yes\n'
    + 'K3,2015-04-01,ES1,family,R1,,phone,,10,yes\n'
    + 'K4,2015-02-01,ES1,client,R2,,face_to_face,community,45,yes\n'
    + 'K5,2015-02-01,ES1,client,R3,,face_to_face,community,45,yes\n'
    + 'K6,2015-02-01,ES1,client,R4,,face_to_face,community,45,yes\n'
    + `K7,${RECENT},ES1,employer,R5,E1,face_to_face,community,30,yes\n`
    + 'K8,2015-02-01,ES1,employer,,E1,face_to_face,community,30,yes\n'
    + 'K9,2020-02-01,ES1,client,R6,,video,,30,yes\n',
  'jobs.csv': 'ref,referral_ref,employer_ref,title,job_type,started_on,ended_on,hours_per_week,hourly_wage,competitive,end_reason\n'
    + 'J1,R1,E1,Baker,5432,2015-06-01,2015-12-01,16,12.2,yes,moved on\n'
    + 'J2,R4,E1,Cook,5434,2015-06-01,,20,12.5,yes,\n',
};

let dir, db, server, base, ids = {};

// Every table that holds something about a person, and how many rows each has.
const TABLES = ['client', 'client_profile', 'referral', 'contact', 'job', 'application', 'support_item',
  'client_event', 'benefits_advice', 'cv', 'match_person', 'audit'];
const counts = () => Object.fromEntries(TABLES.map((t) => [t, Number(sql(db, `SELECT count(*) FROM ${t}`))]));

async function startServe() {
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + stderr)), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/[^\s]+?)\/?\n/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
  return { proc, url, stderr: () => stderr };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ipsdesk-erase-'));
  db = join(dir, 'test.db');
  execFileSync(BIN, ['init', '--db', db]);
  const csv = join(dir, 'csv');
  execFileSync('mkdir', [csv]);
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(csv, name), text);
  const imp = run(['import', '--db', db, csv]);
  assert.equal(imp.status, 0, imp.err);
  for (const [user, role, staff] of [['leader', 'team_leader', 'TL1'], ['admin', 'admin', null]]) {
    const args = ['user', 'add', user, '--name', `Test ${user}`, '--role', role, '--db', db];
    if (staff) args.push('--team', 'T1', '--staff-code', staff);
    const r = run(args, PASSWORD + '\n');
    assert.equal(r.status, 0, r.err);
  }
  for (const ref of ['C1', 'C2', 'C3', 'C4', 'C5', 'C6']) ids[ref] = Number(sql(db, `SELECT id FROM client WHERE ref = '${ref}'`));
  // the import leaves the people matching ranks (match_person, kept by triggers) right:
  // C3 alone has an open referral
  assert.equal(sql(db, 'SELECT count(*) FROM match_person'), '1');
  assert.equal(sql(db, 'SELECT count(*) FROM (SELECT * FROM match_person EXCEPT SELECT * FROM match_person_source)'), '0');
  assert.equal(sql(db, 'SELECT count(*) FROM (SELECT * FROM match_person_source EXCEPT SELECT * FROM match_person)'), '0');

  // Over HTTP, as a team leader of the site: the person's profile, CV, benefits advice
  // and a subject access (all audited, with timeline lines).
  server = await startServe();
  base = server.url;
  const tl = await signedIn(base, 'leader');
  const id = ids.C1;
  let r = await tl.post(`/people/${id}/profile`, { work_history: 'Zebedee worked in a bakery', job_types: 'Baking' });
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  await tl.get(`/people/${id}/cv`);
  r = await tl.post(`/people/${id}/cv`, { statement: 'Zebedee is reliable', skills: 'Bread' });
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  await tl.get(`/people/${id}/benefits-advice/new`);
  r = await tl.post(`/people/${id}/benefits-advice`, {
    'date-day': '1', 'date-month': '5', 'date-year': '2015', covered: 'Universal Credit for Zebedee', follow_up: '',
  });
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  assert.equal((await tl.get(`/people/${id}/subject-access`)).status, 200);
  assert.equal((await tl.get(`/people/${ids.C2}`)).status, 200);

  // What the web records only as the work goes on: a job-search step, an in-work
  // support item met by a contact, and a note on the employer contact naming them.
  sql(db, `INSERT INTO application (referral_id, employer_id, title, kind, identified_on, outcome, outcome_on, job_id, note, created_at, updated_at)
    SELECT r.id, e.id, 'Baker', 'speculative', '2015-05-01', 'started', '2015-05-20', j.id, 'Zebedee applied', '2015-05-01T00:00:00Z', '2015-05-01T00:00:00Z'
    FROM referral r, employer e, job j WHERE r.ref = 'R1' AND e.ref = 'E1' AND j.ref = 'J1'`);
  sql(db, `INSERT INTO support_item (job_id, kind, window_from, window_to, status, contact_id, created_at, updated_at)
    SELECT j.id, 'after_start', '2015-06-01', '2015-06-04', 'met', k.id, '2015-06-01T00:00:00Z', '2015-06-01T00:00:00Z'
    FROM job j, contact k WHERE j.ref = 'J1' AND k.ref = 'K2'`);
  sql(db, `INSERT INTO support_item (job_id, kind, window_from, window_to, status, created_at, updated_at)
    SELECT j.id, 'weekly', '2015-06-08', '2015-06-14', 'missed', '2015-06-01T00:00:00Z', '2015-06-01T00:00:00Z'
    FROM job j WHERE j.ref = 'J1'`);
  sql(db, "UPDATE contact SET note = 'Asked about a job for Xanthe Zebedee' WHERE ref = 'K2'");
});

after(async () => {
  if (server) {
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.on('exit', r));
    assert.doesNotMatch(server.stderr(), /ERROR: (Address|Leak|Undefined)Sanitizer|runtime error/);
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a cutoff within the last year, or not a real date, is refused and nothing is written', () => {
  const before0 = counts();
  for (const bad of [shift(LONDON_TODAY, { years: -1, days: 1 }), LONDON_TODAY, '2019-02-30', '2019-1-01', 'yesterday']) {
    const r = run(['erase', '--db', db, '--before', bad]);
    assert.equal(r.status, 1, `${bad}: ${r.out}`);
    assert.match(r.err, /^ipsdesk: before: /m, bad);
    assert.doesNotMatch(r.out + r.err, /Zebedee|Xanthe/);
  }
  assert.match(run(['erase', '--db', db, '--before', LONDON_TODAY]).err, /at least a year ago/);
  const usage = run(['erase', '--db', db]);
  assert.equal(usage.status, 2);
  assert.match(usage.err, /usage: ipsdesk erase/);
  assert.deepEqual(counts(), before0);
});

test('a dry run says what would be erased, names nobody and writes nothing', () => {
  const before0 = counts();
  const head0 = run(['audit', 'verify', '--db', db]).out;
  // Exactly a year ago is the nearest cutoff accepted; C2 (closed 60 days ago) is not yet due.
  const r = run(['erase', '--db', db, '--before', shift(LONDON_TODAY, { years: -1 }), '--dry-run']);
  assert.equal(r.status, 0, r.err);
  assert.match(r.out, /^Would erase 2 people whose records ended before \d{4}-\d\d-\d\d: 2 referrals, 3 contacts, 1 job\.$/m);
  assert.match(r.out, /^Would keep 1 employer contact on their behalf/m);
  assert.match(r.out, /^Dry run: nothing was written\.$/m);
  assert.doesNotMatch(r.out + r.err, /Zebedee|Xanthe|C1|9434765919/);
  assert.deepEqual(counts(), before0);
  assert.equal(sql(db, "SELECT referral_id IS NOT NULL, note FROM contact WHERE ref = 'K2'"), '1|Asked about a job for Xanthe Zebedee');
  assert.equal(run(['audit', 'verify', '--db', db]).out, head0);
});

test('the admin page previews without writing, and only admins may use it', async () => {
  const tl = await signedIn(base, 'leader');
  assert.equal((await tl.get('/admin/erasure')).status, 403);
  assert.equal((await tl.post('/admin/erasure', { 'before-day': '1', 'before-month': '1', 'before-year': '2020' })).status, 403);
  const admin = await signedIn(base, 'admin');
  const before0 = counts();   // after signing in, which is audited
  const form = await admin.get('/admin/erasure');
  assert.equal(form.status, 200);
  assert.match(form.body, /Records Management Code of Practice/);
  const [y, m, d] = shift(LONDON_TODAY, { days: -30 }).split('-');
  let r = await admin.post('/admin/erasure', { 'before-day': d, 'before-month': m, 'before-year': y });
  assert.equal(r.status, 422);
  assert.match(r.body, /at least a year ago/);
  r = await admin.post('/admin/erasure', { 'before-day': '31', 'before-month': '2', 'before-year': '2019' });
  assert.equal(r.status, 422);
  r = await admin.post('/admin/erasure', { 'before-day': '1', 'before-month': '1', 'before-year': '2020' });
  assert.equal(r.status, 200);
  assert.match(r.body, /1 person whose records ended before 1 January 2020 would be erased/);
  assert.match(r.body, /1 employer contact on their behalf stay/);
  assert.match(r.body, /name="confirm" value="yes"/);
  assert.doesNotMatch(r.body, /Zebedee|Xanthe/);
  assert.deepEqual(counts(), before0, 'a preview writes nothing');
});

test('erasure removes every row about the person and nobody else, and keeps the audit whole', async () => {
  const before0 = counts();
  const id = ids.C1;
  const theirAudit = Number(sql(db, `SELECT count(*) FROM audit WHERE entity = 'client' AND entity_id = ${id}`));
  assert.ok(theirAudit >= 3, 'the web reads and changes of the record were audited');
  const theirEvents = Number(sql(db, `SELECT count(*) FROM client_event WHERE client_id = ${id}`));
  assert.ok(theirEvents >= 3, 'the web changes added timeline lines');
  assert.equal(sql(db, `SELECT count(*) FROM client_profile WHERE client_id = ${id}`), '1');
  assert.equal(sql(db, `SELECT count(*) FROM cv WHERE client_id = ${id}`), '1');
  assert.equal(sql(db, `SELECT count(*) FROM benefits_advice WHERE client_id = ${id}`), '1');

  // While the server runs (a second process writing the same file).
  const r = run(['erase', '--db', db, '--before', '2020-01-01']);
  assert.equal(r.status, 0, r.err);
  assert.match(r.out, /^Erased 1 person whose records ended before 2020-01-01: 1 referral, 2 contacts, 1 job\.$/m);
  assert.match(r.out, /^Kept 1 employer contact on their behalf/m);
  assert.match(r.out, /Backups taken before now still hold their records/);
  assert.doesNotMatch(r.out + r.err, /Zebedee|Xanthe/);

  // Every row about them is gone.
  assert.equal(sql(db, `SELECT count(*) FROM client WHERE id = ${id}`), '0');
  for (const t of ['client_profile', 'cv', 'benefits_advice', 'client_event', 'referral', 'match_person'])
    assert.equal(sql(db, `SELECT count(*) FROM ${t} WHERE client_id = ${id}`), '0', t);
  assert.equal(sql(db, "SELECT count(*) FROM contact WHERE ref IN ('K1', 'K3')"), '0');
  assert.equal(sql(db, "SELECT count(*) FROM job WHERE ref = 'J1'"), '0');
  assert.equal(sql(db, "SELECT count(*) FROM application"), '0');
  assert.equal(sql(db, "SELECT count(*) FROM support_item"), '0');
  assert.equal(sql(db, "SELECT count(*) FROM referral WHERE ref = 'R1'"), '0');
  // The employer contact on their behalf stays, counted, but no longer says for whom.
  assert.equal(sql(db, "SELECT referral_id IS NULL, note IS NULL, with_whom, date FROM contact WHERE ref = 'K2'"),
    '1|1|employer|2015-03-01');

  const after0 = counts();
  assert.deepEqual(after0, {
    ...before0, client: before0.client - 1, client_profile: before0.client_profile - 1, referral: before0.referral - 1,
    contact: before0.contact - 2, job: before0.job - 1, application: 0, support_item: 0,
    client_event: before0.client_event - theirEvents, benefits_advice: before0.benefits_advice - 1,
    cv: before0.cv - 1, audit: before0.audit + 2,
  });
  // Nobody else was touched.
  for (const ref of ['C2', 'C3', 'C4', 'C5', 'C6'])
    assert.equal(sql(db, `SELECT count(*) FROM client c JOIN referral r ON r.client_id = c.id WHERE c.ref = '${ref}'`), '1', ref);
  assert.equal(sql(db, "SELECT count(*) FROM contact WHERE ref IN ('K4','K5','K6','K7','K8') AND (ref = 'K8' OR referral_id IS NOT NULL)"), '5');
  assert.equal(sql(db, "SELECT count(*) FROM job WHERE ref = 'J2'"), '1');

  // The audit keeps every entry about them, one client.erase (no fields) and the summary.
  assert.equal(Number(sql(db, `SELECT count(*) FROM audit WHERE entity = 'client' AND entity_id = ${id}`)), theirAudit + 1);
  assert.equal(sql(db, `SELECT actor, action, fields FROM audit WHERE action = 'client.erase'`), `system|client.erase|`);
  assert.equal(sql(db, `SELECT entity_id FROM audit WHERE action = 'client.erase'`), String(id));
  assert.equal(sql(db, "SELECT entity, entity_id, fields FROM audit WHERE action = 'erasure.run'"), 'erasure|1|before');
  const v = run(['audit', 'verify', '--db', db]);
  assert.equal(v.status, 0, v.err);
  assert.match(v.out, /audit chain ok/);
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  assert.equal(sql(db, 'PRAGMA foreign_key_check'), '');

  // The web no longer finds them; the others are still there.
  const tl = await signedIn(base, 'leader');
  assert.equal((await tl.get(`/people/${id}`)).status, 404);
  assert.equal((await tl.get(`/people/${ids.C4}`)).status, 200);
  assert.match((await tl.get('/people?q=Zebedee')).body, /No people found/);

  // Outcome reports and the export still run over what is left.
  const rep = run(['report', '--db', db, '--from', '2015-01-01', '--to', LONDON_TODAY]);
  assert.equal(rep.status, 0, rep.err);
  const out = join(dir, 'export');
  assert.equal(run(['export', '--db', db, out]).status, 0);
  assert.doesNotMatch(readFileSync(join(out, 'clients.csv'), 'utf8'), /Zebedee/);
  assert.match(readFileSync(join(out, 'contacts.csv'), 'utf8'), /^K2,2015-03-01,ES1,employer,,E1,/m);
});

test('the admin page erases once confirmed', async () => {
  const admin = await signedIn(base, 'admin');
  await admin.get('/admin/erasure');
  let r = await admin.post('/admin/erasure', { 'before-day': '1', 'before-month': '1', 'before-year': '2022' });
  assert.equal(r.status, 200);
  assert.match(r.body, /1 person whose records ended before 1 January 2022 would be erased/);
  assert.equal(sql(db, `SELECT count(*) FROM client WHERE id = ${ids.C6}`), '1');
  r = await admin.post('/admin/erasure', { 'before-day': '1', 'before-month': '1', 'before-year': '2022', confirm: 'yes' });
  assert.equal(r.status, 200, r.body.slice(0, 2000));
  assert.match(r.body, /Erased 1 person whose records ended before 1 January 2022/);
  assert.doesNotMatch(r.body, /Quillfeather/);
  assert.equal(sql(db, `SELECT count(*) FROM client WHERE id = ${ids.C6}`), '0');
  assert.equal(sql(db, "SELECT count(*) FROM contact WHERE ref = 'K9'"), '0');
  assert.equal(sql(db, `SELECT actor FROM audit WHERE action = 'client.erase' AND entity_id = ${ids.C6}`), 'admin');
  assert.match(run(['audit', 'verify', '--db', db]).out, /audit chain ok/);
  // Without the CSRF token the router refuses the confirm before anything runs.
  assert.equal((await admin.post('/admin/erasure', { 'before-day': '1', 'before-month': '1', 'before-year': '2022', confirm: 'yes', csrf: null })).status, 403);
});

test('every table that points at a person, or at their records, is one erasure knows', () => {
  // A new table holding something about a person must be added to store/erasure.c (and here).
  const links = sql(db, `SELECT m.name || '.' || f."from" || '->' || f."table" FROM sqlite_master m,
    pragma_foreign_key_list(m.name) f WHERE m.type = 'table'
    AND f."table" IN ('client', 'referral', 'job', 'contact', 'application', 'support_item') ORDER BY 1`).split('\n');
  assert.deepEqual(links, [
    'application.job_id->job', 'application.referral_id->referral', 'benefits_advice.client_id->client',
    'client_event.client_id->client', 'client_event.referral_id->referral', 'client_profile.client_id->client',
    'contact.referral_id->referral', 'cv.client_id->client', 'job.referral_id->referral',
    'match_person.client_id->client',
    'referral.client_id->client', 'support_item.contact_id->contact', 'support_item.job_id->job',
  ]);
});

test('the erased details are not left in the database file', async () => {
  server.proc.kill('SIGTERM');
  await new Promise((r) => server.proc.on('exit', r));
  assert.doesNotMatch(server.stderr(), /ERROR: (Address|Leak|Undefined)Sanitizer|runtime error/);
  server = null;
  for (const f of [db, db + '-wal']) {
    if (!existsSync(f)) continue;
    const bytes = readFileSync(f).toString('latin1');
    assert.ok(!bytes.includes('Zebedee'), `${f} still holds the family name`);
    assert.ok(!bytes.includes('Quillfeather'), `${f} still holds the family name erased on the web`);
    assert.ok(!bytes.includes('9434765919'), `${f} still holds the NHS number`);
  }
});

test('a second run finds nobody more', () => {
  const r = run(['erase', '--db', db, '--before', '2020-01-01']);
  assert.equal(r.status, 0, r.err);
  assert.match(r.out, /^Erased 0 people whose records ended before 2020-01-01: 0 referrals, 0 contacts, 0 jobs\.$/m);
  assert.equal(sql(db, "SELECT count(*) FROM audit WHERE action = 'erasure.run'"), '3');
  assert.match(run(['audit', 'verify', '--db', db]).out, /audit chain ok/);
  // A long-ago cutoff reaches C4 only when their job ends; C5's recent employer contact
  // keeps them, as C2's recent closure and C3's open referral do.
  const later = run(['erase', '--db', db, '--before', shift(LONDON_TODAY, { years: -1 }), '--dry-run']);
  assert.match(later.out, /^Would erase 0 people/m);
});

test('a run that fails part way erases nobody', () => {
  // A fresh copy of the imported records, with an in-work support item of C4's job met
  // by a contact on C1's referral: deleting that contact breaks a foreign key.
  const d2 = join(dir, 'fail.db');
  execFileSync(BIN, ['init', '--db', d2]);
  const csv = join(dir, 'csv');
  assert.equal(run(['import', '--db', d2, csv]).status, 0);
  sql(d2, `INSERT INTO support_item (job_id, kind, window_from, window_to, status, contact_id, created_at, updated_at)
    SELECT j.id, 'weekly', '2015-06-08', '2015-06-14', 'met', k.id, '2015-06-01T00:00:00Z', '2015-06-01T00:00:00Z'
    FROM job j, contact k WHERE j.ref = 'J2' AND k.ref = 'K1'`);
  const q = "SELECT (SELECT count(*) FROM client) || ' ' || (SELECT count(*) FROM contact) || ' ' || (SELECT count(*) FROM audit)";
  const before0 = sql(d2, q);
  const r = run(['erase', '--db', d2, '--before', '2022-01-01']);
  assert.equal(r.status, 1, r.out);
  assert.match(r.err, /Nothing was saved/);
  assert.equal(sql(d2, q), before0);
  assert.equal(sql(d2, "SELECT referral_id IS NOT NULL FROM contact WHERE ref = 'K2'"), '1');
  assert.match(run(['audit', 'verify', '--db', d2]).out, /audit chain ok/);
});
