/* app/dashboard.c — the outcomes dashboard for a specialist (their own referrals), a
 * team leader (their site, or one of its teams) and the roles that may see any scope.
 * Decides the period and scope, asks app_report_outcomes for every figure (the period,
 * the last four quarters, the last twelve months) and core/breakdowns.c for the
 * breakdowns, then lays them out as tables. Formats only: never a formula here, and
 * never a named person (scope labels are sites and teams, or "your own"). */
#include "app/dashboard.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "app/internal.h"
#include "core/breakdowns.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/csv.h"

const struct dash_definition DASH_DEFINITIONS[] = {
	{"Period", "From the first day to the last day shown, both days included. A financial year runs from "
		   "1 April to 31 March; rolling 12 months ends on the last day shown."},
	{"Referrals received", "Referrals received in the period."},
	{"Accessed", "Referrals whose first direct contact (face to face, phone or video, attended, with the "
		     "person) fell in the period (NHS England MHS116)."},
	{"Caseload", "People with a referral open during the period whose first direct contact was on or "
		     "before its last day; each person once."},
	{"People who worked", "People on the caseload with a competitive job at any time in the period."},
	{"Employment rate", "People who worked divided by caseload. IPS benchmarks: 31% minimal, 41% average, "
			    "50% excellent."},
	{"Job starts", "Jobs started in the period, second and later jobs included."},
	{"People into work", "People whose first-ever job started in the period, each person once."},
	{"Waiting for a first contact", "Referrals open on the last day of the period with no direct contact yet."},
	{"Wait for first contact", "For referrals that accessed the service in the period: days from referral to "
				   "first direct contact, in bands of up to 7 days, 8 to 30 days and over 30 days."},
	{"Contacts by mode", "Attended contacts with the person dated in the period, by how they took place."},
	{"Breakdowns", "Referrals received, accessed, caseload and people into work counted as above for the "
		       "referrals of each group. Age is age on the day the referral was received. A person with "
		       "referrals in two groups counts in each. Missing values are counted as Not recorded."},
	{"Trajectory", "Access expected each month: a twelfth of the access target a year you entered, or, for all "
		       "services together, of the NHS Long Term Plan's ambition for England for the financial year "
		       "(20,000 people in 2020 to 2021, 55,000 in 2023 to 2024, 115,000 in 2028 to 2029; years between "
		       "read on a straight line)."},
	{"Services compared", "Each service's referrals, access, caseload, people who worked, employment rate, job "
			      "starts and people into work, counted as that service's own report."},
	{"Estimated saving", "People into work multiplied by the saving per person, an assumption you can change "
			     "(default about 6,000 pounds over 18 months, Centre for Mental Health review)."},
	{"Small numbers", "Where stated, counts from 1 to 4 are shown as * and other counts are rounded to the "
			  "nearest 5, as NHS England publishes them; a rate is withheld when either of its counts is."},
	{"Source", "ipsdesk outcome report, spec/outcomes.md."},
};
const size_t DASH_NDEFINITIONS = sizeof DASH_DEFINITIONS / sizeof DASH_DEFINITIONS[0];

/* ---- formatting ------------------------------------------------------------------------ */

/* 1234567 as "1,234,567". */
static char *grouped(struct arena *a, int64_t v)
{
	char digits[32], out[48];
	bool neg = v < 0;
	snprintf(digits, sizeof digits, "%llu", (unsigned long long)(neg ? 0 - (uint64_t)v : (uint64_t)v));
	size_t n = strlen(digits), k = 0;
	if (neg)
		out[k++] = '-';
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = digits[i];
	}
	out[k] = '\0';
	return arena_strdup(a, out);
}

struct fmt {
	struct arena *a;
	bool published;
};

static struct dash_cell cell_text(const char *s)
{
	return (struct dash_cell){s, s, false};
}

/* A count, under the publication rule when the dashboard is published. */
static struct dash_cell cell_count(const struct fmt *f, int64_t n)
{
	if (f->published) {
		n = outcomes_publish_count(n);
		if (n < 0)
			return (struct dash_cell){"*", "*", true};
	}
	return (struct dash_cell){grouped(f->a, n), arena_printf(f->a, "%lld", (long long)n), true};
}

/* num/den as a percentage to one decimal place, rounded once; "No caseload" style
 * text for a zero denominator; withheld when published and either count is 1-4. */
static struct dash_cell cell_rate(const struct fmt *f, int64_t num, int64_t den)
{
	if (f->published && (outcomes_publish_count(num) < 0 || outcomes_publish_count(den) < 0))
		return (struct dash_cell){"*", "*", true};
	if (den == 0)
		return (struct dash_cell){"Not applicable", "", true};
	char pct[32];
	fraction_format((struct fraction){num * 100, den}, 1, pct);
	return (struct dash_cell){arena_printf(f->a, "%s%%", pct), arena_strdup(f->a, pct), true};
}

static const char *long_date(struct arena *a, day_t d)
{
	char s[32];
	date_long(d, s, sizeof s);
	return arena_strdup(a, s);
}

static const char *const MONTHS[] = {"January", "February", "March", "April", "May", "June", "July",
				     "August", "September", "October", "November", "December"};

static const char *month_label(struct arena *a, struct period p, day_t to)
{
	int y, m, d;
	date_to_ymd(p.from, &y, &m, &d);
	if (p.to > to)
		return arena_printf(a, "%s %d (to %s)", MONTHS[m - 1], y, long_date(a, to));
	return arena_printf(a, "%s %d", MONTHS[m - 1], y);
}

static const char *quarter_label(struct arena *a, struct period p, day_t to)
{
	int fy = period_financial_year_of(p.from);
	int y1, m1, d1, y2, m2, d2;
	date_to_ymd(p.from, &y1, &m1, &d1);
	date_to_ymd(p.to, &y2, &m2, &d2);
	const char *range = p.to > to ? arena_printf(a, "%s %d to %s", MONTHS[m1 - 1], y1, long_date(a, to))
				      : arena_printf(a, "%s to %s %d", MONTHS[m1 - 1], MONTHS[m2 - 1], y2);
	return arena_printf(a, "Q%d of %d to %d (%s)", period_fy_quarter(p.from), fy, fy + 1, range);
}

/* ---- tables --------------------------------------------------------------------------- */

static struct dash_table *table_add(struct dashboard *d, struct arena *a, const char *id,
				    const char *caption, const char *const *cols, size_t ncols, size_t nrows)
{
	struct dash_table *t = &d->tables[d->ntables++];
	*t = (struct dash_table){.id = id, .caption = caption, .cols = cols, .ncols = ncols, .nrows = nrows};
	t->cells = arena_alloc(a, (nrows * ncols + 1) * sizeof *t->cells);
	memset(t->cells, 0, (nrows * ncols + 1) * sizeof *t->cells);
	return t;
}

static struct dash_cell *at(struct dash_table *t, size_t row, size_t col)
{
	return &t->cells[row * t->ncols + col];
}

static const char *const COLS_MEASURE[] = {"Measure", "Figure"};
static const char *const COLS_QUARTER[] = {"Quarter", "People on caseload", "People who worked",
					   "Employment rate (%)", "Against the benchmarks"};
static const char *const COLS_ACCESS[] = {"Month", "People accessing the service", "Trajectory"};
static const char *const COLS_JOBS[] = {"Month", "Job starts", "People into work"};
static const char *const COLS_WAIT[] = {"Wait from referral to first direct contact", "Referrals"};
static const char *const COLS_MODE[] = {"How the contact took place", "Contacts"};
static const char *const COLS_BREAKDOWN[] = {"Group", "Referrals received", "Accessed", "Caseload",
					     "People into work"};
static const char *const COLS_SAVING[] = {"Item", "Value"};
static const char *const COLS_SITES[] = {"Service", "Referrals received", "Accessed", "Caseload (people)",
					 "People who worked", "Employment rate (%)", "Job starts", "People into work"};
static const char *const MODE_LABELS[OC_NMODES] = {"Face to face", "Phone", "Video", "Text message", "Email",
						   "Letter"};

static const char *benchmark_band(int64_t worked, int64_t caseload, bool withheld)
{
	if (withheld)
		return "*";
	if (caseload == 0)
		return "No one on the caseload";
	/* compare exactly: worked / caseload >= p / 100 */
	if (worked * 100 >= caseload * 50)
		return "Excellent (50% or more)";
	if (worked * 100 >= caseload * 41)
		return "Average (41% to 49%)";
	if (worked * 100 >= caseload * 31)
		return "Minimal (31% to 40%)";
	return "Below the minimal benchmark (under 31%)";
}

/* ---- the use case --------------------------------------------------------------------- */

/* The NHS Long Term Plan's ambition for people accessing IPS in England, a financial
 * year at a time (NHS Long Term Plan, 2019; NHS Mental Health Implementation Plan
 * 2019/20-2023/24; DOMAIN.md): 20,000 in 2020/21, 55,000 in 2023/24, 115,000 in 2028/29.
 * Years between are read on a straight line between those points and later years
 * stay at the last; before 2020/21 there is none (0). */
static const struct {
	int fy;
	int64_t people;
} LTP_TRAJECTORY[] = {{2020, 20000}, {2023, 55000}, {2028, 115000}};

static int64_t ltp_people_a_year(int fy)
{
	const size_t n = sizeof LTP_TRAJECTORY / sizeof LTP_TRAJECTORY[0];
	if (fy < LTP_TRAJECTORY[0].fy)
		return 0;
	for (size_t i = 0; i + 1 < n; i++)
		if (fy < LTP_TRAJECTORY[i + 1].fy) {
			int64_t a = LTP_TRAJECTORY[i].people, b = LTP_TRAJECTORY[i + 1].people;
			int span = LTP_TRAJECTORY[i + 1].fy - LTP_TRAJECTORY[i].fy, k = fy - LTP_TRAJECTORY[i].fy;
			return a + ((b - a) * k + span / 2) / span;   /* to the nearest person */
		}
	return LTP_TRAJECTORY[n - 1].people;
}

/* Pounds as typed ("6000", "£6,000") into *out: false when not a whole number 0-1,000,000. */
static bool parse_pounds(const char *s, int64_t *out)
{
	int64_t v = 0;
	size_t digits = 0;
	if (strncmp(s, "\xc2\xa3", 2) == 0)   /* £ */
		s += 2;
	for (; *s; s++) {
		if (*s == ',')
			continue;
		if (*s < '0' || *s > '9' || ++digits > 7)
			return false;
		v = v * 10 + (*s - '0');
	}
	if (digits == 0 || v > 1000000)
		return false;
	*out = v;
	return true;
}

/* Works out the period from the query into *p and the labels; field errors into r. */
static void choose_period(struct app *app, const struct dash_query *q, struct dashboard *d, struct result *r,
			  struct period *p)
{
	struct arena *a = app->arena;
	day_t today = app->today;
	d->fy_latest = period_financial_year_of(today);
	const char *period = nz(q->period);
	if (!period)
		period = nz(q->from) || nz(q->to) ? "custom" : "rolling";
	d->period = period;
	if (strcmp(period, "rolling") == 0) {
		*p = period_rolling_12_months(today);
		d->period_label = arena_printf(a, "Rolling 12 months: %s to %s", long_date(a, p->from), long_date(a, p->to));
	} else if (strncmp(period, "fy-", 3) == 0) {
		char *end;
		long y = strtol(period + 3, &end, 10);
		if (*end || end == period + 3 || y < d->fy_latest - 20 || y > d->fy_latest) {
			result_field(r, "period", "Choose a period from the list");
			return;
		}
		*p = period_financial_year((int)y);
		const char *name = arena_printf(a, "Financial year %ld to %ld", y, y + 1);
		if (p->to > today) {
			p->to = today;
			d->period_label = arena_printf(a, "%s, so far: %s to %s", name, long_date(a, p->from),
						       long_date(a, p->to));
		} else {
			d->period_label = arena_printf(a, "%s: %s to %s", name, long_date(a, p->from), long_date(a, p->to));
		}
	} else if (strcmp(period, "custom") == 0) {
		if (!nz(q->from))
			result_field(r, "from", "Enter the first day of the period");
		else if (!date_parse(q->from, &p->from))
			result_field(r, "from", "The first day of the period must be a real date, like 2026-04-01");
		if (!nz(q->to))
			result_field(r, "to", "Enter the last day of the period");
		else if (!date_parse(q->to, &p->to))
			result_field(r, "to", "The last day of the period must be a real date, like 2027-03-31");
		else if (result_ok(r) && p->to < p->from)
			result_field(r, "to", "The last day of the period must be on or after the first");
		if (result_ok(r))
			d->period_label = arena_printf(a, "%s to %s", long_date(a, p->from), long_date(a, p->to));
	} else {
		result_field(r, "period", "Choose a period from the list");
	}
}

/* One report for a period and scope through app_report_outcomes. */
struct team_site {
	int64_t team_id, site_id;
};

static int cmp_team_site(const void *x, const void *y)
{
	const struct team_site *a = x, *b = y;
	return (a->team_id > b->team_id) - (a->team_id < b->team_id);
}

struct result app_dashboard(struct app *app, const struct actor *who, const struct dash_query *q,
			    struct dashboard *d)
{
	struct arena *a = app->arena;
	struct result r = result_new(a);
	memset(d, 0, sizeof *d);
	const unsigned any_scope = ROLE_ADMIN | ROLE_COMMISSIONER | ROLE_REVIEWER;
	if (!(who->role & (any_scope | ROLE_TEAM_LEADER | ROLE_SPECIALIST))) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	d->published = (who->role & (ROLE_COMMISSIONER | ROLE_REVIEWER)) && !(who->role & ROLE_ADMIN);

	/* scope: a specialist their own referrals; a team leader their site or one of its
	 * teams; the others any site or team */
	struct report_query scope = {0};
	struct site site = {0};
	if ((who->role & ROLE_SPECIALIST) && !(who->role & (ROLE_TEAM_LEADER | any_scope))) {
		struct staff me;
		if (store_staff_get(app->store, a, who->staff_id, &me) != IPS_OK || !me.code) {
			result_set(&r, RES_REFUSED, NULL);
			return r;
		}
		scope.specialist = me.code;
		d->own = true;
		d->scope_label = "Your own referrals";
	} else if (who->role & ROLE_TEAM_LEADER) {
		if (store_site_get(app->store, a, who->site_id, &site) != IPS_OK) {
			result_set(&r, RES_REFUSED, NULL);
			return r;
		}
		d->site = site.code;
		scope.site = site.code;
		d->scope_label = site.name;
	} else {
		if (app_sites(app, &d->sites, &d->nsites) != IPS_OK) {
			result_set(&r, RES_FAILED, "The sites could not be read");
			return r;
		}
		d->site = nz(q->site);
		d->scope_label = "All sites";
		if (d->site) {
			if (store_site_by_code(app->store, a, d->site, &site) != IPS_OK) {
				result_field(&r, "site", "Choose a service from the list");
				d->site = NULL;
			} else {
				scope.site = site.code;
				d->scope_label = site.name;
			}
		}
	}
	/* the teams to filter by and to break down by */
	if (store_teams_list(app->store, a, d->own ? who->site_id : site.id, &d->teams, &d->nteams) != IPS_OK) {
		result_set(&r, RES_FAILED, "The teams could not be read");
		return r;
	}
	d->team = d->own ? NULL : nz(q->team);
	if (d->team) {
		size_t i = 0;
		while (i < d->nteams && strcmp(d->teams[i].code, d->team) != 0)
			i++;
		if (i == d->nteams) {
			result_field(&r, "team", "Choose a team from the list");
			d->team = NULL;
		} else {
			scope.site = NULL;
			scope.team = d->team;
			d->scope_label = arena_printf(a, "%s (team)", d->teams[i].name);
		}
	}

	struct period p = {0};
	choose_period(app, q, d, &r, &p);
	d->saving = DASH_DEFAULT_SAVING;
	if (nz(q->saving) && !parse_pounds(q->saving, &d->saving))
		result_field(&r, "saving", "Enter the saving per person in whole pounds, from 0 to 1,000,000");
	if (nz(q->access_target) && (!parse_pounds(q->access_target, &d->access_target) || d->access_target == 0))
		result_field(&r, "access_target",
			     "Enter the number of people a year as a whole number from 1 to 1,000,000, or leave it blank");
	if (!result_ok(&r))
		return r;
	date_iso(p.from, d->from);
	date_iso(p.to, d->to);

	/* one read of the records and of the contacts from the first month shown to the
	 * period's end (also where the scope is checked for this actor); the period, its
	 * four quarters and twelve months are then computed from it */
	struct period periods[1 + 4 + 12];
	periods[0] = p;
	for (int i = 0; i < 4; i++) {
		periods[1 + i] = period_quarter_back(p.to, 3 - i);
		if (periods[1 + i].to > p.to)
			periods[1 + i].to = p.to;
	}
	for (int i = 0; i < 12; i++) {
		periods[5 + i] = period_month_back(p.to, 11 - i);
		if (periods[5 + i].to > p.to)
			periods[5 + i].to = p.to;
	}
	day_t span_from = p.from;
	for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++)
		if (periods[i].from < span_from)
			span_from = periods[i].from;
	char span_iso[11];
	date_iso(span_from, span_iso);
	struct report_query span_q = scope;
	span_q.from = span_iso;
	span_q.to = d->to;
	struct report_read rd = {.want_attrs = true, .periods = periods, .nperiods = sizeof periods / sizeof periods[0]};
	r = report_read(app, who, &span_q, &rd);
	if (!result_ok(&r))
		return r;
	struct outcome_report reps[1 + 4 + 12];
	struct oc_input in;
	for (size_t i = sizeof periods / sizeof periods[0]; i-- > 0;)   /* the period's own inputs last */
		if (report_inputs_for(&rd, periods[i], &in) != 0 || outcomes_compute(&in, &reps[i]) != 0) {
			result_set(&r, RES_FAILED, "The figures could not be computed");
			return r;
		}
	const struct outcome_report rep = reps[0];
	const struct outcome_report *quarters = &reps[1], *months = &reps[5];

	/* breakdowns: the same inputs as the report above, in one snapshot */
	struct bd_team *bteams = arena_alloc(a, (d->nteams + 1) * sizeof *bteams);
	for (size_t i = 0; i < d->nteams; i++)
		bteams[i] = (struct bd_team){d->teams[i].id, d->teams[i].name};
	struct breakdown bd[BD_NDIMS];
	if (breakdowns_compute(&in, rd.attrs, bteams, d->nteams, bd) != 0) {
		result_set(&r, RES_FAILED, "The figures could not be computed");
		return r;
	}

	/* ---- the tables ---- */
	const struct fmt f = {a, d->published};
	d->tables = arena_alloc(a, 16 * sizeof *d->tables);
	struct dash_table *t;

	t = table_add(d, a, "headline", "Headline figures for the period", COLS_MEASURE, 2, 9);
	t->sheet = "Headline figures";
	struct {
		const char *label;
		struct dash_cell c;
	} head[] = {
		{"Referrals received", cell_count(&f, rep.referrals_received)},
		{"Accessed (first direct contact in the period)", cell_count(&f, rep.accessed)},
		{"Caseload (people)", cell_count(&f, rep.caseload)},
		{"People who worked", cell_count(&f, rep.worked)},
		{"Employment rate (%)", cell_rate(&f, rep.worked, rep.caseload)},
		{"Job starts", cell_count(&f, rep.job_starts)},
		{"People into work", cell_count(&f, rep.people_into_work)},
		{"Moved into work, of people out of work at referral (%)",
		 cell_rate(&f, rep.moved_into_work, rep.out_of_work_at_referral)},
		{"Waiting for a first contact on the last day", cell_count(&f, rep.waiting)},
	};
	for (size_t i = 0; i < 9; i++) {
		*at(t, i, 0) = cell_text(head[i].label);
		*at(t, i, 1) = head[i].c;
	}

	t = table_add(d, a, "employment-rate", "Employment rate by quarter, against the IPS benchmarks",
		      COLS_QUARTER, 5, 4);
	t->sheet = "Employment rate by quarter";
	t->chart = "bar";
	t->chart_cols = 1u << 3;
	t->benchmarks = true;
	t->note = "Benchmarks (IPS Employment Center): 31% minimal, 41% average, 50% excellent.";
	for (int i = 0; i < 4; i++) {
		struct period qp = period_quarter_back(p.to, 3 - i);
		*at(t, (size_t)i, 0) = cell_text(quarter_label(a, qp, p.to));
		*at(t, (size_t)i, 1) = cell_count(&f, quarters[i].caseload);
		*at(t, (size_t)i, 2) = cell_count(&f, quarters[i].worked);
		*at(t, (size_t)i, 3) = cell_rate(&f, quarters[i].worked, quarters[i].caseload);
		bool withheld = at(t, (size_t)i, 3)->value[0] == '*';
		*at(t, (size_t)i, 4) = cell_text(benchmark_band(quarters[i].worked, quarters[i].caseload, withheld));
	}

	/* the trajectory: the service's own target when one is entered; for all sites
	 * together, the national Long Term Plan ambition; a month's share is a twelfth */
	bool national = !d->site && !d->team && !d->own;
	bool trajectory = d->access_target > 0 || national;
	t = table_add(d, a, "access", "Access by month: people whose first direct contact was in the month",
		      COLS_ACCESS, trajectory ? 3 : 2, 12);
	t->sheet = "Access by month";
	t->chart = "bar";
	t->chart_cols = 1u << 1;
	if (trajectory) {
		/* drawn only when it is the service's own: England's figure would flatten the bars
		 * of anything smaller than the whole country */
		if (d->access_target > 0) {
			t->chart_cols |= 1u << 2;
			t->line_cols = 1u << 2;
		}
		t->note = d->access_target > 0
			? arena_printf(a, "Trajectory: the %s people a year you entered, a twelfth of it each month.",
				       grouped(a, d->access_target))
			: "Trajectory: the NHS Long Term Plan's ambition for England (20,000 people a year in 2020 to "
			  "2021, 55,000 in 2023 to 2024, 115,000 in 2028 to 2029; years between read on a straight "
			  "line), a twelfth of it each month, in the table only. Enter your own commissioned figure to "
			  "draw it on the chart.";
	}
	for (int i = 0; i < 12; i++) {
		struct period mp = period_month_back(p.to, 11 - i);
		*at(t, (size_t)i, 0) = cell_text(month_label(a, mp, p.to));
		*at(t, (size_t)i, 1) = cell_count(&f, months[i].accessed);
		if (trajectory) {
			int y, m, dd;
			date_to_ymd(mp.from, &y, &m, &dd);
			int64_t year = d->access_target > 0 ? d->access_target : ltp_people_a_year(m >= 4 ? y : y - 1);
			int64_t month = (year + 6) / 12;
			*at(t, (size_t)i, 2) = year ? (struct dash_cell){grouped(a, month), arena_printf(a, "%lld",
											    (long long)month), true}
						    : cell_text("");
		}
	}

	t = table_add(d, a, "jobs", "Job starts and people into work by month", COLS_JOBS, 3, 12);
	t->sheet = "Job starts by month";
	t->chart = "line";
	t->chart_cols = (1u << 1) | (1u << 2);
	for (int i = 0; i < 12; i++) {
		*at(t, (size_t)i, 0) = cell_text(month_label(a, period_month_back(p.to, 11 - i), p.to));
		*at(t, (size_t)i, 1) = cell_count(&f, months[i].job_starts);
		*at(t, (size_t)i, 2) = cell_count(&f, months[i].people_into_work);
	}

	t = table_add(d, a, "waiting", "Waiting time from referral to first direct contact, for people who "
		      "accessed the service in the period", COLS_WAIT, 2, 3);
	t->sheet = "Waiting times";
	t->chart = "bar";
	t->chart_cols = 1u << 1;
	*at(t, 0, 0) = cell_text("Up to 7 days");
	*at(t, 0, 1) = cell_count(&f, rep.wait_within_7);
	*at(t, 1, 0) = cell_text("8 to 30 days");
	*at(t, 1, 1) = cell_count(&f, rep.wait_8_to_30);
	*at(t, 2, 0) = cell_text("Over 30 days");
	*at(t, 2, 1) = cell_count(&f, rep.wait_over_30);

	t = table_add(d, a, "contacts", "Contacts with people by mode, attended, in the period", COLS_MODE, 2,
		      OC_NMODES);
	t->sheet = "Contacts by mode";
	t->chart = "bar";
	t->chart_cols = 1u << 1;
	for (int i = 0; i < OC_NMODES; i++) {
		*at(t, (size_t)i, 0) = cell_text(MODE_LABELS[i]);
		*at(t, (size_t)i, 1) = cell_count(&f, rep.contacts_by_mode[i]);
	}

	static const char *const BD_IDS[BD_NDIMS] = {"by-source", "by-age", "by-gender", "by-ethnic-group", "by-team"};
	for (int k = 0; k < BD_NDIMS; k++) {
		t = table_add(d, a, BD_IDS[k], arena_printf(a, "By %s", bd[k].title), COLS_BREAKDOWN, 5,
			      bd[k].nrows);
		char *low = arena_strdup(a, bd[k].title);
		low[0] = (char)(low[0] - 'A' + 'a');
		t->caption = arena_printf(a, "Referrals, access, caseload and people into work by %s", low);
		t->sheet = arena_printf(a, "By %s", low);
		t->chart = "bar";
		t->chart_cols = (1u << 1) | (1u << 2) | (1u << 3) | (1u << 4);
		/* referrals of teams not listed (another site's) can only be out of scope */
		if (k == BD_TEAM && t->nrows > 0)
			t->nrows--;
		for (size_t i = 0; i < t->nrows; i++) {
			const struct bd_row *row = &bd[k].rows[i];
			*at(t, i, 0) = cell_text(arena_strdup(a, row->label));
			*at(t, i, 1) = cell_count(&f, row->referrals_received);
			*at(t, i, 2) = cell_count(&f, row->accessed);
			*at(t, i, 3) = cell_count(&f, row->caseload);
			*at(t, i, 4) = cell_count(&f, row->people_into_work);
		}
	}
	breakdowns_free(bd);

	/* every service side by side, when the scope is all of them: the commissioner's view
	 * across sites. Each row is the report with only that site's referrals in scope,
	 * from the same read; the figures shown need no contact totals. */
	if (!d->site && !d->team && !d->own && d->nsites > 1) {
		t = table_add(d, a, "by-site", "Services compared: referrals, access, caseload and work in the period",
			      COLS_SITES, 8, d->nsites);
		t->sheet = "Services compared";
		t->chart = "bar";
		t->chart_cols = 1u << 5;
		t->note = "Each service counted as if its own report: a person with referrals in two services counts "
			  "in each.";
		/* the span's referrals are this request's own: their scope flags are set for each
		 * site in turn and restored after (all in scope, as the scope is all sites) */
		struct oc_referral *refs = (struct oc_referral *)in.referrals;
		struct team_site *ts = arena_alloc(a, (d->nteams + 1) * sizeof *ts);
		for (size_t j = 0; j < d->nteams; j++)
			ts[j] = (struct team_site){d->teams[j].id, d->teams[j].site_id};
		qsort(ts, d->nteams, sizeof *ts, cmp_team_site);
		int64_t *site_of = arena_alloc(a, (in.nreferrals + 1) * sizeof *site_of);
		for (size_t k = 0; k < in.nreferrals; k++) {
			struct team_site key = {rd.attrs[k].team_id, 0};
			const struct team_site *hit = d->nteams ? bsearch(&key, ts, d->nteams, sizeof *ts, cmp_team_site) : NULL;
			site_of[k] = hit ? hit->site_id : 0;
		}
		struct outcome_report sr;
		for (size_t i = 0; i < d->nsites && result_ok(&r); i++) {
			for (size_t k = 0; k < in.nreferrals; k++)
				refs[k].in_scope = site_of[k] == d->sites[i].id;
			if (outcomes_compute(&in, &sr) != 0) {
				result_set(&r, RES_FAILED, "The figures could not be computed");
				break;
			}
			*at(t, i, 0) = cell_text(d->sites[i].name);
			*at(t, i, 1) = cell_count(&f, sr.referrals_received);
			*at(t, i, 2) = cell_count(&f, sr.accessed);
			*at(t, i, 3) = cell_count(&f, sr.caseload);
			*at(t, i, 4) = cell_count(&f, sr.worked);
			*at(t, i, 5) = cell_rate(&f, sr.worked, sr.caseload);
			*at(t, i, 6) = cell_count(&f, sr.job_starts);
			*at(t, i, 7) = cell_count(&f, sr.people_into_work);
		}
		for (size_t k = 0; k < in.nreferrals; k++)
			refs[k].in_scope = true;
		if (!result_ok(&r))
			return r;
	}

	t = table_add(d, a, "saving", "Estimated saving from people into work", COLS_SAVING, 2, 3);
	t->sheet = "Estimated saving";
	t->note = "An estimate, not a measured figure: people into work in the period multiplied by the saving "
		  "per person you set above.";
	struct dash_cell people = cell_count(&f, rep.people_into_work);
	*at(t, 0, 0) = cell_text("People into work");
	*at(t, 0, 1) = people;
	*at(t, 1, 0) = cell_text("Saving per person in pounds (assumption)");
	*at(t, 1, 1) = (struct dash_cell){arena_printf(a, "\xc2\xa3%s", grouped(a, d->saving)),
					  arena_printf(a, "%lld", (long long)d->saving), true};
	*at(t, 2, 0) = cell_text("Estimated saving in pounds");
	if (people.value[0] == '*') {
		*at(t, 2, 1) = (struct dash_cell){"*", "*", true};
	} else {
		int64_t n = strtoll(people.value, NULL, 10), total = n * d->saving;
		*at(t, 2, 1) = (struct dash_cell){
			arena_printf(a, "\xc2\xa3%s (%s \xc3\x97 \xc2\xa3%s)", grouped(a, total), grouped(a, n),
				     grouped(a, d->saving)),
			arena_printf(a, "%lld", (long long)total), true};
	}
	return r;
}

/* ---- files ------------------------------------------------------------------------------ */

/* A text value that a spreadsheet would take for a formula gets a leading apostrophe. */
static const char *csv_safe(struct arena *a, const char *s)
{
	if (s && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
		return arena_printf(a, "'%s", s);
	return s;
}

int app_dashboard_csv(const struct dashboard *d, struct buf *b)
{
	struct arena *a = arena_new();
	if (!a)
		return -1;
	const char *row[8];
	row[0] = "ipsdesk outcomes dashboard";
	csv_write_record(b, row, 1);
	row[0] = "Period"; row[1] = d->period_label;
	csv_write_record(b, row, 2);
	row[0] = "From"; row[1] = d->from;
	csv_write_record(b, row, 2);
	row[0] = "To"; row[1] = d->to;
	csv_write_record(b, row, 2);
	row[0] = "Scope"; row[1] = csv_safe(a, d->scope_label);
	csv_write_record(b, row, 2);
	if (d->published) {
		row[0] = "Small numbers"; row[1] = "Counts from 1 to 4 shown as *, others rounded to the nearest 5";
		csv_write_record(b, row, 2);
	}
	for (size_t i = 0; i < DASH_NDEFINITIONS; i++) {
		row[0] = arena_printf(a, "Definition: %s", DASH_DEFINITIONS[i].term);
		row[1] = DASH_DEFINITIONS[i].meaning;
		csv_write_record(b, row, 2);
	}
	for (size_t k = 0; k < d->ntables; k++) {
		const struct dash_table *t = &d->tables[k];
		row[0] = "";
		csv_write_record(b, row, 1);
		row[0] = t->caption;
		csv_write_record(b, row, 1);
		csv_write_record(b, (const char *const *)t->cols, t->ncols);
		for (size_t i = 0; i < t->nrows; i++) {
			for (size_t c = 0; c < t->ncols && c < 8; c++) {
				const struct dash_cell *x = &t->cells[i * t->ncols + c];
				row[c] = x->numeric ? x->value : csv_safe(a, x->value);
			}
			csv_write_record(b, row, t->ncols);
		}
	}
	arena_free(a);
	return 0;
}

/* Sheet names: at most 31 characters, none of []:*?/\ */
static void sheet_name(char *out, size_t n, const char *caption)
{
	size_t k = 0;
	for (const char *s = caption; *s && k + 1 < n && k < 31; s++)
		if (!strchr("[]:*?/\\'", *s))
			out[k++] = *s;
	while (k > 0 && out[k - 1] == ' ')
		k--;
	out[k] = '\0';
}

int app_dashboard_xlsx(struct app *app, const struct dashboard *d, struct buf *b)
{
	(void)app;
	const char *dir = getenv("TMPDIR");
	char path[512];
	snprintf(path, sizeof path, "%s/ipsdesk-dashboard-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	if (!wb) {
		unlink(path);
		return -1;
	}
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

	lxw_worksheet *about = workbook_add_worksheet(wb, "About");
	worksheet_set_column(about, 0, 0, 30, NULL);
	worksheet_set_column(about, 1, 1, 90, wrap);
	lxw_row_t r = 0;
	worksheet_write_string(about, r++, 0, "ipsdesk outcomes dashboard", bold);
	worksheet_write_string(about, r, 0, "Period", bold);
	worksheet_write_string(about, r++, 1, d->period_label, NULL);
	worksheet_write_string(about, r, 0, "From", bold);
	worksheet_write_string(about, r++, 1, d->from, NULL);
	worksheet_write_string(about, r, 0, "To", bold);
	worksheet_write_string(about, r++, 1, d->to, NULL);
	worksheet_write_string(about, r, 0, "Scope", bold);
	worksheet_write_string(about, r++, 1, d->scope_label, NULL);
	if (d->published) {
		worksheet_write_string(about, r, 0, "Small numbers", bold);
		worksheet_write_string(about, r++, 1, "Counts from 1 to 4 shown as *, others rounded to the nearest 5", NULL);
	}
	r++;
	worksheet_write_string(about, r++, 0, "Definitions", bold);
	for (size_t i = 0; i < DASH_NDEFINITIONS; i++) {
		worksheet_write_string(about, r, 0, DASH_DEFINITIONS[i].term, bold);
		worksheet_write_string(about, r++, 1, DASH_DEFINITIONS[i].meaning, NULL);
	}

	char used[16][32];
	for (size_t k = 0; k < d->ntables && k < 16; k++) {
		const struct dash_table *t = &d->tables[k];
		char name[32];
		sheet_name(name, sizeof name, t->sheet ? t->sheet : t->caption);
		/* captions are unique in their first 31 characters but make sure */
		for (size_t j = 0; j < k; j++)
			if (strcasecmp(used[j], name) == 0)
				snprintf(name, sizeof name, "Table %zu", k + 1);
		snprintf(used[k], sizeof used[k], "%s", name);
		lxw_worksheet *ws = workbook_add_worksheet(wb, name);
		if (!ws)
			break;
		worksheet_set_column(ws, 0, 0, 45, NULL);
		worksheet_set_column(ws, 1, (lxw_col_t)t->ncols, 22, NULL);
		worksheet_write_string(ws, 0, 0, t->caption, bold);
		worksheet_write_string(ws, 1, 0, d->period_label, NULL);
		worksheet_write_string(ws, 2, 0, d->scope_label, NULL);
		for (size_t c = 0; c < t->ncols; c++)
			worksheet_write_string(ws, 4, (lxw_col_t)c, t->cols[c], bold);
		for (size_t i = 0; i < t->nrows; i++)
			for (size_t c = 0; c < t->ncols; c++) {
				const struct dash_cell *x = &t->cells[i * t->ncols + c];
				lxw_row_t row = (lxw_row_t)(5 + i);
				char *end;
				double v = x->value && *x->value ? strtod(x->value, &end) : 0;
				if (x->numeric && x->value && *x->value && *end == '\0')
					worksheet_write_number(ws, row, (lxw_col_t)c, v, NULL);
				else if (x->value && *x->value)
					worksheet_write_string(ws, row, (lxw_col_t)c, x->value, NULL);
			}
		if (t->note)
			worksheet_write_string(ws, (lxw_row_t)(6 + t->nrows), 0, t->note, NULL);
	}
	lxw_error err = workbook_close(wb);
	int rc = -1;
	if (err == LXW_NO_ERROR) {
		FILE *fp = fopen(path, "rb");
		if (fp) {
			char chunk[8192];
			size_t n;
			rc = 0;
			while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
				buf_add(b, chunk, n);
			if (ferror(fp))
				rc = -1;
			fclose(fp);
		}
	}
	unlink(path);
	return rc;
}
