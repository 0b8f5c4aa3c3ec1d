/* web/pages/public.c — what needs no sign-in: the start page, health check, assets,
 * signing in and out, and the public self-referral form (rate-limited, with a
 * honeypot field for bots). */
#include <stdio.h>
#include <string.h>
#include "web/pages/pages.h"
#include "web/html.h"
#include "util/arena.h"
#include "util/embedded.h"
#include "util/log.h"

int page_home(struct request *rq)
{
	unsigned r = rq->who.role;
	if (r & ROLE_SPECIALIST)
		return redirect_see_other(rq, "/caseload");
	if (r & ROLE_TEAM_LEADER)
		return redirect_see_other(rq, "/referrals");
	if (r & ROLE_CLINICIAN)
		return redirect_see_other(rq, "/people");
	if (r & ROLE_AUDITOR)
		return redirect_see_other(rq, "/audit");
	if (r & (ROLE_ADMIN | ROLE_COMMISSIONER | ROLE_REVIEWER))
		return redirect_see_other(rq, "/overview");
	return redirect_see_other(rq, "/sign-in");
}

int page_healthz(struct request *rq)
{
	rq->mime = "text/plain; charset=utf-8";
	html_lit(rq, "ok\n");
	return 0;
}

static const char *mime_for(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return "application/octet-stream";
	if (strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	if (strcmp(dot, ".js") == 0)
		return "text/javascript; charset=utf-8";
	if (strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	if (strcmp(dot, ".ico") == 0)
		return "image/x-icon";
	if (strcmp(dot, ".png") == 0)
		return "image/png";
	return "application/octet-stream";
}

int page_asset(struct request *rq)
{
	const char *name = route_param(rq, 0);
	for (const struct embedded_file *f = embedded_assets; f->name; f++) {
		if (strcmp(f->name, name) != 0)
			continue;
		rq->mime = mime_for(name);
		rq->cacheable = true;
		buf_add(&rq->body, f->bytes, f->len);
		return 0;
	}
	return page_error(rq, 404, "Page not found.");
}

static void sign_in_page(struct request *rq, const struct result *r)
{
	page_begin(rq, "Sign in");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_error_summary(rq, r);
	html_lit(rq, "<h1>Sign in to ipsdesk</h1>");
	nhs_form_begin(rq, "/sign-in");
	nhs_input(rq, "username", "Username", field_value(rq, "username", NULL), r,
		  &(struct input_opts){.autocomplete = "username", .spellcheck_off = true,
				       .width_class = "nhsuk-input--width-20"});
	nhs_input(rq, "password", "Password", NULL, r,
		  &(struct input_opts){.type = "password", .autocomplete = "current-password",
				       .width_class = "nhsuk-input--width-20"});
	nhs_button(rq, "Sign in", false);
	nhs_form_end(rq);
	html_lit(rq, "<p>Want to refer yourself to an employment service? "
		     "<a href=\"/refer\">Use the self-referral form</a>.</p></div></div>");
	page_end(rq);
}

int page_sign_in_form(struct request *rq)
{
	if (rq->signed_in)
		return redirect_see_other(rq, "/");
	sign_in_page(rq, NULL);
	return 0;
}

int page_sign_in(struct request *rq)
{
	int64_t account = 0;
	struct result r = app_sign_in(&rq->app, form_text(rq, "username"), kv_get(&rq->form, "password"),
				      rq->client_addr, &account);
	if (r.code == RES_LIMITED) {
		rq->status = 429;
		sign_in_page(rq, &r);
		return 0;
	}
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		rq->status = 422;
		sign_in_page(rq, &r);
		return 0;
	}
	if (request_sign_in(rq, account) != 0)
		return page_error(rq, 500, "Sign-in is unavailable. Try again in a moment.");
	return redirect_see_other(rq, "/");
}

int page_sign_out(struct request *rq)
{
	request_sign_out(rq);
	return redirect_see_other(rq, "/sign-in");
}

static void refer_page(struct request *rq, const struct result *r)
{
	struct site *sites;
	size_t nsites;
	app_sites(&rq->app, &sites, &nsites);
	struct option *opts = arena_alloc(rq->arena, (nsites + 1) * sizeof *opts);
	for (size_t i = 0; i < nsites; i++) {
		opts[i].value = sites[i].code;
		opts[i].label = sites[i].name;
	}
	page_begin(rq, "Refer yourself for help finding work");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_error_summary(rq, r);
	html_lit(rq, "<h1>Refer yourself for help finding work</h1>"
		     "<p>Individual Placement and Support (IPS) employment specialists work alongside "
		     "mental health teams to help people find and keep paid work. Anyone who wants to work "
		     "can be referred: there is no test to pass.</p>"
		     "<p>Fill in this form and the team will contact you, usually within a week.</p>");
	nhs_form_begin(rq, "/refer");
	nhs_select(rq, "site", "Which service do you want to refer yourself to?",
		   "This is usually the NHS trust that provides your mental health care", opts, nsites,
		   field_value(rq, "site", NULL), r, "Choose a service");
	referral_identity_fields(rq, r, true);
	nhs_textarea(rq, "reason", "What kind of work are you interested in? (optional)",
		     "For example, the jobs you have in mind, or anything you would like the team to know",
		     field_value(rq, "reason", NULL), r, 4);
	/* Honeypot: hidden from people (and from assistive technology); bots fill it in. */
	html_lit(rq, "<div class=\"ips-honeypot\" aria-hidden=\"true\"><label for=\"website\">Leave this empty</label>"
		     "<input id=\"website\" name=\"website\" type=\"text\" tabindex=\"-1\" autocomplete=\"off\"></div>");
	nhs_checkbox(rq, "consent", "yes", "I want to work and I agree to the service contacting me",
		     "The service will keep your details securely and use them only to support you",
		     field_value(rq, "consent", NULL) != NULL, r);
	nhs_button(rq, "Send referral", false);
	nhs_form_end(rq);
	html_lit(rq, "</div></div>");
	page_end(rq);
}

int page_refer_form(struct request *rq)
{
	refer_page(rq, NULL);
	return 0;
}

/* The thanks after a self-referral; r (may be NULL) carries warnings about what was
 * sent (a date of birth in the future), which the person cannot change now but can put
 * right when the team calls. */
static void refer_done_page(struct request *rq, const struct result *r)
{
	page_begin(rq, "Referral sent");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">"
		     "<div class=\"nhsuk-panel\"><h1 class=\"nhsuk-panel__title\">Referral sent</h1>"
		     "<div class=\"nhsuk-panel__body\">Thank you. The team will contact you.</div></div>");
	if (r && r->nwarnings) {
		nhs_warnings(rq, r);
		html_lit(rq, "<p>Your referral has been sent as it is. If something in it is wrong, tell the "
			     "team when they contact you.</p>");
	}
	html_lit(rq, "<h2>What happens next</h2><p>An employment specialist will get in touch, usually "
		     "within a week, to arrange a first meeting at a time and place that suits you.</p>"
		     "<p>If you need help now, contact your care coordinator or GP. In a mental health "
		     "crisis, call NHS 111 and choose the mental health option.</p></div></div>");
	page_end(rq);
}

int page_refer_submit(struct request *rq)
{
	const char *honeypot = kv_get(&rq->form, "website");
	if (honeypot && *honeypot) {
		/* Looks like success to the bot; nothing is written. */
		log_info("req=%s self-referral dropped: honeypot filled", rq->app.request_id);
		return redirect_see_other(rq, "/refer/done");
	}
	struct referral_form f;
	referral_form_read(rq, &f);
	f.site = form_text(rq, "site");
	struct result r = app_self_referral(&rq->app, rq->client_addr, &f);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		rq->status = 422;
		refer_page(rq, &r);
		return 0;
	}
	if (r.nwarnings == 0)
		return redirect_see_other(rq, "/refer/done");
	refer_done_page(rq, &r);   /* sent, but something in it looks wrong: say so now */
	return 0;
}

int page_refer_done(struct request *rq)
{
	refer_done_page(rq, NULL);
	return 0;
}
