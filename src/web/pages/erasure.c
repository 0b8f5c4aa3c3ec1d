/* web/pages/erasure.c — the admin's erasure after the retention period: the same use
 * case as `ipsdesk erase` (app_erase_expired). A date, then a preview (a dry run that
 * writes nothing), then a confirm button that erases. It only translates: every rule,
 * the single transaction and the audit entries are app/erasure.c's, and no page here
 * ever names a person. */
#include <string.h>
#include "web/pages/pages.h"
#include "web/html.h"
#include "util/arena.h"

static const char *count_text(struct request *rq, int64_t n, const char *one, const char *many)
{
	return arena_printf(rq->arena, "%lld %s", (long long)n, n == 1 ? one : many);
}

static void guidance(struct request *rq)
{
	html_lit(rq, "<p>Erase everything held about the people whose time with the service ended "
		     "before a date: their record, referrals, contacts with them, jobs, job search, "
		     "in-work support, benefits advice, CV and timeline.</p>"
		     "<p>A person is erased only when none of their referrals is open, no job of theirs "
		     "is still going, and nothing has happened on their record since the date (a referral "
		     "closed, a contact, a job ended, a step of their job search, benefits advice).</p>");
	nhs_inset(rq, "The retention period is set by your organisation's information governance lead "
		      "under the NHS Records Management Code of Practice; ipsdesk does not choose it. "
		      "Contacts with employers on a person's behalf are kept for the service's figures, "
		      "without the link to the person or the note. The audit log is kept whole. Backups "
		      "taken before the erasure still hold the records until they age out.");
}

static void date_form(struct request *rq, const struct result *r)
{
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_form_begin(rq, "/admin/erasure");
	nhs_date_input(rq, "before", "Erase people whose records ended before",
		       "At least a year ago, for example 31 3 2018", NULL, r);
	nhs_button(rq, "Preview", false);
	nhs_form_end(rq);
	html_lit(rq, "</div></div>");
}

/* A hidden copy of one part of the date, so the confirm button erases what was previewed. */
static void hidden_part(struct request *rq, const char *name)
{
	const char *v = form_text(rq, name);
	html_lit(rq, "<input type=\"hidden\" name=\"");
	html_attr(rq, name);
	html_lit(rq, "\" value=\"");
	html_attr(rq, v ? v : "");
	html_lit(rq, "\">");
}

static void counts_list(struct request *rq, const struct erasure_counts *n)
{
	html_lit(rq, "<ul class=\"nhsuk-list nhsuk-list--bullet\"><li>");
	html_text(rq, count_text(rq, n->referrals, "referral", "referrals"));
	html_lit(rq, "</li><li>");
	html_text(rq, count_text(rq, n->contacts, "contact", "contacts"));
	html_lit(rq, "</li><li>");
	html_text(rq, count_text(rq, n->jobs, "job", "jobs"));
	html_lit(rq, "</li></ul>");
	if (n->employer_contacts_kept) {
		html_lit(rq, "<p>");
		html_text(rq, count_text(rq, n->employer_contacts_kept, "employer contact", "employer contacts"));
		html_lit(rq, " on their behalf stay, without the link to them or the note.</p>");
	}
}

int page_admin_erasure_form(struct request *rq)
{
	page_begin(rq, "Erase records after the retention period");
	html_lit(rq, "<h1>Erase records after the retention period</h1>");
	guidance(rq);
	date_form(rq, NULL);
	page_end(rq);
	return 0;
}

int page_admin_erasure(struct request *rq)
{
	const char *before = form_date(rq, "before");
	const char *confirm = form_text(rq, "confirm");
	bool erase = confirm && strcmp(confirm, "yes") == 0;
	struct erasure_counts n;
	struct result r = app_erase_expired(&rq->app, &rq->who, before, !erase, &n);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		rq->status = 422;
		page_begin(rq, "Erase records after the retention period");
		nhs_error_summary(rq, &r);
		html_lit(rq, "<h1>Erase records after the retention period</h1>");
		guidance(rq);
		date_form(rq, &r);
		page_end(rq);
		return 0;
	}
	const char *people = count_text(rq, n.people, "person", "people");
	if (erase) {
		page_begin(rq, "Records erased");
		html_lit(rq, "<h1>Records erased</h1><p>Erased ");
		html_text(rq, people);
		html_lit(rq, " whose records ended before ");
		html_date(rq, before);
		html_lit(rq, ":</p>");
		counts_list(rq, &n);
		html_lit(rq, "<p>The audit log keeps one entry for each person erased.</p>"
			     "<p><a href=\"/admin/erasure\">Back to erasure</a></p>");
		page_end(rq);
		return 0;
	}
	page_begin(rq, "Check before erasing");
	nhs_back_link(rq, "/admin/erasure", "Choose another date");
	html_lit(rq, "<h1>Check before erasing</h1><p>");
	if (n.people == 0) {
		html_lit(rq, "Nothing to erase: no one's records ended before ");
		html_date(rq, before);
		html_lit(rq, ".</p>");
		page_end(rq);
		return 0;
	}
	html_text(rq, people);
	html_lit(rq, " whose records ended before ");
	html_date(rq, before);
	html_lit(rq, " would be erased, with:</p>");
	counts_list(rq, &n);
	nhs_warning_callout(rq, "This cannot be undone",
			    "Erasing deletes these records from ipsdesk for good. Only a backup taken before now "
			    "still holds them.");
	nhs_form_begin(rq, "/admin/erasure");
	hidden_part(rq, "before-day");
	hidden_part(rq, "before-month");
	hidden_part(rq, "before-year");
	html_lit(rq, "<input type=\"hidden\" name=\"confirm\" value=\"yes\">"
		     "<button class=\"nhsuk-button nhsuk-button--warning\" data-module=\"nhsuk-button\" type=\"submit\">"
		     "Erase these records</button>");
	nhs_form_end(rq);
	page_end(rq);
	return 0;
}
