/* app/backup.c — what `ipsdesk backup` and `ipsdesk restore` need from the store:
 * the online copy, the checks a copy must pass before it is trusted (schema version,
 * integrity, the audit chain with its own key), the audit entry recording either,
 * and whether a database file is in use. The front door keeps the files' names,
 * renames and messages; nothing here prints. */
#include <string.h>
#include <sodium.h>
#include "app/internal.h"
#include "util/arena.h"

int app_backup_check(const char *path, struct backup_check *out)
{
	memset(out, 0, sizeof *out);
	struct app app = {0};
	unsigned char key[AUDIT_KEY_BYTES];
	out->open_rc = store_open(path, STORE_READ_ONLY, &app.store);
	if (out->open_rc != IPS_OK)
		return out->open_rc;
	out->key_rc = audit_key_load(path, key);
	if (out->key_rc != IPS_OK) {
		store_close(app.store);
		return out->key_rc;
	}
	app.audit_key = key;
	app.arena = arena_new();
	out->version = store_schema_version(app.store);
	out->integrity_ok = store_integrity_ok(app.store);
	out->audit_rc = app_audit_verify(&app, NULL, &out->audit);
	arena_free(app.arena);
	store_close(app.store);
	sodium_memzero(key, sizeof key);
	return out->integrity_ok && out->audit_rc == IPS_OK ? IPS_OK : IPS_ETAMPERED;
}

struct result app_backup_record(struct app *app, const struct actor *who, const char *action)
{
	struct result r = result_new(app->arena);
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = app_audit(app, who, action, "database", 0, "");
	return finish(app, rc, r);
}

int app_backup_to(struct app *app, const char *dest, int pages_per_step, store_progress_fn progress,
		  void *ctx)
{
	return store_backup(app->store, dest, pages_per_step, progress, ctx);
}

int app_backup_file(const char *src, const char *dest, unsigned char key[AUDIT_KEY_BYTES])
{
	struct store *from;
	int rc = store_open(src, STORE_READ_ONLY, &from);
	if (rc != IPS_OK)
		return rc;
	rc = audit_key_load(src, key);
	if (rc == IPS_OK)
		rc = store_backup(from, dest, 1024, NULL, NULL);
	store_close(from);
	return rc;
}

int app_database_unused(const char *path)
{
	return store_check_unused(path);
}

const char *app_store_error(struct app *app)
{
	return store_errmsg(app->store);
}
