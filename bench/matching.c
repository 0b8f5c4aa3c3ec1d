/* bench/matching.c — how long matching takes (issue 3): app_matches_for_person (the
 * top MATCH_SHOWN of a site's open vacancies for one person, with reasons) and
 * app_matches_for_vacancy (the top people of the site for one vacancy), called as the
 * web pages call them, against the floor: one indexed SQLite query that only filters
 * the same candidates (no scoring), stepped to the last row. Both use cases audit the
 * view in a transaction of their own, which is part of their cost; that commit is
 * also timed on its own. A benchmark, not part of ipsdesk: it reads the database
 * through a second, read-only connection to pick its subjects and run the floor.
 *
 *   matching DB [REPS]    DB made by `ipsdesk demo` (bench/matching.sh); REPS default 200
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sqlite3.h>
#include "cli/cli.h"
#include "util/arena.h"

#define SUBJECTS 50   /* people and vacancies taken in turn, so no one answer stays cached */

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* CPU time of this thread: what a call costs when it is not kept waiting for a CPU
 * (the machine may be shared) or for the disk. */
static double cpu_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double *tc;   /* the CPU times of the runs in t, by index */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Prints the median and 90th percentile of the wall times v and the median of the CPU
 * times tc under name. Returns the median wall time; *cpu gets the CPU median. */
static double report(const char *name, double *v, int n, const char *what, double *cpu)
{
	double med = median(v, n);
	*cpu = median(tc, n);
	printf("  %-42s median %7.2f ms  p90 %7.2f ms  CPU median %7.2f ms  (%s)\n", name, med, v[n * 9 / 10],
	       *cpu, what);
	return med;
}

static void die(const char *what, sqlite3 *db)
{
	fprintf(stderr, "matching: %s: %s\n", what, db ? sqlite3_errmsg(db) : "failed");
	exit(1);
}

/* The ids the first column of q (one integer parameter) returns, at most max. */
static int ids(sqlite3 *db, const char *q, int64_t param, int64_t *out, int max)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK)
		die("prepare", db);
	sqlite3_bind_int64(st, 1, param);
	int n = 0;
	while (n < max && sqlite3_step(st) == SQLITE_ROW)
		out[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The floor: steps q (site ?1, today ?2) to the end reading every column, as the
 * matching reads do. Returns the rows. */
static volatile int64_t sink;   /* keeps the column reads from being optimised away */

static int floor_run(sqlite3 *db, sqlite3_stmt *st, int64_t site, const char *today)
{
	sqlite3_bind_int64(st, 1, site);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_text(st, 2, today, -1, SQLITE_STATIC);
	int rows = 0, cols = sqlite3_column_count(st);
	int64_t sum = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < cols; i++)
			sum += sqlite3_column_type(st, i) == SQLITE_TEXT ? (int64_t)sqlite3_column_bytes(st, i)
									  : sqlite3_column_int64(st, i);
		rows++;
	}
	if (rc != SQLITE_DONE)
		die("floor query", db);
	sqlite3_reset(st);
	sink = sum;
	return rows;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: matching DB [REPS]\n");
		return 2;
	}
	int reps = argc == 3 ? atoi(argv[2]) : 200;
	if (reps < 10)
		reps = 10;
	struct cli_ctx c;
	if (!cli_open(&c, argv[1]))
		return 1;
	c.app.request_id = "bench";
	sqlite3 *db;
	/* read as store/db.c reads: through a memory map */
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA mmap_size = 1073741824", NULL, NULL, NULL) != SQLITE_OK)
		die("open", db);

	/* the team leader of the first site: matching sees every open referral there */
	int64_t leader_account;
	if (ids(db, "SELECT a.id FROM account a JOIN staff s ON s.id = a.staff_id JOIN team t ON t.id = s.team_id "
		    "WHERE s.role = 'team_leader' AND a.disabled = 0 AND t.site_id = ?1 ORDER BY a.id",
		    1, &leader_account, 1) != 1)
		die("no team leader at site 1", NULL);
	struct actor leader;
	if (!app_actor_load(&c.app, leader_account, &leader))
		die("the team leader could not be loaded", NULL);
	const char *today = c.app.today_iso;

	int64_t people[SUBJECTS], vacancies[SUBJECTS];
	int np = ids(db, "SELECT c.id FROM client c JOIN client_profile p ON p.client_id = c.id "
			 "WHERE c.site_id = ?1 AND p.job_type_codes IS NOT NULL AND EXISTS (SELECT 1 FROM referral r "
			 "WHERE r.client_id = c.id AND r.closed_on IS NULL AND r.specialist_id IS NOT NULL) "
			 "ORDER BY c.id", leader.site_id, people, SUBJECTS);
	int nv = ids(db, "SELECT id FROM vacancy WHERE site_id = ?1 AND status = 'open' AND closing_on > date('now') "
			 "ORDER BY id", leader.site_id, vacancies, SUBJECTS);
	if (np == 0 || nv == 0)
		die("no people with a profile, or no open vacancies, at site 1", NULL);

	sqlite3_stmt *fv, *fp, *fc;
	/* the same filter as store_match_vacancies, on the same index (vacancy_site_open) */
	if (sqlite3_prepare_v2(db, "SELECT id, job_type, postcode, conditions, closing_on, hours_min, hours_max, "
				   "hourly_pay FROM vacancy WHERE site_id = ?1 AND status = 'open' "
				   "AND (closing_on IS NULL OR closing_on >= ?2)", -1, &fv, NULL) != SQLITE_OK)
		die("prepare", db);
	/* what app_matches_for_vacancy ranks, as store_match_people reads it for a team
	 * leader: everyone with an open referral at the site, from match_person (010) */
	if (sqlite3_prepare_v2(db, "SELECT client_id, postcode, job_type_codes, avoid, hours_min, hours_max, "
				   "travel_miles, pay_min FROM match_person WHERE site_id = ?1", -1, &fp, NULL) != SQLITE_OK)
		die("prepare", db);
	/* the same people as store_match_people read them before match_person: the site's
	 * teams, their open referrals, then the client and the profile by their keys */
	if (sqlite3_prepare_v2(db, "SELECT c.id, c.postcode, p.job_type_codes, p.avoid, p.hours_min, p.hours_max, "
				   "p.travel_miles, p.pay_min FROM team t JOIN referral r ON r.team_id = t.id "
				   "AND r.closed_on IS NULL JOIN client c ON c.id = r.client_id "
				   "LEFT JOIN client_profile p ON p.client_id = c.id WHERE t.site_id = ?1",
				   -1, &fc, NULL) != SQLITE_OK)
		die("prepare", db);

	int site_people = 0, profiled = 0;
	int64_t one;
	if (ids(db, "SELECT count(*) FROM client WHERE site_id = ?1", leader.site_id, &one, 1) == 1)
		site_people = (int)one;
	if (ids(db, "SELECT count(*) FROM client c JOIN client_profile p ON p.client_id = c.id WHERE c.site_id = ?1",
		leader.site_id, &one, 1) == 1)
		profiled = (int)one;
	int open_vacancies = floor_run(db, fv, leader.site_id, today);
	int candidates = floor_run(db, fp, leader.site_id, today);
	int joined = floor_run(db, fc, leader.site_id, today);
	if (joined != candidates)   /* a person with two open referrals is one row of match_person */
		printf("(the joined query returns %d rows for the %d people)\n", joined, candidates);
	printf("site %" PRId64 ": %d people (%d with a vocational profile, %d with an open referral, who are "
	       "ranked), %d open vacancies not past their closing date; %d repetitions, %s\n",
	       leader.site_id, site_people, profiled, candidates, open_vacancies, reps, argv[1]);

	double *t = malloc((size_t)reps * sizeof *t);
	tc = malloc((size_t)reps * sizeof *tc);
	if (!t || !tc)
		die("out of memory", NULL);
	struct client person;
	struct vacancy vacancy;
	struct vacancy_match *vm;
	struct person_match *pm;
	size_t n;

	/* warm the page cache and the statements */
	for (int i = 0; i < 5; i++) {
		arena_reset(c.app.arena);
		app_matches_for_person(&c.app, &leader, people[i % np], &person, &vm, &n);
		arena_reset(c.app.arena);
		app_matches_for_vacancy(&c.app, &leader, vacancies[i % nv], &vacancy, &pm, &n);
		floor_run(db, fv, leader.site_id, today);
		floor_run(db, fp, leader.site_id, today);
	}

	printf("vacancies for one person (top %d with reasons):\n", MATCH_SHOWN);
	for (int i = 0; i < reps; i++) {
		arena_reset(c.app.arena);
		double t0 = now_ms(), c0 = cpu_ms();
		struct result r = app_matches_for_person(&c.app, &leader, people[i % np], &person, &vm, &n);
		t[i] = now_ms() - t0;
		tc[i] = cpu_ms() - c0;
		if (!result_ok(&r) || n != MATCH_SHOWN || !vm[0].reason)
			die("app_matches_for_person did not return a full list with reasons", NULL);
	}
	double cmp_, cfv, cmv, cfp, cfc, cau;
	double mp = report("app_matches_for_person", t, reps, "audited", &cmp_);
	for (int i = 0; i < reps; i++) {
		double t0 = now_ms(), c0 = cpu_ms();
		floor_run(db, fv, leader.site_id, today);
		t[i] = now_ms() - t0;
		tc[i] = cpu_ms() - c0;
	}
	double fvm = report("filter-only query, open vacancies", t, reps, "no scoring", &cfv);

	printf("people for one vacancy (top %d with reasons):\n", MATCH_SHOWN);
	for (int i = 0; i < reps; i++) {
		arena_reset(c.app.arena);
		double t0 = now_ms(), c0 = cpu_ms();
		struct result r = app_matches_for_vacancy(&c.app, &leader, vacancies[i % nv], &vacancy, &pm, &n);
		t[i] = now_ms() - t0;
		tc[i] = cpu_ms() - c0;
		if (!result_ok(&r) || n != MATCH_SHOWN || !pm[0].reason)
			die("app_matches_for_vacancy did not return a full list with reasons", NULL);
	}
	double mv = report("app_matches_for_vacancy", t, reps, "audited", &cmv);
	for (int i = 0; i < reps; i++) {
		double t0 = now_ms(), c0 = cpu_ms();
		floor_run(db, fp, leader.site_id, today);
		t[i] = now_ms() - t0;
		tc[i] = cpu_ms() - c0;
	}
	double fpm = report("filter-only query, match_person", t, reps, "no scoring", &cfp);
	for (int i = 0; i < reps; i++) {
		double t0 = now_ms(), c0 = cpu_ms();
		floor_run(db, fc, leader.site_id, today);
		t[i] = now_ms() - t0;
		tc[i] = cpu_ms() - c0;
	}
	double fcm = report("the joined query (as before match_person)", t, reps, "no scoring", &cfc);

	/* the audit entry alone, as both use cases write it (app/scope.c, audit_read) */
	printf("the audit entry of a view alone:\n");
	for (int i = 0; i < reps; i++) {
		arena_reset(c.app.arena);
		double t0 = now_ms(), c0 = cpu_ms();
		int rc = store_begin_lazy(c.app.store);   /* as audit_read: no wait for the disk */
		if (rc == IPS_OK)
			rc = app_audit(&c.app, &leader, "client.view", "client", people[i % np], "matches");
		rc = rc == IPS_OK ? store_commit(c.app.store) : (store_rollback(c.app.store), rc);
		t[i] = now_ms() - t0;
		tc[i] = cpu_ms() - c0;
		if (rc != IPS_OK)
			die("audit", NULL);
	}
	double au = report("audit entry in its own transaction", t, reps, "commit", &cau);

	printf("ratios (wall; CPU): vacancies for a person %.1fx; %.1fx the filter-only query; people for a "
	       "vacancy %.1fx; %.1fx the filter-only query (%.1fx; %.1fx the joined query); the audit entry "
	       "%.0f%% and %.0f%% of their wall time\n",
	       mp / fvm, cmp_ / cfv, mv / fpm, cmv / cfp, mv / fcm, cmv / cfc, 100 * au / mp, 100 * au / mv);
	printf("target (issue 3), under 10 ms each (wall median): %s, %s\n", mp < 10 ? "met" : "MISSED",
	       mv < 10 ? "met" : "MISSED");

	free(t);
	free(tc);
	sqlite3_finalize(fv);
	sqlite3_finalize(fp);
	sqlite3_finalize(fc);
	sqlite3_close(db);
	cli_close(&c);
	return 0;
}
