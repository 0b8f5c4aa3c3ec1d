// tests/cli/fidelity_scale.test.mjs — `ipsdesk fidelity load-scale FILE`: the shipped
// 2008 scale file loads as a new version identical to the one the migration seeds; each
// kind of bad file is refused with a message naming the item and field; a file with one
// bad item among good ones writes nothing (all or nothing); and a revised scale's
// thresholds are what `fidelity evidence` then reads its suggested scores from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../http/lib.mjs';

const SHIPPED = new URL('../../docs/scales/ips-25-2008.json', import.meta.url).pathname;

function freshDb() {
  const dir = mkdtempSync(join(tmpdir(), 'ipsdesk-scale-'));
  const db = join(dir, 'test.db');
  execFileSync(BIN, ['init', '--db', db]);
  return { dir, db };
}
const sql = (db, s) => execFileSync('sqlite3', [db, s], { encoding: 'utf8' }).trim();
const run = (args) => spawnSync(BIN, args, { encoding: 'utf8' });

function load(db, dir, scale, name = 'scale.json') {
  const file = join(dir, name);
  writeFileSync(file, typeof scale === 'string' ? scale : JSON.stringify(scale));
  return run(['fidelity', 'load-scale', '--db', db, file]);
}

const shipped = () => JSON.parse(readFileSync(SHIPPED, 'utf8'));

test('the shipped 2008 file loads as version 2, the same as the seeded version 1', () => {
  const { dir, db } = freshDb();
  assert.equal(sql(db, 'SELECT count(*) FROM fidelity_scale'), '1', 'the migration seeds the 2008 scale');
  const r = load(db, dir, readFileSync(SHIPPED, 'utf8'));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /loaded scale version 2: IPS Supported Employment Fidelity Scale \(IPS-25\) \(2008\), 25 items/);
  const cols = 'code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, '
    + 'lower_is_better, cut_1, cut_2, cut_3, cut_4';
  assert.equal(sql(db, `SELECT count(*) FROM (SELECT ${cols} FROM fidelity_item WHERE scale_id = 1 EXCEPT `
    + `SELECT ${cols} FROM fidelity_item WHERE scale_id = 2)`), '0');
  assert.equal(sql(db, "SELECT group_concat(code, ' ') FROM (SELECT code FROM fidelity_item WHERE scale_id = 1 ORDER BY position)"),
    'S1 S2 S3 O1 O2 O3 O4 O5 O6 O7 O8 V1 V2 V3 V4 V5 V6 V7 V8 V9 V10 V11 V12 V13 V14');
  assert.equal(sql(db, "SELECT cut_1 || ',' || cut_4 FROM fidelity_item WHERE scale_id = 1 AND code = 'V4'"), '300,2700');
  assert.match(sql(db, "SELECT action FROM audit WHERE action = 'fidelity_scale.load'"), /fidelity_scale.load/);
});

// Each bad file and the message it gets; nothing is written for any of them.
const BAD = [
  ['not JSON', '{"items": [', /file: The scale file is not valid JSON: line 1/],
  ['an empty file', '', /file: The scale file is empty/],
  ['the wrong format name', (s) => { s.format = 'other'; }, /format: "format" must be "ipsdesk-fidelity-scale"/],
  ['no items', (s) => { s.items = []; }, /items: "items" must be a list of at least one item/],
  ['a missing title', (s) => { delete s.items[1].title; }, /items\[2\]\.title: Item 2 \(S2\): "title" is missing/],
  ['four anchors', (s) => { s.items[4].anchors.pop(); },
    /items\[5\]\.anchors: Item 5 \(O2\): "anchors" must be a list of 5 texts/],
  ['an empty anchor', (s) => { s.items[0].anchors[2] = ''; }, /Item 1 \(S1\): the anchor for score 3 must be text/],
  ['a duplicate code', (s) => { s.items[3].code = 'S1'; }, /items\[4\]\.code: Item 4 \(S1\): the code S1 is already used by item 1/],
  ['a lower-case code', (s) => { s.items[0].code = 's1'; }, /the code must be capital letters and digits/],
  ['an unknown section', (s) => { s.items[2].section = 'staff'; },
    /items\[3\]\.section: Item 3 \(S3\): "section" must be staffing, organisation or services/],
  ['a misspelt field', (s) => { s.items[6].anchor = 'x'; }, /Item 7 \(O4\): "anchor" is not a field of the format/],
  ['thresholds on an item not measured', (s) => { s.items[11].evidence = { lower_is_better: false, cuts: [1, 2, 3, 4] }; },
    /Item 12 \(V1\): ipsdesk suggests scores from the records only for S1, V4, V6, V8, V9, V10 and V13/],
  ['thresholds out of order', (s) => { s.items[0].evidence.cuts = [20, 30, 25, 40]; },
    /Item 1 \(S1\): "cuts" must be in ascending order/],
  ['three thresholds', (s) => { s.items[0].evidence.cuts = [20, 25, 30]; }, /"cuts" must be a list of 4 numbers/],
  ['a threshold with two decimals', (s) => { s.items[0].evidence.cuts[0] = 20.25; }, /at most one decimal place/],
  ['no year', (s) => { delete s.year; }, /year: "year" must be a year such as 2008/],
];

test('each kind of bad file is refused with its message, and nothing is written', () => {
  const { dir, db } = freshDb();
  for (const [what, change, message] of BAD) {
    let text = change;
    if (typeof change === 'function') { const s = shipped(); change(s); text = JSON.stringify(s); }
    const r = load(db, dir, text);
    assert.equal(r.status, 1, `${what}: exit status`);
    assert.match(r.stderr, /was not loaded, nothing was saved/, what);
    assert.match(r.stderr, message, `${what}: ${r.stderr}`);
  }
  assert.equal(sql(db, 'SELECT count(*) FROM fidelity_scale'), '1');
  assert.equal(sql(db, 'SELECT count(*) FROM fidelity_item'), '25');
});

test('all or nothing: one bad item among 24 good ones writes no version and no item', () => {
  const { dir, db } = freshDb();
  const s = shipped();
  s.items[24].anchors = ['only one'];
  const r = load(db, dir, s);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /Item 25 \(V14\)/);
  assert.doesNotMatch(r.stderr, /Item 1 \(|Item 24 \(/, 'only the bad item is named');
  assert.equal(sql(db, 'SELECT count(*) FROM fidelity_scale'), '1');
  assert.equal(sql(db, 'SELECT count(*) FROM fidelity_item'), '25');
  assert.equal(sql(db, "SELECT count(*) FROM audit WHERE action = 'fidelity_scale.load'"), '0');
});

// One full-time specialist with one open person first seen in the period: S1 = 1.0,
// which the 2008 bands score 5 (<= 20) and a revised scale whose S1 cuts are
// 0.2/0.4/0.6/0.8 (lower is better) scores 1 (> 0.8).
const FIXTURE = {
  'sites.csv': 'code,name\nS1,Northgate\n',
  'teams.csv': 'code,site_code,name\nT1,S1,North\n',
  'staff.csv': 'code,team_code,name,role,fte\nES1,T1,Ann,specialist,1\n',
  'clients.csv': 'ref,site_code,given_name,family_name\nC1,S1,A,One\n',
  'referrals.csv': 'ref,client_ref,team_code,received_on,source,specialist_code,employment_status,closed_on,close_reason\n'
    + 'R1,C1,T1,2025-04-02,gp,ES1,04,,\n',
  'contacts.csv': 'ref,date,staff_code,with,referral_ref,employer_ref,mode,place,minutes,attended\n'
    + 'K1,2025-04-10,ES1,client,R1,,face_to_face,community,60,\n',
};

test('a revised scale may differ in count, and the evidence command reads its thresholds', () => {
  const { dir, db } = freshDb();
  const csv = join(dir, 'csv');
  execFileSync('mkdir', [csv]);
  for (const [f, t] of Object.entries(FIXTURE)) writeFileSync(join(csv, f), t);
  const imp = run(['import', '--db', db, csv]);
  assert.equal(imp.status, 0, imp.stderr);
  const evidence = () => JSON.parse(run(['fidelity', 'evidence', '--db', db, '--from', '2025-04-01', '--to', '2025-06-30',
    '--team', 'T1']).stdout).items.S1;
  assert.deepEqual(evidence(), { value: 1, score: 5 });
  const s = shipped();
  s.name = 'Revised scale';
  s.year = 2026;
  s.items = s.items.filter((it) => it.code !== 'V14');   // 24 items: allowed, with a warning
  s.items[0].evidence.cuts = [0.2, 0.4, 0.6, 0.8];
  const r = load(db, dir, s);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /warning: This scale has 24 items, not the 25/);
  assert.match(r.stdout, /loaded scale version 2: Revised scale \(2026\), 24 items/);
  assert.deepEqual(evidence(), { value: 1, score: 1 }, 'the newest version\'s thresholds');
  assert.equal(run(['fidelity', 'load-scale', '--db', db]).status, 2, 'usage without a file');
});
