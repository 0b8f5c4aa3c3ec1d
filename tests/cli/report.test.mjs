// tests/cli/report.test.mjs — `ipsdesk report` against figures worked out by hand from
// spec/outcomes.md on a small fixture built for its boundaries: a referral closed the
// day before the period and one received on its last day, a reopened referral, a first
// contact by text (not direct), contacts before the referral date, jobs starting before
// the referral, second jobs, non-competitive jobs, the first-job tie-break, the 91-day
// sustained boundary, and zero denominators. The working is in the comments.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../http/lib.mjs';

const FILES = {
  'sites.csv': 'code,name\nS1,Northgate\nS2,Southmoor\n',
  'teams.csv': 'code,site_code,name\nT1,S1,North\nT2,S1,North East\nT3,S2,South\n',
  'staff.csv': 'code,team_code,name,role,fte\nES1,T1,Ann,specialist,1\nES2,T1,Bob,specialist,0.5\n'
    + 'ES3,T3,Cy,specialist,1\nTL1,T1,Di,team_leader,1\n',
  'employers.csv': 'ref,site_code,name,sector\nE1,S1,Bakery,\nE2,S1,Cafe,\nE3,S2,Depot,\n',
  'clients.csv': 'ref,site_code,given_name,family_name\nC1,S1,A,One\nC2,S1,B,Two\nC3,S1,C,Three\nC4,S1,D,Four\n'
    + 'C5,S1,E,Five\nC6,S1,F,Six\nC7,S1,G,Seven\nC8,S1,H,Eight\nC9,S2,I,Nine\nC10,S1,J,Ten\nC11,S1,K,Eleven\n',
  'referrals.csv': 'ref,client_ref,team_code,received_on,source,specialist_code,employment_status,closed_on,close_reason\n'
    + 'R1,C1,T1,2025-03-01,gp,ES1,04,,\n'
    + 'R2,C2,T1,2025-03-31,gp,ES1,04,2025-03-31,other\n'            // closed the day before P
    + 'R3,C3,T1,2025-06-30,self,,,,\n'                               // received on P's last day
    + 'R4,C4,T1,2024-12-01,mental_health_professional,ES2,01,2025-02-01,person_choice\n'
    + 'R5,C4,T1,2025-05-10,mental_health_professional,ES2,02,,\n'    // C4 reopened
    + 'R6,C5,T1,2025-04-15,other,ES1,04,,\n'
    + 'R7,C6,T2,2025-01-10,gp,ES1,04,,\n'
    + 'R8,C7,T1,2025-04-05,self,ES1,04,,\n'
    + 'R9,C8,T1,2025-02-01,gp,ES1,04,,\n'
    + 'R10,C8,T2,2025-03-01,gp,ES1,04,2025-03-15,other\n'
    + 'R11,C9,T3,2025-04-02,gp,ES3,04,,\n'
    + 'R12,C10,T1,2025-04-10,gp,ES2,04,2025-05-01,lost_contact\n'       // O6: closed unseen
    + 'R13,C11,T1,2025-04-11,gp,ES2,04,2025-05-02,person_choice\n',     // the person's choice: not O6
  'contacts.csv': 'ref,date,staff_code,with,referral_ref,employer_ref,mode,place,minutes,attended\n'
    + 'K1,2025-03-05,ES1,client,R1,,text,,,yes\n'                    // not direct
    + 'K2,2025-04-10,ES1,client,R1,,face_to_face,community,60,\n'
    + 'K3,2025-04-20,ES1,employer,R1,E1,face_to_face,community,30,yes\n'
    + 'K4,2025-03-31,ES1,client,R2,,phone,,,\n'
    + 'K5,2024-12-05,ES2,client,R4,,video,,,\n'
    + 'K6,2025-05-12,ES2,client,R5,,phone,,20,\n'
    + 'K7,2025-04-14,ES1,client,R6,,face_to_face,office,40,\n'       // the day before the referral
    + 'K8,2025-01-20,ES1,client,R7,,face_to_face,community,30,\n'
    + 'K9,2025-04-06,ES1,client,R8,,face_to_face,community,15,no\n'  // not attended: not direct
    + 'K10,2025-04-07,ES1,client,R8,,email,,5,\n'
    + 'K11,2025-02-10,ES1,client,R9,,face_to_face,community,30,\n'
    + 'K12,2025-04-03,ES3,client,R11,,face_to_face,community,50,\n'
    + 'K13,2025-04-04,ES3,employer,R11,E3,face_to_face,community,45,\n'
    + 'K14,2025-05-01,TL1,employer,R6,E1,face_to_face,office,20,\n'   // any role counts for V4
    + 'K15,2025-05-02,ES1,employer,R1,E2,face_to_face,community,25,no\n'
    + 'K16,2025-05-03,ES2,employer,,E1,phone,,10,\n',
  'jobs.csv': 'ref,referral_ref,employer_ref,title,job_type,started_on,ended_on,hours_per_week,hourly_wage,competitive,end_reason\n'
    + 'J1,R1,E1,Baker,,2025-05-01,,20,,yes,\n'
    + 'J2,R1,,Cleaner,,2025-06-15,,10,,no,\n'
    + 'J3,R4,,Porter,,2024-11-20,2025-01-15,16,,yes,\n'              // before its referral
    + 'J4,R5,,Clerk,,2025-06-01,,7,,,\n'
    + 'J5,R6,,Picker,,2025-04-01,2025-04-30,30,,yes,\n'              // before its referral; +91 = 07-01
    + 'J6,R7,,Gardener,,2025-01-05,,7,,no,\n'                         // +91 = 04-06: sustained
    + 'J7,R7,,Tutor,,2025-01-20,,6.99,,,\n'
    + 'J9,R7,,Driver,,2025-02-01,2025-05-02,10,,yes,\n'               // ended the day before +91
    + 'J10,R9,,Cook,,2025-05-05,,12,,yes,\n'
    + 'J11,R10,,Cook,,2025-05-05,,12,,yes,\n',                        // tie: later referral wins
};

let db;
before(() => {
  const dir = mkdtempSync(join(tmpdir(), 'ipsdesk-report-'));
  db = join(dir, 'r.db');
  execFileSync(BIN, ['init', '--db', db]);
  const csv = join(dir, 'csv');
  execFileSync('mkdir', [csv]);
  for (const [f, t] of Object.entries(FILES)) writeFileSync(join(csv, f), t);
  const r = spawnSync(BIN, ['import', '--db', db, csv], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

function report(...args) {
  const r = spawnSync(BIN, ['report', '--db', db, '--from', '2025-04-01', '--to', '2025-06-30', ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const modes = (f2f, phone, video, text, email, letter) => ({ face_to_face: f2f, phone, video, text, email, letter });

test('the whole database', () => {
  assert.deepEqual(report(), {
    period: { from: '2025-04-01', to: '2025-06-30' },
    referrals_received: 7,                    // R3 R5 R6 R8 R11 R12 R13
    referrals_by_source: { gp: 3, mental_health_professional: 1, self: 2, other: 1 },
    accessed: 4,                              // R1 (K1 was a text) R5 R6 R11
    caseload: 6,                              // C1 C4 C5 C6 C8 C9; R2 closed 03-31, R8 never met
    waiting: 2,                               // R3 R8
    first_contact_wait: { within_7_days: 3, days_8_to_30: 0, over_30_days: 1 },  // R6 is -1
    worked: 5,                                // C1 C4 C5 C6 (J7 competitive by default) C8
    employment_rate: 0.8333,
    job_starts: 6,                            // J1 J2 J4 J5 J10 J11
    people_into_work: 3,                      // C1 J1, C5 J5, C8 J11; C4's first is J3, C6's J6
    out_of_work_at_referral: 6,
    moved_into_work: 4,                       // R1 R5 R7 (J7) R9; not R6 (J5 before it)
    moved_into_work_rate: 0.6667,
    sustained_jobs: 1,                        // J6
    median_days_to_first_job: 61.0,           // {-14, 61, 65}
    rapid_job_search_mean_days: 22.7,         // (50 + 16 + 2) / 3
    employer_contacts_per_specialist_week: 0.1,  // 2 x 7 / (3 x 91)
    community_time_share: 0.8491,             // 225 / 265
    contacts_by_mode: modes(3, 1, 0, 0, 1, 0),
  });
});

test('one team', () => {
  assert.deepEqual(report('--team', 'T1'), {
    period: { from: '2025-04-01', to: '2025-06-30' },
    referrals_received: 6,
    referrals_by_source: { gp: 2, mental_health_professional: 1, self: 2, other: 1 },
    accessed: 3,
    caseload: 4,
    waiting: 2,
    first_contact_wait: { within_7_days: 2, days_8_to_30: 0, over_30_days: 1 },
    worked: 4,
    employment_rate: 1.0,
    job_starts: 5,
    people_into_work: 2,                      // C8's first job is on R10, another team's
    out_of_work_at_referral: 4,
    moved_into_work: 3,
    moved_into_work_rate: 0.75,
    sustained_jobs: 0,
    median_days_to_first_job: 23.5,           // (-14 + 61) / 2
    rapid_job_search_mean_days: 33.0,
    employer_contacts_per_specialist_week: 0.0,  // 1 x 7 / (2 x 91) = 0.038
    community_time_share: 0.7647,             // 130 / 170
    contacts_by_mode: modes(2, 1, 0, 0, 1, 0),
  });
});

test('one specialist', () => {
  const r = report('--specialist', 'ES1');
  assert.equal(r.referrals_received, 2);
  assert.equal(r.caseload, 4);
  assert.equal(r.waiting, 1);
  assert.equal(r.people_into_work, 3);
  assert.equal(r.median_days_to_first_job, 61.0);
  assert.equal(r.moved_into_work, 3);
  assert.equal(r.sustained_jobs, 1);
  assert.equal(r.employer_contacts_per_specialist_week, 0.1);
  assert.equal(r.community_time_share, 0.7647);
  assert.deepEqual(r.contacts_by_mode, modes(2, 0, 0, 0, 1, 0));
});

test('one site, with a mean of one value and a median of none', () => {
  const r = report('--site', 'S2');
  assert.equal(r.caseload, 1);
  assert.equal(r.employment_rate, 0);
  assert.equal(r.median_days_to_first_job, null);
  assert.equal(r.rapid_job_search_mean_days, 2.0);
  assert.equal(r.employer_contacts_per_specialist_week, 0.1);
  assert.equal(r.community_time_share, 1);
});

test('a period with nothing in it has null rates, not zeros', () => {
  const r = spawnSync(BIN, ['report', '--db', db, '--from', '2020-01-01', '--to', '2020-01-31'], { encoding: 'utf8' });
  const j = JSON.parse(r.stdout);
  for (const k of ['employment_rate', 'moved_into_work_rate', 'median_days_to_first_job', 'rapid_job_search_mean_days',
    'employer_contacts_per_specialist_week', 'community_time_share']) assert.equal(j[k], null, k);
  assert.match(r.stdout, /"employment_rate": null/);
});

test('csv and table carry the same names; bad arguments are refused', () => {
  const csv = spawnSync(BIN, ['report', '--db', db, '--from', '2025-04-01', '--to', '2025-06-30', '--format', 'csv'], { encoding: 'utf8' }).stdout;
  const [head, row] = csv.trim().split('\n');
  assert.match(head, /^period\.from,period\.to,referrals_received,referrals_by_source\.gp,/);
  assert.match(row, /^2025-04-01,2025-06-30,7,3,/);
  const bad = spawnSync(BIN, ['report', '--db', db, '--from', '2025-06-31', '--to', '2025-06-30'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /from: /);
  const nosite = spawnSync(BIN, ['report', '--db', db, '--from', '2025-04-01', '--to', '2025-06-30', '--site', 'NOPE'], { encoding: 'utf8' });
  assert.equal(nosite.status, 2);
  assert.match(nosite.stderr, /no site with the code NOPE/);
});

function fidelity(...args) {
  const r = spawnSync(BIN, ['fidelity', 'evidence', '--db', db, '--from', '2025-04-01', '--to', '2025-06-30', ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('fidelity evidence for the whole database', () => {
  assert.deepEqual(fidelity(), {
    period: { from: '2025-04-01', to: '2025-06-30' },
    items: {
      S1: { value: 2.4, score: 5 },     // R1 R5 R6 R7 R9 R11 / (1 + 0.5 + 1) FTE
      V4: { value: 22.7, score: 5 },
      V6: { value: 0.1, score: 1 },
      V8: { value: null, score: null }, // no job started in P has a job_type
      V9: { value: 100.0, score: 5 },   // J1 is the only one with an employer
      V10: { value: 83.3, score: 3 },   // 5 of J1 J2 J4 J5 J10 J11 are competitive
      V13: { value: 84.9, score: 5 },   // 100 x 225 / 265
      O6: { value: 1, score: null },    // R12; R13 closed by the person's choice
    },
  });
});

test('fidelity evidence for a team, and a specialist is refused', () => {
  const t = fidelity('--team', 'T1');
  assert.deepEqual(t.items.S1, { value: 2.7, score: 5 });   // R1 R5 R6 R9 / (1 + 0.5); R7 is T2's
  assert.deepEqual(t.items.O6, { value: 1, score: null });
  const r = spawnSync(BIN, ['fidelity', 'evidence', '--db', db, '--from', '2025-04-01', '--to', '2025-06-30', '--specialist', 'ES1'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
});

test('the pseudonymised export: per site and team, small numbers withheld, no names', () => {
  const out = mkdtempSync(join(tmpdir(), 'ipsdesk-pub-'));
  const r = spawnSync(BIN, ['export', '--db', db, '--pseudonymised', '--from', '2025-04-01', '--to', '2025-06-30', out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const rows = (f) => readFileSync(join(out, f), 'utf8').trim().split('\n').map((l) => l.split(','));
  const [head, s1, s2] = rows('outcomes_by_site.csv');
  const cell = (row, key) => row[head.indexOf(key)];
  assert.equal(cell(s1, 'site_code'), 'S1');
  assert.equal(cell(s1, 'referrals_received'), '5');      // 6 rounds to 5
  assert.equal(cell(s1, 'caseload'), '5');
  assert.equal(cell(s1, 'waiting'), '*');                  // 2
  assert.equal(cell(s1, 'employment_rate'), '1.0000');     // 5 / 5 unrounded
  assert.equal(cell(s1, 'employer_contacts_per_specialist_week'), '0.0');  // staff measures stay
  assert.equal(cell(s2, 'caseload'), '*');
  assert.equal(cell(s2, 'employment_rate'), '*');
  assert.equal(cell(s2, 'median_days_to_first_job'), '');  // no values: null, not *
  const teams = rows('outcomes_by_team.csv');
  assert.deepEqual(teams.map((t) => t[1]), ['team_code', 'T1', 'T2', 'T3']);
  const all = readFileSync(join(out, 'outcomes_by_site.csv'), 'utf8') + readFileSync(join(out, 'outcomes_by_team.csv'), 'utf8');
  assert.doesNotMatch(all, /Okafor|One|C1|R1|9434765919/);
});
