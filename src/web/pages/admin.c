/* web/pages/admin.c — the admin's CSV import: the same use case as `ipsdesk import`
 * (app_import, spec/interchange.md), fed with the files uploaded as one multipart form
 * and mapped to their kind by file name. It only translates: every rule, the all or
 * nothing transaction and the audit entry are app_import's; nothing here touches the
 * store, and no file is ever written to disk. */
#include <stdio.h>
#include <string.h>
#include "core/interchange.h"
#include "web/pages/pages.h"
#include "web/html.h"
#include "util/arena.h"

#define SHOW_PROBLEMS 100   /* as the command line: the first 100, then a count */

/* What each file holds, by kind, for the guidance. */
static const char *const FILE_HOLDS[IC_NKINDS] = {
	[IC_SITE] = "sites: each IPS service, such as a trust",
	[IC_TEAM] = "IPS teams, each in a site",
	[IC_STAFF] = "staff, each in a team (or in none, to work across all sites)",
	[IC_EMPLOYER] = "employers, each known to a site",
	[IC_CLIENT] = "people referred to the service",
	[IC_REFERRAL] = "referrals of those people to a team",
	[IC_CONTACT] = "contacts with people, employers, clinical teams and families",
	[IC_JOB] = "jobs people have started",
};

/* Problems with the upload itself (before any file is read): every one is shown in
 * the error summary, and the first beside the file input. */
struct upload_problems {
	const char *message[MULTIPART_MAX_PARTS + 1];
	size_t n;
};

static void upload_problem(struct upload_problems *u, const char *message)
{
	if (u->n < sizeof u->message / sizeof u->message[0])
		u->message[u->n++] = message;
}

/* The last component of a file name: old browsers sent the whole path. */
static const char *file_basename(const char *name)
{
	const char *slash = strrchr(name, '/'), *back = strrchr(name, '\\');
	const char *last = slash > back ? slash : back;
	return last ? last + 1 : name;
}

static int file_kind(const char *name)
{
	for (int k = 0; k < IC_NKINDS; k++)
		if (strcmp(name, IC_FILES[k].file) == 0)
			return k;
	return -1;
}

static void error_summary(struct request *rq, const struct upload_problems *u, const char *problems_text)
{
	html_lit(rq, "<div class=\"nhsuk-error-summary\" data-module=\"nhsuk-error-summary\" "
		     "aria-labelledby=\"error-summary-title\" role=\"alert\" tabindex=\"-1\">"
		     "<h2 class=\"nhsuk-error-summary__title\" id=\"error-summary-title\">There is a problem</h2>"
		     "<div class=\"nhsuk-error-summary__body\"><ul class=\"nhsuk-list nhsuk-error-summary__list\">");
	for (size_t i = 0; u && i < u->n; i++) {
		html_lit(rq, "<li><a href=\"#files\">");
		html_text(rq, u->message[i]);
		html_lit(rq, "</a></li>");
	}
	if (problems_text) {
		html_lit(rq, "<li><a href=\"#problems\">");
		html_text(rq, problems_text);
		html_lit(rq, "</a></li>");
	}
	html_lit(rq, "</ul></div></div>");
}

static void guidance(struct request *rq)
{
	html_lit(rq, "<p>Load records from another system or a spreadsheet. The files and their "
		     "columns are those of <code>ipsdesk import</code> and <code>ipsdesk export</code>.</p>"
		     "<p>Choose any of these files, named exactly as shown. They are read in this order, "
		     "so a file can refer to records in the files above it, or already in ipsdesk:</p>"
		     "<ol class=\"nhsuk-list nhsuk-list--number\">");
	for (int k = 0; k < IC_NKINDS; k++) {
		html_lit(rq, "<li><code>");
		html_text(rq, IC_FILES[k].file);
		html_lit(rq, "</code>: ");
		html_text(rq, FILE_HOLDS[k]);
		html_lit(rq, "</li>");
	}
	html_lit(rq, "</ol>");
	nhs_inset(rq, "The import is all or nothing: if any row of any file is wrong, nothing is "
		      "saved and every problem is listed with its file, line and column.");
}

/* The upload form; u holds problems with the last upload, or NULL. */
static void import_form(struct request *rq, const struct upload_problems *u, bool dry_run)
{
	const char *error = u && u->n ? u->message[0] : NULL;
	html_lit(rq, "<form method=\"post\" action=\"/admin/import\" enctype=\"multipart/form-data\" novalidate>");
	nhs_csrf(rq);
	html_lit(rq, "<div class=\"nhsuk-form-group nhsuk-file-upload");
	if (error)
		html_lit(rq, " nhsuk-form-group--error");
	html_lit(rq, "\"><label class=\"nhsuk-label nhsuk-label--s\" for=\"files\">CSV files</label>"
		     "<div class=\"nhsuk-hint\" id=\"files-hint\">You can choose several files at once, "
		     "up to 64 MB in all.</div>");
	if (error) {
		html_lit(rq, "<span class=\"nhsuk-error-message\" id=\"files-error\">"
			     "<span class=\"nhsuk-u-visually-hidden\">Error:</span> ");
		html_text(rq, error);
		html_lit(rq, "</span>");
	}
	html_lit(rq, "<input class=\"nhsuk-file-upload__input");
	if (error)
		html_lit(rq, " nhsuk-file-upload__input--error");
	html_lit(rq, "\" id=\"files\" name=\"files\" type=\"file\" multiple accept=\".csv,text/csv\" "
		     "aria-describedby=\"files-hint");
	if (error)
		html_lit(rq, " files-error");
	html_lit(rq, "\"></div>");
	nhs_checkbox(rq, "dry_run", "yes", "Check only (dry run)",
		     "Checks every file and lists any problems, but saves nothing.", dry_run, NULL);
	nhs_button(rq, "Import files", false);
	html_lit(rq, "</form>");
}

int page_admin_import_form(struct request *rq)
{
	page_begin(rq, "Import records");
	html_lit(rq, "<h1>Import records</h1>");
	guidance(rq);
	import_form(rq, NULL, false);
	page_end(rq);
	return 0;
}

static void problems_table(struct request *rq, const struct import_report *rep)
{
	size_t shown = rep->nproblems < SHOW_PROBLEMS ? rep->nproblems : SHOW_PROBLEMS;
	html_lit(rq, "<table class=\"nhsuk-table\" id=\"problems\"><caption class=\"nhsuk-table__caption\">"
		     "Problems in the files</caption><thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">File</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Line</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Column</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Message</th></tr></thead>"
		     "<tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < shown; i++) {
		const struct import_problem *p = &rep->problems[i];
		html_lit(rq, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
		html_text(rq, p->file);
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
		html_int(rq, p->line);
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
		html_text(rq, p->column);
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
		html_text(rq, p->message);
		html_lit(rq, "</td></tr>");
	}
	html_lit(rq, "</tbody></table>");
	if (rep->nproblems > shown) {
		html_lit(rq, "<p>");
		html_text(rq, arena_printf(rq->arena, "And %zu more %s, not shown. Correct these first, "
					   "then check the files again.", rep->nproblems - shown,
					   rep->nproblems - shown == 1 ? "problem" : "problems"));
		html_lit(rq, "</p>");
	}
}

static void rows_table(struct request *rq, const struct import_report *rep)
{
	html_lit(rq, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption\">Rows read</caption>"
		     "<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">File</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header nhsuk-table__header--numeric\">Rows</th>"
		     "</tr></thead><tbody class=\"nhsuk-table__body\">");
	for (int k = 0; k < IC_NKINDS; k++) {
		if (!rep->present[k])
			continue;
		html_lit(rq, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
		html_text(rq, IC_FILES[k].file);
		html_lit(rq, "</td><td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">");
		html_int(rq, (int64_t)rep->rows[k]);
		html_lit(rq, "</td></tr>");
	}
	html_lit(rq, "</tbody></table>");
}

int page_admin_import(struct request *rq)
{
	const char *dry = form_text(rq, "dry_run");
	bool dry_run = dry && strcmp(dry, "yes") == 0;
	struct import_source src = {0};
	struct upload_problems u = {0};
	size_t chosen = 0;
	for (size_t i = 0; i < rq->nparts; i++) {
		const struct multipart_part *p = &rq->parts[i];
		if (!p->filename || strcmp(p->name, "files") != 0)
			continue;
		if (!*p->filename && p->len == 0)
			continue;   /* the file input left empty */
		chosen++;
		const char *name = file_basename(p->filename);
		int k = file_kind(name);
		if (k < 0) {
			upload_problem(&u, arena_printf(rq->arena, "%s is not a file ipsdesk imports: name each "
							"file as in the list below, such as sites.csv",
							*name ? name : "A file without a name"));
		} else if (src.mem[k]) {
			upload_problem(&u, arena_printf(rq->arena, "You chose more than one file named %s: "
							"choose only one", name));
		} else {
			src.mem[k] = p->len ? p->data : "";
			src.len[k] = p->len;
		}
	}
	if (!chosen)
		upload_problem(&u, "Choose the CSV files to import");
	if (u.n) {
		rq->status = 422;
		page_begin(rq, "Error: Import records");
		error_summary(rq, &u, NULL);
		html_lit(rq, "<h1>Import records</h1>");
		import_form(rq, &u, dry_run);
		guidance(rq);
		page_end(rq);
		return 0;
	}

	struct import_report rep;
	struct result r = app_import(&rq->app, &rq->who, &src, dry_run, &rep);
	if (r.code != RES_INVALID && result_reply(rq, &r) == 0)
		return 0;
	if (r.code == RES_INVALID) {
		rq->status = 422;
		page_begin(rq, "Error: Import records");
		error_summary(rq, NULL, arena_printf(rq->arena, "The files have %zu %s: nothing was imported",
						       rep.nproblems, rep.nproblems == 1 ? "problem" : "problems"));
		html_lit(rq, "<h1>Import records</h1><p>Nothing was saved. Correct the files, then choose "
			     "them again.</p>");
		problems_table(rq, &rep);
		import_form(rq, NULL, dry_run);
		page_end(rq);
		return 0;
	}

	size_t total = 0;
	for (int k = 0; k < IC_NKINDS; k++)
		total += rep.rows[k];
	page_begin(rq, dry_run ? "Every file is valid" : "Records imported");
	html_lit(rq, "<div class=\"nhsuk-panel\"><h1 class=\"nhsuk-panel__heading\">");
	html_text(rq, dry_run ? "Every file is valid" : "Records imported");
	html_lit(rq, "</h1><div class=\"nhsuk-panel__body\">");
	if (dry_run)
		html_text(rq, arena_printf(rq->arena, "%zu %s checked. Nothing was saved: this was a check only.",
					   total, total == 1 ? "row" : "rows"));
	else
		html_text(rq, arena_printf(rq->arena, "%zu %s imported.", total, total == 1 ? "row was" : "rows were"));
	html_lit(rq, "</div></div>");
	rows_table(rq, &rep);
	if (dry_run)
		html_lit(rq, "<p>To save the records, choose the same files again without "
			     "<strong>Check only</strong>.</p>");
	html_lit(rq, "<p><a href=\"/admin/import\">Import more files</a></p>");
	page_end(rq);
	return 0;
}
