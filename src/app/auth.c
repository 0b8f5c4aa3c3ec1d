/* app/auth.c — passwords (argon2id via libsodium, at most two hashed at a time),
 * sign-in with throttling by account name and by client address, sessions kept by the
 * hash of their token, and the account commands of `ipsdesk user`. Never logs or
 * stores a password or a session token. */
#include <ctype.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "app/internal.h"
#include "core/codes.h"
#include "core/validate.h"
#include "store/fidelity.h"
#include "util/arena.h"

#define PWHASH_MEMLIMIT (64u * 1024 * 1024)
#define PWHASH_OPSLIMIT 3
#define SIGNIN_ACCOUNT_LIMIT 5       /* failures per account name ... */
#define SIGNIN_ADDR_LIMIT 20         /* ... and per client address ... */
#define SIGNIN_WINDOW (15 * 60)      /* ... within this many seconds lock for LOCK */
#define SIGNIN_LOCK (15 * 60)

static sem_t hash_slots;
static pthread_once_t hash_once = PTHREAD_ONCE_INIT;
static char dummy_hash[crypto_pwhash_STRBYTES];

static void hash_init(void)
{
	if (sodium_init() < 0)
		abort();
	sem_init(&hash_slots, 0, 2);
	/* A hash to verify against when the account does not exist, so that an unknown
	 * name takes as long as a wrong password. */
	unsigned char r[16];
	char pw[33];
	randombytes_buf(r, sizeof r);
	sodium_bin2hex(pw, sizeof pw, r, sizeof r);
	if (crypto_pwhash_str(dummy_hash, pw, strlen(pw), PWHASH_OPSLIMIT, PWHASH_MEMLIMIT) != 0)
		abort();
}

int app_password_hash(const char *password, char *out)
{
	pthread_once(&hash_once, hash_init);
	sem_wait(&hash_slots);
	int rc = crypto_pwhash_str(out, password, strlen(password), PWHASH_OPSLIMIT, PWHASH_MEMLIMIT);
	sem_post(&hash_slots);
	return rc == 0 ? IPS_OK : IPS_EIO;
}

bool app_password_check(const char *hash, const char *password)
{
	pthread_once(&hash_once, hash_init);
	sem_wait(&hash_slots);
	bool ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
	sem_post(&hash_slots);
	return ok;
}

bool app_password_acceptable(const char *password, const char **why)
{
	size_t n = password ? strlen(password) : 0;
	if (n < 12) {
		*why = "Enter a password of at least 12 characters";
		return false;
	}
	if (n > 200) {
		*why = "Enter a password of 200 characters or fewer";
		return false;
	}
	return true;
}

static bool throttled(struct app *app, const char *key)
{
	struct throttle t;
	return store_throttle_get(app->store, key, &t) == IPS_OK && t.locked_until > app->now;
}

static void throttle_fail(struct app *app, const char *key, int limit)
{
	struct throttle t;
	if (store_throttle_get(app->store, key, &t) != IPS_OK)
		return;
	if (app->now - t.window_start > SIGNIN_WINDOW) {
		t.count = 0;
		t.window_start = app->now;
	}
	t.count++;
	if (t.count >= limit)
		t.locked_until = app->now + SIGNIN_LOCK;
	store_throttle_put(app->store, key, &t);
}

struct result app_sign_in(struct app *app, const char *username, const char *password,
			  const char *client_addr, int64_t *account_id)
{
	struct result r = result_new(app->arena);
	*account_id = 0;
	if (!username || !*username)
		result_field(&r, "username", "Enter your username");
	if (!password || !*password)
		result_field(&r, "password", "Enter your password");
	if (!result_ok(&r))
		return r;
	if (strlen(username) > 64 || strlen(password) > 200) {
		result_field(&r, "username", "The username or password is not right");
		return r;
	}
	char *lower = arena_strdup(app->arena, username);
	for (char *p = lower; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	const char *kacc = arena_printf(app->arena, "signin-account:%s", lower);
	const char *kaddr = arena_printf(app->arena, "signin-addr:%s", client_addr ? client_addr : "-");

	if (throttled(app, kacc) || throttled(app, kaddr)) {
		result_set(&r, RES_LIMITED, NULL);
		result_field(&r, "username", "Too many failed attempts to sign in. Wait 15 minutes, "
					     "then try again, or ask your administrator to reset your password.");
		r.code = RES_LIMITED;
		return r;
	}
	struct account acc;
	int found = store_account_by_username(app->store, app->arena, username, &acc);
	bool ok;
	if (found == IPS_OK)
		ok = app_password_check(acc.password_hash, password) && !acc.disabled;
	else
		ok = app_password_check(dummy_hash, password) && false;

	if (store_begin(app->store) != IPS_OK) {
		result_set(&r, RES_FAILED, "Sign-in is unavailable. Try again in a moment.");
		return r;
	}
	struct actor who = {.role = ROLE_PUBLIC, .username = NULL};
	if (ok) {
		store_throttle_clear(app->store, kacc);
		who.account_id = acc.id;
		who.username = acc.username;
		who.role = role_from_code(acc.staff.role);
		app_audit(app, &who, "account.sign_in", "account", acc.id, "");
		*account_id = acc.id;
	} else {
		throttle_fail(app, kacc, SIGNIN_ACCOUNT_LIMIT);
		throttle_fail(app, kaddr, SIGNIN_ADDR_LIMIT);
		if (found == IPS_OK) {
			who.account_id = acc.id;
			who.username = acc.username;
			app_audit(app, &who, "account.sign_in_failed", "account", acc.id, "");
		}
		result_field(&r, "username", "The username or password is not right");
	}
	if (store_commit(app->store) != IPS_OK) {
		store_rollback(app->store);
		*account_id = 0;
		result_set(&r, RES_FAILED, "Sign-in is unavailable. Try again in a moment.");
	}
	return r;
}

bool app_actor_load(struct app *app, int64_t account_id, struct actor *out)
{
	struct account acc;
	if (store_account_get(app->store, app->arena, account_id, &acc) != IPS_OK || acc.disabled)
		return false;
	memset(out, 0, sizeof *out);
	out->role = role_from_code(acc.staff.role);
	out->account_id = acc.id;
	out->staff_id = acc.staff.id;
	out->team_id = acc.staff.team_id;
	out->site_id = acc.staff.site_id;
	out->username = acc.username;
	out->name = acc.staff.name;
	out->team_name = acc.staff.team_name;
	out->fte = acc.staff.fte;
	return out->role != 0;
}

static void random_token(char *out)
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, 64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static void token_hash(const char *token, unsigned char hash[32])
{
	crypto_generichash(hash, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

int app_session_start(struct app *app, int64_t account_id, char *token, char *csrf)
{
	pthread_once(&hash_once, hash_init);
	unsigned char h[32];
	random_token(token);
	random_token(csrf);
	token_hash(token, h);
	return store_session_insert(app->store, h, account_id, csrf, app->now);
}

bool app_session_find(struct app *app, const char *token, int64_t *account_id, const char **csrf)
{
	*account_id = 0;
	*csrf = NULL;
	if (!token || strlen(token) != 43)
		return false;
	unsigned char h[32];
	token_hash(token, h);
	struct session s;
	if (store_session_get(app->store, app->arena, h, &s) != IPS_OK)
		return false;
	if (app->now - s.last_seen > SESSION_IDLE_SECONDS) {
		store_session_delete(app->store, h);
		return false;
	}
	if (app->now - s.last_seen >= 60)
		store_session_touch(app->store, h, app->now);
	*account_id = s.account_id;
	*csrf = s.csrf;
	return true;
}

void app_session_end(struct app *app, const char *token)
{
	if (!token || strlen(token) != 43)
		return;
	unsigned char h[32];
	token_hash(token, h);
	store_session_delete(app->store, h);
}

int app_sessions_purge(struct app *app)
{
	return store_sessions_purge(app->store, (int64_t)app->now - SESSION_IDLE_SECONDS);
}

bool app_is_demo(struct app *app)
{
	const char *v = NULL;
	return store_meta_get(app->store, app->arena, "demo", &v) == IPS_OK && v && strcmp(v, "1") == 0;
}

bool app_token_equal(const char *a, const char *b)
{
	size_t n = strlen(a);
	return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

bool app_rate_allow(struct app *app, const char *key, int limit, int window)
{
	struct throttle t;
	if (store_throttle_get(app->store, key, &t) != IPS_OK)
		return false;
	if (app->now - t.window_start >= window) {
		t.count = 0;
		t.window_start = app->now;
	}
	if (t.count >= limit)
		return false;
	t.count++;
	return store_throttle_put(app->store, key, &t) == IPS_OK;
}

struct result app_user_add(struct app *app, const struct new_user *in)
{
	struct result r = result_new(app->arena);
	const char *why;
	struct team team = {0};
	if (!in->username || strlen(in->username) < 2 || strlen(in->username) > 64 ||
	    !valid_ref(in->username, &why))
		result_field(&r, "username", "Enter a username of 2 to 64 letters, digits or symbols, with no spaces");
	if (!valid_text(in->name, 200, false, &why))
		result_field(&r, "name", why);
	if (!code_valid(CODES_ROLE, in->role))
		result_field(&r, "role", "Choose a role: specialist, team_leader, clinician, admin, auditor, reviewer or commissioner");
	if (!app_password_acceptable(in->password, &why))
		result_field(&r, "password", why);
	if (in->fte < 0 || in->fte > 100)
		result_field(&r, "fte", "Enter a full-time equivalent greater than 0 and at most 1");
	bool needs_team = in->role && (strcmp(in->role, "specialist") == 0 ||
				       strcmp(in->role, "team_leader") == 0 ||
				       strcmp(in->role, "clinician") == 0);
	if (in->team_code && *in->team_code) {
		if (store_team_by_code(app->store, app->arena, in->team_code, &team) != IPS_OK)
			result_field(&r, "team", "There is no team with that code");
	} else if (needs_team) {
		result_field(&r, "team", "Specialists, team leaders and clinicians need a team");
	}
	struct account existing;
	if (in->username && store_account_by_username(app->store, app->arena, in->username, &existing) == IPS_OK)
		result_field(&r, "username", "That username is taken");
	int64_t *review_sites = NULL;
	size_t nreview_sites = 0;
	if (nz(in->reviews) && (!in->role || strcmp(in->role, "reviewer") != 0))
		result_field(&r, "reviews", "Only a reviewer reviews sites: leave out --reviews for this role");
	else if (nz(in->reviews))
		reviewer_site_ids(app, &r, in->reviews, &review_sites, &nreview_sites);
	if (!result_ok(&r))
		return r;

	char hash[crypto_pwhash_STRBYTES];
	if (app_password_hash(in->password, hash) != IPS_OK) {
		result_set(&r, RES_FAILED, "The password could not be hashed");
		return r;
	}
	struct actor sys = {.role = ROLE_ADMIN, .username = "system"};
	int64_t staff_id = 0, account_id = 0;
	int rc = store_begin(app->store);
	if (rc == IPS_OK) {
		struct staff s = {
			.code = in->staff_code && *in->staff_code ? in->staff_code
				: arena_printf(app->arena, "ipsdesk-staff-%s", in->username),
			.team_id = team.id, .name = in->name, .role = in->role,
			.fte = in->fte ? in->fte : 100,
		};
		struct staff have;
		if (store_staff_by_code(app->store, app->arena, s.code, &have) == IPS_OK)
			staff_id = have.id;
		else
			rc = store_staff_insert(app->store, &s, &staff_id);
	}
	if (rc == IPS_OK)
		rc = store_account_insert(app->store, staff_id, in->username, hash, app->now_iso, &account_id);
	if (rc == IPS_OK && nreview_sites)
		rc = store_reviewer_sites_set(app->store, account_id, review_sites, nreview_sites);
	if (rc == IPS_OK)
		rc = app_audit(app, &sys, "account.create", "account", account_id,
			       nreview_sites ? "username,role,team,name,fte,reviewer_sites" : "username,role,team,name,fte");
	if (rc == IPS_OK)
		rc = store_commit(app->store);
	if (rc != IPS_OK) {
		store_rollback(app->store);
		result_set(&r, RES_FAILED, store_errmsg(app->store));
		return r;
	}
	r.id = account_id;
	return r;
}

struct result app_user_passwd(struct app *app, const char *username, const char *password)
{
	struct result r = result_new(app->arena);
	const char *why;
	struct account acc;
	if (!username || store_account_by_username(app->store, app->arena, username, &acc) != IPS_OK)
		result_field(&r, "username", "There is no account with that username");
	if (!app_password_acceptable(password, &why))
		result_field(&r, "password", why);
	if (!result_ok(&r))
		return r;
	char hash[crypto_pwhash_STRBYTES];
	if (app_password_hash(password, hash) != IPS_OK) {
		result_set(&r, RES_FAILED, "The password could not be hashed");
		return r;
	}
	struct actor sys = {.role = ROLE_ADMIN, .username = "system"};
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_account_set_password(app->store, acc.id, hash, app->now_iso);
	if (rc == IPS_OK)
		rc = store_throttle_clear(app->store, arena_printf(app->arena, "signin-account:%s", acc.username));
	if (rc == IPS_OK)
		rc = app_audit(app, &sys, "account.password", "account", acc.id, "password");
	if (rc == IPS_OK)
		rc = store_commit(app->store);
	if (rc != IPS_OK) {
		store_rollback(app->store);
		result_set(&r, RES_FAILED, store_errmsg(app->store));
	}
	r.id = acc.id;
	return r;
}

struct result app_user_disable(struct app *app, const char *username, bool disabled)
{
	struct result r = result_new(app->arena);
	struct account acc;
	if (!username || store_account_by_username(app->store, app->arena, username, &acc) != IPS_OK) {
		result_field(&r, "username", "There is no account with that username");
		return r;
	}
	struct actor sys = {.role = ROLE_ADMIN, .username = "system"};
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_account_set_disabled(app->store, acc.id, disabled);
	if (rc == IPS_OK)
		rc = app_audit(app, &sys, disabled ? "account.disable" : "account.enable", "account", acc.id, "disabled");
	if (rc == IPS_OK)
		rc = store_commit(app->store);
	if (rc != IPS_OK) {
		store_rollback(app->store);
		result_set(&r, RES_FAILED, store_errmsg(app->store));
	}
	r.id = acc.id;
	return r;
}

/* The sign-in throttle by client address, shared with bearer tokens (app/tokens.c):
 * a bad token counts as a failed sign-in from that address. */
bool signin_addr_locked(struct app *app, const char *client_addr)
{
	return throttled(app, arena_printf(app->arena, "signin-addr:%s", client_addr ? client_addr : "-"));
}

void signin_addr_failed(struct app *app, const char *client_addr)
{
	throttle_fail(app, arena_printf(app->arena, "signin-addr:%s", client_addr ? client_addr : "-"),
		      SIGNIN_ADDR_LIMIT);
}
