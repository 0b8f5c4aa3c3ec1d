// tests/cli/demo.test.mjs — `ipsdesk demo`: the same seed gives the same people,
// referrals, contacts, vacancies and job search; the audit chain it writes verifies;
// the job search looks real (SOC 2020 job types, known outcodes, applications moving
// through their stages, benefits advice before most job starts); `--vacancies` and
// `--sites` size it; `demo --accounts` prints the accounts and their password again;
// `serve` keeps a demo database on loopback; and demo never writes into a file that
// already exists.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../http/lib.mjs';

function run(args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', timeout: 120000 });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

const sql = (db, q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' });

// Every row of a table in id order, without the columns that record when a row was
// written (created_at, updated_at): those follow the wall clock, not the seed.
function dump(db, table, key = 'id') {
  const cols = sql(db, `SELECT name FROM pragma_table_info('${table}') ORDER BY cid`)
    .trim().split('\n').filter((c) => !/(^|_)at$/.test(c));
  assert.ok(cols.length > 3, `${table} has columns`);
  return sql(db, `SELECT ${cols.map((c) => `quote("${c}")`).join(" || '|' || ")} FROM ${table} ORDER BY ${key}`);
}

// The first column of each line of a data/ CSV file (after its header).
const dataCodes = (file) => new Set(readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8')
  .trim().split('\n').slice(1).map((l) => l.split(',')[0]));

let dir, first, second, made;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipsdesk-demo-'));
  first = join(dir, 'first.db');
  second = join(dir, 'second.db');
  made = run(['demo', '--db', first, '--clients', '60', '--seed', '7']);
  assert.equal(made.status, 0, made.err);
  const again = run(['demo', '--db', second, '--clients', '60', '--seed', '7']);
  assert.equal(again.status, 0, again.err);
});

test('the same seed gives the same people, referrals and contacts', () => {
  for (const table of ['client', 'referral', 'contact']) {
    const a = dump(first, table), b = dump(second, table);
    assert.ok(a.split('\n').length > 50, `${table} has rows`);
    assert.equal(a, b, `${table} is the same for the same seed`);
  }
  assert.equal(sql(first, 'SELECT count(*) FROM client').trim(), '60');
  const other = join(dir, 'other.db');
  assert.equal(run(['demo', '--db', other, '--clients', '60', '--seed', '8']).status, 0);
  assert.notEqual(dump(other, 'client'), dump(first, 'client'), 'another seed, other people');
});

test('the same seed gives the same vacancies, job search, profiles and benefits advice', () => {
  for (const [table, key] of [['vacancy', 'id'], ['application', 'id'], ['benefits_advice', 'id'],
    ['client_profile', 'client_id'], ['job', 'id']]) {
    const a = dump(first, table, key), b = dump(second, table, key);
    assert.ok(a.split('\n').length > 10, `${table} has rows`);
    assert.equal(a, b, `${table} is the same for the same seed`);
  }
});

test('vacancies have SOC 2020 job types, known outcodes, pay, hours and closing dates', () => {
  const soc = dataCodes('soc2020.csv'), outcodes = dataCodes('outcodes.csv');
  const rows = sql(first, "SELECT job_type, coalesce(postcode, ''), status, coalesce(closing_on, ''), " +
    "coalesce(hourly_pay, -1), hours_min, hours_max, coalesce(conditions, '') FROM vacancy")
    .trim().split('\n').map((l) => l.split('|'));
  const today = sql(first, "SELECT date('now')").trim();
  let open = 0, current = 0, others = 0, placed = 0, withConditions = 0;
  for (const [job, postcode, status, closing, pay, lo, hi, conditions] of rows) {
    assert.ok(soc.has(job), `${job} is a SOC 2020 unit group`);
    if (postcode) {
      assert.ok(outcodes.has(postcode.split(' ')[0]), `${postcode} has a known outcode`);
      placed++;
    }
    assert.ok(Number(lo) >= 100 && Number(lo) <= Number(hi) && Number(hi) <= 8000, 'hours a week in range');
    if (Number(pay) !== -1) assert.ok(Number(pay) > 500 && Number(pay) < 2500, `pay ${pay} pence an hour`);
    for (const c of conditions.split(',').filter(Boolean))
      assert.match(c, /^(nights|weekends|early_starts|shifts|lone_working|customer_facing|heavy_lifting|driving)$/);
    withConditions += conditions !== '';
    if (status === 'open') {
      open++;
      current += closing === '' || closing >= today;
    } else {
      assert.match(status, /^(filled|closed|withdrawn)$/);
      others++;
    }
  }
  assert.ok(current >= 50, `about 50 vacancies open today by default (${current})`);
  assert.ok(others > 10, 'some filled, closed or withdrawn');
  assert.ok(placed > rows.length * 0.8, 'most have a place, so distances work');
  assert.ok(withConditions > rows.length / 3, 'many say what the job involves');
  assert.ok(open > current || others > 0);
});

test('profiles carry matching preferences, and the job search moves through its stages', () => {
  const soc = dataCodes('soc2020.csv');
  const [profiles, coded, paid, avoiding] = sql(first, 'SELECT count(*), count(job_type_codes), count(pay_min), ' +
    'count(avoid) FROM client_profile').trim().split('|').map(Number);
  assert.ok(profiles > 15 && coded === profiles, `every profile has preferred job types (${coded}/${profiles})`);
  assert.ok(paid > 0 && paid < profiles && avoiding > 0 && avoiding < profiles, 'some have a least pay and things to avoid');
  for (const codes of sql(first, 'SELECT job_type_codes FROM client_profile').trim().split('\n'))
    for (const c of codes.split(',')) assert.ok(soc.has(c), `${c} is a SOC 2020 unit group`);

  const stages = Object.fromEntries(sql(first, "SELECT coalesce(outcome, 'in progress'), count(*) FROM application " +
    'GROUP BY 1').trim().split('\n').map((l) => l.split('|')).map(([k, n]) => [k, Number(n)]));
  assert.ok(stages.started > 0 && stages.not_successful > 0, JSON.stringify(stages));
  assert.equal(sql(first, "SELECT count(*) FROM application WHERE outcome = 'started' AND (job_id IS NULL " +
    'OR offer_on IS NULL OR interview_on IS NULL)').trim(), '0', 'a start came from an offer after an interview, ' +
    'and is linked to its job');
  assert.ok(Number(sql(first, 'SELECT count(*) FROM application WHERE vacancy_id IS NOT NULL').trim()) > 0);
  assert.ok(Number(sql(first, "SELECT count(*) FROM application WHERE kind = 'speculative'").trim()) > 0);
  assert.equal(sql(first, "SELECT count(*) FROM vacancy v JOIN application a ON a.vacancy_id = v.id " +
    "WHERE a.outcome = 'started' AND v.status <> 'filled'").trim(), '0', 'a vacancy someone started is filled');
  assert.ok(Number(sql(first, "SELECT count(*) FROM client_event WHERE kind = 'job_search'").trim()) > 0,
    'the stages are on the timeline');

  const [jobs, advised] = sql(first, 'SELECT count(*), sum(EXISTS (SELECT 1 FROM benefits_advice b ' +
    'WHERE b.client_id = r.client_id AND b.date <= j.started_on)) FROM job j JOIN referral r ON r.id = j.referral_id')
    .trim().split('|').map(Number);
  assert.ok(jobs > 0 && advised > jobs / 2, `benefits advice before most job starts (${advised}/${jobs})`);
});

test('--vacancies and --sites size the demo; bad values are refused', () => {
  const db = join(dir, 'sized.db');
  const r = run(['demo', '--db', db, '--clients', '40', '--sites', '2', '--vacancies', '60', '--seed', '3']);
  assert.equal(r.status, 0, r.err);
  assert.equal(sql(db, 'SELECT count(*) FROM site').trim(), '2', 'two sites, though 40 people would make one');
  const current = sql(db, "SELECT count(*) FROM vacancy WHERE status = 'open' " +
    "AND (closing_on IS NULL OR closing_on >= date('now')) GROUP BY site_id").trim().split('\n').map(Number);
  assert.equal(current.length, 2);
  for (const n of current) assert.ok(n >= 60 && n < 100, `about 60 open today at each site (${n})`);
  assert.match(r.out, /\d+ vacancies \(\d+ open\), \d+ job-search steps, \d+ benefits advice/);
  for (const bad of [['--sites', '3'], ['--sites', '0'], ['--vacancies', '20001'], ['--vacancies', 'many']]) {
    const b = run(['demo', '--db', join(dir, 'bad.db'), ...bad]);
    assert.equal(b.status, 2, bad.join(' '));
    assert.ok(!existsSync(join(dir, 'bad.db')), 'nothing made');
  }
});

test('demo data is marked as such, and its audit chain verifies', () => {
  assert.equal(sql(first, "SELECT value FROM meta WHERE key = 'demo'").trim(), '1');
  assert.equal(sql(first, "SELECT value FROM meta WHERE key = 'demo_seed'").trim(), '7');
  assert.equal(sql(first, "SELECT value FROM meta WHERE key = 'demo_clients'").trim(), '60');
  const v = run(['audit', 'verify', '--db', first]);
  assert.equal(v.status, 0, v.out + v.err);
  assert.match(v.out, /audit chain ok/);
  // the NHS numbers pass the check digit and come from the 999 test range
  const nhs = sql(first, 'SELECT nhs_number FROM client WHERE nhs_number IS NOT NULL').trim().split('\n');
  assert.ok(nhs.length > 0);
  for (const n of nhs) assert.match(n, /^999\d{7}$/);
});

test('demo --accounts prints every account and the password again', () => {
  const password = made.out.match(/password\s+(demo-\S+)/)[1];
  assert.match(password, /^demo-[a-z]+-7$/, 'the password is derived from the seed');
  const r = run(['demo', '--db', first, '--accounts']);
  assert.equal(r.status, 0, r.err);
  assert.ok(r.out.includes(password), r.out);
  for (const user of ['admin', 'auditor', 'reviewer', 'commissioner', 'leader1', 'specialist1', 'clinician1'])
    assert.match(r.out, new RegExp(`^  ${user}\\s`, 'm'), `${user} is listed`);
  const accounts = sql(first, 'SELECT count(*) FROM account').trim();
  assert.equal(r.out.split('\n').filter((l) => /^  \S+\s{2,}/.test(l)).length, Number(accounts));
  assert.equal(run(['demo', '--db', second, '--accounts']).out.includes(password), true, 'same seed, same password');

  const plain = join(dir, 'plain.db');
  assert.equal(run(['init', '--db', plain]).status, 0);
  const notDemo = run(['demo', '--db', plain, '--accounts']);
  assert.equal(notDemo.status, 1);
  assert.match(notDemo.err, /does not hold demo data/);
});

test('serve refuses a demo database on anything but loopback, and prints no password', () => {
  for (const listen of ['0.0.0.0:0', '192.0.2.1:8080', '[::]:0']) {
    const r = run(['serve', '--db', first, '--listen', listen]);
    assert.equal(r.status, 1, `${listen}: ${r.out}${r.err}`);
    assert.match(r.err, /demo data/);
    assert.match(r.err, /loopback/);
    assert.doesNotMatch(r.out + r.err, /demo-[a-z]+-7/, 'the password is not shown off loopback');
  }
});

test('demo refuses a file that already exists, and leaves it as it was', () => {
  const before = readFileSync(first);
  const r = run(['demo', '--db', first, '--clients', '5', '--seed', '9']);
  assert.equal(r.status, 1);
  assert.match(r.err, /already exists/);
  assert.ok(readFileSync(first).equals(before), 'the database is untouched');
  assert.ok(existsSync(first + '.auditkey'), 'its audit key is kept');
  assert.equal(run(['audit', 'verify', '--db', first]).status, 0);

  const notes = join(dir, 'notes.txt');
  writeFileSync(notes, 'not a database\n');
  const r2 = run(['demo', '--db', notes]);
  assert.equal(r2.status, 1);
  assert.match(r2.err, /already exists/);
  assert.equal(readFileSync(notes, 'utf8'), 'not a database\n');
  assert.ok(!existsSync(notes + '.auditkey'), 'no audit key is made beside it');
});
