// tests/http/dashboard.test.mjs — the outcomes dashboard over HTTP: each role sees only
// what it may (a specialist their own referrals, a team leader their site, a
// commissioner no named person and small numbers withheld), the period and saving
// choices, and downloads of the same figures as CSV and XLSX with the period, scope and
// definitions written in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { inflateRawSync } from 'node:zlib';
import { startServer, signedIn, referralFields, daysAgo } from './lib.mjs';

let srv;
const sql = (s) => execFileSync('sqlite3', [srv.db, s], { encoding: 'utf8' }).trim();
const NAMES = ['Amara', 'Okafor', 'Bilal', 'Cerys', 'Dafydd', 'Test specialist', 'Test leader', 'Test clinician',
  'Test halftime', 'Test otherleader', 'Test otherspecialist', 'Test otherclinician'];

async function refer(user, given, nhs, over = {}) {
  const c = await signedIn(srv.base, user);
  await c.get('/referrals/new');
  const r = await c.post('/referrals', referralFields({ given_name: given, nhs_number: nhs, ...over }));
  assert.ok(r.status === 200 || r.status === 303, `referral of ${given}: ${r.status}`);
  return sql(`SELECT r.id || ' ' || c.id FROM referral r JOIN client c ON c.id = r.client_id WHERE c.given_name = '${given}'`)
    .split(' ');
}

async function allocate(rid, username) {
  const leader = await signedIn(srv.base, 'leader');
  await leader.get('/referrals');
  const es = sql(`SELECT staff_id FROM account WHERE username = '${username}'`);
  assert.equal((await leader.post(`/referrals/${rid}/allocate`, { [`specialist-${rid}`]: es })).status, 303);
}

async function meet(username, pid, rid, d) {
  const es = await signedIn(srv.base, username);
  await es.get(`/people/${pid}/contacts/new`);
  const r = await es.post(`/people/${pid}/contacts`, {
    referral_id: rid, 'date-day': d.day, 'date-month': d.month, 'date-year': d.year, with: 'client',
    mode: 'face_to_face', place: 'community', minutes: '45', attended: 'yes',
  });
  assert.ok(r.status === 303 || r.status === 200, `contact: ${r.status} ${(r.body.match(/nhsuk-error-message">([^<]*<[^>]*>[^<]*)/) ?? [])[1]}`);
}

before(async () => {
  srv = await startServer();
  // S1: Amara (the specialist's, met, into work), Bilal (specialist2's, met), Cerys (T2,
  // waiting); S2: Dafydd. Amara's gender and ethnic category are the form's (2, N);
  // Bilal has neither recorded.
  const [amaraRef, amara] = await refer('clinician', 'Amara', '943 476 5919');
  const [bilalRef, bilal] = await refer('clinician', 'Bilal', '401 023 2137', { gender: '', ethnic_category: '' });
  await refer('otherclinician', 'Cerys', '');
  await refer('otherleader', 'Dafydd', '', { team: sql("SELECT id FROM team WHERE code = 'T3'") });
  await allocate(amaraRef, 'specialist');
  await allocate(bilalRef, 'specialist2');
  await meet('specialist', amara, amaraRef, daysAgo(5));
  await meet('specialist2', bilal, bilalRef, daysAgo(4));
  const es = await signedIn(srv.base, 'specialist');
  await es.get('/employers/new');
  assert.equal((await es.post('/employers', { name: 'Greggs', sector: 'Food' })).status, 303);
  const eid = sql("SELECT id FROM employer WHERE name = 'Greggs'");
  await es.get(`/people/${amara}/jobs/new`);
  const d = daysAgo(3);
  const job = await es.post(`/people/${amara}/jobs`, {
    referral_id: amaraRef, employer_id: eid, title: 'Baker', job_type: '5432',
    'started_on-day': d.day, 'started_on-month': d.month, 'started_on-year': d.year,
    hours_per_week: '16', hourly_wage: '12.00', competitive: 'yes',
  });
  assert.ok(job.status === 303 || job.status === 200, `job start: ${job.status}`);
  assert.equal(sql('SELECT count(*) FROM job'), '1');
});
after(async () => { await srv.stop(); });

// A figure of the headline table by its row label: the data-value of its cell.
function figure(body, label) {
  const esc = label.replace(/[()]/g, '\\$&');
  const m = body.match(new RegExp(`<th scope="row" class="nhsuk-table__header">${esc}</th><td[^>]*data-value="([^"]*)"`));
  assert.ok(m, `row ${label}`);
  return m[1];
}

// The rows of a breakdown table (id t-by-…): label -> [received, accessed, caseload, into work]
function rows(body, id) {
  const t = body.match(new RegExp(`<table class="nhsuk-table" id="t-${id}"[\\s\\S]*?</table>`));
  assert.ok(t, `table ${id}`);
  const out = {};
  for (const r of t[0].matchAll(/<tr class="nhsuk-table__row"><th scope="row"[^>]*>([^<]*)<\/th>(.*?)<\/tr>/g))
    out[r[1]] = [...r[2].matchAll(/data-value="([^"]*)"/g)].map((v) => v[1]);
  return out;
}

test('a specialist sees only the figures of their own referrals', async () => {
  const c = await signedIn(srv.base, 'specialist');
  const r = await c.get('/dashboard');
  assert.equal(r.status, 200);
  assert.match(r.body, /<h1><span class="nhsuk-caption-l">Your own referrals<\/span>Your outcomes<\/h1>/);
  assert.equal(figure(r.body, 'Referrals received'), '1');
  assert.equal(figure(r.body, 'Accessed (first direct contact in the period)'), '1');
  assert.equal(figure(r.body, 'People into work'), '1');
  assert.equal(figure(r.body, 'Job starts'), '1');
  assert.doesNotMatch(r.body, /name="team"/, 'no team filter for a specialist');
  // asking for the team's figures still gives their own
  const t = await c.get('/dashboard?team=T1');
  assert.equal(figure(t.body, 'Referrals received'), '1');
  // the figures name nobody (the specialist's own in-work support list, "Your week", may)
  const figures = r.body.replace(/<section class="ips-dash-section" id="your-week">.*?<\/section>/s, '');
  for (const n of ['Amara', 'Bilal', 'Cerys', 'Dafydd']) assert.ok(!figures.includes(n), `no ${n}`);
});

test('a team leader sees their site, can narrow it to a team, and never another site', async () => {
  const c = await signedIn(srv.base, 'leader');
  const r = await c.get('/dashboard');
  assert.equal(r.status, 200);
  assert.match(r.body, /Northgate Trust/);
  assert.equal(figure(r.body, 'Referrals received'), '3');
  assert.equal(figure(r.body, 'Caseload (people)'), '2');
  assert.equal(figure(r.body, 'Waiting for a first contact on the last day'), '1');
  assert.deepEqual(Object.keys(rows(r.body, 'by-team')), ['North East IPS', 'North IPS']);
  assert.deepEqual(rows(r.body, 'by-team')['North IPS'], ['2', '2', '2', '1']);
  // Bilal has no gender or ethnic category: counted as not recorded, never dropped
  assert.deepEqual(rows(r.body, 'by-gender')['Not recorded'], ['1', '1', '1', '0']);
  assert.deepEqual(rows(r.body, 'by-ethnic-group')['Black or Black British'], ['2', '1', '1', '1']);
  assert.deepEqual(rows(r.body, 'by-ethnic-group')['Not recorded'], ['1', '1', '1', '0']);
  assert.deepEqual(rows(r.body, 'by-source')['Mental health professional'], ['3', '2', '2', '1']);
  // every chart's table has a caption and column headers
  const tables = r.body.match(/<table class="nhsuk-table"[^>]*data-chart=/g) ?? [];
  assert.ok(tables.length >= 9, `charted tables: ${tables.length}`);
  assert.match(r.body, /data-benchmarks="31 41 50"/);
  assert.match(r.body, /<script src="\/assets\/chart\.umd\.min\.js" defer><\/script>/);
  assert.doesNotMatch(r.body, /<script>|<script type="application\/json"|style="/, 'no inline script or style');

  const team = await c.get('/dashboard?team=T2');
  assert.equal(figure(team.body, 'Referrals received'), '1');
  assert.match(team.body, /North East IPS \(team\)/);
  const other = await c.get('/dashboard?team=T3');
  assert.match(other.body, /nhsuk-error-summary/);
  assert.match(other.body, /Choose a team from the list/);
  assert.doesNotMatch(other.body, /id="t-headline"/);
  const other2 = await signedIn(srv.base, 'otherleader');
  assert.equal(figure((await other2.get('/dashboard')).body, 'Referrals received'), '1');
});

test('a commissioner sees no named person and small numbers withheld', async () => {
  const c = await signedIn(srv.base, 'commissioner');
  const r = await c.get('/dashboard');
  assert.equal(r.status, 200);
  for (const n of NAMES) assert.ok(!r.body.includes(n), `the page names no one: found ${n}`);
  assert.match(r.body, /Counts from 1 to 4 are shown as \*/);
  assert.equal(figure(r.body, 'Referrals received'), '*');
  assert.match(r.body, /<option value="S1">Northgate Trust<\/option>/);
  const s2 = await c.get('/dashboard?site=S2');
  assert.match(s2.body, /Southmoor Trust/);
  const csv = await c.get('/dashboard.csv');
  assert.match(csv.headers.get('content-disposition'),
    /^attachment; filename="ipsdesk-dashboard-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv"$/);
  for (const n of NAMES) assert.ok(!csv.body.includes(n), `the CSV names no one: found ${n}`);
});

test('roles without outcomes are refused', async () => {
  const clin = await signedIn(srv.base, 'clinician');
  assert.equal((await clin.get('/dashboard')).status, 403);
  assert.equal((await clin.get('/dashboard.csv')).status, 403);
  const anon = await fetch(`${srv.base}/dashboard.xlsx`, { redirect: 'manual' });
  assert.notEqual(anon.status, 200);
});

test('financial-year, rolling and chosen periods', async () => {
  const c = await signedIn(srv.base, 'leader');
  const roll = await c.get('/dashboard');
  assert.match(roll.body, /Rolling 12 months: /);
  const fy = await c.get('/dashboard?period=fy-2024');
  assert.match(fy.body, /Financial year 2024 to 2025: 1 April 2024 to 31 March 2025/);
  assert.equal(figure(fy.body, 'Referrals received'), '0');
  const from = daysAgo(20).iso, to = daysAgo(0).iso;
  const custom = await c.get(`/dashboard?period=custom&from=${from}&to=${to}`);
  assert.equal(figure(custom.body, 'Referrals received'), '3');
  assert.match(custom.body, new RegExp(`value="${from}"`));
  const bad = await c.get(`/dashboard?period=custom&from=${to}&to=${from}`);
  if (from !== to) assert.match(bad.body, /The last day of the period must be on or after the first/);
  const nope = await c.get('/dashboard?period=fy-1999');
  assert.match(nope.body, /Choose a period from the list/);
});

test('the saving per person is a stated assumption the user can change', async () => {
  const c = await signedIn(srv.base, 'leader');
  const r = await c.get('/dashboard');
  assert.match(r.body, /name="saving" type="text" value="6000"/);
  assert.match(r.body, /£6,000 \(1 × £6,000\)/);
  const mine = await c.get('/dashboard?saving=7500');
  assert.match(mine.body, /£7,500 \(1 × £7,500\)/);
  const bad = await c.get('/dashboard?saving=lots');
  assert.match(bad.body, /Enter the saving per person in whole pounds/);
});

// The files of a zip archive (central directory; stored or deflated), as name -> text.
function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'a zip archive');
  const n = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = {};
  for (let i = 0; i < n; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const method = buf.readUInt16LE(p + 10), size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28), extraLen = buf.readUInt16LE(p + 30), commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files[name] = (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

test('downloads carry exactly the figures on screen, with period, scope and definitions', async () => {
  const c = await signedIn(srv.base, 'leader');
  const page = await c.get('/dashboard?period=fy-2024&team=T1&saving=5000');
  assert.match(page.body, /href="\/dashboard\.csv\?period=fy-2024&amp;team=T1&amp;saving=5000"/);
  const csv = await c.get('/dashboard.csv?period=fy-2024&team=T1&saving=5000');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.body, /^ipsdesk outcomes dashboard\n/);
  assert.match(csv.body, /\nPeriod,Financial year 2024 to 2025: 1 April 2024 to 31 March 2025\n/);
  assert.match(csv.body, /\nFrom,2024-04-01\nTo,2025-03-31\n/);
  assert.match(csv.body, /\nScope,North IPS \(team\)\n/);
  assert.match(csv.body, /\nDefinition: Caseload,/);
  assert.match(csv.body, /\nSaving per person in pounds \(assumption\),5000\n/);
  assert.match(csv.body, /\nGroup,Referrals received,Accessed,Caseload,People into work\n/);
  // the same figures as the page: every headline row
  const now = await c.get('/dashboard.csv');
  const screen = await c.get('/dashboard');
  for (const label of ['Referrals received', 'Caseload (people)', 'People into work'])
    assert.match(now.body, new RegExp(`\\n${label.replace(/[()]/g, '\\$&')},${figure(screen.body, label)}\\n`));

  const res = await fetch(`${srv.base}/dashboard.xlsx?period=fy-2024`, { headers: { cookie: c.cookieHeader() } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const buf = Buffer.from(await res.arrayBuffer());
  assert.equal(buf.subarray(0, 2).toString('latin1'), 'PK');
  const files = unzip(buf);
  assert.match(files['xl/workbook.xml'], /<sheet name="About"/);
  assert.match(files['xl/workbook.xml'], /<sheet name="Employment rate by quarter"/);
  const strings = files['xl/sharedStrings.xml'];
  assert.match(strings, /Financial year 2024 to 2025: 1 April 2024 to 31 March 2025/);
  assert.match(strings, /Northgate Trust/);
  assert.match(strings, /Definitions/);
  assert.match(strings, /first direct contact/);
});

test('across sites, every service side by side; a team leader sees only their own', async () => {
  const admin = await signedIn(srv.base, 'admin');
  const r = await admin.get('/dashboard');
  assert.equal(r.status, 200);
  const t = rows(r.body, 'by-site');
  assert.deepEqual(Object.keys(t), ['Northgate Trust', 'Southmoor Trust']);
  const all = (label) => {
    const m = r.body.match(new RegExp(`<table class="nhsuk-table" id="t-by-site"[\\s\\S]*?</table>`))[0]
      .match(new RegExp(`<th scope="row"[^>]*>${label}</th>(.*?)</tr>`));
    return [...m[1].matchAll(/data-value="([^"]*)"/g)].map((v) => v[1]);
  };
  // received, accessed, caseload, worked, employment rate, job starts, into work
  assert.deepEqual(all('Northgate Trust'), ['3', '2', '2', '1', '50.0', '1', '1']);
  assert.deepEqual(all('Southmoor Trust'), ['1', '0', '0', '0', '', '0', '0']);
  // narrowed to one site, there is nothing to compare
  assert.doesNotMatch((await admin.get('/dashboard?site=S1')).body, /id="t-by-site"/);
  // a commissioner sees the same table under the small-number rule
  const c = await signedIn(srv.base, 'commissioner');
  const cb = (await c.get('/dashboard')).body;
  assert.match(cb, /Services compared/);
  assert.deepEqual(rows(cb, 'by-site')['Northgate Trust'], ['*', '*', '*', '*', '*', '*', '*']);
  for (const n of NAMES) assert.ok(!cb.includes(n), `no ${n}`);
  const leader = await signedIn(srv.base, 'leader');
  assert.doesNotMatch((await leader.get('/dashboard')).body, /id="t-by-site"/);
  // the download carries it too
  const csv = await admin.get('/dashboard.csv');
  assert.match(csv.body, /Services compared/);
  assert.match(csv.body, /Northgate Trust,3,2,2,1,50\.0,1,1/);
});

test('access by month against a trajectory: the national ambition, or the service\'s own target', async () => {
  const admin = await signedIn(srv.base, 'admin');
  const r = await admin.get('/dashboard?period=custom&from=2025-12-01&to=2026-11-30');
  assert.equal(r.status, 200);
  const access = r.body.match(/<table class="nhsuk-table" id="t-access"[\s\S]*?<\/table>/)[0];
  assert.match(access, /<th scope="col"[^>]*>Trajectory<\/th>/);
  assert.doesNotMatch(access, /data-line=""/, 'England\'s figure is not drawn over a smaller service');
  const traj = (month) => access.match(new RegExp(`<th scope="row"[^>]*>${month}</th>.*?<td[^>]*data-value="[^"]*".*?<td[^>]*data-value="([^"]*)"`))[1];
  // 2025 to 2026: 55,000 + 2/5 of 60,000 = 79,000 a year, 6,583 a month;
  // 2026 to 2027: 55,000 + 3/5 of 60,000 = 91,000 a year, 7,583 a month
  assert.equal(traj('December 2025'), '6583');
  assert.equal(traj('March 2026'), '6583');
  assert.equal(traj('April 2026'), '7583');
  assert.match(r.body, /NHS Long Term Plan/);
  // one service: no national line unless its own target is entered
  const leader = await signedIn(srv.base, 'leader');
  const own = await leader.get('/dashboard');
  assert.doesNotMatch(own.body.match(/<table class="nhsuk-table" id="t-access"[\s\S]*?<\/table>/)[0], /Trajectory/);
  const set = await leader.get('/dashboard?access_target=240');
  const t2 = set.body.match(/<table class="nhsuk-table" id="t-access"[\s\S]*?<\/table>/)[0];
  assert.equal([...t2.matchAll(/data-value="20"/g)].length, 12, 'a twelfth of 240 each month');
  assert.match(t2, /data-series="" data-line="">Trajectory<\/th>/);
  assert.match(set.body, /the 240 people a year you entered/);
  assert.match(set.body, /href="\/dashboard\.csv\?[^"]*access_target=240/);
  const bad = await leader.get('/dashboard?access_target=lots');
  assert.match(bad.body, /nhsuk-error-summary/);
  assert.match(bad.body, /href="#access_target">Enter the number of people a year/);
  assert.match(bad.body, /id="access_target-error"/);
});
