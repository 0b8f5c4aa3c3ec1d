/* web/html.h — typed HTML writers and the NHS design system components.
 * A value reaches the page only through an escaping writer (html_text, html_attr,
 * html_int, html_date); raw markup only from a string literal: html_lit() refuses
 * anything else at compile time (the "" s "" concatenation only accepts a literal). */
#ifndef IPS_WEB_HTML_H
#define IPS_WEB_HTML_H
#include "core/codes.h"
#include "web/request.h"

#define html_lit(rq, s) html_raw_literal_((rq), "" s "", sizeof(s) - 1)
void html_raw_literal_(struct request *rq, const char *s, size_t n);
void html_text(struct request *rq, const char *s);      /* escapes & < > " ' ; NULL writes nothing */
void html_attr(struct request *rq, const char *s);      /* same escaping, for attribute values */
void html_int(struct request *rq, int64_t v);
struct buf;
void url_encode(struct buf *b, const char *s);   /* appends s percent-encoded for a query string */
/* Appends "&key=value" (no "&" when b is empty), value percent-encoded; NULL or "" adds nothing. */
void query_pair(struct buf *b, const char *key, const char *value);
void html_date(struct request *rq, const char *iso);    /* "22 November 2026" */
void html_text_multiline(struct request *rq, const char *s);  /* escapes, line breaks as <br> */
/* A URL path with an id: html_href(rq, "/people/", id, "/edit") */
void html_href(struct request *rq, const char *prefix, int64_t id, const char *suffix);

/* ---- layout ------------------------------------------------------------------------- */
void page_begin(struct request *rq, const char *title);
void page_end(struct request *rq);

/* ---- components (nhsuk-frontend markup) -------------------------------------------- */
void nhs_error_summary(struct request *rq, const struct result *r);
void nhs_warnings(struct request *rq, const struct result *r);
void nhs_form_begin(struct request *rq, const char *action);   /* POST + CSRF + novalidate */
void nhs_form_end(struct request *rq);
void nhs_csrf(struct request *rq);

struct input_opts {
	const char *hint, *type, *autocomplete, *width_class, *inputmode;
	bool spellcheck_off;
};
void nhs_input(struct request *rq, const char *name, const char *label, const char *value,
	       const struct result *r, const struct input_opts *o);
void nhs_textarea(struct request *rq, const char *name, const char *label, const char *hint,
		  const char *value, const struct result *r, int rows);
/* A select from a code list; blank adds a first empty choice with that text. */
void nhs_select_codes(struct request *rq, const char *name, const char *label, const char *hint,
		      const struct code *list, const char *selected, const struct result *r,
		      const char *blank);
struct option {
	const char *value, *label;
	const char *group;   /* NULL, or the <optgroup> it is in: options of a group come together */
};
void nhs_select(struct request *rq, const char *name, const char *label, const char *hint,
		const struct option *opts, size_t n, const char *selected, const struct result *r,
		const char *blank);
/* For a page showing one list of choices many times (a select on every row): the
 * options rendered once, none selected (escaped, in the request's arena), and a select
 * showing them. */
const char *nhs_options(struct request *rq, const struct option *opts, size_t n, const char *blank);
void nhs_select_rendered(struct request *rq, const char *name, const char *label, const char *hint,
			 const char *options_html, const struct result *r);
/* NHS pagination: Previous and Next links (a NULL href: no such link). */
void nhs_pagination(struct request *rq, const char *prev_href, const char *next_href);
void nhs_radios(struct request *rq, const char *name, const char *legend, const char *hint,
		const struct code *list, const char *selected, const struct result *r, bool small);
void nhs_checkbox(struct request *rq, const char *name, const char *value, const char *label,
		  const char *hint, bool checked, const struct result *r);
void nhs_date_input(struct request *rq, const char *name, const char *legend, const char *hint,
		    const char *iso, const struct result *r);
void nhs_button(struct request *rq, const char *text, bool secondary);
void nhs_summary_begin(struct request *rq);
void nhs_summary_row(struct request *rq, const char *key, const char *value);
void nhs_summary_row_date(struct request *rq, const char *key, const char *iso);
void nhs_summary_end(struct request *rq);
/* A table's column heading (numeric: right-aligned, for figures). */
void nhs_th(struct request *rq, const char *text, bool numeric);
/* Opens a table cell (close it with "</td>"); heading, when not NULL, is repeated inside
 * it for narrow screens, as nhsuk-table-responsive shows it. */
void nhs_td_begin(struct request *rq, const char *heading, bool numeric);
void nhs_tag(struct request *rq, const char *text, const char *colour);  /* colour: "grey", "red", ... or NULL */
void nhs_back_link(struct request *rq, const char *href, const char *text);
void nhs_inset(struct request *rq, const char *text);
void nhs_warning_callout(struct request *rq, const char *heading, const char *text);

#endif
