/* web/pages/benefits.c — benefits and preparation for work on a person's record: the
 * Benefits section, recording benefits advice, the better-off-in-work calculator (a GET
 * form, so a result can be printed and bookmarked), the admin's benefit rates, and the
 * CV (edit, then print without NHS chrome). Handlers only translate: app/benefits.c
 * holds the rules, the scope and the audit. */
#include <stdio.h>
#include <string.h>
#include "web/pages/pages.h"
#include "web/html.h"
#include "core/betteroff.h"
#include "core/codes.h"
#include "core/validate.h"
#include "util/arena.h"

static const char *money(struct request *rq, int64_t pence)
{
	char s[32];
	bo_money(pence, s);
	return arena_strdup(rq->arena, s);
}

static const char *plain_pounds(struct request *rq, int64_t pence)
{
	char s[24];
	format_pence(pence, s);
	return arena_strdup(rq->arena, s);
}

static const char *hundredths(struct request *rq, int64_t v)
{
	char s[24];
	format_hundredths(v, s);
	return arena_strdup(rq->arena, s);
}

static const char *long_date(struct request *rq, const char *iso)
{
	day_t d;
	char s[32];
	if (!iso || !date_parse(iso, &d))
		return iso;
	date_long(d, s, sizeof s);
	return arena_strdup(rq->arena, s);
}

/* A button that prints the page: hidden until ipsdesk.js wires it up (no script, no
 * button; the browser's own Print command does the same). */
static void print_button(struct request *rq, const char *text)
{
	html_lit(rq, "<button class=\"nhsuk-button nhsuk-button--secondary ips-print-button\" type=\"button\" "
		     "data-ips-print hidden>");
	html_text(rq, text);
	html_lit(rq, "</button>");
}

/* ---- the Benefits section of a person's record --------------------------------------------- */

void person_benefits_section(struct request *rq, int64_t client_id, bool may_edit)
{
	struct benefits_advice *adv;
	size_t n;
	struct result r = app_benefits_advice_of_client(&rq->app, &rq->who, client_id, &adv, &n);
	html_lit(rq, "<h2>Benefits advice</h2>");
	if (may_edit) {
		html_lit(rq, "<ul class=\"nhsuk-list\"><li><a href=\"");
		html_href(rq, "/people/", client_id, "/benefits-advice/new");
		html_lit(rq, "\">Record benefits advice</a></li><li><a href=\"");
		html_href(rq, "/people/", client_id, "/better-off");
		html_lit(rq, "\">Better off in work? Work out income in and out of work</a></li><li><a href=\"");
		html_href(rq, "/people/", client_id, "/cv");
		html_lit(rq, "\">Write or print their CV</a></li></ul>");
	}
	if (!result_ok(&r)) {
		html_lit(rq, "<p>The benefits advice could not be read.</p>");
		return;
	}
	if (n == 0) {
		html_lit(rq, "<p>No benefits advice recorded yet. Offer it before a job starts and whenever hours "
			     "or pay change.</p>");
		return;
	}
	html_lit(rq, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">"
		     "Benefits advice, newest first</caption><thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Date</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">What was covered</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Follow-up</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">By</th></tr></thead><tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < n; i++) {
		html_lit(rq, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
		html_date(rq, adv[i].date);
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
		html_text_multiline(rq, adv[i].covered);
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
		html_text_multiline(rq, adv[i].follow_up);
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
		html_text(rq, adv[i].staff_name);
		html_lit(rq, "</td></tr>");
	}
	html_lit(rq, "</tbody></table>");
}

/* ---- recording benefits advice ---------------------------------------------------------------- */

static void advice_page(struct request *rq, const struct client_record *rec, const struct result *r)
{
	int64_t id = rec->client.id;
	page_begin(rq, "Record benefits advice");
	nhs_back_link(rq, person_path(rq, id, NULL), "Back to the record");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_error_summary(rq, r);
	html_lit(rq, "<h1>Record benefits advice: ");
	html_text(rq, rec->client.given_name);
	html_lit(rq, " ");
	html_text(rq, rec->client.family_name);
	html_lit(rq, "</h1><p>Benefits advice (work incentives planning) is offered before a job starts and "
		     "whenever hours or pay change.</p>");
	nhs_form_begin(rq, person_path(rq, id, "/benefits-advice"));
	nhs_date_input(rq, "date", "Date the advice was given", "For example, 3 11 2026",
		       rq->method == POST ? NULL : rq->app.today_iso, r);
	nhs_textarea(rq, "covered", "What the advice covered",
		     "For example, how Universal Credit changes with earnings, the work allowance, permitted work on ESA",
		     field_value(rq, "covered", NULL), r, 5);
	nhs_textarea(rq, "follow_up", "Follow-up (optional)",
		     "For example, a better-off calculation with the Jobcentre work coach next week",
		     field_value(rq, "follow_up", NULL), r, 3);
	nhs_button(rq, "Save benefits advice", false);
	nhs_form_end(rq);
	html_lit(rq, "</div></div>");
	page_end(rq);
}

int page_benefits_advice_new(struct request *rq)
{
	struct client_record rec;
	if (person_load_editable(rq, route_id(rq, 0), &rec))
		advice_page(rq, &rec, NULL);
	return 0;
}

int page_benefits_advice_create(struct request *rq)
{
	int64_t id = route_id(rq, 0);
	struct benefits_advice_form f = {
		.date = form_date(rq, "date"), .covered = form_textarea(rq, "covered"),
		.follow_up = form_textarea(rq, "follow_up"),
	};
	struct result r = app_benefits_advice_add(&rq->app, &rq->who, id, &f);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		struct client_record rec;
		if (person_load_editable(rq, id, &rec)) {
			rq->status = 422;
			advice_page(rq, &rec, &r);
		}
		return 0;
	}
	return redirect_see_other(rq, person_path(rq, id, NULL));
}

/* ---- the better-off-in-work calculator ------------------------------------------------------------ */

static const struct code YES_NO[] = {
	{"yes", "Yes"},
	{"no", "No"},
	{NULL, NULL},
};

static void rates_source(struct request *rq, const struct bo_rates *rt)
{
	html_lit(rq, "<p>Rates from ");
	html_date(rq, rt->applies_from);
	html_lit(rq, ". Source: ");
	html_text(rq, rt->source);
	html_lit(rq, "</p>");
}

static void betteroff_result(struct request *rq, const struct betteroff_view *v)
{
	const struct bo_result *o = &v->out;
	const struct bo_situation *s = &v->in;
	html_lit(rq, "<section class=\"ips-betteroff-result\" aria-labelledby=\"result-title\">"
		     "<h2 id=\"result-title\">Better off in work: summary for ");
	html_text(rq, v->client.given_name);
	html_lit(rq, " ");
	html_text(rq, v->client.family_name);
	html_lit(rq, "</h2><div class=\"nhsuk-panel\"><p class=\"nhsuk-body-l\"><strong>");
	if (o->better_off >= 0) {
		html_text(rq, "Better off by ");
		html_text(rq, money(rq, o->better_off));
	} else {
		html_text(rq, "Worse off by ");
		html_text(rq, money(rq, -o->better_off));
	}
	html_lit(rq, " a month</strong></p><p>Income out of work: ");
	html_text(rq, money(rq, o->income_out));
	html_lit(rq, " a month. Income in work: ");
	html_text(rq, money(rq, o->income_in));
	html_lit(rq, " a month.</p></div>");
	if (s->on_esa)
		nhs_inset(rq, o->esa_reason);

	html_lit(rq, "<h3>The job and the person's situation</h3>");
	nhs_summary_begin(rq);
	nhs_summary_row(rq, "Hourly pay", arena_printf(rq->arena, "%s before tax", money(rq, s->hourly_pay)));
	nhs_summary_row(rq, "Hours a week", hundredths(rq, s->hours));
	nhs_summary_row(rq, "Universal Credit a month before earnings",
			s->uc_award > 0 ? money(rq, s->uc_award) : "Not on Universal Credit");
	if (s->uc_award > 0) {
		nhs_summary_row(rq, "Housing costs in the award", s->housing_costs ? "Yes" : "No");
		nhs_summary_row(rq, "A child or limited capability for work", s->work_allowance ? "Yes" : "No");
	}
	nhs_summary_row(rq, "Employment and Support Allowance",
			s->on_esa ? arena_printf(rq->arena, "%s a week", money(rq, s->esa_weekly)) : "No");
	nhs_summary_end(rq);

	html_lit(rq, "<h3>How it was worked out</h3><table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption "
		     "nhsuk-u-visually-hidden\">Each step of the calculation</caption><thead class=\"nhsuk-table__head\">"
		     "<tr class=\"nhsuk-table__row\"><th scope=\"col\" class=\"nhsuk-table__header\">Step</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Working</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header nhsuk-table__header--numeric\">Amount</th></tr></thead>"
		     "<tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < o->nlines; i++) {
		html_lit(rq, "<tr class=\"nhsuk-table__row\"><th scope=\"row\" class=\"nhsuk-table__header\">");
		html_text(rq, o->lines[i].label);
		html_lit(rq, "</th><td class=\"nhsuk-table__cell\">");
		html_text(rq, o->lines[i].working);
		html_lit(rq, "</td><td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">");
		html_text(rq, money(rq, o->lines[i].pence));
		html_lit(rq, "</td></tr>");
	}
	html_lit(rq, "</tbody></table><h3>Rates used</h3>");
	rates_source(rq, &v->rates);
	html_lit(rq, "<p>Every amount is worked in whole pence and rounded once, to the nearest penny. Monthly tax "
		     "and National Insurance thresholds are the yearly ones divided by 12. This is an estimate: it leaves "
		     "out pension contributions, childcare costs, other income and how Universal Credit treats ESA. "
		     "Before the person decides, offer a full benefits check (for example with their Jobcentre work coach "
		     "or a welfare rights adviser).</p><p class=\"nhsuk-body-s\">Worked out on ");
	html_date(rq, rq->app.today_iso);
	html_lit(rq, " by ");
	html_text(rq, rq->who.name);
	html_lit(rq, ".</p>");
	print_button(rq, "Print this summary");
	html_lit(rq, "</section>");
}

int page_better_off(struct request *rq)
{
	int64_t id = route_id(rq, 0);
	/* The form is posted, not sent in the address: benefit amounts and whether the person
	 * gets ESA (which points to their health) must not reach a proxy's log or the
	 * browser's history. GET shows the empty form. */
	bool sent = rq->method == POST;
	struct betteroff_form f = {0};
	if (sent)
		f = (struct betteroff_form){
			.hourly_pay = form_text(rq, "hourly_pay"), .hours = form_text(rq, "hours"),
			.uc_award = form_text(rq, "uc_award"), .housing_costs = form_text(rq, "housing_costs"),
			.work_allowance = form_text(rq, "work_allowance"), .on_esa = form_text(rq, "on_esa"),
			.esa_weekly = form_text(rq, "esa_weekly"),
		};
	struct betteroff_view v;
	struct result r = app_better_off(&rq->app, &rq->who, id, sent ? &f : NULL, &v);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r))
		rq->status = 422;
	const struct result *shown = result_ok(&r) ? NULL : &r;

	page_begin(rq, arena_printf(rq->arena, "Better off in work? %s %s", v.client.given_name, v.client.family_name));
	nhs_back_link(rq, person_path(rq, id, NULL), "Back to the record");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-full\">");
	nhs_error_summary(rq, shown);
	html_lit(rq, "<h1 class=\"ips-no-print\">Better off in work? ");
	html_text(rq, v.client.given_name);
	html_lit(rq, " ");
	html_text(rq, v.client.family_name);
	html_lit(rq, "</h1>");
	if (!v.have_rates)
		nhs_warning_callout(rq, "No benefit rates", "There are no benefit rates in force today. "
				    "An administrator adds each April's rates on the Benefit rates page.");
	else if (v.rates_stale)
		nhs_warning_callout(rq, "These rates may be out of date",
				    arena_printf(rq->arena, "The newest benefit rates ipsdesk has started on %s, more than "
						 "a year ago. Rates change every April: ask an administrator to add this "
						 "year's on the Benefit rates page.", long_date(rq, v.rates.applies_from)));
	if (v.calculated)
		betteroff_result(rq, &v);

	html_lit(rq, "<div class=\"ips-no-print\"><h2>");
	html_text(rq, v.calculated ? "Try other hours or pay" : "The job and the person's situation");
	html_lit(rq, "</h2>");
	nhs_form_begin(rq, person_path(rq, id, "/better-off"));
	nhs_input(rq, "hourly_pay", "Hourly pay in pounds, before tax", sent ? f.hourly_pay : v.suggest_hourly, shown,
		  &(struct input_opts){.hint = v.suggest_hourly ? "From their newest job; for example 12.21"
								 : "For example 12.21",
				       .inputmode = "decimal", .width_class = "nhsuk-input--width-5"});
	nhs_input(rq, "hours", "Hours a week", sent ? f.hours : v.suggest_hours, shown,
		  &(struct input_opts){.hint = "For example 16 or 7.5", .inputmode = "decimal",
				       .width_class = "nhsuk-input--width-4"});
	nhs_input(rq, "uc_award", "Universal Credit a month before any earnings, in pounds (optional)", f.uc_award,
		  shown, &(struct input_opts){.hint = "The award on their statement, after any deduction for new-style "
						      "ESA (which Universal Credit takes off pound for pound). Leave "
						      "blank if they do not get Universal Credit",
					      .inputmode = "decimal", .width_class = "nhsuk-input--width-5"});
	nhs_radios(rq, "housing_costs", "Does their Universal Credit include housing costs?", NULL, YES_NO,
		   f.housing_costs, shown, true);
	nhs_radios(rq, "work_allowance", "Do they have a child, or limited capability for work?",
		   "Only then does Universal Credit have a work allowance", YES_NO, f.work_allowance, shown, true);
	nhs_radios(rq, "on_esa", "Do they get Employment and Support Allowance (ESA)?", NULL, YES_NO,
		   sent ? f.on_esa : "no", shown, true);
	nhs_input(rq, "esa_weekly", "ESA a week, in pounds", f.esa_weekly, shown,
		  &(struct input_opts){.hint = "Only if they get ESA", .inputmode = "decimal",
				       .width_class = "nhsuk-input--width-5"});
	nhs_button(rq, "Work it out", false);
	html_lit(rq, "</form>");
	if (v.have_rates && !v.calculated) {
		html_lit(rq, "<h2>Rates</h2>");
		rates_source(rq, &v.rates);
	}
	html_lit(rq, "</div></div></div>");
	page_end(rq);
	return 0;
}

/* ---- the admin's benefit rates ------------------------------------------------------------------- */

static const char *percent_text(struct request *rq, int64_t bp)
{
	return arena_printf(rq->arena, "%s%%", hundredths(rq, bp));
}

static void rates_page(struct request *rq, const struct bo_rates *rows, size_t n, bool stale, const struct result *r)
{
	const struct bo_rates *last = n ? &rows[0] : NULL;
	page_begin(rq, "Benefit rates");
	nhs_error_summary(rq, r);
	html_lit(rq, "<h1>Benefit rates</h1><p>The better-off-in-work calculator uses the rates in force on the day "
		     "it works something out. Rates change every April: add the new year's rates here, with where they "
		     "come from. Older rates are kept.</p>");
	if (stale)
		nhs_warning_callout(rq, "The newest rates are more than a year old",
				    last ? arena_printf(rq->arena, "The newest rates started on %s. Add this year's rates "
							"from GOV.UK.", long_date(rq, last->applies_from))
					 : "There are no rates: add them from GOV.UK.");
	if (n) {
		html_lit(rq, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption\">Rates held, newest first"
			     "</caption><thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">From</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">Universal Credit</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">ESA permitted work</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">Tax and National Insurance</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">Source</th></tr></thead>"
			     "<tbody class=\"nhsuk-table__body\">");
		for (size_t i = 0; i < n; i++) {
			const struct bo_rates *b = &rows[i];
			html_lit(rq, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
			html_date(rq, b->applies_from);
			html_lit(rq, "</td><td class=\"nhsuk-table__cell\">Taper ");
			html_text(rq, percent_text(rq, b->uc_taper_bp));
			html_lit(rq, "; work allowance ");
			html_text(rq, money(rq, b->uc_wa_housing));
			html_lit(rq, " a month with housing costs, ");
			html_text(rq, money(rq, b->uc_wa_no_housing));
			html_lit(rq, " without</td><td class=\"nhsuk-table__cell\">Under ");
			html_text(rq, hundredths(rq, b->esa_hours_limit));
			html_lit(rq, " hours and up to ");
			html_text(rq, money(rq, b->esa_weekly_limit));
			html_lit(rq, " a week</td><td class=\"nhsuk-table__cell\">Personal allowance ");
			html_text(rq, money(rq, b->tax_allowance));
			html_lit(rq, " a year, basic rate ");
			html_text(rq, percent_text(rq, b->tax_rate_bp));
			html_lit(rq, "; National Insurance ");
			html_text(rq, percent_text(rq, b->ni_rate_bp));
			html_lit(rq, " above ");
			html_text(rq, money(rq, b->ni_threshold));
			html_lit(rq, " a year</td><td class=\"nhsuk-table__cell\">");
			html_text(rq, b->source);
			html_lit(rq, "</td></tr>");
		}
		html_lit(rq, "</tbody></table>");
	}
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">"
		     "<h2>Add a new year's rates</h2><p>The form starts with the newest rates: change what has "
		     "changed.</p>");
	nhs_form_begin(rq, "/admin/benefit-rates");
	nhs_date_input(rq, "applies_from", "Date the rates apply from", "Usually early April, for example 6 4 2026",
		       NULL, r);
	nhs_textarea(rq, "source", "Where the rates come from",
		     "The titles and addresses of the GOV.UK pages, for example \"Benefit and pension rates 2026 to 2027\"",
		     field_value(rq, "source", last ? last->source : NULL), r, 4);
	struct input_opts pounds = {.hint = "In pounds", .inputmode = "decimal", .width_class = "nhsuk-input--width-10"};
	struct input_opts pct = {.hint = "A percentage, for example 55", .inputmode = "decimal",
				 .width_class = "nhsuk-input--width-4"};
	nhs_input(rq, "uc_taper", "Universal Credit taper rate (%)",
		  field_value(rq, "uc_taper", last ? hundredths(rq, last->uc_taper_bp) : NULL), r, &pct);
	nhs_input(rq, "uc_wa_housing", "Work allowance a month, with housing costs",
		  field_value(rq, "uc_wa_housing", last ? plain_pounds(rq, last->uc_wa_housing) : NULL), r, &pounds);
	nhs_input(rq, "uc_wa_no_housing", "Work allowance a month, without housing costs",
		  field_value(rq, "uc_wa_no_housing", last ? plain_pounds(rq, last->uc_wa_no_housing) : NULL), r, &pounds);
	nhs_input(rq, "esa_weekly_limit", "ESA permitted work: earnings limit a week",
		  field_value(rq, "esa_weekly_limit", last ? plain_pounds(rq, last->esa_weekly_limit) : NULL), r, &pounds);
	nhs_input(rq, "esa_hours_limit", "ESA permitted work: hours a week must be under",
		  field_value(rq, "esa_hours_limit", last ? hundredths(rq, last->esa_hours_limit) : NULL), r,
		  &(struct input_opts){.inputmode = "decimal", .width_class = "nhsuk-input--width-4"});
	nhs_input(rq, "tax_allowance", "Income Tax personal allowance a year",
		  field_value(rq, "tax_allowance", last ? plain_pounds(rq, last->tax_allowance) : NULL), r, &pounds);
	nhs_input(rq, "tax_rate", "Income Tax basic rate (%)",
		  field_value(rq, "tax_rate", last ? hundredths(rq, last->tax_rate_bp) : NULL), r, &pct);
	nhs_input(rq, "ni_threshold", "Employee National Insurance primary threshold a year",
		  field_value(rq, "ni_threshold", last ? plain_pounds(rq, last->ni_threshold) : NULL), r, &pounds);
	nhs_input(rq, "ni_rate", "Employee National Insurance rate (%)",
		  field_value(rq, "ni_rate", last ? hundredths(rq, last->ni_rate_bp) : NULL), r, &pct);
	nhs_button(rq, "Add these rates", false);
	nhs_form_end(rq);
	html_lit(rq, "</div></div>");
	page_end(rq);
}

int page_benefit_rates(struct request *rq)
{
	struct bo_rates *rows;
	size_t n;
	struct result r = app_benefit_rates_list(&rq->app, &rq->who, &rows, &n);
	if (result_reply(rq, &r) == 0)
		return 0;
	rates_page(rq, rows, n, app_benefit_rates_stale(&rq->app, rows, n), NULL);
	return 0;
}

int page_benefit_rates_create(struct request *rq)
{
	struct benefit_rates_form f = {
		.applies_from = form_date(rq, "applies_from"), .source = form_textarea(rq, "source"),
		.uc_taper = form_text(rq, "uc_taper"), .uc_wa_housing = form_text(rq, "uc_wa_housing"),
		.uc_wa_no_housing = form_text(rq, "uc_wa_no_housing"),
		.esa_weekly_limit = form_text(rq, "esa_weekly_limit"), .esa_hours_limit = form_text(rq, "esa_hours_limit"),
		.tax_allowance = form_text(rq, "tax_allowance"), .tax_rate = form_text(rq, "tax_rate"),
		.ni_threshold = form_text(rq, "ni_threshold"), .ni_rate = form_text(rq, "ni_rate"),
	};
	struct result r = app_benefit_rates_add(&rq->app, &rq->who, &f);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		struct bo_rates *rows;
		size_t n;
		struct result g = app_benefit_rates_list(&rq->app, &rq->who, &rows, &n);
		if (result_reply(rq, &g) == 0)
			return 0;
		rq->status = 422;
		rates_page(rq, rows, n, app_benefit_rates_stale(&rq->app, rows, n), &r);
		return 0;
	}
	return redirect_see_other(rq, "/admin/benefit-rates");
}

/* ---- the CV ---------------------------------------------------------------------------------------- */

static void cv_page(struct request *rq, const struct cv_view *v, const struct result *r)
{
	int64_t id = v->client.id;
	const struct cv *cv = &v->cv;
	page_begin(rq, "CV");
	nhs_back_link(rq, person_path(rq, id, NULL), "Back to the record");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_error_summary(rq, r);
	html_lit(rq, "<h1>CV: ");
	html_text(rq, v->client.given_name);
	html_lit(rq, " ");
	html_text(rq, v->client.family_name);
	html_lit(rq, "</h1>");
	if (v->saved) {
		html_lit(rq, "<p>Last saved ");
		html_date(rq, arena_strndup(rq->arena, cv->updated_at, 10));
		html_lit(rq, ". <a href=\"");
		html_href(rq, "/people/", id, "/cv/print");
		html_lit(rq, "\">Print the CV</a></p>");
	} else {
		nhs_inset(rq, "This draft was made from the vocational profile and the jobs recorded. Go through it with "
			      "the person, put it in their words and save it before printing.");
	}
	html_lit(rq, "<p>A CV goes to employers: leave out health conditions, support needs and anything the person "
		     "has not chosen to tell an employer.</p>");
	nhs_form_begin(rq, person_path(rq, id, "/cv"));
	nhs_textarea(rq, "statement", "Personal statement", "A few sentences about them and the work they want",
		     field_value(rq, "statement", cv->statement), r, 5);
	nhs_textarea(rq, "skills", "Skills and strengths", "One a line", field_value(rq, "skills", cv->skills), r, 5);
	nhs_textarea(rq, "work_history", "Work history",
		     "Each job on its own lines: the job and employer, then the dates and what they did. Leave a blank "
		     "line between jobs", field_value(rq, "work_history", cv->work_history), r, 10);
	nhs_textarea(rq, "education", "Education and training", NULL, field_value(rq, "education", cv->education), r, 4);
	nhs_textarea(rq, "interests", "Interests", NULL, field_value(rq, "interests", cv->interests), r, 3);
	nhs_textarea(rq, "references_note", "References", "For example, References are available on request",
		     field_value(rq, "references_note", cv->references_note), r, 2);
	nhs_button(rq, "Save CV", false);
	nhs_form_end(rq);
	html_lit(rq, "</div></div>");
	page_end(rq);
}

int page_cv(struct request *rq)
{
	struct cv_view v;
	struct result r = app_cv_get(&rq->app, &rq->who, route_id(rq, 0), false, &v);
	if (result_reply(rq, &r) == 0)
		return 0;
	cv_page(rq, &v, NULL);
	return 0;
}

int page_cv_save(struct request *rq)
{
	int64_t id = route_id(rq, 0);
	struct cv_form f = {
		.statement = form_textarea(rq, "statement"), .skills = form_textarea(rq, "skills"),
		.work_history = form_textarea(rq, "work_history"), .education = form_textarea(rq, "education"),
		.interests = form_textarea(rq, "interests"), .references_note = form_textarea(rq, "references_note"),
	};
	struct result r = app_cv_save(&rq->app, &rq->who, id, &f);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		struct cv_view v;
		struct result g = app_cv_get(&rq->app, &rq->who, id, false, &v);
		if (result_reply(rq, &g) == 0)
			return 0;
		rq->status = 422;
		cv_page(rq, &v, &r);
		return 0;
	}
	return redirect_see_other(rq, person_path(rq, id, "/cv/print"));
}

/* A CV section: paragraphs split at blank lines, lines kept. */
static void cv_section(struct request *rq, const char *heading, const char *text)
{
	if (!text || !*text)
		return;
	html_lit(rq, "<h2>");
	html_text(rq, heading);
	html_lit(rq, "</h2>");
	const char *p = text;
	while (*p) {
		const char *end = strstr(p, "\n\n");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n) {
			html_lit(rq, "<p>");
			html_text_multiline(rq, arena_strndup(rq->arena, p, n));
			html_lit(rq, "</p>");
		}
		if (!end)
			break;
		p = end + 2;
		while (*p == '\n')
			p++;
	}
}

/* The printable CV: a page of its own, with none of ipsdesk's header, navigation or
 * footer, and nothing an employer should not see (no NHS number, date of birth or
 * clinical detail: only the name and the contact details the person gave). */
int page_cv_print(struct request *rq)
{
	int64_t id = route_id(rq, 0);
	struct cv_view v;
	struct result r = app_cv_get(&rq->app, &rq->who, id, true, &v);
	if (result_reply(rq, &r) == 0)
		return 0;
	const struct client *c = &v.client;
	const struct cv *cv = &v.cv;
	rq->mime = "text/html; charset=utf-8";
	html_lit(rq, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>CV: ");
	html_text(rq, c->given_name);
	html_lit(rq, " ");
	html_text(rq, c->family_name);
	html_lit(rq, "</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		     "<link rel=\"stylesheet\" href=\"/assets/ipsdesk.css\">"
		     "<script type=\"module\" src=\"/assets/ipsdesk.js\"></script></head>"
		     "<body class=\"ips-cv-page\"><main class=\"ips-cv\" id=\"maincontent\">"
		     "<p class=\"ips-no-print\"><a href=\"");
	html_href(rq, "/people/", id, "/cv");
	html_lit(rq, "\">Change the CV</a> · <a href=\"");
	html_href(rq, "/people/", id, NULL);
	html_lit(rq, "\">Back to the record</a></p><p class=\"ips-no-print\">Print with your browser's Print command."
		     "</p><p class=\"ips-no-print\">");
	print_button(rq, "Print this CV");
	html_lit(rq, "</p><h1>");
	html_text(rq, c->given_name);
	html_lit(rq, " ");
	html_text(rq, c->family_name);
	html_lit(rq, "</h1>");
	if (c->phone || c->email) {
		html_lit(rq, "<p class=\"ips-cv-contact\">");
		html_text(rq, c->phone);
		if (c->phone && c->email)
			html_lit(rq, " · ");
		html_text(rq, c->email);
		html_lit(rq, "</p>");
	}
	cv_section(rq, "Personal statement", cv->statement);
	cv_section(rq, "Skills and strengths", cv->skills);
	cv_section(rq, "Work history", cv->work_history);
	cv_section(rq, "Education and training", cv->education);
	cv_section(rq, "Interests", cv->interests);
	cv_section(rq, "References", cv->references_note);
	html_lit(rq, "</main></body></html>\n");
	return 0;
}
