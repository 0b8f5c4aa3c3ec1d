/* app/export.c — `ipsdesk export` (spec/interchange.md): every file with its header,
 * rows in byte order of code/ref, LF endings, quoting only where needed, null as an
 * empty field, wages with 2 decimals, hours and FTE in their shortest form. The
 * column order and types come from core/interchange.c, the rows from the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app/internal.h"
#include "core/interchange.h"
#include "core/validate.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/csv.h"

struct exporter {
	const struct ic_file *f;
	FILE *fp;
	struct buf line;
	size_t rows;
	bool io_error;
};

static int export_row(void *ctx, const char *const *raw, size_t n)
{
	struct exporter *ex = ctx;
	const char *vals[IC_MAX_COLUMNS];
	char num[IC_MAX_COLUMNS][24];
	for (size_t c = 0; c < n && c < ex->f->ncolumns; c++) {
		const struct ic_column *col = &ex->f->columns[c];
		vals[c] = raw[c];
		if (!raw[c])
			continue;
		if (col->type == ICT_DECIMAL) {
			int64_t v = strtoll(raw[c], NULL, 10);
			if (col->pounds)
				format_pence(v, num[c]);
			else
				format_hundredths(v, num[c]);
			vals[c] = num[c];
		} else if (col->type == ICT_BOOL) {
			vals[c] = strcmp(raw[c], "0") == 0 ? "no" : "yes";
		}
	}
	buf_reset(&ex->line);
	csv_write_record(&ex->line, vals, ex->f->ncolumns);
	if (fwrite(ex->line.p, 1, ex->line.len, ex->fp) != ex->line.len) {
		ex->io_error = true;
		return IPS_EIO;
	}
	ex->rows++;
	return 0;
}

struct result app_export(struct app *app, const struct actor *who, FILE *const fp[IC_NKINDS],
			 size_t rows[IC_NKINDS])
{
	struct result r = result_new(app->arena);
	if (!(who->role & ROLE_ADMIN)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	/* one read transaction, so the files agree with each other */
	int rc = store_snapshot_begin(app->store);
	for (int k = 0; k < IC_NKINDS && rc == IPS_OK; k++) {
		struct exporter ex = {.f = &IC_FILES[k], .fp = fp[k]};
		const char *names[IC_MAX_COLUMNS];
		for (size_t c = 0; c < ex.f->ncolumns; c++)
			names[c] = ex.f->columns[c].name;
		csv_write_record(&ex.line, names, ex.f->ncolumns);
		if (fwrite(ex.line.p, 1, ex.line.len, fp[k]) != ex.line.len)
			ex.io_error = true;
		else
			rc = store_ic_export(app->store, ex.f->kind, export_row, &ex);
		buf_free(&ex.line);
		if (ex.io_error) {
			rc = IPS_EIO;
			result_set(&r, RES_FAILED, arena_printf(app->arena, "%s could not be written", ex.f->file));
		}
		rows[k] = ex.rows;
	}
	store_snapshot_end(app->store);
	if (rc != IPS_OK) {
		if (result_ok(&r))
			result_set(&r, RES_FAILED, "The records could not be read");
		return r;
	}
	/* an export reads every person's record: audited as one read of them all */
	rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "export", "interchange", 0, "");
	return finish(app, rc, r);
}
