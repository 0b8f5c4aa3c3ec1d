/* app/erasure.c — erasure after the retention period (UK GDPR storage limitation):
 * everything held about the people whose records ended before a cutoff chosen by the
 * organisation's information governance lead, deleted in one transaction, all or
 * nothing. The audit log stays whole: it holds field names, never values. Admins only,
 * and never a cutoff nearer than a year ago, so a slip cannot wipe live records. */
#include <string.h>
#include "app/internal.h"
#include "util/arena.h"

/* The cutoff as ISO text when it is a real date at least a year before today (the
 * same day of the month a year ago, 28 February for 29 February), else NULL with a
 * field error on "before". */
static const char *cutoff_check(struct app *app, struct result *r, const char *before)
{
	day_t d;
	if (!before || !*before) {
		result_field(r, "before", "Enter the date records must have ended before, for example 2018-04-01");
		return NULL;
	}
	if (!date_parse(before, &d)) {
		result_field(r, "before", "Enter a real date as YYYY-MM-DD, for example 2018-04-01");
		return NULL;
	}
	int y, m, dd;
	date_to_ymd(app->today, &y, &m, &dd);
	day_t latest = date_from_ymd(y - 1, m, m == 2 && dd == 29 ? 28 : dd);
	if (d > latest) {
		char shown[32];
		date_long(latest, shown, sizeof shown);
		result_field(r, "before",
			     arena_printf(app->arena, "The date must be at least a year ago: %s or earlier", shown));
		return NULL;
	}
	return before;
}

struct result app_erasure_candidates(struct app *app, const struct actor *who, const char *before,
				     int64_t **ids, size_t *n)
{
	struct result r = result_new(app->arena);
	*ids = NULL;
	*n = 0;
	if (!(who->role & ROLE_ADMIN)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	const char *cutoff = cutoff_check(app, &r, before);
	if (!cutoff)
		return r;
	if (store_erasure_candidates(app->store, app->arena, cutoff, ids, n) != IPS_OK) {
		*ids = NULL;
		*n = 0;
		result_set(&r, RES_FAILED, "The records could not be read. Try again; if it happens again, "
					   "tell your administrator.");
	}
	return r;
}

struct result app_erase_expired(struct app *app, const struct actor *who, const char *before, bool dry_run,
				struct erasure_counts *out)
{
	struct result r = result_new(app->arena);
	memset(out, 0, sizeof *out);
	if (!(who->role & ROLE_ADMIN)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	const char *cutoff = cutoff_check(app, &r, before);
	if (!cutoff)
		return r;

	/* The candidates are chosen inside the write transaction, so nothing recorded
	 * meanwhile can be erased unseen. A dry run does all of it and rolls back: its
	 * counts are exactly what a real run would erase. */
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_erasure_candidates(app->store, app->arena, cutoff, &ids, &n);
	for (size_t i = 0; rc == IPS_OK && i < n; i++) {
		rc = store_client_erase(app->store, ids[i], out);
		if (rc == IPS_OK)
			rc = app_audit(app, who, "client.erase", "client", ids[i], "");
	}
	/* The summary: entity_id is how many people the run erased; "before" names the
	 * field that chose them. */
	if (rc == IPS_OK)
		rc = app_audit(app, who, "erasure.run", "erasure", (int64_t)n, "before");
	if (dry_run) {
		store_rollback(app->store);
		if (rc != IPS_OK) {
			memset(out, 0, sizeof *out);
			result_set(&r, RES_FAILED, "The records could not be read. Try again; if it happens again, "
						   "tell your administrator.");
		}
		return r;
	}
	r = finish(app, rc, r);
	if (!result_ok(&r))
		memset(out, 0, sizeof *out);
	else if (n > 0)
		store_wal_checkpoint(app->store);   /* best effort: a reader may hold the WAL */
	return r;
}
