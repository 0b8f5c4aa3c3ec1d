/* tests/store/test_interchange_load.c — loading contacts for an import (store_ic_defer,
 * store_ic_contact_insert, store_ic_restore): the work of the contact triggers done in
 * memory lands exactly where the triggers would have put it, on top of what is stored;
 * a duplicate ref is refused and counts nowhere; and the connection checks contact's
 * CHECK constraints again afterwards, whether the load was kept, discarded or never
 * finished. */
#include "testutil.h"
#include "storetest.h"
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
	int64_t site, team, specialist, employer, referral[2];
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	storetest_create(f->path, "load", &f->s, &f->site, &f->team, &f->specialist);
	f->a = arena_new();
	assert_int_equal(store_employer_insert(f->s, &(struct employer){.ref = "B1", .name = "Bakery", .site_id = f->site},
					       &f->employer), IPS_OK);
	for (int i = 0; i < 2; i++) {
		int64_t client = 0;
		struct client c = {.site_id = f->site, .given_name = "Ann", .family_name = "Lee",
				   .consent_contact_employers = -1};
		assert_int_equal(store_client_insert(f->s, &c, "2026-01-01T00:00:00Z", &client), IPS_OK);
		struct referral r = {.client_id = client, .team_id = f->team, .specialist_id = i ? 0 : f->specialist,
				     .received_on = "2026-01-05", .source = "gp", .employment_status = "04"};
		assert_int_equal(store_referral_insert(f->s, &r, "2026-01-05T00:00:00Z", &f->referral[i]), IPS_OK);
	}
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

/* One value from a second connection (what another process sees once committed). */
static long long value(struct fx *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* Rows where a tally or a referral's first contacts differ from what the views compute
 * from all the contacts. */
static long long derived_mismatches(struct fx *f)
{
	static const char *const tallies[] = {"tally_staff_day", "tally_team_mode", "tally_specialist_mode",
					      "tally_staff_month", "tally_team_mode_month", "tally_specialist_mode_month"};
	long long n = value(f, "SELECT count(*) FROM referral r LEFT JOIN contact_firsts c ON c.referral_id = r.id "
			       "WHERE r.first_direct_on IS NOT c.first_direct_on OR r.first_employer_on IS NOT c.first_employer_on");
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	for (size_t i = 0; i < sizeof tallies / sizeof tallies[0]; i++) {
		long long m = storetest_view_mismatches(db, tallies[i]);
		assert_true(m >= 0);
		n += m;
	}
	sqlite3_close(db);
	return n;
}

/* A contact of kind k (0-5) on day d of March 2026, by the specialist. */
static struct contact contact_of(struct fx *f, const char *ref, int k, int d)
{
	static const char *const days[] = {"2026-03-01", "2026-03-02", "2026-03-03"};
	static const char *const modes[] = {"face_to_face", "phone", "text", "video", "face_to_face", "email"};
	k %= 6;
	struct contact c = {.ref = ref, .date = days[d % 3], .staff_id = f->specialist, .mode = modes[k],
			    .minutes = (k + d) % 4 == 3 ? -1 : 10 * k + d, .attended = k != 2 && (k != 4 || d % 2 == 0)};
	c.with = k == 4 ? "employer" : k == 5 ? "family" : "client";
	c.referral_id = k == 5 ? 0 : f->referral[(k + d) % 2];
	c.employer_id = k == 4 ? f->employer : 0;
	c.place = strcmp(c.mode, "face_to_face") == 0 ? (d % 2 ? "office" : "community") : k == 1 ? "community" : NULL;
	return c;
}

/* A contact the database's CHECK constraints refuse: mode is not one of the codes. */
static int insert_bad(struct fx *f)
{
	struct contact c = contact_of(f, NULL, 1, 0);
	c.mode = "fax";
	return store_contact_insert(f->s, &c, "2026-03-05T00:00:00Z", NULL);
}

static void load(struct fx *f, bool indexes, int from, int n, bool keep)
{
	struct ic_deferred *d = NULL;
	assert_int_equal(store_bulk(f->s, true), IPS_OK);
	assert_int_equal(store_begin(f->s), IPS_OK);
	assert_int_equal(store_ic_defer(f->s, f->a, indexes, &d), IPS_OK);
	for (int i = from; i < from + n; i++) {
		char ref[16];
		snprintf(ref, sizeof ref, "L%d", i);
		struct contact c = contact_of(f, ref, i, i / 6);
		int64_t id = 0;
		assert_int_equal(store_ic_contact_insert(d, &c, "2026-03-05T00:00:00Z", &id), IPS_OK);
		assert_true(id > 0);
	}
	/* a ref already used is refused and counts nowhere */
	struct contact again = contact_of(f, "L0", 0, 0);
	assert_int_equal(store_ic_contact_insert(d, &again, "2026-03-05T00:00:00Z", NULL), IPS_EDUPLICATE);
	assert_int_equal(store_ic_restore(d, keep), IPS_OK);
	if (keep)
		assert_int_equal(store_commit(f->s), IPS_OK);
	else
		assert_int_equal(store_rollback(f->s), IPS_OK);
	assert_int_equal(store_bulk(f->s, false), IPS_OK);
}

static void test_a_kept_load_adds_what_the_triggers_would_have(void **state)
{
	struct fx *f = *state;
	/* some contacts the usual way first, so the load adds to stored tallies */
	for (int i = 0; i < 12; i++) {
		struct contact c = contact_of(f, NULL, i, i / 6 + 1);
		assert_int_equal(store_contact_insert(f->s, &c, "2026-03-05T00:00:00Z", NULL), IPS_OK);
	}
	assert_int_equal(derived_mismatches(f), 0);
	load(f, false, 0, 36, true);
	assert_int_equal(value(f, "SELECT count(*) FROM contact"), 48);
	assert_int_equal(derived_mismatches(f), 0);
	load(f, true, 36, 60, true);
	assert_int_equal(value(f, "SELECT count(*) FROM contact"), 108);
	assert_int_equal(derived_mismatches(f), 0);
	assert_true(value(f, "SELECT count(*) FROM tally_specialist_mode") > 0);
	assert_int_equal(value(f, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'contact' AND type = 'index'"), 5);
	assert_true(store_integrity_ok(f->s));
	/* this connection checks contact's CHECK constraints again */
	assert_int_equal(insert_bad(f), IPS_ECONSTRAINT);
}

static void test_a_discarded_load_leaves_nothing(void **state)
{
	struct fx *f = *state;
	load(f, true, 0, 30, false);
	assert_int_equal(value(f, "SELECT count(*) FROM contact"), 0);
	assert_int_equal(value(f, "SELECT count(*) FROM tally_staff_day"), 0);
	assert_int_equal(value(f, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'contact' AND type = 'index'"), 5);
	assert_int_equal(value(f, "SELECT count(*) FROM sqlite_schema WHERE name IN "
				  "('contact_firsts_insert', 'contact_tally_insert')"), 2);
	assert_int_equal(insert_bad(f), IPS_ECONSTRAINT);
}

static void test_a_load_never_finished_still_ends_with_checks_on(void **state)
{
	struct fx *f = *state;
	struct ic_deferred *d = NULL;
	assert_int_equal(store_bulk(f->s, true), IPS_OK);
	assert_int_equal(store_begin(f->s), IPS_OK);
	assert_int_equal(store_ic_defer(f->s, f->a, true, &d), IPS_OK);
	struct contact c = contact_of(f, "L1", 0, 0);
	assert_int_equal(store_ic_contact_insert(d, &c, "2026-03-05T00:00:00Z", NULL), IPS_OK);
	assert_int_equal(store_rollback(f->s), IPS_OK);
	assert_int_equal(store_bulk(f->s, false), IPS_OK);
	assert_int_equal(insert_bad(f), IPS_ECONSTRAINT);
	assert_int_equal(value(f, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'contact' AND type = 'index'"), 5);
	assert_int_equal(value(f, "SELECT count(*) FROM contact"), 0);
	store_ic_restore(d, false);   /* frees the notes */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_kept_load_adds_what_the_triggers_would_have, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_discarded_load_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_load_never_finished_still_ends_with_checks_on, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
