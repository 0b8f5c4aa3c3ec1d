/* store/listing.c — paged lists for the JSON API's incremental sync: rows after a
 * cursor (an id), in id order, optionally only those changed since a time, filtered by
 * site, team or person. Scope is decided in app/; here the filters are only applied.
 * Every statement takes the same numbered parameters (bind_page). */
#include <string.h>
#include "store/db.h"
#include "util/arena.h"

void db_bind_page(sqlite3_stmt *st, const struct page_query *q)
{
	sqlite3_bind_int64(st, 1, q->after_id);
	sqlite3_bind_int64(st, 2, q->site_id);
	sqlite3_bind_int64(st, 3, q->team_id);
	sqlite3_bind_int64(st, 4, q->client_id);
	db_bind_text(st, 5, q->changed_since);
	sqlite3_bind_int(st, 6, q->limit);
}

int store_clients_page(struct store *s, struct arena *a, const struct page_query *q,
		       struct client_row **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT c.id, c.ref, c.site_id, c.nhs_number, c.given_name, c.family_name, c.birth_date, "
		"c.postcode, c.gender, c.ethnic_category, c.phone, c.email, c.address, c.care_coordinator, "
		"c.consent_on, c.consent_contact_employers, c.consent_note, c.created_at, c.updated_at, "
		"s.name, s.code, max(c.updated_at, coalesce(p.updated_at, ''), "
		"  coalesce((SELECT max(r.updated_at) FROM referral r WHERE r.client_id = c.id), '')) AS changed_at "
		"FROM client c JOIN site s ON s.id = c.site_id LEFT JOIN client_profile p ON p.client_id = c.id "
		"WHERE c.id > ?1 AND (?2 = 0 OR c.site_id = ?2) "
		"AND (?3 = 0 OR EXISTS (SELECT 1 FROM referral t WHERE t.client_id = c.id AND t.team_id = ?3)) "
		"AND (?4 = 0 OR c.id = ?4) AND (?5 IS NULL OR changed_at >= ?5) "
		"ORDER BY c.id LIMIT ?6");
	*out = NULL;
	*n = 0;
	if (!st)
		return IPS_EIO;
	db_bind_page(st, q);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct client_row *row = db_push(a, (void **)out, n, &cap, sizeof **out);
		struct client *o = &row->client;
		db_client_cols(a, st, o);
		row->site_code = db_col_text(a, st, 20);
		row->changed_at = db_col_text(a, st, 21);
	}
	return db_finish(s, st, rc);
}

int store_referrals_page(struct store *s, struct arena *a, const struct page_query *q,
			 struct referral_row **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT r.id, r.client_id, r.team_id, r.specialist_id, r.ref, r.received_on, r.source, "
		"r.employment_status, r.closed_on, r.close_reason, r.allocated_on, r.referrer_name, "
		"r.referrer_contact, r.reason, r.next_step, r.created_at, r.possible_duplicate, c.site_id, "
		"t.name, f.name, c.ref, t.code, f.code, r.first_direct_on, r.updated_at "
		"FROM referral r JOIN client c ON c.id = r.client_id JOIN team t ON t.id = r.team_id "
		"LEFT JOIN staff f ON f.id = r.specialist_id "
		"WHERE r.id > ?1 AND (?2 = 0 OR c.site_id = ?2) AND (?3 = 0 OR r.team_id = ?3) "
		"AND (?4 = 0 OR r.client_id = ?4) AND (?5 IS NULL OR r.updated_at >= ?5) "
		"ORDER BY r.id LIMIT ?6");
	*out = NULL;
	*n = 0;
	if (!st)
		return IPS_EIO;
	db_bind_page(st, q);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct referral_row *row = db_push(a, (void **)out, n, &cap, sizeof **out);
		struct referral *o = &row->referral;
		db_referral_cols(a, st, o);
		row->client_ref = db_col_text(a, st, 20);
		row->team_code = db_col_text(a, st, 21);
		row->specialist_code = db_col_text(a, st, 22);
		row->first_direct_on = db_col_text(a, st, 23);
		row->updated_at = db_col_text(a, st, 24);
	}
	return db_finish(s, st, rc);
}

int store_contacts_page(struct store *s, struct arena *a, const struct page_query *q,
			struct contact_row **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT k.id, k.staff_id, k.referral_id, k.employer_id, k.ref, k.date, k.with_whom, k.mode, "
		"k.place, k.note, k.created_at, k.minutes, k.attended, f.name, e.name, r.ref, e.ref, f.code, "
		"coalesce(k.updated_at, k.created_at) AS changed_at "
		"FROM contact k JOIN referral r ON r.id = k.referral_id JOIN staff f ON f.id = k.staff_id "
		"LEFT JOIN employer e ON e.id = k.employer_id "
		"WHERE r.client_id = ?4 AND k.id > ?1 AND (?5 IS NULL OR changed_at >= ?5) "
		"ORDER BY k.id LIMIT ?6");
	*out = NULL;
	*n = 0;
	if (!st)
		return IPS_EIO;
	db_bind_page(st, q);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct contact_row *row = db_push(a, (void **)out, n, &cap, sizeof **out);
		struct contact *o = &row->contact;
		db_contact_cols(a, st, o);
		row->referral_ref = db_col_text(a, st, 15);
		row->employer_ref = db_col_text(a, st, 16);
		row->staff_code = db_col_text(a, st, 17);
		row->updated_at = db_col_text(a, st, 18);
	}
	return db_finish(s, st, rc);
}

int store_employers_page(struct store *s, struct arena *a, const struct page_query *q,
			 struct employer_row **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT e.id, e.site_id, e.ref, e.name, e.sector, e.address, e.postcode, e.notes, e.people, "
		"s.code, e.updated_at FROM employer e JOIN site s ON s.id = e.site_id "
		"WHERE e.id > ?1 AND (?2 = 0 OR e.site_id = ?2) AND (?5 IS NULL OR e.updated_at >= ?5) "
		"ORDER BY e.id LIMIT ?6");
	*out = NULL;
	*n = 0;
	if (!st)
		return IPS_EIO;
	db_bind_page(st, q);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct employer_row *row = db_push(a, (void **)out, n, &cap, sizeof **out);
		struct employer *o = &row->employer;
		o->id = sqlite3_column_int64(st, 0);
		o->site_id = sqlite3_column_int64(st, 1);
		o->ref = db_col_text(a, st, 2);
		o->name = db_col_text(a, st, 3);
		o->sector = db_col_text(a, st, 4);
		o->address = db_col_text(a, st, 5);
		o->postcode = db_col_text(a, st, 6);
		o->notes = db_col_text(a, st, 7);
		o->people = db_col_text(a, st, 8);
		row->site_code = db_col_text(a, st, 9);
		row->updated_at = db_col_text(a, st, 10);
	}
	return db_finish(s, st, rc);
}

int store_jobs_page(struct store *s, struct arena *a, const struct page_query *q,
		    struct job_page_row **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT j.id, j.referral_id, j.employer_id, j.ref, j.title, j.job_type, j.started_on, "
		"j.ended_on, j.end_reason, j.hours_per_week, j.hourly_wage, j.competitive, r.ref, e.ref, "
		"j.created_at, coalesce(j.updated_at, j.created_at) AS changed_at "
		"FROM job j JOIN referral r ON r.id = j.referral_id LEFT JOIN employer e ON e.id = j.employer_id "
		"WHERE r.client_id = ?4 AND j.id > ?1 AND (?5 IS NULL OR changed_at >= ?5) "
		"ORDER BY j.id LIMIT ?6");
	*out = NULL;
	*n = 0;
	if (!st)
		return IPS_EIO;
	db_bind_page(st, q);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct job_page_row *row = db_push(a, (void **)out, n, &cap, sizeof **out);
		struct job *o = &row->job;
		o->id = sqlite3_column_int64(st, 0);
		o->referral_id = sqlite3_column_int64(st, 1);
		o->employer_id = db_col_id(st, 2);
		o->ref = db_col_text(a, st, 3);
		o->title = db_col_text(a, st, 4);
		o->job_type = db_col_text(a, st, 5);
		o->started_on = db_col_text(a, st, 6);
		o->ended_on = db_col_text(a, st, 7);
		o->end_reason = db_col_text(a, st, 8);
		o->hours_per_week = sqlite3_column_int64(st, 9);
		o->hourly_wage = sqlite3_column_type(st, 10) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 10);
		o->competitive = sqlite3_column_int(st, 11) != 0;
		row->referral_ref = db_col_text(a, st, 12);
		row->employer_ref = db_col_text(a, st, 13);
		row->created_at = db_col_text(a, st, 14);
		row->updated_at = db_col_text(a, st, 15);
	}
	return db_finish(s, st, rc);
}
