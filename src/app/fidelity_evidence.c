/* app/fidelity_evidence.c — the evidence page and its drill-downs: the ten measurable
 * fidelity items for a period and a service or team, how each was computed, the score
 * it suggests, and the records behind it. The eight items of spec/fidelity-evidence.md
 * come from app_fidelity_evidence_on unchanged (so the figures match `ipsdesk fidelity
 * evidence`); V12 and V1 from core/fidelity_records.c. A drill-down shows only
 * pseudonymous references, dates and the measured fields, and reading it is audited.
 * Scope as app/fidelity.c (scope_fidelity_site): admins any site, a reviewer the sites
 * assigned to them, a team leader their own; any other site reads as not found. */
#include <stdio.h>
#include <string.h>
#include "app/fidelity.h"
#include "app/fidelity_evidence.h"
#include "app/internal.h"
#include "core/codes.h"
#include "core/fidelity.h"
#include "core/fidelity_records.h"
#include "store/fidelity_evidence.h"
#include "util/arena.h"

enum { E_S1, E_V4, E_V6, E_V8, E_V9, E_V10, E_V12, E_V13, E_O6, E_V1 };
const char *const FE_ITEM_CODES[FE_NITEMS] = {"S1", "V4", "V6", "V8", "V9", "V10", "V12", "V13", "O6", "V1"};
static const char *const TITLES[FE_NITEMS] = {
	"Caseload size", "Rapid job search for competitive job", "Job development: frequent employer contact",
	"Diversity of job types", "Diversity of employers", "Competitive jobs",
	"Time-unlimited follow-along supports", "Community-based services", "Zero exclusion criteria",
	"Work incentives planning",
};
/* core/fidelity.h's index of each item, or -1 for V12 and V1 */
static const int CORE_KEY[FE_NITEMS] = {FID_S1, FID_V4, FID_V6, FID_V8, FID_V9, FID_V10, -1, FID_V13, FID_O6, -1};

int fe_item_index(const char *code)
{
	for (int k = 0; code && k < FE_NITEMS; k++)
		if (strcmp(code, FE_ITEM_CODES[k]) == 0)
			return k;
	return -1;
}

static bool may_review(const struct actor *who)
{
	return who->role & (ROLE_ADMIN | ROLE_REVIEWER | ROLE_TEAM_LEADER);
}

/* "1.5" from hundredths; "1" for 100 */
static const char *hundredths(struct app *app, int64_t v)
{
	if (v % 100 == 0)
		return arena_printf(app->arena, "%lld", (long long)(v / 100));
	if (v % 10 == 0)
		return arena_printf(app->arena, "%lld.%lld", (long long)(v / 100), (long long)(v % 100 / 10));
	return arena_printf(app->arena, "%lld.%02lld", (long long)(v / 100), (long long)(v % 100));
}

static const char *shown(struct app *app, struct fraction f, const char *suffix)
{
	char v[32];
	fraction_format(f, 1, v);
	return arena_printf(app->arena, "%s%s", v, suffix);
}

static const char *plural(struct app *app, int64_t n, const char *one, const char *many)
{
	return arena_printf(app->arena, "%lld %s", (long long)n, n == 1 ? one : many);
}

static day_t day_of(const char *iso)
{
	day_t d;
	return iso && date_parse(iso, &d) ? d : OC_NO_DAY;
}

/* The records V12 and V1 are computed from, with the scope they were read for. */
struct fe_inputs {
	struct report_scope sc;
	struct fe_rec *support, *jobs;
	size_t nsupport, njobs;
	struct fr_support *items;
	struct fr_job *frjobs;
	day_t from, to;
};

/* Checks who asks and what for; fills out's period and scope and the eight items of
 * the spec, and reads V12 and V1. */
static struct result evidence(struct app *app, const struct actor *who, const struct fe_query *q,
			      struct fe_evidence *out, struct fe_inputs *in)
{
	struct result r = result_new(app->arena);
	memset(out, 0, sizeof *out);
	memset(in, 0, sizeof *in);
	if (!may_review(who)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	int64_t scale_id = 0;
	struct report_query rq = {0};
	if (q->review > 0) {
		struct review_record rec;
		struct result g = app_review_get(app, who, q->review, &rec);
		if (!result_ok(&g))
			return g;
		rq.from = rec.review.period_from;
		rq.to = rec.review.period_to;
		if (rec.review.team_code)
			rq.team = rec.review.team_code;
		else
			rq.site = rec.review.site_code;
		scale_id = rec.review.scale_id;
		out->review = q->review;
	} else {
		rq.from = nz(q->from);
		rq.to = nz(q->to);
		rq.site = nz(q->site);
		rq.team = nz(q->team);
	}

	/* the scope: one service or one team the actor may see */
	struct site site = {0};
	struct team team = {0};
	bool found = false;
	if (rq.site && rq.team) {
		result_field(&r, "scope", "Choose a service or a team, not both");
	} else if (rq.team) {
		found = store_team_by_code(app->store, app->arena, rq.team, &team) == IPS_OK &&
			store_site_get(app->store, app->arena, team.site_id, &site) == IPS_OK;
		if (!found)
			result_field(&r, "scope", arena_printf(app->arena, "There is no team with the code %s", rq.team));
	} else if (rq.site) {
		found = store_site_by_code(app->store, app->arena, rq.site, &site) == IPS_OK;
		if (!found)
			result_field(&r, "scope", arena_printf(app->arena, "There is no service with the code %s", rq.site));
	} else {
		result_field(&r, "scope", "Choose the service or team");
	}
	if (found && !scope_fidelity_site(app, who, site.id)) {
		result_set(&r, RES_NOT_FOUND, NULL);   /* as app/fidelity.c: nothing of another site is told */
		return r;
	}

	/* the period */
	day_t from = 0, to = 0;
	if (!rq.from)
		result_field(&r, "from", "Enter the first day of the period");
	else if (!date_parse(rq.from, &from))
		result_field(&r, "from", "The first day of the period must be a real date, for example 2026-04-01");
	if (!rq.to)
		result_field(&r, "to", "Enter the last day of the period");
	else if (!date_parse(rq.to, &to))
		result_field(&r, "to", "The last day of the period must be a real date, for example 2026-06-30");
	else if (rq.from && date_parse(rq.from, &from) && to < from)
		result_field(&r, "to", "The last day of the period must be the same as or after the first day");
	if (!result_ok(&r))
		return r;

	char *fi = arena_alloc(app->arena, 11), *ti = arena_alloc(app->arena, 11);
	date_iso(from, fi);
	date_iso(to, ti);
	out->from = fi;
	out->to = ti;
	out->site_id = site.id;
	if (found && rq.team) {
		out->team_code = team.code;
		out->team_id = team.id;
		out->scope_label = arena_printf(app->arena, "%s (a team of %s)", team.name, site.name);
	} else {
		out->site_code = site.code;
		out->scope_label = arena_printf(app->arena, "%s (the whole service)", site.name);
	}
	rq.from = fi;
	rq.to = ti;

	struct fidelity_evidence ev;
	struct result er = app_fidelity_evidence_on(app, who, &rq, scale_id, &ev);
	if (!result_ok(&er))
		return er;

	in->sc = (struct report_scope){.site_code = out->site_code, .team_code = out->team_code};
	in->from = from;
	in->to = to;
	int rc = store_snapshot_begin(app->store);
	if (rc == IPS_OK)
		rc = store_fe_records(app->store, app->arena, FE_V12_ITEMS, &in->sc, fi, ti, &in->support, &in->nsupport);
	if (rc == IPS_OK)
		rc = store_fe_records(app->store, app->arena, FE_V1_JOBS, &in->sc, fi, ti, &in->jobs, &in->njobs);
	store_snapshot_end(app->store);
	if (rc != IPS_OK) {
		result_set(&r, RES_FAILED, "The figures could not be read");
		return r;
	}
	in->items = arena_alloc(app->arena, (in->nsupport + 1) * sizeof *in->items);
	for (size_t i = 0; i < in->nsupport; i++) {
		const struct fe_rec *x = &in->support[i];
		struct fr_support *it = &in->items[i];
		*it = (struct fr_support){.kind = SK_NKINDS, .status = SS_CANCELLED, .due = day_of(x->d3),
					  .in_scope = x->in_scope};
		if (!support_kind_parse(x->code, &it->kind) || !support_status_parse(x->other, &it->status))
			it->kind = SK_NKINDS;   /* unknown: counts nowhere */
	}
	in->frjobs = arena_alloc(app->arena, (in->njobs + 1) * sizeof *in->frjobs);
	for (size_t i = 0; i < in->njobs; i++) {
		const struct fe_rec *x = &in->jobs[i];
		in->frjobs[i] = (struct fr_job){.client_id = x->client_id, .started = day_of(x->d1),
						.received = day_of(x->d2), .ref = x->job_ref, .in_scope = x->in_scope,
						.first_advice = day_of(x->d3)};
	}

	/* the items, in words */
	int64_t days = (int64_t)to - from + 1;
	for (int i = 0; i < FE_NITEMS; i++) {
		struct fe_item *it = &out->items[i];
		it->code = FE_ITEM_CODES[i];
		it->title = TITLES[i];
		struct fraction f = {0, 0};
		if (CORE_KEY[i] >= 0) {
			f = ev.items[CORE_KEY[i]].value;
			it->score = ev.items[CORE_KEY[i]].score;
		} else if (i == E_V12) {
			f = fidelity_v12(in->items, in->nsupport, from, to, app->today);
		} else {
			f = fidelity_v1(in->frjobs, in->njobs, from, to);
		}
		switch (i) {
		case E_S1:
			if (f.den) {
				it->value = shown(app, f, " people per full-time specialist");
				it->how = arena_printf(app->arena, "%s on the caseload on the last day of the period (referrals "
					"open then, seen by then and allocated to one of the specialists counted) divided by %s "
					"full-time-equivalent specialists (those in scope who recorded any contact in the period).",
					plural(app, f.num / 100, "person", "people"), hundredths(app, f.den));
			} else {
				it->how = "No specialist in scope recorded a contact in the period, so there is no caseload "
					  "per specialist to show.";
			}
			break;
		case E_V4:
			if (f.den)
				it->value = shown(app, f, " days");
			it->how = f.den ? arena_printf(app->arena, "The mean number of days from referral to the first "
				"face-to-face contact with an employer about the person, over %s whose first employer "
				"contact was in the period: %lld days in all divided by %lld.",
				plural(app, f.den, "referral", "referrals"), (long long)f.num, (long long)f.den)
					: "No referral in scope had its first employer contact in the period.";
			break;
		case E_V6:
			if (f.den) {
				it->value = shown(app, f, " a week per specialist");
				it->how = arena_printf(app->arena, "%s (face to face, attended, by specialists in scope) "
					"times 7, divided by %s times %lld days in the period.",
					plural(app, f.num / 7, "employer contact", "employer contacts"),
					plural(app, f.den / days, "specialist", "specialists"), (long long)days);
			} else {
				it->how = "No specialist in scope recorded a contact in the period.";
			}
			break;
		case E_V8:
		case E_V9:
			if (f.den)
				it->value = shown(app, f, "%");
			it->how = f.den ? arena_printf(app->arena, "%lld different %s among %s started in the period "
				"with %s recorded, as a percentage.", (long long)(f.num / 100),
				i == E_V8 ? "job types" : "employers", plural(app, f.den, "job", "jobs"),
				i == E_V8 ? "a job type" : "an employer")
					: arena_printf(app->arena, "No job in scope started in the period with %s recorded.",
						       i == E_V8 ? "a job type" : "an employer");
			break;
		case E_V10:
			if (f.den)
				it->value = shown(app, f, "%");
			it->how = f.den ? arena_printf(app->arena, "%lld of %s started in the period are competitive, "
				"as a percentage.", (long long)(f.num / 100), plural(app, f.den, "job", "jobs"))
					: "No job in scope started in the period.";
			break;
		case E_V12:
			if (f.den)
				it->value = shown(app, f, "%");
			it->how = f.den ? arena_printf(app->arena, "%lld of %s due in the period were met on time, as a "
				"percentage. Counted: the contact within 3 days after a job starts, the weekly contacts in "
				"its first month and the monthly contacts after, whose window ended in the period and "
				"whose outcome is known (met, or missed); cancelled ones and ones still open are left out.",
				(long long)(f.num / 100), plural(app, f.den, "in-work support contact", "in-work support contacts"))
					: "No in-work support contact of a job in scope fell due in the period.";
			break;
		case E_V13:
			if (f.den)
				it->value = shown(app, f, "%");
			it->how = f.den ? arena_printf(app->arena, "%lld minutes in the community out of %lld minutes of "
				"contacts recorded by specialists in scope in the period with a place and a length, as a "
				"percentage.", (long long)(f.num / 100), (long long)f.den)
					: "No contact by a specialist in scope in the period has both a place and a length recorded.";
			break;
		case E_O6:
			it->value = arena_printf(app->arena, "%lld", (long long)f.num);
			it->warning = f.num > 0;
			it->how = arena_printf(app->arena, "%s closed in the period before any direct contact with the "
				"person, for a reason other than the person's choice or moving away: the trace of "
				"screening people out.", plural(app, f.num, "referral", "referrals"));
			break;
		case E_V1:
			if (f.den)
				it->value = shown(app, f, "%");
			it->how = f.den ? arena_printf(app->arena, "%lld of %s whose first job started in the period had "
				"benefits advice recorded on or before the day it started, as a percentage.",
				(long long)(f.num / 100), plural(app, f.den, "person", "people"))
					: "Nobody in scope started their first job in the period.";
			break;
		}
		if (i == E_O6)
			it->score_text = it->warning ? "A warning, not a score: check each of these referrals"
						     : "No warning: none in this period";
		else if (!it->value)
			it->score_text = "No score suggested: no data in this period";
		else if (i == E_V12 || i == E_V1)
			it->score_text = "Shown as a percentage: the scale sets no thresholds, so no score is suggested";
		else if (it->score)
			it->score_text = arena_printf(app->arena, "Suggests a score of %d", it->score);
		else
			it->score_text = "No score suggested: this version of the scale sets no thresholds for it";
	}
	return r;
}

struct result app_fe_evidence(struct app *app, const struct actor *who, const struct fe_query *q,
			      struct fe_evidence *out)
{
	struct fe_inputs in;
	return evidence(app, who, q, out, &in);
}

/* ---- drill-downs ------------------------------------------------------------------------- */

static void table_init(struct app *app, struct fe_table *t, const char *caption, size_t ncols,
		       const char *const *cols, unsigned date_cols, unsigned numeric_cols, size_t maxrows)
{
	memset(t, 0, sizeof *t);
	t->caption = caption;
	t->ncols = ncols;
	for (size_t c = 0; c < ncols && c < FE_MAX_COLS; c++)
		t->cols[c] = cols[c];
	t->date_cols = date_cols;
	t->numeric_cols = numeric_cols;
	t->cells = arena_alloc(app->arena, (maxrows * ncols + 1) * sizeof *t->cells);
}

/* Appends a row of t->ncols cells. */
static void row(struct fe_table *t, const char *const *cells)
{
	memcpy(&t->cells[t->nrows * t->ncols], cells, t->ncols * sizeof *cells);
	t->nrows++;
	t->total++;
}

/* Keeps only page's rows (1-based) of t. */
static void paginate(struct fe_table *t, int page)
{
	size_t first = (size_t)(page - 1) * FE_PAGE_ROWS;
	if (first >= t->nrows) {
		t->nrows = 0;
		return;
	}
	t->cells += first * t->ncols;
	t->nrows -= first;
	if (t->nrows > FE_PAGE_ROWS)
		t->nrows = FE_PAGE_ROWS;
}

static const char *days_between(struct app *app, const char *a, const char *b)
{
	day_t x = day_of(a), y = day_of(b);
	if (x == OC_NO_DAY || y == OC_NO_DAY)
		return "";
	return arena_printf(app->arena, "%lld", (long long)((int64_t)y - x));
}

static const char *or_none(const char *s, const char *none)
{
	return s && *s ? s : none;
}

struct result app_fe_drill(struct app *app, const struct actor *who, const struct fe_query *q,
			   const char *code, int page, struct fe_drill *out)
{
	memset(out, 0, sizeof *out);
	struct fe_inputs in;
	struct result r = evidence(app, who, q, &out->ev, &in);
	if (!result_ok(&r))
		return r;
	int item = fe_item_index(code);
	if (item < 0) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	out->item = item;
	out->page = page < 1 ? 1 : page;

	enum fe_read reads[2];
	size_t nreads = 0;
	switch (item) {
	case E_S1: reads[nreads++] = FE_S1_SPECIALISTS; reads[nreads++] = FE_S1_REFERRALS; break;
	case E_V4: reads[nreads++] = FE_V4_REFERRALS; break;
	case E_V6: reads[nreads++] = FE_V6_SPECIALISTS; break;
	case E_V8: case E_V9: case E_V10: reads[nreads++] = FE_JOBS_STARTED; break;
	case E_V13: reads[nreads++] = FE_V13_CONTACTS; break;
	case E_O6: reads[nreads++] = FE_O6_REFERRALS; break;
	default: break;   /* V12, V1: read with the figures */
	}
	struct fe_rec *recs[2] = {NULL, NULL};
	size_t nrecs[2] = {0, 0};
	int rc = IPS_OK;
	if (nreads) {
		rc = store_snapshot_begin(app->store);
		for (size_t i = 0; i < nreads && rc == IPS_OK; i++)
			rc = store_fe_records(app->store, app->arena, reads[i], &in.sc, out->ev.from, out->ev.to,
					      &recs[i], &nrecs[i]);
		store_snapshot_end(app->store);
	}
	if (rc != IPS_OK) {
		result_set(&r, RES_FAILED, "The records could not be read");
		return r;
	}

	struct fe_table *t = out->tables;
	switch (item) {
	case E_S1: {
		static const char *const c1[] = {"Specialist", "Full-time equivalent"};
		table_init(app, &t[0], "Specialists counted (any contact recorded in the period)", 2, c1, 0, 2, nrecs[0]);
		for (size_t i = 0; i < nrecs[0]; i++)
			row(&t[0], (const char *[]){recs[0][i].ref, hundredths(app, recs[0][i].n1)});
		static const char *const c2[] = {"Referral", "Specialist", "Referral received", "First direct contact"};
		table_init(app, &t[1], "People on the caseload on the last day of the period", 4, c2, 4 | 8, 0, nrecs[1]);
		for (size_t i = 0; i < nrecs[1]; i++)
			row(&t[1], (const char *[]){recs[1][i].ref, recs[1][i].code, recs[1][i].d1, recs[1][i].d2});
		out->ntables = 2;
		break;
	}
	case E_V4: {
		static const char *const c[] = {"Referral", "Referral received", "First employer contact", "Days"};
		table_init(app, &t[0], "Referrals whose first face-to-face employer contact was in the period", 4, c,
			   2 | 4, 8, nrecs[0]);
		for (size_t i = 0; i < nrecs[0]; i++)
			row(&t[0], (const char *[]){recs[0][i].ref, recs[0][i].d1, recs[0][i].d2,
						    days_between(app, recs[0][i].d1, recs[0][i].d2)});
		out->ntables = 1;
		break;
	}
	case E_V6: {
		static const char *const c[] = {"Specialist", "Face-to-face employer contacts"};
		table_init(app, &t[0], "Specialists counted (any contact recorded in the period)", 2, c, 0, 2, nrecs[0]);
		for (size_t i = 0; i < nrecs[0]; i++)
			row(&t[0], (const char *[]){recs[0][i].ref,
						    arena_printf(app->arena, "%lld", (long long)recs[0][i].n1)});
		out->ntables = 1;
		break;
	}
	case E_V8: case E_V9: case E_V10: {
		static const char *const c[] = {"Job", "Referral", "Started", "Job type", "Employer", "Competitive"};
		table_init(app, &t[0], item == E_V8 ? "Jobs started in the period (those with no job type are not counted)"
				       : item == E_V9 ? "Jobs started in the period (those with no employer are not counted)"
						      : "Jobs started in the period",
			   6, c, 4, 0, nrecs[0]);
		for (size_t i = 0; i < nrecs[0]; i++)
			row(&t[0], (const char *[]){recs[0][i].job_ref, recs[0][i].ref, recs[0][i].d1,
						    or_none(recs[0][i].code, "Not recorded"),
						    or_none(recs[0][i].other, "Not recorded"),
						    recs[0][i].flag ? "Yes" : "No"});
		out->ntables = 1;
		break;
	}
	case E_V13: {
		static const char *const c[] = {"Date", "Specialist", "Place", "Minutes"};
		table_init(app, &t[0], "Specialists' contacts in the period with a place and a length", 4, c, 1, 8,
			   nrecs[0]);
		for (size_t i = 0; i < nrecs[0]; i++)
			row(&t[0], (const char *[]){recs[0][i].d1, recs[0][i].ref,
						    strcmp(or_none(recs[0][i].code, ""), "community") == 0 ? "Community"
													   : "Office",
						    arena_printf(app->arena, "%lld", (long long)recs[0][i].n1)});
		out->ntables = 1;
		break;
	}
	case E_O6: {
		static const char *const c[] = {"Referral", "Referral received", "Closed", "Reason"};
		table_init(app, &t[0], "Referrals closed in the period before a first direct contact", 4, c, 2 | 4, 0,
			   nrecs[0]);
		for (size_t i = 0; i < nrecs[0]; i++)
			row(&t[0], (const char *[]){recs[0][i].ref, recs[0][i].d1, recs[0][i].d2,
						    or_none(code_label(CODES_CLOSE_REASON, recs[0][i].code), recs[0][i].code)});
		out->ntables = 1;
		break;
	}
	case E_V12: {
		static const char *const c[] = {"Referral", "Job", "Job started", "Contact due", "Window from",
						"Window to", "Outcome"};
		table_init(app, &t[0], "In-work support contacts due in the period", 7, c, 4 | 16 | 32, 0, in.nsupport);
		for (size_t i = 0; i < in.nsupport; i++) {
			const struct fe_rec *x = &in.support[i];
			const struct fr_support *it = &in.items[i];
			if (!it->in_scope || (it->kind != SK_AFTER_START && it->kind != SK_WEEKLY && it->kind != SK_MONTHLY))
				continue;
			char label[48];
			support_item_label(it->kind, (int)x->n1, label, sizeof label);
			const char *outcome;
			switch (fidelity_v12_item(it, in.from, in.to, app->today)) {
			case FR_V12_MET:
				if (x->d4 && day_of(x->d4) != OC_NO_DAY) {
					char when[40];
					date_long(day_of(x->d4), when, sizeof when);
					outcome = arena_printf(app->arena, "Met (contact on %s)", when);
				} else {
					outcome = "Met";
				}
				break;
			case FR_V12_MISSED: outcome = "Missed"; break;
			default:
				outcome = it->status == SS_CANCELLED ? "Cancelled (the job ended): not counted"
								     : "Not yet due: not counted";
				break;
			}
			row(&t[0], (const char *[]){x->ref, x->job_ref, x->d1, arena_strdup(app->arena, label), x->d2, x->d3,
						    outcome});
		}
		out->ntables = 1;
		break;
	}
	case E_V1: {
		static const char *const c[] = {"Referral", "First job", "Started", "Earliest benefits advice",
						"Advice on or before the start"};
		size_t *first = arena_alloc(app->arena, (in.njobs + 1) * sizeof *first);
		bool *advised = arena_alloc(app->arena, (in.njobs + 1) * sizeof *advised);
		long people = fidelity_v1_people(in.frjobs, in.njobs, in.from, in.to, first, advised);
		if (people < 0) {
			result_set(&r, RES_FAILED, "The records could not be read");
			return r;
		}
		table_init(app, &t[0], "People whose first job started in the period", 5, c, 4 | 8, 0, (size_t)people);
		for (long i = 0; i < people; i++) {
			const struct fe_rec *x = &in.jobs[first[i]];
			row(&t[0], (const char *[]){x->ref, x->job_ref, x->d1, x->d3 ? x->d3 : "None recorded",
						    advised[i] ? "Yes" : "No"});
		}
		out->ntables = 1;
		break;
	}
	}
	size_t most = 0;
	for (size_t i = 0; i < out->ntables; i++)
		if (t[i].total > most)
			most = t[i].total;
	out->pages = most ? (int)((most + FE_PAGE_ROWS - 1) / FE_PAGE_ROWS) : 1;
	if (out->page > out->pages)
		out->page = out->pages;
	for (size_t i = 0; i < out->ntables; i++)
		paginate(&t[i], out->page);

	const char *entity = out->ev.team_id ? "team" : "site";
	int64_t id = out->ev.team_id ? out->ev.team_id : out->ev.site_id;
	return audit_read(app, who, "fidelity_evidence.view", entity, id, FE_ITEM_CODES[item], r);
}
