/* app/vacancies.c — the vacancies a service finds at its employers (DOMAIN.md
 * principle 5, rapid job search): adding and changing one, the searchable list and the
 * API's paged list. Site-scoped like employers: specialists and team leaders see and
 * change their own site's vacancies only; anything else reads as not found. A vacancy
 * names nobody, so reading one is not audited; every change is. */
#include <stdio.h>
#include <string.h>
#include "app/internal.h"
#include "core/geo.h"
#include "core/matching.h"
#include "core/soc.h"
#include "core/validate.h"
#include "core/wages.h"
#include "util/arena.h"

static bool may_work_with_vacancies(const struct actor *who, struct result *r)
{
	if (!(who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER))) {
		result_set(r, RES_REFUSED, NULL);
		return false;
	}
	return true;
}

/* Loads a vacancy of the actor's site; RES_NOT_FOUND otherwise. */
static bool load_vacancy(struct app *app, const struct actor *who, int64_t id, struct vacancy *v,
			 struct result *r)
{
	if (!may_work_with_vacancies(who, r))
		return false;
	if (id <= 0 || store_vacancy_get(app->store, app->arena, id, v) != IPS_OK || !scope_site(who, v->site_id)) {
		result_set(r, RES_NOT_FOUND, NULL);
		return false;
	}
	return true;
}

static const char *pounds(struct arena *a, int64_t pence)
{
	char s[24];
	format_pence(pence, s);
	return arena_strdup(a, s);
}

/* Hours a week, more than 0 and at most 80, in hundredths; -1 when empty. */
static int64_t hours_field(struct result *r, const char *field, const char *text)
{
	if (!nz(text))
		return -1;
	int64_t v;
	const char *why;
	if (!parse_hundredths(text, &v, &why) || v <= 0 || v > 8000) {
		result_field(r, field, "Enter hours a week as a number more than 0 and up to 80, like 16 or 37.5");
		return -1;
	}
	return v;
}

/* Checks the form into v (whose id, site_id and created_by the caller set). */
static void vacancy_validate(struct app *app, const struct actor *who, struct result *r,
			     const struct vacancy_form *in, struct vacancy *v)
{
	const char *why;
	int eid = -1;
	struct employer e;
	if (!nz(in->employer_id))
		result_field(r, "employer_id", "Choose the employer");
	else if (!opt_int(in->employer_id, 1, 2000000000, &eid) ||
		 store_employer_get(app->store, app->arena, eid, &e) != IPS_OK || e.site_id != who->site_id)
		result_field(r, "employer_id", "Choose an employer of your service from the list");
	else
		v->employer_id = e.id, v->employer_name = e.name;

	v->title = nz(in->title);
	if (!v->title)
		result_field(r, "title", "Enter the job title");
	else if (!valid_text(v->title, 200, false, &why))
		result_field(r, "title", why);

	v->job_type = nz(in->job_type);
	/* the unit group's title is indexed with the vacancy, so a search for "care worker"
	 * finds the vacancies of that job type whatever their own titles say */
	v->job_type_title = v->job_type ? soc_title(v->job_type) : NULL;
	if (v->job_type && match_soc_code(v->job_type) < 0)
		result_field(r, "job_type", "Enter the job type as the 4 digits of its SOC 2020 code, like 7111");
	else if (v->job_type && !v->job_type_title)
		result_field(r, "job_type", arena_printf(app->arena, "There is no SOC 2020 job type with the code %s",
							  v->job_type));

	v->hours_min = hours_field(r, "hours_min", in->hours_min);
	v->hours_max = hours_field(r, "hours_max", in->hours_max);
	if (v->hours_min < 0 && v->hours_max >= 0 && !nz(in->hours_min))
		v->hours_min = v->hours_max;   /* one figure: the hours are exactly that */
	if (v->hours_max < 0 && v->hours_min >= 0 && !nz(in->hours_max))
		v->hours_max = v->hours_min;
	if (v->hours_min >= 0 && v->hours_max >= 0 && v->hours_min > v->hours_max)
		result_field(r, "hours_max", "The most hours must be the same as or more than the fewest hours");

	v->hourly_pay = -1;
	const char *pay = nz(in->hourly_pay);
	if (pay && strncmp(pay, "\xc2\xa3", 2) == 0)   /* a pound sign typed in front */
		pay += 2;
	if (pay) {
		int64_t pence;
		if (!parse_hundredths(pay, &pence, &why) || pence <= 0 || pence > WAGE_HOURLY_CEILING_PENCE) {
			result_field(r, "hourly_pay", "Enter the hourly pay in pounds, more than 0 and up to 200, like 12.50");
		} else {
			v->hourly_pay = pence;
			struct nmw_minimum m;
			if (nmw_minimum_for(app->today, -1, &m) && pence < m.band->pence)
				result_warn(r, "hourly_pay",
					    arena_printf(app->arena, "Pay of £%s an hour is below the National Minimum "
						"Wage of £%s an hour for someone %s. It may be lawful for a younger "
						"worker or an apprentice: check it with the employer.",
						pounds(app->arena, pence), pounds(app->arena, m.band->pence), m.band->who));
		}
	}

	v->postcode = NULL;
	if (nz(in->postcode)) {
		char pc[9], out[8];
		if (postcode_normalise(in->postcode, pc, &why))
			v->postcode = arena_strdup(app->arena, pc);
		else if (geo_outcode(in->postcode, out))
			v->postcode = arena_strdup(app->arena, out);   /* the district alone: enough to match */
		else
			result_field(r, "postcode", "Enter a postcode, like LS1 4AP, or the first part of one, like LS1");
	}

	v->closing_on = NULL;
	if (nz(in->closing_on)) {
		day_t d;
		if (!date_parse(in->closing_on, &d)) {
			result_field(r, "closing_on", "The closing date must be a real date");
		} else {
			char iso[11];
			date_iso(d, iso);
			v->closing_on = arena_strdup(app->arena, iso);
			if (d < app->today)
				result_warn(r, "closing_on", "The closing date has passed, so the vacancy is not "
							     "offered to anyone in matching.");
		}
	}

	v->source = nz(in->source);
	if (v->source && !valid_text(v->source, 200, false, &why))
		result_field(r, "source", why);
	v->status = nz(in->status) ? in->status : "open";
	if (!code_valid(VACANCY_STATUSES, v->status))
		result_field(r, "status", "Choose whether the vacancy is open, filled, closed or withdrawn");
	v->description = nz(in->description);
	if (v->description && !valid_text(v->description, 8000, true, &why))
		result_field(r, "description", why);
	v->conditions = nz(in->conditions);
	uint32_t bits;
	if (!match_conditions_parse(v->conditions, &bits))
		result_field(r, "conditions", "Choose what the job involves from the list");
}

struct result app_vacancy_add(struct app *app, const struct actor *who, const struct vacancy_form *in)
{
	struct result r = result_new(app->arena);
	if (!may_work_with_vacancies(who, &r))
		return r;
	if (!who->site_id) {
		result_set(&r, RES_REFUSED, "Only staff of a service can add its vacancies.");
		return r;
	}
	struct vacancy v = {.site_id = who->site_id, .created_by = who->staff_id};
	vacancy_validate(app, who, &r, in, &v);
	if (!result_ok(&r))
		return r;
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_vacancy_insert(app->store, &v, app->now_iso, &v.id);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "vacancy.create", "vacancy", v.id,
			       "employer_id,title,job_type,hours_min,hours_max,hourly_pay,postcode,closing_on,"
			       "source,status,description,conditions");
	r.id = v.id;
	return finish(app, rc, r);
}

static void changed64(struct buf *b, const char *name, int64_t before, int64_t after)
{
	if (before != after) {
		if (b->len)
			buf_addc(b, ',');
		buf_adds(b, name);
	}
}

struct result app_vacancy_update(struct app *app, const struct actor *who, int64_t vacancy_id,
				 const struct vacancy_form *in)
{
	struct result r = result_new(app->arena);
	struct vacancy before;
	if (!load_vacancy(app, who, vacancy_id, &before, &r))
		return r;
	struct vacancy v = before;
	vacancy_validate(app, who, &r, in, &v);
	if (!result_ok(&r))
		return r;
	struct buf changed = BUF_INIT;
	changed64(&changed, "employer_id", before.employer_id, v.employer_id);
	changed_field(&changed, "title", before.title, v.title);
	changed_field(&changed, "job_type", before.job_type, v.job_type);
	changed64(&changed, "hours_min", before.hours_min, v.hours_min);
	changed64(&changed, "hours_max", before.hours_max, v.hours_max);
	changed64(&changed, "hourly_pay", before.hourly_pay, v.hourly_pay);
	changed_field(&changed, "postcode", before.postcode, v.postcode);
	changed_field(&changed, "closing_on", before.closing_on, v.closing_on);
	changed_field(&changed, "source", before.source, v.source);
	changed_field(&changed, "status", before.status, v.status);
	changed_field(&changed, "description", before.description, v.description);
	changed_field(&changed, "conditions", before.conditions, v.conditions);
	const char *fields = arena_strdup(app->arena, buf_str(&changed));
	buf_free(&changed);
	r.id = vacancy_id;
	if (!*fields)
		return r;   /* nothing changed: nothing to write */
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_vacancy_update(app->store, &v, app->now_iso);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "vacancy.update", "vacancy", vacancy_id, fields);
	return finish(app, rc, r);
}

struct result app_vacancy_get(struct app *app, const struct actor *who, int64_t vacancy_id,
			      struct vacancy *out)
{
	struct result r = result_new(app->arena);
	if (load_vacancy(app, who, vacancy_id, out, &r))
		r.id = vacancy_id;
	return r;
}

struct result app_vacancies_search(struct app *app, const struct actor *who, const struct vacancy_query *q,
				   struct vacancy_list *out)
{
	struct result r = result_new(app->arena);
	*out = (struct vacancy_list){.page = 1};
	if (!may_work_with_vacancies(who, &r))
		return r;
	/* a page that is not a number from 1 (an address typed by hand): the first */
	if (!opt_int(q->page, 1, 1000000, &out->page) || out->page < 1)
		out->page = 1;
	struct vacancy_filter f = {.site_id = who->site_id, .limit = VACANCIES_PAGE,
				   .offset = (int64_t)(out->page - 1) * VACANCIES_PAGE};
	const char *why;
	f.q = nz(q->q);
	if (f.q && (strlen(f.q) > 100 || !valid_text(f.q, 100, false, &why)))
		result_field(&r, "q", "Enter up to 100 characters, on one line");
	f.status = nz(q->status);
	if (f.status && !code_valid(VACANCY_STATUSES, f.status))
		result_field(&r, "status", "Choose a status from the list");
	f.job_type = nz(q->job_type);
	if (f.job_type && match_soc_code(f.job_type) < 0)
		result_field(&r, "job_type", "Enter the job type as the 4 digits of its SOC 2020 code, like 7111");
	int eid = -1;
	if (!opt_int(q->employer_id, 1, 2000000000, &eid))
		result_field(&r, "employer_id", "Choose an employer from the list");
	f.employer_id = eid > 0 ? eid : 0;
	if (q->current_only)
		f.open_on = app->today_iso;
	if (!result_ok(&r) || !who->site_id)
		return r;
	if (store_vacancies_search(app->store, app->arena, &f, &out->rows, &out->n, &out->total) != IPS_OK)
		result_set(&r, RES_FAILED, "The vacancies could not be read");
	return r;
}
