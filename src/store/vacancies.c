/* store/vacancies.c — vacancies at employers: one row, the searchable list (FTS5 over
 * vacancy_fts, kept by the triggers of 004_vacancies.sql), the API's paged list, and
 * the narrow reads matching ranks in C. Never decides scope: callers pass the site. */
#include <string.h>
#include "store/db.h"
#include "util/arena.h"
#include "util/buf.h"

#define VACANCY_COLS                                                                              \
	"v.id, v.site_id, v.employer_id, v.title, v.job_type, v.job_type_title, v.hours_min, "   \
	"v.hours_max, v.hourly_pay, v.postcode, v.closing_on, v.source, v.status, v.description, " \
	"v.conditions, v.created_by, v.created_at, v.updated_at, e.name, s.code "
#define VACANCY_FROM \
	"FROM vacancy v JOIN employer e ON e.id = v.employer_id JOIN site s ON s.id = v.site_id "

static int64_t col_opt64(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, i);
}

static void bind_opt64(sqlite3_stmt *st, int i, int64_t v)
{
	if (v >= 0)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

static void vacancy_cols(struct arena *a, sqlite3_stmt *st, struct vacancy *o)
{
	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(st, 0);
	o->site_id = sqlite3_column_int64(st, 1);
	o->employer_id = sqlite3_column_int64(st, 2);
	o->title = db_col_text(a, st, 3);
	o->job_type = db_col_text(a, st, 4);
	o->job_type_title = db_col_text(a, st, 5);
	o->hours_min = col_opt64(st, 6);
	o->hours_max = col_opt64(st, 7);
	o->hourly_pay = col_opt64(st, 8);
	o->postcode = db_col_text(a, st, 9);
	o->closing_on = db_col_text(a, st, 10);
	o->source = db_col_text(a, st, 11);
	o->status = db_col_text(a, st, 12);
	o->description = db_col_text(a, st, 13);
	o->conditions = db_col_text(a, st, 14);
	o->created_by = db_col_id(st, 15);
	o->created_at = db_col_text(a, st, 16);
	o->updated_at = db_col_text(a, st, 17);
	o->employer_name = db_col_text(a, st, 18);
	o->site_code = db_col_text(a, st, 19);
}

int store_vacancy_get(struct store *s, struct arena *a, int64_t id, struct vacancy *o)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT " VACANCY_COLS VACANCY_FROM "WHERE v.id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		vacancy_cols(a, st, o);
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

/* ---- the full-text index (external content: vacancy_text) ---------------------------------
 * FTS5 forgets a row only when told the exact text it indexed, so a row's entry is
 * removed (from the view, before the change) and added again (after it). */

static int fts_remove(struct store *s, int64_t id)
{
	sqlite3_stmt *st = db_stmt(s,
		"INSERT INTO vacancy_fts(vacancy_fts, rowid, title, description, employer, job_type_title) "
		"SELECT 'delete', id, title, description, employer, job_type_title FROM vacancy_text WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	return db_done(s, st);
}

static int fts_add(struct store *s, int64_t id)
{
	sqlite3_stmt *st = db_stmt(s,
		"INSERT INTO vacancy_fts(rowid, title, description, employer, job_type_title) "
		"SELECT id, title, description, employer, job_type_title FROM vacancy_text WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	return db_done(s, st);
}

int store_vacancy_fts_employer(struct store *s, int64_t employer_id, bool add)
{
	sqlite3_stmt *st = add
		? db_stmt(s, "INSERT INTO vacancy_fts(rowid, title, description, employer, job_type_title) "
			     "SELECT t.id, t.title, t.description, t.employer, t.job_type_title "
			     "FROM vacancy v JOIN vacancy_text t ON t.id = v.id WHERE v.employer_id = ?1")
		: db_stmt(s, "INSERT INTO vacancy_fts(vacancy_fts, rowid, title, description, employer, job_type_title) "
			     "SELECT 'delete', t.id, t.title, t.description, t.employer, t.job_type_title "
			     "FROM vacancy v JOIN vacancy_text t ON t.id = v.id WHERE v.employer_id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, employer_id);
	return db_done(s, st);
}

/* ?2.. in the order of the columns every write sets. */
static void bind_fields(sqlite3_stmt *st, const struct vacancy *in, const char *now)
{
	sqlite3_bind_int64(st, 2, in->employer_id);
	db_bind_text(st, 3, in->title);
	db_bind_text(st, 4, in->job_type);
	db_bind_text(st, 5, in->job_type_title);
	bind_opt64(st, 6, in->hours_min);
	bind_opt64(st, 7, in->hours_max);
	bind_opt64(st, 8, in->hourly_pay);
	db_bind_text(st, 9, in->postcode);
	db_bind_text(st, 10, in->closing_on);
	db_bind_text(st, 11, in->source);
	db_bind_text(st, 12, in->status ? in->status : "open");
	db_bind_text(st, 13, in->description);
	db_bind_text(st, 14, in->conditions);
	db_bind_text(st, 15, now);
}

int store_vacancy_insert(struct store *s, const struct vacancy *in, const char *now, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(s,
		"INSERT INTO vacancy(site_id, employer_id, title, job_type, job_type_title, hours_min, "
		"hours_max, hourly_pay, postcode, closing_on, source, status, description, conditions, "
		"created_at, updated_at, created_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, ?16)");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, in->site_id);
	bind_fields(st, in, now);
	db_bind_id(st, 16, in->created_by);
	int rc = db_done(s, st);
	if (rc == IPS_OK) {
		*id = sqlite3_last_insert_rowid(s->db);
		rc = fts_add(s, *id);
	}
	return rc;
}

int store_vacancy_update(struct store *s, const struct vacancy *in, const char *now)
{
	sqlite3_stmt *st = db_stmt(s,
		"UPDATE vacancy SET employer_id = ?2, title = ?3, job_type = ?4, job_type_title = ?5, "
		"hours_min = ?6, hours_max = ?7, hourly_pay = ?8, postcode = ?9, closing_on = ?10, "
		"source = ?11, status = ?12, description = ?13, conditions = ?14, updated_at = ?15 "
		"WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	int rc = fts_remove(s, in->id);
	if (rc != IPS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, in->id);
	bind_fields(st, in, now);
	rc = db_done(s, st);
	if (rc == IPS_OK && sqlite3_changes(s->db) == 0)
		return IPS_ENOTFOUND;
	return rc == IPS_OK ? fts_add(s, in->id) : rc;
}

/* Words typed into a search as an FTS5 query: each a quoted prefix ("bak"*), all of them
 * needed, so nothing typed is read as FTS5 syntax. NULL when there are no words. */
static const char *fts_query(struct arena *a, const char *q)
{
	if (!q)
		return NULL;
	struct buf b = BUF_INIT;
	const char *p = q;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		if (b.len)
			buf_addc(&b, ' ');
		buf_addc(&b, '"');
		for (; *p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r'; p++) {
			if (*p == '"')
				buf_addc(&b, '"');
			buf_addc(&b, *p);
		}
		buf_adds(&b, "\"*");
	}
	const char *out = b.len ? arena_strdup(a, buf_str(&b)) : NULL;
	buf_free(&b);
	return out;
}

#define VACANCY_FILTERS                                                               \
	"v.site_id = ?1 AND (?2 IS NULL OR v.status = ?2) AND (?3 IS NULL OR v.job_type = ?3) " \
	"AND (?4 IS NULL OR v.employer_id = ?4) "                                      \
	"AND (?5 IS NULL OR v.closing_on IS NULL OR v.closing_on >= ?5) "

int store_vacancies_search(struct store *s, struct arena *a, const struct vacancy_filter *f,
			   struct vacancy **out, size_t *n, size_t *total)
{
	const char *match = fts_query(a, f->q);
	/* the last column: how many match in all, whatever the page */
	sqlite3_stmt *st = match
		? db_stmt(s, "SELECT *, count(*) OVER () FROM (SELECT " VACANCY_COLS ", "
			     "bm25(vacancy_fts, 10.0, 1.0, 5.0, 5.0) AS rank " VACANCY_FROM
			     "JOIN vacancy_fts ON vacancy_fts.rowid = v.id "
			     "WHERE vacancy_fts MATCH ?6 AND " VACANCY_FILTERS ") "
			     "ORDER BY rank, 1 LIMIT ?7 OFFSET ?8")   /* bm25 cannot be read in a window's query */
		: db_stmt(s, "SELECT " VACANCY_COLS ", count(*) OVER () " VACANCY_FROM "WHERE " VACANCY_FILTERS
			     "ORDER BY v.closing_on IS NULL, v.closing_on, v.id LIMIT ?7 OFFSET ?8");
	*out = NULL;
	*n = 0;
	*total = 0;
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, f->site_id);
	db_bind_text(st, 2, f->status);
	db_bind_text(st, 3, f->job_type);
	db_bind_id(st, 4, f->employer_id);
	db_bind_text(st, 5, f->open_on);
	if (match)
		db_bind_text(st, 6, match);
	sqlite3_bind_int(st, 7, f->limit > 0 ? f->limit : 500);
	sqlite3_bind_int64(st, 8, f->offset > 0 ? f->offset : 0);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		vacancy_cols(a, st, db_push(a, (void **)out, n, &cap, sizeof **out));
		*total = (size_t)sqlite3_column_int64(st, sqlite3_column_count(st) - 1);
	}
	return db_finish(s, st, rc);
}

int store_vacancies_page(struct store *s, struct arena *a, const struct page_query *q,
			 struct vacancy **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT " VACANCY_COLS VACANCY_FROM
		"WHERE v.id > ?1 AND (?2 = 0 OR v.site_id = ?2) AND (?3 IS NULL OR v.updated_at >= ?3) "
		"ORDER BY v.id LIMIT ?4");
	*out = NULL;
	*n = 0;
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, q->after_id);
	sqlite3_bind_int64(st, 2, q->site_id);
	db_bind_text(st, 3, q->changed_since);
	sqlite3_bind_int(st, 4, q->limit);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		vacancy_cols(a, st, db_push(a, (void **)out, n, &cap, sizeof **out));
	return db_finish(s, st, rc);
}

/* Grows an arena array to hold one more; the arrays here grow by doubling from 1024,
 * so 10,000 rows take a handful of copies rather than db_push's many. */
static void *grow(struct arena *a, void *arr, size_t n, size_t *cap, size_t sz)
{
	if (n < *cap)
		return arr;
	size_t ncap = *cap ? *cap * 2 : 1024;
	void *bigger = arena_alloc(a, ncap * sz);
	if (n)
		memcpy(bigger, arr, n * sz);
	*cap = ncap;
	return bigger;
}

int store_match_vacancies(struct store *s, struct arena *a, int64_t site_id, const char *today,
			  struct match_vacancy_row **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT id, job_type, postcode, conditions, closing_on, hours_min, hours_max, hourly_pay "
		"FROM vacancy WHERE site_id = ?1 AND status = 'open' "
		"AND (closing_on IS NULL OR closing_on >= ?2)");
	*out = NULL;
	*n = 0;
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, site_id);
	db_bind_text(st, 2, today);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = grow(a, *out, *n, &cap, sizeof **out);
		struct match_vacancy_row *o = &(*out)[(*n)++];
		o->id = sqlite3_column_int64(st, 0);
		o->job_type = db_col_text(a, st, 1);
		o->postcode = db_col_text(a, st, 2);
		o->conditions = db_col_text(a, st, 3);
		o->closing_on = db_col_text(a, st, 4);
		o->hours_min = col_opt64(st, 5);
		o->hours_max = col_opt64(st, 6);
		o->hourly_pay = col_opt64(st, 7);
	}
	return db_finish(s, st, rc);
}

int store_match_people(struct store *s, struct arena *a, int64_t site_id, int64_t specialist_id,
		       struct match_person_row **out, size_t *n)
{
	/* match_person (010_match_person.sql) holds each person once per site, clustered on
	 * (site_id, client_id): the whole site is one ordered pass over it. A specialist's
	 * caseload comes from their open referrals (referral_specialist), each then one
	 * look-up by the key. */
	sqlite3_stmt *st = specialist_id
		? db_stmt(s, "SELECT client_id, postcode, job_type_codes, avoid, hours_min, hours_max, "
			     "travel_miles, pay_min FROM match_person WHERE site_id = ?1 AND client_id IN "
			     "(SELECT r.client_id FROM referral r JOIN team t ON t.id = r.team_id "
			     " WHERE r.specialist_id = ?2 AND r.closed_on IS NULL AND t.site_id = ?1)")
		: db_stmt(s, "SELECT client_id, postcode, job_type_codes, avoid, hours_min, hours_max, "
			     "travel_miles, pay_min FROM match_person WHERE site_id = ?1");
	*out = NULL;
	*n = 0;
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, site_id);
	if (specialist_id)
		sqlite3_bind_int64(st, 2, specialist_id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = grow(a, *out, *n, &cap, sizeof **out);
		struct match_person_row *o = &(*out)[(*n)++];
		memset(o, 0, sizeof *o);
		o->client_id = sqlite3_column_int64(st, 0);
		o->postcode = db_col_text(a, st, 1);
		o->job_type_codes = db_col_text(a, st, 2);
		o->avoid = db_col_text(a, st, 3);
		o->hours_min = db_col_opt_int(st, 4);
		o->hours_max = db_col_opt_int(st, 5);
		o->travel_miles = db_col_opt_int(st, 6);
		o->pay_min = col_opt64(st, 7);
	}
	return db_finish(s, st, rc);
}

int store_match_people_names(struct store *s, struct arena *a, struct match_person_row *rows, size_t n)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT given_name, family_name FROM client WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, rows[i].client_id);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			rows[i].given_name = db_col_text(a, st, 0);
			rows[i].family_name = db_col_text(a, st, 1);
		}
		int r = db_finish(s, st, rc == SQLITE_ROW ? SQLITE_DONE : rc);
		if (r)
			return r;
	}
	return IPS_OK;
}
