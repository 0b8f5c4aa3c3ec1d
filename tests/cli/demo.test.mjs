// tests/cli/demo.test.mjs — `ipsdesk demo`: the same seed gives the same people,
// referrals and contacts; the audit chain it writes verifies; `demo --accounts` prints
// the accounts and their password again; `serve` keeps a demo database on loopback;
// and demo never writes into a file that already exists.
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
function dump(db, table) {
  const cols = sql(db, `SELECT name FROM pragma_table_info('${table}') ORDER BY cid`)
    .trim().split('\n').filter((c) => !/(^|_)at$/.test(c));
  assert.ok(cols.length > 3, `${table} has columns`);
  return sql(db, `SELECT ${cols.map((c) => `quote("${c}")`).join(" || '|' || ")} FROM ${table} ORDER BY id`);
}

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
