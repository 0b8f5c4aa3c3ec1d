/* app/fidelity.h — fidelity reviews (issue 5): loading a version of the IPS fidelity
 * scale, and reviews of a site or a team scored against one version, with the evidence
 * the records suggest beside each measurable item. Who may do what: admins load scales;
 * reviewers, team leaders (their own site only) and admins see, start and edit reviews;
 * a team leader of the review's site or an admin signs one off, which locks it. No
 * person's record is read or shown here: evidence is aggregate. */
#ifndef IPS_APP_FIDELITY_H
#define IPS_APP_FIDELITY_H
#include "app/app.h"
#include "core/fidelity.h"
#include "store/fidelity.h"

#define FID_MAX_ACTIONS 40     /* rows of an action plan */
#define FID_MAX_ITEMS 60       /* items a loaded scale may have */

/* Loads a scale file (docs/fidelity-scale-format.md) as a new version, all or nothing
 * (admins only). On failure every problem is a field error whose field names where it
 * is ("items[3].anchors"); on success r.id is the new version. */
struct result app_fidelity_scale_load(struct app *app, const struct actor *who, const char *text, size_t len);

struct fid_scale_view {
	struct fid_scale scale;
	struct fid_item *items;
	size_t nitems;
};
/* A version with its items (scale_id 0: the newest, which new reviews use). */
struct result app_fidelity_scale(struct app *app, const struct actor *who, int64_t scale_id,
				 struct fid_scale_view *out);
/* The evidence bands a version sets (scale_id 0: the newest), for
 * fidelity_evidence_compute: an item the version sets no thresholds for suggests no
 * score. FID_DEFAULT_BANDS when no version can be read. */
void fidelity_scale_bands(struct app *app, int64_t scale_id, struct fidelity_bands out[FID_NITEMS]);
/* app_fidelity_evidence scored with the bands of a version (scale_id 0: the newest). */
struct result app_fidelity_evidence_on(struct app *app, const struct actor *who, const struct report_query *q,
				       int64_t scale_id, struct fidelity_evidence *out);
struct result app_fidelity_scales(struct app *app, const struct actor *who, struct fid_scale **out, size_t *n);

/* What a review's forms send, as typed. scope: "site:CODE" or "team:CODE" (new review
 * only). scores[i] and notes[i] belong to the i-th item of the review's scale. */
struct review_form {
	const char *scope, *visit_from, *visit_to, *period_from, *period_to, *reviewers, *strengths;
	const char **scores, **notes;
	size_t nitems;
	struct {
		const char *action, *owner, *due_on;
	} actions[FID_MAX_ACTIONS];
	size_t nactions;
	bool header_only;     /* the new-review form: no items, strengths or actions */
};

/* Everything the review pages show. */
struct review_record {
	struct fid_review review;
	struct fid_item *items;          /* the review's scale, in order */
	struct fid_review_item *scored;  /* one per item */
	size_t nitems;
	struct fid_action *actions;
	size_t nactions;
	bool complete;                   /* every item scored */
	bool may_edit, may_sign;         /* a draft this actor may change / sign off */
};

/* The sites and teams the actor may review, as select options "site:CODE"/"team:CODE". */
struct review_scope {
	const char *value, *label;
};
struct result app_review_scopes(struct app *app, const struct actor *who, struct review_scope **out, size_t *n);

/* Starts a draft on the newest scale with the evidence for its period and scope. Field
 * errors: scope, visit_from, visit_to, period_from, period_to, reviewers. r.id: the review. */
struct result app_review_create(struct app *app, const struct actor *who, const struct review_form *in);
/* Saves a draft's form whole, or nothing: RES_CONFLICT when it is signed off. Field
 * errors name score-CODE, note-CODE, action-N, owner-N, due-N (N from 1) and the header
 * fields. The evidence is read again for the (possibly changed) period. */
struct result app_review_update(struct app *app, const struct actor *who, int64_t id, const struct review_form *in);
/* Signs a draft off (a team leader of its site or an admin), once every item is scored. */
struct result app_review_sign_off(struct app *app, const struct actor *who, int64_t id);
/* A new draft from a review, on the newest scale: scores and notes of items with the same
 * code, strengths and action plan copied; evidence read afresh. r.id: the new review. */
struct result app_review_copy(struct app *app, const struct actor *who, int64_t id);
/* RES_NOT_FOUND for a review the actor may not see. */
struct result app_review_get(struct app *app, const struct actor *who, int64_t id, struct review_record *out);
/* Reviews the actor may see, newest first. */
struct result app_reviews(struct app *app, const struct actor *who, struct fid_review **out, size_t *n);

/* ---- the fidelity dashboard: the measurable items week by week ---------------------- */
#define FID_DASH_WEEKS 12          /* weeks shown unless asked otherwise */
#define FID_DASH_MAX_WEEKS 52
#define FID_DASH_WINDOW_DAYS 91    /* each week's figures: the 13 weeks ending that Sunday */

/* As typed: scope "site:CODE" or "team:CODE" (the form's choice), or site or team; none
 * of them: the first service the actor may see. weeks: 1 to FID_DASH_MAX_WEEKS. */
struct fid_dash_query {
	const char *scope, *site, *team, *weeks;
};
struct fid_dash_week {
	day_t ends;                       /* the Sunday the week ends on */
	struct fidelity_evidence ev;      /* over the FID_DASH_WINDOW_DAYS ending then */
	int before[FID_NITEMS];           /* the score the week before suggested (0: none) */
};
struct fid_dashboard {
	const char *scope_value, *scope_label;   /* NULL: the actor may see no service */
	int64_t site_id, team_id;
	const char *site_code, *team_code;
	int weeks;
	struct fid_dash_week *week;              /* weeks of them, oldest first */
	struct fidelity_bands bands[FID_NITEMS]; /* of the newest scale, which the scores use */
	struct review_scope *scopes;             /* what the actor may choose */
	size_t nscopes;
	struct fid_review *history;              /* signed-off reviews of this scope, oldest first */
	size_t nhistory;
};
/* The dashboard of a site or team the actor may see (scope_fidelity_site): each
 * measurable item for the last weeks weeks (Monday to Sunday, the newest ended on or
 * before today), each week's figures over the FID_DASH_WINDOW_DAYS ending on its Sunday,
 * the records read once for all of them. RES_NOT_FOUND for a scope that does not exist
 * or the actor may not see; a field error names weeks. */
struct result app_fidelity_dashboard(struct app *app, const struct actor *who, const struct fid_dash_query *q,
				     struct fid_dashboard *d);

/* ---- which sites a reviewer reviews (admins: `ipsdesk user reviews`) ---------------- */
/* Replaces the sites the reviewer account username reviews with codes ("S1,S2" or
 * "S1 S2"; "" for none). Field errors: username (no such reviewer), reviews (a code
 * that names no site). Audited as account.reviews. */
struct result app_reviewer_sites_set(struct app *app, const char *username, const char *codes);
/* The codes of the sites the reviewer account username reviews, in *out. */
struct result app_reviewer_sites(struct app *app, const char *username, const char ***out, size_t *n);

#endif
