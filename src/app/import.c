/* app/import.c — `ipsdesk import` and the admin's web import (spec/interchange.md):
 * every file present is read in spec order, every field and rule checked with
 * core/interchange.c, and everything written in one transaction — or nothing, with
 * every problem as FILE:LINE: COLUMN: message. Validation and writing go together
 * in one pass: a valid row is written at once (so later rows can refer to it and the
 * store's UNIQUE index sees duplicates), and the transaction is rolled back at the
 * end when anything was wrong or on a dry run. Memory stays bounded by the CSV
 * reader's record limit, the refs of records other rows can refer to and, for
 * contacts, what the store notes per referral and tally row (store_ic_defer). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "app/internal.h"
#include "core/interchange.h"
#include "core/validate.h"
#include "util/arena.h"
#include "util/csv.h"
#include "util/strmap.h"

#define IMPORT_KEEP_PROBLEMS 100
#define COL_ROW (-1)            /* the row as a whole: "-" */

struct importer {
	struct app *app;
	const struct actor *who;
	struct import_report *out;
	struct strmap *refs[IC_NKINDS];   /* records of this import, and store lookups cached */
	struct ic_deferred *load;         /* while reading contacts.csv (store_ic_defer) */
	bool failed;                      /* a store error: stop */
};

/* Records a problem; the first IMPORT_KEEP_PROBLEMS are kept, the rest counted. Problems
 * arrive in file order, then line order; within a row the caller adds them in column
 * order, which is the sort order the spec asks for. */
static void problem(struct importer *im, enum ic_kind kind, long line, const char *column,
		    const char *message)
{
	struct import_report *o = im->out;
	if (o->nproblems < IMPORT_KEEP_PROBLEMS) {
		struct import_problem *p = &o->problems[o->nproblems];
		p->file = IC_FILES[kind].file;
		p->line = line;
		p->column = arena_strdup(im->app->arena, column);
		p->message = arena_strdup(im->app->arena, message);
	}
	o->nproblems++;
}

/* The record a link names: from this import, else from the store (then cached).
 * NULL when there is none. */
static struct strmap_val *resolve(struct importer *im, enum ic_kind kind, const char *ref)
{
	struct strmap_val *v = strmap_get(im->refs[kind], ref);
	if (v)
		return v;
	struct ic_target t;
	int rc = store_ic_lookup(im->app->store, kind, ref, &t);
	if (rc == IPS_ENOTFOUND)
		return NULL;
	if (rc != IPS_OK) {
		im->failed = true;
		return NULL;
	}
	v = strmap_put(im->refs[kind], ref, NULL);
	v->id = t.id;
	v->flags = t.is_specialist;
	v->line = 0;
	return v;
}

/* Header: columns by exact name, none unknown or repeated, every required one there.
 * map[i] is the spec column of field i (-1 unknown); field_of[c] the field holding
 * spec column c (the first, when repeated; -1 when absent). A header problem is one
 * message on line 1; the rows are still checked for everything else, and a required
 * column missing from the header is not reported again on every row. */
static void read_header(struct importer *im, const struct ic_file *f, const struct csv_record *h,
			int *map, int *field_of)
{
	for (size_t c = 0; c < f->ncolumns; c++)
		field_of[c] = -1;
	/* spec columns first, in their order; then unknown ones in header order */
	for (size_t i = 0; i < h->n; i++) {
		int c = ic_column_index(f, h->fields[i].p);
		map[i] = c;
		if (c >= 0 && field_of[c] >= 0)
			map[i] = -2;   /* repeated */
		else if (c >= 0)
			field_of[c] = (int)i;
	}
	for (size_t c = 0; c < f->ncolumns; c++) {
		for (size_t i = 0; i < h->n; i++)
			if (map[i] == -2 && strcmp(h->fields[i].p, f->columns[c].name) == 0) {
				problem(im, f->kind, 1, f->columns[c].name, "this column appears more than once");
				break;
			}
		if (field_of[c] < 0 && f->columns[c].required)
			problem(im, f->kind, 1, f->columns[c].name, "this required column is missing");
	}
	for (size_t i = 0; i < h->n; i++)
		if (map[i] == -1) {
			char msg[200];
			snprintf(msg, sizeof msg, "unknown column (the columns of %s are listed in the "
				 "interchange spec; names are case-sensitive)", f->file);
			problem(im, f->kind, 1, h->fields[i].p[0] ? h->fields[i].p : "(empty)", msg);
		}
}

/* Writes one valid row. ids[i] is the resolved id of link column i. */
static int write_row(struct importer *im, const struct ic_file *f, const struct ic_value *v,
		     const int64_t *ids, int64_t *id)
{
	struct store *s = im->app->store;
	const char *now = im->app->now_iso;
#define T(name) v[ic_column_index(f, name)].text
#define N(name) v[ic_column_index(f, name)].num
#define ID(name) ids[ic_column_index(f, name)]
	switch (f->kind) {
	case IC_SITE:
		return store_site_insert(s, &(struct site){.code = T("code"), .name = T("name")}, id);
	case IC_TEAM:
		return store_team_insert(s, &(struct team){.code = T("code"), .site_id = ID("site_code"),
							    .name = T("name")}, id);
	case IC_STAFF:
		return store_staff_insert(s, &(struct staff){.code = T("code"), .team_id = ID("team_code"),
							      .name = T("name"), .role = T("role"),
							      .fte = (int)N("fte")}, id);
	case IC_EMPLOYER:
		return store_employer_insert(s, &(struct employer){.ref = T("ref"), .site_id = ID("site_code"),
								    .name = T("name"), .sector = T("sector")}, id);
	case IC_CLIENT:
		return store_client_insert(s, &(struct client){
			.ref = T("ref"), .site_id = ID("site_code"), .nhs_number = T("nhs_number"),
			.given_name = T("given_name"), .family_name = T("family_name"),
			.birth_date = T("birth_date"), .postcode = T("postcode"), .gender = T("gender"),
			.ethnic_category = T("ethnic_category"), .consent_contact_employers = -1}, now, id);
	case IC_REFERRAL:
		return store_referral_insert(s, &(struct referral){
			.ref = T("ref"), .client_id = ID("client_ref"), .team_id = ID("team_code"),
			.received_on = T("received_on"), .source = T("source"),
			.specialist_id = ID("specialist_code"), .employment_status = T("employment_status"),
			.closed_on = T("closed_on"), .close_reason = T("close_reason")}, now, id);
	case IC_CONTACT: {
		const struct ic_value *m = &v[ic_column_index(f, "minutes")];
		return store_ic_contact_insert(im->load, &(struct contact){
			.ref = T("ref"), .date = T("date"), .staff_id = ID("staff_code"), .with = T("with"),
			.referral_id = ID("referral_ref"), .employer_id = ID("employer_ref"), .mode = T("mode"),
			.place = T("place"), .minutes = m->text ? (int)m->num : -1,
			.attended = N("attended") != 0}, now, id);
	}
	case IC_JOB: {
		const struct ic_value *w = &v[ic_column_index(f, "hourly_wage")];
		return store_job_insert(s, &(struct job){
			.ref = T("ref"), .referral_id = ID("referral_ref"), .employer_id = ID("employer_ref"),
			.title = T("title"), .job_type = T("job_type"), .started_on = T("started_on"),
			.ended_on = T("ended_on"), .hours_per_week = N("hours_per_week"),
			.hourly_wage = w->text ? w->num : -1, .competitive = N("competitive") != 0,
			.end_reason = T("end_reason")}, now, id);
	}
	default:
		return IPS_EINVAL;
	}
#undef T
#undef N
#undef ID
}

/* Checks (and, when it is valid, writes) one data row of f. */
static void import_row(struct importer *im, const struct ic_file *f, const struct csv_record *rec,
		       const int *field_of, size_t nheader)
{
	struct ic_value v[IC_MAX_COLUMNS];
	const char *msg[IC_MAX_COLUMNS] = {0};
	char msgbuf[IC_MAX_COLUMNS][160];
	int64_t ids[IC_MAX_COLUMNS] = {0};
	bool parent_missing = false;   /* a link names a row that had errors: not written, not reported */

	if (rec->n != nheader) {
		char m[120];
		snprintf(m, sizeof m, "this row has %zu fields; the header has %zu", rec->n, nheader);
		problem(im, f->kind, rec->line, "-", m);
		/* the row still exists for the rows that refer to it */
		if (field_of[0] >= 0 && (size_t)field_of[0] < rec->n && rec->fields[field_of[0]].len) {
			int added;
			struct strmap_val *val = strmap_put(im->refs[f->kind], rec->fields[field_of[0]].p, &added);
			if (added) {
				val->line = rec->line;
				val->flags = 1;   /* its role is unknown: do not call it "not a specialist" */
			}
		}
		return;
	}
	for (size_t c = 0; c < f->ncolumns; c++) {
		if (field_of[c] < 0 && f->columns[c].required) {
			/* missing from the header, which says so once: null here, no second message */
			memset(&v[c], 0, sizeof v[c]);
			msg[c] = NULL;
			continue;
		}
		const char *text = field_of[c] >= 0 ? rec->fields[field_of[c]].p : NULL;
		msg[c] = ic_check_field(&f->columns[c], text, &v[c], msgbuf[c]);
	}
	/* links and the row's own ref */
	for (size_t c = 0; c < f->ncolumns; c++) {
		const struct ic_column *col = &f->columns[c];
		if (msg[c] || !v[c].text)
			continue;
		if (col->type == ICT_LINK) {
			struct strmap_val *t = resolve(im, col->link, v[c].text);
			if (!t) {
				snprintf(msgbuf[c], 160, "no %s has the %s %.64s", IC_FILES[col->link].noun,
					 col->link <= IC_STAFF ? "code" : "ref", v[c].text);
				msg[c] = msgbuf[c];
			} else if (strcmp(col->name, "specialist_code") == 0 && !(t->flags & 1)) {
				snprintf(msgbuf[c], 160, "%.64s is not a specialist", v[c].text);
				msg[c] = msgbuf[c];
			} else {
				ids[c] = t->id;
				if (!t->id)
					parent_missing = true;
			}
		} else if (col->type == ICT_OWN_REF) {
			struct strmap_val *seen = strmap_get(im->refs[f->kind], v[c].text);
			if (seen && seen->line) {
				snprintf(msgbuf[c], 160, "%.64s is used again (first on line %ld)", v[c].text, seen->line);
				msg[c] = msgbuf[c];
			} else if (seen) {
				snprintf(msgbuf[c], 160, "%.64s already exists in the database", v[c].text);
				msg[c] = msgbuf[c];
			}
		}
	}
	/* whether the role itself could not be read (before the row rules, which also
	 * report on role): then the staff member may be a specialist for all we know */
	const bool role_unread = f->kind == IC_STAFF && msg[ic_column_index(f, "role")];
	ic_check_row(f, v, msg);

	const char *own = v[0].text;   /* column 0 is always the record's code or ref */
	bool bad = false;
	for (size_t c = 0; c < f->ncolumns; c++)
		bad |= msg[c] != NULL;
	bool will_write = !bad && !parent_missing && !im->out->nproblems;
	/* A ref already in the store: a row that is written finds out from the UNIQUE index
	 * (one lookup saved per row); a row that is not must ask. */
	struct ic_target t;
	if (!will_write && own && !msg[0] && store_ic_lookup(im->app->store, f->kind, own, &t) == IPS_OK) {
		snprintf(msgbuf[0], 160, "%.64s already exists in the database", own);
		msg[0] = msgbuf[0];
	}
	int64_t id = 0;
	if (will_write) {
		int rc = write_row(im, f, v, ids, &id);
		if (rc == IPS_EDUPLICATE) {
			/* in the database already, or earlier in this file (contacts and jobs
			 * are not remembered once written) */
			snprintf(msgbuf[0], 160, "%.64s is already used by another %s", own, f->noun);
			msg[0] = msgbuf[0];
			id = 0;
		} else if (rc != IPS_OK) {
			im->failed = true;
			return;
		}
	}
	for (size_t c = 0; c < f->ncolumns; c++)
		if (msg[c])
			problem(im, f->kind, rec->line, f->columns[c].name, msg[c]);
	/* Referenceable records are remembered; a row not written still "exists" (id 0)
	 * so that rows referring to it give no second message. Rows of kinds nothing refers
	 * to need remembering only when not written: written ones the store finds. */
	/* A ref refused only for its reserved "ipsdesk-" prefix still names the row: the
	 * rows referring to it must not get a second message for the same mistake. */
	const char *why;
	bool exists = own && (!msg[0] || (ref_is_reserved(own) && valid_ref(own, &why) &&
					  !strmap_get(im->refs[f->kind], own)));
	if (exists && (f->kind < IC_CONTACT || id == 0)) {
		struct strmap_val *val = strmap_put(im->refs[f->kind], own, NULL);
		val->id = id;
		val->line = rec->line;
		if (f->kind == IC_STAFF) {
			const char *role = v[ic_column_index(f, "role")].text;
			val->flags = role_unread || (role && strcmp(role, "specialist") == 0);
		}
	}
}

/* Reads one file: header, then rows. Returns the number of data rows read. */
static size_t import_file(struct importer *im, const struct ic_file *f, struct csv_reader *rd)
{
	struct csv_record rec;
	int got = csv_read(rd, &rec);
	size_t rows = 0;
	if (got <= 0 || got == CSV_SKIPPED) {
		/* no header to read the rows by: one message for the file */
		const struct csv_error *e = csv_error(rd);
		problem(im, f->kind, got ? e->line : 1, "-",
			got ? e->message : "the file is empty: it needs at least its header row");
		return 0;
	}
	size_t nheader = rec.n;
	int *map = arena_alloc(im->app->arena, nheader * sizeof *map);
	int field_of[IC_MAX_COLUMNS];
	read_header(im, f, &rec, map, field_of);
	while (!im->failed && (got = csv_read(rd, &rec)) > 0) {
		rows++;
		if (got == CSV_SKIPPED) {
			/* a record that cannot be read (stray quote, bad UTF-8...): one message,
			 * and the rows after it are still read */
			const struct csv_error *e = csv_error(rd);
			problem(im, f->kind, e->line, "-", e->message);
			continue;
		}
		import_row(im, f, &rec, field_of, nheader);
	}
	if (got < 0) {
		const struct csv_error *e = csv_error(rd);
		problem(im, f->kind, e->line, "-", e->message);
	}
	return rows;
}

/* The size of an import file in bytes (0 when it cannot be told). */
static size_t source_bytes(const struct import_source *src, int k)
{
	struct stat st;
	if (src->mem[k])
		return src->len[k];
	if (src->fp[k] && fstat(fileno(src->fp[k]), &st) == 0 && S_ISREG(st.st_mode))
		return (size_t)st.st_size;
	return 0;
}

struct result app_import(struct app *app, const struct actor *who, const struct import_source *src,
			 bool dry_run, struct import_report *out)
{
	struct result r = result_new(app->arena);
	memset(out, 0, sizeof *out);
	out->problems = arena_alloc(app->arena, IMPORT_KEEP_PROBLEMS * sizeof *out->problems);
	if (!(who->role & ROLE_ADMIN)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	struct importer im = {.app = app, .who = who, .out = out};
	for (int k = 0; k < IC_NKINDS; k++)
		im.refs[k] = strmap_new(app->arena);
	store_bulk(app->store, true);
	int rc = store_begin(app->store);
	if (rc != IPS_OK) {
		store_bulk(app->store, false);
		result_set(&r, RES_FAILED, "The database is busy: try again");
		return r;
	}
	for (int k = 0; k < IC_NKINDS && !im.failed; k++) {
		if (!src->fp[k] && !src->mem[k])
			continue;
		const struct ic_file *f = &IC_FILES[k];
		const struct csv_limits lim = {.recover = true};
		struct csv_reader *rd = src->fp[k] ? csv_reader_open_file(src->fp[k], &lim)
						   : csv_reader_open_mem(src->mem[k], src->len[k], &lim);
		size_t before = out->nproblems;
		out->present[k] = true;
		/* Contacts are loaded through store_ic_defer: what their triggers do row by
		 * row is done once at the end, and a large load (more than are stored, and
		 * many) builds their indexes once at the end too. */
		if (k == IC_CONTACT) {
			int64_t stored = 0;
			size_t estimate = source_bytes(src, k) / 64;   /* a contact row is 50-70 bytes */
			bool indexes = estimate >= 20000 && store_ic_count(app->store, IC_CONTACT, &stored) == IPS_OK &&
				       (int64_t)estimate > stored;
			if (store_ic_defer(app->store, app->arena, indexes, &im.load) != IPS_OK)
				im.failed = true;
		}
		if (!im.failed)
			out->rows[k] = import_file(&im, f, rd);
		csv_reader_free(rd);
		/* Nothing will be kept when anything was wrong: the rollback puts it all back. */
		if (store_ic_restore(im.load, !im.failed && !out->nproblems && !dry_run) != IPS_OK)
			im.failed = true;
		im.load = NULL;
		if (out->nproblems == before && out->rows[k]) {
			/* one audit entry per file: bulk loads are audited as loads, not row by row */
			char *fields = arena_printf(app->arena, "rows=%zu", out->rows[k]);
			if (app_audit(app, who, "import", f->file, 0, fields) != IPS_OK)
				im.failed = true;
		}
	}
	if (im.failed) {
		store_rollback(app->store);
		result_set(&r, RES_FAILED, store_errmsg(app->store));
	} else if (out->nproblems || dry_run) {
		store_rollback(app->store);
		if (out->nproblems)
			result_set(&r, RES_INVALID, "The files have problems: nothing was imported");
	} else if (store_commit(app->store) != IPS_OK) {
		store_rollback(app->store);
		result_set(&r, RES_FAILED, "The import could not be saved");
	}
	store_bulk(app->store, false);
	return r;
}
