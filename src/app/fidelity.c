/* app/fidelity.c — fidelity reviews: starting one for a site or a team, scoring its
 * items beside the evidence the records suggest, the action plan, signing off (which
 * locks it: RES_CONFLICT after) and starting a new review from an old one; the fidelity
 * dashboard (the measurable items week by week); which sites a reviewer reviews.
 * Scope (scope_fidelity_site): admins see and edit reviews of every site, a reviewer
 * those of the sites assigned to them, a team leader only their own site's, and
 * anything else reads as not found. Nothing here reads a person's record. */
#include <stdio.h>
#include <string.h>
#include "app/fidelity.h"
#include "app/internal.h"
#include "core/breakdowns.h"
#include "core/validate.h"
#include "util/arena.h"

static bool may_review(const struct actor *who)
{
	return who->role & (ROLE_ADMIN | ROLE_REVIEWER | ROLE_TEAM_LEADER);
}

bool scope_fidelity_site(struct app *app, const struct actor *who, int64_t site_id)
{
	if (site_id <= 0)
		return false;
	if (who->role & ROLE_ADMIN)
		return true;
	if ((who->role & ROLE_TEAM_LEADER) && who->site_id && who->site_id == site_id)
		return true;
	return (who->role & ROLE_REVIEWER) && who->account_id &&
	       store_reviewer_site_has(app->store, who->account_id, site_id) == IPS_OK;
}

static bool may_sign(const struct actor *who, int64_t site_id)
{
	if (who->role & ROLE_ADMIN)
		return true;
	return (who->role & ROLE_TEAM_LEADER) && who->site_id && who->site_id == site_id;
}

static bool load_review(struct app *app, const struct actor *who, int64_t id, struct fid_review *rv,
			struct result *r)
{
	if (!may_review(who)) {
		result_set(r, RES_REFUSED, NULL);
		return false;
	}
	if (id <= 0 || store_fid_review_get(app->store, app->arena, id, rv) != IPS_OK ||
	    !scope_fidelity_site(app, who, rv->site_id)) {
		result_set(r, RES_NOT_FOUND, NULL);
		return false;
	}
	return true;
}

static void locked(struct app *app, const struct fid_review *rv, struct result *r)
{
	char when[11] = "";
	if (rv->signed_at)
		snprintf(when, sizeof when, "%.10s", rv->signed_at);
	day_t d;
	char shown[40];
	snprintf(shown, sizeof shown, "%s", when);
	if (date_parse(when, &d))
		date_long(d, shown, sizeof shown);
	result_set(r, RES_CONFLICT, arena_printf(app->arena, "This review was signed off on %s and is locked: it can "
							     "no longer be changed. Start a new review from it to make "
							     "changes.", shown));
}

/* A required real date, or NULL after an error. label reads after "the". */
static const char *date_field(struct app *app, struct result *r, const char *field, const char *value,
			      const char *label, day_t *d)
{
	if (!nz(value)) {
		result_field(r, field, arena_printf(app->arena, "Enter the %s", label));
		return NULL;
	}
	if (!date_parse(value, d)) {
		result_field(r, field, arena_printf(app->arena, "The %s must be a real date", label));
		return NULL;
	}
	char *iso = arena_alloc(app->arena, 11);
	date_iso(*d, iso);
	return iso;
}

/* The header fields every review form carries, into rv. */
static void validate_header(struct app *app, struct result *r, const struct review_form *in, struct fid_review *rv)
{
	const char *why;
	day_t vf = 0, vt = 0, pf = 0, pt = 0;
	rv->visit_from = date_field(app, r, "visit_from", in->visit_from, "first day of the review", &vf);
	rv->visit_to = date_field(app, r, "visit_to", in->visit_to, "last day of the review", &vt);
	if (rv->visit_from && rv->visit_to && vt < vf)
		result_field(r, "visit_to", "The last day of the review must be the same as or after the first day");
	rv->period_from = date_field(app, r, "period_from", in->period_from, "first day of the evidence period", &pf);
	rv->period_to = date_field(app, r, "period_to", in->period_to, "last day of the evidence period", &pt);
	if (rv->period_from && rv->period_to && pt < pf)
		result_field(r, "period_to", "The last day of the evidence period must be the same as or after the first day");
	rv->reviewers = nz(in->reviewers);
	if (!rv->reviewers)
		result_field(r, "reviewers", "Enter the names of the reviewers");
	else if (!valid_text(rv->reviewers, 500, false, &why))
		result_field(r, "reviewers", why);
	if (!in->header_only) {
		rv->strengths = nz(in->strengths);
		if (rv->strengths && !valid_text(rv->strengths, 8000, true, &why))
			result_field(r, "strengths", why);
	}
}

/* The evidence the records hold for the review's period and scope, scored with its
 * scale's thresholds, into one row per item (items ipsdesk cannot measure get none). */
static void review_evidence(struct app *app, const struct actor *who, const struct fid_review *rv,
			    const struct fid_item *items, size_t n, struct fid_review_item *out)
{
	struct report_query q = {.from = rv->period_from, .to = rv->period_to};
	if (rv->team_code)
		q.team = rv->team_code;
	else
		q.site = rv->site_code;
	struct fidelity_evidence ev;
	struct result er = app_fidelity_evidence_on(app, who, &q, rv->scale_id, &ev);
	for (size_t i = 0; i < n; i++) {
		out[i].item_id = items[i].id;
		out[i].evidence_value = NULL;
		out[i].evidence_score = 0;
		int k = fidelity_item_key(items[i].code);
		if (k < 0 || !result_ok(&er) || ev.items[k].value.den == 0)
			continue;
		char v[32];
		fraction_format(ev.items[k].value, ev.items[k].places, v);
		out[i].evidence_value = arena_strdup(app->arena, v);
		out[i].evidence_score = ev.items[k].score;
	}
}

/* Reads the scope of a new review ("site:CODE" or "team:CODE") into rv. */
static void validate_scope(struct app *app, const struct actor *who, struct result *r, const char *scope,
			   struct fid_review *rv)
{
	const char *v = nz(scope);
	struct site site;
	struct team team;
	bool ok = false;
	if (v && strncmp(v, "site:", 5) == 0 && store_site_by_code(app->store, app->arena, v + 5, &site) == IPS_OK) {
		rv->site_id = site.id;
		rv->site_code = site.code;
		ok = true;
	} else if (v && strncmp(v, "team:", 5) == 0 &&
		   store_team_by_code(app->store, app->arena, v + 5, &team) == IPS_OK &&
		   store_site_get(app->store, app->arena, team.site_id, &site) == IPS_OK) {
		rv->site_id = site.id;
		rv->site_code = site.code;
		rv->team_id = team.id;
		rv->team_code = team.code;
		ok = true;
	}
	if (!ok || !scope_fidelity_site(app, who, rv->site_id))
		result_field(r, "scope", "Choose the service or team to review from the list");
}

struct result app_review_scopes(struct app *app, const struct actor *who, struct review_scope **out, size_t *n)
{
	struct result r = result_new(app->arena);
	*out = NULL;
	*n = 0;
	if (!may_review(who)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	struct site *sites;
	struct team *teams;
	size_t nsites, nteams;
	if (store_sites_list(app->store, app->arena, &sites, &nsites) != IPS_OK ||
	    store_teams_list(app->store, app->arena, 0, &teams, &nteams) != IPS_OK) {
		result_set(&r, RES_FAILED, "The services and teams could not be read");
		return r;
	}
	*out = arena_alloc(app->arena, (nsites + nteams + 1) * sizeof **out);
	for (size_t i = 0; i < nsites; i++) {
		if (!scope_fidelity_site(app, who, sites[i].id))
			continue;
		(*out)[(*n)++] = (struct review_scope){arena_printf(app->arena, "site:%s", sites[i].code),
						       arena_printf(app->arena, "%s (the whole service)", sites[i].name)};
		for (size_t t = 0; t < nteams; t++)
			if (teams[t].site_id == sites[i].id)
				(*out)[(*n)++] = (struct review_scope){
					arena_printf(app->arena, "team:%s", teams[t].code),
					arena_printf(app->arena, "%s (a team of %s)", teams[t].name, sites[i].name)};
	}
	return r;
}

/* Writes a new draft rv with the given item rows (scores may be copied) and actions. */
static int review_insert(struct app *app, const struct actor *who, struct fid_review *rv,
			 struct fid_review_item *rows, size_t n, const struct fid_action *actions, size_t nactions,
			 int64_t *id)
{
	rv->created_by = who->account_id;
	rv->created_at = app->now_iso;
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_fid_review_insert(app->store, rv, id);
	for (size_t i = 0; i < n && rc == IPS_OK; i++)
		rc = store_fid_review_item_put(app->store, *id, &rows[i]);
	if (rc == IPS_OK && nactions)
		rc = store_fid_actions_replace(app->store, *id, actions, nactions);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "fidelity_review.create", "fidelity_review", *id,
			       rv->copied_from ? "copied_from,site,team,visit_from,visit_to,period_from,period_to,reviewers,"
						 "strengths,scores,notes,actions"
					       : "site,team,visit_from,visit_to,period_from,period_to,reviewers");
	return rc;
}

struct result app_review_create(struct app *app, const struct actor *who, const struct review_form *in)
{
	struct result r = result_new(app->arena);
	if (!may_review(who)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	struct fid_review rv = {0};
	validate_scope(app, who, &r, in->scope, &rv);
	validate_header(app, &r, in, &rv);
	if (!result_ok(&r))
		return r;
	struct fid_scale sc;
	struct fid_item *items;
	size_t n;
	if (store_fid_scale_get(app->store, app->arena, 0, &sc) != IPS_OK ||
	    store_fid_items(app->store, app->arena, sc.id, &items, &n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The fidelity scale could not be read");
		return r;
	}
	rv.scale_id = sc.id;
	struct fid_review_item *rows = arena_alloc(app->arena, (n + 1) * sizeof *rows);
	memset(rows, 0, (n + 1) * sizeof *rows);
	review_evidence(app, who, &rv, items, n, rows);
	int64_t id = 0;
	int rc = review_insert(app, who, &rv, rows, n, NULL, 0, &id);
	r.id = id;
	return finish(app, rc, r);
}

struct result app_review_get(struct app *app, const struct actor *who, int64_t id, struct review_record *out)
{
	struct result r = result_new(app->arena);
	memset(out, 0, sizeof *out);
	if (!load_review(app, who, id, &out->review, &r))
		return r;
	size_t nscored = 0;
	int rc = store_fid_items(app->store, app->arena, out->review.scale_id, &out->items, &out->nitems);
	if (rc == IPS_OK)
		rc = store_fid_review_items(app->store, app->arena, id, out->review.scale_id, &out->scored, &nscored);
	if (rc == IPS_OK)
		rc = store_fid_actions(app->store, app->arena, id, &out->actions, &out->nactions);
	if (rc != IPS_OK || nscored != out->nitems) {
		result_set(&r, RES_FAILED, "The review could not be read");
		return r;
	}
	out->complete = out->nitems > 0;
	for (size_t i = 0; i < out->nitems; i++)
		out->complete &= out->scored[i].score > 0;
	bool draft = strcmp(out->review.status, "draft") == 0;
	out->may_edit = draft;
	out->may_sign = draft && may_sign(who, out->review.site_id);
	r.id = id;
	return r;
}

struct result app_reviews(struct app *app, const struct actor *who, struct fid_review **out, size_t *n)
{
	struct result r = result_new(app->arena);
	*out = NULL;
	*n = 0;
	if (!may_review(who)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	int64_t site = (who->role & (ROLE_ADMIN | ROLE_REVIEWER)) ? 0 : who->site_id;
	if (!site && !(who->role & (ROLE_ADMIN | ROLE_REVIEWER)))
		return r;   /* a team leader of no site sees none */
	if (store_fid_reviews_list(app->store, app->arena, site, out, n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The reviews could not be read");
		return r;
	}
	if (who->role & ROLE_ADMIN)
		return r;
	size_t kept = 0;   /* a reviewer: only the sites assigned to them */
	for (size_t i = 0; i < *n; i++)
		if (scope_fidelity_site(app, who, (*out)[i].site_id))
			(*out)[kept++] = (*out)[i];
	*n = kept;
	return r;
}

static bool same_text(const char *a, const char *b)
{
	a = nz(a);
	b = nz(b);
	return a == b || (a && b && strcmp(a, b) == 0);
}

struct result app_review_update(struct app *app, const struct actor *who, int64_t id, const struct review_form *in)
{
	struct result r = result_new(app->arena);
	struct review_record cur;
	r = app_review_get(app, who, id, &cur);
	if (!result_ok(&r))
		return r;
	r = result_new(app->arena);
	if (!cur.may_edit) {
		locked(app, &cur.review, &r);
		return r;
	}
	struct fid_review rv = cur.review;
	validate_header(app, &r, in, &rv);
	const char *why;
	struct fid_review_item *rows = arena_alloc(app->arena, (cur.nitems + 1) * sizeof *rows);
	memset(rows, 0, (cur.nitems + 1) * sizeof *rows);
	for (size_t i = 0; i < cur.nitems; i++) {
		const struct fid_item *it = &cur.items[i];
		const char *score = i < in->nitems ? nz(in->scores[i]) : NULL;
		const char *note = i < in->nitems ? nz(in->notes[i]) : NULL;
		if (score) {
			if (strlen(score) == 1 && score[0] >= '1' && score[0] <= '5')
				rows[i].score = score[0] - '0';
			else
				result_field(&r, arena_printf(app->arena, "score-%s", it->code),
					     arena_printf(app->arena, "Choose a score from 1 to 5 for %s", it->code));
		}
		if (note && !valid_text(note, 4000, true, &why))
			result_field(&r, arena_printf(app->arena, "note-%s", it->code), why);
		rows[i].note = note;
	}
	struct fid_action actions[FID_MAX_ACTIONS];
	size_t nactions = 0;
	for (size_t i = 0; i < in->nactions && i < FID_MAX_ACTIONS; i++) {
		const char *action = nz(in->actions[i].action), *owner = nz(in->actions[i].owner);
		const char *due = nz(in->actions[i].due_on);
		if (!action && !owner && !due)
			continue;   /* an empty row: none, or one cleared to remove it */
		const char *af = arena_printf(app->arena, "action-%zu", i + 1);
		const char *of = arena_printf(app->arena, "owner-%zu", i + 1);
		const char *df = arena_printf(app->arena, "due-%zu", i + 1);
		if (!action)
			result_field(&r, af, "Enter the action");
		else if (!valid_text(action, 2000, true, &why))
			result_field(&r, af, why);
		if (!owner)
			result_field(&r, of, "Enter who owns this action");
		else if (!valid_text(owner, 200, false, &why))
			result_field(&r, of, why);
		day_t d;
		const char *due_iso = date_field(app, &r, df, due, "date this action is due", &d);
		actions[nactions++] = (struct fid_action){.action = action, .owner = owner, .due_on = due_iso};
	}
	if (!result_ok(&r))
		return r;

	/* the evidence for the period as saved now; then what changed, for the audit entry */
	review_evidence(app, who, &rv, cur.items, cur.nitems, rows);
	struct buf changed = BUF_INIT;
	changed_field(&changed, "visit_from", cur.review.visit_from, rv.visit_from);
	changed_field(&changed, "visit_to", cur.review.visit_to, rv.visit_to);
	changed_field(&changed, "period_from", cur.review.period_from, rv.period_from);
	changed_field(&changed, "period_to", cur.review.period_to, rv.period_to);
	changed_field(&changed, "reviewers", cur.review.reviewers, rv.reviewers);
	changed_field(&changed, "strengths", cur.review.strengths, rv.strengths);
	bool scores = false, notes = false, evidence = false, acts = nactions != cur.nactions;
	for (size_t i = 0; i < cur.nitems; i++) {
		scores |= rows[i].score != cur.scored[i].score;
		notes |= !same_text(rows[i].note, cur.scored[i].note);
		evidence |= rows[i].evidence_score != cur.scored[i].evidence_score ||
			    !same_text(rows[i].evidence_value, cur.scored[i].evidence_value);
	}
	for (size_t i = 0; !acts && i < nactions; i++)
		acts = !same_text(actions[i].action, cur.actions[i].action) ||
		       !same_text(actions[i].owner, cur.actions[i].owner) ||
		       !same_text(actions[i].due_on, cur.actions[i].due_on);
	changed_int(&changed, "scores", scores, false);
	changed_int(&changed, "notes", notes, false);
	changed_int(&changed, "evidence", evidence, false);
	changed_int(&changed, "actions", acts, false);
	const char *fields = arena_strdup(app->arena, buf_str(&changed));
	buf_free(&changed);
	r.id = id;
	if (!*fields)
		return r;   /* nothing changed: nothing to write */
	rv.updated_at = app->now_iso;
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_fid_review_update(app->store, &rv);   /* refuses a review signed meanwhile */
	for (size_t i = 0; i < cur.nitems && rc == IPS_OK; i++)
		rc = store_fid_review_item_put(app->store, id, &rows[i]);
	if (rc == IPS_OK)
		rc = store_fid_actions_replace(app->store, id, actions, nactions);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "fidelity_review.update", "fidelity_review", id, fields);
	if (rc == IPS_ENOTFOUND) {
		store_rollback(app->store);
		locked(app, &cur.review, &r);
		return r;
	}
	return finish(app, rc, r);
}

struct result app_review_sign_off(struct app *app, const struct actor *who, int64_t id)
{
	struct review_record cur;
	struct result r = app_review_get(app, who, id, &cur);
	if (!result_ok(&r))
		return r;
	r = result_new(app->arena);
	if (!cur.may_edit) {
		locked(app, &cur.review, &r);
		return r;
	}
	if (!may_sign(who, cur.review.site_id)) {
		result_set(&r, RES_REFUSED, "Only a team leader of this service or an administrator can sign off a review.");
		return r;
	}
	if (!cur.complete) {
		result_field(&r, "sign_off", arena_printf(app->arena, "Score every item before signing off: %d of %d are scored",
							 cur.review.nscored, cur.review.nitems));
		return r;
	}
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_fid_review_sign(app->store, id, who->account_id, who->name ? who->name : who->username,
					   app->now_iso);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "fidelity_review.sign_off", "fidelity_review", id, "status,signed_by,signed_at");
	if (rc == IPS_ENOTFOUND) {
		store_rollback(app->store);
		locked(app, &cur.review, &r);
		return r;
	}
	r.id = id;
	return finish(app, rc, r);
}

struct result app_review_copy(struct app *app, const struct actor *who, int64_t id)
{
	struct review_record src;
	struct result r = app_review_get(app, who, id, &src);
	if (!result_ok(&r))
		return r;
	r = result_new(app->arena);
	struct fid_scale sc;
	struct fid_item *items;
	size_t n;
	if (store_fid_scale_get(app->store, app->arena, 0, &sc) != IPS_OK ||
	    store_fid_items(app->store, app->arena, sc.id, &items, &n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The fidelity scale could not be read");
		return r;
	}
	struct fid_review rv = src.review;
	rv.id = 0;
	rv.scale_id = sc.id;
	rv.copied_from = id;
	struct fid_review_item *rows = arena_alloc(app->arena, (n + 1) * sizeof *rows);
	memset(rows, 0, (n + 1) * sizeof *rows);
	review_evidence(app, who, &rv, items, n, rows);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < src.nitems; j++)
			if (strcmp(items[i].code, src.items[j].code) == 0) {
				rows[i].score = src.scored[j].score;
				rows[i].note = src.scored[j].note;
			}
	int64_t nid = 0;
	int rc = review_insert(app, who, &rv, rows, n, src.actions, src.nactions, &nid);
	r.id = nid;
	return finish(app, rc, r);
}

/* ---- the fidelity dashboard -------------------------------------------------------------------- */

/* The site (and team) a dashboard query names: "site:CODE" or "team:CODE" in scope, or
 * site or team; false when it names nothing that exists. */
static bool dash_scope(struct app *app, const struct fid_dash_query *q, struct fid_dashboard *d)
{
	const char *v = nz(q->scope);
	const char *site = nz(q->site), *team = nz(q->team);
	if (v && strncmp(v, "site:", 5) == 0)
		site = v + 5;
	else if (v && strncmp(v, "team:", 5) == 0)
		team = v + 5;
	else if (v)
		return false;
	struct site s;
	struct team t;
	if (team) {
		if (store_team_by_code(app->store, app->arena, team, &t) != IPS_OK ||
		    store_site_get(app->store, app->arena, t.site_id, &s) != IPS_OK)
			return false;
		d->team_id = t.id;
		d->team_code = t.code;
		d->scope_value = arena_printf(app->arena, "team:%s", t.code);
		d->scope_label = arena_printf(app->arena, "%s (a team of %s)", t.name, s.name);
	} else {
		if (!site || store_site_by_code(app->store, app->arena, site, &s) != IPS_OK)
			return false;
		d->scope_value = arena_printf(app->arena, "site:%s", s.code);
		d->scope_label = arena_printf(app->arena, "%s (the whole service)", s.name);
	}
	d->site_id = s.id;
	d->site_code = s.code;
	return true;
}

struct result app_fidelity_dashboard(struct app *app, const struct actor *who, const struct fid_dash_query *q,
				     struct fid_dashboard *d)
{
	memset(d, 0, sizeof *d);
	struct result r = app_review_scopes(app, who, &d->scopes, &d->nscopes);
	if (!result_ok(&r))
		return r;
	int weeks;
	if (!opt_int(q->weeks, 1, FID_DASH_MAX_WEEKS, &weeks)) {
		result_field(&r, "weeks", arena_printf(app->arena, "Enter a number of weeks from 1 to %d",
							FID_DASH_MAX_WEEKS));
		weeks = FID_DASH_WEEKS;
	}
	d->weeks = weeks < 0 ? FID_DASH_WEEKS : weeks;
	struct fid_dash_query chosen = *q;
	if (!nz(q->scope) && !nz(q->site) && !nz(q->team)) {
		if (d->nscopes == 0)
			return r;   /* nothing to show: the page says so */
		chosen.scope = d->scopes[0].value;   /* the first service the actor may see */
	}
	if (!dash_scope(app, &chosen, d) || !scope_fidelity_site(app, who, d->site_id)) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	if (!result_ok(&r))
		return r;

	/* Weeks run Monday to Sunday; the newest is the last one ended (on or before today).
	 * One more week than shown, so the oldest shown can be compared with the one before. */
	day_t sunday = app->today - (date_weekday(app->today) + 1) % 7;
	int n = d->weeks + 1;
	struct period *p = arena_alloc(app->arena, (size_t)n * sizeof *p);
	for (int i = 0; i < n; i++) {
		day_t end = sunday - 7 * (n - 1 - i);
		p[i] = (struct period){end - (FID_DASH_WINDOW_DAYS - 1), end};
	}
	char from[11], to[11];
	date_iso(p[0].from, from);
	date_iso(p[n - 1].to, to);
	struct report_query rq = {.from = from, .to = to, .site = d->team_code ? NULL : d->site_code,
				  .team = d->team_code};
	struct fidelity_evidence *ev = arena_alloc(app->arena, (size_t)n * sizeof *ev);
	r = app_fidelity_evidence_periods(app, who, &rq, 0, p, (size_t)n, ev);
	if (!result_ok(&r))
		return r;
	fidelity_scale_bands(app, 0, d->bands);
	d->week = arena_alloc(app->arena, (size_t)d->weeks * sizeof *d->week);
	for (int w = 0; w < d->weeks; w++) {
		struct fid_dash_week *o = &d->week[w];
		o->ends = p[w + 1].to;
		o->ev = ev[w + 1];
		for (int k = 0; k < FID_NITEMS; k++)
			o->before[k] = ev[w].items[k].score;
	}

	/* the signed-off reviews of this same service or team, oldest first */
	struct fid_review *list;
	size_t nlist;
	if (store_fid_reviews_list(app->store, app->arena, d->site_id, &list, &nlist) != IPS_OK) {
		result_set(&r, RES_FAILED, "The reviews could not be read");
		return r;
	}
	d->history = arena_alloc(app->arena, (nlist + 1) * sizeof *d->history);
	for (size_t i = nlist; i-- > 0;)
		if (list[i].team_id == d->team_id && strcmp(list[i].status, "signed") == 0)
			d->history[d->nhistory++] = list[i];
	return r;
}

/* ---- which sites a reviewer reviews ------------------------------------------------------------- */

bool reviewer_site_ids(struct app *app, struct result *r, const char *codes, int64_t **ids, size_t *n)
{
	size_t len = codes ? strlen(codes) : 0;
	char *copy = arena_alloc(app->arena, len + 1);
	memcpy(copy, codes ? codes : "", len + 1);
	*ids = arena_alloc(app->arena, (len / 2 + 2) * sizeof **ids);
	*n = 0;
	bool ok = true;
	for (char *save = NULL, *code = strtok_r(copy, ", \t", &save); code; code = strtok_r(NULL, ", \t", &save)) {
		struct site s;
		if (store_site_by_code(app->store, app->arena, code, &s) != IPS_OK) {
			result_field(r, "reviews", arena_printf(app->arena, "There is no site with the code %s", code));
			ok = false;
			continue;
		}
		(*ids)[(*n)++] = s.id;
	}
	return ok;
}

static bool reviewer_account(struct app *app, struct result *r, const char *username, struct account *acc)
{
	if (!nz(username) || store_account_by_username(app->store, app->arena, username, acc) != IPS_OK) {
		result_field(r, "username", "There is no account with that username");
		return false;
	}
	if (strcmp(acc->staff.role, "reviewer") != 0) {
		result_field(r, "username", "Only a reviewer's account reviews sites: this account's role is not reviewer");
		return false;
	}
	return true;
}

struct result app_reviewer_sites_set(struct app *app, const char *username, const char *codes)
{
	struct result r = result_new(app->arena);
	struct account acc;
	int64_t *ids;
	size_t n;
	bool known = reviewer_account(app, &r, username, &acc);
	if (!reviewer_site_ids(app, &r, codes, &ids, &n) || !known)
		return r;
	struct actor sys = {.role = ROLE_ADMIN, .username = "system"};
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_reviewer_sites_set(app->store, acc.id, ids, n);
	if (rc == IPS_OK)
		rc = app_audit(app, &sys, "account.reviews", "account", acc.id, "reviewer_sites");
	r.id = acc.id;
	return finish(app, rc, r);
}

struct result app_reviewer_sites(struct app *app, const char *username, const char ***out, size_t *n)
{
	struct result r = result_new(app->arena);
	struct account acc;
	int64_t *ids;
	*out = NULL;
	*n = 0;
	if (!reviewer_account(app, &r, username, &acc))
		return r;
	if (store_reviewer_sites(app->store, app->arena, acc.id, &ids, n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The sites could not be read");
		return r;
	}
	*out = arena_alloc(app->arena, (*n + 1) * sizeof **out);
	for (size_t i = 0; i < *n; i++) {
		struct site s;
		(*out)[i] = store_site_get(app->store, app->arena, ids[i], &s) == IPS_OK ? s.code : "?";
	}
	return r;
}
