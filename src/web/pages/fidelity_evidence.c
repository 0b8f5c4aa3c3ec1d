/* web/pages/fidelity_evidence.c — the evidence page (GET /fidelity/evidence): the ten
 * measurable fidelity items for a period and a service or team, each with its figure,
 * how it was computed and the score it suggests; and each item's drill-down (GET
 * /fidelity/evidence/:item), the records behind the figure, a page at a time. The
 * choice of period and scope is a plain GET form that works without JavaScript.
 * Handlers only translate: app/fidelity_evidence.c decides scope, computes and audits. */
#include <stdio.h>
#include <string.h>
#include "app/fidelity.h"
#include "app/fidelity_evidence.h"
#include "core/breakdowns.h"
#include "web/html.h"
#include "web/pages/pages.h"
#include "util/arena.h"
#include "util/buf.h"

/* The query as typed: site= or team=, or scope=site:CODE / team:CODE from the form. */
static void read_query(struct request *rq, struct fe_query *q)
{
	*q = (struct fe_query){.from = query_text(rq, "from"), .to = query_text(rq, "to"),
			       .site = query_text(rq, "site"), .team = query_text(rq, "team")};
	const char *scope = query_text(rq, "scope");
	if (scope && strncmp(scope, "site:", 5) == 0 && !(q->site && *q->site))
		q->site = scope + 5;
	else if (scope && strncmp(scope, "team:", 5) == 0 && !(q->team && *q->team))
		q->team = scope + 5;
	const char *review = query_text(rq, "review");
	long long id = 0;
	char end;
	if (review && sscanf(review, "%lld%c", &id, &end) == 1 && id > 0)
		q->review = id;
}

static bool query_empty(struct request *rq)
{
	static const char *const names[] = {"from", "to", "site", "team", "scope", "review"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const char *v = query_text(rq, names[i]);
		if (v && *v)
			return false;
	}
	return true;
}

/* "?from=…&to=…&site=…" (or "?review=N") that shows this same evidence. */
static const char *evidence_query(struct request *rq, const struct fe_evidence *ev)
{
	struct buf b = BUF_INIT;
	if (ev->review) {
		buf_printf(&b, "?review=%lld", (long long)ev->review);
	} else {
		buf_adds(&b, "?from=");
		url_encode(&b, ev->from);
		buf_adds(&b, "&to=");
		url_encode(&b, ev->to);
		buf_adds(&b, ev->team_code ? "&team=" : "&site=");
		url_encode(&b, ev->team_code ? ev->team_code : ev->site_code);
	}
	const char *s = arena_strdup(rq->arena, buf_str(&b));
	buf_free(&b);
	return s;
}

static const char *item_path(struct request *rq, const struct fe_evidence *ev, const char *code, int page)
{
	const char *q = evidence_query(rq, ev);
	if (page > 1)
		return arena_printf(rq->arena, "/fidelity/evidence/%s%s&page=%d", code, q, page);
	return arena_printf(rq->arena, "/fidelity/evidence/%s%s", code, q);
}

static void period_text(struct request *rq, const struct fe_evidence *ev)
{
	html_date(rq, ev->from);
	html_lit(rq, " to ");
	html_date(rq, ev->to);
}

/* The GET form: service or team, first and last day. */
static void choose_form(struct request *rq, const struct fe_query *q, const struct fe_evidence *ev,
			const struct result *r)
{
	struct review_scope *scopes;
	size_t n;
	struct result sr = app_review_scopes(&rq->app, &rq->who, &scopes, &n);
	if (!result_ok(&sr))
		n = 0;
	struct option *opts = arena_alloc(rq->arena, (n + 1) * sizeof *opts);
	for (size_t i = 0; i < n; i++)
		opts[i] = (struct option){.value = scopes[i].value, .label = scopes[i].label};
	const char *chosen = NULL;
	if (ev && ev->from)
		chosen = arena_printf(rq->arena, "%s:%s", ev->team_code ? "team" : "site",
				      ev->team_code ? ev->team_code : ev->site_code);
	else if (q->team && *q->team)
		chosen = arena_printf(rq->arena, "team:%s", q->team);
	else if (q->site && *q->site)
		chosen = arena_printf(rq->arena, "site:%s", q->site);
	html_lit(rq, "<form method=\"get\" action=\"/fidelity/evidence\" novalidate>"
		     "<fieldset class=\"nhsuk-fieldset\"><legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--m\">"
		     "Choose the service or team and the period</legend>");
	nhs_select(rq, "scope", "Service or team", NULL, opts, n, chosen, r, "Choose a service or team");
	const struct input_opts from_opts = {.type = "date", .width_class = "nhsuk-input--width-10",
					     .hint = "For example, 2026-04-01"};
	const struct input_opts to_opts = {.type = "date", .width_class = "nhsuk-input--width-10",
					   .hint = "For example, 2026-06-30"};
	/* on a first visit the period offered is the last three whole months, the usual span
	 * of a review's evidence */
	const char *from = ev && ev->from ? ev->from : q->from, *to = ev && ev->to ? ev->to : q->to;
	if (query_empty(rq)) {
		char *f = arena_alloc(rq->arena, 11), *t = arena_alloc(rq->arena, 11);
		date_iso(period_month_back(rq->app.today, 3).from, f);
		date_iso(period_month_back(rq->app.today, 1).to, t);
		from = f;
		to = t;
	}
	nhs_input(rq, "from", "First day of the period", from, r, &from_opts);
	nhs_input(rq, "to", "Last day of the period", to, r, &to_opts);
	html_lit(rq, "</fieldset><button class=\"nhsuk-button\" data-module=\"nhsuk-button\" type=\"submit\">"
		     "Show the evidence</button></form>");
}

int page_fidelity_evidence(struct request *rq)
{
	struct fe_query q;
	read_query(rq, &q);
	struct fe_evidence ev;
	memset(&ev, 0, sizeof ev);
	struct result r = result_new(rq->arena);
	bool asked = !query_empty(rq);
	if (asked) {
		r = app_fe_evidence(&rq->app, &rq->who, &q, &ev);
		if (result_reply(rq, &r) == 0)
			return 0;
		if (!result_ok(&r))
			rq->status = 422;
	} else if (!(rq->who.role & (ROLE_ADMIN | ROLE_REVIEWER | ROLE_TEAM_LEADER))) {
		return page_error(rq, 403, NULL);
	}
	page_begin(rq, "Fidelity evidence from the records");
	nhs_back_link(rq, ev.review ? arena_printf(rq->arena, "/fidelity/reviews/%lld", (long long)ev.review) : "/fidelity",
		      ev.review ? "Back to the review" : "Fidelity reviews");
	nhs_error_summary(rq, &r);
	html_lit(rq, "<h1>Fidelity evidence from the records</h1><p>The figures the records hold for the items of "
		     "the fidelity scale they can measure, how each was worked out, and the score it suggests under "
		     "the scale's thresholds. They are evidence beside the reviewers' own scores, which are what "
		     "count. Each figure links to the records behind it, for you to sample.</p>");
	choose_form(rq, &q, asked && result_ok(&r) ? &ev : NULL, &r);
	if (!asked || !result_ok(&r)) {
		page_end(rq);
		return 0;
	}
	html_lit(rq, "<h2>");
	html_text(rq, ev.scope_label);
	html_lit(rq, "</h2><p>From ");
	period_text(rq, &ev);
	html_lit(rq, ".</p><table class=\"nhsuk-table-responsive ips-fidelity-evidence\"><caption "
		     "class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">The measurable items</caption>"
		     "<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
	nhs_th(rq, "Item", false);
	nhs_th(rq, "Figure", false);
	nhs_th(rq, "Suggested score", false);
	nhs_th(rq, "How it was worked out", false);
	html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
	for (int i = 0; i < FE_NITEMS; i++) {
		const struct fe_item *it = &ev.items[i];
		html_lit(rq, "<tr class=\"nhsuk-table__row\" id=\"item-");
		html_attr(rq, it->code);
		html_lit(rq, "\">");
		nhs_td_begin(rq, "Item", false);
		html_text(rq, it->code);
		html_lit(rq, " ");
		html_text(rq, it->title);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Figure", false);
		if (it->value)
			html_text(rq, it->value);
		else
			html_lit(rq, "No data");
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Suggested score", false);
		if (it->warning)
			nhs_tag(rq, "Warning", "red");
		if (it->warning)
			html_lit(rq, " ");
		html_text(rq, it->score_text);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "How it was worked out", false);
		html_text(rq, it->how);
		html_lit(rq, " <a href=\"");
		html_attr(rq, item_path(rq, &ev, it->code, 1));
		html_lit(rq, "\">The records behind ");
		html_text(rq, it->code);
		html_lit(rq, "</a></td></tr>");
	}
	html_lit(rq, "</tbody></table><p class=\"nhsuk-body-s\">Definitions: docs/data-dictionary.md and "
		     "spec/fidelity-evidence.md. Opening the records behind a figure is recorded in the audit log.</p>");
	page_end(rq);
	return 0;
}

static bool looks_like_date(const char *s)
{
	day_t d;
	return s && date_parse(s, &d);
}

static void records_table(struct request *rq, const struct fe_table *t)
{
	html_lit(rq, "<table class=\"nhsuk-table-responsive\"><caption class=\"nhsuk-table__caption "
		     "nhsuk-table__caption--m\">");
	html_text(rq, t->caption);
	html_lit(rq, "</caption>");
	if (t->total == 0) {
		html_lit(rq, "</table><p>None in this period.</p>");
		return;
	}
	html_lit(rq, "<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
	for (size_t c = 0; c < t->ncols; c++)
		nhs_th(rq, t->cols[c], t->numeric_cols & (1u << c));
	html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < t->nrows; i++) {
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = t->cells[i * t->ncols + c];
			nhs_td_begin(rq, t->cols[c], t->numeric_cols & (1u << c));
			if ((t->date_cols & (1u << c)) && looks_like_date(v))
				html_date(rq, v);
			else
				html_text(rq, v);
			html_lit(rq, "</td>");
		}
		html_lit(rq, "</tr>");
	}
	html_lit(rq, "</tbody></table>");
}

int page_fidelity_evidence_item(struct request *rq)
{
	struct fe_query q;
	read_query(rq, &q);
	const char *code = route_param(rq, 0);
	const char *pg = query_text(rq, "page");
	int page = 1;
	if (pg && *pg && (sscanf(pg, "%d", &page) != 1 || page < 1 || page > 100000))
		page = 1;
	struct fe_drill d;
	struct result r = app_fe_drill(&rq->app, &rq->who, &q, code, page, &d);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		rq->status = 422;
		page_begin(rq, "Fidelity evidence from the records");
		nhs_back_link(rq, "/fidelity/evidence", "Fidelity evidence");
		nhs_error_summary(rq, &r);
		html_lit(rq, "<h1>Fidelity evidence from the records</h1>");
		choose_form(rq, &q, NULL, &r);
		page_end(rq);
		return 0;
	}
	const struct fe_item *it = &d.ev.items[d.item];
	page_begin(rq, arena_printf(rq->arena, "%s %s: the records behind the figure", it->code, it->title));
	nhs_back_link(rq, arena_printf(rq->arena, "/fidelity/evidence%s", evidence_query(rq, &d.ev)),
		      "Back to the evidence");
	html_lit(rq, "<h1>");
	html_text(rq, it->code);
	html_lit(rq, " ");
	html_text(rq, it->title);
	html_lit(rq, ": the records behind the figure</h1>");
	nhs_summary_begin(rq);
	nhs_summary_row(rq, "Service or team", d.ev.scope_label);
	html_lit(rq, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">Period</dt>"
		     "<dd class=\"nhsuk-summary-list__value\">");
	period_text(rq, &d.ev);
	html_lit(rq, "</dd></div>");
	nhs_summary_row(rq, "Figure", it->value ? it->value : "No data");
	nhs_summary_row(rq, "Suggested score", it->score_text);
	nhs_summary_row(rq, "How it was worked out", it->how);
	nhs_summary_end(rq);
	nhs_inset(rq, "Only references, dates and the measured fields are shown here: look a referral up by its "
		      "reference with the team if you need more. Opening this page is recorded in the audit log.");
	for (size_t i = 0; i < d.ntables; i++)
		records_table(rq, &d.tables[i]);
	if (d.pages > 1) {
		html_lit(rq, "<p>Page ");
		html_int(rq, d.page);
		html_lit(rq, " of ");
		html_int(rq, d.pages);
		html_lit(rq, " (");
		html_int(rq, FE_PAGE_ROWS);
		html_lit(rq, " records a page)</p>");
		nhs_pagination(rq, d.page > 1 ? item_path(rq, &d.ev, it->code, d.page - 1) : NULL,
			       d.page < d.pages ? item_path(rq, &d.ev, it->code, d.page + 1) : NULL);
	}
	page_end(rq);
	return 0;
}
