// tests/http/lib.mjs — a real ipsdesk server on an ephemeral port for the HTTP
// suites: a fresh database with two sites, their teams and an account for every role
// (the reviewer reviews site S1 only), and a small client that keeps cookies and reads
// CSRF tokens like a browser would.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = process.env.IPSDESK_BIN || new URL('../../build/dbg/ipsdesk', import.meta.url).pathname;
export const PASSWORD = 'correct horse battery staple';

// A function running SQL on the database at db with sqlite3. Besides the database's
// own tables it sees `views`: the read log beside the database (DB.reads,
// store/readlog.c), where the audit entries of views are kept, empty until the first
// view; and `audit_all`, both logs' entries (their seq numbers are separate chains).
export function sqlOn(db) {
  return (q) => {
    const reads = `${db}.reads`;
    const setup = existsSync(reads)
      ? [`ATTACH '${reads}' AS reads`, 'CREATE TEMP VIEW views AS SELECT * FROM reads.audit']
      : ['CREATE TEMP VIEW views AS SELECT * FROM main.audit WHERE 0'];
    setup.push('CREATE TEMP VIEW audit_all AS SELECT * FROM main.audit UNION ALL SELECT * FROM views');
    const args = setup.flatMap((c) => ['-cmd', c]);
    return execFileSync('sqlite3', [...args, db, q], { encoding: 'utf8' }).trim();
  };
}

export function ipsdesk(args, input) {
  return execFileSync(BIN, args, { input: input ?? '', encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

export function ipsdeskStatus(args) {
  try {
    return { status: 0, out: execFileSync(BIN, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }) };
  } catch (e) {
    return { status: e.status, out: String(e.stdout) + String(e.stderr) };
  }
}

// Accounts made for every fixture: username -> [role, team]
export const ACCOUNTS = {
  leader: ['team_leader', 'T1'],
  specialist: ['specialist', 'T1'],
  specialist2: ['specialist', 'T1'],
  halftime: ['specialist', 'T1'],
  clinician: ['clinician', 'T1'],
  otherleader: ['team_leader', 'T3'],
  otherspecialist: ['specialist', 'T3'],
  otherclinician: ['clinician', 'T2'],
  admin: ['admin', null],
  auditor: ['auditor', null],
  reviewer: ['reviewer', null],
  commissioner: ['commissioner', null],
};

export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'ipsdesk-http-'));
  const db = join(dir, 'test.db');
  ipsdesk(['init', '--db', db]);
  ipsdesk(['site', 'add', 'S1', '--name', 'Northgate Trust', '--db', db]);
  ipsdesk(['site', 'add', 'S2', '--name', 'Southmoor Trust', '--db', db]);
  ipsdesk(['team', 'add', 'T1', '--site', 'S1', '--name', 'North IPS', '--db', db]);
  ipsdesk(['team', 'add', 'T2', '--site', 'S1', '--name', 'North East IPS', '--db', db]);
  ipsdesk(['team', 'add', 'T3', '--site', 'S2', '--name', 'South IPS', '--db', db]);
  for (const [user, [role, team]] of Object.entries(ACCOUNTS)) {
    const args = ['user', 'add', user, '--name', `Test ${user}`, '--role', role, '--db', db];
    if (team) args.push('--team', team);
    if (user === 'halftime') args.push('--fte', '0.5');
    if (user === 'reviewer') args.push('--reviews', 'S1');
    ipsdesk(args, PASSWORD + '\n');
  }
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const base = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + stderr)), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/[^\s]+?)\/?\n/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
  return {
    base, db, dir, proc,
    stderr: () => stderr,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.on('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A browser-like client: keeps the session cookie, finds CSRF tokens in pages.
export class Client {
  constructor(base) { this.base = base; this.cookies = new Map(); this.csrf = null; }

  cookieHeader() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }

  keep(res) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim(), value = pair.slice(i + 1).trim();
      if (attrs.some((a) => /max-age=0/i.test(a)) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path) {
    const res = await fetch(this.base + path, { redirect: 'manual', headers: { cookie: this.cookieHeader() } });
    this.keep(res);
    const body = await res.text();
    const m = body.match(/name="csrf" value="([^"]+)"/);
    if (m) this.csrf = m[1];
    return { status: res.status, body, headers: res.headers, location: res.headers.get('location') };
  }

  // Posts a form; the CSRF token from the last page is added unless fields.csrf is given
  // (null leaves it out). opts: rawBody, contentType, method (default POST; PATCH for the
  // API's PATCH routes, which a browser session may only reach as a CSRF-checked form).
  async post(path, fields = {}, opts = {}) {
    const f = { ...fields };
    if (!('csrf' in f)) f.csrf = this.csrf;
    if (f.csrf === null) delete f.csrf;
    const body = new URLSearchParams(f).toString();
    const res = await fetch(this.base + path, {
      method: opts.method ?? 'POST', redirect: 'manual', body: opts.rawBody ?? body,
      headers: { cookie: this.cookieHeader(), 'content-type': opts.contentType ?? 'application/x-www-form-urlencoded' },
    });
    this.keep(res);
    const text = await res.text();
    const m = text.match(/name="csrf" value="([^"]+)"/);
    if (m) this.csrf = m[1];
    return { status: res.status, body: text, headers: res.headers, location: res.headers.get('location') };
  }

  async signIn(username, password = PASSWORD) {
    await this.get('/sign-in');
    const r = await this.post('/sign-in', { username, password });
    if (r.status === 303) await this.get('/');   // pick up the new session's CSRF token
    return r;
  }
}

export async function signedIn(base, username) {
  const c = new Client(base);
  const r = await c.signIn(username);
  if (r.status !== 303) throw new Error(`sign-in of ${username} failed: ${r.status}`);
  await c.get('/people');   // a page with the header's sign-out form, so csrf is set
  return c;
}

// Fields for a valid referral form.
export function daysAgo(n) {
  const d = new Date(Date.now() - n * 86400000);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()),
           iso: d.toISOString().slice(0, 10) };
}

export function referralFields(over = {}) {
  const rec = daysAgo(10);
  return {
    given_name: 'Amara', family_name: 'Okafor', nhs_number: '943 476 5919',
    'birth_date-day': '12', 'birth_date-month': '5', 'birth_date-year': '1990',
    phone: '07700 900123', email: '', postcode: 'ls1 4ap', employment_status: '04',
    gender: '2', ethnic_category: 'N', source: 'mental_health_professional',
    'received_on-day': rec.day, 'received_on-month': rec.month, 'received_on-year': rec.year,
    referrer_name: 'Dr Test', reason: 'Wants work in a bakery', consent: 'yes',
    ...over,
  };
}
