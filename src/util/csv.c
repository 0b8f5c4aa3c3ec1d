/* util/csv.c — streaming RFC 4180 reader and quoting writer for spec/interchange.md.
 *
 * The reader is one byte-at-a-time state machine over a chunk of input (the caller's
 * memory, or a buffer refilled from a FILE*), so a record may span any number of
 * chunks and memory stays bounded by the record limit whatever the file holds. Each
 * byte is checked in a fixed order: UTF-8 well-formedness (a small validator that
 * carries its state from byte to byte), NUL, the record length, then its meaning in
 * the current state; a run of plain ASCII inside an unquoted field, which only the
 * record length can refuse, is copied at once (plain_run). Field contents are copied,
 * unquoted, into one record buffer, one after another, each followed by a NUL; the
 * field array is filled with pointers into it only when the record is complete, so
 * growing the buffer never leaves a dangling pointer.
 *
 * It must never read past the input it was given, hold more than one record, accept
 * what csv.h says it refuses, or go on after an error. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/buf.h"
#include "util/csv.h"

enum state {
	S_REC_START,   /* before a record: a line ending here is a blank line */
	S_BLANK_CR,    /* a CR at the start of a line: only LF may follow */
	S_FIELD_START, /* the first byte of a field */
	S_UNQUOTED,    /* inside an unquoted field */
	S_QUOTED,      /* inside a quoted field */
	S_QUOTE_SEEN,  /* a quote inside a quoted field: "" or the closing one */
	S_CR_END       /* a CR that ended the record's last field: only LF may follow */
};

struct csv_reader {
	struct csv_limits lim;
	FILE *fp;                  /* NULL for a memory reader */
	const unsigned char *in;   /* the current input: chunk, or the caller's data */
	unsigned char *chunk;      /* FILE readers: owned buffer of chunk_cap bytes */
	size_t chunk_cap;
	size_t pos, end;           /* in[pos..end) is still to be read */
	bool eof;                  /* nothing more after in[end] */
	bool started;              /* the byte-order mark has been looked for */
	int status;                /* 0 reading, 1 at end, -1 failed */
	bool skip_line;            /* recovering: drop bytes up to and including the next LF */
	int last_c;                /* the byte being read when a problem was found */
	long line;                 /* physical line of in[pos] */
	long rec_line;             /* line where the current record starts */

	char *rec;                 /* field contents, each followed by NUL */
	size_t rec_len, rec_cap;
	struct csv_field *fields;
	size_t nfields, fields_cap;

	struct csv_error err;
};

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fputs("ipsdesk: out of memory\n", stderr);
		abort();
	}
	return p;
}

static struct csv_reader *reader_new(const struct csv_limits *limits)
{
	struct csv_reader *r = xrealloc(NULL, sizeof *r);
	memset(r, 0, sizeof *r);
	if (limits)
		r->lim = *limits;
	if (!r->lim.max_record)
		r->lim.max_record = CSV_MAX_RECORD_DEFAULT;
	if (r->lim.max_record > SIZE_MAX / 4)
		r->lim.max_record = SIZE_MAX / 4;
	if (!r->lim.max_fields)
		r->lim.max_fields = CSV_MAX_FIELDS_DEFAULT;
	if (r->lim.max_fields > SIZE_MAX / 4 / sizeof(struct csv_field))
		r->lim.max_fields = SIZE_MAX / 4 / sizeof(struct csv_field);
	if (!r->lim.chunk)
		r->lim.chunk = CSV_CHUNK_DEFAULT;
	r->line = 1;
	r->rec_line = 1;
	return r;
}

struct csv_reader *csv_reader_open_file(FILE *fp, const struct csv_limits *limits)
{
	struct csv_reader *r = reader_new(limits);
	r->fp = fp;
	/* At least 4 bytes, so the byte-order mark fits even with a tiny chunk. */
	r->chunk_cap = r->lim.chunk < 4 ? 4 : r->lim.chunk;
	r->chunk = xrealloc(NULL, r->chunk_cap);
	r->in = r->chunk;
	return r;
}

struct csv_reader *csv_reader_open_mem(const char *data, size_t len, const struct csv_limits *limits)
{
	struct csv_reader *r = reader_new(limits);
	r->in = (const unsigned char *)data;
	r->end = data ? len : 0;
	r->eof = true;
	return r;
}

void csv_reader_free(struct csv_reader *r)
{
	if (!r)
		return;
	free(r->chunk);
	free(r->rec);
	free(r->fields);
	free(r);
}

const struct csv_error *csv_error(const struct csv_reader *r)
{
	return &r->err;
}

size_t csv_reader_memory(const struct csv_reader *r)
{
	return sizeof *r + (r->chunk ? r->chunk_cap : 0) + r->rec_cap +
	       r->fields_cap * sizeof *r->fields;
}

/* Records the error and returns -1, stopping the reader; or, when it recovers from
 * this kind of error, returns CSV_SKIPPED and arranges to resume after the next LF.
 * at_line is where the problem is. */
static int fail(struct csv_reader *r, enum csv_errcode code, long at_line, const char *msg)
{
	bool go_on = r->lim.recover && code != CSV_E_IO && code != CSV_E_UNTERMINATED;
	r->status = go_on ? 0 : -1;
	if (go_on) {
		if (r->last_c == '\n')
			r->line++;          /* the problem byte ended the line: resume on the next */
		else
			r->skip_line = true;
	}
	r->err.code = code;
	r->err.line = r->rec_line;
	r->err.at_line = at_line;
	if (at_line != r->rec_line)
		snprintf(r->err.message, sizeof r->err.message, "%s (on line %ld)", msg, at_line);
	else
		snprintf(r->err.message, sizeof r->err.message, "%s", msg);
	return go_on ? CSV_SKIPPED : -1;
}

/* Makes in[pos..end) non-empty if the input has more. Returns 1 when it did, 0 at end
 * of input, -1 on a read error (recorded). Only called with pos == end. */
static int refill(struct csv_reader *r)
{
	if (r->eof)
		return 0;
	size_t n = fread(r->chunk, 1, r->lim.chunk < r->chunk_cap ? r->lim.chunk : r->chunk_cap, r->fp);
	if (n == 0) {
		if (ferror(r->fp)) {
			char msg[80];
			snprintf(msg, sizeof msg, "read error: %s", strerror(errno));
			return fail(r, CSV_E_IO, r->line, msg);
		}
		r->eof = true;
		return 0;
	}
	r->pos = 0;
	r->end = n;
	return 1;
}

/* Skips a byte-order mark at the very start. Returns 0, or -1 on a read error. */
static int skip_bom(struct csv_reader *r)
{
	r->started = true;
	/* Gather up to 3 bytes (FILE readers start empty; a chunk may be 1 byte). */
	while (r->fp && !r->eof && r->end < 3) {
		size_t want = r->chunk_cap - r->end;
		if (want > r->lim.chunk)
			want = r->lim.chunk;
		size_t n = fread(r->chunk + r->end, 1, want, r->fp);
		if (n == 0) {
			if (ferror(r->fp)) {
				char msg[80];
				snprintf(msg, sizeof msg, "read error: %s", strerror(errno));
				return fail(r, CSV_E_IO, r->line, msg);
			}
			r->eof = true;
		}
		r->end += n;
	}
	if (r->end - r->pos >= 3 && r->in[r->pos] == 0xef && r->in[r->pos + 1] == 0xbb &&
	    r->in[r->pos + 2] == 0xbf)
		r->pos += 3;
	return 0;
}

/* Room for one more byte in the record buffer. The buffer never needs more than
 * max_record + 1 bytes: a record of L bytes and n fields has at most L - (n - 1)
 * content bytes (the commas are not copied) plus n NULs. */
static void rec_grow(struct csv_reader *r)
{
	size_t limit = r->lim.max_record + 1;
	size_t cap = r->rec_cap ? r->rec_cap * 2 : 1024;
	if (cap > limit)
		cap = limit;
	if (cap < r->rec_len + 1)
		cap = r->rec_len + 1;
	r->rec = xrealloc(r->rec, cap);
	r->rec_cap = cap;
}

static inline void rec_put(struct csv_reader *r, unsigned char c)
{
	if (r->rec_len == r->rec_cap)
		rec_grow(r);
	r->rec[r->rec_len++] = (char)c;
}

/* A byte that means nothing but itself inside an unquoted field: ASCII other than NUL,
 * comma, quote, CR and LF. No rule but the record length can refuse one. */
static inline bool plain(unsigned char c)
{
	return c >= 0x01 && c <= 0x7f && c != ',' && c != '"' && c != '\r' && c != '\n';
}

/* Inside an unquoted field, with no UTF-8 sequence open: copies the run of plain bytes
 * that starts at in[pos], within the current input and without taking the record past
 * max_record bytes (raw so far), and returns its length. Each of those bytes would
 * have been copied, and counted, one by one: the next byte, which is not one of them
 * (or which would be one too many), goes through every rule as usual. */
static size_t plain_run(struct csv_reader *r, size_t raw)
{
	size_t room = r->lim.max_record - raw, n = 0;
	const unsigned char *p = r->in + r->pos;
	size_t avail = r->end - r->pos;
	if (avail > room)
		avail = room;
	while (n < avail && plain(p[n]))
		n++;
	if (!n)
		return 0;
	/* rec_len never exceeds raw, so n more bytes fit within the max_record + 1 that
	 * rec_grow allows; should that ever not hold, grow to fit rather than loop. */
	while (r->rec_cap - r->rec_len < n) {
		size_t before = r->rec_cap;
		rec_grow(r);
		if (r->rec_cap == before) {
			r->rec = xrealloc(r->rec, r->rec_len + n);
			r->rec_cap = r->rec_len + n;
		}
	}
	memcpy(r->rec + r->rec_len, p, n);
	r->rec_len += n;
	r->pos += n;
	return n;
}

/* Ends the field that started at rec[start]: NUL-terminates it and notes its length. */
static void field_end(struct csv_reader *r, size_t start, bool quoted)
{
	size_t len = r->rec_len - start;
	rec_put(r, 0);
	if (r->nfields == r->fields_cap) {
		size_t cap = r->fields_cap ? r->fields_cap * 2 : 16;
		if (cap > r->lim.max_fields)
			cap = r->lim.max_fields;
		if (cap <= r->nfields)
			cap = r->nfields + 1;
		r->fields = xrealloc(r->fields, cap * sizeof *r->fields);
		r->fields_cap = cap;
	}
	r->fields[r->nfields++] = (struct csv_field){.p = NULL, .len = len, .quoted = quoted};
}

/* Hands the finished record out: fields point into the record buffer, in order. */
static int record_done(struct csv_reader *r, struct csv_record *out)
{
	const char *p = r->rec;
	for (size_t i = 0; i < r->nfields; i++) {
		r->fields[i].p = p;
		p += r->fields[i].len + 1;
	}
	out->fields = r->fields;
	out->n = r->nfields;
	out->line = r->rec_line;
	return 1;
}

int csv_read(struct csv_reader *r, struct csv_record *out)
{
	if (r->status)
		return r->status > 0 ? 0 : -1;
	if (!r->started && skip_bom(r) < 0)
		return -1;
	/* Recovering from a record that could not be read: its line is dropped unread,
	 * counted but neither stored nor checked (memory stays bounded). */
	while (r->skip_line) {
		int c;
		if (r->pos < r->end) {
			c = r->in[r->pos++];
		} else {
			int k = refill(r);
			if (k < 0)
				return -1;
			if (k == 0) {
				r->skip_line = false;
				r->status = 1;
				return 0;
			}
			c = r->in[r->pos++];
		}
		if (c == '\n') {
			r->line++;
			r->skip_line = false;
		}
	}
	r->last_c = -1;

	enum state s = S_REC_START;
	unsigned need = 0;                    /* UTF-8 continuation bytes still due */
	unsigned char lo = 0x80, hi = 0xbf;   /* range of the next continuation byte */
	size_t raw = 0;                       /* bytes of the record so far */
	size_t fstart = 0;                    /* where the current field's content starts */
	bool fquoted = false;
	long quote_line = 0;
	r->rec_len = 0;
	r->nfields = 0;
	r->rec_line = r->line;

	for (;;) {
		int c;
		if (s == S_UNQUOTED && !need)
			raw += plain_run(r, raw);
		if (r->pos < r->end) {
			c = r->in[r->pos++];
		} else {
			int k = refill(r);
			if (k < 0)
				return -1;
			c = k ? r->in[r->pos++] : -1;
		}

		r->last_c = c;
		if (c < 0) {   /* end of input */
			if (need)
				return fail(r, CSV_E_UTF8, r->line, "invalid UTF-8");
			switch (s) {
			case S_REC_START:
				r->status = 1;
				return 0;
			case S_BLANK_CR:
			case S_CR_END:
				return fail(r, CSV_E_LONE_CR, r->line,
					    "carriage return without a line feed (line endings must be LF or CRLF)");
			case S_QUOTED:
				return fail(r, CSV_E_UNTERMINATED, quote_line, "unterminated quoted field");
			case S_FIELD_START:
			case S_UNQUOTED:
			case S_QUOTE_SEEN:
				field_end(r, fstart, fquoted);
				return record_done(r, out);
			}
		}

		/* 1. UTF-8 (Unicode Table 3-7: no overlongs, surrogates or > U+10FFFF). */
		if (need) {
			if (c < lo || c > hi)
				return fail(r, CSV_E_UTF8, r->line, "invalid UTF-8");
			need--;
			lo = 0x80, hi = 0xbf;
		} else if (c >= 0x80) {
			if (c >= 0xc2 && c <= 0xdf)
				need = 1;
			else if (c == 0xe0)
				need = 2, lo = 0xa0;
			else if (c == 0xed)
				need = 2, hi = 0x9f;
			else if (c >= 0xe1 && c <= 0xef)
				need = 2;
			else if (c == 0xf0)
				need = 3, lo = 0x90;
			else if (c >= 0xf1 && c <= 0xf3)
				need = 3;
			else if (c == 0xf4)
				need = 3, hi = 0x8f;
			else
				return fail(r, CSV_E_UTF8, r->line, "invalid UTF-8");
		}
		/* 2. NUL. */
		if (c == 0)
			return fail(r, CSV_E_NUL, r->line, "NUL byte (the file is not text)");

		/* 3. Record length: every byte but the line ending that ends the record. */
		if (s != S_REC_START && s != S_BLANK_CR && s != S_CR_END &&
		    (s == S_QUOTED || (c != '\n' && c != '\r'))) {
			if (++raw > r->lim.max_record) {
				char msg[64];
				snprintf(msg, sizeof msg, "record longer than %zu bytes", r->lim.max_record);
				return fail(r, CSV_E_TOO_LONG, r->line, msg);
			}
		}

		/* 4. What the byte means. */
		switch (s) {
		case S_REC_START:
			if (c == '\n') {
				r->line++;
				r->rec_line = r->line;
				continue;
			}
			if (c == '\r') {
				s = S_BLANK_CR;
				continue;
			}
			/* The record starts here: this byte is its first. */
			if (++raw > r->lim.max_record) {
				char msg[64];
				snprintf(msg, sizeof msg, "record longer than %zu bytes", r->lim.max_record);
				return fail(r, CSV_E_TOO_LONG, r->line, msg);
			}
			s = S_FIELD_START;
			/* fall through */
		case S_FIELD_START:
			if (c == '"') {
				fquoted = true;
				quote_line = r->line;
				s = S_QUOTED;
				continue;
			}
			if (c != ',' && c != '\n' && c != '\r') {
				rec_put(r, (unsigned char)c);
				s = S_UNQUOTED;
				continue;
			}
			break;   /* a separator: handled below */
		case S_UNQUOTED:
			if (c == '"')
				return fail(r, CSV_E_STRAY_QUOTE, r->line, "stray quote in an unquoted field");
			if (c != ',' && c != '\n' && c != '\r') {
				rec_put(r, (unsigned char)c);
				continue;
			}
			break;
		case S_QUOTED:
			if (c == '"') {
				s = S_QUOTE_SEEN;
				continue;
			}
			rec_put(r, (unsigned char)c);
			if (c == '\n')
				r->line++;
			continue;
		case S_QUOTE_SEEN:
			if (c == '"') {
				rec_put(r, '"');
				s = S_QUOTED;
				continue;
			}
			if (c != ',' && c != '\n' && c != '\r')
				return fail(r, CSV_E_AFTER_QUOTE, r->line,
					    "text after the closing quote of a quoted field");
			break;
		case S_BLANK_CR:
			if (c != '\n')
				return fail(r, CSV_E_LONE_CR, r->line,
					    "carriage return without a line feed (line endings must be LF or CRLF)");
			r->line++;
			r->rec_line = r->line;
			s = S_REC_START;
			continue;
		case S_CR_END:
			if (c != '\n')
				return fail(r, CSV_E_LONE_CR, r->line,
					    "carriage return without a line feed (line endings must be LF or CRLF)");
			r->line++;
			return record_done(r, out);
		}

		/* A comma, CR or LF outside quotes: the field ends. */
		field_end(r, fstart, fquoted);
		fstart = r->rec_len;
		fquoted = false;
		if (c == ',') {
			if (r->nfields >= r->lim.max_fields) {
				char msg[64];
				snprintf(msg, sizeof msg, "more than %zu fields", r->lim.max_fields);
				return fail(r, CSV_E_TOO_MANY_FIELDS, r->line, msg);
			}
			s = S_FIELD_START;
		} else if (c == '\r') {
			s = S_CR_END;
		} else {
			r->line++;
			return record_done(r, out);
		}
	}
}

/* ---- writer ------------------------------------------------------------------ */

void csv_write_field(struct buf *b, const char *value, size_t len)
{
	if (!value || !len)
		return;
	bool quote = b->len == 0 && len >= 3 && memcmp(value, "\xef\xbb\xbf", 3) == 0;
	for (size_t i = 0; i < len && !quote; i++) {
		char c = value[i];
		quote = c == ',' || c == '"' || c == '\r' || c == '\n';
	}
	if (!quote) {
		buf_add(b, value, len);
		return;
	}
	buf_addc(b, '"');
	size_t from = 0;
	for (size_t i = 0; i < len; i++) {
		if (value[i] == '"') {
			buf_add(b, value + from, i + 1 - from);   /* up to and with the quote */
			from = i;                                 /* ...which goes again */
		}
	}
	buf_add(b, value + from, len - from);
	buf_addc(b, '"');
}

void csv_write_record(struct buf *b, const char *const *values, size_t n)
{
	if (n == 0)
		return;
	if (n == 1 && (!values[0] || !values[0][0])) {
		buf_add(b, "\"\"\n", 3);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addc(b, ',');
		if (values[i])
			csv_write_field(b, values[i], strlen(values[i]));
	}
	buf_addc(b, '\n');
}
