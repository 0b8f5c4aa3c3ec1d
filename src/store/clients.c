/* store/clients.c — people (clients in the data model), their vocational profile and
 * the duplicate check made at intake. */
#include <string.h>
#include "store/db.h"
#include "util/arena.h"

static void client_bind(sqlite3_stmt *st, const struct client *in)
{
	db_bind_text(st, 2, in->nhs_number);
	db_bind_text(st, 3, in->given_name);
	db_bind_text(st, 4, in->family_name);
	db_bind_text(st, 5, in->birth_date);
	db_bind_text(st, 6, in->postcode);
	db_bind_text(st, 7, in->gender);
	db_bind_text(st, 8, in->ethnic_category);
	db_bind_text(st, 9, in->phone);
	db_bind_text(st, 10, in->email);
	db_bind_text(st, 11, in->address);
	db_bind_text(st, 12, in->care_coordinator);
	db_bind_text(st, 13, in->consent_on);
	db_bind_opt_int(st, 14, in->consent_contact_employers);
	db_bind_text(st, 15, in->consent_note);
}

int store_client_insert(struct store *s, const struct client *in, const char *now, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(s,
		"INSERT INTO client(id, ref, site_id, nhs_number, given_name, family_name, birth_date, "
		"postcode, gender, ethnic_category, phone, email, address, care_coordinator, "
		"consent_on, consent_contact_employers, consent_note, created_at, updated_at) "
		"SELECT n, coalesce(?16, 'ipsdesk-client-' || n), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
		"?10, ?11, ?12, ?13, ?14, ?15, ?17, ?17 "
		"FROM (SELECT coalesce(max(id), 0) + 1 AS n FROM client)");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, in->site_id);
	client_bind(st, in);
	db_bind_text(st, 16, in->ref);
	db_bind_text(st, 17, now);
	int rc = db_done(s, st);
	if (rc == IPS_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

void db_client_cols(struct arena *a, sqlite3_stmt *st, struct client *o)
{
	o->id = sqlite3_column_int64(st, 0);
	o->ref = db_col_text(a, st, 1);
	o->site_id = sqlite3_column_int64(st, 2);
	o->nhs_number = db_col_text(a, st, 3);
	o->given_name = db_col_text(a, st, 4);
	o->family_name = db_col_text(a, st, 5);
	o->birth_date = db_col_text(a, st, 6);
	o->postcode = db_col_text(a, st, 7);
	o->gender = db_col_text(a, st, 8);
	o->ethnic_category = db_col_text(a, st, 9);
	o->phone = db_col_text(a, st, 10);
	o->email = db_col_text(a, st, 11);
	o->address = db_col_text(a, st, 12);
	o->care_coordinator = db_col_text(a, st, 13);
	o->consent_on = db_col_text(a, st, 14);
	o->consent_contact_employers = db_col_opt_int(st, 15);
	o->consent_note = db_col_text(a, st, 16);
	o->created_at = db_col_text(a, st, 17);
	o->updated_at = db_col_text(a, st, 18);
	o->site_name = db_col_text(a, st, 19);
}

int store_client_get(struct store *s, struct arena *a, int64_t id, struct client *o)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT c.id, c.ref, c.site_id, c.nhs_number, c.given_name, c.family_name, c.birth_date, "
		"c.postcode, c.gender, c.ethnic_category, c.phone, c.email, c.address, "
		"c.care_coordinator, c.consent_on, c.consent_contact_employers, c.consent_note, "
		"c.created_at, c.updated_at, s.name FROM client c JOIN site s ON s.id = c.site_id "
		"WHERE c.id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		db_client_cols(a, st, o);
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

int store_client_site(struct store *s, int64_t id, int64_t *site_id)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT site_id FROM client WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*site_id = sqlite3_column_int64(st, 0);
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

int store_client_update(struct store *s, const struct client *in, const char *now)
{
	sqlite3_stmt *st = db_stmt(s,
		"UPDATE client SET nhs_number = ?2, given_name = ?3, family_name = ?4, birth_date = ?5, "
		"postcode = ?6, gender = ?7, ethnic_category = ?8, phone = ?9, email = ?10, address = ?11, "
		"care_coordinator = ?12, consent_on = ?13, consent_contact_employers = ?14, "
		"consent_note = ?15, updated_at = ?16 WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, in->id);
	client_bind(st, in);
	db_bind_text(st, 16, now);
	int rc = db_done(s, st);
	if (rc == IPS_OK && sqlite3_changes(s->db) == 0)
		return IPS_ENOTFOUND;
	return rc;
}

int store_client_duplicates(struct store *s, struct arena *a, const struct client *c,
			    int64_t **ids, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT id FROM client WHERE (?1 IS NULL OR id <> ?1) AND (nhs_number = ?2 OR "
		"(?5 IS NOT NULL AND birth_date = ?5 AND family_name = ?4 COLLATE NOCASE "
		" AND given_name = ?3 COLLATE NOCASE)) ORDER BY id LIMIT 20");
	if (!st)
		return IPS_EIO;
	db_bind_id(st, 1, c->id);
	db_bind_text(st, 2, c->nhs_number);
	db_bind_text(st, 3, c->given_name);
	db_bind_text(st, 4, c->family_name);
	db_bind_text(st, 5, c->birth_date);
	size_t cap = 0;
	*ids = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*(int64_t *)db_push(a, (void **)ids, n, &cap, sizeof **ids) = sqlite3_column_int64(st, 0);
	return db_finish(s, st, rc);
}

int store_clients_search(struct store *s, struct arena *a, int64_t site_id, int64_t team_id,
			 const char *q, int limit, struct client_hit **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT c.id, c.given_name, c.family_name, c.birth_date, c.nhs_number, "
		"(SELECT CASE WHEN r.closed_on IS NOT NULL THEN 'closed' "
		"             WHEN r.specialist_id IS NULL THEN 'waiting' ELSE 'open' END "
		"   FROM referral r WHERE r.client_id = c.id ORDER BY r.received_on DESC, r.id DESC LIMIT 1) "
		"FROM client c "
		"WHERE (?1 IS NULL OR c.site_id = ?1) "
		"AND (?2 IS NULL OR EXISTS (SELECT 1 FROM referral r WHERE r.client_id = c.id AND r.team_id = ?2)) "
		"AND (?3 IS NULL OR instr(lower(c.given_name || ' ' || c.family_name), lower(?3)) > 0 "
		"     OR instr(lower(c.family_name || ', ' || c.given_name), lower(?3)) > 0 "
		"     OR c.nhs_number = replace(?3, ' ', '')) "
		"ORDER BY c.family_name COLLATE NOCASE, c.given_name COLLATE NOCASE, c.id LIMIT ?4");
	if (!st)
		return IPS_EIO;
	db_bind_id(st, 1, site_id);
	db_bind_id(st, 2, team_id);
	db_bind_text(st, 3, q && *q ? q : NULL);
	sqlite3_bind_int(st, 4, limit);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct client_hit *h = db_push(a, (void **)out, n, &cap, sizeof **out);
		h->id = sqlite3_column_int64(st, 0);
		h->given_name = db_col_text(a, st, 1);
		h->family_name = db_col_text(a, st, 2);
		h->birth_date = db_col_text(a, st, 3);
		h->nhs_number = db_col_text(a, st, 4);
		h->stage_hint = db_col_text(a, st, 5);
	}
	return db_finish(s, st, rc);
}

bool store_client_in_team(struct store *s, int64_t client_id, int64_t team_id)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT 1 FROM referral WHERE client_id = ?1 AND team_id = ?2 LIMIT 1");
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, client_id);
	sqlite3_bind_int64(st, 2, team_id);
	int rc = sqlite3_step(st);
	db_finish(s, st, rc);
	return rc == SQLITE_ROW;
}

int store_profile_get(struct store *s, struct arena *a, int64_t client_id, struct profile *o)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT work_history, job_types, places, travel_means, disclosure, strengths, "
		"support_needs, career_goals, updated_at, hours_min, hours_max, travel_miles, "
		"job_type_codes, pay_min, avoid "
		"FROM client_profile WHERE client_id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, client_id);
	memset(o, 0, sizeof *o);
	o->client_id = client_id;
	o->hours_min = o->hours_max = o->travel_miles = -1;
	o->pay_min = -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		o->work_history = db_col_text(a, st, 0);
		o->job_types = db_col_text(a, st, 1);
		o->places = db_col_text(a, st, 2);
		o->travel_means = db_col_text(a, st, 3);
		o->disclosure = db_col_text(a, st, 4);
		o->strengths = db_col_text(a, st, 5);
		o->support_needs = db_col_text(a, st, 6);
		o->career_goals = db_col_text(a, st, 7);
		o->updated_at = db_col_text(a, st, 8);
		o->hours_min = db_col_opt_int(st, 9);
		o->hours_max = db_col_opt_int(st, 10);
		o->travel_miles = db_col_opt_int(st, 11);
		o->job_type_codes = db_col_text(a, st, 12);
		o->pay_min = sqlite3_column_type(st, 13) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 13);
		o->avoid = db_col_text(a, st, 14);
	}
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

int store_profile_put(struct store *s, const struct profile *in, const char *now)
{
	sqlite3_stmt *st = db_stmt(s,
		"INSERT INTO client_profile(client_id, work_history, job_types, places, travel_means, "
		"disclosure, strengths, support_needs, career_goals, updated_at, hours_min, hours_max, "
		"travel_miles, job_type_codes, pay_min, avoid) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
		"ON CONFLICT(client_id) DO UPDATE SET work_history = excluded.work_history, "
		"job_types = excluded.job_types, places = excluded.places, "
		"travel_means = excluded.travel_means, disclosure = excluded.disclosure, "
		"strengths = excluded.strengths, support_needs = excluded.support_needs, "
		"career_goals = excluded.career_goals, updated_at = excluded.updated_at, "
		"hours_min = excluded.hours_min, hours_max = excluded.hours_max, "
		"travel_miles = excluded.travel_miles, job_type_codes = excluded.job_type_codes, "
		"pay_min = excluded.pay_min, avoid = excluded.avoid");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, in->client_id);
	db_bind_text(st, 2, in->work_history);
	db_bind_text(st, 3, in->job_types);
	db_bind_text(st, 4, in->places);
	db_bind_text(st, 5, in->travel_means);
	db_bind_text(st, 6, in->disclosure);
	db_bind_text(st, 7, in->strengths);
	db_bind_text(st, 8, in->support_needs);
	db_bind_text(st, 9, in->career_goals);
	db_bind_text(st, 10, now);
	db_bind_opt_int(st, 11, in->hours_min);
	db_bind_opt_int(st, 12, in->hours_max);
	db_bind_opt_int(st, 13, in->travel_miles);
	db_bind_text(st, 14, in->job_type_codes);
	if (in->pay_min >= 0)
		sqlite3_bind_int64(st, 15, in->pay_min);
	else
		sqlite3_bind_null(st, 15);
	db_bind_text(st, 16, in->avoid);
	return db_done(s, st);
}
