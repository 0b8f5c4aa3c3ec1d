/* web/pages/tokens.c — a signed-in person's own API tokens: the list, making one (shown
 * on this one page, once, never again) and revoking one. The token is never put in a
 * URL, a log or a redirect: the page that shows it is the answer to the POST. */
#include <string.h>
#include "web/pages/pages.h"
#include "web/html.h"
#include "util/arena.h"

/* "2026-11-22T13:45:00Z" as "22 November 2026 at 13:45 UTC". */
static void timestamp(struct request *rq, const char *iso)
{
	if (!iso || strlen(iso) < 16) {
		html_lit(rq, "Never");
		return;
	}
	html_date(rq, arena_strndup(rq->arena, iso, 10));
	html_lit(rq, " at ");
	html_text(rq, arena_strndup(rq->arena, iso + 11, 5));
	html_lit(rq, " UTC");
}

static int tokens_page(struct request *rq, const struct result *r, const char *new_token)
{
	struct api_token *tokens;
	size_t n;
	struct result lr = app_tokens_list(&rq->app, &rq->who, &tokens, &n);
	if (result_reply(rq, &lr) == 0)
		return 0;
	if (r && r->code == RES_INVALID)
		rq->status = 422;
	page_begin(rq, "API tokens");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_error_summary(rq, r);
	html_lit(rq, "<h1>API tokens</h1>"
		     "<p>An API token lets a program use the ipsdesk API as you: it can see and do what you "
		     "can, and what it does is recorded in the audit log under your name. Send it in an "
		     "<code>Authorization: Bearer</code> header. The API is described at "
		     "<a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a>.</p>");
	if (new_token) {
		html_lit(rq, "<div class=\"nhsuk-inset-text\"><span class=\"nhsuk-u-visually-hidden\">Information: </span>"
			     "<h2 class=\"nhsuk-heading-s\">Your new token</h2>"
			     "<p>Copy it now and keep it somewhere safe. You will not be shown it again: if you "
			     "lose it, revoke it and make another.</p><p><code id=\"new-token\">");
		html_text(rq, new_token);
		html_lit(rq, "</code></p></div>");
	}
	html_lit(rq, "<h2>Make a token</h2>");
	nhs_form_begin(rq, "/account/tokens");
	nhs_input(rq, "name", "Name", new_token ? NULL : field_value(rq, "name", NULL), r,
		  &(struct input_opts){.hint = "What will use it, so you can tell your tokens apart, "
					       "for example Reporting spreadsheet",
				       .width_class = "nhsuk-input--width-20"});
	nhs_button(rq, "Make token", false);
	nhs_form_end(rq);

	html_lit(rq, "<h2>Your tokens</h2>");
	if (n == 0) {
		html_lit(rq, "<p>You have no API tokens.</p>");
	} else {
		html_lit(rq, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption "
			     "nhsuk-u-visually-hidden\">Your API tokens</caption><thead class=\"nhsuk-table__head\">"
			     "<tr class=\"nhsuk-table__row\">"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">Name</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">Starts with</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">Made</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">Last used</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header\"><span class=\"nhsuk-u-visually-hidden\">"
			     "Action</span></th></tr></thead><tbody class=\"nhsuk-table__body\">");
		for (size_t i = 0; i < n; i++) {
			html_lit(rq, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
			html_text(rq, tokens[i].name);
			html_lit(rq, "</td><td class=\"nhsuk-table__cell\"><code>");
			html_text(rq, tokens[i].hint);
			html_lit(rq, "…</code></td><td class=\"nhsuk-table__cell\">");
			timestamp(rq, tokens[i].created_at);
			html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
			timestamp(rq, tokens[i].last_used_at);
			html_lit(rq, "</td><td class=\"nhsuk-table__cell\"><form method=\"post\" novalidate action=\"");
			html_href(rq, "/account/tokens/", tokens[i].id, "/revoke");
			html_lit(rq, "\">");
			nhs_csrf(rq);
			html_lit(rq, "<button class=\"nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0\" "
				     "type=\"submit\">Revoke<span class=\"nhsuk-u-visually-hidden\"> ");
			html_text(rq, tokens[i].name);
			html_lit(rq, "</span></button></form></td></tr>");
		}
		html_lit(rq, "</tbody></table>");
	}
	html_lit(rq, "</div></div>");
	page_end(rq);
	return 0;
}

/* GET /account/tokens */
int page_tokens(struct request *rq)
{
	return tokens_page(rq, NULL, NULL);
}

/* POST /account/tokens: makes a token and shows it, once. */
int page_token_create(struct request *rq)
{
	char token[API_TOKEN_LEN + 1];
	struct result r = app_token_create(&rq->app, &rq->who, form_text(rq, "name"), token);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r))
		return tokens_page(rq, &r, NULL);
	const char *shown = arena_strdup(rq->arena, token);
	memset(token, 0, sizeof token);
	return tokens_page(rq, NULL, shown);
}

/* POST /account/tokens/:id/revoke */
int page_token_revoke(struct request *rq)
{
	struct result r = app_token_revoke(&rq->app, &rq->who, route_id(rq, 0));
	if (result_reply(rq, &r) == 0)
		return 0;
	return redirect_see_other(rq, "/account/tokens");
}
