/* web/pages/audit.c — searching the audit log (auditor, admin) and the service
 * overview of aggregate counts, where small numbers are suppressed for roles that see
 * no named person. */
#include <stdio.h>
#include <string.h>
#include "web/pages/pages.h"
#include "web/html.h"
#include "util/arena.h"
#include "util/buf.h"

int page_audit(struct request *rq)
{
	struct audit_query q = {
		.actor = query_text(rq, "actor"), .action = query_text(rq, "action"),
		.entity = query_text(rq, "entity"), .from = query_text(rq, "from"), .to = query_text(rq, "to"),
		.limit = 100,
	};
	const char *id = query_text(rq, "entity_id");
	const char *before = query_text(rq, "before");
	for (const char **p = &q.actor; p <= &q.to; p++)
		if (*p && !**p)
			*p = NULL;
	struct result r = result_new(rq->arena);
	if (id && *id) {
		long long v = 0;
		if (sscanf(id, "%lld", &v) != 1 || v <= 0)
			result_field(&r, "entity_id", "Record number must be a whole number");
		q.entity_id = v;
	}
	const char *before_read = query_text(rq, "before_read");
	if (before && *before)
		sscanf(before, "%lld", (long long *)&q.before_seq);
	if (before_read && *before_read)
		sscanf(before_read, "%lld", (long long *)&q.before_read_seq);
	struct audit_entry *rows = NULL;
	size_t n = 0;
	if (result_ok(&r))
		r = app_audit_search(&rq->app, &rq->who, &q, &rows, &n);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r))
		rq->status = 422;
	page_begin(rq, "Audit log");
	nhs_error_summary(rq, &r);
	html_lit(rq, "<h1>Audit log</h1><p>Every view and change of a person's record, and every sign-in. "
		     "Entries name the fields changed, never their values.</p>"
		     "<form method=\"get\" action=\"/audit\" novalidate><div class=\"nhsuk-grid-row\">"
		     "<div class=\"nhsuk-grid-column-one-third\">");
	nhs_input(rq, "actor", "Username", q.actor, &r, NULL);
	html_lit(rq, "</div><div class=\"nhsuk-grid-column-one-third\">");
	nhs_input(rq, "action", "Action", q.action, &r, &(struct input_opts){.hint = "For example, client.view"});
	html_lit(rq, "</div><div class=\"nhsuk-grid-column-one-third\">");
	nhs_input(rq, "entity", "Kind of record", q.entity, &r, &(struct input_opts){.hint = "For example, client"});
	html_lit(rq, "</div></div><div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-one-third\">");
	nhs_input(rq, "entity_id", "Record number", id, &r, &(struct input_opts){.inputmode = "numeric"});
	html_lit(rq, "</div><div class=\"nhsuk-grid-column-one-third\">");
	nhs_input(rq, "from", "From (YYYY-MM-DD)", q.from, &r, NULL);
	html_lit(rq, "</div><div class=\"nhsuk-grid-column-one-third\">");
	nhs_input(rq, "to", "To (YYYY-MM-DD)", q.to, &r, NULL);
	html_lit(rq, "</div></div>");
	nhs_button(rq, "Search the log", true);
	html_lit(rq, "</form>");
	if (n == 0) {
		html_lit(rq, "<p>No entries match.</p>");
		page_end(rq);
		return 0;
	}
	html_lit(rq, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption\">Entries, newest first"
		     "<span class=\"nhsuk-body-s nhsuk-u-display-block\">Numbers starting R are views, kept in "
		     "the read log; the others are in the database's own log.</span></caption>"
		     "<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Number</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Time (UTC)</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Who</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Action</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Record</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Fields</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Request</th></tr></thead><tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < n; i++) {
		html_lit(rq, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
		if (rows[i].read_log)
			html_lit(rq, "R");
		html_int(rq, rows[i].seq);
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
		html_text(rq, rows[i].at);
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
		html_text(rq, rows[i].actor);
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
		html_text(rq, rows[i].action);
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
		html_text(rq, rows[i].entity);
		if (rows[i].entity_id) {
			html_lit(rq, " ");
			html_int(rq, rows[i].entity_id);
		}
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
		html_text(rq, rows[i].fields);
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
		html_text(rq, rows[i].request_id);
		html_lit(rq, "</td></tr>");
	}
	html_lit(rq, "</tbody></table>");
	if (n == (size_t)q.limit) {
		/* each chain carries on after the oldest of its entries shown, or from where
		 * this page started when none of its entries were shown */
		int64_t own = q.before_seq, reads = q.before_read_seq;
		for (size_t i = 0; i < n; i++)
			*(rows[i].read_log ? &reads : &own) = rows[i].seq;
		struct buf b = BUF_INIT;
		static const char *const names[] = {"actor", "action", "entity", "from", "to"};
		for (const char **p = &q.actor; p <= &q.to; p++)
			query_pair(&b, names[p - &q.actor], *p);
		query_pair(&b, "entity_id", q.entity_id ? arena_printf(rq->arena, "%lld", (long long)q.entity_id) : NULL);
		query_pair(&b, "before", arena_printf(rq->arena, "%lld", (long long)own));
		query_pair(&b, "before_read", arena_printf(rq->arena, "%lld", (long long)reads));
		html_lit(rq, "<p><a href=\"/audit?");
		html_attr(rq, buf_str(&b));
		buf_free(&b);
		html_lit(rq, "\">Older entries</a></p>");
	}
	page_end(rq);
	return 0;
}

/* NHS England's small-number rule for figures that leave the service: 1-4 as "*",
 * others rounded to the nearest 5. */
static void count_cell(struct request *rq, int v, bool suppress)
{
	html_lit(rq, "<td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">");
	if (suppress && v >= 1 && v <= 4)
		html_lit(rq, "*");
	else
		html_int(rq, suppress ? (v + 2) / 5 * 5 : v);
	html_lit(rq, "</td>");
}

int page_overview(struct request *rq)
{
	struct site_counts *rows;
	size_t n;
	struct result r = app_site_counts(&rq->app, &rq->who, &rows, &n);
	if (result_reply(rq, &r) == 0)
		return 0;
	bool suppress = (rq->who.role & (ROLE_COMMISSIONER | ROLE_REVIEWER)) != 0;
	page_begin(rq, "Service overview");
	html_lit(rq, "<h1>Service overview</h1>");
	if (suppress)
		html_lit(rq, "<p>Counts from 1 to 4 are shown as * and other counts are rounded to the nearest 5, "
			     "as NHS England publishes them.</p>");
	html_lit(rq, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption\">Open referrals by service, today</caption>"
		     "<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Service</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header nhsuk-table__header--numeric\">Open referrals</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header nhsuk-table__header--numeric\">Waiting for allocation</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header nhsuk-table__header--numeric\">People on caseloads</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header nhsuk-table__header--numeric\">Specialists</th></tr></thead>"
		     "<tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < n; i++) {
		html_lit(rq, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
		html_text(rq, rows[i].site.name);
		html_lit(rq, "</td>");
		count_cell(rq, rows[i].open_referrals, suppress);
		count_cell(rq, rows[i].waiting, suppress);
		count_cell(rq, rows[i].on_caseload, suppress);
		count_cell(rq, rows[i].specialists, false);
		html_lit(rq, "</tr>");
	}
	html_lit(rq, "</tbody></table>");
	page_end(rq);
	return 0;
}
