/* web/pages/dashboard.c — the outcomes dashboard page and its CSV and XLSX downloads.
 * The page is its tables: each has a caption, column headers and the figures, and
 * reads fully without JavaScript; /assets/dashboard.js draws a chart from a table's
 * own cells (data-value) beside it. The downloads carry the same tables. Never a
 * formula here, never an inline script or style (the CSP forbids both). */
#include <string.h>
#include "app/dashboard.h"
#include "app/support.h"
#include "web/html.h"
#include "web/pages/pages.h"
#include "util/arena.h"
#include "util/buf.h"

static void read_query(struct request *rq, struct dash_query *q)
{
	*q = (struct dash_query){
		.period = query_text(rq, "period"),
		.from = query_text(rq, "from"),
		.to = query_text(rq, "to"),
		.site = query_text(rq, "site"),
		.team = query_text(rq, "team"),
		.saving = query_text(rq, "saving"),
		.access_target = query_text(rq, "access_target"),
	};
}

/* The query string that shows this same dashboard (for the download links). */
static const char *same_query(struct request *rq, const struct dashboard *d)
{
	struct buf b = BUF_INIT;
	query_pair(&b, "period", d->period);
	if (d->period && strcmp(d->period, "custom") == 0) {
		query_pair(&b, "from", d->from);
		query_pair(&b, "to", d->to);
	}
	if (d->sites)
		query_pair(&b, "site", d->site);
	query_pair(&b, "team", d->team);
	char saving[24];
	snprintf(saving, sizeof saving, "%lld", (long long)d->saving);
	query_pair(&b, "saving", saving);
	if (d->access_target > 0) {
		snprintf(saving, sizeof saving, "%lld", (long long)d->access_target);
		query_pair(&b, "access_target", saving);
	}
	const char *s = arena_strdup(rq->arena, buf_str(&b));
	buf_free(&b);
	return s;
}

static void period_form(struct request *rq, const struct dash_query *q, const struct dashboard *d,
			const struct result *r)
{
	html_lit(rq, "<form class=\"ips-dash-form\" action=\"/dashboard\" method=\"get\" novalidate>"
		     "<fieldset class=\"nhsuk-fieldset\"><legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--m\">"
		     "Choose the figures</legend>");
	struct option periods[8];
	size_t np = 0;
	periods[np++] = (struct option){.value = "rolling", .label = "Rolling 12 months to today"};
	for (int i = 0; i < 4 && d->fy_latest; i++) {
		int y = d->fy_latest - i;
		periods[np++] = (struct option){.value = arena_printf(rq->arena, "fy-%d", y),
						.label = arena_printf(rq->arena, "Financial year %d to %d%s", y, y + 1,
								      i == 0 ? " (so far)" : "")};
	}
	periods[np++] = (struct option){.value = "custom", .label = "Dates I choose below"};
	nhs_select(rq, "period", "Period", "Financial years run from 1 April to 31 March", periods, np,
		   d->period ? d->period : "rolling", r, NULL);
	bool custom = d->period && strcmp(d->period, "custom") == 0;
	const struct input_opts date_opts = {.type = "date", .width_class = "nhsuk-input--width-10",
					     .hint = "For example, 2026-04-01. Used when the period is dates you choose."};
	nhs_input(rq, "from", "First day", custom && d->from[0] ? d->from : (q->from ? q->from : NULL), r, &date_opts);
	nhs_input(rq, "to", "Last day", custom && d->to[0] ? d->to : (q->to ? q->to : NULL), r, &date_opts);
	if (d->sites) {
		struct option *o = arena_alloc(rq->arena, (d->nsites + 1) * sizeof *o);
		for (size_t i = 0; i < d->nsites; i++)
			o[i] = (struct option){.value = d->sites[i].code, .label = d->sites[i].name};
		nhs_select(rq, "site", "Service", NULL, o, d->nsites, d->site, r, "All services");
	}
	if (!d->own && d->nteams) {
		struct option *o = arena_alloc(rq->arena, (d->nteams + 1) * sizeof *o);
		for (size_t i = 0; i < d->nteams; i++)
			o[i] = (struct option){.value = d->teams[i].code,
					       .label = d->sites ? arena_printf(rq->arena, "%s (%s)", d->teams[i].name,
										d->teams[i].site_name ? d->teams[i].site_name : "")
								 : d->teams[i].name};
		nhs_select(rq, "team", "Team", d->sites ? "A team narrows the figures to that team, whatever the service"
							  : NULL,
			   o, d->nteams, d->team, r, "All teams");
	}
	char saving[24];
	snprintf(saving, sizeof saving, "%lld", (long long)(d->saving ? d->saving : DASH_DEFAULT_SAVING));
	nhs_input(rq, "saving", "Saving per person into work, in pounds (an assumption)",
		  q->saving && result_error_for(r, "saving") ? q->saving : saving, r,
		  &(struct input_opts){.inputmode = "numeric", .width_class = "nhsuk-input--width-10",
				       .hint = "About 6,000 pounds per person over 18 months (Centre for Mental Health "
					       "review). Change it to your own service's figure."});
	char target[24] = "";
	if (d->access_target > 0)
		snprintf(target, sizeof target, "%lld", (long long)d->access_target);
	nhs_input(rq, "access_target", "Access target, people a year (optional)",
		  q->access_target && result_error_for(r, "access_target") ? q->access_target : target, r,
		  &(struct input_opts){.inputmode = "numeric", .width_class = "nhsuk-input--width-10",
				       .hint = "The number of people your commissioners expect the service to reach in a "
					       "year. Shown as a monthly trajectory beside access. Left blank, all services "
					       "together are compared with the NHS Long Term Plan's national ambition."});
	html_lit(rq, "</fieldset><button class=\"nhsuk-button\" data-module=\"nhsuk-button\" type=\"submit\">"
		     "Show figures</button></form>");
}

static void figures_table(struct request *rq, const struct dash_table *t)
{
	bool wide = t->ncols > 3;
	html_lit(rq, "<div class=\"ips-dash-block");
	if (wide)
		html_lit(rq, " ips-dash-block--wide");
	html_lit(rq, "\"><div class=\"ips-dash-table\"><table class=\"nhsuk-table\" id=\"t-");
	html_attr(rq, t->id);
	html_lit(rq, "\"");
	if (t->chart) {
		html_lit(rq, " data-chart=\"");
		html_attr(rq, t->chart);
		html_lit(rq, "\"");
	}
	if (t->benchmarks)
		html_lit(rq, " data-benchmarks=\"31 41 50\"");
	html_lit(rq, "><caption class=\"nhsuk-table__caption nhsuk-table__caption--m\">");
	html_text(rq, t->caption);
	html_lit(rq, "</caption><thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
	for (size_t c = 0; c < t->ncols; c++) {
		bool numeric = c > 0 && t->nrows && t->cells[c].numeric;
		html_lit(rq, "<th scope=\"col\" class=\"nhsuk-table__header");
		if (numeric)
			html_lit(rq, " nhsuk-table__header--numeric");
		html_lit(rq, "\"");
		if (t->chart && (t->chart_cols & (1u << c)))
			html_lit(rq, " data-series=\"\"");
		if (t->chart && (t->line_cols & (1u << c)))
			html_lit(rq, " data-line=\"\"");
		html_lit(rq, ">");
		html_text(rq, t->cols[c]);
		html_lit(rq, "</th>");
	}
	html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < t->nrows; i++) {
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		for (size_t c = 0; c < t->ncols; c++) {
			const struct dash_cell *x = &t->cells[i * t->ncols + c];
			if (c == 0) {
				html_lit(rq, "<th scope=\"row\" class=\"nhsuk-table__header\">");
				html_text(rq, x->text);
				html_lit(rq, "</th>");
				continue;
			}
			html_lit(rq, "<td class=\"nhsuk-table__cell");
			if (x->numeric)
				html_lit(rq, " nhsuk-table__cell--numeric");
			html_lit(rq, "\"");
			if (x->numeric) {
				html_lit(rq, " data-value=\"");
				html_attr(rq, x->value);
				html_lit(rq, "\"");
			}
			html_lit(rq, ">");
			html_text(rq, x->text);
			html_lit(rq, "</td>");
		}
		html_lit(rq, "</tr>");
	}
	html_lit(rq, "</tbody></table>");
	if (t->note) {
		html_lit(rq, "<p class=\"nhsuk-body-s\">");
		html_text(rq, t->note);
		html_lit(rq, "</p>");
	}
	html_lit(rq, "</div></div>");
}

/* ---- a specialist's week (issue 3): employer visits against the target, support due ---- */

static void specialist_week(struct request *rq)
{
	struct employer_visits v;
	struct result r = app_employer_visits(&rq->app, &rq->who, &v);
	struct support_row *due;
	size_t ndue = 0;
	struct result dr = app_support_due(&rq->app, &rq->who, 0, &due, &ndue);
	html_lit(rq, "<section class=\"ips-dash-section\" id=\"your-week\"><h2>Your week</h2>");
	if (result_ok(&r)) {
		static const char *const cols[] = {"Week beginning", "Face-to-face employer contacts", "Target"};
		struct dash_cell *cells = arena_alloc(rq->arena, EMPLOYER_VISIT_WEEKS * 3 * sizeof *cells);
		for (int w = 0; w < EMPLOYER_VISIT_WEEKS; w++) {
			int row = EMPLOYER_VISIT_WEEKS - 1 - w;   /* oldest first, this week last */
			char d[32];
			date_long(v.monday[w], d, sizeof d);
			const char *label = w == 0 ? arena_printf(rq->arena, "%s (this week)", d) : arena_strdup(rq->arena, d);
			const char *count = arena_printf(rq->arena, "%d", v.count[w]);
			const char *target = arena_printf(rq->arena, "%d", v.target);
			cells[row * 3] = (struct dash_cell){label, label, false};
			cells[row * 3 + 1] = (struct dash_cell){count, count, true};
			cells[row * 3 + 2] = (struct dash_cell){target, target, true};
		}
		struct dash_table t = {
			.id = "employer-contacts", .caption = "Face-to-face employer contacts by week",
			.note = "Attended face-to-face contacts with employers that you recorded, Monday to Sunday. "
				"The IPS target is 6 a week.",
			.chart = "bar", .chart_cols = (1u << 1) | (1u << 2), .line_cols = 1u << 2,   /* the target as a line */
			.cols = cols, .ncols = 3, .nrows = EMPLOYER_VISIT_WEEKS,
			.cells = cells,
		};
		html_lit(rq, "<p class=\"nhsuk-body-l\">This week: ");
		html_int(rq, v.count[0]);
		html_lit(rq, " of ");
		html_int(rq, v.target);
		html_lit(rq, " face-to-face employer contacts.</p>");
		figures_table(rq, &t);
	}
	html_lit(rq, "<h3>In-work support due</h3>");
	if (result_ok(&dr))
		support_due_table(rq, due, ndue, false);
	else
		html_lit(rq, "<p>The in-work support could not be read.</p>");
	html_lit(rq, "</section>");
}

static const struct dash_table *table_by_id(const struct dashboard *d, const char *id)
{
	for (size_t i = 0; i < d->ntables; i++)
		if (strcmp(d->tables[i].id, id) == 0)
			return &d->tables[i];
	return NULL;
}

static void section(struct request *rq, const struct dashboard *d, const char *heading, const char *const *ids)
{
	html_lit(rq, "<section class=\"ips-dash-section\"><h2>");
	html_text(rq, heading);
	html_lit(rq, "</h2>");
	for (; *ids; ids++) {
		const struct dash_table *t = table_by_id(d, *ids);
		if (t)
			figures_table(rq, t);
	}
	html_lit(rq, "</section>");
}

int page_dashboard(struct request *rq)
{
	struct dash_query q;
	read_query(rq, &q);
	struct dashboard d;
	struct result r = app_dashboard(&rq->app, &rq->who, &q, &d);
	if (r.code != RES_INVALID && result_reply(rq, &r) == 0)
		return 0;
	bool ok = result_ok(&r);
	const char *title = d.own ? "Your outcomes" : "Outcomes dashboard";
	page_begin(rq, title);
	nhs_error_summary(rq, &r);
	html_lit(rq, "<h1><span class=\"nhsuk-caption-l\">");
	html_text(rq, d.scope_label ? d.scope_label : "");
	html_lit(rq, "</span>");
	html_text(rq, title);
	html_lit(rq, "</h1>");
	if (rq->who.role & ROLE_SPECIALIST)
		specialist_week(rq);   /* issue 3 */
	if (ok) {
		html_lit(rq, "<p class=\"nhsuk-lede-text\">");
		html_text(rq, d.period_label);
		html_lit(rq, "</p>");
		if (d.own)
			html_lit(rq, "<p>These figures count only the referrals allocated to you.</p>");
		if (d.published)
			html_lit(rq, "<p>Counts from 1 to 4 are shown as * and other counts are rounded to the nearest 5, "
				     "as NHS England publishes them. A rate is withheld when either of its counts is.</p>");
	}
	period_form(rq, &q, &d, &r);
	if (ok) {
		const char *qs = same_query(rq, &d);
		html_lit(rq, "<ul class=\"nhsuk-list ips-dash-downloads\"><li><a href=\"/dashboard.csv?");
		html_attr(rq, qs);
		html_lit(rq, "\" download=\"ipsdesk-dashboard.csv\">Download these figures as CSV</a></li>"
			     "<li><a href=\"/dashboard.xlsx?");
		html_attr(rq, qs);
		html_lit(rq, "\" download=\"ipsdesk-dashboard.xlsx\">Download these figures as a spreadsheet (XLSX)</a>"
			     "</li></ul>");
		section(rq, &d, "Headline figures", (const char *const[]){"headline", NULL});
		section(rq, &d, "Employment rate", (const char *const[]){"employment-rate", NULL});
		section(rq, &d, "Access and work by month", (const char *const[]){"access", "jobs", NULL});
		section(rq, &d, "Waiting times and contacts", (const char *const[]){"waiting", "contacts", NULL});
		section(rq, &d, "Who the service reaches",
			(const char *const[]){"by-source", "by-age", "by-gender", "by-ethnic-group", "by-team", NULL});
		if (table_by_id(&d, "by-site"))
			section(rq, &d, "Services compared", (const char *const[]){"by-site", NULL});
		section(rq, &d, "Estimated saving", (const char *const[]){"saving", NULL});
		html_lit(rq, "<details class=\"nhsuk-details\"><summary class=\"nhsuk-details__summary\">"
			     "<span class=\"nhsuk-details__summary-text\">What these figures mean</span></summary>"
			     "<div class=\"nhsuk-details__text\"><dl class=\"nhsuk-summary-list\">");
		for (size_t i = 0; i < DASH_NDEFINITIONS; i++) {
			html_lit(rq, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">");
			html_text(rq, DASH_DEFINITIONS[i].term);
			html_lit(rq, "</dt><dd class=\"nhsuk-summary-list__value\">");
			html_text(rq, DASH_DEFINITIONS[i].meaning);
			html_lit(rq, "</dd></div>");
		}
		html_lit(rq, "</dl></div></details>"
			     "<script src=\"/assets/chart.umd.min.js\" defer></script>"
			     "<script src=\"/assets/dashboard.js\" defer></script>");
	}
	page_end(rq);
	return 0;
}

/* The two downloads: the same dashboard, as a file. A problem with the query is a 400
 * with its message (the page itself explains problems field by field). */
static int download(struct request *rq, bool xlsx)
{
	struct dash_query q;
	read_query(rq, &q);
	struct dashboard d;
	struct result r = app_dashboard(&rq->app, &rq->who, &q, &d);
	if (r.code == RES_INVALID)
		return page_error(rq, 400, r.nerrors ? r.errors[0].message : "Check the period and try again.");
	if (result_reply(rq, &r) == 0)
		return 0;
	buf_reset(&rq->body);
	rq->download = arena_printf(rq->arena, "ipsdesk-dashboard-%s-to-%s.%s", d.from, d.to, xlsx ? "xlsx" : "csv");
	if (xlsx) {
		rq->mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		if (app_dashboard_xlsx(&rq->app, &d, &rq->body) != 0)
			return page_error(rq, 500, "The spreadsheet could not be made.");
	} else {
		rq->mime = "text/csv; charset=utf-8";
		app_dashboard_csv(&d, &rq->body);
	}
	return 0;
}

int page_dashboard_csv(struct request *rq)
{
	return download(rq, false);
}

int page_dashboard_xlsx(struct request *rq)
{
	return download(rq, true);
}
