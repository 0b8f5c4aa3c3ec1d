/* store/fidelity.c — SQL for the fidelity scale versions and fidelity reviews
 * (007_fidelity.sql). Only prepared statements; never decides who may see what. */
#include <string.h>
#include "store/db.h"
#include "store/fidelity.h"
#include "util/arena.h"

int store_fid_scale_insert(struct store *s, const struct fid_scale *in, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(s,
		"INSERT INTO fidelity_scale (name, year, source, loaded_at, loaded_by) VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, in->name);
	sqlite3_bind_int(st, 2, in->year);
	db_bind_text(st, 3, in->source);
	db_bind_text(st, 4, in->loaded_at);
	db_bind_text(st, 5, in->loaded_by);
	int rc = db_done(s, st);
	if (rc == IPS_OK)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

int store_fid_item_insert(struct store *s, const struct fid_item *in)
{
	sqlite3_stmt *st = db_stmt(s,
		"INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, "
		"anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, in->scale_id);
	db_bind_text(st, 2, in->code);
	db_bind_text(st, 3, in->section);
	sqlite3_bind_int(st, 4, in->position);
	db_bind_text(st, 5, in->title);
	db_bind_text(st, 6, in->description ? in->description : "");
	for (int i = 0; i < 5; i++)
		db_bind_text(st, 7 + i, in->anchor[i]);
	sqlite3_bind_int(st, 12, in->summary);
	if (in->has_cuts) {
		sqlite3_bind_int(st, 13, in->lower_is_better);
		for (int i = 0; i < 4; i++)
			sqlite3_bind_int64(st, 14 + i, in->cut[i]);
	}
	return db_done(s, st);
}

static void scale_cols(struct arena *a, sqlite3_stmt *st, struct fid_scale *o)
{
	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(st, 0);
	o->name = db_col_text(a, st, 1);
	o->year = sqlite3_column_int(st, 2);
	o->source = db_col_text(a, st, 3);
	o->loaded_at = db_col_text(a, st, 4);
	o->loaded_by = db_col_text(a, st, 5);
	o->nitems = sqlite3_column_int(st, 6);
}

int store_fid_scale_get(struct store *s, struct arena *a, int64_t scale_id, struct fid_scale *out)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT f.id, f.name, f.year, f.source, f.loaded_at, f.loaded_by, "
		"(SELECT count(*) FROM fidelity_item i WHERE i.scale_id = f.id) FROM fidelity_scale f "
		"WHERE f.id = CASE WHEN ?1 IS NULL THEN (SELECT max(id) FROM fidelity_scale) ELSE ?1 END");
	if (!st)
		return IPS_EIO;
	db_bind_id(st, 1, scale_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		scale_cols(a, st, out);
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

int store_fid_scales_list(struct store *s, struct arena *a, struct fid_scale **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT f.id, f.name, f.year, f.source, f.loaded_at, f.loaded_by, "
		"(SELECT count(*) FROM fidelity_item i WHERE i.scale_id = f.id) FROM fidelity_scale f "
		"ORDER BY f.id DESC");
	if (!st)
		return IPS_EIO;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		scale_cols(a, st, db_push(a, (void **)out, n, &cap, sizeof **out));
	return db_finish(s, st, rc);
}

int store_fid_items(struct store *s, struct arena *a, int64_t scale_id, struct fid_item **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT id, scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, "
		"anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4 "
		"FROM fidelity_item WHERE scale_id = ?1 ORDER BY position");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, scale_id);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct fid_item *o = db_push(a, (void **)out, n, &cap, sizeof **out);
		o->id = sqlite3_column_int64(st, 0);
		o->scale_id = sqlite3_column_int64(st, 1);
		o->code = db_col_text(a, st, 2);
		o->section = db_col_text(a, st, 3);
		o->position = sqlite3_column_int(st, 4);
		o->title = db_col_text(a, st, 5);
		o->description = db_col_text(a, st, 6);
		for (int i = 0; i < 5; i++)
			o->anchor[i] = db_col_text(a, st, 7 + i);
		o->summary = sqlite3_column_int(st, 12) != 0;
		o->has_cuts = sqlite3_column_type(st, 13) != SQLITE_NULL;
		o->lower_is_better = sqlite3_column_int(st, 13) != 0;
		for (int i = 0; i < 4; i++)
			o->cut[i] = sqlite3_column_int64(st, 14 + i);
	}
	return db_finish(s, st, rc);
}

int store_fid_review_insert(struct store *s, const struct fid_review *in, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(s,
		"INSERT INTO fidelity_review (scale_id, site_id, team_id, visit_from, visit_to, period_from, "
		"period_to, reviewers, strengths, copied_from, created_by, created_at, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, in->scale_id);
	sqlite3_bind_int64(st, 2, in->site_id);
	db_bind_id(st, 3, in->team_id);
	db_bind_text(st, 4, in->visit_from);
	db_bind_text(st, 5, in->visit_to);
	db_bind_text(st, 6, in->period_from);
	db_bind_text(st, 7, in->period_to);
	db_bind_text(st, 8, in->reviewers);
	db_bind_text(st, 9, in->strengths);
	db_bind_id(st, 10, in->copied_from);
	db_bind_id(st, 11, in->created_by);
	db_bind_text(st, 12, in->created_at);
	int rc = db_done(s, st);
	if (rc == IPS_OK)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

int store_fid_review_update(struct store *s, const struct fid_review *in)
{
	sqlite3_stmt *st = db_stmt(s,
		"UPDATE fidelity_review SET visit_from = ?2, visit_to = ?3, period_from = ?4, period_to = ?5, "
		"reviewers = ?6, strengths = ?7, updated_at = ?8 WHERE id = ?1 AND status = 'draft'");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, in->id);
	db_bind_text(st, 2, in->visit_from);
	db_bind_text(st, 3, in->visit_to);
	db_bind_text(st, 4, in->period_from);
	db_bind_text(st, 5, in->period_to);
	db_bind_text(st, 6, in->reviewers);
	db_bind_text(st, 7, in->strengths);
	db_bind_text(st, 8, in->updated_at);
	int rc = db_done(s, st);
	if (rc == IPS_OK && sqlite3_changes(s->db) == 0)
		return IPS_ENOTFOUND;
	return rc;
}

int store_fid_review_sign(struct store *s, int64_t id, int64_t account_id, const char *name, const char *at)
{
	sqlite3_stmt *st = db_stmt(s,
		"UPDATE fidelity_review SET status = 'signed', signed_by = ?2, signed_by_name = ?3, signed_at = ?4, "
		"updated_at = ?4 WHERE id = ?1 AND status = 'draft'");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	db_bind_id(st, 2, account_id);
	db_bind_text(st, 3, name);
	db_bind_text(st, 4, at);
	int rc = db_done(s, st);
	if (rc == IPS_OK && sqlite3_changes(s->db) == 0)
		return IPS_ENOTFOUND;
	return rc;
}

#define REVIEW_SELECT \
	"SELECT r.id, r.scale_id, r.site_id, r.team_id, r.signed_by, r.copied_from, r.created_by, r.visit_from, " \
	"r.visit_to, r.period_from, r.period_to, r.reviewers, r.strengths, r.status, r.signed_by_name, " \
	"r.signed_at, r.created_at, r.updated_at, si.code, si.name, t.code, t.name, f.name, f.year, " \
	"(SELECT coalesce(sum(ri.score), 0) FROM fidelity_review_item ri WHERE ri.review_id = r.id), " \
	"(SELECT count(ri.score) FROM fidelity_review_item ri WHERE ri.review_id = r.id), " \
	"(SELECT count(*) FROM fidelity_item i WHERE i.scale_id = r.scale_id) " \
	"FROM fidelity_review r JOIN site si ON si.id = r.site_id LEFT JOIN team t ON t.id = r.team_id " \
	"JOIN fidelity_scale f ON f.id = r.scale_id "

static void review_cols(struct arena *a, sqlite3_stmt *st, struct fid_review *o)
{
	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(st, 0);
	o->scale_id = sqlite3_column_int64(st, 1);
	o->site_id = sqlite3_column_int64(st, 2);
	o->team_id = db_col_id(st, 3);
	o->signed_by = db_col_id(st, 4);
	o->copied_from = db_col_id(st, 5);
	o->created_by = db_col_id(st, 6);
	o->visit_from = db_col_text(a, st, 7);
	o->visit_to = db_col_text(a, st, 8);
	o->period_from = db_col_text(a, st, 9);
	o->period_to = db_col_text(a, st, 10);
	o->reviewers = db_col_text(a, st, 11);
	o->strengths = db_col_text(a, st, 12);
	o->status = db_col_text(a, st, 13);
	o->signed_by_name = db_col_text(a, st, 14);
	o->signed_at = db_col_text(a, st, 15);
	o->created_at = db_col_text(a, st, 16);
	o->updated_at = db_col_text(a, st, 17);
	o->site_code = db_col_text(a, st, 18);
	o->site_name = db_col_text(a, st, 19);
	o->team_code = db_col_text(a, st, 20);
	o->team_name = db_col_text(a, st, 21);
	o->scale_name = db_col_text(a, st, 22);
	o->scale_year = sqlite3_column_int(st, 23);
	o->total = sqlite3_column_int(st, 24);
	o->nscored = sqlite3_column_int(st, 25);
	o->nitems = sqlite3_column_int(st, 26);
}

int store_fid_review_get(struct store *s, struct arena *a, int64_t id, struct fid_review *out)
{
	sqlite3_stmt *st = db_stmt(s, REVIEW_SELECT "WHERE r.id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		review_cols(a, st, out);
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

int store_fid_reviews_list(struct store *s, struct arena *a, int64_t site_id, struct fid_review **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s, REVIEW_SELECT
		"WHERE ?1 IS NULL OR r.site_id = ?1 ORDER BY r.visit_to DESC, r.id DESC");
	if (!st)
		return IPS_EIO;
	db_bind_id(st, 1, site_id);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		review_cols(a, st, db_push(a, (void **)out, n, &cap, sizeof **out));
	return db_finish(s, st, rc);
}

int store_fid_review_item_put(struct store *s, int64_t review_id, const struct fid_review_item *in)
{
	sqlite3_stmt *st = db_stmt(s,
		"INSERT OR REPLACE INTO fidelity_review_item (review_id, item_id, score, note, evidence_value, "
		"evidence_score) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, review_id);
	sqlite3_bind_int64(st, 2, in->item_id);
	db_bind_id(st, 3, in->score);
	db_bind_text(st, 4, in->note);
	db_bind_text(st, 5, in->evidence_value);
	db_bind_id(st, 6, in->evidence_score);
	return db_done(s, st);
}

int store_fid_review_items(struct store *s, struct arena *a, int64_t review_id, int64_t scale_id,
			   struct fid_review_item **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT i.id, ri.score, ri.note, ri.evidence_value, ri.evidence_score FROM fidelity_item i "
		"LEFT JOIN fidelity_review_item ri ON ri.item_id = i.id AND ri.review_id = ?1 "
		"WHERE i.scale_id = ?2 ORDER BY i.position");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, review_id);
	sqlite3_bind_int64(st, 2, scale_id);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct fid_review_item *o = db_push(a, (void **)out, n, &cap, sizeof **out);
		o->item_id = sqlite3_column_int64(st, 0);
		o->score = (int)db_col_id(st, 1);
		o->note = db_col_text(a, st, 2);
		o->evidence_value = db_col_text(a, st, 3);
		o->evidence_score = (int)db_col_id(st, 4);
	}
	return db_finish(s, st, rc);
}

int store_fid_actions_replace(struct store *s, int64_t review_id, const struct fid_action *rows, size_t n)
{
	sqlite3_stmt *del = db_stmt(s, "DELETE FROM fidelity_action WHERE review_id = ?1");
	if (!del)
		return IPS_EIO;
	sqlite3_bind_int64(del, 1, review_id);
	int rc = db_done(s, del);
	for (size_t i = 0; i < n && rc == IPS_OK; i++) {
		sqlite3_stmt *st = db_stmt(s,
			"INSERT INTO fidelity_action (review_id, position, action, owner, due_on) VALUES (?1, ?2, ?3, ?4, ?5)");
		if (!st)
			return IPS_EIO;
		sqlite3_bind_int64(st, 1, review_id);
		sqlite3_bind_int(st, 2, (int)i + 1);
		db_bind_text(st, 3, rows[i].action);
		db_bind_text(st, 4, rows[i].owner);
		db_bind_text(st, 5, rows[i].due_on);
		rc = db_done(s, st);
	}
	return rc;
}

int store_fid_actions(struct store *s, struct arena *a, int64_t review_id, struct fid_action **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT id, position, action, owner, due_on FROM fidelity_action WHERE review_id = ?1 ORDER BY position");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, review_id);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct fid_action *o = db_push(a, (void **)out, n, &cap, sizeof **out);
		o->id = sqlite3_column_int64(st, 0);
		o->position = sqlite3_column_int(st, 1);
		o->action = db_col_text(a, st, 2);
		o->owner = db_col_text(a, st, 3);
		o->due_on = db_col_text(a, st, 4);
	}
	return db_finish(s, st, rc);
}

int store_reviewer_sites(struct store *s, struct arena *a, int64_t account_id, int64_t **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT site_id FROM reviewer_site WHERE account_id = ?1 ORDER BY site_id");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, account_id);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*(int64_t *)db_push(a, (void **)out, n, &cap, sizeof **out) = sqlite3_column_int64(st, 0);
	return db_finish(s, st, rc);
}

int store_reviewer_site_has(struct store *s, int64_t account_id, int64_t site_id)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT 1 FROM reviewer_site WHERE account_id = ?1 AND site_id = ?2");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, account_id);
	sqlite3_bind_int64(st, 2, site_id);
	int rc = sqlite3_step(st);
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

int store_reviewer_sites_set(struct store *s, int64_t account_id, const int64_t *site_ids, size_t n)
{
	sqlite3_stmt *del = db_stmt(s, "DELETE FROM reviewer_site WHERE account_id = ?1");
	if (!del)
		return IPS_EIO;
	sqlite3_bind_int64(del, 1, account_id);
	int rc = db_done(s, del);
	for (size_t i = 0; i < n && rc == IPS_OK; i++) {
		sqlite3_stmt *st = db_stmt(s, "INSERT OR IGNORE INTO reviewer_site (account_id, site_id) VALUES (?1, ?2)");
		if (!st)
			return IPS_EIO;
		sqlite3_bind_int64(st, 1, account_id);
		sqlite3_bind_int64(st, 2, site_ids[i]);
		rc = db_done(s, st);
	}
	return rc;
}
