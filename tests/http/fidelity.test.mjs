// tests/http/fidelity.test.mjs — fidelity reviews (issue 5) over HTTP: a reviewer starts
// a draft (every field checked beside it, nothing half-written), scores it beside the
// evidence from the records, a team leader of the site signs it off, which locks it
// (409), a new review starts from the signed one, the printable report; the reviewer
// never reaches /people/*, and another site's team leader never sees the review.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { startServer, signedIn, daysAgo } from './lib.mjs';

let srv;
const sql = (s) => execFileSync('sqlite3', [srv.db, s], { encoding: 'utf8' }).trim();
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const CODES = ['S1', 'S2', 'S3', 'O1', 'O2', 'O3', 'O4', 'O5', 'O6', 'O7', 'O8', 'V1', 'V2', 'V3', 'V4', 'V5',
  'V6', 'V7', 'V8', 'V9', 'V10', 'V11', 'V12', 'V13', 'V14'];

function dateFields(name, d) {
  return { [`${name}-day`]: d.day, [`${name}-month`]: d.month, [`${name}-year`]: d.year };
}
function header(over = {}) {
  return {
    ...dateFields('visit_from', daysAgo(3)), ...dateFields('visit_to', daysAgo(2)),
    ...dateFields('period_from', daysAgo(90)), ...dateFields('period_to', daysAgo(1)),
    reviewers: 'Sam Patel and Jo Okoro', ...over,
  };
}
// The edit form with every item scored `score` (or as given), and one action row.
function scored(score, over = {}) {
  const f = { ...header(), strengths: 'Strong links with employers', actions: '3' };
  for (const c of CODES) { f[`score-${c}`] = String(score); f[`note-${c}`] = ''; }
  return { ...f, ...over };
}
const errorFields = (body) => [...body.matchAll(/nhsuk-error-summary__list.*?<\/ul>/gs)]
  .flatMap((m) => [...m[0].matchAll(/href="#([^"]+)"/g)].map((x) => x[1]));

let reviewer, leader, other, admin, id;

test('a reviewer starts a draft: every field checked beside it, nothing half-written', async () => {
  reviewer = await signedIn(srv.base, 'reviewer');
  assert.equal((await reviewer.get('/fidelity')).status, 200);
  const form = await reviewer.get('/fidelity/reviews/new');
  assert.equal(form.status, 200);
  assert.match(form.body, /North IPS \(a team of Northgate Trust\)/);
  assert.doesNotMatch(form.body, /Southmoor Trust/, 'the reviewer reviews Northgate (S1) only');

  const empty = await reviewer.post('/fidelity/reviews', {});
  assert.equal(empty.status, 422);
  assert.deepEqual(errorFields(empty.body), ['scope', 'visit_from', 'visit_to', 'period_from', 'period_to', 'reviewers']);
  assert.match(empty.body, /Choose the service or team to review from the list/);
  assert.match(empty.body, /Enter the first day of the review/);
  assert.match(empty.body, /Enter the names of the reviewers/);

  const wrong = await reviewer.post('/fidelity/reviews', header({
    scope: 'team:T1', 'visit_to-day': '31', 'visit_to-month': '2', ...dateFields('period_to', daysAgo(200)),
  }));
  assert.equal(wrong.status, 422);
  assert.match(wrong.body, /The last day of the review must be a real date/);
  assert.match(wrong.body, /The last day of the evidence period must be the same as or after the first day/);
  assert.match(wrong.body, /value="Sam Patel and Jo Okoro"/, 'what was typed is kept');
  assert.equal(sql('SELECT count(*) FROM fidelity_review'), '0');

  const ok = await reviewer.post('/fidelity/reviews', header({ scope: 'team:T1' }));
  assert.equal(ok.status, 303, ok.body);
  id = sql('SELECT max(id) FROM fidelity_review');
  assert.equal(ok.location, `/fidelity/reviews/${id}/edit`);
  assert.equal(sql(`SELECT count(*) FROM fidelity_review_item WHERE review_id = ${id}`), '25');
  assert.equal(sql(`SELECT status || ' ' || scale_id FROM fidelity_review WHERE id = ${id}`), 'draft 1');
});

test('scoring: the anchors and the evidence beside each item; bad fields refused beside them, nothing saved', async () => {
  const edit = await reviewer.get(`/fidelity/reviews/${id}/edit`);
  assert.equal(edit.status, 200);
  assert.match(edit.body, /S1 Caseload size/);
  assert.match(edit.body, /5: 20 or fewer people per employment specialist\./);
  assert.match(edit.body, /From the records:<\/strong> No data in the evidence period: no score suggested/);
  assert.doesNotMatch(edit.body, /V2 Disclosure<\/h3><p>[^<]*<\/p><div class="nhsuk-inset-text">/, 'V2 is not measured');

  const bad = await reviewer.post(`/fidelity/reviews/${id}/edit`, scored(4, {
    'score-S1': '9', 'note-V3': 'x'.repeat(5000), 'action-1': 'Weekly group supervision', 'owner-1': '',
    'action-2': '', 'owner-2': 'Di', ...dateFields('due-2', daysAgo(-30)),
  }));
  assert.equal(bad.status, 422);
  assert.deepEqual(errorFields(bad.body), ['score-S1', 'note-V3', 'owner-1', 'due-1', 'action-2']);
  assert.match(bad.body, /Choose a score from 1 to 5 for S1/);
  assert.match(bad.body, /Enter who owns this action/);
  assert.match(bad.body, /Enter the date this action is due/);
  assert.match(bad.body, /Enter the action/);
  assert.match(bad.body, /Weekly group supervision/, 'what was typed is kept');
  assert.equal(sql(`SELECT count(score) FROM fidelity_review_item WHERE review_id = ${id}`), '0');
  assert.equal(sql(`SELECT count(*) FROM fidelity_action WHERE review_id = ${id}`), '0');
  assert.equal(sql(`SELECT strengths IS NULL FROM fidelity_review WHERE id = ${id}`), '1');

  // a partial save is a draft; sign-off needs every item scored
  const partial = await reviewer.post(`/fidelity/reviews/${id}/edit`, scored(4, { 'score-V14': '' }));
  assert.equal(partial.status, 303, partial.body);
  leader = await signedIn(srv.base, 'leader');
  await leader.get(`/fidelity/reviews/${id}`);
  const early = await leader.post(`/fidelity/reviews/${id}/sign-off`, {});
  assert.equal(early.status, 422);
  assert.match(early.body, /Score every item before signing off: 24 of 25 are scored/);
  assert.equal(sql(`SELECT status FROM fidelity_review WHERE id = ${id}`), 'draft');

  const full = await reviewer.post(`/fidelity/reviews/${id}/edit`, scored(4, {
    'note-S1': 'Caseloads checked on the day', 'action-1': 'Weekly group supervision', 'owner-1': 'Di',
    ...dateFields('due-1', daysAgo(-30)),
  }));
  assert.equal(full.status, 303, full.body);
  const view = await reviewer.get(`/fidelity/reviews/${id}`);
  assert.match(view.body, /100 of 125/);
  assert.match(view.body, /Good fidelity/);
  assert.match(view.body, /Caseloads checked on the day/);
  assert.match(view.body, /Weekly group supervision/);
  assert.doesNotMatch(view.body, /Sign off and lock/, 'a reviewer cannot sign off');
  assert.equal(sql(`SELECT sum(score) FROM fidelity_review_item WHERE review_id = ${id}`), '100');
  assert.equal((await reviewer.post(`/fidelity/reviews/${id}/sign-off`, {})).status, 403, 'not a reviewer\'s route');
  const audit = sql(`SELECT group_concat(action || ':' || fields, ' | ') FROM audit WHERE entity = 'fidelity_review' AND entity_id = ${id}`);
  assert.match(audit, /fidelity_review.create:/);
  assert.match(audit, /fidelity_review.update:strengths,scores \| fidelity_review.update:scores,notes,actions/,
    'the names of the fields each save changed, never their values');
});

test('another site\'s team leader never sees the review; this site\'s signs it off and it is locked', async () => {
  other = await signedIn(srv.base, 'otherleader');
  assert.equal((await other.get(`/fidelity/reviews/${id}`)).status, 404);
  assert.equal((await other.get(`/fidelity/reviews/${id}/print`)).status, 404);
  assert.doesNotMatch((await other.get('/fidelity')).body, /North IPS/);
  assert.equal((await other.post(`/fidelity/reviews/${id}/sign-off`, {})).status, 404);
  assert.equal((await other.post(`/fidelity/reviews/${id}/copy`, {})).status, 404);
  const notMine = await other.post('/fidelity/reviews', header({ scope: 'team:T1' }));
  assert.equal(notMine.status, 422, 'a team leader reviews only their own site');

  await leader.get(`/fidelity/reviews/${id}`);
  const signed = await leader.post(`/fidelity/reviews/${id}/sign-off`, {});
  assert.equal(signed.status, 303);
  assert.equal(sql(`SELECT status || ' ' || signed_by_name FROM fidelity_review WHERE id = ${id}`), 'signed Test leader');
  const view = await leader.get(`/fidelity/reviews/${id}`);
  assert.match(view.body, /Signed off: locked/);
  assert.doesNotMatch(view.body, /Score and edit/);

  const edit = await reviewer.post(`/fidelity/reviews/${id}/edit`, scored(5));
  assert.equal(edit.status, 409);
  assert.match(edit.body, /signed off on .* and is locked: it can no longer be changed\. Start a new review from it/);
  assert.equal((await reviewer.get(`/fidelity/reviews/${id}/edit`)).status, 409);
  assert.equal((await leader.post(`/fidelity/reviews/${id}/sign-off`, {})).status, 409);
  assert.equal(sql(`SELECT sum(score) FROM fidelity_review_item WHERE review_id = ${id}`), '100', 'nothing changed');
  const history = await reviewer.get('/fidelity');
  assert.match(history.body, /History of review totals/);
  assert.match(history.body, /Signed off/);
});

test('a new review from a signed one copies it into a draft; the old one keeps its version', async () => {
  await reviewer.get(`/fidelity/reviews/${id}`);
  const copy = await reviewer.post(`/fidelity/reviews/${id}/copy`, {});
  assert.equal(copy.status, 303);
  const nid = sql('SELECT max(id) FROM fidelity_review');
  assert.notEqual(nid, id);
  assert.equal(copy.location, `/fidelity/reviews/${nid}/edit`);
  assert.equal(sql(`SELECT status || ' ' || copied_from FROM fidelity_review WHERE id = ${nid}`), `draft ${id}`);
  assert.equal(sql(`SELECT sum(score) FROM fidelity_review_item WHERE review_id = ${nid}`), '100');
  assert.equal(sql(`SELECT count(*) FROM fidelity_action WHERE review_id = ${nid}`), '1');
  const edited = await reviewer.post(`/fidelity/reviews/${nid}/edit`, scored(5));
  assert.equal(edited.status, 303);
  assert.match((await reviewer.get(`/fidelity/reviews/${nid}`)).body, /125 of 125[\s\S]*Exemplary fidelity/);
  assert.equal(sql(`SELECT sum(score) FROM fidelity_review_item WHERE review_id = ${id}`), '100', 'the signed one is unchanged');
});

test('the printable report', async () => {
  const r = await reviewer.get(`/fidelity/reviews/${id}/print`);
  assert.equal(r.status, 200);
  assert.match(r.body, /IPS fidelity review report/);
  assert.match(r.body, /North IPS \(a team of Northgate Trust\)/);
  assert.match(r.body, /100 of 125/);
  assert.match(r.body, /Signed off<\/dt>[\s\S]*Test leader/);
  assert.match(r.body, /class="ips-no-print"/);
  assert.doesNotMatch(r.body, /<form[^>]*fidelity/, 'no forms on the report');
});

test('the reviewer never reaches a person\'s record', async () => {
  for (const path of ['/people', '/people/1', '/people/1/edit', '/api/v1/people', '/caseload', '/referrals'])
    assert.equal((await reviewer.get(path)).status, 403, path);
  assert.equal((await reviewer.get('/fidelity/scale')).status, 200);
  assert.match((await reviewer.get('/fidelity/scale')).body, /navigation-link" href="\/fidelity">Fidelity</,
    'the menu offers fidelity reviews');
});

test('an admin loads a revised scale from the form, all or nothing; new reviews use it, old ones keep theirs', async () => {
  admin = await signedIn(srv.base, 'admin');
  assert.equal((await admin.get('/admin/fidelity-scale')).status, 200);
  const bad = await admin.post('/admin/fidelity-scale', { scale: '{"format": "ipsdesk-fidelity-scale", "items": [' });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /The scale was not loaded: nothing was saved/);
  assert.match(bad.body, /The scale file is not valid JSON/);
  const s = JSON.parse(readFileSync(new URL('../../docs/scales/ips-25-2008.json', import.meta.url), 'utf8'));
  s.items[3].anchors = ['one'];
  const half = await admin.post('/admin/fidelity-scale', { scale: JSON.stringify(s) });
  assert.equal(half.status, 422);
  assert.match(half.body, /Item 4 \(O1\): &quot;anchors&quot; must be a list of 5 texts/);
  assert.equal(sql('SELECT count(*) FROM fidelity_scale'), '1');
  assert.equal((await reviewer.post('/admin/fidelity-scale', { scale: '{}' })).status, 403);

  s.items[3].anchors = ['a', 'b', 'c', 'd', 'e'];
  s.name = 'Revised scale';
  const ok = await admin.post('/admin/fidelity-scale', { scale: JSON.stringify(s) });
  assert.equal(ok.status, 303, ok.body);
  assert.equal(sql('SELECT count(*) FROM fidelity_scale'), '2');
  assert.match((await admin.get('/fidelity/scale')).body, /Revised scale/);
  await reviewer.get('/fidelity/reviews/new');
  await reviewer.post('/fidelity/reviews', header({ scope: 'site:S1' }));
  assert.equal(sql('SELECT scale_id FROM fidelity_review ORDER BY id DESC LIMIT 1'), '2');
  assert.equal(sql(`SELECT scale_id FROM fidelity_review WHERE id = ${id}`), '1');
  assert.match((await reviewer.get(`/fidelity/reviews/${id}`)).body, /IPS Supported Employment Fidelity Scale \(IPS-25\) \(2008\), version 1/);
});
