/* core/interchange.c — the columns of spec/interchange.md and the rule for one field.
 * This table is the spec in C: change it only with the spec. Messages may quote the
 * value (the importer shows them to the person who supplied the file) but never
 * reach a log. */
#include "core/interchange.h"
#include <stdio.h>
#include <string.h>
#include "core/date.h"
#include "core/nhs_number.h"
#include "core/validate.h"

static const struct code CODES_EMPLOYMENT_STATUS[] = {
	{"01", ""}, {"02", ""}, {"03", ""}, {"04", ""}, {"05", ""}, {"06", ""}, {"07", ""}, {"08", ""},
	{"ZZ", ""}, {NULL, NULL},
};

#define REQ .required = true
#define COL(n, t, ...) {.name = n, .type = t, __VA_ARGS__}
#define OWN(n) COL(n, ICT_OWN_REF, REQ)
#define LINK(n, k, req) COL(n, ICT_LINK, .required = req, .link = k)
#define TEXT(n, req) COL(n, ICT_TEXT, .required = req)

const struct ic_file IC_FILES[IC_NKINDS] = {
	{IC_SITE, "sites.csv", "site", 2, {OWN("code"), TEXT("name", true)}},
	{IC_TEAM, "teams.csv", "team", 3, {OWN("code"), LINK("site_code", IC_SITE, true), TEXT("name", true)}},
	{IC_STAFF, "staff.csv", "staff member", 5, {
		OWN("code"), LINK("team_code", IC_TEAM, false), TEXT("name", true),
		COL("role", ICT_CODE, REQ, .codes = CODES_ROLE),
		COL("fte", ICT_DECIMAL, .dflt = "1", .min = 0, .max = 100, .min_exclusive = true),
	}},
	{IC_EMPLOYER, "employers.csv", "employer", 4, {
		OWN("ref"), LINK("site_code", IC_SITE, true), TEXT("name", true), TEXT("sector", false),
	}},
	{IC_CLIENT, "clients.csv", "client", 9, {
		OWN("ref"), LINK("site_code", IC_SITE, true), COL("nhs_number", ICT_NHS_NUMBER, .required = false),
		TEXT("given_name", true), TEXT("family_name", true), COL("birth_date", ICT_DATE, .required = false),
		TEXT("postcode", false), COL("gender", ICT_CODE, .codes = CODES_GENDER),
		COL("ethnic_category", ICT_CODE, .codes = CODES_ETHNIC),
	}},
	{IC_REFERRAL, "referrals.csv", "referral", 9, {
		OWN("ref"), LINK("client_ref", IC_CLIENT, true), LINK("team_code", IC_TEAM, true),
		COL("received_on", ICT_DATE, REQ), COL("source", ICT_CODE, REQ, .codes = CODES_SOURCE),
		LINK("specialist_code", IC_STAFF, false),
		COL("employment_status", ICT_CODE, .dflt = "ZZ", .codes = CODES_EMPLOYMENT_STATUS),
		COL("closed_on", ICT_DATE, .required = false), COL("close_reason", ICT_CODE, .codes = CODES_CLOSE_REASON),
	}},
	{IC_CONTACT, "contacts.csv", "contact", 10, {
		OWN("ref"), COL("date", ICT_DATE, REQ), LINK("staff_code", IC_STAFF, true),
		COL("with", ICT_CODE, REQ, .codes = CODES_CONTACT_WITH), LINK("referral_ref", IC_REFERRAL, false),
		LINK("employer_ref", IC_EMPLOYER, false), COL("mode", ICT_CODE, REQ, .codes = CODES_MODE),
		COL("place", ICT_CODE, .codes = CODES_PLACE), COL("minutes", ICT_COUNT, .min = 0, .max = 1440),
		COL("attended", ICT_BOOL, .dflt = "yes"),
	}},
	{IC_JOB, "jobs.csv", "job", 11, {
		OWN("ref"), LINK("referral_ref", IC_REFERRAL, true), LINK("employer_ref", IC_EMPLOYER, false),
		TEXT("title", true), COL("job_type", ICT_JOB_TYPE, .required = false), COL("started_on", ICT_DATE, REQ),
		COL("ended_on", ICT_DATE, .required = false),
		COL("hours_per_week", ICT_DECIMAL, REQ, .min = 0, .max = 8000, .min_exclusive = true),
		COL("hourly_wage", ICT_DECIMAL, .min = 0, .max = INT64_MAX / 2, .pounds = true),
		COL("competitive", ICT_BOOL, .dflt = "yes"), TEXT("end_reason", false),
	}},
};

int ic_column_index(const struct ic_file *f, const char *name)
{
	/* the first byte first: the importer asks for columns by name for every row */
	for (size_t i = 0; i < f->ncolumns; i++)
		if (f->columns[i].name[0] == name[0] && strcmp(f->columns[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* [0-9]+(\.[0-9]{1,2})? into hundredths. Leading zeros do not count towards the size
 * limit (15 significant digits: more than any real hour or pound). */
static bool decimal_parse(const char *s, int64_t *out)
{
	const char *p = s;
	int64_t whole = 0;
	int digits = 0, significant = 0;
	while (*p >= '0' && *p <= '9') {
		if (whole || *p != '0')
			significant++;
		if (significant > 15)
			return false;
		whole = whole * 10 + (*p - '0');
		p++;
		digits++;
	}
	if (digits == 0)
		return false;
	int64_t frac = 0;
	if (*p == '.') {
		p++;
		if (!(p[0] >= '0' && p[0] <= '9'))
			return false;
		frac = (p[0] - '0') * 10;
		p++;
		if (*p >= '0' && *p <= '9')
			frac += *p++ - '0';
	}
	if (*p)
		return false;
	*out = whole * 100 + frac;
	return true;
}

static bool count_parse(const char *s, int64_t *out)
{
	int64_t v = 0;
	int significant = 0;
	if (!*s)
		return false;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		if (v || *p != '0')
			significant++;
		if (significant > 15)
			return false;
		v = v * 10 + (*p - '0');
	}
	*out = v;
	return true;
}

/* The start of a value for a message: at most 40 bytes, cut at a character boundary so
 * the message stays valid UTF-8, with "..." when cut. out: 48 bytes. */
static const char *shown(const char *v, char out[48])
{
	size_t n = strlen(v);
	if (n <= 40)
		return v;
	n = 40;
	while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
		n--;   /* v[n] continues a character: cut before that character */
	memcpy(out, v, n);
	memcpy(out + n, "...", 4);
	return out;
}

const char *ic_check_field(const struct ic_column *c, const char *text, struct ic_value *out,
			   char msg[160])
{
	char cut[48];
	memset(out, 0, sizeof *out);
	if (!text || !*text)
		text = c->dflt;
	if (!text || !*text) {
		if (c->required) {
			snprintf(msg, 160, "%s is required", c->name);
			return msg;
		}
		return NULL;
	}
	out->text = text;
	switch (c->type) {
	case ICT_OWN_REF:
	case ICT_LINK: {
		const char *why;
		if (!valid_ref(text, &why))
			return "must be 1 to 64 characters from ! to ~ (letters, digits, punctuation; no spaces)";
		if (c->type == ICT_OWN_REF && ref_is_reserved(text))
			return "may not begin with \"ipsdesk-\": those are made by ipsdesk";
		return NULL;
	}
	case ICT_TEXT:
		return NULL;
	case ICT_CODE:
		if (code_valid(c->codes, text))
			return NULL;
		{
			size_t len = (size_t)snprintf(msg, 160, "%s is not one of", shown(text, cut));
			for (const struct code *k = c->codes; k->code && len < 150; k++)
				len += (size_t)snprintf(msg + len, 160 - len, " %s", k->code);
		}
		return msg;
	case ICT_DATE:
		if (date_parse(text, NULL))
			return NULL;
		snprintf(msg, 160, "%s is not a real date in the form YYYY-MM-DD", shown(text, cut));
		return msg;
	case ICT_BOOL:
		if (strcmp(text, "yes") == 0 || strcmp(text, "no") == 0) {
			out->num = text[0] == 'y';
			return NULL;
		}
		snprintf(msg, 160, "%s must be yes or no", shown(text, cut));
		return msg;
	case ICT_DECIMAL:
		if (!decimal_parse(text, &out->num)) {
			snprintf(msg, 160, "%s is not a number like 16 or 7.5 (at most 2 decimal places)", shown(text, cut));
			return msg;
		}
		if (out->num > c->max || out->num < c->min || (c->min_exclusive && out->num == c->min)) {
			if (c->max == 100)
				snprintf(msg, 160, "%s must be more than 0 and at most 1", shown(text, cut));
			else if (c->max == 8000)
				snprintf(msg, 160, "%s must be more than 0 and at most 80", shown(text, cut));
			else
				snprintf(msg, 160, "%s is too large", shown(text, cut));
			return msg;
		}
		return NULL;
	case ICT_COUNT:
		if (!count_parse(text, &out->num) || out->num < c->min || out->num > c->max) {
			snprintf(msg, 160, "%s must be a whole number from %lld to %lld", shown(text, cut),
				 (long long)c->min, (long long)c->max);
			return msg;
		}
		return NULL;
	case ICT_NHS_NUMBER:
		switch (nhs_number_normalise(text, out->digits)) {
		case NHS_NUMBER_OK:
			out->text = out->digits;
			return NULL;
		case NHS_NUMBER_CHECK_DIGIT:
			snprintf(msg, 160, "%s fails the check digit", shown(text, cut));
			return msg;
		default:
			snprintf(msg, 160, "%s is not 10 digits", shown(text, cut));
			return msg;
		}
	case ICT_JOB_TYPE:
		if (strlen(text) == 4 && strspn(text, "0123456789") == 4)
			return NULL;
		snprintf(msg, 160, "%s is not a 4-digit SOC 2020 unit group", shown(text, cut));
		return msg;
	}
	return "cannot be read";
}

/* Column indexes by name for the rules below; the table above is their only source. */
static int col(const struct ic_file *f, const char *name)
{
	return ic_column_index(f, name);
}

static bool is(const struct ic_value *v, const char *s)
{
	return v->text && strcmp(v->text, s) == 0;
}

void ic_check_row(const struct ic_file *f, const struct ic_value *v, const char **msg)
{
	switch (f->kind) {
	case IC_STAFF: {
		int team = col(f, "team_code"), role = col(f, "role");
		if (!msg[role] && !msg[team] && !v[team].text &&
		    (is(&v[role], "specialist") || is(&v[role], "team_leader") || is(&v[role], "clinician")))
			msg[role] = "a specialist, team_leader or clinician needs a team_code";
		break;
	}
	case IC_REFERRAL: {
		int rec = col(f, "received_on"), closed = col(f, "closed_on"), reason = col(f, "close_reason");
		/* closed_on's own error, not the rule below: a closed_on before received_on is
		 * still given, so a missing close_reason is a second mistake */
		const bool closed_bad = msg[closed] != NULL;
		if (!msg[rec] && !closed_bad && v[rec].text && v[closed].text &&
		    strcmp(v[closed].text, v[rec].text) < 0)
			msg[closed] = "closed_on is before received_on";
		if (!closed_bad && !msg[reason] && v[closed].text && !v[reason].text)
			msg[reason] = "close_reason is required when closed_on is given";
		if (!closed_bad && !msg[reason] && !v[closed].text && v[reason].text)
			msg[reason] = "close_reason is given without closed_on";
		break;
	}
	case IC_CONTACT: {
		int with = col(f, "with"), ref = col(f, "referral_ref"), emp = col(f, "employer_ref");
		int mode = col(f, "mode"), place = col(f, "place");
		if (!msg[with] && !msg[ref] && is(&v[with], "client") && !v[ref].text)
			msg[ref] = "referral_ref is required when with is client";
		if (!msg[with] && !msg[emp] && is(&v[with], "employer") && !v[emp].text)
			msg[emp] = "employer_ref is required when with is employer";
		if (!msg[with] && v[with].text && !is(&v[with], "employer") && v[emp].text)
			msg[emp] = "employer_ref is only for contacts with an employer";
		if (!msg[mode] && !msg[place] && is(&v[mode], "face_to_face") && !v[place].text)
			msg[place] = "place is required for a face_to_face contact";
		break;
	}
	case IC_JOB: {
		int start = col(f, "started_on"), end = col(f, "ended_on");
		if (!msg[start] && !msg[end] && v[start].text && v[end].text &&
		    strcmp(v[end].text, v[start].text) < 0)
			msg[end] = "ended_on is before started_on";
		break;
	}
	default:
		break;
	}
}
