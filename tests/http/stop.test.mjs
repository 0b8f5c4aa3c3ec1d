// tests/http/stop.test.mjs — the server stops when told to, whatever its pages are doing:
// pages held back while their views wait for the read log (here held by another
// process), some abandoned by their clients, are still answered or ended, and the
// server exits on SIGTERM instead of waiting for ever; every answered page's view is in
// the read log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { startServer, signedIn, referralFields, sqlOn } from './lib.mjs';

let srv, pid;
const sql = (s) => sqlOn(srv.db)(s);

before(async () => {
  srv = await startServer();
  const clin = await signedIn(srv.base, 'clinician');
  await clin.get('/referrals/new');
  await clin.post('/referrals', referralFields());
  pid = Number(sql('SELECT max(id) FROM client'));
});
after(() => {
  // a server that did not stop is killed, so a failure here cannot hang the suite
  if (srv.proc.exitCode === null && srv.proc.signalCode === null) srv.proc.kill('SIGKILL');
  rmSync(srv.dir, { recursive: true, force: true });
});

test('pages waiting for the read log, some abandoned, do not keep the server from stopping', async () => {
  const es = await signedIn(srv.base, 'specialist');
  assert.equal((await es.get(`/people/${pid}`)).status, 200);   // the read log exists
  // another process holds the read log's write lock: views wait, and so do their pages
  const holder = spawn('sqlite3', [`${srv.db}.reads`], { stdio: ['pipe', 'pipe', 'pipe'] });
  holder.stdin.write('BEGIN IMMEDIATE;\nSELECT 1;\n');
  await new Promise((r) => holder.stdout.once('data', r));
  const cookie = es.cookieHeader();
  const waiting = [], abandoned = [];
  for (let i = 0; i < 6; i++) {
    const ac = new AbortController();
    const p = fetch(`${srv.base}/people/${pid}`, { headers: { cookie }, signal: ac.signal }).then((r) => r.status, () => 'aborted');
    (i % 2 ? abandoned : waiting).push({ ac, p });
  }
  await new Promise((r) => setTimeout(r, 300));
  for (const a of abandoned) a.ac.abort();   // their clients go while their views wait
  await Promise.all(abandoned.map((a) => a.p));
  holder.stdin.end('COMMIT;\n');             // the lock goes: the views are written
  await new Promise((r) => holder.on('exit', r));
  assert.deepEqual(await Promise.all(waiting.map((w) => w.p)), [200, 200, 200]);

  const exited = new Promise((r) => srv.proc.on('exit', (code) => r(code)));
  srv.proc.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 10000))]);
  assert.equal(code, 0, 'the server stopped');
  // every view is in the read log, those of the abandoned pages too
  assert.equal(Number(sql(`SELECT count(*) FROM views WHERE action = 'client.view' AND entity_id = ${pid}`)), 7);
});
