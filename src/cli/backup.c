/* cli/backup.c — `ipsdesk backup DEST`, `ipsdesk restore SRC` and `ipsdesk
 * subject-access CLIENT_REF`: getting a whole database, or everything about one
 * person, out of ipsdesk. A backup is taken while the server runs (SQLite's online
 * backup), written beside its final name and renamed into place with its read log
 * and audit key, then opened and checked. A restore checks its source before anything is put in
 * place, and never writes over a database that is in use. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include "cli/cli.h"
#include "util/arena.h"
#include "util/buf.h"

static bool exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

/* path + suffix, in the arena. */
static const char *with(struct arena *a, const char *path, const char *suffix)
{
	return arena_printf(a, "%s%s", path, suffix);
}

/* Syncs the directory holding path, so that a rename into it survives a crash. */
static void sync_dir_of(struct arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dir = slash ? (slash == path ? "/" : arena_strndup(a, path, (size_t)(slash - path))) : ".";
	FILE *f = fopen(dir, "r");
	if (f) {
		fsync(fileno(f));
		fclose(f);
	}
}

static void progress_line(void *ctx, int done, int total)
{
	(void)ctx;
	if (total > 0)
		fprintf(stderr, "\rCopying: %3d%% (%d of %d pages)", (int)((int64_t)done * 100 / total), done, total);
}

/* Checks the copy at path (app_backup_check) and says why when it fails. */
static bool check_copy(const char *path, struct backup_check *out)
{
	if (app_backup_check(path, out) == IPS_OK)
		return true;
	if (out->open_rc != IPS_OK)
		fprintf(stderr, "ipsdesk: %s: %s\n", path,
			out->open_rc == IPS_ENEWER ? "made by a newer version of ipsdesk; refusing it"
			: out->open_rc == IPS_ENOTFOUND ? "no such file"
							: "not an ipsdesk database, or it cannot be read");
	else if (out->key_rc != IPS_OK)
		fprintf(stderr, "ipsdesk: %s.auditkey: %s\n", path,
			out->key_rc == IPS_ENOTFOUND ? "the audit key is missing: put the copy of the key kept "
						       "with the backup beside it under this name"
						     : "the audit key file is not valid");
	else {
		if (!out->integrity_ok)
			fprintf(stderr, "ipsdesk: %s: PRAGMA integrity_check failed: the file is damaged\n", path);
		if (out->audit_rc == IPS_ETAMPERED && out->audit.bad_seq)
			fprintf(stderr, "ipsdesk: %s: the audit chain is BROKEN at entry %lld\n", path,
				(long long)out->audit.bad_seq);
		else if (out->audit_rc == IPS_ETAMPERED)
			fprintf(stderr, "ipsdesk: %s.reads: the read log's chain is BROKEN at entry %lld\n", path,
				(long long)out->audit.reads_bad_seq);
		else if (out->audit_rc != IPS_OK)
			fprintf(stderr, "ipsdesk: %s: the audit log could not be read\n", path);
	}
	return false;
}

/* Records a backup or restore in the database's audit log (the action alone). */
static bool audit_action(struct cli_ctx *c, const char *action)
{
	struct result r = app_backup_record(&c->app, &CLI_ADMIN, action);
	if (!result_ok(&r)) {
		fprintf(stderr, "ipsdesk: the %s could not be recorded in the audit log: %s\n", action,
			app_store_error(&c->app));
		return false;
	}
	return true;
}

/* Removes a scratch copy, its read log and its key. */
static void remove_partial(struct arena *a, const char *partial)
{
	unlink(partial);
	unlink(with(a, partial, ".reads"));
	unlink(with(a, partial, ".auditkey"));
}

/* Puts a checked scratch copy (partial, with partial.auditkey and partial.reads when
 * the database had a read log) in place as dest: the key first, so that a database
 * never stands without its key, then the read log (or no read log: an older one at
 * dest would not belong to the copy), then the database. */
static bool put_in_place(struct arena *a, const char *partial, const char *dest)
{
	const char *reads = with(a, dest, ".reads");
	unlink(with(a, reads, "-wal"));
	unlink(with(a, reads, "-shm"));
	unlink(with(a, reads, "-journal"));
	bool ok = rename(with(a, partial, ".auditkey"), with(a, dest, ".auditkey")) == 0;
	if (ok && exists(with(a, partial, ".reads")))
		ok = rename(with(a, partial, ".reads"), reads) == 0;
	else if (ok && exists(reads))
		ok = unlink(reads) == 0;
	if (!ok || rename(partial, dest) != 0) {
		fprintf(stderr, "ipsdesk: %s: %s\n", dest, strerror(errno));
		return false;
	}
	sync_dir_of(a, dest);
	return true;
}

int cmd_backup(int argc, char **argv)
{
	static const char *const names[] = {"force!", NULL};
	struct cli_opts o;
	if (!cli_parse(argc, argv, names, &o) || o.nwords != 1) {
		fprintf(stderr, "usage: ipsdesk backup [--db FILE] [--force] DEST\n");
		return 2;
	}
	const char *dest = o.words[0];
	struct cli_ctx c;
	if (!cli_open(&c, o.db))
		return 1;
	struct arena *a = c.app.arena;
	if (!o.values[0] && (exists(dest) || exists(with(a, dest, ".auditkey")))) {
		fprintf(stderr, "ipsdesk: %s already exists: choose a new name, or add --force to replace it\n", dest);
		cli_close(&c);
		return 1;
	}
	const char *partial = with(a, dest, ".partial");
	remove_partial(a, partial);
	bool tty = isatty(STDERR_FILENO) == 1;
	int rc = app_backup_to(&c.app, partial, 256, tty ? progress_line : NULL, NULL);
	if (tty)
		fprintf(stderr, "\r\033[K");
	if (rc != IPS_OK) {
		fprintf(stderr, "ipsdesk: the backup failed: %s\n", app_store_error(&c.app));
		cli_close(&c);
		return 1;
	}
	if (audit_key_save(partial, c.key) != IPS_OK) {
		fprintf(stderr, "ipsdesk: %s.auditkey: cannot write the copy of the audit key\n", partial);
		remove_partial(a, partial);
		cli_close(&c);
		return 1;
	}
	struct backup_check chk;
	if (!check_copy(partial, &chk)) {
		fprintf(stderr, "ipsdesk: the copy does not check out; nothing was put at %s\n", dest);
		remove_partial(a, partial);
		cli_close(&c);
		return 1;
	}
	if (!put_in_place(a, partial, dest)) {
		remove_partial(a, partial);
		cli_close(&c);
		return 1;
	}
	bool recorded = audit_action(&c, "backup");
	cli_close(&c);
	printf("backup written to %s, its read log to %s.reads, its audit key to %s.auditkey\n"
	       "integrity ok; audit chain ok: %lld entries\nhead %lld:%s\n"
	       "read log ok: %lld entries\nread log head %lld:%s\n",
	       dest, dest, dest, (long long)chk.audit.count, (long long)chk.audit.count, chk.audit.head_hex,
	       (long long)chk.audit.reads_count, (long long)chk.audit.reads_count, chk.audit.reads_head_hex);
	return recorded ? 0 : 1;
}

int cmd_restore(int argc, char **argv)
{
	static const char *const names[] = {"force!", NULL};
	struct cli_opts o;
	if (!cli_parse(argc, argv, names, &o) || o.nwords != 1) {
		fprintf(stderr, "usage: ipsdesk restore [--db FILE] [--force] SRC\n");
		return 2;
	}
	const char *src = o.words[0], *target = o.db;
	if (sodium_init() < 0) {
		fprintf(stderr, "ipsdesk: libsodium failed to start\n");
		return 1;
	}
	struct arena *a = arena_new();
	int status = 1;
	bool target_exists = exists(target);
	if (target_exists && !o.values[0]) {
		fprintf(stderr, "ipsdesk: %s already exists: restore writes a new database; add --force to "
				"replace this one\n", target);
		goto out;
	}
	/* the source is checked before anything is copied, and the copy once more before
	 * it is put in place: that is what will be served */
	struct backup_check chk;
	if (!check_copy(src, &chk)) {
		fprintf(stderr, "ipsdesk: refusing to restore %s\n", src);
		goto out;
	}
	if (target_exists) {
		int rc = app_database_unused(target);
		if (rc == IPS_EBUSY) {
			fprintf(stderr, "ipsdesk: %s is in use (is 'ipsdesk serve' running on it?): stop it first\n",
				target);
			goto out;
		}
	}
	const char *partial = with(a, target, ".partial");
	remove_partial(a, partial);
	unsigned char key[AUDIT_KEY_BYTES];
	int rc = app_backup_file(src, partial, key);
	if (rc != IPS_OK)
		fprintf(stderr, "ipsdesk: %s could not be copied\n", src);
	if (rc == IPS_OK && audit_key_save(partial, key) != IPS_OK) {
		fprintf(stderr, "ipsdesk: %s.auditkey: cannot write the audit key\n", partial);
		rc = IPS_EIO;
	}
	sodium_memzero(key, sizeof key);
	struct backup_check again;
	if (rc != IPS_OK || !check_copy(partial, &again) || again.audit.count != chk.audit.count ||
	    strcmp(again.audit.head_hex, chk.audit.head_hex) != 0 ||
	    again.audit.reads_count != chk.audit.reads_count ||
	    strcmp(again.audit.reads_head_hex, chk.audit.reads_head_hex) != 0) {
		fprintf(stderr, "ipsdesk: the copy does not match its source; nothing was restored\n");
		remove_partial(a, partial);
		goto out;
	}
	/* an old database's write-ahead log must not be replayed into the new one */
	unlink(with(a, target, "-wal"));
	unlink(with(a, target, "-shm"));
	unlink(with(a, target, "-journal"));
	if (!put_in_place(a, partial, target)) {
		remove_partial(a, partial);
		goto out;
	}
	struct cli_ctx c;
	if (!cli_open(&c, target))   /* migrates an older database forward */
		goto out;
	bool recorded = audit_action(&c, "restore");
	struct audit_report now;
	int vrc = app_audit_verify(&c.app, NULL, &now);
	cli_close(&c);
	printf("restored %s from %s (schema version %d)\n"
	       "audit chain of the backup: %lld entries, head %lld:%s\n"
	       "read log of the backup: %lld entries, head %lld:%s\n",
	       target, src, chk.version, (long long)chk.audit.count, (long long)chk.audit.count,
	       chk.audit.head_hex, (long long)chk.audit.reads_count, (long long)chk.audit.reads_count,
	       chk.audit.reads_head_hex);
	if (vrc == IPS_OK)
		printf("after recording the restore: head %lld:%s\n", (long long)now.count, now.head_hex);
	status = recorded && vrc == IPS_OK ? 0 : 1;
out:
	arena_free(a);
	return status;
}

int cmd_subject_access(int argc, char **argv)
{
	struct cli_opts o;
	if (!cli_parse(argc, argv, NULL, &o) || o.nwords != 1) {
		fprintf(stderr, "usage: ipsdesk subject-access [--db FILE] CLIENT_REF\n");
		return 2;
	}
	struct cli_ctx c;
	if (!cli_open(&c, o.db))
		return 1;
	struct subject_access sa;
	struct result r = app_subject_access_by_ref(&c.app, &CLI_ADMIN, o.words[0], &sa);
	int status = 0;
	if (r.code == RES_NOT_FOUND) {
		fprintf(stderr, "ipsdesk: no person with the reference '%s'\n", o.words[0]);
		status = 1;
	} else if (!result_ok(&r)) {
		cli_print_result(&r);
		status = 1;
	} else {
		struct buf b = BUF_INIT;
		if (app_subject_json(&sa, &b) != IPS_OK || fwrite(buf_str(&b), 1, b.len, stdout) != b.len ||
		    fflush(stdout) != 0) {
			fprintf(stderr, "ipsdesk: the subject access could not be written\n");
			status = 1;
		}
		buf_free(&b);
	}
	cli_close(&c);
	return status;
}
