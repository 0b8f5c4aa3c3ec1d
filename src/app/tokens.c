/* app/tokens.c — API tokens: each account makes, lists and revokes its own. A token is
 * shown once, when it is made, and only its hash is kept. A bearer token stands for its
 * account exactly as a session does (same role, scope and audit); it stops working when
 * revoked or when the account is disabled, and bad tokens count towards the sign-in
 * throttle of the client address. Never logs or stores a token. */
#include <string.h>
#include <sodium.h>
#include "app/internal.h"
#include "core/validate.h"
#include "util/arena.h"

#define TOKEN_HINT_LEN (sizeof API_TOKEN_PREFIX - 1 + 4)

static void token_hash(const char *token, unsigned char hash[32])
{
	crypto_generichash(hash, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

struct result app_token_create(struct app *app, const struct actor *who, const char *name, char *token)
{
	struct result r = result_new(app->arena);
	token[0] = 0;
	if (!(who->role & ROLE_SIGNED_IN) || !who->account_id) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	const char *why;
	if (!nz(name))
		result_field(&r, "name", "Enter a name for the token, such as the program that will use it");
	else if (!valid_text(name, 100, false, &why))
		result_field(&r, "name", why);
	if (!result_ok(&r))
		return r;

	unsigned char raw[32], hash[32];
	randombytes_buf(raw, sizeof raw);
	memcpy(token, API_TOKEN_PREFIX, sizeof API_TOKEN_PREFIX - 1);
	sodium_bin2base64(token + sizeof API_TOKEN_PREFIX - 1, 44, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	token_hash(token, hash);
	const char *hint = arena_strndup(app->arena, token, TOKEN_HINT_LEN);

	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_token_insert(app->store, who->account_id, name, hash, hint, app->now_iso, &r.id);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "api_token.create", "api_token", r.id, "name");
	r = finish(app, rc, r);
	if (!result_ok(&r))
		sodium_memzero(token, API_TOKEN_LEN);
	return r;
}

struct result app_tokens_list(struct app *app, const struct actor *who, struct api_token **out, size_t *n)
{
	struct result r = result_new(app->arena);
	*out = NULL;
	*n = 0;
	if (!(who->role & ROLE_SIGNED_IN) || !who->account_id) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if (store_tokens_of_account(app->store, app->arena, who->account_id, out, n) != IPS_OK)
		result_set(&r, RES_FAILED, "Your API tokens could not be read");
	return r;
}

struct result app_token_revoke(struct app *app, const struct actor *who, int64_t token_id)
{
	struct result r = result_new(app->arena);
	struct api_token t;
	if (!(who->role & ROLE_SIGNED_IN) || !who->account_id) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if (token_id <= 0 || store_token_get(app->store, app->arena, token_id, &t) != IPS_OK ||
	    t.account_id != who->account_id || t.revoked_at) {
		result_set(&r, RES_NOT_FOUND, "That API token does not exist, or it has been revoked already.");
		return r;
	}
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_token_revoke(app->store, t.id, app->now_iso);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "api_token.revoke", "api_token", t.id, "revoked_at");
	r.id = t.id;
	return finish(app, rc, r);
}

/* Only a string of the shape made above is looked up at all. */
static bool token_shaped(const char *token)
{
	if (!token || strlen(token) != API_TOKEN_LEN ||
	    strncmp(token, API_TOKEN_PREFIX, sizeof API_TOKEN_PREFIX - 1) != 0)
		return false;
	for (const char *p = token + sizeof API_TOKEN_PREFIX - 1; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_'))
			return false;
	return true;
}

struct result app_token_authenticate(struct app *app, const char *token, const char *client_addr,
				     struct actor *who)
{
	struct result r = result_new(app->arena);
	memset(who, 0, sizeof *who);
	who->role = ROLE_PUBLIC;
	if (signin_addr_locked(app, client_addr)) {
		result_set(&r, RES_LIMITED, "Too many requests with a wrong API token or password came from "
					    "this address. Wait 15 minutes, then try again.");
		return r;
	}
	struct api_token t;
	unsigned char hash[32];
	bool known = false;
	if (token_shaped(token)) {
		token_hash(token, hash);
		known = store_token_by_hash(app->store, app->arena, hash, &t) == IPS_OK && !t.revoked_at;
	}
	if (!known) {
		if (store_begin(app->store) == IPS_OK) {
			signin_addr_failed(app, client_addr);
			if (store_commit(app->store) != IPS_OK)
				store_rollback(app->store);
		}
		result_set(&r, RES_REFUSED, "This API token is not valid: it may have been revoked.");
		return r;
	}
	struct actor a;
	if (!app_actor_load(app, t.account_id, &a)) {
		result_set(&r, RES_REFUSED, "This API token's account is disabled.");
		return r;
	}
	/* last used to the minute: at most one write a minute per token */
	if (!t.last_used_at || strncmp(t.last_used_at, app->now_iso, 16) != 0)
		store_token_touch(app->store, t.id, app->now_iso);
	*who = a;
	r.id = t.id;
	return r;
}
