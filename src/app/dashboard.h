/* app/dashboard.h — the outcomes dashboard: one person's or one service's figures for a
 * period, as a list of tables that the page, the CSV and the XLSX download all show
 * the same way. Every figure comes from app_report_outcomes (and, for breakdowns,
 * core/breakdowns.c over the same inputs): no formula lives here. Aggregates only. */
#ifndef IPS_APP_DASHBOARD_H
#define IPS_APP_DASHBOARD_H
#include "app/app.h"
#include "core/outcomes.h"

/* What the dashboard's form sends, as typed (NULL or "" for not given). */
struct dash_query {
	const char *period;      /* "rolling" (default), "fy-2025" (2025 to 2026), "custom" */
	const char *from, *to;   /* YYYY-MM-DD; with period "custom", or when no period is chosen */
	const char *site, *team; /* codes: a site (admins, commissioners, reviewers), a team of it */
	const char *saving;      /* pounds saved per person into work; DASH_DEFAULT_SAVING if empty */
	const char *access_target; /* people a year the service is commissioned to reach; empty: the
				    * national Long Term Plan trajectory for all sites, none otherwise */
};
#define DASH_DEFAULT_SAVING 6000

/* One cell: text as the page shows it ("41.2%", "1,204", "*"), value as a file
 * carries it ("41.2", "1204", "*", "" for none). */
struct dash_cell {
	const char *text, *value;
	bool numeric;
};

/* One table of figures; the first column names each row. A chart, when there is one,
 * draws the columns in chart_cols (a bit per column) from the same cells. */
struct dash_table {
	const char *id, *caption, *note;
	const char *sheet;          /* a short name for the XLSX sheet (at most 31 characters) */
	const char *chart;          /* "bar", "line" or NULL */
	unsigned chart_cols;
	bool benchmarks;            /* the employment rate's 31%, 41% and 50% lines */
	unsigned line_cols;         /* of chart_cols, drawn as a dashed line over the bars (a target) */
	const char *const *cols;
	size_t ncols, nrows;
	struct dash_cell *cells;    /* nrows x ncols */
};

struct dash_definition {
	const char *term, *meaning;
};
extern const struct dash_definition DASH_DEFINITIONS[];
extern const size_t DASH_NDEFINITIONS;

struct dashboard {
	char from[11], to[11];
	const char *period_label;   /* "Rolling 12 months: 23 November 2025 to 22 November 2026" */
	const char *scope_label;    /* "Northgate Trust", "North IPS (team)", "Your own referrals" */
	bool own;                   /* a specialist's own figures */
	bool published;             /* NHS England's small-number rule applied */
	int64_t saving;             /* the assumption, pounds per person */
	int64_t access_target;      /* people a year as entered; 0: none entered */
	struct dash_table *tables;
	size_t ntables;
	/* for the form */
	const char *period, *site, *team;   /* as chosen (normalised) */
	struct site *sites;         /* sites the actor may choose from (NULL: none) */
	size_t nsites;
	struct team *teams;         /* teams the actor may filter by (NULL: none) */
	size_t nteams;
	int fy_latest;              /* the financial years offered: fy_latest and 3 before it */
};

/* Builds the dashboard for who. Field errors name period, from, to, saving; the
 * scope rules are app_report_outcomes's (RES_REFUSED when a team or site is not the
 * actor's). On field errors out still has the form's choices filled, but no tables. */
struct result app_dashboard(struct app *app, const struct actor *who, const struct dash_query *q,
			    struct dashboard *out);

/* The dashboard as files: period, scope and definitions first, then every table as
 * shown. CSV appended to b; XLSX written to b (a whole workbook). Return 0 or -1. */
struct buf;
int app_dashboard_csv(const struct dashboard *d, struct buf *b);
int app_dashboard_xlsx(struct app *app, const struct dashboard *d, struct buf *b);

#endif
