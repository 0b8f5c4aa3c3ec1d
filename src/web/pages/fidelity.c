/* web/pages/fidelity.c — fidelity reviews (issue 5): the list with each team's history
 * of totals, starting a review, scoring it beside the evidence from the records, signing
 * off, starting a new review from a signed one, the printable report, the fidelity
 * dashboard (the measurable items week by week), the scale itself and the admin's form
 * for loading a revised scale. Handlers only translate: app/ (app/fidelity.h) decides
 * scope, validates and audits. Charts are drawn by /assets/dashboard.js from the tables'
 * own cells: every page reads fully without JavaScript, and no inline script or style. */
#include <stdio.h>
#include <string.h>
#include "app/fidelity.h"
#include "core/fidelity.h"
#include "web/pages/pages.h"
#include "web/html.h"
#include "util/arena.h"

#define BLANK_ACTION_ROWS 3

static const char *review_path(struct request *rq, int64_t id, const char *suffix)
{
	return arena_printf(rq->arena, "/fidelity/reviews/%lld%s", (long long)id, suffix ? suffix : "");
}

static const char *scope_label(struct request *rq, const struct fid_review *rv)
{
	if (rv->team_id)
		return arena_printf(rq->arena, "%s (a team of %s)", rv->team_name, rv->site_name);
	return arena_printf(rq->arena, "%s (the whole service)", rv->site_name);
}

static const char *section_title(const char *section)
{
	if (strcmp(section, "staffing") == 0)
		return "Staffing";
	if (strcmp(section, "organisation") == 0)
		return "Organisation";
	return "Services";
}

static void date_range(struct request *rq, const char *from, const char *to)
{
	html_date(rq, from);
	if (to && strcmp(from, to) != 0) {
		html_lit(rq, " to ");
		html_date(rq, to);
	}
}

/* "97 of 125 (Fair fidelity)" once every item is scored; else how many are. */
static const char *total_text(struct request *rq, const struct fid_review *rv)
{
	if (rv->nitems == 0)
		return "No items";
	if (rv->nscored < rv->nitems)
		return arena_printf(rq->arena, "%d so far: %d of %d items scored", rv->total, rv->nscored, rv->nitems);
	return arena_printf(rq->arena, "%d of %d", rv->total, 5 * rv->nitems);
}

static const char *band_text(const struct fid_review *rv)
{
	if (rv->nitems == 0 || rv->nscored < rv->nitems)
		return "Not yet known: score every item";
	return fidelity_band_label(fidelity_band(rv->total));
}

/* The hidden count of action rows a form was drawn with: 0..FID_MAX_ACTIONS, else 0. */
static int action_rows(struct request *rq)
{
	const char *v = form_text(rq, "actions");
	int n = 0;
	if (!v || !*v || strlen(v) > 3)
		return 0;
	for (const char *p = v; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		n = n * 10 + (*p - '0');
	}
	return n <= FID_MAX_ACTIONS ? n : 0;
}

static bool is_signed(const struct fid_review *rv)
{
	return strcmp(rv->status, "signed") == 0;
}

/* ---- charts: a table the script draws beside itself --------------------------------------------- */

/* Opens a table that /assets/dashboard.js charts: kind "line" or "bar"; lines, when
 * given, are reference values ("74 100 115") drawn across the chart. The caller writes
 * the head (series columns marked with chart_th) and the body, then chart_table_end. */
static void chart_table_begin(struct request *rq, const char *id, const char *kind, const char *lines,
			      const char *caption)
{
	html_lit(rq, "<div class=\"ips-dash-block\"><div class=\"ips-dash-table\"><table class=\"nhsuk-table\" id=\"");
	html_attr(rq, id);
	html_lit(rq, "\" data-chart=\"");
	html_attr(rq, kind);
	html_lit(rq, "\"");
	if (lines) {
		html_lit(rq, " data-lines=\"");
		html_attr(rq, lines);
		html_lit(rq, "\"");
	}
	html_lit(rq, "><caption class=\"nhsuk-table__caption nhsuk-table__caption--s\">");
	html_text(rq, caption);
	html_lit(rq, "</caption><thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
}

static void chart_th(struct request *rq, const char *text, bool numeric, bool series)
{
	html_lit(rq, "<th scope=\"col\" class=\"nhsuk-table__header");
	if (numeric)
		html_lit(rq, " nhsuk-table__header--numeric");
	html_lit(rq, "\"");
	if (series)
		html_lit(rq, " data-series=\"\"");
	html_lit(rq, ">");
	html_text(rq, text);
	html_lit(rq, "</th>");
}

static void chart_table_end(struct request *rq, const char *note)
{
	html_lit(rq, "</tbody></table>");
	if (note) {
		html_lit(rq, "<p class=\"nhsuk-body-s\">");
		html_text(rq, note);
		html_lit(rq, "</p>");
	}
	html_lit(rq, "</div></div>");
}

static void chart_scripts(struct request *rq)
{
	html_lit(rq, "<script src=\"/assets/chart.umd.min.js\" defer></script>"
		     "<script src=\"/assets/dashboard.js\" defer></script>");
}

/* The signed-off totals of one service or team, oldest first, as a chart with its table. */
static void history_chart(struct request *rq, const char *id, const char *caption, const struct fid_review *const *rv,
			  size_t n)
{
	chart_table_begin(rq, id, "line", "74 100 115", caption);
	chart_th(rq, "Review dates", false, false);
	chart_th(rq, "Total", true, true);
	chart_th(rq, "Band", false, false);
	html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < n; i++) {
		html_lit(rq, "<tr class=\"nhsuk-table__row\"><th scope=\"row\" class=\"nhsuk-table__header\"><a href=\"");
		html_href(rq, "/fidelity/reviews/", rv[i]->id, NULL);
		html_lit(rq, "\">");
		date_range(rq, rv[i]->visit_from, rv[i]->visit_to);
		html_lit(rq, "</a></th><td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\" data-value=\"");
		html_int(rq, rv[i]->total);
		html_lit(rq, "\">");
		html_int(rq, rv[i]->total);
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
		html_text(rq, band_text(rv[i]));
		html_lit(rq, "</td></tr>");
	}
	chart_table_end(rq, NULL);
}

/* ---- the list, with each team's history of totals ------------------------------------------- */

int page_fidelity(struct request *rq)
{
	struct fid_review *list;
	size_t n;
	struct result r = app_reviews(&rq->app, &rq->who, &list, &n);
	if (result_reply(rq, &r) == 0)
		return 0;
	page_begin(rq, "Fidelity reviews");
	html_lit(rq, "<h1>Fidelity reviews</h1>"
		     "<p>Reviews of a service or a team against the IPS fidelity scale, with the evidence "
		     "the records hold beside each item it can measure. The reviewers' scores are what count.</p>"
		     "<p><a class=\"nhsuk-button\" href=\"/fidelity/reviews/new\">Start a review</a></p>"
		     "<p><a href=\"/fidelity/dashboard\">Fidelity dashboard: the measurable items week by week</a></p>"
		     "<p><a href=\"/fidelity/evidence\">Evidence from the records, with the records behind each "
		     "figure</a></p>"
		     "<p><a href=\"/fidelity/scale\">Read the fidelity scale</a>");
	if (rq->who.role & ROLE_ADMIN)
		html_lit(rq, " · <a href=\"/admin/fidelity-scale\">Load a revised scale</a>");
	html_lit(rq, "</p>");
	if (n == 0) {
		html_lit(rq, "<p>No reviews yet.</p>");
		page_end(rq);
		return 0;
	}
	html_lit(rq, "<table class=\"nhsuk-table-responsive\"><caption class=\"nhsuk-table__caption\">Reviews, "
		     "newest first</caption><thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
	nhs_th(rq, "Service or team", false);
	nhs_th(rq, "Review dates", false);
	nhs_th(rq, "Total", false);
	nhs_th(rq, "Band", false);
	nhs_th(rq, "Status", false);
	html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < n; i++) {
		const struct fid_review *rv = &list[i];
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		nhs_td_begin(rq, "Service or team", false);
		html_lit(rq, "<a href=\"");
		html_href(rq, "/fidelity/reviews/", rv->id, NULL);
		html_lit(rq, "\">");
		html_text(rq, scope_label(rq, rv));
		html_lit(rq, "</a></td>");
		nhs_td_begin(rq, "Review dates", false);
		date_range(rq, rv->visit_from, rv->visit_to);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Total", false);
		html_text(rq, total_text(rq, rv));
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Band", false);
		html_text(rq, band_text(rv));
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Status", false);
		nhs_tag(rq, is_signed(rv) ? "Signed off" : "Draft", is_signed(rv) ? "green" : "grey");
		html_lit(rq, "</td></tr>");
	}
	html_lit(rq, "</tbody></table>");

	/* history: each service's and team's signed-off totals, oldest first */
	html_lit(rq, "<h2>History of review totals</h2><p>Signed-off reviews only. Good fidelity is 100 or more; "
		     "exemplary 115 or more; 73 and below is not IPS.</p>");
	bool any = false;
	const struct fid_review **signed_list = arena_alloc(rq->arena, (n + 1) * sizeof *signed_list);
	for (size_t i = 0; i < n; i++) {
		const struct fid_review *first = &list[i];
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			seen |= list[j].site_id == first->site_id && list[j].team_id == first->team_id;
		if (seen)
			continue;
		size_t count = 0;
		for (size_t j = 0; j < n; j++)
			count += list[j].site_id == first->site_id && list[j].team_id == first->team_id && is_signed(&list[j]);
		if (!count)
			continue;
		any = true;
		size_t k = 0;
		for (size_t j = n; j-- > 0;)
			if (list[j].site_id == first->site_id && list[j].team_id == first->team_id && is_signed(&list[j]))
				signed_list[k++] = &list[j];
		history_chart(rq, arena_printf(rq->arena, "history-%zu", i), scope_label(rq, first), signed_list, k);
	}
	if (!any)
		html_lit(rq, "<p>No review has been signed off yet.</p>");
	else
		chart_scripts(rq);
	page_end(rq);
	return 0;
}

/* ---- starting a review ----------------------------------------------------------------------- */

static void new_review_page(struct request *rq, const struct result *r)
{
	struct review_scope *scopes;
	size_t n;
	struct result sr = app_review_scopes(&rq->app, &rq->who, &scopes, &n);
	if (result_reply(rq, &sr) == 0)
		return;
	struct option *opts = arena_alloc(rq->arena, (n + 1) * sizeof *opts);
	for (size_t i = 0; i < n; i++)
		opts[i] = (struct option){.value = scopes[i].value, .label = scopes[i].label};
	page_begin(rq, "Start a fidelity review");
	nhs_back_link(rq, "/fidelity", "Fidelity reviews");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_error_summary(rq, r);
	html_lit(rq, "<h1>Start a fidelity review</h1><p>The review is scored on the newest version of the "
		     "fidelity scale. The evidence from the records is read for the evidence period you give.</p>");
	nhs_form_begin(rq, "/fidelity/reviews");
	nhs_select(rq, "scope", "Service or team reviewed", NULL, opts, n, field_value(rq, "scope", NULL), r,
		   "Choose a service or team");
	nhs_date_input(rq, "visit_from", "First day of the review", "For example, 14 3 2026", NULL, r);
	nhs_date_input(rq, "visit_to", "Last day of the review", "The same day for a one-day review", NULL, r);
	nhs_date_input(rq, "period_from", "First day of the evidence period",
		       "The records are read from this day, for example the start of the last quarter", NULL, r);
	nhs_date_input(rq, "period_to", "Last day of the evidence period", NULL, NULL, r);
	nhs_input(rq, "reviewers", "Reviewers", field_value(rq, "reviewers", NULL), r,
		  &(struct input_opts){.hint = "Their names, for example: Sam Patel and Jo Okoro"});
	nhs_button(rq, "Start review", false);
	nhs_form_end(rq);
	html_lit(rq, "</div></div>");
	page_end(rq);
}

static void header_form_read(struct request *rq, struct review_form *f)
{
	f->visit_from = form_date(rq, "visit_from");
	f->visit_to = form_date(rq, "visit_to");
	f->period_from = form_date(rq, "period_from");
	f->period_to = form_date(rq, "period_to");
	f->reviewers = form_text(rq, "reviewers");
}

int page_review_new(struct request *rq)
{
	new_review_page(rq, NULL);
	return 0;
}

int page_review_create(struct request *rq)
{
	struct review_form f = {.header_only = true, .scope = form_text(rq, "scope")};
	header_form_read(rq, &f);
	struct result r = app_review_create(&rq->app, &rq->who, &f);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		rq->status = 422;
		new_review_page(rq, &r);
		return 0;
	}
	return redirect_see_other(rq, review_path(rq, r.id, "/edit"));
}

/* ---- the review and its printable report --------------------------------------------------------- */

static void evidence_text(struct request *rq, const struct fid_item *it, const struct fid_review_item *sc)
{
	/* every page that shows a review has its id as the route's first parameter; the
	 * drill-down reads the review's own period, scope and scale (web/pages/fidelity_evidence.c) */
	const char *records = arena_printf(rq->arena, "/fidelity/evidence/%s?review=%lld", it->code,
					   (long long)route_id(rq, 0));
	if (strcmp(it->code, "V12") == 0 || strcmp(it->code, "V1") == 0) {
		html_lit(rq, "Shown as a percentage, with no suggested score: <a href=\"");
		html_attr(rq, records);
		html_lit(rq, "\">the figure and the records behind it</a>");
		return;
	}
	if (fidelity_item_key(it->code) < 0) {
		html_lit(rq, "<span class=\"nhsuk-u-secondary-text-colour\">Not measured from the records</span>");
		return;
	}
	if (!sc->evidence_value) {
		html_lit(rq, "No data in the evidence period: no score suggested");
	} else {
		html_text(rq, sc->evidence_value);
		if (sc->evidence_score) {
			html_lit(rq, ", which suggests ");
			html_int(rq, sc->evidence_score);
		} else if (strcmp(it->code, "O6") == 0) {
			html_lit(rq, " referrals closed before a first contact for a reason other than the person's choice or moving away");
			if (strcmp(sc->evidence_value, "0") != 0)
				html_lit(rq, ": check each one");
		}
	}
	html_lit(rq, " <a class=\"ips-no-print\" href=\"");
	html_attr(rq, records);
	html_lit(rq, "\">The records behind ");
	html_text(rq, it->code);
	html_lit(rq, "</a>");
}

static void review_body(struct request *rq, const struct review_record *rec)
{
	const struct fid_review *rv = &rec->review;
	nhs_summary_begin(rq);
	nhs_summary_row(rq, "Service or team", scope_label(rq, rv));
	html_lit(rq, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">Review dates</dt>"
		     "<dd class=\"nhsuk-summary-list__value\">");
	date_range(rq, rv->visit_from, rv->visit_to);
	html_lit(rq, "</dd></div><div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">"
		     "Evidence period</dt><dd class=\"nhsuk-summary-list__value\">");
	date_range(rq, rv->period_from, rv->period_to);
	html_lit(rq, "</dd></div>");
	nhs_summary_row(rq, "Reviewers", rv->reviewers);
	nhs_summary_row(rq, "Scale", arena_printf(rq->arena, "%s (%d), version %lld", rv->scale_name, rv->scale_year,
						  (long long)rv->scale_id));
	nhs_summary_row(rq, "Total", total_text(rq, rv));
	nhs_summary_row(rq, "Band", band_text(rv));
	if (is_signed(rv)) {
		char when[11];
		snprintf(when, sizeof when, "%.10s", rv->signed_at);
		html_lit(rq, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">Signed off</dt>"
			     "<dd class=\"nhsuk-summary-list__value\">");
		html_text(rq, rv->signed_by_name);
		html_lit(rq, ", ");
		html_date(rq, when);
		html_lit(rq, "</dd></div>");
	}
	if (rv->copied_from) {
		html_lit(rq, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">Started from</dt>"
			     "<dd class=\"nhsuk-summary-list__value\"><a href=\"");
		html_href(rq, "/fidelity/reviews/", rv->copied_from, NULL);
		html_lit(rq, "\">Review ");
		html_int(rq, rv->copied_from);
		html_lit(rq, "</a></dd></div>");
	}
	nhs_summary_end(rq);

	const char *section = NULL;
	for (size_t i = 0; i < rec->nitems; i++) {
		const struct fid_item *it = &rec->items[i];
		const struct fid_review_item *sc = &rec->scored[i];
		if (!section || strcmp(section, it->section) != 0) {
			if (section)
				html_lit(rq, "</tbody></table>");
			section = it->section;
			html_lit(rq, "<h2>");
			html_text(rq, section_title(section));
			html_lit(rq, "</h2><table class=\"nhsuk-table-responsive ips-fidelity-items\"><thead class=\"nhsuk-table__head\">"
				     "<tr class=\"nhsuk-table__row\">");
			nhs_th(rq, "Item", false);
			nhs_th(rq, "Score", true);
			nhs_th(rq, "From the records", false);
			nhs_th(rq, "Evidence and notes", false);
			html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
		}
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		nhs_td_begin(rq, "Item", false);
		html_text(rq, it->code);
		html_lit(rq, " ");
		html_text(rq, it->title);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Score", true);
		if (sc->score)
			html_int(rq, sc->score);
		else
			html_lit(rq, "<span class=\"nhsuk-u-secondary-text-colour\">Not scored</span>");
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "From the records", false);
		evidence_text(rq, it, sc);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Evidence and notes", false);
		html_text_multiline(rq, sc->note);
		html_lit(rq, "</td></tr>");
	}
	if (section)
		html_lit(rq, "</tbody></table>");

	html_lit(rq, "<h2>Strengths</h2>");
	if (rv->strengths) {
		html_lit(rq, "<p>");
		html_text_multiline(rq, rv->strengths);
		html_lit(rq, "</p>");
	} else {
		html_lit(rq, "<p class=\"nhsuk-u-secondary-text-colour\">None recorded.</p>");
	}
	html_lit(rq, "<h2>Action plan</h2>");
	if (rec->nactions == 0) {
		html_lit(rq, "<p class=\"nhsuk-u-secondary-text-colour\">No actions recorded.</p>");
		return;
	}
	html_lit(rq, "<table class=\"nhsuk-table-responsive\"><thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
	nhs_th(rq, "Action", false);
	nhs_th(rq, "Owner", false);
	nhs_th(rq, "Due", false);
	html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < rec->nactions; i++) {
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		nhs_td_begin(rq, "Action", false);
		html_text_multiline(rq, rec->actions[i].action);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Owner", false);
		html_text(rq, rec->actions[i].owner);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Due", false);
		html_date(rq, rec->actions[i].due_on);
		html_lit(rq, "</td></tr>");
	}
	html_lit(rq, "</tbody></table>");
}

static void review_page(struct request *rq, const struct review_record *rec, const struct result *r)
{
	const struct fid_review *rv = &rec->review;
	page_begin(rq, "Fidelity review");
	nhs_back_link(rq, "/fidelity", "Fidelity reviews");
	nhs_error_summary(rq, r);
	if (r && result_error_for(r, "sign_off")) {
		html_lit(rq, "<div class=\"nhsuk-form-group nhsuk-form-group--error\"><span class=\"nhsuk-error-message\" "
			     "id=\"sign_off\"><span class=\"nhsuk-u-visually-hidden\">Error:</span> ");
		html_text(rq, result_error_for(r, "sign_off"));
		html_lit(rq, "</span></div>");
	}
	html_lit(rq, "<h1>Fidelity review ");
	html_int(rq, rv->id);
	html_lit(rq, "</h1><p>");
	nhs_tag(rq, is_signed(rv) ? "Signed off: locked" : "Draft", is_signed(rv) ? "green" : "grey");
	html_lit(rq, "</p><div class=\"ips-no-print\">");
	if (rec->may_edit)
		html_lit(rq, "<p><a class=\"nhsuk-button\" href=\"");
	if (rec->may_edit) {
		html_attr(rq, review_path(rq, rv->id, "/edit"));
		html_lit(rq, "\">Score and edit</a></p>");
	}
	if (rec->may_sign) {
		nhs_form_begin(rq, review_path(rq, rv->id, "/sign-off"));
		html_lit(rq, "<p>Signing off locks the review: later changes are made in a new review started from it.</p>");
		nhs_button(rq, "Sign off and lock", true);
		nhs_form_end(rq);
	}
	nhs_form_begin(rq, review_path(rq, rv->id, "/copy"));
	nhs_button(rq, "Start a new review from this one", true);
	nhs_form_end(rq);
	html_lit(rq, "<p><a href=\"");
	html_attr(rq, review_path(rq, rv->id, "/print"));
	html_lit(rq, "\">Printable report</a></p></div>");
	review_body(rq, rec);
	page_end(rq);
}

int page_review(struct request *rq)
{
	struct review_record rec;
	struct result r = app_review_get(&rq->app, &rq->who, route_id(rq, 0), &rec);
	if (result_reply(rq, &r) == 0)
		return 0;
	review_page(rq, &rec, NULL);
	return 0;
}

int page_review_print(struct request *rq)
{
	struct review_record rec;
	struct result r = app_review_get(&rq->app, &rq->who, route_id(rq, 0), &rec);
	if (result_reply(rq, &r) == 0)
		return 0;
	const struct fid_review *rv = &rec.review;
	page_begin(rq, "Fidelity review report");
	html_lit(rq, "<div class=\"ips-report\"><p class=\"ips-no-print\"><a href=\"");
	html_attr(rq, review_path(rq, rv->id, NULL));
	html_lit(rq, "\">Back to the review</a> · Use your browser's print command to print this report or save it as a PDF.</p>"
		     "<h1>IPS fidelity review report</h1><p class=\"nhsuk-lede-text\">");
	html_text(rq, scope_label(rq, rv));
	html_lit(rq, "</p>");
	if (!is_signed(rv))
		nhs_warning_callout(rq, "Draft", "This review has not been signed off: its scores may still change.");
	review_body(rq, &rec);
	html_lit(rq, "</div>");
	page_end(rq);
	return 0;
}

int page_review_sign_off(struct request *rq)
{
	int64_t id = route_id(rq, 0);
	struct result r = app_review_sign_off(&rq->app, &rq->who, id);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		struct review_record rec;
		struct result g = app_review_get(&rq->app, &rq->who, id, &rec);
		if (result_reply(rq, &g) == 0)
			return 0;
		rq->status = 422;
		review_page(rq, &rec, &r);
		return 0;
	}
	return redirect_see_other(rq, review_path(rq, id, NULL));
}

int page_review_copy(struct request *rq)
{
	struct result r = app_review_copy(&rq->app, &rq->who, route_id(rq, 0));
	if (result_reply(rq, &r) == 0)
		return 0;
	return redirect_see_other(rq, review_path(rq, r.id, "/edit"));
}

/* ---- scoring: the whole review in one form ------------------------------------------------------- */

static void edit_page(struct request *rq, const struct review_record *rec, const struct result *r)
{
	const struct fid_review *rv = &rec->review;
	page_begin(rq, "Score the fidelity review");
	nhs_back_link(rq, review_path(rq, rv->id, NULL), "Back to the review");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_error_summary(rq, r);
	html_lit(rq, "<h1>Score the fidelity review</h1><p class=\"nhsuk-lede-text\">");
	html_text(rq, scope_label(rq, rv));
	html_lit(rq, "</p><p>Nothing is saved until you press Save review at the end; an item may be left unscored "
		     "while the review is a draft. The figures from the records are evidence beside your score, "
		     "not the score.</p>");
	nhs_form_begin(rq, review_path(rq, rv->id, "/edit"));
	html_lit(rq, "<h2>The review</h2>");
	nhs_date_input(rq, "visit_from", "First day of the review", NULL, rv->visit_from, r);
	nhs_date_input(rq, "visit_to", "Last day of the review", NULL, rv->visit_to, r);
	nhs_date_input(rq, "period_from", "First day of the evidence period",
		       "Changing the period reads the evidence from the records again when you save", rv->period_from, r);
	nhs_date_input(rq, "period_to", "Last day of the evidence period", NULL, rv->period_to, r);
	nhs_input(rq, "reviewers", "Reviewers", field_value(rq, "reviewers", rv->reviewers), r, NULL);

	const char *section = NULL;
	for (size_t i = 0; i < rec->nitems; i++) {
		const struct fid_item *it = &rec->items[i];
		const struct fid_review_item *sc = &rec->scored[i];
		if (!section || strcmp(section, it->section) != 0) {
			section = it->section;
			html_lit(rq, "<h2>");
			html_text(rq, section_title(section));
			html_lit(rq, "</h2>");
		}
		html_lit(rq, "<h3>");
		html_text(rq, it->code);
		html_lit(rq, " ");
		html_text(rq, it->title);
		html_lit(rq, "</h3><p>");
		html_text(rq, it->description);
		html_lit(rq, "</p>");
		if (fidelity_item_key(it->code) >= 0 || strcmp(it->code, "V12") == 0 || strcmp(it->code, "V1") == 0) {
			html_lit(rq, "<div class=\"nhsuk-inset-text\"><p><strong>From the records:</strong> ");
			evidence_text(rq, it, sc);
			html_lit(rq, "</p></div>");
		}
		struct code choices[7];
		for (int s = 0; s < 5; s++)
			choices[s] = (struct code){arena_printf(rq->arena, "%d", s + 1),
						   arena_printf(rq->arena, "%d: %s", s + 1, it->anchor[s])};
		choices[5] = (struct code){"", "Not scored yet"};
		choices[6] = (struct code){NULL, NULL};
		const char *name = arena_printf(rq->arena, "score-%s", it->code);
		const char *stored = sc->score ? arena_printf(rq->arena, "%d", sc->score) : "";
		const char *chosen = field_value(rq, name, stored);
		nhs_radios(rq, name, arena_printf(rq->arena, "Score for %s", it->code), NULL, choices, chosen ? chosen : "",
			   r, true);
		const char *note = arena_printf(rq->arena, "note-%s", it->code);
		nhs_textarea(rq, note, arena_printf(rq->arena, "Evidence and notes for %s (optional)", it->code), NULL,
			     field_value(rq, note, sc->note), r, 3);
	}

	html_lit(rq, "<h2>Strengths</h2>");
	nhs_textarea(rq, "strengths", "Strengths of the service (optional)", NULL,
		     field_value(rq, "strengths", rv->strengths), r, 5);

	html_lit(rq, "<h2>Action plan</h2><p>One action a row, with who owns it and when it is due. Clear a row to "
		     "remove it; fill in a blank one to add an action.</p>");
	size_t rows = rec->nactions + BLANK_ACTION_ROWS;
	if (rq->method == POST && action_rows(rq) > 0)
		rows = (size_t)action_rows(rq);
	if (rows > FID_MAX_ACTIONS)
		rows = FID_MAX_ACTIONS;
	html_lit(rq, "<input type=\"hidden\" name=\"actions\" value=\"");
	html_int(rq, (int64_t)rows);
	html_lit(rq, "\">");
	for (size_t i = 0; i < rows; i++) {
		const struct fid_action *a = i < rec->nactions ? &rec->actions[i] : NULL;
		html_lit(rq, "<fieldset class=\"nhsuk-fieldset\"><legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">Action ");
		html_int(rq, (int64_t)i + 1);
		html_lit(rq, "</legend>");
		const char *an = arena_printf(rq->arena, "action-%zu", i + 1);
		const char *on = arena_printf(rq->arena, "owner-%zu", i + 1);
		const char *dn = arena_printf(rq->arena, "due-%zu", i + 1);
		nhs_textarea(rq, an, "Action", NULL, field_value(rq, an, a ? a->action : NULL), r, 2);
		nhs_input(rq, on, "Owner", field_value(rq, on, a ? a->owner : NULL), r,
			  &(struct input_opts){.width_class = "nhsuk-input--width-20"});
		nhs_date_input(rq, dn, "Due by", NULL, a ? a->due_on : NULL, r);
		html_lit(rq, "</fieldset>");
	}
	nhs_button(rq, "Save review", false);
	nhs_form_end(rq);
	html_lit(rq, "</div></div>");
	page_end(rq);
}

int page_review_edit(struct request *rq)
{
	struct review_record rec;
	struct result r = app_review_get(&rq->app, &rq->who, route_id(rq, 0), &rec);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!rec.may_edit) {
		struct result locked = app_review_update(&rq->app, &rq->who, rec.review.id,
							 &(struct review_form){.header_only = true});
		if (result_reply(rq, &locked) == 0)
			return 0;
	}
	edit_page(rq, &rec, NULL);
	return 0;
}

int page_review_update(struct request *rq)
{
	int64_t id = route_id(rq, 0);
	struct review_record rec;
	struct result g = app_review_get(&rq->app, &rq->who, id, &rec);
	if (result_reply(rq, &g) == 0)
		return 0;
	struct review_form f = {.strengths = form_textarea(rq, "strengths"), .nitems = rec.nitems};
	header_form_read(rq, &f);
	f.scores = arena_alloc(rq->arena, (rec.nitems + 1) * sizeof *f.scores);
	f.notes = arena_alloc(rq->arena, (rec.nitems + 1) * sizeof *f.notes);
	for (size_t i = 0; i < rec.nitems; i++) {
		f.scores[i] = form_text(rq, arena_printf(rq->arena, "score-%s", rec.items[i].code));
		f.notes[i] = form_textarea(rq, arena_printf(rq->arena, "note-%s", rec.items[i].code));
	}
	int rows = action_rows(rq);
	for (int i = 0; i < rows; i++) {
		f.actions[i].action = form_textarea(rq, arena_printf(rq->arena, "action-%d", i + 1));
		f.actions[i].owner = form_text(rq, arena_printf(rq->arena, "owner-%d", i + 1));
		f.actions[i].due_on = form_date(rq, arena_printf(rq->arena, "due-%d", i + 1));
	}
	f.nactions = (size_t)rows;
	struct result r = app_review_update(&rq->app, &rq->who, id, &f);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		rq->status = 422;
		edit_page(rq, &rec, &r);
		return 0;
	}
	return redirect_see_other(rq, review_path(rq, id, NULL));
}

/* ---- the scale ------------------------------------------------------------------------------------ */

int page_fidelity_scale(struct request *rq)
{
	struct fid_scale_view v;
	struct result r = app_fidelity_scale(&rq->app, &rq->who, 0, &v);
	if (result_reply(rq, &r) == 0)
		return 0;
	page_begin(rq, "The fidelity scale");
	nhs_back_link(rq, "/fidelity", "Fidelity reviews");
	html_lit(rq, "<h1>");
	html_text(rq, v.scale.name);
	html_lit(rq, " (");
	html_int(rq, v.scale.year);
	html_lit(rq, ")</h1><p>Version ");
	html_int(rq, v.scale.id);
	html_lit(rq, ", which new reviews use. Source: ");
	html_text(rq, v.scale.source);
	html_lit(rq, "</p>");
	bool summary = false;
	for (size_t i = 0; i < v.nitems; i++)
		summary |= v.items[i].summary;
	if (summary)
		nhs_warning_callout(rq, "Summaries",
				    "Items marked summary give ipsdesk's short summary of the item and its anchors, not "
				    "the official wording: an administrator can load the official text with "
				    "ipsdesk fidelity load-scale.");
	const char *section = NULL;
	for (size_t i = 0; i < v.nitems; i++) {
		const struct fid_item *it = &v.items[i];
		if (!section || strcmp(section, it->section) != 0) {
			section = it->section;
			html_lit(rq, "<h2>");
			html_text(rq, section_title(section));
			html_lit(rq, "</h2>");
		}
		html_lit(rq, "<h3>");
		html_text(rq, it->code);
		html_lit(rq, " ");
		html_text(rq, it->title);
		if (it->summary) {
			html_lit(rq, " ");
			nhs_tag(rq, "summary", "grey");
		}
		html_lit(rq, "</h3><p>");
		html_text(rq, it->description);
		html_lit(rq, "</p><ol class=\"nhsuk-list nhsuk-list--number\">");
		for (int s = 0; s < 5; s++) {
			html_lit(rq, "<li>");
			html_text(rq, it->anchor[s]);
			html_lit(rq, "</li>");
		}
		html_lit(rq, "</ol>");
		if (it->has_cuts) {
			char c[4][24];
			for (int k = 0; k < 4; k++)
				snprintf(c[k], sizeof c[k], "%lld.%lld", (long long)(it->cut[k] / 10), (long long)(it->cut[k] % 10));
			html_lit(rq, "<p class=\"nhsuk-body-s\">Score suggested from the records: ");
			html_text(rq, it->lower_is_better
				? arena_printf(rq->arena, "5 up to %s; 4 over %s up to %s; 3 over %s up to %s; 2 over %s up to %s; "
							  "1 over %s.", c[0], c[0], c[1], c[1], c[2], c[2], c[3], c[3])
				: arena_printf(rq->arena, "1 under %s; 2 from %s; 3 from %s; 4 from %s; 5 from %s.", c[0], c[0],
					       c[1], c[2], c[3]));
			html_lit(rq, "</p>");
		}
	}
	page_end(rq);
	return 0;
}

/* ---- the admin's form for a revised scale --------------------------------------------------------------- */

static void scale_form_page(struct request *rq, const struct result *r)
{
	struct fid_scale *list;
	size_t n;
	struct result lr = app_fidelity_scales(&rq->app, &rq->who, &list, &n);
	if (result_reply(rq, &lr) == 0)
		return;
	page_begin(rq, "Load a revised fidelity scale");
	nhs_back_link(rq, "/fidelity", "Fidelity reviews");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	if (r && !result_ok(r)) {
		html_lit(rq, "<div class=\"nhsuk-error-summary\" aria-labelledby=\"error-summary-title\" role=\"alert\" "
			     "tabindex=\"-1\"><h2 class=\"nhsuk-error-summary__title\" id=\"error-summary-title\">The scale "
			     "was not loaded: nothing was saved</h2><div class=\"nhsuk-error-summary__body\">"
			     "<ul class=\"nhsuk-list nhsuk-error-summary__list\">");
		for (size_t i = 0; i < r->nerrors; i++) {
			html_lit(rq, "<li><a href=\"#scale\">");
			html_text(rq, r->errors[i].message);
			html_lit(rq, "</a></li>");
		}
		html_lit(rq, "</ul></div></div>");
	}
	html_lit(rq, "<h1>Load a revised fidelity scale</h1><p>A revised scale becomes a new version: new reviews "
		     "use it, and every review keeps the version it was started on. The file format is described "
		     "in <code>docs/fidelity-scale-format.md</code>; the shipped 2008 scale is "
		     "<code>docs/scales/ips-25-2008.json</code>. The same file can be loaded with "
		     "<code>ipsdesk fidelity load-scale</code>.</p>");
	struct result beside = result_new(rq->arena);
	if (r && !result_ok(r))
		result_field(&beside, "scale", r->nerrors == 1 ? r->errors[0].message
					      : arena_printf(rq->arena, "%s (and %zu more problems, listed above)",
							     r->errors[0].message, r->nerrors - 1));
	nhs_form_begin(rq, "/admin/fidelity-scale");
	nhs_textarea(rq, "scale", "The scale file (JSON)", "Paste the whole file", field_value(rq, "scale", NULL),
		     &beside, 16);
	nhs_button(rq, "Load scale", false);
	nhs_form_end(rq);
	html_lit(rq, "<h2>Versions loaded</h2><table class=\"nhsuk-table-responsive\"><thead class=\"nhsuk-table__head\">"
		     "<tr class=\"nhsuk-table__row\">");
	nhs_th(rq, "Version", true);
	nhs_th(rq, "Scale", false);
	nhs_th(rq, "Items", true);
	nhs_th(rq, "Loaded", false);
	html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < n; i++) {
		char when[11];
		snprintf(when, sizeof when, "%.10s", list[i].loaded_at);
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		nhs_td_begin(rq, "Version", true);
		html_int(rq, list[i].id);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Scale", false);
		html_text(rq, arena_printf(rq->arena, "%s (%d)", list[i].name, list[i].year));
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Items", true);
		html_int(rq, list[i].nitems);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Loaded", false);
		html_date(rq, when);
		html_lit(rq, " by ");
		html_text(rq, list[i].loaded_by);
		html_lit(rq, "</td></tr>");
	}
	html_lit(rq, "</tbody></table></div></div>");
	page_end(rq);
}

int page_admin_scale_form(struct request *rq)
{
	scale_form_page(rq, NULL);
	return 0;
}

int page_admin_scale_load(struct request *rq)
{
	const char *text = form_textarea(rq, "scale");
	struct result r = app_fidelity_scale_load(&rq->app, &rq->who, text, text ? strlen(text) : 0);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		rq->status = 422;
		scale_form_page(rq, &r);
		return 0;
	}
	return redirect_see_other(rq, "/fidelity/scale");
}

/* ---- the fidelity dashboard: the measurable items week by week ------------------------------------ */

static const struct {
	const char *title, *measure, *unit;
} DASH_ITEMS[FID_NITEMS] = {
	[FID_S1] = {"Caseload size", "People on the caseload per full-time-equivalent specialist on the window's last "
				     "day (specialists who recorded a contact in the window).", ""},
	[FID_V4] = {"Rapid job search", "Mean days from referral to the first face-to-face employer contact about "
					"that person, for first contacts in the window.", " days"},
	[FID_V6] = {"Job development: frequent employer contact",
		    "Face-to-face employer contacts per specialist per week.", ""},
	[FID_V8] = {"Diversity of job types", "Different job types as a percentage of the jobs started in the window.", "%"},
	[FID_V9] = {"Diversity of employers", "Different employers as a percentage of the jobs started in the window.", "%"},
	[FID_V10] = {"Competitive jobs", "Competitive jobs as a percentage of the jobs started in the window.", "%"},
	[FID_V13] = {"Community-based services", "The share of specialists' recorded contact time spent in the "
						 "community.", "%"},
	[FID_O6] = {"Zero exclusion", "Referrals closed in the window before a first contact, for a reason other than "
				      "the person's choice or moving away: any is a warning to check.", ""},
};

static const char *dash_value(struct request *rq, const struct fidelity_item *it)
{
	if (it->value.den == 0)
		return NULL;
	char v[32];
	fraction_format(it->value, it->places, v);
	return arena_strdup(rq->arena, v);
}

/* The bands of an item in words: "5 up to 20; 4 over 20 up to 25; ..." */
static const char *bands_text(struct request *rq, const struct fidelity_bands *b)
{
	char c[4][24];
	for (int k = 0; k < 4; k++)
		snprintf(c[k], sizeof c[k], "%lld.%lld", (long long)(b->cut[k] / 10), (long long)(b->cut[k] % 10));
	if (b->lower_is_better)
		return arena_printf(rq->arena, "Suggested score: 5 up to %s; 4 over %s up to %s; 3 over %s up to %s; "
					       "2 over %s up to %s; 1 over %s.", c[0], c[0], c[1], c[1], c[2], c[2], c[3], c[3]);
	return arena_printf(rq->arena, "Suggested score: 1 under %s; 2 from %s; 3 from %s; 4 from %s; 5 from %s.", c[0],
			    c[0], c[1], c[2], c[3]);
}

/* "20 25 30 40": the band boundaries, for the chart's reference lines. */
static const char *bands_lines(struct request *rq, const struct fidelity_bands *b)
{
	char c[4][24];
	for (int k = 0; k < 4; k++)
		snprintf(c[k], sizeof c[k], "%lld.%lld", (long long)(b->cut[k] / 10), (long long)(b->cut[k] % 10));
	return arena_printf(rq->arena, "%s %s %s %s", c[0], c[1], c[2], c[3]);
}

static const char *week_label(struct request *rq, day_t sunday)
{
	char d[32];
	date_long(sunday, d, sizeof d);
	return arena_strdup(rq->arena, d);
}

/* Whether the week's suggested score fell below the band the week before was in. */
static bool fell(const struct fid_dash_week *w, int k)
{
	return w->before[k] && w->ev.items[k].score && w->ev.items[k].score < w->before[k];
}

static void dash_form(struct request *rq, const struct fid_dashboard *d, const struct result *r)
{
	struct option *opts = arena_alloc(rq->arena, (d->nscopes + 1) * sizeof *opts);
	for (size_t i = 0; i < d->nscopes; i++)
		opts[i] = (struct option){.value = d->scopes[i].value, .label = d->scopes[i].label};
	html_lit(rq, "<form class=\"ips-dash-form\" action=\"/fidelity/dashboard\" method=\"get\" novalidate>"
		     "<fieldset class=\"nhsuk-fieldset\"><legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--m\">"
		     "Choose the figures</legend>");
	nhs_select(rq, "scope", "Service or team", NULL, opts, d->nscopes, d->scope_value, r, NULL);
	char weeks[12];
	snprintf(weeks, sizeof weeks, "%d", d->weeks);
	const char *typed = query_text(rq, "weeks");
	nhs_input(rq, "weeks", "Number of weeks", result_error_for(r, "weeks") && typed ? typed : weeks, r,
		  &(struct input_opts){.inputmode = "numeric", .width_class = "nhsuk-input--width-3",
				       .hint = arena_printf(rq->arena, "From 1 to %d", FID_DASH_MAX_WEEKS)});
	html_lit(rq, "</fieldset><button class=\"nhsuk-button\" data-module=\"nhsuk-button\" type=\"submit\">"
		     "Show figures</button></form>");
}

/* One row a measurable item: its newest figure and score, and the weeks it fell. */
static void dash_glance(struct request *rq, const struct fid_dashboard *d)
{
	const struct fid_dash_week *last = &d->week[d->weeks - 1];
	html_lit(rq, "<table class=\"nhsuk-table-responsive\" id=\"t-glance\"><caption class=\"nhsuk-table__caption "
		     "nhsuk-table__caption--m\">At a glance: the week ending ");
	html_text(rq, week_label(rq, last->ends));
	html_lit(rq, "</caption><thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
	nhs_th(rq, "Item", false);
	nhs_th(rq, "Figure", true);
	nhs_th(rq, "Suggested score", true);
	nhs_th(rq, "Weeks shown that fell below a band", true);
	html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
	for (int k = 0; k < FID_NITEMS; k++) {
		const struct fidelity_item *it = &last->ev.items[k];
		const char *v = dash_value(rq, it);
		int falls = 0;
		for (int w = 0; w < d->weeks; w++)
			falls += fell(&d->week[w], k);
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		nhs_td_begin(rq, "Item", false);
		html_lit(rq, "<a href=\"#item-");
		html_attr(rq, FID_ITEM_KEYS[k]);
		html_lit(rq, "\">");
		html_text(rq, FID_ITEM_KEYS[k]);
		html_lit(rq, " ");
		html_text(rq, DASH_ITEMS[k].title);
		html_lit(rq, "</a></td>");
		nhs_td_begin(rq, "Figure", true);
		html_text(rq, v ? arena_printf(rq->arena, "%s%s", v, DASH_ITEMS[k].unit) : "No data");
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Suggested score", true);
		if (it->score)
			html_int(rq, it->score);
		else
			html_text(rq, k == FID_O6 ? "A warning, not a score" : "None");
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Weeks shown that fell below a band", true);
		if (k == FID_O6)
			html_text(rq, "Not scored");
		else
			html_int(rq, falls);
		html_lit(rq, "</td></tr>");
	}
	html_lit(rq, "</tbody></table>");
}

/* One item week by week: a chart of the figure (with the band boundaries) beside its table. */
static void dash_item(struct request *rq, const struct fid_dashboard *d, int k)
{
	const struct fidelity_bands *b = &d->bands[k];
	html_lit(rq, "<section class=\"ips-dash-section\" id=\"item-");
	html_attr(rq, FID_ITEM_KEYS[k]);
	html_lit(rq, "\"><h2>");
	html_text(rq, FID_ITEM_KEYS[k]);
	html_lit(rq, " ");
	html_text(rq, DASH_ITEMS[k].title);
	html_lit(rq, "</h2><p>");
	html_text(rq, DASH_ITEMS[k].measure);
	if (b->scored) {
		html_lit(rq, " ");
		html_text(rq, bands_text(rq, b));
	}
	html_lit(rq, "</p>");
	chart_table_begin(rq, arena_printf(rq->arena, "t-%s", FID_ITEM_KEYS[k]), k == FID_O6 ? "bar" : "line",
			  b->scored ? bands_lines(rq, b) : NULL,
			  arena_printf(rq->arena, "%s by week", FID_ITEM_KEYS[k]));
	chart_th(rq, "Week ending", false, false);
	chart_th(rq, DASH_ITEMS[k].unit[0] == '%' ? "Figure (%)" : k == FID_V4 ? "Figure (days)" : "Figure", true, true);
	chart_th(rq, "Suggested score", true, false);
	chart_th(rq, "Change", false, false);
	html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
	for (int w = 0; w < d->weeks; w++) {
		const struct fid_dash_week *wk = &d->week[w];
		const struct fidelity_item *it = &wk->ev.items[k];
		const char *v = dash_value(rq, it);
		html_lit(rq, "<tr class=\"nhsuk-table__row\"><th scope=\"row\" class=\"nhsuk-table__header\">");
		html_text(rq, week_label(rq, wk->ends));
		html_lit(rq, "</th><td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\" data-value=\"");
		html_attr(rq, v ? v : "");
		html_lit(rq, "\">");
		html_text(rq, v ? v : "No data");
		html_lit(rq, "</td><td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">");
		if (it->score)
			html_int(rq, it->score);
		else if (k != FID_O6)
			html_lit(rq, "None");
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
		if (fell(wk, k)) {
			nhs_tag(rq, arena_printf(rq->arena, "Fell: score %d to %d", wk->before[k], it->score), "red");
		} else if (wk->before[k] && it->score > wk->before[k]) {
			html_text(rq, arena_printf(rq->arena, "Rose from %d to %d", wk->before[k], it->score));
		} else if (k == FID_O6 && it->value.num > 0) {
			nhs_tag(rq, "Check each one", "orange");
		}
		html_lit(rq, "</td></tr>");
	}
	chart_table_end(rq, NULL);
	html_lit(rq, "</section>");
}

int page_fidelity_dashboard(struct request *rq)
{
	struct fid_dash_query q = {
		.scope = query_text(rq, "scope"), .site = query_text(rq, "site"), .team = query_text(rq, "team"),
		.weeks = query_text(rq, "weeks"),
	};
	struct fid_dashboard d;
	struct result r = app_fidelity_dashboard(&rq->app, &rq->who, &q, &d);
	if (r.code != RES_INVALID && result_reply(rq, &r) == 0)
		return 0;
	bool ok = result_ok(&r);
	if (!ok)
		rq->status = 422;
	page_begin(rq, "Fidelity dashboard");
	nhs_back_link(rq, "/fidelity", "Fidelity reviews");
	nhs_error_summary(rq, &r);
	html_lit(rq, "<h1><span class=\"nhsuk-caption-l\">");
	html_text(rq, d.scope_label ? d.scope_label : "");
	html_lit(rq, "</span>Fidelity dashboard</h1>");
	if (!d.scope_label) {
		html_lit(rq, "<p>You do not review any service yet. An administrator assigns the services a reviewer "
			     "reviews.</p>");
		page_end(rq);
		return 0;
	}
	if (ok) {
		const struct fid_dash_week *last = &d.week[d.weeks - 1];
		char first[32];
		date_long(d.week[0].ends - 6, first, sizeof first);
		html_lit(rq, "<p class=\"nhsuk-lede-text\">The items of the fidelity scale that the records measure, week by "
			     "week, so that drift shows before the next review.</p><p>");
		html_text(rq, arena_printf(rq->arena,
			"Each week's figures are read from the records of the 13 weeks (91 days) ending on that week's "
			"Sunday, the span of a usual review's evidence period: the figures of a single week are too few to "
			"judge diversity of jobs and employers. The %d weeks shown run from Monday %s to Sunday %s.",
			d.weeks, first, week_label(rq, last->ends)));
		html_lit(rq, "</p><p>A week is marked when its suggested score fell below the band of the week before. The "
			     "scores are evidence for the reviewers, not the review's score.</p>");
	}
	dash_form(rq, &d, &r);
	if (!ok) {
		page_end(rq);
		return 0;
	}
	dash_glance(rq, &d);
	for (int k = 0; k < FID_NITEMS; k++)
		dash_item(rq, &d, k);

	html_lit(rq, "<section class=\"ips-dash-section\" id=\"history\"><h2>History of review totals</h2>"
		     "<p>Signed-off reviews of this ");
	html_text(rq, d.team_id ? "team" : "service as a whole");
	html_lit(rq, ". Good fidelity is 100 or more; exemplary 115 or more; 73 and below is not IPS.</p>");
	if (d.nhistory) {
		const struct fid_review **rv = arena_alloc(rq->arena, d.nhistory * sizeof *rv);
		for (size_t i = 0; i < d.nhistory; i++)
			rv[i] = &d.history[i];
		history_chart(rq, "t-history", arena_printf(rq->arena, "Review totals: %s", d.scope_label), rv, d.nhistory);
	} else {
		html_lit(rq, "<p>No review of it has been signed off yet.</p>");
	}
	html_lit(rq, "</section>");
	chart_scripts(rq);
	page_end(rq);
	return 0;
}
