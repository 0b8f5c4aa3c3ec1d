/* app/reports.c — the outcome report of spec/outcomes.md for a period and a scope:
 * checks who may see which figures, validates the period and scope, gathers the
 * records through store/ and computes with core/outcomes.c. Aggregates only: no named
 * person leaves here, so reading a report is not a read of anyone's record. */
#include <stdlib.h>
#include <string.h>
#include "app/internal.h"
#include "app/fidelity.h"
#include "core/breakdowns.h"
#include "core/fidelity.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/arena.h"

/* Checks who asks and what for, then gathers the records of the period and scope
 * into *in, and the contacts of the period tallied by day into *cd (NULL: not wanted),
 * so that periods inside this one can be summed without reading them again. The result
 * says what went wrong, if anything. */
static struct result report_inputs(struct app *app, const struct actor *who, const struct report_query *q,
				   struct oc_input *in, struct oc_contact_days *cd, struct report_read *rd,
				   const struct period *periods, size_t nperiods)
{
	struct result r = result_new(app->arena);
	if (!(who->role & (ROLE_ADMIN | ROLE_COMMISSIONER | ROLE_TEAM_LEADER | ROLE_REVIEWER | ROLE_SPECIALIST))) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	day_t from = 0, to = 0;
	if (!nz(q->from))
		result_field(&r, "from", "Enter the first day of the period (YYYY-MM-DD)");
	else if (!date_parse(q->from, &from))
		result_field(&r, "from", "The first day of the period must be a real date (YYYY-MM-DD)");
	if (!nz(q->to))
		result_field(&r, "to", "Enter the last day of the period (YYYY-MM-DD)");
	else if (!date_parse(q->to, &to))
		result_field(&r, "to", "The last day of the period must be a real date (YYYY-MM-DD)");
	else if (result_ok(&r) && to < from)
		result_field(&r, "to", "The last day of the period must be on or after the first");
	struct report_scope sc = {nz(q->site), nz(q->team), nz(q->specialist)};
	if (!!sc.site_code + !!sc.team_code + !!sc.specialist_code > 1)
		result_field(&r, sc.team_code ? "team" : "specialist", "Choose one of site, team or specialist");
	/* Team leaders and specialists see their own site's figures; a specialist asking
	 * for nothing narrower gets their own. */
	if (who->role & (ROLE_TEAM_LEADER | ROLE_SPECIALIST)) {
		struct site site;
		if (store_site_get(app->store, app->arena, who->site_id, &site) != IPS_OK) {
			result_set(&r, RES_REFUSED, NULL);
			return r;
		}
		if (!sc.site_code && !sc.team_code && !sc.specialist_code) {
			if (who->role & ROLE_SPECIALIST) {
				struct staff me;
				if (store_staff_get(app->store, app->arena, who->staff_id, &me) == IPS_OK)
					sc.specialist_code = me.code;
			} else {
				sc.site_code = site.code;
			}
		}
		struct team t;
		struct staff f;
		if ((sc.site_code && strcmp(sc.site_code, site.code) != 0) ||
		    (sc.team_code && (store_team_by_code(app->store, app->arena, sc.team_code, &t) != IPS_OK ||
				      t.site_id != who->site_id)) ||
		    (sc.specialist_code && (store_staff_by_code(app->store, app->arena, sc.specialist_code, &f) != IPS_OK ||
					    f.site_id != who->site_id))) {
			result_set(&r, RES_REFUSED, NULL);
			return r;
		}
		if ((who->role & ROLE_SPECIALIST) && !(who->role & ROLE_TEAM_LEADER) && sc.specialist_code &&
		    f.id != who->staff_id) {
			result_set(&r, RES_REFUSED, NULL);
			return r;
		}
	}
	struct ic_target t;
	if (sc.site_code && store_ic_lookup(app->store, IC_SITE, sc.site_code, &t) != IPS_OK)
		result_field(&r, "site", arena_printf(app->arena, "There is no site with the code %s", sc.site_code));
	if (sc.team_code && store_ic_lookup(app->store, IC_TEAM, sc.team_code, &t) != IPS_OK)
		result_field(&r, "team", arena_printf(app->arena, "There is no team with the code %s", sc.team_code));
	if (sc.specialist_code && store_ic_lookup(app->store, IC_STAFF, sc.specialist_code, &t) != IPS_OK)
		result_field(&r, "specialist",
			     arena_printf(app->arena, "There is no staff member with the code %s", sc.specialist_code));
	if (!result_ok(&r))
		return r;

	*in = (struct oc_input){.from = from, .to = to};
	char from_iso[11], to_iso[11];
	date_iso(from, from_iso);
	date_iso(to, to_iso);
	/* one snapshot for every query of the report */
	struct oc_contact_days days;
	if (!cd)
		cd = &days;
	int rc = store_snapshot_begin(app->store);
	if (rc == IPS_OK)
		rc = store_outcome_records(app->store, app->arena, &sc, in, rd && rd->want_attrs ? &rd->attrs : NULL);
	if (rc == IPS_OK && rd && rd->want_attrs)
		rd->nattrs = in->nreferrals;
	/* the periods to be summed from the contacts read: their edges, and the span's */
	day_t *bounds = arena_alloc(app->arena, (2 * nperiods + 2) * sizeof *bounds);
	size_t nbounds = 0;
	bounds[nbounds++] = from;
	bounds[nbounds++] = to + 1;
	for (size_t i = 0; i < nperiods; i++) {
		bounds[nbounds++] = periods[i].from;
		bounds[nbounds++] = periods[i].to + 1;
	}
	if (rc == IPS_OK)
		rc = store_outcome_contact_days(app->store, app->arena, &sc, from_iso, to_iso, bounds, nbounds, cd);
	store_snapshot_end(app->store);
	if (rc == IPS_OK && oc_contact_totals_sum(cd, in->referrals, in->nreferrals, from, to, &in->contacts) != 0)
		rc = IPS_EIO;
	/* each client's first job, found once for every report computed from these inputs */
	struct oc_first *firsts;
	if (rc == IPS_OK && oc_firsts(in, &firsts, &in->nfirsts) != 0)
		rc = IPS_EIO;
	if (rc == IPS_OK) {
		struct oc_first *kept = arena_alloc(app->arena, (in->nfirsts + 1) * sizeof *kept);
		if (in->nfirsts)
			memcpy(kept, firsts, in->nfirsts * sizeof *kept);
		free(firsts);
		in->firsts = kept;
	}
	if (rc != IPS_OK)
		result_set(&r, RES_FAILED, "The figures could not be read");
	return r;
}

struct result report_read(struct app *app, const struct actor *who, const struct report_query *q,
			  struct report_read *rd)
{
	return report_inputs(app, who, q, &rd->in, &rd->cd, rd, rd->periods, rd->nperiods);
}

/* The inputs of each period from those of the span that holds them all. */
static int inputs_for(const struct oc_input *span, const struct oc_contact_days *cd, struct period p,
		      struct oc_input *out)
{
	if (p.from < span->from || p.to > span->to || p.to < p.from)
		return -1;
	*out = *span;
	out->from = p.from;
	out->to = p.to;
	return oc_contact_totals_sum(cd, span->referrals, span->nreferrals, p.from, p.to, &out->contacts);
}

int report_inputs_for(const struct report_read *rd, struct period p, struct oc_input *out)
{
	return inputs_for(&rd->in, &rd->cd, p, out);
}

struct result app_report_outcomes_periods(struct app *app, const struct actor *who, const struct report_query *q,
					  const struct period *periods, size_t n, struct outcome_report *out)
{
	struct oc_input span, in;
	struct oc_contact_days cd;
	struct result r = report_inputs(app, who, q, &span, &cd, NULL, periods, n);
	for (size_t i = 0; i < n && result_ok(&r); i++)
		if (inputs_for(&span, &cd, periods[i], &in) != 0 || outcomes_compute(&in, &out[i]) != 0)
			result_set(&r, RES_FAILED, "The figures could not be computed");
	return r;
}

struct result app_report_outcomes(struct app *app, const struct actor *who,
				  const struct report_query *q, struct outcome_report *out)
{
	struct oc_input in;
	struct result r = report_inputs(app, who, q, &in, NULL, NULL, NULL, 0);
	if (result_ok(&r) && outcomes_compute(&in, out) != 0)
		result_set(&r, RES_FAILED, "The figures could not be computed");
	return r;
}

struct result app_fidelity_evidence(struct app *app, const struct actor *who,
				    const struct report_query *q, struct fidelity_evidence *out)
{
	return app_fidelity_evidence_on(app, who, q, 0, out);
}

struct result app_fidelity_evidence_on(struct app *app, const struct actor *who, const struct report_query *q,
				       int64_t scale_id, struct fidelity_evidence *out)
{
	struct fidelity_bands bands[FID_NITEMS];
	struct oc_input in;
	struct outcome_report rep;
	if (q->specialist) {
		struct result r = result_new(app->arena);
		result_field(&r, "specialist", "Fidelity is reviewed for a service or a team, not one specialist");
		return r;
	}
	struct result r = report_inputs(app, who, q, &in, NULL, NULL, NULL, 0);
	if (result_ok(&r))
		fidelity_scale_bands(app, scale_id, bands);   /* the version's own thresholds */
	if (result_ok(&r) && (outcomes_compute(&in, &rep) != 0 ||
			      fidelity_evidence_compute(&in, &rep, bands, out) != 0))
		result_set(&r, RES_FAILED, "The figures could not be computed");
	return r;
}

struct result app_fidelity_evidence_periods(struct app *app, const struct actor *who, const struct report_query *q,
					    int64_t scale_id, const struct period *periods, size_t n,
					    struct fidelity_evidence *out)
{
	struct fidelity_bands bands[FID_NITEMS];
	struct oc_input span, in;
	struct oc_contact_days cd;
	struct outcome_report rep;
	if (q->specialist) {
		struct result r = result_new(app->arena);
		result_field(&r, "specialist", "Fidelity is reviewed for a service or a team, not one specialist");
		return r;
	}
	struct result r = report_inputs(app, who, q, &span, &cd, NULL, periods, n);
	if (result_ok(&r))
		fidelity_scale_bands(app, scale_id, bands);
	for (size_t i = 0; i < n && result_ok(&r); i++)
		if (inputs_for(&span, &cd, periods[i], &in) != 0 || outcomes_compute(&in, &rep) != 0 ||
		    fidelity_evidence_compute(&in, &rep, bands, &out[i]) != 0)
			result_set(&r, RES_FAILED, "The figures could not be computed");
	return r;
}

/* One CSV row of a published extract: the scope's code and name, then every figure. */
static void published_row(struct buf *b, const char *code, const char *name, const char *site_code,
			  const struct outcome_report *rep)
{
	struct outcome_item it[OUTCOME_NITEMS];
	size_t n = outcomes_flatten(rep, it);
	const char *vals[OUTCOME_NITEMS + 3];
	size_t k = 0;
	if (site_code)
		vals[k++] = site_code;
	vals[k++] = code;
	vals[k++] = name;
	for (size_t i = 0; i < n; i++)
		vals[k++] = strcmp(it[i].value, "null") == 0 ? NULL : it[i].value;
	csv_write_record(b, vals, k);
}

static void published_header(struct buf *b, bool team)
{
	struct outcome_report empty = {0};
	struct outcome_item it[OUTCOME_NITEMS];
	size_t n = outcomes_flatten(&empty, it);
	const char *names[OUTCOME_NITEMS + 3];
	size_t k = 0;
	if (team)
		names[k++] = "site_code";
	names[k++] = team ? "team_code" : "site_code";
	names[k++] = team ? "team_name" : "site_name";
	for (size_t i = 0; i < n; i++)
		names[k++] = it[i].key;
	csv_write_record(b, names, k);
}

struct result app_export_published(struct app *app, const struct actor *who, const char *from,
				   const char *to, struct buf *sites_csv, struct buf *teams_csv)
{
	struct result r = result_new(app->arena);
	if (!(who->role & (ROLE_ADMIN | ROLE_COMMISSIONER))) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	struct site *sites;
	struct team *teams;
	size_t nsites, nteams;
	if (store_sites_list(app->store, app->arena, &sites, &nsites) != IPS_OK ||
	    store_teams_list(app->store, app->arena, 0, &teams, &nteams) != IPS_OK) {
		result_set(&r, RES_FAILED, "The sites and teams could not be read");
		return r;
	}
	published_header(sites_csv, false);
	published_header(teams_csv, true);
	for (size_t i = 0; i < nsites + nteams; i++) {
		bool team = i >= nsites;
		struct report_query q = {.from = from, .to = to};
		if (team)
			q.team = teams[i - nsites].code;
		else
			q.site = sites[i].code;
		struct outcome_report rep;
		struct result one = app_report_outcomes(app, who, &q, &rep);
		if (!result_ok(&one))
			return one;
		rep.published = true;
		if (team) {
			const struct team *t = &teams[i - nsites];
			const char *site_code = "";
			for (size_t s = 0; s < nsites; s++)
				if (sites[s].id == t->site_id)
					site_code = sites[s].code;
			published_row(teams_csv, t->code, t->name, site_code, &rep);
		} else {
			published_row(sites_csv, sites[i].code, sites[i].name, NULL, &rep);
		}
	}
	return r;
}
