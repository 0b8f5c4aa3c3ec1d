// tests/http/import.test.mjs — the admin's CSV import over HTTP (GET and POST
// /admin/import): files uploaded as multipart/form-data the way a browser sends them
// (fetch + FormData), mapped by file name, imported all or nothing through the same use
// case as `ipsdesk import`, with the problems listed on the page as FILE / LINE / COLUMN.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { startServer, Client, signedIn, ACCOUNTS, BIN } from './lib.mjs';

let srv, admin;
before(async () => {
  srv = await startServer();
  admin = await signedIn(srv.base, 'admin');
  await admin.get('/admin/import');
});
after(async () => { await srv.stop(); });

const q = (sql) => execFileSync('sqlite3', [srv.db, sql], { encoding: 'utf8' }).trim();

// A complete valid set; the HTTP fixture already holds sites S1, S2 and teams T1-T3.
const SET = {
  'sites.csv': 'code,name\nS9,"Westfield, Trust"\n',
  'teams.csv': '\ufeffcode,site_code,name\r\nT9,S9,West IPS\r\n',
  'staff.csv': 'code,team_code,name,role\nES9,T9,Ann Smith,specialist\nES10,T1,Bob Jones,specialist\n',
  'employers.csv': 'ref,site_code,name,sector\nE9,S9,Greggs,Retail\n',
  'clients.csv': 'ref,site_code,nhs_number,given_name,family_name\nC9,S9,943 476 5919,Amara,Okafor\nC10,S9,,Jo,"Multi\nLine"\n',
  'referrals.csv': 'ref,client_ref,team_code,received_on,source,specialist_code\nR9,C9,T9,2025-04-01,gp,ES9\n',
  'contacts.csv': 'ref,date,staff_code,with,referral_ref,employer_ref,mode,place,minutes,attended\n'
    + 'K9,2025-04-03,ES9,client,R9,,face_to_face,community,45,\nK10,2025-04-04,ES9,employer,R9,E9,phone,,10,yes\n',
  'jobs.csv': 'ref,referral_ref,employer_ref,title,started_on,hours_per_week\nJ9,R9,E9,Baker,2025-06-01,16.5\n',
};

// Posts files (name -> text or bytes) as a browser form would; csrf: null leaves it out.
async function upload(c, files, { fields = {}, csrf = c.csrf } = {}) {
  const fd = new FormData();
  if (csrf !== null) fd.append('csrf', csrf);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const [name, text] of Object.entries(files)) fd.append('files', new Blob([text], { type: 'text/csv' }), name);
  const res = await fetch(c.base + '/admin/import', {
    method: 'POST', body: fd, redirect: 'manual', headers: { cookie: c.cookieHeader() },
  });
  c.keep(res);
  const body = await res.text();
  const m = body.match(/name="csrf" value="([^"]+)"/);
  if (m) c.csrf = m[1];
  return { status: res.status, body };
}

// A raw POST to /admin/import with the given content type and body.
async function rawPost(c, contentType, body) {
  const res = await fetch(c.base + '/admin/import', {
    method: 'POST', body, redirect: 'manual', headers: { cookie: c.cookieHeader(), 'content-type': contentType },
  });
  return { status: res.status, body: await res.text() };
}

// The rows of the problems table as "FILE:LINE:COLUMN".
function problems(html) {
  const table = html.match(/<table class="nhsuk-table" id="problems">([\s\S]*?)<\/table>/);
  if (!table) return [];
  return [...table[1].matchAll(/<tr class="nhsuk-table__row"><td class="nhsuk-table__cell">([^<]*)<\/td><td class="nhsuk-table__cell">(\d+)<\/td><td class="nhsuk-table__cell">([^<]*)<\/td>/g)]
    .map((m) => `${m[1]}:${m[2]}:${m[3]}`);
}

// The "Rows read" table as { file: rows }.
function rowCounts(html) {
  const out = {};
  for (const m of html.matchAll(/<td class="nhsuk-table__cell">(\w+\.csv)<\/td><td class="nhsuk-table__cell nhsuk-table__cell--numeric">(\d+)<\/td>/g))
    out[m[1]] = Number(m[2]);
  return out;
}

test('the import page offers several CSV files, a dry run and the files in their order', async () => {
  const r = await admin.get('/admin/import');
  assert.equal(r.status, 200);
  assert.match(r.body, /<form method="post" action="\/admin\/import" enctype="multipart\/form-data" novalidate><input type="hidden" name="csrf"/);
  assert.match(r.body, /<label class="nhsuk-label[^"]*" for="files">/);
  assert.match(r.body, /<input class="nhsuk-file-upload__input" id="files" name="files" type="file" multiple accept="\.csv,text\/csv" aria-describedby="files-hint">/);
  assert.match(r.body, /<input class="nhsuk-checkboxes__input" id="dry_run" name="dry_run" type="checkbox" value="yes"/);
  assert.match(r.body, /Check only \(dry run\)/);
  const order = ['sites', 'teams', 'staff', 'employers', 'clients', 'referrals', 'contacts', 'jobs']
    .map((f) => r.body.indexOf(`<li><code>${f}.csv</code>`));
  assert.ok(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1])), `order ${order}`);
  assert.doesNotMatch(r.body, /<script(?! type="module" src="\/assets\/ipsdesk\.js")/);   // works without JavaScript
});

test('a dry run checks every file, counts the rows and writes nothing', async () => {
  const r = await upload(admin, SET, { fields: { dry_run: 'yes' } });
  assert.equal(r.status, 200, r.body);
  assert.match(r.body, /<h1 class="nhsuk-panel__heading">Every file is valid<\/h1>/);
  assert.match(r.body, /Nothing was saved/);
  assert.deepEqual(rowCounts(r.body), {
    'sites.csv': 1, 'teams.csv': 1, 'staff.csv': 2, 'employers.csv': 1, 'clients.csv': 2,
    'referrals.csv': 1, 'contacts.csv': 2, 'jobs.csv': 1,
  });
  assert.equal(q("SELECT count(*) FROM site WHERE code = 'S9'"), '0');
});

test('an admin imports a valid set: rows counted per file, records present, audited', async () => {
  const r = await upload(admin, SET);
  assert.equal(r.status, 200, r.body);
  assert.match(r.body, /<h1 class="nhsuk-panel__heading">Records imported<\/h1>/);
  assert.match(r.body, /11 rows were imported/);
  assert.deepEqual(rowCounts(r.body), {
    'sites.csv': 1, 'teams.csv': 1, 'staff.csv': 2, 'employers.csv': 1, 'clients.csv': 2,
    'referrals.csv': 1, 'contacts.csv': 2, 'jobs.csv': 1,
  });
  assert.equal(q("SELECT name FROM site WHERE code = 'S9'"), 'Westfield, Trust');
  assert.equal(q("SELECT nhs_number FROM client WHERE ref = 'C9'"), '9434765919');
  assert.equal(q("SELECT family_name FROM client WHERE ref = 'C10'"), 'Multi\nLine');
  assert.equal(q("SELECT title FROM job WHERE ref = 'J9'"), 'Baker');
  assert.equal(q("SELECT count(*) FROM contact WHERE ref IN ('K9', 'K10')"), '2');
  assert.equal(q("SELECT count(*) FROM audit WHERE action = 'import'"), '8');
  assert.match(execFileSync(BIN, ['audit', 'verify', '--db', srv.db], { encoding: 'utf8' }), /audit chain ok/);
});

test('a set with errors gets 422, an error summary and FILE / LINE / COLUMN rows; nothing is written', async () => {
  const before = q('SELECT count(*) FROM client');
  const r = await upload(admin, {
    'sites.csv': 'code,name\nS8,Eastgate\n',
    'clients.csv': 'ref,site_code,nhs_number,given_name,family_name\nC80,S8,,Ann,Lee\nC81,S8,943 476 5918,Bo,Ng\nC82,NOPE,,Cy,Po\n',
    'referrals.csv': 'ref,client_ref,team_code,received_on,source,closed_on,close_reason\n'
      + 'R80,C80,T1,2025-05-01,gp,2025-04-01,other\n',
    'employers.csv': 'ref,site_code,name\nE80,S8,A\0B\n',
    'jobs.csv': 'ref,referral_ref,title,started_on,hours_per_week,colour\nJ80,R80,Baker,2025-06-01,16,blue\n',
  });
  assert.equal(r.status, 422);
  assert.match(r.body, /<div class="nhsuk-error-summary"[^>]*>[\s\S]*<a href="#problems">The files have \d+ problems: nothing was imported<\/a>/);
  assert.match(r.body, /<title>Error: Import records/);
  assert.deepEqual(problems(r.body), [
    'employers.csv:2:-',
    'clients.csv:3:nhs_number',
    'clients.csv:4:site_code',
    'referrals.csv:2:closed_on',
    'jobs.csv:1:colour',
  ]);
  assert.match(r.body, /<th scope="col" class="nhsuk-table__header">File<\/th><th scope="col" class="nhsuk-table__header">Line<\/th><th scope="col" class="nhsuk-table__header">Column<\/th><th scope="col" class="nhsuk-table__header">Message<\/th>/);
  assert.equal(q("SELECT count(*) FROM site WHERE code = 'S8'"), '0');
  assert.equal(q('SELECT count(*) FROM client'), before);
  // the form is there again, to send the corrected files
  assert.match(r.body, /enctype="multipart\/form-data"/);
});

test('importing the same set again is refused: every code and ref already exists', async () => {
  const r = await upload(admin, { 'sites.csv': SET['sites.csv'], 'clients.csv': SET['clients.csv'] });
  assert.equal(r.status, 422);
  assert.deepEqual(problems(r.body), ['sites.csv:2:code', 'clients.csv:2:ref', 'clients.csv:3:ref']);
});

test('more than 100 problems: the first 100 are listed, then a count of the rest', async () => {
  let clients = 'ref,site_code,given_name,family_name\n';
  for (let i = 0; i < 130; i++) clients += `X${i},NOPE,A,B\n`;
  const r = await upload(admin, { 'clients.csv': clients });
  assert.equal(r.status, 422);
  const rows = problems(r.body);
  assert.equal(rows.length, 100);
  assert.equal(rows[0], 'clients.csv:2:site_code');
  assert.equal(rows[99], 'clients.csv:101:site_code');
  assert.match(r.body, /And 30 more problems, not shown/);
  assert.match(r.body, /The files have 130 problems/);
});

test('an unknown file name, a name chosen twice, or no file at all is reported on the page', async () => {
  let r = await upload(admin, { 'sites.csv': 'code,name\nS6,Six\n', 'Clients.CSV': 'x\n', 'notes.txt': 'hello' });
  assert.equal(r.status, 422);
  assert.match(r.body, /<a href="#files">Clients\.CSV is not a file ipsdesk imports/);
  assert.match(r.body, /<a href="#files">notes\.txt is not a file ipsdesk imports/);
  assert.match(r.body, /<span class="nhsuk-error-message" id="files-error">/);
  assert.match(r.body, /aria-describedby="files-hint files-error"/);
  assert.equal(q("SELECT count(*) FROM site WHERE code = 'S6'"), '0');   // nothing imported

  const fd = new FormData();
  fd.append('csrf', admin.csrf);
  fd.append('files', new Blob(['code,name\nS6,Six\n']), 'sites.csv');
  fd.append('files', new Blob(['code,name\nS7,Seven\n']), 'sites.csv');
  const res = await fetch(admin.base + '/admin/import', { method: 'POST', body: fd, headers: { cookie: admin.cookieHeader() } });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /You chose more than one file named sites\.csv/);

  // a browser's form with the file input left empty sends one part with filename=""
  const empty = new FormData();
  empty.append('csrf', admin.csrf);
  empty.append('files', new Blob([]), '');
  r = await fetch(admin.base + '/admin/import', { method: 'POST', body: empty, headers: { cookie: admin.cookieHeader() } });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /<a href="#files">Choose the CSV files to import<\/a>/);
  r = await upload(admin, {});
  assert.equal(r.status, 422);
});

test('a file path sent by an old browser counts by its last part', async () => {
  const r = await upload(admin, { 'C:\\Users\\ann\\sites.csv': 'code,name\nS5,Five\n' }, { fields: { dry_run: 'yes' } });
  assert.equal(r.status, 200, r.body);
  assert.deepEqual(rowCounts(r.body), { 'sites.csv': 1 });
});

test('every role but admin gets 403; a visitor is sent to sign in', async () => {
  for (const [user, [role]] of Object.entries(ACCOUNTS)) {
    if (role === 'admin' || user === 'specialist2' || user === 'halftime') continue;
    const c = await signedIn(srv.base, user);
    assert.equal((await c.get('/admin/import')).status, 403, user);
    const r = await upload(c, { 'sites.csv': 'code,name\nS4,Four\n' });
    assert.equal(r.status, 403, user);
  }
  const visitor = new Client(srv.base);
  const g = await visitor.get('/admin/import');
  assert.equal(g.status, 303);
  assert.equal(g.location, '/sign-in');
  await visitor.get('/refer');   // a visitor's CSRF token
  assert.equal((await upload(visitor, { 'sites.csv': 'code,name\nS4,Four\n' })).status, 403);
  assert.equal(q("SELECT count(*) FROM site WHERE code = 'S4'"), '0');
});

test('a missing or wrong CSRF token gets 403 and writes nothing', async () => {
  let r = await upload(admin, { 'sites.csv': 'code,name\nS3,Three\n' }, { csrf: null });
  assert.equal(r.status, 403);
  assert.match(r.body, /This form has expired/);
  r = await upload(admin, { 'sites.csv': 'code,name\nS3,Three\n' }, { csrf: 'x'.repeat(43) });
  assert.equal(r.status, 403);
  assert.equal(q("SELECT count(*) FROM site WHERE code = 'S3'"), '0');
  await admin.get('/admin/import');
});

test('a POST that is not multipart gets 415; a malformed multipart body 400', async () => {
  assert.equal((await admin.post('/admin/import', {})).status, 415);
  assert.equal((await rawPost(admin, 'text/csv', 'code,name\n')).status, 415);
  assert.equal((await rawPost(admin, 'multipart/form-data', '--x--\r\n')).status, 400);   // no boundary
  const b = 'XyZ';
  const head = `--${b}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${admin.csrf}\r\n`;
  assert.equal((await rawPost(admin, `multipart/form-data; boundary=${b}`, head)).status, 400);   // not closed
  assert.equal((await rawPost(admin, `multipart/form-data; boundary=${b}`, head.replaceAll('\r\n', '\n') + `--${b}--`)).status, 400);
  // and a well-formed one written by hand is read
  const ok = head + `--${b}\r\nContent-Disposition: form-data; name="files"; filename="sites.csv"\r\n`
    + `Content-Type: text/csv\r\n\r\ncode,name\nS2a,Two\r\n--${b}\r\nContent-Disposition: form-data; name="dry_run"\r\n\r\nyes\r\n--${b}--\r\n`;
  const r = await rawPost(admin, `multipart/form-data; boundary="${b}"`, ok);
  assert.equal(r.status, 200, r.body);
  assert.match(r.body, /Every file is valid/);
  // other POST routes still refuse multipart
  const fd = new FormData();
  fd.append('csrf', admin.csrf);
  const res = await fetch(admin.base + '/sign-out', { method: 'POST', body: fd, redirect: 'manual', headers: { cookie: admin.cookieHeader() } });
  assert.equal(res.status, 415);
});

test('an admin may send more than 1 MiB here; others may not, and nothing over the upload limit is read', async () => {
  let clients = 'ref,site_code,nhs_number,given_name,family_name\n';
  const long = 'Family'.padEnd(200, 'x');   // long rows: few of them, quickly checked
  for (let i = 0; clients.length < 1.5 * 1024 * 1024; i++) clients += `BIG${i},S9,,Given${i},${long}\n`;
  const r = await upload(admin, { 'clients.csv': clients }, { fields: { dry_run: 'yes' } });
  assert.equal(r.status, 200, r.body.slice(0, 2000));
  assert.ok(rowCounts(r.body)['clients.csv'] > 6000);

  const spec = await signedIn(srv.base, 'specialist');
  assert.equal((await upload(spec, { 'clients.csv': clients })).status, 403);
  // the same size on a form route is too large
  assert.equal((await admin.post('/sign-out', { pad: 'x'.repeat(1.5 * 1024 * 1024) })).status, 413);

  // a declared body beyond what is ever read is answered at once
  const status = await new Promise((resolve, reject) => {
    const u = new URL(srv.base + '/admin/import');
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: {
      cookie: admin.cookieHeader(), 'content-type': 'multipart/form-data; boundary=x',
      'content-length': String(200 * 1024 * 1024),
    } }, (res) => { res.resume(); resolve(res.statusCode); req.destroy(); });
    req.on('error', reject);
    req.flushHeaders();
  });
  assert.equal(status, 413);
});

test('at most two large uploads are held at once; a third gets 503, and slots come back', async () => {
  // two uploads that have sent their headers and are still sending
  const held = [];
  const u = new URL(srv.base + '/admin/import');
  for (let i = 0; i < 2; i++) {
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: {
      cookie: admin.cookieHeader(), 'content-type': 'multipart/form-data; boundary=x',
      'content-length': String(10 * 1024 * 1024),
    } });
    req.on('error', () => {});
    req.write('--x');
    held.push(req);
  }
  await new Promise((r) => setTimeout(r, 300));
  const big = 'ref,site_code,given_name,family_name\n' + 'Z,S9,A,B\n'.repeat(150000);
  let r = await upload(admin, { 'clients.csv': big }, { fields: { dry_run: 'yes' } });
  assert.equal(r.status, 503);
  assert.match(r.body, /Other files are being sent/);
  // a small one still goes through
  r = await upload(admin, { 'sites.csv': 'code,name\nS1b,One\n' }, { fields: { dry_run: 'yes' } });
  assert.equal(r.status, 200);
  for (const req of held) req.destroy();
  await new Promise((res) => setTimeout(res, 300));
  r = await upload(admin, { 'clients.csv': big }, { fields: { dry_run: 'yes' } });
  assert.equal(r.status, 422);   // read whole (Z is used again on every row)
  assert.match(r.body, /is used again/);
});
