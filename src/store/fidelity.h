/* store/fidelity.h — the fidelity scale versions, their items, and fidelity reviews
 * (schema 007_fidelity.sql) as plain structs. Never decides scope or validates: app/
 * does; only the store files include this with store.h. */
#ifndef IPS_STORE_FIDELITY_H
#define IPS_STORE_FIDELITY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "store/store.h"

struct fid_scale {
	int64_t id;
	const char *name, *source, *loaded_at, *loaded_by;
	int year;
	int nitems;
};
struct fid_item {
	int64_t id, scale_id;
	const char *code, *section, *title, *description;
	const char *anchor[5];       /* anchor[s - 1] says what score s means */
	int position;
	bool summary;                /* the texts are a summary, not the official wording */
	bool has_cuts;               /* the version sets evidence thresholds */
	bool lower_is_better;
	int64_t cut[4];              /* tenths of the measure, ascending */
};
struct fid_review {
	int64_t id, scale_id, site_id, team_id, signed_by, copied_from, created_by;
	const char *visit_from, *visit_to, *period_from, *period_to, *reviewers, *strengths;
	const char *status;          /* "draft" or "signed" */
	const char *signed_by_name, *signed_at, *created_at, *updated_at;
	/* joined for display */
	const char *site_code, *site_name, *team_code, *team_name, *scale_name;
	int scale_year;
	int total, nscored, nitems;  /* sum of the scores given, how many, of how many items */
};
struct fid_review_item {
	int64_t item_id;
	int score;                   /* 1-5, 0: not scored yet */
	const char *note;
	const char *evidence_value;  /* as shown ("18.5"), NULL: not measured or no data */
	int evidence_score;          /* 1-5, 0: none suggested */
};
struct fid_action {
	int64_t id;
	int position;
	const char *action, *owner, *due_on;
};

int store_fid_scale_insert(struct store *s, const struct fid_scale *in, int64_t *id);
int store_fid_item_insert(struct store *s, const struct fid_item *in);
/* scale_id 0: the newest version. */
int store_fid_scale_get(struct store *s, struct arena *a, int64_t scale_id, struct fid_scale *out);
int store_fid_scales_list(struct store *s, struct arena *a, struct fid_scale **out, size_t *n);
int store_fid_items(struct store *s, struct arena *a, int64_t scale_id, struct fid_item **out, size_t *n);

int store_fid_review_insert(struct store *s, const struct fid_review *in, int64_t *id);
/* The fields a draft's form changes: dates, reviewers, strengths, updated_at. */
int store_fid_review_update(struct store *s, const struct fid_review *in);
int store_fid_review_sign(struct store *s, int64_t id, int64_t account_id, const char *name, const char *at);
int store_fid_review_get(struct store *s, struct arena *a, int64_t id, struct fid_review *out);
/* Reviews of a site (site_id 0: every site), newest visit first. */
int store_fid_reviews_list(struct store *s, struct arena *a, int64_t site_id, struct fid_review **out, size_t *n);
/* Writes one item of a review (insert or replace). */
int store_fid_review_item_put(struct store *s, int64_t review_id, const struct fid_review_item *in);
/* The review's items, in the order of its scale (every item of the scale: one not yet
 * written has score 0 and no evidence). */
int store_fid_review_items(struct store *s, struct arena *a, int64_t review_id, int64_t scale_id,
			   struct fid_review_item **out, size_t *n);
/* Replaces the review's action plan with these rows, in order. */
int store_fid_actions_replace(struct store *s, int64_t review_id, const struct fid_action *rows, size_t n);
int store_fid_actions(struct store *s, struct arena *a, int64_t review_id, struct fid_action **out, size_t *n);

/* Reviewer-to-site assignment (008_reviewer_sites.sql). */
/* The sites an account reviews, in site id order (ids only). */
int store_reviewer_sites(struct store *s, struct arena *a, int64_t account_id, int64_t **out, size_t *n);
/* IPS_OK when the account reviews the site, IPS_ENOTFOUND when not. */
int store_reviewer_site_has(struct store *s, int64_t account_id, int64_t site_id);
/* Replaces the account's sites with these (call inside a transaction). */
int store_reviewer_sites_set(struct store *s, int64_t account_id, const int64_t *site_ids, size_t n);

#endif
