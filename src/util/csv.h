/* util/csv.h — the CSV of spec/interchange.md (RFC 4180, UTF-8): a streaming reader
 * that yields one record at a time with the physical line it starts on, and a writer
 * that quotes only when it must.
 *
 * The reader never trusts its input: it holds at most one record in memory (bounded by
 * csv_limits.max_record), refuses invalid UTF-8, NUL bytes and malformed quoting, and
 * stops at the first error. It never trims, never guesses a separator and never
 * repairs bad input. It knows nothing of columns, headers or nulls: that is the
 * importer's job.
 *
 * Reading rules (the importer relies on them):
 *   - A byte-order mark (EF BB BF) as the very first bytes of the input is skipped;
 *     anywhere else U+FEFF is ordinary data.
 *   - Line endings are LF or CRLF. A CR outside quotes that is not followed by LF
 *     (including one at end of input) is an error, CSV_E_LONE_CR. Inside quotes CR
 *     and LF are data, kept exactly as they are (CRLF inside quotes stays CRLF).
 *   - Physical lines are counted by LF bytes: line N starts after the (N-1)th LF.
 *     A record's line is the line of its first byte, so a quoted field holding line
 *     breaks pushes the following records' lines on. The BOM is not a line.
 *   - A blank line (nothing at all before its LF/CRLF, outside quotes) is skipped but
 *     counted. A line of spaces is not blank: it is a record of one field "   ".
 *   - A last line without a line ending is an ordinary record; "a," ends with an empty
 *     field. Every record has at least one field.
 *   - An empty field and "" both read as an empty string (len 0); csv_field.quoted
 *     tells them apart if a caller ever needs to.
 *   - Errors, each stopping the reader: invalid UTF-8 (overlong, surrogate, above
 *     U+10FFFF, truncated), a NUL byte, a quote inside an unquoted field (ab"c, or
 *     ` "a"` with a leading space), anything but a comma or line ending after a closing
 *     quote ("ab"c), a quoted field still open at end of input, a lone CR, a record
 *     longer than max_record bytes, more than max_fields fields, a read error.
 *     When one byte could break several rules, UTF-8 is checked first, then NUL, then
 *     the record length, then the byte's meaning.
 *   - A record's length counts every byte from its first byte up to, not including,
 *     the LF/CRLF that ends it (quotes, commas and line breaks inside quotes count).
 *     Memory held is at most about max_record + 64 KiB + 24 bytes per field.
 */
#ifndef IPS_CSV_H
#define IPS_CSV_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct buf;

#define CSV_MAX_RECORD_DEFAULT ((size_t)1 << 20)   /* bytes per record: 1 MiB */
#define CSV_MAX_FIELDS_DEFAULT ((size_t)1000)
#define CSV_CHUNK_DEFAULT      ((size_t)64 << 10)  /* bytes per fread */

/* Any member left 0 takes its default. */
struct csv_limits {
	size_t max_record;   /* longest record accepted, in bytes (see above) */
	size_t max_fields;   /* most fields in one record */
	size_t chunk;        /* FILE readers: bytes per fread (tests use tiny ones) */
	/* Go on after a record that cannot be read: csv_read returns CSV_SKIPPED for it
	 * (csv_error says why and where it started) and resumes after the next LF, so
	 * one bad record costs one message. Not for an unterminated quoted field (the
	 * rest of the input is inside it) or a read error: those still stop the reader. */
	bool recover;
};

#define CSV_SKIPPED 2

struct csv_field {
	const char *p;   /* NUL-terminated, valid UTF-8, no NUL inside; owned by the reader */
	size_t len;      /* 0 for both an empty field and "" */
	bool quoted;     /* the field was written in double quotes */
};

/* One record. Everything it points to is owned by the reader and stays valid until
 * the next csv_read or csv_reader_free on that reader: copy what you keep. */
struct csv_record {
	const struct csv_field *fields;
	size_t n;        /* >= 1 */
	long line;       /* 1-based physical line where the record starts */
};

enum csv_errcode {
	CSV_E_NONE = 0,
	CSV_E_IO,              /* the FILE* reported an error */
	CSV_E_UTF8,            /* invalid UTF-8 */
	CSV_E_NUL,             /* a NUL byte */
	CSV_E_STRAY_QUOTE,     /* a quote inside an unquoted field */
	CSV_E_AFTER_QUOTE,     /* text after a closing quote */
	CSV_E_UNTERMINATED,    /* a quoted field open at end of input */
	CSV_E_LONE_CR,         /* CR outside quotes not followed by LF */
	CSV_E_TOO_LONG,        /* record longer than max_record */
	CSV_E_TOO_MANY_FIELDS  /* more than max_fields fields */
};

struct csv_error {
	enum csv_errcode code;
	/* The line to report (FILE:LINE): the physical line where the record that holds
	 * the problem starts, like every other per-record problem in the spec. */
	long line;
	/* Where exactly: the line of the offending byte; for an unterminated quoted field,
	 * the line of its opening quote. Equal to line unless the record spans lines. */
	long at_line;
	char message[96];   /* plain English, no input bytes in it, e.g. "invalid UTF-8" */
};

struct csv_reader;

/* A reader over fp, which it reads in chunks and never closes or seeks. limits may
 * be NULL (defaults). Returns a heap object; free it with csv_reader_free. Never NULL
 * (aborts on out-of-memory, as util/buf does). */
struct csv_reader *csv_reader_open_file(FILE *fp, const struct csv_limits *limits);

/* A reader over data[0..len), which it does not copy: data must outlive the reader.
 * data need not be NUL-terminated. Otherwise as csv_reader_open_file. */
struct csv_reader *csv_reader_open_mem(const char *data, size_t len, const struct csv_limits *limits);

/* Reads the next record into *out. Returns 1 for a record, 0 at end of input, -1 on
 * an error (see csv_error); with limits.recover, CSV_SKIPPED for a record that could
 * not be read when reading can go on. After 0 or -1 every later call returns the
 * same. */
int csv_read(struct csv_reader *r, struct csv_record *out);

/* The error that made csv_read return -1; code CSV_E_NONE (line 0) if there was none. */
const struct csv_error *csv_error(const struct csv_reader *r);

/* Heap bytes the reader holds now (buffers included), for tests of bounded memory. */
size_t csv_reader_memory(const struct csv_reader *r);

/* Frees the reader and every record it handed out. NULL is allowed. */
void csv_reader_free(struct csv_reader *r);

/* Appends value[0..len) to b as one field, with no separator: in double quotes (each
 * quote doubled) when it holds a comma, quote, CR or LF, else as it is. NULL writes an
 * empty field (a null). One exception: when b is empty and the value starts with a
 * byte-order mark, it is quoted, or a reader would skip the mark.
 * The reader reads back the same bytes if value is valid UTF-8 without NUL. */
void csv_write_field(struct buf *b, const char *value, size_t len);

/* Appends one record: values[0..n) as fields (NUL-terminated; NULL is an empty
 * field), separated by commas, ended by LF. A record of one empty field is written as
 * "" so it is not read back as a blank line. n == 0 writes nothing. */
void csv_write_record(struct buf *b, const char *const *values, size_t n);

#endif
