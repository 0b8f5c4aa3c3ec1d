/* store/referrals.c — referrals, the team leader's inbox, allocation, closure and
 * caseloads (open referrals allocated to a specialist). */
#include <stdlib.h>
#include <string.h>
#include "store/db.h"
#include "util/arena.h"

int store_referral_insert(struct store *s, const struct referral *in, const char *now, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(s,
		"INSERT INTO referral(id, ref, client_id, team_id, received_on, source, specialist_id, "
		"employment_status, closed_on, close_reason, allocated_on, referrer_name, "
		"referrer_contact, reason, next_step, possible_duplicate, created_at, updated_at) "
		"SELECT n, coalesce(?1, 'ipsdesk-referral-' || n), ?2, ?3, ?4, ?5, ?6, coalesce(?7, 'ZZ'), "
		"?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16 "
		"FROM (SELECT coalesce(max(id), 0) + 1 AS n FROM referral)");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, in->ref);
	sqlite3_bind_int64(st, 2, in->client_id);
	sqlite3_bind_int64(st, 3, in->team_id);
	db_bind_text(st, 4, in->received_on);
	db_bind_text(st, 5, in->source);
	db_bind_id(st, 6, in->specialist_id);
	db_bind_text(st, 7, in->employment_status);
	db_bind_text(st, 8, in->closed_on);
	db_bind_text(st, 9, in->close_reason);
	db_bind_text(st, 10, in->allocated_on);
	db_bind_text(st, 11, in->referrer_name);
	db_bind_text(st, 12, in->referrer_contact);
	db_bind_text(st, 13, in->reason);
	db_bind_text(st, 14, in->next_step);
	sqlite3_bind_int(st, 15, in->possible_duplicate);
	db_bind_text(st, 16, now);
	int rc = db_done(s, st);
	if (rc == IPS_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

#define REFERRAL_SELECT \
	"SELECT r.id, r.client_id, r.team_id, r.specialist_id, r.ref, r.received_on, r.source, " \
	"r.employment_status, r.closed_on, r.close_reason, r.allocated_on, r.referrer_name, " \
	"r.referrer_contact, r.reason, r.next_step, r.created_at, r.possible_duplicate, " \
	"t.site_id, t.name, f.name, c.given_name, c.family_name " \
	"FROM referral r JOIN team t ON t.id = r.team_id JOIN client c ON c.id = r.client_id " \
	"LEFT JOIN staff f ON f.id = r.specialist_id "

void db_referral_cols(struct arena *a, sqlite3_stmt *st, struct referral *o)
{
	o->id = sqlite3_column_int64(st, 0);
	o->client_id = sqlite3_column_int64(st, 1);
	o->team_id = sqlite3_column_int64(st, 2);
	o->specialist_id = db_col_id(st, 3);
	o->ref = db_col_text(a, st, 4);
	o->received_on = db_col_text(a, st, 5);
	o->source = db_col_text(a, st, 6);
	o->employment_status = db_col_text(a, st, 7);
	o->closed_on = db_col_text(a, st, 8);
	o->close_reason = db_col_text(a, st, 9);
	o->allocated_on = db_col_text(a, st, 10);
	o->referrer_name = db_col_text(a, st, 11);
	o->referrer_contact = db_col_text(a, st, 12);
	o->reason = db_col_text(a, st, 13);
	o->next_step = db_col_text(a, st, 14);
	o->created_at = db_col_text(a, st, 15);
	o->possible_duplicate = sqlite3_column_int(st, 16) != 0;
	o->site_id = sqlite3_column_int64(st, 17);
	o->team_name = db_col_text(a, st, 18);
	o->specialist_name = db_col_text(a, st, 19);
}

static void referral_row(struct arena *a, sqlite3_stmt *st, struct referral *o)
{
	db_referral_cols(a, st, o);
	o->given_name = db_col_text(a, st, 20);
	o->family_name = db_col_text(a, st, 21);
}

static int referral_list(struct store *s, struct arena *a, sqlite3_stmt *st,
			 struct referral **out, size_t *n)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		referral_row(a, st, db_push(a, (void **)out, n, &cap, sizeof **out));
	return db_finish(s, st, rc);
}

int store_referral_get(struct store *s, struct arena *a, int64_t id, struct referral *out)
{
	sqlite3_stmt *st = db_stmt(s, REFERRAL_SELECT "WHERE r.id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		referral_row(a, st, out);
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

int store_referrals_of_client(struct store *s, struct arena *a, int64_t client_id,
			      struct referral **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s, REFERRAL_SELECT
		"WHERE r.client_id = ?1 ORDER BY r.received_on DESC, r.id DESC");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, client_id);
	return referral_list(s, a, st, out, n);
}

/* Oldest first: by date received, then id. */
static int waiting_order(const void *pa, const void *pb)
{
	const struct referral *a = pa, *b = pb;
	int c = strcmp(a->received_on, b->received_on);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

int store_referrals_waiting(struct store *s, struct arena *a, int64_t site_id, int64_t team_id,
			    struct referral **out, size_t *n)
{
	/* what the inbox shows of each, not the whole referral (none has a specialist, nor is
	 * closed); sorted here, not by SQLite's sorter, which cost a third of the query */
	sqlite3_stmt *st = db_stmt(s,
		"SELECT r.id, r.client_id, r.team_id, r.received_on, r.source, r.possible_duplicate, "
		"t.site_id, t.name, c.given_name, c.family_name "
		"FROM referral r JOIN team t ON t.id = r.team_id JOIN client c ON c.id = r.client_id "
		"WHERE r.closed_on IS NULL AND r.specialist_id IS NULL "
		"AND (?1 IS NULL OR t.site_id = ?1) AND (?2 IS NULL OR r.team_id = ?2)");
	if (!st)
		return IPS_EIO;
	db_bind_id(st, 1, site_id);
	db_bind_id(st, 2, team_id);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct referral *o = db_push(a, (void **)out, n, &cap, sizeof **out);
		o->id = sqlite3_column_int64(st, 0);
		o->client_id = sqlite3_column_int64(st, 1);
		o->team_id = sqlite3_column_int64(st, 2);
		o->received_on = db_col_text(a, st, 3);
		o->source = db_col_text(a, st, 4);
		o->possible_duplicate = sqlite3_column_int(st, 5) != 0;
		o->site_id = sqlite3_column_int64(st, 6);
		o->team_name = db_col_text(a, st, 7);
		o->given_name = db_col_text(a, st, 8);
		o->family_name = db_col_text(a, st, 9);
	}
	if ((rc = db_finish(s, st, rc)) != IPS_OK)
		return rc;
	if (*n > 1)
		qsort(*out, *n, sizeof **out, waiting_order);
	return IPS_OK;
}

static int update_one(struct store *s, sqlite3_stmt *st)
{
	int rc = db_done(s, st);
	if (rc == IPS_OK && sqlite3_changes(s->db) == 0)
		return IPS_ENOTFOUND;
	return rc;
}

int store_referral_allocate(struct store *s, int64_t id, int64_t specialist_id,
			    const char *on, const char *now)
{
	sqlite3_stmt *st = db_stmt(s, "UPDATE referral SET specialist_id = ?2, allocated_on = ?3, "
				      "updated_at = ?4 WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	db_bind_id(st, 2, specialist_id);
	db_bind_text(st, 3, on);
	db_bind_text(st, 4, now);
	return update_one(s, st);
}

int store_referral_close(struct store *s, int64_t id, const char *closed_on,
			 const char *reason, const char *now)
{
	sqlite3_stmt *st = db_stmt(s, "UPDATE referral SET closed_on = ?2, close_reason = ?3, "
				      "updated_at = ?4 WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, closed_on);
	db_bind_text(st, 3, reason);
	db_bind_text(st, 4, now);
	return update_one(s, st);
}

int store_referral_set_team(struct store *s, int64_t id, int64_t team_id, const char *now)
{
	sqlite3_stmt *st = db_stmt(s, "UPDATE referral SET team_id = ?2, updated_at = ?3 WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, team_id);
	db_bind_text(st, 3, now);
	return update_one(s, st);
}

int store_referral_set_next_step(struct store *s, int64_t id, const char *next_step, const char *now)
{
	sqlite3_stmt *st = db_stmt(s, "UPDATE referral SET next_step = ?2, updated_at = ?3 WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, next_step);
	db_bind_text(st, 3, now);
	return update_one(s, st);
}

/* SQLite's NOCASE: ASCII letters folded, every other byte as it is. */
static int nocase_cmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
	for (;; x++, y++) {
		int cx = *x >= 'A' && *x <= 'Z' ? *x + 32 : *x;
		int cy = *y >= 'A' && *y <= 'Z' ? *y + 32 : *y;
		if (cx != cy || !cx)
			return cx - cy;
	}
}

/* Family name, given name (as COLLATE NOCASE), then referral. */
static int caseload_order(const void *pa, const void *pb)
{
	const struct caseload_row *a = pa, *b = pb;
	int c = nocase_cmp(a->family_name, b->family_name);
	if (!c)
		c = nocase_cmp(a->given_name, b->given_name);
	return c ? c : (a->referral_id > b->referral_id) - (a->referral_id < b->referral_id);
}

int store_caseload(struct store *s, struct arena *a, int64_t specialist_id, const char *today,
		   struct caseload_row **out, size_t *n)
{
	/* sorted here, not by SQL: a sorter costs a sixth of the page's instructions; the
	 * newest contact by a descending seek, which as max() costs half as much again */
	sqlite3_stmt *st = db_stmt(s,
		"SELECT r.id, r.client_id, r.specialist_id, c.given_name, c.family_name, r.received_on, "
		"r.allocated_on, (SELECT k.date FROM contact k WHERE k.referral_id = r.id "
		"                 ORDER BY k.date DESC LIMIT 1), r.next_step, "
		"r.first_direct_on IS NOT NULL "
		"FROM referral r JOIN client c ON c.id = r.client_id "
		"WHERE r.specialist_id = ?1 AND r.closed_on IS NULL");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, specialist_id);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct caseload_row *o = db_push(a, (void **)out, n, &cap, sizeof **out);
		o->referral_id = sqlite3_column_int64(st, 0);
		o->client_id = sqlite3_column_int64(st, 1);
		o->specialist_id = sqlite3_column_int64(st, 2);
		o->given_name = db_col_text(a, st, 3);
		o->family_name = db_col_text(a, st, 4);
		o->received_on = db_col_text(a, st, 5);
		o->allocated_on = db_col_text(a, st, 6);
		o->last_contact = db_col_text(a, st, 7);
		o->next_step = db_col_text(a, st, 8);
		o->had_direct_contact = sqlite3_column_int(st, 9) != 0;
	}
	if ((rc = db_finish(s, st, rc)) != IPS_OK)
		return rc;
	/* who is in work today (a job on any of their referrals, begun and not ended), for
	 * the whole caseload in one statement, not as a correlated EXISTS started again on
	 * each row (3% of the page's instructions saved) */
	st = db_stmt(s, "SELECT r2.client_id FROM referral r JOIN referral r2 ON r2.client_id = r.client_id "
			"JOIN job j ON j.referral_id = r2.id WHERE r.specialist_id = ?1 AND r.closed_on IS NULL "
			"AND j.started_on <= ?2 AND (j.ended_on IS NULL OR j.ended_on > ?2)");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, specialist_id);
	db_bind_text(st, 2, today);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t client = sqlite3_column_int64(st, 0);
		for (size_t i = 0; i < *n; i++)
			if ((*out)[i].client_id == client)
				(*out)[i].in_work = true;
	}
	if ((rc = db_finish(s, st, rc)) != IPS_OK)
		return rc;
	if (*n > 1)
		qsort(*out, *n, sizeof **out, caseload_order);
	return IPS_OK;
}

int store_caseload_sizes(struct store *s, struct arena *a, int64_t site_id,
			 struct specialist_load **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT f.id, f.team_id, t.site_id, f.code, f.name, f.role, t.name, f.fte, "
		"EXISTS (SELECT 1 FROM account a WHERE a.staff_id = f.id), "
		"(SELECT count(DISTINCT r.client_id) FROM referral r "
		"  WHERE r.specialist_id = f.id AND r.closed_on IS NULL) "
		"FROM staff f JOIN team t ON t.id = f.team_id "
		"WHERE f.role = 'specialist' AND (?1 IS NULL OR t.site_id = ?1) "
		"ORDER BY t.name, f.name, f.id");
	if (!st)
		return IPS_EIO;
	db_bind_id(st, 1, site_id);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct specialist_load *o = db_push(a, (void **)out, n, &cap, sizeof **out);
		o->staff.id = sqlite3_column_int64(st, 0);
		o->staff.team_id = db_col_id(st, 1);
		o->staff.site_id = db_col_id(st, 2);
		o->staff.code = db_col_text(a, st, 3);
		o->staff.name = db_col_text(a, st, 4);
		o->staff.role = db_col_text(a, st, 5);
		o->staff.team_name = db_col_text(a, st, 6);
		o->staff.fte = sqlite3_column_int(st, 7);
		o->staff.has_account = sqlite3_column_int(st, 8) != 0;
		o->people = sqlite3_column_int(st, 9);
	}
	return db_finish(s, st, rc);
}

int store_caseload_move(struct store *s, int64_t from, int64_t to, const char *on,
			const char *now, int *moved)
{
	sqlite3_stmt *st = db_stmt(s, "UPDATE referral SET specialist_id = ?2, allocated_on = ?3, "
				      "updated_at = ?4 WHERE specialist_id = ?1 AND closed_on IS NULL");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	db_bind_text(st, 3, on);
	db_bind_text(st, 4, now);
	int rc = db_done(s, st);
	*moved = rc == IPS_OK ? sqlite3_changes(s->db) : 0;
	return rc;
}

int store_handover_insert(struct store *s, int64_t from, int64_t to, int people,
			  const char *note, int64_t account_id, const char *now)
{
	sqlite3_stmt *st = db_stmt(s, "INSERT INTO handover(from_staff, to_staff, people, note, "
				      "by_account, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	sqlite3_bind_int(st, 3, people);
	db_bind_text(st, 4, note);
	sqlite3_bind_int64(st, 5, account_id);
	db_bind_text(st, 6, now);
	return db_done(s, st);
}

int store_site_counts(struct store *s, struct arena *a, struct site_counts **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT s.id, s.code, s.name, "
		"(SELECT count(*) FROM referral r JOIN team t ON t.id = r.team_id "
		"  WHERE t.site_id = s.id AND r.closed_on IS NULL), "
		"(SELECT count(*) FROM referral r JOIN team t ON t.id = r.team_id "
		"  WHERE t.site_id = s.id AND r.closed_on IS NULL AND r.specialist_id IS NULL), "
		"(SELECT count(DISTINCT r.client_id) FROM referral r JOIN team t ON t.id = r.team_id "
		"  WHERE t.site_id = s.id AND r.closed_on IS NULL AND r.specialist_id IS NOT NULL), "
		"(SELECT count(*) FROM staff f JOIN team t ON t.id = f.team_id "
		"  WHERE t.site_id = s.id AND f.role = 'specialist') "
		"FROM site s ORDER BY s.name, s.id");
	if (!st)
		return IPS_EIO;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct site_counts *o = db_push(a, (void **)out, n, &cap, sizeof **out);
		o->site.id = sqlite3_column_int64(st, 0);
		o->site.code = db_col_text(a, st, 1);
		o->site.name = db_col_text(a, st, 2);
		o->open_referrals = sqlite3_column_int(st, 3);
		o->waiting = sqlite3_column_int(st, 4);
		o->on_caseload = sqlite3_column_int(st, 5);
		o->specialists = sqlite3_column_int(st, 6);
	}
	return db_finish(s, st, rc);
}
