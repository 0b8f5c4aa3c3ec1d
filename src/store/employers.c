/* store/employers.c — employers as the web keeps them (the interchange insert is in
 * store/interchange.c), the contacts with an employer, and the people an employer
 * contact may be made on behalf of. Never decides scope: callers pass the site. */
#include <string.h>
#include "store/db.h"
#include "util/arena.h"

int store_employer_get(struct store *s, struct arena *a, int64_t id, struct employer *o)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT id, site_id, ref, name, sector, address, postcode, notes, people "
		"FROM employer WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(o, 0, sizeof *o);
		o->id = sqlite3_column_int64(st, 0);
		o->site_id = sqlite3_column_int64(st, 1);
		o->ref = db_col_text(a, st, 2);
		o->name = db_col_text(a, st, 3);
		o->sector = db_col_text(a, st, 4);
		o->address = db_col_text(a, st, 5);
		o->postcode = db_col_text(a, st, 6);
		o->notes = db_col_text(a, st, 7);
		o->people = db_col_text(a, st, 8);
	}
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

int store_employer_update(struct store *s, const struct employer *in)
{
	sqlite3_stmt *st = db_stmt(s,
		"UPDATE employer SET name = ?2, sector = ?3, address = ?4, postcode = ?5, people = ?6, "
		"notes = ?7 WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, in->id);
	db_bind_text(st, 2, in->name);
	db_bind_text(st, 3, in->sector);
	db_bind_text(st, 4, in->address);
	db_bind_text(st, 5, in->postcode);
	db_bind_text(st, 6, in->people);
	db_bind_text(st, 7, in->notes);
	int rc = store_vacancy_fts_employer(s, in->id, false);   /* the name is in the vacancies' index */
	if (rc != IPS_OK)
		return rc;
	rc = db_done(s, st);
	if (rc == IPS_OK && sqlite3_changes(s->db) == 0)
		return IPS_ENOTFOUND;
	return rc == IPS_OK ? store_vacancy_fts_employer(s, in->id, true) : rc;
}

int store_employer_choices(struct store *s, struct arena *a, int64_t site_id, struct employer_hit **out,
			   size_t *n)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT id, name, postcode FROM employer WHERE site_id = ?1 "
				      "ORDER BY name COLLATE NOCASE, id");
	*out = NULL;
	*n = 0;
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, site_id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct employer_hit *h = db_push(a, (void **)out, n, &cap, sizeof **out);
		*h = (struct employer_hit){.id = sqlite3_column_int64(st, 0), .name = db_col_text(a, st, 1),
					   .postcode = db_col_text(a, st, 2)};
	}
	return db_finish(s, st, rc);
}

int store_employers_search(struct store *s, struct arena *a, int64_t site_id, const char *q,
			   int limit, struct employer_hit **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT e.id, e.name, e.sector, e.postcode, "
		"(SELECT max(date) FROM contact k WHERE k.employer_id = e.id), "
		"(SELECT count(*) FROM contact k WHERE k.employer_id = e.id) "
		"FROM employer e WHERE e.site_id = ?1 "
		"AND (?2 IS NULL OR instr(lower(e.name), lower(?2)) > 0) "
		"ORDER BY e.name COLLATE NOCASE, e.id LIMIT ?3");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, site_id);
	db_bind_text(st, 2, q && *q ? q : NULL);
	sqlite3_bind_int(st, 3, limit);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct employer_hit *h = db_push(a, (void **)out, n, &cap, sizeof **out);
		h->id = sqlite3_column_int64(st, 0);
		h->name = db_col_text(a, st, 1);
		h->sector = db_col_text(a, st, 2);
		h->postcode = db_col_text(a, st, 3);
		h->last_contact = db_col_text(a, st, 4);
		h->contacts = sqlite3_column_int(st, 5);
	}
	return db_finish(s, st, rc);
}

int store_contacts_of_employer(struct store *s, struct arena *a, int64_t employer_id,
			       struct employer_contact **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT k.id, k.staff_id, k.referral_id, k.employer_id, k.ref, k.date, k.with_whom, "
		"k.mode, k.place, k.note, k.created_at, k.minutes, k.attended, f.name, e.name, "
		"r.client_id, c.given_name, c.family_name "
		"FROM contact k JOIN staff f ON f.id = k.staff_id JOIN employer e ON e.id = k.employer_id "
		"LEFT JOIN referral r ON r.id = k.referral_id LEFT JOIN client c ON c.id = r.client_id "
		"WHERE k.employer_id = ?1 ORDER BY k.date DESC, k.id DESC");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, employer_id);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct employer_contact *o = db_push(a, (void **)out, n, &cap, sizeof **out);
		struct contact *k = &o->contact;
		k->id = sqlite3_column_int64(st, 0);
		k->staff_id = sqlite3_column_int64(st, 1);
		k->referral_id = db_col_id(st, 2);
		k->employer_id = db_col_id(st, 3);
		k->ref = db_col_text(a, st, 4);
		k->date = db_col_text(a, st, 5);
		k->with = db_col_text(a, st, 6);
		k->mode = db_col_text(a, st, 7);
		k->place = db_col_text(a, st, 8);
		k->note = db_col_text(a, st, 9);
		k->created_at = db_col_text(a, st, 10);
		k->minutes = db_col_opt_int(st, 11);
		k->attended = sqlite3_column_int(st, 12) != 0;
		k->staff_name = db_col_text(a, st, 13);
		k->employer_name = db_col_text(a, st, 14);
		o->client_id = db_col_id(st, 15);
		o->given_name = db_col_text(a, st, 16);
		o->family_name = db_col_text(a, st, 17);
	}
	return db_finish(s, st, rc);
}

int store_contact_people(struct store *s, struct arena *a, int64_t site_id, int64_t specialist_id,
			 struct contact_person **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT r.id, r.client_id, c.given_name, c.family_name "
		"FROM referral r JOIN client c ON c.id = r.client_id JOIN team t ON t.id = r.team_id "
		"WHERE r.closed_on IS NULL AND r.specialist_id IS NOT NULL AND t.site_id = ?1 "
		"AND (?2 IS NULL OR r.specialist_id = ?2) "
		"ORDER BY c.family_name COLLATE NOCASE, c.given_name COLLATE NOCASE, r.id");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, site_id);
	db_bind_id(st, 2, specialist_id);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct contact_person *o = db_push(a, (void **)out, n, &cap, sizeof **out);
		o->referral_id = sqlite3_column_int64(st, 0);
		o->client_id = sqlite3_column_int64(st, 1);
		o->given_name = db_col_text(a, st, 2);
		o->family_name = db_col_text(a, st, 3);
	}
	return db_finish(s, st, rc);
}
