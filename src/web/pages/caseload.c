/* web/pages/caseload.c — a specialist's caseload (stage, last contact and days since,
 * next step, count against the limit of 20 per FTE), the team leader's view of every
 * specialist's caseload, and handing a whole caseload to another specialist. */
#include <stdio.h>
#include <string.h>
#include "web/pages/pages.h"
#include "web/html.h"
#include "core/caseload.h"
#include "core/validate.h"
#include "util/arena.h"

static void limit_line(struct request *rq, int people, int limit, int fte)
{
	char f[24];
	format_hundredths(fte, f);
	bool over = people > limit;
	html_lit(rq, "<p class=\"");
	html_lit(rq, "ips-caseload-count");
	html_lit(rq, "\">");
	if (over)
		nhs_tag(rq, "Over the limit", "red");
	html_lit(rq, " <strong>");
	html_int(rq, people);
	html_text(rq, people == 1 ? " person" : " people");
	html_lit(rq, "</strong> against a limit of ");
	html_int(rq, limit);
	html_lit(rq, " (20 per full-time equivalent; this specialist works ");
	html_text(rq, f);
	html_lit(rq, " FTE)</p>");
}

static void caseload_table(struct request *rq, const struct caseload *cl)
{
	if (cl->n == 0) {
		html_lit(rq, "<p>Nobody is on this caseload.</p>");
		return;
	}
	html_lit(rq, "<table class=\"nhsuk-table-responsive\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">"
		     "People on the caseload</caption><thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Person</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Stage</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Last contact</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Days since</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Next step</th></tr></thead>"
		     "<tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < cl->n; i++) {
		const struct caseload_row *w = &cl->rows[i];
		struct stage_facts f = {.allocated = true, .had_direct_contact = w->had_direct_contact,
					.in_work = w->in_work};
		html_lit(rq, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">"
			     "<span class=\"nhsuk-table-responsive__heading\">Person </span><a href=\"");
		html_href(rq, "/people/", w->client_id, NULL);
		html_lit(rq, "\">");
		html_text(rq, w->given_name);
		html_lit(rq, " ");
		html_text(rq, w->family_name);
		html_lit(rq, "</a></td><td class=\"nhsuk-table__cell\"><span class=\"nhsuk-table-responsive__heading\">Stage </span>");
		html_text(rq, stage_label(stage_of(&f)));
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\"><span class=\"nhsuk-table-responsive__heading\">Last contact </span>");
		if (w->last_contact)
			html_date(rq, w->last_contact);
		else
			html_lit(rq, "None yet");
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\"><span class=\"nhsuk-table-responsive__heading\">Days since </span>");
		day_t d;
		const char *since = w->last_contact ? w->last_contact : w->allocated_on;
		if (since && date_parse(since, &d)) {
			int days = rq->app.today - d;
			if (days > 28)
				nhs_tag(rq, arena_printf(rq->arena, "%d", days), "red");
			else
				html_int(rq, days);
		}
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\"><span class=\"nhsuk-table-responsive__heading\">Next step </span>");
		html_text(rq, w->next_step ? w->next_step : "");
		html_lit(rq, "</td></tr>");
	}
	html_lit(rq, "</tbody></table>");
}

int page_caseload(struct request *rq)
{
	if (rq->who.role & ROLE_TEAM_LEADER) {
		struct specialist_load *loads;
		size_t n;
		struct result r = app_caseload_sizes(&rq->app, &rq->who, &loads, &n);
		if (result_reply(rq, &r) == 0)
			return 0;
		page_begin(rq, "Caseloads");
		html_lit(rq, "<h1>Caseloads</h1><table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption\">"
			     "Employment specialists and the people on their caseloads</caption>"
			     "<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">Specialist</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">Team</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">FTE</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header nhsuk-table__header--numeric\">People</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header nhsuk-table__header--numeric\">Limit</th></tr></thead>"
			     "<tbody class=\"nhsuk-table__body\">");
		for (size_t i = 0; i < n; i++) {
			char f[24];
			format_hundredths(loads[i].staff.fte, f);
			int limit = caseload_limit(loads[i].staff.fte);
			html_lit(rq, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\"><a href=\"");
			html_href(rq, "/caseload/", loads[i].staff.id, NULL);
			html_lit(rq, "\">");
			html_text(rq, loads[i].staff.name);
			html_lit(rq, "</a></td><td class=\"nhsuk-table__cell\">");
			html_text(rq, loads[i].staff.team_name);
			html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
			html_text(rq, f);
			html_lit(rq, "</td><td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">");
			html_int(rq, loads[i].people);
			if (loads[i].people > limit) {
				html_lit(rq, " ");
				nhs_tag(rq, "Over the limit", "red");
			}
			html_lit(rq, "</td><td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">");
			html_int(rq, limit);
			html_lit(rq, "</td></tr>");
		}
		html_lit(rq, "</tbody></table>");
		page_end(rq);
		return 0;
	}
	struct caseload cl;
	struct result r = app_caseload(&rq->app, &rq->who, 0, &cl);
	if (result_reply(rq, &r) == 0)
		return 0;
	page_begin(rq, "My caseload");
	html_lit(rq, "<h1>My caseload</h1>");
	limit_line(rq, cl.people, cl.limit, cl.specialist.fte);
	caseload_table(rq, &cl);
	page_end(rq);
	return 0;
}

static void caseload_of_page(struct request *rq, const struct caseload *cl, const struct result *r)
{
	page_begin(rq, arena_printf(rq->arena, "Caseload of %s", cl->specialist.name));
	nhs_back_link(rq, "/caseload", "All caseloads");
	nhs_error_summary(rq, r);
	html_lit(rq, "<h1>Caseload of ");
	html_text(rq, cl->specialist.name);
	html_lit(rq, "</h1>");
	limit_line(rq, cl->people, cl->limit, cl->specialist.fte);
	caseload_table(rq, cl);
	if ((rq->who.role & ROLE_TEAM_LEADER) && cl->n > 0) {
		struct staff *es;
		size_t nes;
		app_specialists_for(&rq->app, &rq->who, &es, &nes);
		struct option *opts = arena_alloc(rq->arena, (nes + 1) * sizeof *opts);
		size_t k = 0;
		for (size_t i = 0; i < nes; i++) {
			if (es[i].id == cl->specialist.id)
				continue;
			opts[k].value = arena_printf(rq->arena, "%lld", (long long)es[i].id);
			opts[k].label = es[i].name;
			k++;
		}
		html_lit(rq, "<h2>Hand over this caseload</h2><p>Moves every open referral on this caseload to "
			     "another specialist, with a note they will see on each person's timeline.</p>");
		nhs_form_begin(rq, arena_printf(rq->arena, "/caseload/%lld/handover", (long long)cl->specialist.id));
		nhs_select(rq, "to", "Specialist taking over", NULL, opts, k, field_value(rq, "to", NULL), r, "Choose a specialist");
		nhs_textarea(rq, "note", "Handover note", "For example, why the caseload is moving and anything urgent",
			     field_value(rq, "note", NULL), r, 4);
		nhs_button(rq, "Hand over caseload", true);
		nhs_form_end(rq);
	}
	page_end(rq);
}

int page_caseload_of(struct request *rq)
{
	struct caseload cl;
	struct result r = app_caseload(&rq->app, &rq->who, route_id(rq, 0), &cl);
	if (result_reply(rq, &r) == 0)
		return 0;
	caseload_of_page(rq, &cl, NULL);
	return 0;
}

int page_handover(struct request *rq)
{
	int64_t from = route_id(rq, 0);
	struct result r = app_caseload_handover(&rq->app, &rq->who, from, form_text(rq, "to"),
						form_textarea(rq, "note"));
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		struct caseload cl;
		struct result g = app_caseload(&rq->app, &rq->who, from, &cl);
		if (result_reply(rq, &g) == 0)
			return 0;
		rq->status = 422;
		caseload_of_page(rq, &cl, &r);
		return 0;
	}
	return redirect_see_other(rq, "/caseload");
}
