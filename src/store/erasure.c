/* store/erasure.c — erasure after the retention period: finding the people whose
 * records have passed it, and deleting everything held about one person. SQL only: who
 * may erase, which cutoff is acceptable and the audit entries are app/erasure.c's.
 * Never touches the audit table: it holds only field names, and must stay whole. */
#include <string.h>
#include "store/db.h"
#include "util/arena.h"

/* A person is a candidate when none of their referrals is open, no job of theirs is
 * still going (no end recorded), and their latest activity is before the cutoff: the
 * latest of their referrals' closures, any contact on one of their referrals (employer
 * contacts on their behalf too), their jobs' ends, the stages of their job search and
 * their benefits advice. A person with no referral at all is judged by the date their
 * record was last changed. ISO dates compare as text; max() of several arguments is
 * NULL when any is, hence the coalesce to ''. */
int store_erasure_candidates(struct store *s, struct arena *a, const char *cutoff, int64_t **ids, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT c.id FROM client c "
		"WHERE NOT EXISTS (SELECT 1 FROM referral r WHERE r.client_id = c.id AND r.closed_on IS NULL) "
		"AND NOT EXISTS (SELECT 1 FROM referral r JOIN job j ON j.referral_id = r.id "
		"                WHERE r.client_id = c.id AND j.ended_on IS NULL) "
		"AND coalesce(nullif(max("
		"  coalesce((SELECT max(r.closed_on) FROM referral r WHERE r.client_id = c.id), ''), "
		"  coalesce((SELECT max(k.date) FROM referral r JOIN contact k ON k.referral_id = r.id "
		"            WHERE r.client_id = c.id), ''), "
		"  coalesce((SELECT max(j.ended_on) FROM referral r JOIN job j ON j.referral_id = r.id "
		"            WHERE r.client_id = c.id), ''), "
		"  coalesce((SELECT max(coalesce(p.outcome_on, p.offer_on, p.interview_on, p.applied_on, p.identified_on)) "
		"            FROM referral r JOIN application p ON p.referral_id = r.id WHERE r.client_id = c.id), ''), "
		"  coalesce((SELECT max(b.date) FROM benefits_advice b WHERE b.client_id = c.id), '')), ''), "
		"  CASE WHEN EXISTS (SELECT 1 FROM referral r WHERE r.client_id = c.id) THEN '' "
		"       ELSE substr(c.updated_at, 1, 10) END) < ?1 "
		"ORDER BY c.id");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, cutoff);
	size_t cap = 0;
	*ids = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t *slot = db_push(a, (void **)ids, n, &cap, sizeof **ids);
		*slot = sqlite3_column_int64(st, 0);
	}
	return db_finish(s, st, rc);
}

/* Runs one statement bound to the person's id and adds the rows it changed to *count. */
static int erase_step(struct store *s, const char *sql, int64_t client_id, int64_t *count)
{
	sqlite3_stmt *st = db_stmt(s, sql);
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, client_id);
	int rc = db_done(s, st);
	if (rc == IPS_OK && count)
		*count += sqlite3_changes64(s->db);
	return rc;
}

/* secure_delete on for the length of the erasure: SQLite overwrites the deleted rows
 * with zeros, so the person's details are not left in free space in the file. */
static int secure_delete(struct store *s, int on)
{
	char *msg = NULL;
	int rc = sqlite3_exec(s->db, on ? "PRAGMA secure_delete = ON" : "PRAGMA secure_delete = OFF", NULL, NULL,
			      &msg);
	sqlite3_free(msg);
	return rc == SQLITE_OK ? IPS_OK : db_error(s, rc);
}

static int secure_delete_get(struct store *s)
{
	sqlite3_stmt *st;
	int v = 0;
	if (sqlite3_prepare_v2(s->db, "PRAGMA secure_delete", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	return v;
}

/* In foreign-key order: nothing is deleted while a row still points at it. Every
 * statement names the person by ?1. */
int store_client_erase(struct store *s, int64_t client_id, struct erasure_counts *c)
{
	int was = secure_delete_get(s);
	int rc = was ? IPS_OK : secure_delete(s, 1);
	/* The specialist's employer engagement stays (it counts towards the service's
	 * figures), but no longer says whom it was for, and its note may name them. */
	if (rc == IPS_OK)
		rc = erase_step(s, "UPDATE contact SET referral_id = NULL, note = NULL WHERE with_whom = 'employer' "
				   "AND referral_id IN (SELECT id FROM referral WHERE client_id = ?1)",
				client_id, &c->employer_contacts_kept);
	if (rc == IPS_OK)
		rc = erase_step(s, "DELETE FROM support_item WHERE job_id IN (SELECT j.id FROM job j "
				   "JOIN referral r ON r.id = j.referral_id WHERE r.client_id = ?1)",
				client_id, &c->support_items);
	if (rc == IPS_OK)
		rc = erase_step(s, "DELETE FROM application WHERE referral_id IN "
				   "(SELECT id FROM referral WHERE client_id = ?1)",
				client_id, &c->applications);
	if (rc == IPS_OK)
		rc = erase_step(s, "DELETE FROM job WHERE referral_id IN (SELECT id FROM referral WHERE client_id = ?1)",
				client_id, &c->jobs);
	/* With the person, their family or their clinical team, on their referrals. */
	if (rc == IPS_OK)
		rc = erase_step(s, "DELETE FROM contact WHERE referral_id IN "
				   "(SELECT id FROM referral WHERE client_id = ?1)",
				client_id, &c->contacts);
	if (rc == IPS_OK)
		rc = erase_step(s, "DELETE FROM client_event WHERE client_id = ?1 OR referral_id IN "
				   "(SELECT id FROM referral WHERE client_id = ?1)",
				client_id, &c->events);
	if (rc == IPS_OK)
		rc = erase_step(s, "DELETE FROM benefits_advice WHERE client_id = ?1", client_id, &c->benefits_advice);
	if (rc == IPS_OK)
		rc = erase_step(s, "DELETE FROM cv WHERE client_id = ?1", client_id, NULL);
	if (rc == IPS_OK)
		rc = erase_step(s, "DELETE FROM client_profile WHERE client_id = ?1", client_id, NULL);
	if (rc == IPS_OK)
		rc = erase_step(s, "DELETE FROM referral WHERE client_id = ?1", client_id, &c->referrals);
	if (rc == IPS_OK)   /* derived from the rows above (010_match_person.sql), but said here too */
		rc = erase_step(s, "DELETE FROM match_person WHERE client_id = ?1", client_id, NULL);
	int64_t people = 0;
	if (rc == IPS_OK)
		rc = erase_step(s, "DELETE FROM client WHERE id = ?1", client_id, &people);
	if (rc == IPS_OK && people == 0)
		rc = IPS_ENOTFOUND;
	if (rc == IPS_OK)
		c->people += people;
	if (!was) {
		int off = secure_delete(s, 0);
		if (rc == IPS_OK)
			rc = off;
	}
	return rc;
}

int store_wal_checkpoint(struct store *s)
{
	int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	return rc == SQLITE_OK ? IPS_OK : db_error(s, rc);
}
