/* app/internal.h — helpers shared by the use cases in app/: scope decisions, the
 * transaction wrapper, and validation of fields more than one form carries. */
#ifndef IPS_APP_INTERNAL_H
#define IPS_APP_INTERNAL_H
#include "app/app.h"
#include "util/buf.h"

/* Scope: may this actor see this person / this site's records? */
bool scope_site(const struct actor *who, int64_t site_id);
bool scope_client(struct app *app, const struct actor *who, const struct client *c);
/* scope_client for a person known by id: reads their site only (a page asks this for each
 * of its sections), false when there is no such person. */
bool scope_client_id(struct app *app, const struct actor *who, int64_t client_id);
/* Whether who may read the parts of person client_id's record (specialists, team leaders,
 * clinicians, admins, each within scope_client): an ok result, or RES_REFUSED for a role
 * that reads no records, or RES_NOT_FOUND for a person who is not there or not theirs.
 * For the lists a record page shows (jobs, job search, benefits advice, support). */
struct result client_readable(struct app *app, const struct actor *who, int64_t client_id);
/* Loads person client_id into *c if who may change their record (a specialist or team
 * leader of their site): false with RES_REFUSED for another role, RES_NOT_FOUND for a
 * person who is not there or not theirs. For every use case that writes to a record. */
bool client_editable(struct app *app, const struct actor *who, int64_t client_id, struct client *c,
		     struct result *r);
/* Whether the actor may change this person's record (specialist or team leader of the site). */
bool scope_client_edit(const struct actor *who, const struct client *c);
/* May this actor see (and, within the rules of app/fidelity.c, change) the fidelity
 * reviews, evidence and dashboard of this site? Admins every site; a reviewer the sites
 * assigned to their account (ipsdesk user reviews); a team leader their own site; no one
 * else. Callers answer "not found" when it is false (app/fidelity.c). */
bool scope_fidelity_site(struct app *app, const struct actor *who, int64_t site_id);
/* The ids of the sites named in codes (comma- or space-separated; none is fine); false,
 * with a field error on "reviews" for each code that names no site, otherwise. */
bool reviewer_site_ids(struct app *app, struct result *r, const char *codes, int64_t **ids, size_t *n);

/* Ends a transaction begun with store_begin: commits when rc is 0, else rolls back
 * and turns r into RES_FAILED. Returns r. */
struct result finish(struct app *app, int rc, struct result r);
/* Appends the audit entry of a read (who looked at what) to the read log and returns
 * r, or a failure when it could not be written: a read that cannot be audited is not
 * shown. Call outside any transaction. */
struct result audit_read(struct app *app, const struct actor *who, const char *action,
			 const char *entity, int64_t id, const char *fields, struct result r);
/* r turned into the failure of a view that could not be audited (logged). */
struct result audit_failed(struct app *app, struct result r);

/* "" or NULL -> NULL; other strings unchanged. */
const char *nz(const char *s);
/* Optional integer in [lo, hi]: *out = -1 when empty; false when not a whole number in range. */
bool opt_int(const char *s, int lo, int hi, int *out);

/* One set of rules, three front doors (spec/interchange.md): for a field the CSV
 * carries, a use case refuses exactly what an import refuses, by asking the import's
 * own rule (core/interchange.c), and turns any stricter judgement of its own (a date
 * in the future, a postcode of no standard shape, a very long name) into a warning
 * shown after saving. Only fields the CSV does not carry (phone, email, consent,
 * notes, the profile) may be refused for anything more. */

/* True when an import would accept value (NULL or "" is empty) in that column of that
 * file; out gets the value as the import would store it (defaults applied). */
bool csv_accepts(enum ic_kind kind, const char *column, const char *value, struct ic_value *out);

/* Checks the identity and contact fields a referral and a person's edit form share,
 * filling c (strings normalised: NHS number as 10 digits, a postcode of a standard
 * shape upper case with one space; any other postcode kept as typed, with a warning). */
void validate_identity(struct app *app, struct result *r, const char *given, const char *family,
		       const char *nhs, const char *birth, const char *postcode, const char *phone,
		       const char *email, const char *gender, const char *ethnic, struct client *c);
/* A date field only ipsdesk carries (consent): real and not after today, or an error.
 * Returns the ISO string or NULL. label reads after "Enter the" and "The", e.g. "date
 * consent was recorded". */
const char *validate_past_date(struct app *app, struct result *r, const char *field,
			       const char *value, const char *label, bool required);
/* A date field the CSV carries as column of kind's file: refused when empty and
 * required or not a real date (the import's rule); a date after today is saved with a
 * warning. Returns the ISO string or NULL. */
const char *validate_carried_date(struct app *app, struct result *r, enum ic_kind kind,
				  const char *column, const char *field, const char *value,
				  const char *label, bool required);
/* Free text the CSV carries (names): refused when required and empty, or when it is
 * not valid UTF-8, as an import would; anything else odd about it (longer than max
 * bytes, line breaks, control characters, only spaces) is saved with a warning that
 * names the field by label ("first name"). Returns the value or NULL when empty. */
const char *validate_carried_text(struct app *app, struct result *r, const char *field,
				  const char *value, const char *label, int max, bool required);
/* Names of fields whose values differ, comma-separated, for the audit entry. */
void changed_field(struct buf *b, const char *name, const char *before, const char *after);
void changed_int(struct buf *b, const char *name, int before, int after);

/* Sign-in throttling by client address (app/auth.c), which bearer tokens share:
 * locked says whether the address is locked out; failed counts a failure (call it in
 * a transaction). */
bool signin_addr_locked(struct app *app, const char *client_addr);
void signin_addr_failed(struct app *app, const char *client_addr);

/* Adds a line to the person's timeline. */
int timeline(struct app *app, const struct actor *who, int64_t client_id, int64_t referral_id,
	     const char *on_date, const char *kind, const char *summary);

/* One read of what the outcome figures of a scope need (app/reports.c): the records,
 * the contacts of the span q->from to q->to tallied by day, and, when want_attrs is set,
 * the breakdown attributes of the same referrals in the same snapshot. in.contacts holds
 * the whole span's totals. After report_read checked who may see what, report_inputs_for
 * gives the inputs of each of rd->periods without reading again (0, or -1 when the
 * period is outside the span, is not one of them, or memory runs out). */
struct bd_attrs;
struct period;
struct report_read {
	bool want_attrs;
	const struct period *periods;   /* every period report_inputs_for will be asked for */
	size_t nperiods;
	struct oc_input in;
	struct oc_contact_days cd;
	struct bd_attrs *attrs;
	size_t nattrs;
};
struct result report_read(struct app *app, const struct actor *who, const struct report_query *q,
			  struct report_read *rd);
int report_inputs_for(const struct report_read *rd, struct period p, struct oc_input *out);

#endif
