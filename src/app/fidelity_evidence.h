/* app/fidelity_evidence.h — the evidence the records hold for the ten measurable items
 * of the fidelity scale (DOMAIN.md: S1, V4, V6, V8, V9, V10, V12, V13, O6, V1) for a
 * period and a service or team: each figure, how it was computed, the score it
 * suggests under the scale's thresholds, and the records behind it for a reviewer to
 * sample. Who: admins for any site, reviewers for the sites they review, a team
 * leader for their own site (scope_fidelity_site, as app/fidelity.c). The summary is aggregate; reading a drill-down is audited, and
 * it carries only pseudonymous references, dates and the measured fields. */
#ifndef IPS_APP_FIDELITY_EVIDENCE_H
#define IPS_APP_FIDELITY_EVIDENCE_H
#include "app/app.h"

#define FE_NITEMS 10
#define FE_PAGE_ROWS 100     /* records a drill-down page shows */
#define FE_MAX_COLS 8

/* The items in the order DOMAIN.md lists them. */
extern const char *const FE_ITEM_CODES[FE_NITEMS];
/* The index of an item code ("V12") in FE_ITEM_CODES, or -1. */
int fe_item_index(const char *code);

/* As typed. review > 0 takes the period, the scope and the scale of that review (which
 * the actor must be able to see) instead of from, to, site and team. */
struct fe_query {
	const char *from, *to, *site, *team;
	int64_t review;
};

struct fe_item {
	const char *code, *title;
	const char *value;     /* as shown ("18.5", "83.3%", "2"); NULL: no data in the period */
	int score;             /* the suggested score 1-5; 0: none */
	const char *how;       /* how it was computed, in words, with numerator and denominator */
	const char *score_text;/* the suggested score, or why there is none, in words */
	bool warning;          /* O6: referrals were closed before a first contact */
};

struct fe_evidence {
	const char *from, *to;                 /* ISO */
	const char *site_code, *team_code;     /* one is set */
	int64_t site_id, team_id;
	const char *scope_label;               /* "North IPS (a team of Northgate Trust)" */
	int64_t review;                        /* the review it was read for, or 0 */
	struct fe_item items[FE_NITEMS];
};

struct fe_table {
	const char *caption;
	size_t ncols;
	const char *cols[FE_MAX_COLS];
	unsigned date_cols, numeric_cols;      /* bit c set: column c is an ISO date / a number */
	const char **cells;                    /* nrows x ncols, this page's rows */
	size_t nrows, total;                   /* on this page; in all */
};

struct fe_drill {
	struct fe_evidence ev;
	int item;                              /* index into ev.items */
	struct fe_table tables[2];
	size_t ntables;
	int page, pages;                       /* 1-based */
};

/* Every item's figure for the query. Field errors: from, to, scope. RES_REFUSED for a
 * role that reviews nothing; RES_NOT_FOUND for a site, team or review the actor may not
 * see. */
struct result app_fe_evidence(struct app *app, const struct actor *who, const struct fe_query *q,
			      struct fe_evidence *out);
/* One item's figure and the records behind it, page by page (page < 1 reads as 1).
 * RES_NOT_FOUND for an unknown item code. The read is audited (action
 * fidelity_evidence.view, on the site or team, fields: the item code). */
struct result app_fe_drill(struct app *app, const struct actor *who, const struct fe_query *q,
			   const char *code, int page, struct fe_drill *out);

#endif
