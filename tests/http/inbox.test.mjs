// tests/http/inbox.test.mjs — the team leader's inbox with more referrals waiting than a
// page holds: 25 a page, oldest first, with the counts of them all; each row offers the
// specialists of the referral's own team (a team of more than 15: on a page of the
// referral's own, with each one's caseload); allocating or moving comes back to the same
// page, and a refused allocation is shown on the page that holds its row.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, referralFields, daysAgo, sqlOn, ipsdesk, PASSWORD } from './lib.mjs';

let srv;
const sql = (s) => sqlOn(srv.db)(s);
const WAITING = 30;

before(async () => {
  srv = await startServer();
  const clin = await signedIn(srv.base, 'clinician');
  for (let i = 0; i < WAITING; i++) {
    await clin.get('/referrals/new');
    const rec = daysAgo(40 - i);   // the first made waits longest
    const r = await clin.post('/referrals', referralFields({
      given_name: 'Wait', family_name: `Person${String(i).padStart(2, '0')}`, nhs_number: '',
      phone: `07700 9${String(10000 + i).slice(1)}`,
      'received_on-day': rec.day, 'received_on-month': rec.month, 'received_on-year': rec.year,
    }));
    assert.match(r.body, /Referral sent/, `referral ${i}: ${r.status}`);
  }
  assert.equal(sql('SELECT count(*) FROM referral WHERE specialist_id IS NULL AND closed_on IS NULL'), String(WAITING));
});
after(async () => { await srv.stop(); });

const rowsOf = (body) => [...body.matchAll(/Wait (Person\d\d)<\/a>/g)].map((m) => m[1]);
const ridOf = (family) => sql(`SELECT r.id FROM referral r JOIN client c ON c.id = r.client_id WHERE c.family_name = '${family}'`);

test('25 referrals a page, oldest first, with the counts of all that wait', async () => {
  const leader = await signedIn(srv.base, 'leader');
  const first = await leader.get('/referrals');
  assert.equal(first.status, 200);
  assert.deepEqual(rowsOf(first.body), Array.from({ length: 25 }, (_, i) => `Person${String(i).padStart(2, '0')}`));
  assert.match(first.body, /<title>Referrals waiting \(page 1 of 2\)/);
  assert.match(first.body, /Waiting, oldest first: 1 to 25 of 30/);
  assert.match(first.body, /<td class="nhsuk-table__cell">30<\/td><\/tr><\/tbody><\/table>/, 'all that wait are counted');
  assert.match(first.body, /href="\/referrals\?page=2"/);
  assert.doesNotMatch(first.body, /nhsuk-pagination__link--prev/);

  const second = await leader.get('/referrals?page=2');
  assert.deepEqual(rowsOf(second.body), ['Person25', 'Person26', 'Person27', 'Person28', 'Person29']);
  assert.match(second.body, /Waiting, oldest first: 26 to 30 of 30/);
  assert.match(second.body, /href="\/referrals"/);
  assert.doesNotMatch(second.body, /nhsuk-pagination__link--next/);
  // past the end: the last page; not a page number: the first
  assert.deepEqual(rowsOf((await leader.get('/referrals?page=99')).body), rowsOf(second.body));
  assert.deepEqual(rowsOf((await leader.get('/referrals?page=x')).body), rowsOf(first.body));
  assert.deepEqual(rowsOf((await leader.get('/referrals?page=-3')).body), rowsOf(first.body));
  assert.deepEqual(rowsOf((await leader.get('/referrals?page=2abc')).body), rowsOf(first.body));
  assert.deepEqual(rowsOf((await leader.get('/referrals?page=4294967298')).body), rowsOf(first.body));
});

test('each row offers the specialists of the referral\'s own team', async () => {
  const leader = await signedIn(srv.base, 'leader');
  const body = (await leader.get('/referrals')).body;
  const rid = ridOf('Person00');
  const select = body.match(new RegExp(`<select[^>]*name="specialist-${rid}"[^>]*>([\\s\\S]*?)</select>`))[1];
  const names = [...select.matchAll(/<option value="\d+">([^<]*)<\/option>/g)].map((m) => m[1]).sort();
  assert.deepEqual(names, ['Test halftime', 'Test specialist', 'Test specialist2'], 'T1\'s, no one else\'s');
  assert.doesNotMatch(select, /optgroup/);
});

test('allocating or moving from page 2 comes back to page 2; a refusal shows on the row\'s page', async () => {
  const leader = await signedIn(srv.base, 'leader');
  const page2 = await leader.get('/referrals?page=2');
  assert.match(page2.body, /<input type="hidden" name="page" value="2">/);
  const rid = ridOf('Person27');
  const refused = await leader.post(`/referrals/${rid}/allocate`, { [`specialist-${rid}`]: '', page: '2' });
  assert.equal(refused.status, 422);
  assert.match(refused.body, new RegExp(`href="#specialist-${rid}"`));
  assert.deepEqual(rowsOf(refused.body), rowsOf(page2.body), 'the page that holds the row');
  assert.equal(sql(`SELECT specialist_id IS NULL FROM referral WHERE id = ${rid}`), '1');

  const es = sql("SELECT staff_id FROM account WHERE username = 'specialist'");
  const done = await leader.post(`/referrals/${rid}/allocate`, { [`specialist-${rid}`]: es, page: '2' });
  assert.equal(done.status, 303);
  assert.equal(done.location, '/referrals?page=2');
  assert.equal(sql(`SELECT specialist_id FROM referral WHERE id = ${rid}`), es);

  // a refusal for a referral no longer waiting: the form's page, the message not linked to a row not there
  const gone = await leader.post(`/referrals/${rid}/allocate`, { [`specialist-${rid}`]: '', page: '2' });
  assert.equal(gone.status, 422);
  assert.match(gone.body, /There is a problem/);
  assert.doesNotMatch(gone.body, new RegExp(`href="#specialist-${rid}"`));
  assert.deepEqual(rowsOf(gone.body), rowsOf((await leader.get('/referrals?page=2')).body));

  const t2 = sql("SELECT id FROM team WHERE code = 'T2'");
  const moving = ridOf('Person28');
  const moved = await leader.post(`/referrals/${moving}/move`, { [`team-${moving}`]: t2, page: '2' });
  assert.equal(moved.status, 303);
  assert.equal(moved.location, '/referrals?page=2');
  // T2 has no specialists: its row says to move it on, and offers no allocation
  const after = (await leader.get('/referrals?page=2')).body;
  assert.match(after, /The team has no specialists: move the referral to another team/);
  assert.doesNotMatch(after, new RegExp(`name="specialist-${moving}"`));
  const bad = await leader.post(`/referrals/${moving}/allocate`, { [`specialist-${moving}`]: es, page: 'lots' });
  assert.equal(bad.status, 303, 'the service may still allocate it; the page is the first when unreadable');
  assert.equal(bad.location, '/referrals');
});

test('a team of more than 15 specialists: the row links to a page of its own, with each one\'s caseload', async () => {
  for (let i = 1; i <= 16; i++)
    ipsdesk(['user', 'add', `big${i}`, '--name', `Big Specialist ${String(i).padStart(2, '0')}`, '--role', 'specialist',
      '--team', 'T2', '--db', srv.db], PASSWORD + '\n');
  const leader = await signedIn(srv.base, 'leader');
  const moving = ridOf('Person26');
  const t2 = sql("SELECT id FROM team WHERE code = 'T2'");
  assert.equal((await leader.post(`/referrals/${moving}/move`, { [`team-${moving}`]: t2, page: '2' })).status, 303);
  const inbox = (await leader.get('/referrals?page=2')).body;
  assert.doesNotMatch(inbox, new RegExp(`name="specialist-${moving}"`), 'no list of 16 on the row');
  assert.match(inbox, new RegExp(`<a href="/referrals/${moving}/allocate\\?page=2">Choose a specialist` +
    '<span class="nhsuk-u-visually-hidden"> for Wait Person26</span></a>'));
  // T1's rows keep their list of three
  assert.match(inbox, new RegExp(`name="specialist-${ridOf('Person29')}"`));

  const page = await leader.get(`/referrals/${moving}/allocate?page=2`);
  assert.equal(page.status, 200);
  assert.match(page.body, /<title>Allocate Wait Person26/);
  assert.match(page.body, /href="\/referrals\?page=2"/, 'back to the page it came from');
  const labels = [...page.body.matchAll(/<label class="nhsuk-label nhsuk-radios__label" for="[^"]+">([^<]*)<\/label>/g)]
    .map((m) => m[1]);
  assert.equal(labels.length, 16);
  assert.equal(labels[0], 'Big Specialist 01: 0 people now');

  // the read of one person's referral is audited as that referral's view
  assert.equal(sql(`SELECT a.username FROM views v JOIN account a ON a.id = v.account_id ` +
    `WHERE v.action = 'referral.view' AND v.entity_id = ${moving}`), 'leader');
  // another service's leader does not find it; other roles may not ask
  assert.equal((await (await signedIn(srv.base, 'otherleader')).get(`/referrals/${moving}/allocate`)).status, 404);
  assert.equal((await (await signedIn(srv.base, 'admin')).get(`/referrals/${moving}/allocate`)).status, 403);

  const refused = await leader.post(`/referrals/${moving}/allocate`, { page: '2' });
  assert.equal(refused.status, 422);
  assert.match(refused.body, /<title>Error: Allocate Wait Person26/);
  assert.match(refused.body, /href="#specialist"/, 'the summary links to the first choice');
  assert.match(refused.body, /<input type="hidden" name="page" value="2">/, 'still on its way back to page 2');
  assert.equal(sql(`SELECT specialist_id IS NULL FROM referral WHERE id = ${moving}`), '1');

  const big3 = sql("SELECT staff_id FROM account WHERE username = 'big3'");
  const done = await leader.post(`/referrals/${moving}/allocate`, { specialist: big3, page: '2' });
  assert.equal(done.status, 303);
  assert.equal(done.location, '/referrals?page=2');
  assert.equal(sql(`SELECT specialist_id FROM referral WHERE id = ${moving}`), big3);
  // no longer waiting: no page to allocate it on, and a late refusal is told on the inbox
  assert.equal((await leader.get(`/referrals/${moving}/allocate`)).status, 404);
  const late = await leader.post(`/referrals/${moving}/allocate`, { specialist: '999999', page: '2' });
  assert.equal(late.status, 422);
  assert.match(late.body, /Referrals waiting/);
  assert.doesNotMatch(late.body, /href="#specialist/);
  // the caseloads counted: big3 has one person now
  const next = ridOf('Person25');
  assert.equal((await leader.post(`/referrals/${next}/move`, { [`team-${next}`]: t2 })).status, 303);
  assert.match((await leader.get(`/referrals/${next}/allocate`)).body, /Big Specialist 03: 1 person now/);
  const es = await signedIn(srv.base, 'specialist');
  assert.equal((await es.get(`/referrals/${ridOf('Person29')}/allocate`)).status, 403);
});
