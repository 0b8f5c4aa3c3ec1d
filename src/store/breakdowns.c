/* store/breakdowns.c — gathers what core/breakdowns.c needs beyond the outcome report's
 * inputs: each referral's team and its client's date of birth, gender and ethnic
 * category. No grouping or counting lives here. */
#include "store/db.h"
#include "core/breakdowns.h"
#include "util/arena.h"

int store_breakdown_attrs(struct store *s, struct arena *a, struct bd_attrs **out, size_t *n)
{
	int rc;
	sqlite3_stmt *st = db_stmt(s,
		"SELECT r.id, c.birth_date, c.gender, c.ethnic_category, r.team_id "
		"FROM referral r LEFT JOIN client c ON c.id = r.client_id ORDER BY r.id");
	if (!st)
		return IPS_EIO;
	struct bd_attrs *v = NULL;
	size_t nv = 0, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct bd_attrs *x = db_push(a, (void **)&v, &nv, &cap, sizeof *v);
		x->referral_id = sqlite3_column_int64(st, 0);
		const char *birth = (const char *)sqlite3_column_text(st, 1);
		day_t d;
		x->birth = birth && date_parse(birth, &d) ? d : OC_NO_DAY;
		x->gender = db_col_text(a, st, 2);
		x->ethnic = db_col_text(a, st, 3);
		x->team_id = db_col_id(st, 4);
	}
	if ((rc = db_finish(s, st, rc)) != IPS_OK)
		return rc;
	*out = v;
	*n = nv;
	return IPS_OK;
}
