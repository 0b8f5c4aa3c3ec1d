// tests/cli/backup.test.mjs — `ipsdesk backup` while a server is serving and writing:
// the copy holds what was written, passes PRAGMA integrity_check and `audit verify`
// with the head the backup printed; `ipsdesk restore` refuses an existing target
// (unless --force), a database in use, and a copy whose audit log was edited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, statSync, copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, startServer, signedIn, referralFields, daysAgo } from '../http/lib.mjs';

function run(args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', timeout: 120000 });
  return { status: r.status, out: r.stdout, err: r.stderr };
}
const sql = (db, q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' }).trim();

let srv, pid, es;
before(async () => {
  srv = await startServer();
  const clin = await signedIn(srv.base, 'clinician');
  await clin.get('/referrals/new');
  const r = await clin.post('/referrals', referralFields({ given_name: 'Backup', family_name: 'Person', nhs_number: '' }));
  assert.ok(r.status === 303 || r.status === 200, `referral: ${r.status}`);   // 200: saved with warnings
  pid = sql(srv.db, 'SELECT max(id) FROM client');
  es = await signedIn(srv.base, 'specialist');
  await es.get(`/people/${pid}/contacts/new`);
});
after(async () => { await srv.stop(); });

const contact = (note) => {
  const d = daysAgo(1);
  return es.post(`/people/${pid}/contacts`, {
    'date-day': d.day, 'date-month': d.month, 'date-year': d.year, with: 'client', mode: 'phone',
    attended: 'yes', note,
  });
};

test('a backup taken while the server writes holds what was written and checks out', async () => {
  for (let i = 0; i < 3; i++) assert.equal((await contact(`before backup ${i}`)).status, 303);
  // keep writing while the backup runs
  let writing = true;
  const writer = (async () => { let n = 0; while (writing) { await contact(`during backup ${n++}`); } return n; })();
  const dest = join(srv.dir, 'copy.db');
  const b = run(['backup', '--db', srv.db, dest]);
  writing = false;
  await writer;
  assert.equal(b.status, 0, b.err);
  assert.doesNotMatch(b.err, /Copying/, 'no progress line when not on a terminal');
  const head = b.out.match(/^head (\d+:[0-9a-f]{64})$/m)[1];
  assert.ok(existsSync(dest) && existsSync(dest + '.auditkey'));
  assert.ok(!existsSync(dest + '.partial'), 'the scratch copy was renamed');
  assert.ok(!existsSync(dest + '-wal'), 'the copy is one file');
  assert.equal(statSync(dest + '.auditkey').mode & 0o777, 0o600);

  const notes = sql(dest, `SELECT count(*) FROM contact WHERE note LIKE 'before backup %'`);
  assert.equal(notes, '3');
  assert.equal(sql(dest, 'PRAGMA integrity_check'), 'ok');
  const v = run(['audit', 'verify', '--db', dest, '--expect-head', head]);
  assert.equal(v.status, 0, v.out + v.err);
  assert.match(v.out, /audit chain ok/);
  // the views (the record pages above) are in the read log, copied beside the database
  assert.ok(existsSync(dest + '.reads') && !existsSync(dest + '.reads-wal'));
  const readsHead = b.out.match(/^read log head (\d+:[0-9a-f]{64})$/m)[1];
  assert.match(readsHead, /^[1-9]/);
  assert.match(v.out, new RegExp(`^read log head ${readsHead}$`, 'm'));
  assert.ok(Number(sql(dest + '.reads', "SELECT count(*) FROM audit WHERE action = 'client.view'")) >= 1);
  // the backup is recorded in the live database, by its action alone
  assert.equal(sql(srv.db, "SELECT action || '|' || entity || '|' || fields FROM audit WHERE action = 'backup'"),
    'backup|database|');
  assert.equal(run(['audit', 'verify', '--db', srv.db]).status, 0);
  // the server kept serving
  assert.equal((await es.get(`/people/${pid}`)).status, 200);
  // a second backup to the same name is refused unless forced
  const again = run(['backup', '--db', srv.db, dest]);
  assert.equal(again.status, 1);
  assert.match(again.err, /already exists/);
  assert.equal(run(['backup', '--db', srv.db, '--force', dest]).status, 0);
});

test('restore refuses an existing target, restores with --force, and the result serves', async () => {
  const src = join(srv.dir, 'for-restore.db');
  const b = run(['backup', '--db', srv.db, src]);
  assert.equal(b.status, 0, b.err);
  const head = b.out.match(/^head (\d+:[0-9a-f]{64})$/m)[1];
  const target = join(srv.dir, 'restored.db');

  const first = run(['restore', '--db', target, src]);
  assert.equal(first.status, 0, first.err);
  assert.equal(statSync(target + '.auditkey').mode & 0o777, 0o600);
  const v = run(['audit', 'verify', '--db', target, '--expect-head', head]);
  assert.equal(v.status, 0, v.out);
  // the read log came back with the database
  assert.match(v.out, new RegExp(`^read log head ${b.out.match(/^read log head (\d+:[0-9a-f]{64})$/m)[1]}$`, 'm'));
  assert.equal(sql(target, "SELECT action FROM audit ORDER BY seq DESC LIMIT 1"), 'restore');
  assert.equal(sql(target, `SELECT count(*) FROM contact WHERE note LIKE 'before backup %'`), '3');

  const refused = run(['restore', '--db', target, src]);
  assert.equal(refused.status, 1);
  assert.match(refused.err, /already exists/);
  const forced = run(['restore', '--db', target, '--force', src]);
  assert.equal(forced.status, 0, forced.err);
  assert.equal(run(['audit', 'verify', '--db', target, '--expect-head', head]).status, 0);

  // the restored database serves on another port, with the known record on it
  const proc = spawn(BIN, ['serve', '--db', target, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const base = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('the restored database did not serve')), 15000);
      proc.stdout.on('data', (d) => {
        out += d;
        const m = out.match(/serving (http:\/\/[^\s]+?)\/?\n/);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      });
    });
    const leader = await signedIn(base, 'leader');
    const page = await leader.get(`/people/${pid}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /before backup 2/);
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.on('exit', r));
  }

  // never over a database a server has open
  const busy = run(['restore', '--db', srv.db, '--force', src]);
  assert.equal(busy.status, 1);
  assert.match(busy.err, /in use/);
  assert.equal((await es.get(`/people/${pid}`)).status, 200);
});

test('restore refuses a copy whose audit log was edited, and one without its key', () => {
  const src = join(srv.dir, 'tampered.db');
  assert.equal(run(['backup', '--db', srv.db, src]).status, 0);
  // the audit table refuses UPDATE by trigger: drop it in the copy, then rewrite a row
  execFileSync('sqlite3', [src, "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'nobody' WHERE seq = 2;"]);
  assert.equal(sql(src, 'PRAGMA integrity_check'), 'ok', 'the file itself is sound');
  const target = join(srv.dir, 'from-tampered.db');
  const r = run(['restore', '--db', target, src]);
  assert.equal(r.status, 1);
  assert.match(r.err, /audit chain is BROKEN at entry 2/);
  assert.ok(!existsSync(target), 'nothing was put in place');
  assert.ok(!readdirSync(srv.dir).some((f) => f.startsWith('from-tampered')), 'no scratch files left');

  // the read log is checked as strictly: a view removed from it is found
  const views = join(srv.dir, 'views-edited.db');
  assert.equal(run(['backup', '--db', srv.db, views]).status, 0);
  execFileSync('sqlite3', [views + '.reads', 'DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 1;']);
  const rv = run(['restore', '--db', join(srv.dir, 'from-views-edited.db'), views]);
  assert.equal(rv.status, 1);
  assert.match(rv.err, /read log's chain is BROKEN at entry 1/);
  assert.ok(!readdirSync(srv.dir).some((f) => f.startsWith('from-views-edited')), 'nothing was put in place');
  const av = run(['audit', 'verify', '--db', views]);
  assert.equal(av.status, 1);
  assert.match(av.out, /audit chain ok: \d+ entries\nread log BROKEN at entry 1/);

  const keyless = join(srv.dir, 'keyless.db');
  assert.equal(run(['backup', '--db', srv.db, keyless]).status, 0);
  copyFileSync(keyless, join(srv.dir, 'keyless2.db'));
  const k = run(['restore', '--db', join(srv.dir, 'from-keyless.db'), join(srv.dir, 'keyless2.db')]);
  assert.equal(k.status, 1);
  assert.match(k.err, /audit key is missing/);
});

test('restore refuses a database made by a newer ipsdesk', () => {
  const src = join(srv.dir, 'newer.db');
  assert.equal(run(['backup', '--db', srv.db, src]).status, 0);
  execFileSync('sqlite3', [src, 'PRAGMA user_version = 999']);
  const r = run(['restore', '--db', join(srv.dir, 'from-newer.db'), src]);
  assert.equal(r.status, 1);
  assert.match(r.err, /newer version/);
});
