/* app/demo.c — what `ipsdesk demo` needs beyond the ordinary use cases: marking a new
 * database as demo data (meta demo=1, with the seed it was made from), demo accounts
 * that share one password hash (argon2id at 64 MiB is too slow to run once per
 * account), and the list of those accounts for printing. Every function here refuses a
 * database that is not a demo one; none stores or returns a password or its hash. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "app/internal.h"
#include "core/codes.h"
#include "core/validate.h"
#include "store/fidelity.h"
#include "util/arena.h"

static const struct actor SYSTEM = {.role = ROLE_ADMIN, .username = "system"};

struct result app_demo_mark(struct app *app, uint64_t seed, int clients)
{
	struct result r = result_new(app->arena);
	struct site *sites;
	size_t nsites = 0;
	if (store_sites_list(app->store, app->arena, &sites, &nsites) != IPS_OK) {
		result_set(&r, RES_FAILED, "The database could not be read");
		return r;
	}
	const char *v = NULL;
	if (nsites > 0 || store_meta_get(app->store, app->arena, "demo", &v) == IPS_OK) {
		result_set(&r, RES_REFUSED, "Demo data goes into a new, empty database only");
		return r;
	}
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_meta_set(app->store, "demo", "1");
	if (rc == IPS_OK)
		rc = store_meta_set(app->store, "demo_seed", arena_printf(app->arena, "%" PRIu64, seed));
	if (rc == IPS_OK)
		rc = store_meta_set(app->store, "demo_clients", arena_printf(app->arena, "%d", clients));
	if (rc == IPS_OK)
		rc = app_audit(app, &SYSTEM, "demo.create", "meta", 0, "demo,demo_seed,demo_clients");
	return finish(app, rc, r);
}

/* The same checks and writes as app_user_add, with a hash made by the caller. */
struct result app_demo_account_add(struct app *app, const struct new_user *in,
				   const char *password_hash)
{
	struct result r = result_new(app->arena);
	const char *why;
	if (!app_is_demo(app)) {
		result_set(&r, RES_REFUSED, "Demo accounts go into a demo database only");
		return r;
	}
	if (!password_hash || strncmp(password_hash, "$argon2id$", 10) != 0) {
		result_set(&r, RES_FAILED, "The password hash is not an argon2id hash");
		return r;
	}
	if (!in->username || strlen(in->username) < 2 || strlen(in->username) > 64 ||
	    !valid_ref(in->username, &why))
		result_field(&r, "username", "Enter a username of 2 to 64 letters, digits or symbols, with no spaces");
	if (!valid_text(in->name, 200, false, &why))
		result_field(&r, "name", why);
	if (!code_valid(CODES_ROLE, in->role))
		result_field(&r, "role", "Choose a role: specialist, team_leader, clinician, admin, auditor, reviewer or commissioner");
	if (in->fte < 0 || in->fte > 100)
		result_field(&r, "fte", "Enter a full-time equivalent greater than 0 and at most 1");
	bool needs_team = in->role && (strcmp(in->role, "specialist") == 0 ||
				       strcmp(in->role, "team_leader") == 0 ||
				       strcmp(in->role, "clinician") == 0);
	struct team team = {0};
	if (nz(in->team_code)) {
		if (store_team_by_code(app->store, app->arena, in->team_code, &team) != IPS_OK)
			result_field(&r, "team", "There is no team with that code");
	} else if (needs_team) {
		result_field(&r, "team", "Specialists, team leaders and clinicians need a team");
	}
	struct account existing;
	if (in->username && store_account_by_username(app->store, app->arena, in->username, &existing) == IPS_OK)
		result_field(&r, "username", "That username is taken");
	if (!result_ok(&r))
		return r;

	struct staff s = {
		.code = nz(in->staff_code) ? in->staff_code
			: arena_printf(app->arena, "ipsdesk-staff-%s", in->username),
		.team_id = team.id, .name = in->name, .role = in->role,
		.fte = in->fte ? in->fte : 100,
	};
	int64_t staff_id = 0;
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_staff_insert(app->store, &s, &staff_id);
	if (rc == IPS_OK)
		rc = store_account_insert(app->store, staff_id, in->username, password_hash, app->now_iso, &r.id);
	if (rc == IPS_OK)
		rc = app_audit(app, &SYSTEM, "account.create", "account", r.id, "username,role,team,name,fte");
	return finish(app, rc, r);
}

struct result app_demo_finish(struct app *app, const char *usernames)
{
	struct result r = result_new(app->arena);
	const char *why;
	if (!app_is_demo(app)) {
		result_set(&r, RES_REFUSED, "Not a demo database");
		return r;
	}
	/* 20,000 people need about a thousand accounts: "specialist1234" each */
	if (!valid_text(usernames, 65536, false, &why)) {
		result_field(&r, "accounts", why);
		return r;
	}
	/* the demo's reviewers review every site */
	struct site *sites;
	size_t nsites;
	if (store_sites_list(app->store, app->arena, &sites, &nsites) != IPS_OK) {
		result_set(&r, RES_FAILED, "The sites could not be read");
		return r;
	}
	int64_t *site_ids = arena_alloc(app->arena, (nsites + 1) * sizeof *site_ids);
	for (size_t i = 0; i < nsites; i++)
		site_ids[i] = sites[i].id;
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_meta_set(app->store, "demo_accounts", usernames);
	if (rc == IPS_OK)
		rc = app_audit(app, &SYSTEM, "demo.accounts", "meta", 0, "demo_accounts");
	size_t len = strlen(usernames);
	char *names = arena_alloc(app->arena, len + 1);
	memcpy(names, usernames, len + 1);
	for (char *save = NULL, *u = strtok_r(names, " ", &save); u && rc == IPS_OK; u = strtok_r(NULL, " ", &save)) {
		struct account acc;
		if (store_account_by_username(app->store, app->arena, u, &acc) != IPS_OK ||
		    strcmp(acc.staff.role, "reviewer") != 0)
			continue;
		rc = store_reviewer_sites_set(app->store, acc.id, site_ids, nsites);
		if (rc == IPS_OK)
			rc = app_audit(app, &SYSTEM, "account.reviews", "account", acc.id, "reviewer_sites");
	}
	return finish(app, rc, r);
}

struct result app_demo_info(struct app *app, struct demo_info *out)
{
	struct result r = result_new(app->arena);
	memset(out, 0, sizeof *out);
	const char *seed = NULL, *clients = NULL, *names = NULL;
	if (!app_is_demo(app) || store_meta_get(app->store, app->arena, "demo_seed", &seed) != IPS_OK) {
		result_set(&r, RES_NOT_FOUND, "This database does not hold demo data");
		return r;
	}
	char *end;
	out->seed = strtoull(seed, &end, 10);
	if (store_meta_get(app->store, app->arena, "demo_clients", &clients) == IPS_OK)
		out->clients = atoi(clients);
	if (store_meta_get(app->store, app->arena, "demo_accounts", &names) != IPS_OK)
		return r;   /* made before its accounts: none to list */

	size_t cap = 1;
	for (const char *p = names; *p; p++)
		cap += *p == ' ';
	out->accounts = arena_alloc(app->arena, cap * sizeof *out->accounts);
	char *list = arena_strdup(app->arena, names), *save = NULL;
	for (char *u = strtok_r(list, " ", &save); u; u = strtok_r(NULL, " ", &save)) {
		struct account acc;
		if (store_account_by_username(app->store, app->arena, u, &acc) != IPS_OK)
			continue;   /* removed since: nothing to show */
		struct demo_account *d = &out->accounts[out->naccounts++];
		d->username = acc.username;
		d->name = acc.staff.name;
		d->role = acc.staff.role;
		d->team_name = acc.staff.team_name;
		d->fte = acc.staff.fte;
		d->disabled = acc.disabled;
	}
	return r;
}
