// tests/cli/interchange.test.mjs — `ipsdesk import` and `ipsdesk export` against
// spec/interchange.md: round trips, all-or-nothing, and the exact FILE:LINE: COLUMN
// of every problem for the edge cases the spec names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../http/lib.mjs';

function run(args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8' });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

function freshDb() {
  const dir = mkdtempSync(join(tmpdir(), 'ipsdesk-ic-'));
  const db = join(dir, 'test.db');
  execFileSync(BIN, ['init', '--db', db]);
  return db;
}

function writeDir(files) {
  const dir = mkdtempSync(join(tmpdir(), 'ipsdesk-csv-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

// The "FILE:LINE: COLUMN" part of each problem line (the message text is free).
function where(stderr) {
  return stderr.split('\n').filter((l) => /^\w+\.csv:\d+: /.test(l)).map((l) => l.split(': ').slice(0, 2).join(': '));
}

const count = (db, table) => execFileSync('sqlite3', [db, `SELECT count(*) FROM ${table}`], { encoding: 'utf8' }).trim();
const sql = (db, text) => execFileSync('sqlite3', [db, text], { encoding: 'utf8' }).trim();

// A contact load does the work of the contact triggers itself and may set the contact
// indexes aside (store_ic_defer): afterwards every referral's first contacts and every
// tally must hold exactly what their views compute from all the contacts, and the
// schema must be whole again.
const TALLIES = ['tally_staff_day', 'tally_team_mode', 'tally_specialist_mode', 'tally_team_mode_month',
  'tally_specialist_mode_month', 'tally_staff_month'];
function assertDerivedInStep(db) {
  for (const t of TALLIES) {
    assert.equal(sql(db, `SELECT (SELECT count(*) FROM (SELECT * FROM ${t} EXCEPT SELECT * FROM ${t}_source)) + `
      + `(SELECT count(*) FROM (SELECT * FROM ${t}_source EXCEPT SELECT * FROM ${t}))`), '0', t);
  }
  assert.equal(sql(db, 'SELECT count(*) FROM referral r LEFT JOIN contact_firsts f ON f.referral_id = r.id '
    + 'WHERE r.first_direct_on IS NOT f.first_direct_on OR r.first_employer_on IS NOT f.first_employer_on'), '0');
  const schema = "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'contact' ORDER BY type, name";
  assert.equal(sql(db, schema), sql(freshDb(), schema));
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
}

// n contacts of every kind on BASE's referrals, staff and employers: more than 1.3 MB, so
// that a load into BASE's four contacts sets the contact indexes aside.
function manyContacts(n, extra = '') {
  const modes = ['face_to_face', 'phone', 'video', 'text', 'email', 'letter'];
  let s = 'ref,date,staff_code,with,referral_ref,employer_ref,mode,place,minutes,attended\n';
  for (let i = 0; i < n; i++) {
    const day = `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
    const m = modes[i % 6];
    const yes = i % 4 ? 'yes' : 'no';
    if (i % 7 === 3) s += `Bulk-contact-${i},${day},ES2,employer,${i % 2 ? 'R1' : ''},E${1 + (i % 2)},face_to_face,community,30,${yes}\n`;
    else if (i % 11 === 5) s += `Bulk-contact-${i},${day},TL1,family,,,${m},${m === 'face_to_face' ? 'office' : ''},,yes\n`;
    else {
      const place = m === 'face_to_face' ? 'community' : ['', 'office', 'community'][i % 3];
      s += `Bulk-contact-${i},${day},${i % 3 ? 'ES1' : 'ES2'},client,${i % 2 ? 'R1' : 'R2'},,${m},${place},`
        + `${i % 9 ? i % 90 : ''},${yes}\n`;
    }
  }
  return s + extra;
}

const BASE = {
  'sites.csv': 'code,name\nS1,"Northgate, Trust"\nS2,Southmoor\n',
  'teams.csv': '\ufeffcode,site_code,name\r\nT1,S1,North IPS\r\nT2,S2,South IPS\r\n',
  'staff.csv': 'name,code,role,team_code,fte\nAnn Smith,ES1,specialist,T1,1\nBob Jones,ES2,specialist,T1,0.5\n'
    + 'Cara Lee,TL1,team_leader,T1,\nDee Comm,CM1,commissioner,,1.00\n',
  'employers.csv': 'ref,site_code,name,sector\nE1,S1,Greggs,Retail\nE2,S1,"The ""Best"" Cafe",\n',
  'clients.csv': 'ref,site_code,nhs_number,given_name,family_name,birth_date,postcode,gender,ethnic_category\n'
    + 'C1,S1,943 476 5919,Amara,Okafor,1990-05-12,LS1 4AP,2,N\nC2,S1,,Jo,"Multi\nLine",2000-02-29,  anything ,,99\n',
  'referrals.csv': 'ref,client_ref,team_code,received_on,source,specialist_code,employment_status,closed_on,close_reason\n'
    + 'R1,C1,T1,2025-04-01,gp,ES1,04,,\n\nR2,C2,T1,2025-05-01,self,,,2025-06-01,person_choice\n',
  'contacts.csv': 'ref,date,staff_code,with,referral_ref,employer_ref,mode,place,minutes,attended\n'
    + 'K1,2025-04-03,ES1,client,R1,,face_to_face,community,45,\nK2,2025-04-04,ES1,employer,R1,E1,face_to_face,community,0030,yes\n'
    + 'K3,2025-04-05,ES1,client,R1,,text,,,no\nK4,2025-04-06,TL1,family,,,phone,office,1440,yes\n',
  'jobs.csv': 'ref,referral_ref,employer_ref,title,job_type,started_on,ended_on,hours_per_week,hourly_wage,competitive,end_reason\n'
    + 'J1,R1,E1,Baker,5432,2025-06-01,,16.5,12.2,,\nJ2,R1,,Cleaner,,2025-07-01,2025-07-01,80,11,no,"moved on"\n',
};

test('a valid set imports, and export then import gives back the same records', () => {
  const db = freshDb();
  const r = run(['import', '--db', db, writeDir(BASE)]);
  assert.equal(r.status, 0, r.err);
  assert.match(r.out, /^sites\.csv: 2 rows\nteams\.csv: 2 rows\nstaff\.csv: 4 rows\nemployers\.csv: 2 rows\n/);
  assert.match(r.out, /referrals\.csv: 2 rows\ncontacts\.csv: 4 rows\njobs\.csv: 2 rows\n$/);
  const out1 = mkdtempSync(join(tmpdir(), 'ipsdesk-exp-'));
  assert.equal(run(['export', '--db', db, out1]).status, 0);
  const jobs = readFileSync(join(out1, 'jobs.csv'), 'utf8');
  assert.equal(jobs, 'ref,referral_ref,employer_ref,title,job_type,started_on,ended_on,hours_per_week,hourly_wage,competitive,end_reason\n'
    + 'J1,R1,E1,Baker,5432,2025-06-01,,16.5,12.20,yes,\nJ2,R1,,Cleaner,,2025-07-01,2025-07-01,80,11.00,no,moved on\n');
  assert.match(readFileSync(join(out1, 'clients.csv'), 'utf8'), /C1,S1,9434765919,.*\nC2,S1,,Jo,"Multi\nLine",2000-02-29,  anything ,,99\n/);
  assert.match(readFileSync(join(out1, 'staff.csv'), 'utf8'), /ES2,T1,Bob Jones,specialist,0\.5\n/);
  assert.match(readFileSync(join(out1, 'contacts.csv'), 'utf8'), /K1,2025-04-03,ES1,client,R1,,face_to_face,community,45,yes\n/);
  assert.match(readFileSync(join(out1, 'referrals.csv'), 'utf8'), /R2,C2,T1,2025-05-01,self,,ZZ,2025-06-01,person_choice\n/);

  const db2 = freshDb();
  assert.equal(run(['import', '--db', db2, out1]).status, 0);
  const out2 = mkdtempSync(join(tmpdir(), 'ipsdesk-exp-'));
  assert.equal(run(['export', '--db', db2, out2]).status, 0);
  for (const f of readdirSync(out1)) assert.equal(readFileSync(join(out2, f), 'utf8'), readFileSync(join(out1, f), 'utf8'), f);
  assert.match(run(['audit', 'verify', '--db', db2]).out, /audit chain ok/);
  assertDerivedInStep(db);
  assertDerivedInStep(db2);
});

test('a large load of contacts adds to what is stored, and leaves every derived figure in step', () => {
  const db = freshDb();
  assert.equal(run(['import', '--db', db, writeDir(BASE)]).status, 0);
  const big = manyContacts(30000);
  assert.ok(big.length > 1400000);
  const r = run(['import', '--db', db, writeDir({ 'contacts.csv': big })]);
  assert.equal(r.status, 0, r.err);
  assert.equal(r.out, 'contacts.csv: 30000 rows\n');
  assert.equal(count(db, 'contact'), '30004');
  assertDerivedInStep(db);
});

test('a large load with one bad row writes nothing and leaves the schema whole; so does a dry run', () => {
  const db = freshDb();
  assert.equal(run(['import', '--db', db, writeDir(BASE)]).status, 0);
  const before = sql(db, 'SELECT * FROM tally_staff_day ORDER BY 1, 2');
  const bad = 'Z1,2025-02-30,ES1,client,R1,,phone,,,\nK1,2025-01-01,ES1,client,R1,,phone,,,\n';
  const r = run(['import', '--db', db, writeDir({ 'contacts.csv': manyContacts(30000, bad) })]);
  assert.equal(r.status, 1);
  assert.deepEqual(where(r.err), ['contacts.csv:30002: date', 'contacts.csv:30003: ref']);
  assert.equal(count(db, 'contact'), '4');
  assert.equal(sql(db, 'SELECT * FROM tally_staff_day ORDER BY 1, 2'), before);
  assertDerivedInStep(db);
  const d = run(['import', '--db', db, '--dry-run', writeDir({ 'contacts.csv': manyContacts(30000) })]);
  assert.equal(d.status, 0, d.err);
  assert.equal(count(db, 'contact'), '4');
  assertDerivedInStep(db);
});

test('importing the same files twice loads nothing the second time', () => {
  const db = freshDb();
  const dir = writeDir(BASE);
  assert.equal(run(['import', '--db', db, dir]).status, 0);
  const r = run(['import', '--db', db, dir]);
  assert.equal(r.status, 1);
  assert.equal(where(r.err)[0], 'sites.csv:2: code');
  assert.equal(count(db, 'contact'), '4');
});

test('an empty database exports every file with its header', () => {
  const db = freshDb();
  const out = mkdtempSync(join(tmpdir(), 'ipsdesk-exp-'));
  assert.equal(run(['export', '--db', db, out]).status, 0);
  assert.equal(readFileSync(join(out, 'sites.csv'), 'utf8'), 'code,name\n');
  assert.equal(readdirSync(out).sort().join(' '),
    'clients.csv contacts.csv employers.csv jobs.csv referrals.csv sites.csv staff.csv teams.csv');
});

test('every problem is named by file, line and column, in order, and nothing is written', () => {
  const db = freshDb();
  const files = {
    'sites.csv': 'code,name\nS1,One\nS1,Again\nipsdesk-site-9,Reserved\n,No code\nS 2,Space\n',
    'teams.csv': 'code,site_code,name\nT1,S1,North\nT2,S9,Nowhere\nT3,S1\n',
    'staff.csv': 'code,team_code,name,role,fte\nES1,T1,Ann,specialist,\nES2,,Bob,specialist,1\n'
      + 'TL1,T1,Cara,team_leader,0\nX1,,Xena,Admin,1.5\nES3,T3,Eve,specialist,0.25\n',
    'clients.csv': 'ref,site_code,nhs_number,given_name,family_name,birth_date\n'
      + 'C1,S1,9434765918,Amara,Okafor,2023-02-29\nC2,S1,943 476 591,Jo,"Two\nlines",2024-02-29\nC3,S1,,,Lee,1990-1-01\n',
    'referrals.csv': 'ref,client_ref,team_code,received_on,source,specialist_code,closed_on,close_reason\n'
      + 'R1,C1,T1,2025-04-01,gp,ES1,2025-03-31,other\nR2,C2,T1,2025-04-01,GP,TL1,2025-05-01,\n'
      + 'R3,C3,T1,2025-04-01,self,,,moved_away\nR4,C9,T1,2025-04-01,self,ES1,,\nR5,C1,T1,2025-04-01,other,,,unsuitable\n',
    'contacts.csv': 'ref,date,staff_code,with,referral_ref,employer_ref,mode,place,minutes,attended\n'
      + 'K1,2025-04-03,ES1,client,,,face_to_face,,45,Yes\nK2,2025-04-03,ES1,family,R1,E1,phone,,1441,\n'
      + 'K3,2025-04-03,ES1,employer,R1,,video,,,\nK4,2025-04-03,ES1,client,R1,,phone,,-1,\n',
    'jobs.csv': 'ref,referral_ref,title,started_on,ended_on,hours_per_week,hourly_wage,job_type\n'
      + 'J1,R1,Baker,2025-06-01,2025-05-31,0,12.345,543\nJ2,R1,Cook,2025-06-01,,80.01,9.5,5432\nJ3,R1,Cook,2025-06-01,,80,9.,5432\n',
  };
  const r = run(['import', '--db', db, writeDir(files)]);
  assert.equal(r.status, 1);
  assert.deepEqual(where(r.err), [
    'sites.csv:3: code', 'sites.csv:4: code', 'sites.csv:5: code', 'sites.csv:6: code',
    'teams.csv:3: site_code', 'teams.csv:4: -',
    'staff.csv:3: role', 'staff.csv:4: fte', 'staff.csv:5: role', 'staff.csv:5: fte',
    'clients.csv:2: nhs_number', 'clients.csv:2: birth_date', 'clients.csv:3: nhs_number',
    'clients.csv:5: given_name', 'clients.csv:5: birth_date',
    'referrals.csv:2: closed_on', 'referrals.csv:3: source', 'referrals.csv:3: specialist_code',
    'referrals.csv:3: close_reason', 'referrals.csv:4: close_reason', 'referrals.csv:5: client_ref',
    'referrals.csv:6: close_reason',
    'contacts.csv:2: referral_ref', 'contacts.csv:2: place', 'contacts.csv:2: attended',
    'contacts.csv:3: employer_ref', 'contacts.csv:3: minutes', 'contacts.csv:4: employer_ref',
    'contacts.csv:5: minutes',
    'jobs.csv:2: job_type', 'jobs.csv:2: ended_on', 'jobs.csv:2: hours_per_week', 'jobs.csv:2: hourly_wage',
    'jobs.csv:3: hours_per_week', 'jobs.csv:4: hourly_wage',
  ]);
  assert.match(r.err, /clients\.csv:2: nhs_number: 9434765918 fails the check digit/);
  assert.equal(count(db, 'site'), '0', 'nothing is written');
  assert.equal(count(db, 'audit'), '0');
});

test('header problems are reported on line 1 and the rows still exist for other files', () => {
  const db = freshDb();
  const r = run(['import', '--db', db, writeDir({
    'sites.csv': 'code,name\nS1,One\n',
    'teams.csv': 'code,Name,site_code,code,extra\nT1,x,S1,T1,y\n',
    'staff.csv': 'code,team_code,name,role\nES1,T1,Ann,specialist\n',
  })]);
  assert.equal(r.status, 1);
  assert.deepEqual(where(r.err), ['teams.csv:1: code', 'teams.csv:1: name', 'teams.csv:1: Name', 'teams.csv:1: extra']);
});

test('malformed CSV names the line where the record starts; blank lines and quoted breaks are counted', () => {
  const db = freshDb();
  const r = run(['import', '--db', db, writeDir({
    'sites.csv': 'code,name\n\nS1,"One\nTwo"\n\nS2,Tw"o\n',
    'teams.csv': 'code,site_code,name\nT1,S1,"open\n',
  })]);
  assert.equal(r.status, 1);
  assert.deepEqual(where(r.err), ['sites.csv:6: -', 'teams.csv:2: -']);
});

test('a dry run reports without writing', () => {
  const db = freshDb();
  const r = run(['import', '--db', db, '--dry-run', writeDir(BASE)]);
  assert.equal(r.status, 0, r.err);
  assert.match(r.out, /nothing was written/);
  assert.equal(count(db, 'client'), '0');
});

test('more than 100 problems: the first 100, then a count of the rest', () => {
  const db = freshDb();
  let sites = 'code,name\n';
  for (let i = 0; i < 130; i++) sites += `ipsdesk-${i},x\n`;
  const r = run(['import', '--db', db, writeDir({ 'sites.csv': sites })]);
  assert.equal(r.status, 1);
  assert.equal(where(r.err).length, 100);
  assert.match(r.err, /and 30 more problems/);
});

test('a row refused only for its ipsdesk- prefix, or a staff member whose role cannot be read, still exists', () => {
  // spec: "A row with errors still exists for the rows that refer to it, so one mistake
  // gives one line." A team_leader is still not a specialist, whatever else is wrong.
  const db = freshDb();
  const r = run(['import', '--db', db, writeDir({
    'sites.csv': 'code,name\nS1,One\n',
    'teams.csv': 'code,site_code,name\nT1,S1,North\nipsdesk-team-9,S1,Reserved\n',
    'staff.csv': 'code,team_code,name,role\nES1,T1,Ann,specialist\nTL1,,Cara,team_leader\nXX,T1,Xena,\n',
    'clients.csv': 'ref,site_code,given_name,family_name\nipsdesk-client-1,S1,Amara,Okafor\n',
    'referrals.csv': 'ref,client_ref,team_code,received_on,source,specialist_code\n'
      + 'R1,ipsdesk-client-1,ipsdesk-team-9,2025-04-01,gp,TL1\nR2,ipsdesk-client-1,T1,2025-04-01,gp,XX\n',
  })]);
  assert.equal(r.status, 1);
  assert.deepEqual(where(r.err), ['teams.csv:3: code', 'staff.csv:3: role', 'staff.csv:4: role', 'clients.csv:2: ref',
    'referrals.csv:2: specialist_code']);
});

test('a closed_on before received_on is still given: a missing close_reason is a second mistake', () => {
  const db = freshDb();
  const r = run(['import', '--db', db, writeDir({
    'sites.csv': 'code,name\nS1,One\n',
    'teams.csv': 'code,site_code,name\nT1,S1,North\n',
    'clients.csv': 'ref,site_code,given_name,family_name\nC1,S1,Amara,Okafor\n',
    'referrals.csv': 'ref,client_ref,team_code,received_on,source,closed_on,close_reason\n'
      + 'R1,C1,T1,2025-04-02,gp,2025-04-01,\nR2,C1,T1,2025-04-02,gp,2025-04-01,other\nR3,C1,T1,2025-04-02,gp,2025-02-30,\n',
  })]);
  assert.equal(r.status, 1);
  assert.deepEqual(where(r.err), ['referrals.csv:2: closed_on', 'referrals.csv:2: close_reason', 'referrals.csv:3: closed_on',
    'referrals.csv:4: closed_on']);
});

test('a record that cannot be read costs one line: the rows after it are still read and still exist', () => {
  const db = freshDb();
  const r = run(['import', '--db', db, writeDir({
    'sites.csv': 'code,name\nS1,One\n',
    'clients.csv': 'ref,site_code,given_name,family_name\nC1,S1,A,B\nC2,S1,Jo"e,B\nC3,S1,A,\xe9\nC4,S1,"A"x,B\nC5,S1,A\nC6,S1,A,B\n',
    'referrals.csv': 'ref,client_ref,team_code,received_on,source\nR1,C6,T9,2025-04-01,gp\n',
  })]);
  assert.equal(r.status, 1);
  assert.deepEqual(where(r.err), ['clients.csv:3: -', 'clients.csv:5: -', 'clients.csv:6: -', 'referrals.csv:2: team_code']);
});
