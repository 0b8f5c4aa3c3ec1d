/* tests/fuzz/fuzz_csv.c — libFuzzer harness for the CSV interchange reader
 * (util/csv.h) and the per-field rules of the importer (core/interchange.h): what
 * `ipsdesk import` reads from files other programs wrote.
 *
 * The input bytes are one CSV file. Beyond "does not crash under ASan/UBSan", it
 * checks the contract in csv.h:
 *   - every record has 1..max_fields fields, each valid UTF-8 with no NUL inside and
 *     len == strlen; records start on increasing lines, never past the last line;
 *     after the end or an error, csv_read keeps returning the same;
 *   - reading from memory and from a FILE in tiny chunks gives the same records,
 *     lines and error (chunk boundaries must not matter);
 *   - tighter limits give a prefix of the same records, then either the same ending
 *     or a limit error (too long / too many fields);
 *   - memory held stays bounded by the limits;
 *   - a file read without error, written back with csv_write_record and read again,
 *     gives the same fields;
 *   - each field checked by ic_check_field against some column either passes with a
 *     value of the column's type or gets a message (non-empty, valid UTF-8, < 160).
 * It must never depend on anything but util/{csv,buf,kv,arena}.c and core/{interchange,
 * codes,date,nhs_number,validate}.c. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* fmemopen */
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/interchange.h"
#include "core/nhs_number.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/kv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                   \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "fuzz_csv: check failed at line %d: %s\n",    \
				__LINE__, #cond);                                     \
			abort();                                                      \
		}                                                                     \
	} while (0)

/* One run of a reader, deep-copied (records are only valid until the next read). */
struct run {
	struct rec {
		char **f;      /* NUL-terminated copies */
		size_t *len;
		size_t n;
		long line;
	} *r;
	size_t n, cap;
	int end;       /* 0 or -1: what csv_read returned last */
	struct csv_error err;
};

static void run_free(struct run *u)
{
	for (size_t i = 0; i < u->n; i++) {
		for (size_t j = 0; j < u->r[i].n; j++)
			free(u->r[i].f[j]);
		free(u->r[i].f);
		free(u->r[i].len);
	}
	free(u->r);
	memset(u, 0, sizeof *u);
}

/* Reads everything from rd into u, checking each record on the way. */
static void run_read(struct csv_reader *rd, const struct csv_limits *lim, long lines,
		     struct run *u)
{
	size_t max_fields = lim && lim->max_fields ? lim->max_fields : CSV_MAX_FIELDS_DEFAULT;
	size_t max_record = lim && lim->max_record ? lim->max_record : CSV_MAX_RECORD_DEFAULT;
	memset(u, 0, sizeof *u);
	long last_line = 0;
	struct csv_record rec;
	int rc;
	while ((rc = csv_read(rd, &rec)) == 1) {
		CHECK(rec.n >= 1 && rec.n <= max_fields && rec.fields != NULL);
		CHECK(rec.line > last_line && rec.line <= lines);
		last_line = rec.line;
		CHECK(csv_reader_memory(rd) <= 2 * (max_record + (64 << 10) + 24 * max_fields) + 4096);
		if (u->n == u->cap) {
			u->cap = u->cap ? 2 * u->cap : 16;
			u->r = realloc(u->r, u->cap * sizeof *u->r);
			CHECK(u->r);
		}
		struct rec *r = &u->r[u->n++];
		r->n = rec.n;
		r->line = rec.line;
		r->f = calloc(rec.n, sizeof *r->f);
		r->len = calloc(rec.n, sizeof *r->len);
		CHECK(r->f && r->len);
		for (size_t j = 0; j < rec.n; j++) {
			const struct csv_field *f = &rec.fields[j];
			CHECK(f->p != NULL && strlen(f->p) == f->len);
			CHECK(utf8_valid(f->p, f->len));
			r->f[j] = malloc(f->len + 1);
			CHECK(r->f[j]);
			memcpy(r->f[j], f->p, f->len + 1);
			r->len[j] = f->len;
		}
	}
	CHECK(rc == 0 || rc == -1);
	u->end = rc;
	u->err = *csv_error(rd);
	if (rc == 0) {
		CHECK(u->err.code == CSV_E_NONE);
	} else {
		CHECK(u->err.code != CSV_E_NONE && u->err.code != CSV_E_IO);
		CHECK(u->err.line >= 1 && u->err.line > (u->n ? u->r[u->n - 1].line : 0) - 1);
		CHECK(u->err.at_line >= u->err.line && u->err.at_line <= lines);
		size_t ml = strnlen(u->err.message, sizeof u->err.message);
		CHECK(ml > 0 && ml < sizeof u->err.message);
	}
	/* After the end or an error, every later call says the same. */
	CHECK(csv_read(rd, &rec) == rc);
	CHECK(csv_read(rd, &rec) == rc);
}

static bool same_rec(const struct rec *a, const struct rec *b, bool lines)
{
	if (a->n != b->n || (lines && a->line != b->line))
		return false;
	for (size_t j = 0; j < a->n; j++)
		if (a->len[j] != b->len[j] || memcmp(a->f[j], b->f[j], a->len[j]) != 0)
			return false;
	return true;
}

static void check_fields(const struct run *u)
{
	for (size_t i = 0; i < u->n; i++) {
		const struct ic_file *file = &IC_FILES[i % IC_NKINDS];
		for (size_t j = 0; j < u->r[i].n; j++) {
			const struct ic_column *c = &file->columns[j % file->ncolumns];
			const char *text = u->r[i].f[j];
			struct ic_value v;
			char msg[160];
			memset(msg, 'x', sizeof msg);
			const char *why = ic_check_field(c, text, &v, msg);
			if (why) {
				size_t wl = strnlen(why, 160);
				CHECK(wl > 0 && wl < 160);
				CHECK(utf8_valid(why, wl));
				continue;
			}
			if (!v.text)
				continue;
			switch (c->type) {
			case ICT_DATE:
				CHECK(date_parse(v.text, NULL));
				break;
			case ICT_NHS_NUMBER:
				CHECK(nhs_number_valid(v.digits) && strcmp(v.text, v.digits) == 0);
				break;
			case ICT_BOOL:
				CHECK(v.num == 0 || v.num == 1);
				break;
			case ICT_DECIMAL:
			case ICT_COUNT:
				CHECK(v.num >= c->min && v.num <= c->max);
				break;
			case ICT_JOB_TYPE:
				CHECK(strlen(v.text) == 4);
				break;
			default:
				break;
			}
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size heap copy: the reader must not look past len (no NUL after it). */
	char *in = malloc(size ? size : 1);
	CHECK(in);
	if (size)
		memcpy(in, data, size);
	long lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += in[i] == '\n';

	/* A: from memory, default limits. */
	struct run a;
	struct csv_reader *rd = csv_reader_open_mem(in, size, NULL);
	run_read(rd, NULL, lines, &a);
	csv_reader_free(rd);

	/* B: from a FILE in chunks of 1-7 bytes: the same records, lines and error. */
	if (size) {
		FILE *fp = fmemopen(in, size, "r");
		CHECK(fp);
		struct csv_limits lim = {.chunk = 1 + size % 7};
		struct run b;
		rd = csv_reader_open_file(fp, &lim);
		run_read(rd, &lim, lines, &b);
		csv_reader_free(rd);
		fclose(fp);
		CHECK(b.n == a.n && b.end == a.end && b.err.code == a.err.code);
		CHECK(b.err.line == a.err.line && b.err.at_line == a.err.at_line);
		for (size_t i = 0; i < a.n; i++)
			CHECK(same_rec(&a.r[i], &b.r[i], true));
		run_free(&b);
	}

	/* C: tight limits: a prefix of A, then A's ending or a limit error. */
	{
		struct csv_limits lim = {.max_record = 32, .max_fields = 4};
		struct run c;
		rd = csv_reader_open_mem(in, size, &lim);
		run_read(rd, &lim, lines, &c);
		csv_reader_free(rd);
		CHECK(c.n <= a.n);
		for (size_t i = 0; i < c.n; i++)
			CHECK(same_rec(&a.r[i], &c.r[i], true));
		if (c.err.code != CSV_E_TOO_LONG && c.err.code != CSV_E_TOO_MANY_FIELDS)
			CHECK(c.n == a.n && c.end == a.end && c.err.code == a.err.code &&
			      c.err.line == a.err.line);
		run_free(&c);
	}

	/* D: a clean read written back and read again gives the same fields. */
	if (a.end == 0) {
		struct buf out = BUF_INIT;
		for (size_t i = 0; i < a.n; i++)
			csv_write_record(&out, (const char *const *)a.r[i].f, a.r[i].n);
		struct run d;
		long dlines = 1;
		for (size_t i = 0; i < out.len; i++)
			dlines += out.p[i] == '\n';
		rd = csv_reader_open_mem(buf_str(&out), out.len, NULL);
		run_read(rd, NULL, dlines, &d);
		csv_reader_free(rd);
		CHECK(d.end == 0 && d.n == a.n);
		for (size_t i = 0; i < a.n; i++)
			CHECK(same_rec(&a.r[i], &d.r[i], false));
		run_free(&d);
		buf_free(&out);
	}

	check_fields(&a);
	run_free(&a);
	free(in);
	return 0;
}
