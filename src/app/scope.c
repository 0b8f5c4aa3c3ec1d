/* app/scope.c — who may see and change which person, and helpers the use cases
 * share. Scope (DESIGN.md): specialists and team leaders see their site's people, a
 * clinician the people referred to their own team, an admin everyone; auditors,
 * reviewers and commissioners see no named person. The field checks here ask the
 * import's own rule (core/interchange.c) for every field the CSV carries, so a form
 * never refuses what an import accepts: anything stricter is only a warning. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app/internal.h"
#include "core/codes.h"
#include "core/interchange.h"
#include "core/nhs_number.h"
#include "core/validate.h"
#include "util/arena.h"
#include "util/log.h"

bool scope_site(const struct actor *who, int64_t site_id)
{
	if (who->role & ROLE_ADMIN)
		return true;
	if (who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER))
		return who->site_id != 0 && who->site_id == site_id;
	return false;
}

/* The scope test of a person: their id and site are all it needs. */
static bool scope_person(struct app *app, const struct actor *who, int64_t client_id, int64_t site_id)
{
	if (who->role & (ROLE_ADMIN | ROLE_SPECIALIST | ROLE_TEAM_LEADER))
		return scope_site(who, site_id);
	if (who->role & ROLE_CLINICIAN)
		return who->team_id && store_client_in_team(app->store, client_id, who->team_id);
	return false;
}

bool scope_client(struct app *app, const struct actor *who, const struct client *c)
{
	return scope_person(app, who, c->id, c->site_id);
}

bool scope_client_id(struct app *app, const struct actor *who, int64_t client_id)
{
	int64_t site_id;
	return client_id > 0 && store_client_site(app->store, client_id, &site_id) == IPS_OK &&
	       scope_person(app, who, client_id, site_id);
}

struct result client_readable(struct app *app, const struct actor *who, int64_t client_id)
{
	struct result r = result_new(app->arena);
	if (!(who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER | ROLE_CLINICIAN | ROLE_ADMIN)))
		result_set(&r, RES_REFUSED, NULL);
	else if (!scope_client_id(app, who, client_id))
		result_set(&r, RES_NOT_FOUND, NULL);
	return r;
}

bool client_editable(struct app *app, const struct actor *who, int64_t client_id, struct client *c,
		     struct result *r)
{
	if (!(who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER))) {
		result_set(r, RES_REFUSED, NULL);
		return false;
	}
	/* for these roles scope_client and scope_client_edit are the same site check */
	if (client_id <= 0 || store_client_get(app->store, app->arena, client_id, c) != IPS_OK ||
	    !scope_client_edit(who, c)) {
		result_set(r, RES_NOT_FOUND, NULL);
		return false;
	}
	return true;
}

bool scope_client_edit(const struct actor *who, const struct client *c)
{
	return (who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER)) && scope_site(who, c->site_id);
}

struct result finish(struct app *app, int rc, struct result r)
{
	if (rc == IPS_OK)
		rc = store_commit(app->store);
	if (rc != IPS_OK) {
		store_rollback(app->store);
		r.code = RES_FAILED;
		r.nerrors = 0;
		result_set(&r, RES_FAILED, "Nothing was saved because of a problem with the database. "
					   "Try again; if it happens again, tell your administrator.");
	}
	return r;
}

void app_snapshot_begin(struct app *app)
{
	store_snapshot_begin(app->store);
}

void app_snapshot_end(struct app *app)
{
	store_snapshot_end(app->store);
}

struct result app_change_begin(struct app *app)
{
	int rc = store_begin(app->store);
	return rc == IPS_OK ? result_new(app->arena) : finish(app, rc, result_new(app->arena));
}

void app_change_end(struct app *app, struct result *r)
{
	if (result_ok(r))
		*r = finish(app, IPS_OK, *r);
	else
		store_rollback(app->store);
}

const char APP_VIEW_NOT_AUDITED[] = "This could not be shown because the audit log could not record "
				   "the view. Try again; if it happens again, tell your administrator.";

const char APP_SAVED_VIEW_NOT_AUDITED[] = "Your change was saved, but it cannot be shown because the audit "
					 "log could not record the view. Do not send it again; if this happens "
					 "again, tell your administrator.";

struct result audit_failed(struct app *app, struct result r)
{
	log_error("a view could not be audited: %s", store_errmsg(app->store));
	r.nerrors = 0;
	result_set(&r, RES_FAILED, APP_VIEW_NOT_AUDITED);
	return r;
}

struct result audit_read(struct app *app, const struct actor *who, const char *action,
			 const char *entity, int64_t id, const char *fields, struct result r)
{
	struct audit_view v = {action, entity, id, fields};
	if (app_audit_views(app, who, &v, 1) != IPS_OK)
		return audit_failed(app, r);
	return r;
}

const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

bool opt_int(const char *s, int lo, int hi, int *out)
{
	*out = -1;
	if (!s || !*s)
		return true;
	int64_t v;
	const char *why;
	if (!parse_count(s, &v, &why) || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

bool csv_accepts(enum ic_kind kind, const char *column, const char *value, struct ic_value *out)
{
	const struct ic_file *f = &IC_FILES[kind];
	int i = ic_column_index(f, column);
	char msg[160];
	struct ic_value ignored;
	return i >= 0 && ic_check_field(&f->columns[i], value, out ? out : &ignored, msg) == NULL;
}

/* A real date (the interchange's rule for a date column), or an error; NULL when empty. */
static bool parse_date_field(struct app *app, struct result *r, enum ic_kind kind, const char *column,
			     const char *field, const char *value, const char *label, bool required,
			     day_t *d)
{
	if (!nz(value)) {
		if (required)
			result_field(r, field, arena_printf(app->arena, "Enter the %s", label));
		return false;
	}
	if (!csv_accepts(kind, column, value, NULL) || !date_parse(value, d)) {
		result_field(r, field, arena_printf(app->arena, "The %s must be a real date", label));
		return false;
	}
	return true;
}

static const char *iso(struct app *app, day_t d)
{
	char *out = arena_alloc(app->arena, 11);
	date_iso(d, out);
	return out;
}

const char *validate_past_date(struct app *app, struct result *r, const char *field,
			       const char *value, const char *label, bool required)
{
	day_t d;
	/* any date column: the rule for a real date is the same for all of them */
	if (!parse_date_field(app, r, IC_REFERRAL, "received_on", field, value, label, required, &d))
		return NULL;
	if (d > app->today) {
		result_field(r, field, arena_printf(app->arena, "The %s must be today or in the past", label));
		return NULL;
	}
	return iso(app, d);
}

const char *validate_carried_date(struct app *app, struct result *r, enum ic_kind kind,
				  const char *column, const char *field, const char *value,
				  const char *label, bool required)
{
	day_t d;
	if (!parse_date_field(app, r, kind, column, field, value, label, required, &d))
		return NULL;
	if (d > app->today)
		result_warn(r, field, arena_printf(app->arena, "The %s is in the future: check it is right", label));
	return iso(app, d);
}

const char *validate_carried_text(struct app *app, struct result *r, const char *field,
				  const char *value, const char *label, int max, bool required)
{
	if (!value || !*value) {
		if (required)
			result_field(r, field, arena_printf(app->arena, "Enter the %s", label));
		return NULL;
	}
	const char *warn = NULL;
	switch (text_check(value, max, false)) {
	case TEXT_OK:
		break;
	case TEXT_NOT_UTF8:
		result_field(r, field, arena_printf(app->arena, "The %s contains characters that cannot be "
							      "read: retype it", label));
		return NULL;
	case TEXT_LINE_BREAK:
		warn = "has a line break or tab in it";
		break;
	case TEXT_CONTROL:
		warn = "has hidden control characters in it";
		break;
	case TEXT_BLANK:
		warn = "is only spaces";
		break;
	case TEXT_TOO_LONG:
		warn = "is unusually long";
		break;
	}
	if (warn)
		result_warn(r, field, arena_printf(app->arena, "The %s %s: check it is right", label, warn));
	return value;
}

void validate_identity(struct app *app, struct result *r, const char *given, const char *family,
		       const char *nhs, const char *birth, const char *postcode, const char *phone,
		       const char *email, const char *gender, const char *ethnic, struct client *c)
{
	const char *why;
	c->given_name = validate_carried_text(app, r, "given_name", given, "first name", 100, true);
	c->family_name = validate_carried_text(app, r, "family_name", family, "last name", 100, true);

	/* nhs_number_normalise is the interchange's rule for nhs_number; it also says why */
	c->nhs_number = NULL;
	if (nz(nhs)) {
		char digits[11];
		switch (nhs_number_normalise(nhs, digits)) {
		case NHS_NUMBER_OK:
			c->nhs_number = arena_strdup(app->arena, digits);
			break;
		case NHS_NUMBER_NOT_10_DIGITS:
			result_field(r, "nhs_number", "NHS number must be 10 digits, for example 943 476 5919");
			break;
		case NHS_NUMBER_CHECK_DIGIT:
			result_field(r, "nhs_number", "This is not a valid NHS number: check each digit "
						      "(the last digit does not match the others)");
			break;
		}
	}
	c->birth_date = NULL;
	if (nz(birth)) {
		day_t d;
		if (!csv_accepts(IC_CLIENT, "birth_date", birth, NULL) || !date_parse(birth, &d)) {
			result_field(r, "birth_date", "Date of birth must be a real date");
		} else {
			c->birth_date = iso(app, d);
			if (d > app->today)
				result_warn(r, "birth_date", "The date of birth is in the future: check it is right");
			else if (d < date_from_ymd(1900, 1, 1))
				result_warn(r, "birth_date", "The date of birth is before 1900: check it is right");
			else if (date_age(d, app->today) < 16)
				result_warn(r, "birth_date", "This person is under 16: IPS services work with adults "
							     "of working age. Check the date of birth is right");
		}
	}
	c->postcode = NULL;
	if (nz(postcode)) {
		char pc[9];
		if (postcode_normalise(postcode, pc, &why)) {
			c->postcode = arena_strdup(app->arena, pc);
		} else if ((c->postcode = validate_carried_text(app, r, "postcode", postcode, "postcode", 16, false))) {
			/* the CSV takes any text as a postcode: kept as typed */
			result_warn(r, "postcode", "The postcode does not look like a UK postcode (like LS1 4AP): "
						   "check it is right");
		}
	}
	c->phone = nz(phone);
	if (c->phone && !valid_phone(c->phone, &why))
		result_field(r, "phone", why);
	c->email = nz(email);
	if (c->email && !valid_email(c->email, &why))
		result_field(r, "email", why);
	c->gender = nz(gender);
	if (c->gender && !csv_accepts(IC_CLIENT, "gender", c->gender, NULL))
		result_field(r, "gender", "Choose a gender from the list");
	c->ethnic_category = nz(ethnic);
	if (c->ethnic_category && !csv_accepts(IC_CLIENT, "ethnic_category", c->ethnic_category, NULL))
		result_field(r, "ethnic_category", "Choose an ethnic group from the list");
}

static bool same(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

void changed_field(struct buf *b, const char *name, const char *before, const char *after)
{
	if (same(nz(before), nz(after)))
		return;
	if (b->len)
		buf_addc(b, ',');
	buf_adds(b, name);
}

void changed_int(struct buf *b, const char *name, int before, int after)
{
	if (before == after)
		return;
	if (b->len)
		buf_addc(b, ',');
	buf_adds(b, name);
}

int timeline(struct app *app, const struct actor *who, int64_t client_id, int64_t referral_id,
	     const char *on_date, const char *kind, const char *summary)
{
	struct client_event e = {
		.client_id = client_id, .referral_id = referral_id,
		.on_date = on_date ? on_date : app->today_iso, .at = app->now_iso,
		.kind = kind, .summary = summary, .account_id = who ? who->account_id : 0,
	};
	return store_event_add(app->store, &e);
}
