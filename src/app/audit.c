/* app/audit.c — appending to the audit log (changes to the database's own log, views to
 * the read log beside it: store/readlog.c), its key file and the verification of both
 * chains. Entries name fields, never values: the log holds no personal data. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>
#include "app/app.h"
#include "util/arena.h"

/* The entry of who doing action on entity entity_id, at the app's time and request. */
static struct audit_entry entry_of(struct app *app, const struct actor *who, const char *action,
				   const char *entity, int64_t entity_id, const char *fields)
{
	return (struct audit_entry){
		.at = app->now_iso,
		.account_id = who ? who->account_id : 0,
		.actor = who && who->username ? who->username :
			 (who && who->role == ROLE_PUBLIC ? "public" : "system"),
		.action = action,
		.entity = entity,
		.entity_id = entity_id,
		.request_id = app->request_id ? app->request_id : "-",
		.fields = fields ? fields : "",
	};
}

int app_audit(struct app *app, const struct actor *who, const char *action,
	      const char *entity, int64_t entity_id, const char *fields)
{
	struct audit_entry e = entry_of(app, who, action, entity, entity_id, fields);
	return store_audit_append(app->store, app->audit_key, &e);
}

int app_audit_views(struct app *app, const struct actor *who, const struct audit_view *v, size_t n)
{
	struct app_views *kept = app->views;
	if (kept) {
		if (kept->n + n > kept->cap) {
			size_t cap = (kept->n + n) * 2;
			struct audit_entry *e = arena_alloc(app->arena, cap * sizeof *e);
			if (kept->n)
				memcpy(e, kept->e, kept->n * sizeof *e);
			kept->e = e;
			kept->cap = cap;
		}
		for (size_t i = 0; i < n; i++)
			kept->e[kept->n++] = entry_of(app, who, v[i].action, v[i].entity, v[i].entity_id, v[i].fields);
		return IPS_OK;
	}
	struct audit_entry one[4], *e = n <= 4 ? one : arena_alloc(app->arena, n * sizeof *e);
	for (size_t i = 0; i < n; i++)
		e[i] = entry_of(app, who, v[i].action, v[i].entity, v[i].entity_id, v[i].fields);
	return store_read_audit_append(app->store, app->audit_key, e, n);
}

int app_views_write(struct app *app)
{
	const struct app_views *v = app->views;
	return v && v->n ? store_read_audit_append(app->store, app->audit_key, v->e, v->n) : IPS_OK;
}

int app_views_submit(struct app *app, void (*written)(void *ctx, int rc), void *ctx)
{
	const struct app_views *v = app->views;
	return store_read_audit_submit(app->store, app->audit_key, v->e, v->n, written, ctx);
}

char *audit_key_path(struct arena *a, const char *db_path)
{
	return arena_printf(a, "%s.auditkey", db_path);
}

int audit_key_create(const char *db_path)
{
	char path[4096];
	snprintf(path, sizeof path, "%s.auditkey", db_path);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return errno == EEXIST ? IPS_EEXIST : IPS_EIO;
	unsigned char key[AUDIT_KEY_BYTES];
	randombytes_buf(key, sizeof key);
	char hex[2 * AUDIT_KEY_BYTES + 2];
	sodium_bin2hex(hex, sizeof hex, key, sizeof key);
	strcat(hex, "\n");
	ssize_t w = write(fd, hex, strlen(hex));
	sodium_memzero(key, sizeof key);
	if (close(fd) != 0 || w != (ssize_t)strlen(hex))
		return IPS_EIO;
	return IPS_OK;
}

int audit_key_save(const char *db_path, const unsigned char key[AUDIT_KEY_BYTES])
{
	char path[4096];
	snprintf(path, sizeof path, "%s.auditkey", db_path);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return errno == EEXIST ? IPS_EEXIST : IPS_EIO;
	char hex[2 * AUDIT_KEY_BYTES + 2];
	sodium_bin2hex(hex, sizeof hex, key, AUDIT_KEY_BYTES);
	strcat(hex, "\n");
	ssize_t w = write(fd, hex, strlen(hex));
	bool synced = fsync(fd) == 0;
	sodium_memzero(hex, sizeof hex);
	if (close(fd) != 0 || w != (ssize_t)(2 * AUDIT_KEY_BYTES + 1) || !synced)
		return IPS_EIO;
	return IPS_OK;
}

int audit_key_load(const char *db_path, unsigned char key[AUDIT_KEY_BYTES])
{
	char path[4096];
	snprintf(path, sizeof path, "%s.auditkey", db_path);
	FILE *f = fopen(path, "r");
	if (!f)
		return IPS_ENOTFOUND;
	char hex[2 * AUDIT_KEY_BYTES + 8] = {0};
	size_t n = fread(hex, 1, sizeof hex - 1, f);
	fclose(f);
	size_t bin_len = 0;
	if (n < 2 * AUDIT_KEY_BYTES ||
	    sodium_hex2bin(key, AUDIT_KEY_BYTES, hex, 2 * AUDIT_KEY_BYTES, NULL, &bin_len, NULL) != 0 ||
	    bin_len != AUDIT_KEY_BYTES)
		return IPS_EINVAL;
	return IPS_OK;
}

int app_audit_verify(struct app *app, const char *expect, struct audit_report *out)
{
	unsigned char head[AUDIT_HASH_BYTES], mark[AUDIT_HASH_BYTES] = {0};
	long long want_count = 0;
	char want_hex[2 * AUDIT_HASH_BYTES + 1] = "";
	if (expect && (sscanf(expect, "%lld:%64[0-9a-f]", &want_count, want_hex) != 2 || want_count <= 0))
		want_count = -1;
	int rc = store_audit_verify(app->store, app->audit_key, &out->count, head, &out->bad_seq,
				    want_count > 0 ? want_count : 0, mark);
	sodium_bin2hex(out->head_hex, sizeof out->head_hex, head, sizeof head);
	out->expected_ok = true;
	if (expect) {
		char mark_hex[2 * AUDIT_HASH_BYTES + 1];
		sodium_bin2hex(mark_hex, sizeof mark_hex, mark, sizeof mark);
		out->expected_ok = want_count > 0 && want_count <= out->count && strcmp(mark_hex, want_hex) == 0;
	}
	/* the read log's chain too, whatever the database's gave */
	int rrc = store_reads_verify(app->store, app->audit_key, &out->reads_count, head, &out->reads_bad_seq);
	sodium_bin2hex(out->reads_head_hex, sizeof out->reads_head_hex, head, sizeof head);
	out->reads_rc = rrc;
	if (rc == IPS_OK)
		rc = rrc;
	return rc;
}

struct result app_audit_search(struct app *app, const struct actor *who,
			       const struct audit_query *q, struct audit_entry **out, size_t *n)
{
	struct result r = result_new(app->arena);
	*out = NULL;
	*n = 0;
	if (!(who->role & (ROLE_AUDITOR | ROLE_ADMIN))) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	day_t d;
	if (q->from && !date_parse(q->from, &d))
		result_field(&r, "from", "Enter the start date as YYYY-MM-DD, for example 2026-11-01");
	if (q->to && !date_parse(q->to, &d))
		result_field(&r, "to", "Enter the end date as YYYY-MM-DD, for example 2026-11-30");
	if (!result_ok(&r))
		return r;
	if (store_audit_search(app->store, app->arena, q, out, n) != IPS_OK)
		result_set(&r, RES_FAILED, "The audit log could not be read.");
	return r;
}
