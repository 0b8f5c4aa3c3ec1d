/* store/contacts.c — contacts (with the person, an employer, the clinical team or
 * family) and the person's timeline events. */
#include <stdlib.h>
#include <string.h>
#include "store/db.h"
#include "util/arena.h"

int store_contact_insert(struct store *s, const struct contact *in, const char *now, int64_t *id)
{
	/* A ref of the caller's own (an import) goes straight in; otherwise the ref is made
	 * from the new id. */
	sqlite3_stmt *st = in->ref ? db_stmt(s,
		"INSERT INTO contact(ref, date, staff_id, with_whom, referral_id, employer_id, mode, "
		"place, minutes, attended, note, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)") : db_stmt(s,
		"INSERT INTO contact(id, ref, date, staff_id, with_whom, referral_id, employer_id, mode, "
		"place, minutes, attended, note, created_at) "
		"SELECT n, 'ipsdesk-contact-' || n, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12 "
		"FROM (SELECT coalesce(max(id), 0) + 1 AS n FROM contact)");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, in->ref);
	db_bind_text(st, 2, in->date);
	sqlite3_bind_int64(st, 3, in->staff_id);
	db_bind_text(st, 4, in->with);
	db_bind_id(st, 5, in->referral_id);
	db_bind_id(st, 6, in->employer_id);
	db_bind_text(st, 7, in->mode);
	db_bind_text(st, 8, in->place);
	db_bind_opt_int(st, 9, in->minutes);
	sqlite3_bind_int(st, 10, in->attended);
	db_bind_text(st, 11, in->note);
	db_bind_text(st, 12, now);
	int rc = db_done(s, st);
	if (rc == IPS_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

/* *total: the count sql (?1 the person) gives, asked only when a list cut to limit came
 * back full (n == limit: there may be more); otherwise the list is all there is. */
static int total_of_client(struct store *s, const char *sql, int64_t client_id, size_t limit, size_t n,
			   size_t *total)
{
	if (!total)
		return IPS_OK;
	*total = n;
	if (!limit || n < limit)
		return IPS_OK;
	sqlite3_stmt *st = db_stmt(s, sql);
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, client_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*total = (size_t)sqlite3_column_int64(st, 0);
	return db_finish(s, st, rc);
}

/* Newest first: by date, then id, both descending. */
static int contact_newest_first(const void *pa, const void *pb)
{
	const struct contact *a = pa, *b = pb;
	int c = strcmp(b->date, a->date);
	return c ? c : (b->id > a->id) - (b->id < a->id);
}

int store_contacts_of_client(struct store *s, struct arena *a, int64_t client_id, size_t limit,
			     struct contact **out, size_t *n, size_t *total)
{
	/* The newest `limit` of each of the person's referrals, straight from the index
	 * (referral_id, date, then the rowid) read backwards, so that the LIMIT stops after
	 * the rows shown and only those are read whole, with their staff and employer; then
	 * merged here (most people have one referral). A person supported for years has
	 * hundreds of contacts and a record page shows 50; choosing them over all the
	 * person's referrals at once took SQLite's sorter, about 4,000 instructions a contact. */
	sqlite3_stmt *st = db_stmt(s, "SELECT id FROM referral WHERE client_id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, client_id);
	int64_t *refs = NULL;
	size_t nrefs = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*(int64_t *)db_push(a, (void **)&refs, &nrefs, &cap, sizeof *refs) = sqlite3_column_int64(st, 0);
	if ((rc = db_finish(s, st, rc)) != IPS_OK)
		return rc;
	st = db_stmt(s, "SELECT k.id, k.staff_id, k.referral_id, k.employer_id, k.ref, k.date, k.with_whom, "
			"k.mode, k.place, k.note, k.created_at, k.minutes, k.attended, f.name, e.name "
			"FROM contact k JOIN staff f ON f.id = k.staff_id LEFT JOIN employer e ON e.id = k.employer_id "
			"WHERE k.referral_id = ?1 ORDER BY k.date DESC, k.id DESC LIMIT ?2");
	if (!st)
		return IPS_EIO;
	*out = NULL;
	*n = 0;
	cap = 0;
	bool cut = false;   /* a referral had more than the limit: the count is asked for */
	for (size_t i = 0; i < nrefs; i++) {
		sqlite3_bind_int64(st, 1, refs[i]);
		sqlite3_bind_int64(st, 2, limit ? (int64_t)limit : -1);   /* LIMIT -1: all */
		size_t before = *n;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			db_contact_cols(a, st, db_push(a, (void **)out, n, &cap, sizeof **out));
		if ((rc = db_finish(s, st, rc)) != IPS_OK)
			return rc;
		cut = cut || (limit && *n - before == limit);
	}
	if (nrefs > 1 && *n > 1)
		qsort(*out, *n, sizeof **out, contact_newest_first);
	size_t all = *n;
	if (limit && *n > limit)
		*n = limit;
	if (!total)
		return IPS_OK;
	*total = all;
	return cut ? total_of_client(s, "SELECT count(*) FROM contact k JOIN referral r ON r.id = k.referral_id "
					"WHERE r.client_id = ?1", client_id, limit, limit, total)
		   : IPS_OK;
}

void db_contact_cols(struct arena *a, sqlite3_stmt *st, struct contact *o)
{
	o->id = sqlite3_column_int64(st, 0);
	o->staff_id = sqlite3_column_int64(st, 1);
	o->referral_id = db_col_id(st, 2);
	o->employer_id = db_col_id(st, 3);
	o->ref = db_col_text(a, st, 4);
	o->date = db_col_text(a, st, 5);
	o->with = db_col_text(a, st, 6);
	o->mode = db_col_text(a, st, 7);
	o->place = db_col_text(a, st, 8);
	o->note = db_col_text(a, st, 9);
	o->created_at = db_col_text(a, st, 10);
	o->minutes = db_col_opt_int(st, 11);
	o->attended = sqlite3_column_int(st, 12) != 0;
	o->staff_name = db_col_text(a, st, 13);
	o->employer_name = db_col_text(a, st, 14);
}

int store_event_add(struct store *s, const struct client_event *in)
{
	sqlite3_stmt *st = db_stmt(s, "INSERT INTO client_event(client_id, referral_id, on_date, at, "
				      "kind, summary, account_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, in->client_id);
	db_bind_id(st, 2, in->referral_id);
	db_bind_text(st, 3, in->on_date);
	db_bind_text(st, 4, in->at);
	db_bind_text(st, 5, in->kind);
	db_bind_text(st, 6, in->summary);
	db_bind_id(st, 7, in->account_id);
	return db_done(s, st);
}

int store_events_of_client(struct store *s, struct arena *a, int64_t client_id, size_t limit,
			   struct client_event **out, size_t *n, size_t *total)
{
	/* newest first straight from the index (client_id, on_date, then the rowid), so a
	 * LIMIT stops after the rows shown */
	sqlite3_stmt *st = db_stmt(s,
		"SELECT id, client_id, referral_id, account_id, on_date, at, kind, summary "
		"FROM client_event WHERE client_id = ?1 ORDER BY on_date DESC, id DESC LIMIT ?2");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, client_id);
	sqlite3_bind_int64(st, 2, limit ? (int64_t)limit : -1);   /* LIMIT -1: all */
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct client_event *o = db_push(a, (void **)out, n, &cap, sizeof **out);
		o->id = sqlite3_column_int64(st, 0);
		o->client_id = sqlite3_column_int64(st, 1);
		o->referral_id = db_col_id(st, 2);
		o->account_id = db_col_id(st, 3);
		o->on_date = db_col_text(a, st, 4);
		o->at = db_col_text(a, st, 5);
		o->kind = db_col_text(a, st, 6);
		o->summary = db_col_text(a, st, 7);
	}
	if ((rc = db_finish(s, st, rc)) != IPS_OK)
		return rc;
	return total_of_client(s, "SELECT count(*) FROM client_event WHERE client_id = ?1", client_id, limit, *n,
			       total);
}
