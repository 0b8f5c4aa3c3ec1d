/* tests/store/test_store.c — the store against a fresh database file: migrations,
 * refusal of a newer database, constraints from the spec, rollback leaving nothing,
 * kept statements, the audit chain and the read log, snapshots, the people matching reads (match_person), the
 * contact tallies of the outcome report and the deletion markers the API's sync reads. */
#include "testutil.h"
#include "storetest.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "store/store.h"
#include "util/arena.h"

struct fx {
	char path[64];
	struct store *s;
	struct arena *a;
	int64_t site, team, specialist;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	storetest_create(f->path, "store", &f->s, &f->site, &f->team, &f->specialist);
	f->a = arena_new();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->s);
	arena_free(f->a);
	store_remove_files(f->path);
	free(f);
	return 0;
}

static int64_t add_client(struct fx *f, const char *nhs)
{
	int64_t id = 0;
	struct client c = {.site_id = f->site, .given_name = "Ann", .family_name = "Lee", .nhs_number = nhs,
			   .consent_contact_employers = -1};
	assert_int_equal(store_client_insert(f->s, &c, "2026-01-01T00:00:00Z", &id), IPS_OK);
	return id;
}

static void test_new_database_is_at_the_latest_version(void **state)
{
	struct fx *f = *state;
	assert_true(store_schema_version(f->s) >= 1);
	assert_true(store_integrity_ok(f->s));
}

static void test_a_newer_database_is_refused(void **state)
{
	struct fx *f = *state;
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	struct store *s2 = NULL;
	assert_int_equal(store_open(f->path, STORE_OPEN, &s2), IPS_ENEWER);
	assert_null(s2);
}

static void test_create_refuses_an_existing_file(void **state)
{
	struct fx *f = *state;
	struct store *s2 = NULL;
	assert_int_equal(store_open(f->path, STORE_CREATE, &s2), IPS_EEXIST);
}

static void test_refs_are_generated_and_unique(void **state)
{
	struct fx *f = *state;
	int64_t a = add_client(f, NULL), b = add_client(f, NULL);
	struct client c;
	assert_int_equal(store_client_get(f->s, f->a, b, &c), IPS_OK);
	assert_string_equal(c.ref, "ipsdesk-client-2");
	assert_int_not_equal(a, b);
	struct client dup = {.site_id = f->site, .ref = "ipsdesk-client-1", .given_name = "X", .family_name = "Y",
			     .consent_contact_employers = -1};
	assert_int_equal(store_client_insert(f->s, &dup, "2026-01-01T00:00:00Z", NULL), IPS_EDUPLICATE);
}

static void test_constraints_refuse_bad_codes(void **state)
{
	struct fx *f = *state;
	int64_t c = add_client(f, "9434765919");
	struct referral r = {.client_id = c, .team_id = f->team, .received_on = "2026-01-02", .source = "pigeon"};
	assert_int_equal(store_referral_insert(f->s, &r, "2026-01-02T00:00:00Z", NULL), IPS_ECONSTRAINT);
	r.source = "gp";
	r.closed_on = "2026-01-01";   /* before received_on */
	r.close_reason = "other";
	assert_int_equal(store_referral_insert(f->s, &r, "2026-01-02T00:00:00Z", NULL), IPS_ECONSTRAINT);
	r.closed_on = "2026-01-05";
	r.close_reason = "unsuitable";   /* zero exclusion: no such reason */
	assert_int_equal(store_referral_insert(f->s, &r, "2026-01-02T00:00:00Z", NULL), IPS_ECONSTRAINT);
	r.closed_on = NULL;
	r.close_reason = NULL;
	int64_t rid;
	assert_int_equal(store_referral_insert(f->s, &r, "2026-01-02T00:00:00Z", &rid), IPS_OK);
	struct referral got;
	assert_int_equal(store_referral_get(f->s, f->a, rid, &got), IPS_OK);
	assert_string_equal(got.employment_status, "ZZ");   /* the spec's default */
	struct contact k = {.date = "2026-01-03", .staff_id = f->specialist, .with = "client", .mode = "face_to_face",
			    .referral_id = rid, .minutes = 30, .attended = true};
	assert_int_equal(store_contact_insert(f->s, &k, "2026-01-03T00:00:00Z", NULL), IPS_ECONSTRAINT);  /* no place */
	k.place = "community";
	assert_int_equal(store_contact_insert(f->s, &k, "2026-01-03T00:00:00Z", NULL), IPS_OK);
	k.with = "employer";   /* an employer contact must name the employer */
	assert_int_equal(store_contact_insert(f->s, &k, "2026-01-03T00:00:00Z", NULL), IPS_ECONSTRAINT);
}

static void test_rollback_leaves_nothing(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_begin(f->s), IPS_OK);
	add_client(f, NULL);
	assert_int_equal(store_rollback(f->s), IPS_OK);
	struct client_hit *hits;
	size_t n;
	assert_int_equal(store_clients_search(f->s, f->a, 0, 0, NULL, 10, &hits, &n), IPS_OK);
	assert_int_equal(n, 0);
}

static void test_duplicates_by_nhs_number_or_name_and_birth(void **state)
{
	struct fx *f = *state;
	add_client(f, "9434765919");
	int64_t *ids;
	size_t n;
	struct client probe = {.nhs_number = "9434765919", .given_name = "Zed", .family_name = "Q"};
	assert_int_equal(store_client_duplicates(f->s, f->a, &probe, &ids, &n), IPS_OK);
	assert_int_equal(n, 1);
	struct client by_name = {.given_name = "ann", .family_name = "LEE", .birth_date = NULL};
	assert_int_equal(store_client_duplicates(f->s, f->a, &by_name, &ids, &n), IPS_OK);
	assert_int_equal(n, 0);   /* a name alone is not enough: the birth date must match too */
}

static void test_audit_chain_verifies_and_detects_edits(void **state)
{
	struct fx *f = *state;
	unsigned char key[AUDIT_KEY_BYTES] = {1, 2, 3};
	for (int i = 0; i < 5; i++) {
		struct audit_entry e = {.at = "2026-01-01T00:00:00Z", .actor = "u", .action = "client.view",
					.entity = "client", .entity_id = i + 1, .request_id = "r"};
		assert_int_equal(store_audit_append(f->s, key, &e), IPS_OK);
	}
	int64_t count, bad;
	unsigned char head[AUDIT_HASH_BYTES];
	assert_int_equal(store_audit_verify(f->s, key, &count, head, &bad, 0, NULL), IPS_OK);
	assert_int_equal(count, 5);
	unsigned char other[AUDIT_KEY_BYTES] = {9};
	assert_int_equal(store_audit_verify(f->s, other, &count, head, &bad, 0, NULL), IPS_ETAMPERED);
	assert_int_equal(bad, 1);

	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	/* the table refuses edits; a determined editor drops the trigger first */
	assert_int_not_equal(sqlite3_exec(db, "UPDATE audit SET actor = 'x' WHERE seq = 3", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 3",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_audit_verify(f->s, key, &count, head, &bad, 0, NULL), IPS_ETAMPERED);
	assert_int_equal(bad, 3);
}

/* Views go to the read log beside the database, a chain of its own: both verify, an
 * entry copied from one chain into the other does not, a search merges the two by time
 * and pages through each exactly once, a person's entries come from both, and a backup
 * carries the read log with it. */
static void test_read_log_is_a_chain_of_its_own(void **state)
{
	struct fx *f = *state;
	unsigned char key[AUDIT_KEY_BYTES] = {4, 5, 6};
	char at[32];
	for (int i = 0; i < 6; i++) {   /* changes at even seconds, views at odd ones */
		snprintf(at, sizeof at, "2026-01-01T00:00:%02dZ", 2 * i);
		struct audit_entry c = {.at = at, .actor = "u", .action = "client.update", .entity = "client",
					.entity_id = 7, .request_id = "r", .fields = "given_name"};
		assert_int_equal(store_audit_append(f->s, key, &c), IPS_OK);
		snprintf(at, sizeof at, "2026-01-01T00:00:%02dZ", 2 * i + 1);
		struct audit_entry v[2] = {
			{.at = at, .actor = "u", .action = "client.view", .entity = "client", .entity_id = 7, .request_id = "r"},
			{.at = at, .actor = "u", .action = "caseload.view", .entity = "staff", .entity_id = 1, .request_id = "r"},
		};
		assert_int_equal(store_read_audit_append(f->s, key, v, 2), IPS_OK);
	}
	int64_t count, bad;
	unsigned char head[AUDIT_HASH_BYTES];
	assert_int_equal(store_audit_verify(f->s, key, &count, head, &bad, 0, NULL), IPS_OK);
	assert_int_equal(count, 6);
	assert_int_equal(store_reads_open(f->s), IPS_OK);
	assert_int_equal(store_reads_verify(f->s, key, &count, head, &bad), IPS_OK);
	assert_int_equal(count, 12);

	/* newest first, merged by time, ten at a time through both chains */
	struct audit_query q = {.limit = 10};
	struct audit_entry *rows;
	size_t n;
	assert_int_equal(store_audit_search(f->s, f->a, &q, &rows, &n), IPS_OK);
	assert_int_equal(n, 10);
	assert_string_equal(rows[0].at, "2026-01-01T00:00:11Z");
	assert_true(rows[0].read_log);
	assert_false(rows[2].read_log);   /* 00:00:10, the newest change */
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(rows[i - 1].at, rows[i].at) >= 0);
	int64_t own = 0, reads = 0;
	for (size_t i = 0; i < n; i++)
		*(rows[i].read_log ? &reads : &own) = rows[i].seq;
	q.before_seq = own;
	q.before_read_seq = reads;
	struct audit_entry *rest;
	size_t nrest;
	assert_int_equal(store_audit_search(f->s, f->a, &q, &rest, &nrest), IPS_OK);
	assert_int_equal(nrest, 8);   /* 18 in all, each once */
	assert_true(strcmp(rows[n - 1].at, rest[0].at) >= 0);
	/* filters apply to both chains */
	struct audit_query views = {.action = "client.view", .limit = 50};
	assert_int_equal(store_audit_search(f->s, f->a, &views, &rows, &n), IPS_OK);
	assert_int_equal(n, 6);

	/* a person's entries: both chains, oldest first */
	assert_int_equal(store_audit_of_client(f->s, f->a, 7, &rows, &n), IPS_OK);
	assert_int_equal(n, 12);
	assert_false(rows[0].read_log);
	assert_true(rows[1].read_log);

	/* a backup carries the read log, which verifies there */
	char dest[96];
	snprintf(dest, sizeof dest, "%s.copy", f->path);
	assert_int_equal(store_backup(f->s, dest, 0, NULL, NULL), IPS_OK);
	struct store *copy;
	assert_int_equal(store_open(dest, STORE_READ_ONLY, &copy), IPS_OK);
	assert_int_equal(store_reads_verify(copy, key, &count, head, &bad), IPS_OK);
	assert_int_equal(count, 12);
	store_close(copy);
	store_remove_files(dest);

	/* the database's first entry copied into the read log's chain does not verify there */
	char reads_path[96];
	store_reads_path(f->path, reads_path, sizeof reads_path);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(reads_path, &db), SQLITE_OK);
	char sql[256];
	snprintf(sql, sizeof sql, "ATTACH '%s' AS own; DROP TRIGGER audit_no_delete; DELETE FROM audit; "
				  "INSERT INTO audit SELECT * FROM own.audit WHERE seq = 1", f->path);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_reads_verify(f->s, key, &count, head, &bad), IPS_ETAMPERED);
	assert_int_equal(bad, 1);
}

/* Views queued without waiting (store_read_audit_submit, as the server does) from several
 * threads, while another connection appends and waits: each batch's owner is told once,
 * every entry is in the one chain, which verifies; and a read log made again where the
 * old one was removed gets the next views, not the removed file. */
struct submitter {
	struct store *s;
	const unsigned char *key;
	struct audit_entry e[2];
	atomic_int told, bad;
};

static void told(void *ctx, int rc)
{
	struct submitter *t = ctx;
	if (rc != IPS_OK)
		atomic_fetch_add(&t->bad, 1);
	atomic_fetch_add(&t->told, 1);
}

static void *submit_views(void *arg)
{
	struct submitter *t = arg;
	for (int i = 0; i < 200; i++)
		if (store_read_audit_submit(t->s, t->key, t->e, 2, told, t) != IPS_OK)
			atomic_fetch_add(&t->bad, 1);
	return NULL;
}

static void test_views_submitted_without_waiting_are_each_written_once(void **state)
{
	struct fx *f = *state;
	unsigned char key[AUDIT_KEY_BYTES] = {7, 8, 9};
	struct submitter t[3];
	pthread_t th[3];
	for (int k = 0; k < 3; k++) {
		t[k] = (struct submitter){.key = key};
		assert_int_equal(store_open(f->path, STORE_NO_MIGRATE, &t[k].s), IPS_OK);
		for (int j = 0; j < 2; j++)
			t[k].e[j] = (struct audit_entry){.at = "2026-01-01T00:00:00Z", .actor = "u", .action = "client.view",
							.entity = "client", .entity_id = k, .request_id = "r"};
		assert_int_equal(pthread_create(&th[k], NULL, submit_views, &t[k]), 0);
	}
	struct audit_entry mine = {.at = "2026-01-01T00:00:01Z", .actor = "v", .action = "caseload.view",
				   .entity = "staff", .entity_id = 1, .request_id = "r"};
	for (int i = 0; i < 100; i++)
		assert_int_equal(store_read_audit_append(f->s, key, &mine, 1), IPS_OK);
	for (int k = 0; k < 3; k++)
		assert_int_equal(pthread_join(th[k], NULL), 0);
	int settled = 0;
	while (settled < 600) {   /* the writer may still be telling the last batches */
		sched_yield();
		settled = 0;
		for (int k = 0; k < 3; k++)
			settled += atomic_load(&t[k].told) + atomic_load(&t[k].bad);
	}
	for (int k = 0; k < 3; k++) {
		assert_int_equal(atomic_load(&t[k].told), 200);
		assert_int_equal(atomic_load(&t[k].bad), 0);
	}
	int64_t count, bad;
	unsigned char head[AUDIT_HASH_BYTES];
	assert_int_equal(store_reads_verify(f->s, key, &count, head, &bad), IPS_OK);
	assert_int_equal(count, 3 * 200 * 2 + 100);

	/* the database and its read log removed, and made again at the same path */
	for (int k = 0; k < 3; k++)
		store_close(t[k].s);
	store_close(f->s);
	store_remove_files(f->path);
	assert_int_equal(store_open(f->path, STORE_CREATE, &f->s), IPS_OK);
	assert_int_equal(store_read_audit_append(f->s, key, &mine, 1), IPS_OK);
	assert_int_equal(store_reads_verify(f->s, key, &count, head, &bad), IPS_OK);
	assert_int_equal(count, 1);
}

/* A read log that has gone is refused, not begun again: the database records that it
 * had one; put back, it is read and appended to again. */
/* Moves a SQLite file and its -wal and -shm from one name to another, as someone moving
 * a read log away, or putting it back, would. */
static void move_sqlite_file(const char *from, const char *to)
{
	static const char *const tails[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		char a[160], b[160];
		snprintf(a, sizeof a, "%s%s", from, tails[i]);
		snprintf(b, sizeof b, "%s%s", to, tails[i]);
		assert_true(rename(a, b) == 0 || i > 0);
	}
}

static void test_a_missing_read_log_is_refused_not_begun_again(void **state)
{
	struct fx *f = *state;
	unsigned char key[AUDIT_KEY_BYTES] = {1};
	struct audit_entry v = {.at = "2026-01-01T00:00:00Z", .actor = "u", .action = "client.view",
				.entity = "client", .entity_id = 3, .request_id = "r"};
	assert_int_equal(store_read_audit_append(f->s, key, &v, 1), IPS_OK);
	char reads[128], away[140];
	store_reads_path(f->path, reads, sizeof reads);
	snprintf(away, sizeof away, "%s.away", reads);
	move_sqlite_file(reads, away);
	assert_int_equal(store_read_audit_append(f->s, key, &v, 1), IPS_ETAMPERED);
	assert_non_null(strstr(store_errmsg(f->s), "the read log is missing"));
	int64_t count, bad;
	unsigned char head[AUDIT_HASH_BYTES];
	assert_int_equal(store_reads_verify(f->s, key, &count, head, &bad), IPS_ETAMPERED);
	assert_int_equal(bad, 1);
	/* another connection, as the CLI's, is refused the same way, and so is a search */
	struct store *other;
	assert_int_equal(store_open(f->path, STORE_READ_ONLY, &other), IPS_OK);
	assert_int_equal(store_reads_open(other), IPS_ETAMPERED);
	assert_int_equal(store_reads_verify(other, key, &count, head, &bad), IPS_ETAMPERED);
	struct audit_entry *rows;
	size_t n;
	assert_int_equal(store_audit_search(other, f->a, &(struct audit_query){.limit = 10}, &rows, &n), IPS_ETAMPERED);
	store_close(other);
	/* an empty file in its place is not taken for a new read log */
	FILE *fp = fopen(reads, "w");
	assert_non_null(fp);
	fclose(fp);
	assert_int_not_equal(store_read_audit_append(f->s, key, &v, 1), IPS_OK);
	assert_int_equal(remove(reads), 0);

	move_sqlite_file(away, reads);   /* put back */
	assert_int_equal(store_read_audit_append(f->s, key, &v, 1), IPS_OK);
	assert_int_equal(store_reads_verify(f->s, key, &count, head, &bad), IPS_OK);
	assert_int_equal(count, 2);
}

/* A snapshot: reads see one state until its outermost end, whatever another connection
 * commits meanwhile; an inner pair changes nothing; a write in between ends it first
 * and is made. */
static void test_snapshot_reads_one_state_and_gives_way_to_a_write(void **state)
{
	struct fx *f = *state;
	struct store *other;
	assert_int_equal(store_open(f->path, STORE_NO_MIGRATE, &other), IPS_OK);
	struct site got;
	store_snapshot_begin(f->s);
	store_snapshot_begin(f->s);   /* nested: nothing */
	assert_int_equal(store_site_by_code(f->s, f->a, "S2", &got), IPS_ENOTFOUND);
	int64_t id;
	assert_int_equal(store_site_insert(other, &(struct site){.code = "S2", .name = "Two"}, &id), IPS_OK);
	store_snapshot_end(f->s);
	assert_int_equal(store_site_by_code(f->s, f->a, "S2", &got), IPS_ENOTFOUND);   /* still the snapshot */
	store_snapshot_end(f->s);
	assert_int_equal(store_site_by_code(f->s, f->a, "S2", &got), IPS_OK);

	store_snapshot_begin(f->s);
	assert_int_equal(store_site_by_code(f->s, f->a, "S3", &got), IPS_ENOTFOUND);
	assert_int_equal(store_site_insert(other, &(struct site){.code = "S3", .name = "Three"}, &id), IPS_OK);
	assert_int_equal(store_begin(f->s), IPS_OK);   /* ends the snapshot: the write sees S3 */
	assert_int_equal(store_site_by_code(f->s, f->a, "S3", &got), IPS_OK);
	assert_int_equal(store_site_insert(f->s, &(struct site){.code = "S4", .name = "Four"}, &id), IPS_OK);
	assert_int_equal(store_commit(f->s), IPS_OK);
	store_snapshot_end(f->s);   /* after the write: nothing left to end */
	assert_int_equal(store_site_by_code(other, f->a, "S4", &got), IPS_OK);

	/* a write outside store_begin, in a snapshot another connection has overtaken
	 * (which SQLite refuses to turn into a write), ends the snapshot and is made; a
	 * snapshot begun inside after it reads one state again, till its own end */
	store_snapshot_begin(f->s);
	assert_int_equal(store_site_by_code(f->s, f->a, "S5", &got), IPS_ENOTFOUND);
	assert_int_equal(store_site_insert(other, &(struct site){.code = "S5", .name = "Five"}, &id), IPS_OK);
	assert_int_equal(store_site_insert(f->s, &(struct site){.code = "S6", .name = "Six"}, &id), IPS_OK);
	assert_int_equal(store_site_by_code(f->s, f->a, "S5", &got), IPS_OK);
	store_snapshot_begin(f->s);
	assert_int_equal(store_site_by_code(f->s, f->a, "S7", &got), IPS_ENOTFOUND);
	assert_int_equal(store_site_insert(other, &(struct site){.code = "S7", .name = "Seven"}, &id), IPS_OK);
	assert_int_equal(store_site_by_code(f->s, f->a, "S7", &got), IPS_ENOTFOUND);
	store_snapshot_end(f->s);
	assert_int_equal(store_site_by_code(f->s, f->a, "S7", &got), IPS_OK);
	store_snapshot_end(f->s);
	store_close(other);
}

static void test_sessions_and_throttle(void **state)
{
	struct fx *f = *state;
	unsigned char h[32] = {7};
	assert_int_equal(store_session_insert(f->s, h, 0, "csrf-token", 1000), IPS_OK);
	struct session s;
	assert_int_equal(store_session_get(f->s, f->a, h, &s), IPS_OK);
	assert_string_equal(s.csrf, "csrf-token");
	assert_int_equal(s.account_id, 0);
	assert_int_equal(store_sessions_purge(f->s, 2000), IPS_OK);
	assert_int_equal(store_session_get(f->s, f->a, h, &s), IPS_ENOTFOUND);
	struct throttle t;
	assert_int_equal(store_throttle_get(f->s, "k", &t), IPS_OK);
	assert_int_equal(t.count, 0);
	t.count = 3;
	assert_int_equal(store_throttle_put(f->s, "k", &t), IPS_OK);
	assert_int_equal(store_throttle_get(f->s, "k", &t), IPS_OK);
	assert_int_equal(t.count, 3);
}

static int64_t add_referral(struct fx *f, int64_t client, int64_t team, int64_t specialist)
{
	int64_t id = 0;
	struct referral r = {.client_id = client, .team_id = team, .specialist_id = specialist,
			     .received_on = "2026-01-05", .source = "gp", .employment_status = "04"};
	assert_int_equal(store_referral_insert(f->s, &r, "2026-01-05T00:00:00Z", &id), IPS_OK);
	return id;
}

/* The people matching ranks, as store_match_people reads them: the row of client, or NULL. */
static const struct match_person_row *match_row(struct fx *f, int64_t site, int64_t specialist, int64_t client,
						size_t *n)
{
	struct match_person_row *rows;
	assert_int_equal(store_match_people(f->s, f->a, site, specialist, &rows, n), IPS_OK);
	const struct match_person_row *found = NULL;
	for (size_t i = 0; i < *n; i++)
		if (rows[i].client_id == client) {
			assert_null(found);   /* each person once */
			found = &rows[i];
		}
	return found;
}

/* match_person (010_match_person.sql) is kept by triggers: each person with an open
 * referral at a site once, with or without a profile, for the site and for the
 * specialist allocated; it follows referrals closing, moving team and teams moving site. */
static void test_matching_reads_people_kept_in_step_by_triggers(void **state)
{
	struct fx *f = *state;
	int64_t team2, site2;
	assert_int_equal(store_team_insert(f->s, &(struct team){.code = "T2", .name = "Team 2", .site_id = f->site}, &team2), IPS_OK);
	assert_int_equal(store_site_insert(f->s, &(struct site){.code = "S2", .name = "Site 2"}, &site2), IPS_OK);
	int64_t ann = add_client(f, NULL), bea = add_client(f, NULL), cal = add_client(f, NULL);
	int64_t ann1 = add_referral(f, ann, f->team, 0);
	add_referral(f, ann, team2, f->specialist);
	add_referral(f, bea, team2, 0);
	int64_t cal1 = add_referral(f, cal, f->team, 0);
	assert_int_equal(store_referral_close(f->s, cal1, "2026-02-01", "person_choice", "2026-02-01T00:00:00Z"), IPS_OK);
	assert_int_equal(store_profile_put(f->s, &(struct profile){.client_id = ann, .hours_min = 10, .hours_max = 20,
		.travel_miles = 5, .job_type_codes = "5432", .pay_min = 1200}, "2026-01-06T00:00:00Z"), IPS_OK);

	size_t n;
	const struct match_person_row *r = match_row(f, f->site, 0, ann, &n);
	assert_int_equal(n, 2);   /* Ann (two open referrals) once, Bea; not Cal (closed) */
	assert_non_null(r);
	assert_string_equal(r->job_type_codes, "5432");
	assert_int_equal(r->hours_max, 20);
	assert_int_equal(r->pay_min, 1200);
	r = match_row(f, f->site, 0, bea, &n);
	assert_non_null(r);   /* no profile: listed, preferences unknown */
	assert_null(r->job_type_codes);
	assert_int_equal(r->hours_min, -1);
	assert_int_equal(r->pay_min, -1);
	assert_non_null(match_row(f, f->site, f->specialist, ann, &n));
	assert_int_equal(n, 1);   /* the specialist's caseload */

	/* closing one of Ann's two referrals keeps her; a team moving site takes its people */
	assert_int_equal(store_referral_close(f->s, ann1, "2026-02-01", "other", "2026-02-01T00:00:00Z"), IPS_OK);
	assert_non_null(match_row(f, f->site, 0, ann, &n));
	assert_int_equal(n, 2);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	char sql[96];
	snprintf(sql, sizeof sql, "UPDATE team SET site_id = %lld WHERE id = %lld", (long long)site2, (long long)team2);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_null(match_row(f, f->site, 0, ann, &n));
	assert_int_equal(n, 0);
	assert_non_null(match_row(f, site2, 0, ann, &n));
	assert_int_equal(n, 2);
	assert_non_null(match_row(f, site2, f->specialist, ann, &n));
	assert_int_equal(n, 1);
	/* a reopened referral comes back */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	snprintf(sql, sizeof sql, "UPDATE referral SET closed_on = NULL, close_reason = NULL WHERE id = %lld",
		 (long long)cal1);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_non_null(match_row(f, f->site, 0, cal, &n));
	assert_int_equal(n, 1);
}

/* A small deterministic generator, so a failure repeats. */
static int rnd(uint32_t *seed, int n)
{
	*seed = *seed * 1103515245u + 12345u;
	return (int)((*seed >> 16) % (uint32_t)n);
}

static void exec_ok(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* The contact tallies (011_contact_tallies.sql) are kept by triggers: after any mix of
 * contacts recorded, changed and removed over two months, referrals moving team and
 * being reallocated, each tally (by day, and rolled up by month) holds exactly what its
 * view computes. */
static void test_contact_tallies_kept_in_step_by_triggers(void **state)
{
	struct fx *f = *state;
	int64_t team2, spec2, employer;
	assert_int_equal(store_team_insert(f->s, &(struct team){.code = "T2", .name = "Team 2", .site_id = f->site}, &team2), IPS_OK);
	assert_int_equal(store_staff_insert(f->s, &(struct staff){.code = "E2", .name = "Eve", .role = "specialist",
								   .team_id = team2, .fte = 50}, &spec2), IPS_OK);
	assert_int_equal(store_employer_insert(f->s, &(struct employer){.name = "Bakery", .site_id = f->site}, &employer),
			 IPS_OK);
	int64_t teams[2] = {f->team, team2}, staff[2] = {f->specialist, spec2}, refs[5];
	for (int i = 0; i < 5; i++)
		refs[i] = add_referral(f, add_client(f, NULL), teams[i % 2], i == 4 ? 0 : staff[i % 2]);
	static const char *const with[] = {"client", "employer", "clinical_team", "family"};
	static const char *const mode[] = {"face_to_face", "phone", "video", "text", "email", "letter"};
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	uint32_t seed = 12345;
#define RND(n) rnd(&seed, (n))
	char sql[512];
	int contacts = 0;
	for (int step = 0; step < 600; step++) {
		int op = RND(10);
		const char *w = with[RND(4)], *m = mode[RND(6)];
		const char *place = strcmp(m, "face_to_face") == 0 || RND(2) ? (RND(2) ? "'community'" : "'office'") : "NULL";
		char minutes[16];
		snprintf(minutes, sizeof minutes, RND(4) ? "%d" : "NULL", RND(120));
		long long ref = (long long)refs[RND(5)];
		char referral[24], emp[24];
		snprintf(referral, sizeof referral, strcmp(w, "client") == 0 || RND(2) ? "%lld" : "NULL", ref);
		snprintf(emp, sizeof emp, strcmp(w, "employer") == 0 ? "%lld" : "NULL", (long long)employer);
		if (op < 5 || contacts < 3) {
			snprintf(sql, sizeof sql,
				 "INSERT INTO contact (ref, date, staff_id, with_whom, referral_id, employer_id, mode, place, "
				 "minutes, attended, created_at) VALUES ('c%d', '2026-%02d-%02d', %lld, '%s', %s, %s, '%s', %s, "
				 "%s, %d, '2026-03-01T00:00:00Z')",
				 step, 3 + RND(2), 27 + RND(4), (long long)staff[RND(2)], w, referral, emp, m, place, minutes, RND(4) != 0);
			contacts++;
		} else if (op < 7) {
			snprintf(sql, sizeof sql,
				 "UPDATE contact SET date = '2026-%02d-%02d', staff_id = %lld, with_whom = '%s', referral_id = %s, "
				 "employer_id = %s, mode = '%s', place = %s, minutes = %s, attended = %d "
				 "WHERE id = (SELECT id FROM contact ORDER BY id LIMIT 1 OFFSET %d)",
				 3 + RND(2), 27 + RND(4), (long long)staff[RND(2)], w, referral, emp, m, place, minutes, RND(4) != 0,
				 RND(contacts));
		} else if (op < 8) {
			snprintf(sql, sizeof sql, "DELETE FROM contact WHERE id = (SELECT id FROM contact ORDER BY id LIMIT 1 "
				 "OFFSET %d)", RND(contacts));
			contacts--;
		} else if (op < 9) {
			snprintf(sql, sizeof sql, "UPDATE referral SET team_id = %lld WHERE id = %lld",
				 (long long)teams[RND(2)], ref);
		} else {
			int who = RND(3);
			snprintf(sql, sizeof sql, "UPDATE referral SET specialist_id = %s WHERE id = %lld",
				 who == 2 ? "NULL" : (who ? "(SELECT max(id) FROM staff)" : "(SELECT min(id) FROM staff)"), ref);
		}
		exec_ok(db, sql);
		if (step % 25 == 24) {
			assert_int_equal(storetest_view_mismatches(db, "tally_staff_day"), 0);
			assert_int_equal(storetest_view_mismatches(db, "tally_team_mode"), 0);
			assert_int_equal(storetest_view_mismatches(db, "tally_specialist_mode"), 0);
			assert_int_equal(storetest_view_mismatches(db, "tally_staff_month"), 0);
			assert_int_equal(storetest_view_mismatches(db, "tally_team_mode_month"), 0);
			assert_int_equal(storetest_view_mismatches(db, "tally_specialist_mode_month"), 0);
		}
	}
#undef RND
	/* the tallies are not empty, no row is left at zero, and no change row is left over */
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM tally_team_mode), "
				"(SELECT count(*) FROM tally_staff_day WHERE contacts <= 0) + "
				"(SELECT count(*) FROM tally_team_mode WHERE n <= 0) + "
				"(SELECT count(*) FROM tally_specialist_mode WHERE n <= 0) + (SELECT count(*) FROM tally_staff_month "
				"WHERE contacts <= 0) + (SELECT count(*) FROM contact_tally_change), "
				"(SELECT count(DISTINCT month) FROM tally_staff_month)", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_true(sqlite3_column_int(st, 0) > 5);
	assert_true(sqlite3_column_int(st, 2) >= 2);   /* two months */
	assert_int_equal(sqlite3_column_int(st, 1), 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* The markers of one page, as "kind:record_id:client_id" joined by spaces. */
static const char *deletion_list(struct fx *f, const struct page_query *q, bool org)
{
	struct deletion_row *rows;
	size_t n;
	assert_int_equal(store_deletions_page(f->s, f->a, q, org, &rows, &n), IPS_OK);
	char *out = arena_printf(f->a, "%s", "");
	for (size_t i = 0; i < n; i++) {
		assert_non_null(rows[i].deleted_at);
		assert_int_equal(strlen(rows[i].deleted_at), 20);
		out = arena_printf(f->a, "%s%s%s:%lld:%lld", out, i ? " " : "", rows[i].kind,
				   (long long)rows[i].record_id, (long long)rows[i].client_id);
	}
	return out;
}

/* Deletion markers (012_deletions.sql) are written by triggers in the deleting
 * transaction: erasing a person marks them, their referral, job and contacts (the
 * employer contact kept unlinked too), in the order erasure removes them; a rolled-back
 * erasure leaves none; the filters are the lists' (site, a clinician's team, employers
 * for the roles that list them, cursor, time). */
static void test_deletions_marked_by_triggers(void **state)
{
	struct fx *f = *state;
	int64_t team2, site2, team3, employer, gone_employer;
	assert_int_equal(store_team_insert(f->s, &(struct team){.code = "T2", .name = "Team 2", .site_id = f->site}, &team2), IPS_OK);
	assert_int_equal(store_site_insert(f->s, &(struct site){.code = "S2", .name = "Site 2"}, &site2), IPS_OK);
	assert_int_equal(store_team_insert(f->s, &(struct team){.code = "T3", .name = "Team 3", .site_id = site2}, &team3), IPS_OK);
	assert_int_equal(store_employer_insert(f->s, &(struct employer){.name = "Bakery", .site_id = f->site}, &employer),
			 IPS_OK);
	assert_int_equal(store_employer_insert(f->s, &(struct employer){.name = "Gone", .site_id = f->site}, &gone_employer),
			 IPS_OK);
	int64_t ann = add_client(f, "9434765919"), bea = add_client(f, NULL);
	int64_t ann1 = add_referral(f, ann, f->team, f->specialist);
	add_referral(f, bea, f->team, 0);
	int64_t with_ann, for_ann, job;
	assert_int_equal(store_contact_insert(f->s, &(struct contact){.staff_id = f->specialist, .referral_id = ann1,
		.date = "2026-01-10", .with = "client", .mode = "phone", .minutes = -1, .attended = true,
		.note = "Ann Lee, 9434765919"}, "2026-01-10T00:00:00Z", &with_ann), IPS_OK);
	assert_int_equal(store_contact_insert(f->s, &(struct contact){.staff_id = f->specialist, .referral_id = ann1,
		.employer_id = employer, .date = "2026-01-11", .with = "employer", .mode = "face_to_face",
		.place = "community", .minutes = 30, .attended = true}, "2026-01-11T00:00:00Z", &for_ann), IPS_OK);
	assert_int_equal(store_job_insert(f->s, &(struct job){.referral_id = ann1, .employer_id = employer,
		.title = "Baker", .started_on = "2026-01-12", .ended_on = "2026-01-20", .hours_per_week = 1600,
		.hourly_wage = -1, .competitive = true}, "2026-01-12T00:00:00Z", &job), IPS_OK);
	struct page_query all = {.limit = 100}, s1 = {.limit = 100, .site_id = f->site};
	assert_string_equal(deletion_list(f, &all, true), "");

	/* rolled back: nothing marked */
	struct erasure_counts c = {0};
	assert_int_equal(store_begin(f->s), IPS_OK);
	assert_int_equal(store_client_erase(f->s, ann, &c), IPS_OK);
	assert_int_equal(store_rollback(f->s), IPS_OK);
	assert_string_equal(deletion_list(f, &all, true), "");

	memset(&c, 0, sizeof c);
	assert_int_equal(store_begin(f->s), IPS_OK);
	assert_int_equal(store_client_erase(f->s, ann, &c), IPS_OK);
	assert_int_equal(store_commit(f->s), IPS_OK);
	const char *want = arena_printf(f->a, "contact:%lld:%lld job:%lld:%lld contact:%lld:%lld referral:%lld:%lld person:%lld:%lld",
		(long long)for_ann, (long long)ann, (long long)job, (long long)ann, (long long)with_ann, (long long)ann,
		(long long)ann1, (long long)ann, (long long)ann, (long long)ann);
	assert_string_equal(deletion_list(f, &all, true), want);
	assert_string_equal(deletion_list(f, &s1, true), want);
	struct page_query other_site = {.limit = 100, .site_id = site2}, t1 = {.limit = 100, .team_id = f->team},
			  t2 = {.limit = 100, .team_id = team2}, t3 = {.limit = 100, .team_id = team3};
	assert_string_equal(deletion_list(f, &other_site, true), "");
	assert_string_equal(deletion_list(f, &t1, false), want);   /* the referral's marker names T1 */
	assert_string_equal(deletion_list(f, &t2, false), "");
	assert_string_equal(deletion_list(f, &t3, false), "");

	/* an employer: only for the lists that show employers, of its site */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	char sql[96];
	snprintf(sql, sizeof sql, "DELETE FROM employer WHERE id = %lld", (long long)gone_employer);
	exec_ok(db, sql);
	/* a contact on no referral is in no list: removing it leaves no marker */
	snprintf(sql, sizeof sql, "DELETE FROM contact WHERE id = %lld", (long long)for_ann);
	exec_ok(db, sql);
	sqlite3_close(db);
	const char *with_employer = arena_printf(f->a, "%s employer:%lld:0", want, (long long)gone_employer);
	assert_string_equal(deletion_list(f, &s1, true), with_employer);
	assert_string_equal(deletion_list(f, &s1, false), want);
	assert_string_equal(deletion_list(f, &other_site, true), "");

	/* paged by cursor; filtered by time */
	struct deletion_row *rows;
	size_t n;
	assert_int_equal(store_deletions_page(f->s, f->a, &(struct page_query){.limit = 2}, true, &rows, &n), IPS_OK);
	assert_int_equal(n, 2);
	int64_t second = rows[1].id;
	assert_int_equal(store_deletions_page(f->s, f->a, &(struct page_query){.limit = 100, .after_id = second}, true,
					      &rows, &n), IPS_OK);
	assert_int_equal(n, 4);
	assert_true(rows[0].id > second);
	struct page_query later = {.limit = 100, .changed_since = "9999-01-01T00:00:00Z"},
			  earlier = {.limit = 100, .changed_since = "2000-01-01T00:00:00Z"};
	assert_string_equal(deletion_list(f, &later, true), "");
	assert_string_equal(deletion_list(f, &earlier, true), with_employer);
	(void)bea;
}

/* The ids the SQL ORDER BY gives, read on a connection of the test's own. */
static size_t sql_order(const char *path, const char *sql, int64_t *ids, size_t cap)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	size_t n = 0;
	while (sqlite3_step(st) == SQLITE_ROW && n < cap)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* Caseloads, the inbox and the specialists to choose from are sorted in C, not by SQL:
 * the order must be the one the SQL gave (NOCASE folds ASCII letters only). */
static void test_lists_sorted_in_c_keep_the_orders_sql_gave(void **state)
{
	struct fx *f = *state;
	static const char *const names[][2] = {
		{"lee", "ann"}, {"Lee", "Ann"}, {"LEE", "bob"}, {"Lee", "Émile"}, {"Ávila", "Zoe"},
		{"avila", "Zoe"}, {"Abbott", "a"}, {"abbott", "B"}, {"Zane", "x"}, {"O'Neil", "y"},
		{"o neil", "y"}, {"Lee", "ann"}, {"[bracket]", "z"}, {"_under", "z"}, {"émile", "a"},
	};
	static const char *const received[] = {"2026-01-03", "2026-01-01", "2026-01-03", "2026-01-02"};
	size_t nn = sizeof names / sizeof names[0];
	int64_t clients[sizeof names / sizeof names[0]];
	for (size_t i = 0; i < nn; i++) {
		struct client cl = {.site_id = f->site, .given_name = names[i][1], .family_name = names[i][0],
				    .consent_contact_employers = -1};
		assert_int_equal(store_client_insert(f->s, &cl, "2026-01-01T00:00:00Z", &clients[i]), IPS_OK);
		struct staff es = {.code = arena_printf(f->a, "E%zu", i + 2), .name = names[i][i % 2],
				   .role = "specialist", .team_id = f->team, .fte = 100};
		int64_t sid;
		assert_int_equal(store_staff_insert(f->s, &es, &sid), IPS_OK);
	}
	/* the referrals in the reverse of their people's order: both lists come from SQLite
	 * in the order of the people (an index on client), so the newer referral comes first
	 * and a tie (the same names, or the same day received) must be broken by referral id */
	for (int k = 0; k < 2; k++)   /* one on the caseload, one waiting, for each person */
		for (size_t i = nn; i-- > 0;) {
			struct referral r = {.client_id = clients[i], .team_id = f->team,
					     .received_on = received[(i + (size_t)k) % 4], .source = "gp",
					     .specialist_id = k ? 0 : f->specialist};
			assert_int_equal(store_referral_insert(f->s, &r, "2026-01-05T00:00:00Z", NULL), IPS_OK);
		}
	int64_t want[64], got[64];

	/* the newest contact of a caseload referral, whatever order they were written in */
	static const char *const dates[] = {"2026-01-20", "2026-01-06", "2026-01-31", "2026-01-12"};
	int64_t first = 0;
	{
		struct caseload_row *rows;
		size_t n;
		assert_int_equal(store_caseload(f->s, f->a, f->specialist, "2026-02-01", &rows, &n), IPS_OK);
		first = rows[0].referral_id;
		assert_null(rows[0].last_contact);
	}
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++)
		assert_int_equal(store_contact_insert(f->s, &(struct contact){.staff_id = f->specialist, .referral_id = first,
			.date = dates[i], .with = "client", .mode = "phone", .minutes = -1, .attended = true},
			"2026-02-01T00:00:00Z", NULL), IPS_OK);

	struct caseload_row *rows;
	size_t n;
	assert_int_equal(store_caseload(f->s, f->a, f->specialist, "2026-02-01", &rows, &n), IPS_OK);
	assert_int_equal(rows[0].referral_id, first);
	assert_string_equal(rows[0].last_contact, "2026-01-31");
	assert_null(rows[1].last_contact);
	size_t nw = sql_order(f->path, arena_printf(f->a, "SELECT r.id FROM referral r JOIN client c ON c.id = r.client_id "
				       "WHERE r.specialist_id = %lld AND r.closed_on IS NULL "
				       "ORDER BY c.family_name COLLATE NOCASE, c.given_name COLLATE NOCASE, r.id",
				       (long long)f->specialist), want, 64);
	assert_int_equal(n, nn);
	assert_int_equal(nw, nn);
	for (size_t i = 0; i < n; i++)
		got[i] = rows[i].referral_id;
	assert_memory_equal(got, want, n * sizeof *got);

	/* in work today (2026-02-01) as SQL's EXISTS says: a job on the person's other
	 * referral; one ended before today; one starting after; one ended today beside one
	 * started today */
	static const struct {
		size_t person;
		bool other_referral;
		const char *started, *ended;
	} jobs[] = {
		{0, true, "2026-01-10", NULL},        {1, false, "2025-12-01", "2026-01-15"},
		{2, false, "2026-03-01", NULL},       {3, false, "2025-11-01", "2026-02-01"},
		{3, true, "2026-02-01", NULL},
	};
	for (size_t j = 0; j < sizeof jobs / sizeof jobs[0]; j++) {
		int64_t rid[2];
		assert_int_equal(sql_order(f->path, arena_printf(f->a, "SELECT id FROM referral WHERE client_id = %lld "
				"ORDER BY specialist_id IS NULL", (long long)clients[jobs[j].person]), rid, 2), 2);
		assert_int_equal(store_job_insert(f->s, &(struct job){.referral_id = rid[jobs[j].other_referral],
			.title = "Porter", .started_on = jobs[j].started, .ended_on = jobs[j].ended,
			.end_reason = jobs[j].ended ? "resigned" : NULL, .hours_per_week = 1600, .hourly_wage = -1,
			.competitive = true}, "2026-02-01T00:00:00Z", NULL), IPS_OK);
	}
	assert_int_equal(store_caseload(f->s, f->a, f->specialist, "2026-02-01", &rows, &n), IPS_OK);
	nw = sql_order(f->path, arena_printf(f->a, "SELECT r.id FROM referral r WHERE r.specialist_id = %lld "
				"AND r.closed_on IS NULL AND EXISTS (SELECT 1 FROM job j JOIN referral r2 ON r2.id = "
				"j.referral_id WHERE r2.client_id = r.client_id AND j.started_on <= '2026-02-01' "
				"AND (j.ended_on IS NULL OR j.ended_on > '2026-02-01')) ORDER BY r.id",
				(long long)f->specialist), want, 64);
	assert_int_equal(nw, 2);   /* people 0 and 3 */
	size_t nin = 0;
	for (size_t i = 0; i < n; i++)
		if (rows[i].in_work) {
			bool listed = false;
			for (size_t w = 0; w < nw; w++)
				listed = listed || want[w] == rows[i].referral_id;
			assert_true(listed);
			nin++;
		}
	assert_int_equal(nin, nw);

	struct referral *refs;
	assert_int_equal(store_referrals_waiting(f->s, f->a, f->site, 0, &refs, &n), IPS_OK);
	nw = sql_order(f->path, "SELECT id FROM referral WHERE specialist_id IS NULL AND closed_on IS NULL "
				"ORDER BY received_on, id", want, 64);
	assert_int_equal(n, nn);
	assert_int_equal(nw, nn);
	for (size_t i = 0; i < n; i++)
		got[i] = refs[i].id;
	assert_memory_equal(got, want, n * sizeof *got);

	struct staff *es;
	assert_int_equal(store_specialist_choices(f->s, f->a, f->site, &es, &n), IPS_OK);
	nw = sql_order(f->path, "SELECT id FROM staff WHERE role = 'specialist' ORDER BY name, id", want, 64);
	assert_int_equal(n, nn + 1);
	assert_int_equal(nw, nn + 1);
	for (size_t i = 0; i < n; i++) {
		got[i] = es[i].id;
		assert_non_null(es[i].code);
		assert_string_equal(es[i].team_name, "Team");
	}
	assert_memory_equal(got, want, n * sizeof *got);
}

/* A record page shows the newest contacts and timeline lines of a person and says how
 * many there are: the newest by date then id, over all their referrals, in the order the
 * whole list has, and the count whether or not the page is full. */
static void test_a_record_reads_the_newest_contacts_and_events_and_counts_them_all(void **state)
{
	struct fx *f = *state;
	int64_t ann = add_client(f, NULL), bea = add_client(f, NULL);
	int64_t r1 = add_referral(f, ann, f->team, f->specialist), r2 = add_referral(f, ann, f->team, 0);
	int64_t other = add_referral(f, bea, f->team, f->specialist);
	static const char *const dates[] = {"2026-01-10", "2026-03-02", "2026-01-10", "2026-02-14", "2026-03-02",
					    "2026-01-06", "2026-02-14"};
	size_t nd = sizeof dates / sizeof dates[0];
	for (size_t i = 0; i < nd; i++) {
		assert_int_equal(store_contact_insert(f->s, &(struct contact){.staff_id = f->specialist,
			.referral_id = i % 2 ? r2 : r1, .date = dates[i], .with = "client", .mode = "phone",
			.minutes = -1, .attended = true}, "2026-03-03T00:00:00Z", NULL), IPS_OK);
		assert_int_equal(store_event_add(f->s, &(struct client_event){.client_id = ann, .referral_id = r1,
			.on_date = dates[i], .at = "2026-03-03T00:00:00Z", .kind = "contact", .summary = "x"}), IPS_OK);
	}
	assert_int_equal(store_contact_insert(f->s, &(struct contact){.staff_id = f->specialist, .referral_id = other,
		.date = "2026-04-01", .with = "client", .mode = "phone", .minutes = -1, .attended = true},
		"2026-04-01T00:00:00Z", NULL), IPS_OK);   /* someone else's */
	assert_int_equal(store_event_add(f->s, &(struct client_event){.client_id = bea, .on_date = "2026-04-01",
		.at = "2026-04-01T00:00:00Z", .kind = "contact", .summary = "y"}), IPS_OK);

	int64_t want[16];
	size_t nw = sql_order(f->path, arena_printf(f->a, "SELECT k.id FROM contact k JOIN referral r ON r.id = k.referral_id "
				"WHERE r.client_id = %lld ORDER BY k.date DESC, k.id DESC", (long long)ann), want, 16);
	assert_int_equal(nw, nd);
	static const size_t limits[] = {0, 1, 3, 7, 8, 50};
	for (size_t l = 0; l < sizeof limits / sizeof limits[0]; l++) {
		struct contact *k;
		size_t n, total = 0;
		assert_int_equal(store_contacts_of_client(f->s, f->a, ann, limits[l], &k, &n, &total), IPS_OK);
		assert_int_equal(n, limits[l] && limits[l] < nd ? limits[l] : nd);
		assert_int_equal(total, nd);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(k[i].id, want[i]);
	}
	nw = sql_order(f->path, arena_printf(f->a, "SELECT id FROM client_event WHERE client_id = %lld "
				"ORDER BY on_date DESC, id DESC", (long long)ann), want, 16);
	assert_int_equal(nw, nd);
	for (size_t l = 0; l < sizeof limits / sizeof limits[0]; l++) {
		struct client_event *e;
		size_t n, total = 0;
		assert_int_equal(store_events_of_client(f->s, f->a, ann, limits[l], &e, &n, &total), IPS_OK);
		assert_int_equal(n, limits[l] && limits[l] < nd ? limits[l] : nd);
		assert_int_equal(total, nd);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(e[i].id, want[i]);
	}
}


/* store_begin inside a transaction it began is a savepoint: its rollback undoes only the
 * inner part, its commit keeps it for the outer end to commit or undo (an API PATCH runs
 * a use case's transaction inside its own). */
static void test_a_transaction_inside_another_is_a_savepoint(void **state)
{
	struct fx *f = *state;
	const char *v;
	assert_int_equal(store_begin(f->s), IPS_OK);
	assert_int_equal(store_meta_set(f->s, "nest.outer", "1"), IPS_OK);
	assert_int_equal(store_begin(f->s), IPS_OK);
	assert_int_equal(store_meta_set(f->s, "nest.inner", "1"), IPS_OK);
	assert_int_equal(store_rollback(f->s), IPS_OK);   /* the inner part only */
	assert_int_equal(store_meta_get(f->s, f->a, "nest.inner", &v), IPS_ENOTFOUND);
	assert_int_equal(store_meta_get(f->s, f->a, "nest.outer", &v), IPS_OK);
	assert_int_equal(store_begin(f->s), IPS_OK);
	assert_int_equal(store_meta_set(f->s, "nest.kept", "1"), IPS_OK);
	assert_int_equal(store_commit(f->s), IPS_OK);     /* released, not yet committed */
	assert_int_equal(store_commit(f->s), IPS_OK);
	assert_int_equal(store_meta_get(f->s, f->a, "nest.outer", &v), IPS_OK);
	assert_int_equal(store_meta_get(f->s, f->a, "nest.kept", &v), IPS_OK);
	assert_int_equal(store_meta_get(f->s, f->a, "nest.inner", &v), IPS_ENOTFOUND);

	/* an inner commit is undone by the outer rollback */
	assert_int_equal(store_begin(f->s), IPS_OK);
	assert_int_equal(store_begin(f->s), IPS_OK);
	assert_int_equal(store_meta_set(f->s, "nest.undone", "1"), IPS_OK);
	assert_int_equal(store_commit(f->s), IPS_OK);
	assert_int_equal(store_rollback(f->s), IPS_OK);
	assert_int_equal(store_meta_get(f->s, f->a, "nest.undone", &v), IPS_ENOTFOUND);

	/* and the next transaction is a transaction again, not a savepoint */
	assert_int_equal(store_begin(f->s), IPS_OK);
	assert_int_equal(store_meta_set(f->s, "nest.after", "1"), IPS_OK);
	assert_int_equal(store_commit(f->s), IPS_OK);
	struct store *other;
	assert_int_equal(store_open(f->path, STORE_OPEN, &other), IPS_OK);
	assert_int_equal(store_meta_get(other, f->a, "nest.after", &v), IPS_OK);
	store_close(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_database_is_at_the_latest_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_newer_database_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_refuses_an_existing_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refs_are_generated_and_unique, setup, teardown),
		cmocka_unit_test_setup_teardown(test_constraints_refuse_bad_codes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollback_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicates_by_nhs_number_or_name_and_birth, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_chain_verifies_and_detects_edits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_log_is_a_chain_of_its_own, setup, teardown),
		cmocka_unit_test_setup_teardown(test_views_submitted_without_waiting_are_each_written_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_missing_read_log_is_refused_not_begun_again, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snapshot_reads_one_state_and_gives_way_to_a_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sessions_and_throttle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_matching_reads_people_kept_in_step_by_triggers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contact_tallies_kept_in_step_by_triggers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deletions_marked_by_triggers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lists_sorted_in_c_keep_the_orders_sql_gave, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_transaction_inside_another_is_a_savepoint, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_record_reads_the_newest_contacts_and_events_and_counts_them_all,
						setup, teardown),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
