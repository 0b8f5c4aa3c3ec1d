/* core/fidelity.h — evidence for the IPS fidelity scale drawn from the records
 * (spec/fidelity-evidence.md): the figure for each measurable item and the score it
 * suggests under the scale's bands. The reviewer's own score is what counts; this
 * is evidence beside it. Pure: no I/O. */
#ifndef IPS_FIDELITY_H
#define IPS_FIDELITY_H
#include <stdbool.h>
#include <stdint.h>
#include "core/outcomes.h"

enum { FID_S1, FID_V4, FID_V6, FID_V8, FID_V9, FID_V10, FID_V13, FID_O6, FID_NITEMS };
extern const char *const FID_ITEM_KEYS[FID_NITEMS];

/* A scale's bands for one item, in tenths of the measure, ascending. When
 * lower_is_better (S1, V4) the bands are left-open, (a, b]; otherwise half-open
 * [a, b). The shipped 2008 defaults are FID_DEFAULT_BANDS; a revised scale loaded by a
 * service supplies its own. */
struct fidelity_bands {
	bool lower_is_better;
	int64_t cut[4];
	bool scored;             /* false: no suggested score (O6) */
};
extern const struct fidelity_bands FID_DEFAULT_BANDS[FID_NITEMS];

struct fidelity_item {
	struct fraction value;   /* exact; den 0: null (no data) */
	int places;              /* decimals it is shown with: 1, or 0 for the O6 count */
	int score;               /* 1-5 read from the rounded value; 0: none suggested */
};
struct fidelity_evidence {
	day_t from, to;
	struct fidelity_item items[FID_NITEMS];
};

/* The score a value (in tenths, already rounded) suggests under b: 1-5. */
int fidelity_score(const struct fidelity_bands *b, int64_t tenths);
/* Evidence from the inputs and the outcome report computed from them. bands: one per
 * item (FID_DEFAULT_BANDS when the service has not loaded its own). */
int fidelity_evidence_compute(const struct oc_input *in, const struct outcome_report *rep,
			      const struct fidelity_bands *bands, struct fidelity_evidence *out);

struct buf;
/* {"period": {...}, "items": {"S1": {"value": 18.5, "score": 5}, ...}} and the table. */
void fidelity_evidence_json(const struct fidelity_evidence *e, struct buf *b);
void fidelity_evidence_table(const struct fidelity_evidence *e, struct buf *b);

/* The bands of a review's total (DOMAIN.md, the 25-item scale): 115-125 exemplary,
 * 100-114 good, 74-99 fair, 73 and below not IPS. */
enum fidelity_band { FID_BAND_NOT_IPS, FID_BAND_FAIR, FID_BAND_GOOD, FID_BAND_EXEMPLARY };
enum fidelity_band fidelity_band(int total);
/* "Exemplary fidelity", "Good fidelity", "Fair fidelity", "Not IPS" */
const char *fidelity_band_label(enum fidelity_band b);
/* The index in FID_ITEM_KEYS of a scale item's code ("V10"), or -1 when ipsdesk cannot
 * measure that item from the records. */
int fidelity_item_key(const char *code);

#endif
