/* store/deletions.c — the deletion markers the JSON API's sync reads (012_deletions.sql):
 * a page of them after a cursor, in id order, filtered as store/listing.c's lists are.
 * Only triggers write markers; nothing here writes, and scope is decided in app/. */
#include "store/db.h"
#include "util/arena.h"

/* ?1 after_id, ?2 site_id, ?3 team_id, ?5 changed_since, ?6 limit, as bind_page in
 * store/listing.c; ?7 whether employers and vacancies are in. A clinician's team (?3)
 * sees the markers of the people who had a referral to it, as scope_client does: a
 * referral still held, or one whose own marker names the team (an erased person's
 * referrals are deleted with them). */
int store_deletions_page(struct store *s, struct arena *a, const struct page_query *q, bool org,
			 struct deletion_row **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT d.id, d.kind, d.record_id, d.client_id, d.deleted_at FROM deletion d "
		"WHERE d.id > ?1 AND (?2 = 0 OR d.site_id = ?2) "
		"AND (?3 = 0 OR (d.client_id IS NOT NULL AND ("
		"  EXISTS (SELECT 1 FROM referral r WHERE r.client_id = d.client_id AND r.team_id = ?3) OR "
		"  EXISTS (SELECT 1 FROM deletion t WHERE t.client_id = d.client_id AND t.kind = 'referral' "
		"          AND t.team_id = ?3)))) "
		"AND (?7 OR d.client_id IS NOT NULL) AND (?5 IS NULL OR d.deleted_at >= ?5) "
		"ORDER BY d.id LIMIT ?6");
	*out = NULL;
	*n = 0;
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, q->after_id);
	sqlite3_bind_int64(st, 2, q->site_id);
	sqlite3_bind_int64(st, 3, q->team_id);
	db_bind_text(st, 5, q->changed_since);
	sqlite3_bind_int(st, 6, q->limit);
	sqlite3_bind_int(st, 7, org);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct deletion_row *row = db_push(a, (void **)out, n, &cap, sizeof **out);
		row->id = sqlite3_column_int64(st, 0);
		row->kind = db_col_text(a, st, 1);
		row->record_id = sqlite3_column_int64(st, 2);
		row->client_id = db_col_id(st, 3);
		row->deleted_at = db_col_text(a, st, 4);
	}
	return db_finish(s, st, rc);
}
