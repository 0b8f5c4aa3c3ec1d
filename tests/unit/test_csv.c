/* tests/unit/test_csv.c — util/csv against spec/interchange.md: BOM, line endings,
 * quoting, physical line numbers, blank lines, every refusal (with the line it names),
 * the limits and bounded memory, and the writer's round trip.
 * Every input is read four ways (memory, and a FILE* with 1-, 3- and 64 KiB chunks)
 * and all four must agree, so chunk boundaries fall everywhere. */
#include "testutil.h"
#include <stdio.h>
#include <stdlib.h>
#include "util/buf.h"
#include "util/csv.h"

static const char *code_name(enum csv_errcode c)
{
	switch (c) {
	case CSV_E_NONE: return "NONE";
	case CSV_E_IO: return "IO";
	case CSV_E_UTF8: return "UTF8";
	case CSV_E_NUL: return "NUL";
	case CSV_E_STRAY_QUOTE: return "STRAY";
	case CSV_E_AFTER_QUOTE: return "AFTER";
	case CSV_E_UNTERMINATED: return "UNTERM";
	case CSV_E_LONE_CR: return "CR";
	case CSV_E_TOO_LONG: return "LONG";
	case CSV_E_TOO_MANY_FIELDS: return "FIELDS";
	}
	return "?";
}

/* Reads everything r gives into a compact description: each record as LINE then its
 * fields, [unquoted] or {quoted}, records separated by spaces; then on an error
 * " !LINE/AT_LINE CODE". Also checks the invariants every record must meet. */
static char *describe(struct csv_reader *r)
{
	struct buf b = BUF_INIT;
	struct csv_record rec;
	int rc;
	long last = 0;
	while ((rc = csv_read(r, &rec)) == 1) {
		assert_true(rec.n >= 1);
		assert_true(rec.line > last);
		last = rec.line;
		buf_printf(&b, "%s%ld", b.len ? " " : "", rec.line);
		for (size_t i = 0; i < rec.n; i++) {
			const struct csv_field *f = &rec.fields[i];
			assert_non_null(f->p);
			assert_int_equal(f->p[f->len], 0);
			assert_int_equal(strlen(f->p), f->len);
			buf_addc(&b, f->quoted ? '{' : '[');
			buf_add(&b, f->p, f->len);
			buf_addc(&b, f->quoted ? '}' : ']');
		}
	}
	if (rc < 0) {
		const struct csv_error *e = csv_error(r);
		assert_true(e->message[0] != 0);
		buf_printf(&b, "%s!%ld/%ld %s", b.len ? " " : "", e->line, e->at_line, code_name(e->code));
		assert_int_equal(csv_read(r, &rec), -1);   /* stays stopped */
	} else {
		assert_int_equal(rc, 0);
		assert_int_equal(csv_error(r)->code, CSV_E_NONE);
		assert_int_equal(csv_read(r, &rec), 0);    /* stays at end */
	}
	return buf_take(&b);
}

static FILE *file_of(const char *s, size_t n)
{
	FILE *fp = tmpfile();
	assert_non_null(fp);
	assert_int_equal(fwrite(s, 1, n, fp), n);
	rewind(fp);
	return fp;
}

/* Reads s[0..n) from memory and from a file with several chunk sizes; all must give
 * want. lim may be NULL. */
static void check_n(const char *s, size_t n, const struct csv_limits *lim, const char *want)
{
	struct csv_limits l = lim ? *lim : (struct csv_limits){0};
	struct csv_reader *r = csv_reader_open_mem(s, n, &l);
	char *got = describe(r);
	csv_reader_free(r);
	assert_string_equal(got, want);
	free(got);
	static const size_t chunks[] = {1, 3, 0};
	for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
		FILE *fp = file_of(s, n);
		l.chunk = chunks[i];
		r = csv_reader_open_file(fp, &l);
		got = describe(r);
		csv_reader_free(r);
		fclose(fp);
		assert_string_equal(got, want);
		free(got);
	}
}

static void check(const char *s, const char *want)
{
	check_n(s, strlen(s), NULL, want);
}

/* The error of reading s (which must fail). */
static struct csv_error error_of(const char *s, size_t n, const struct csv_limits *lim)
{
	struct csv_reader *r = csv_reader_open_mem(s, n, lim);
	struct csv_record rec;
	int rc;
	while ((rc = csv_read(r, &rec)) == 1)
		;
	assert_int_equal(rc, -1);
	struct csv_error e = *csv_error(r);
	csv_reader_free(r);
	return e;
}

static void test_line_endings_lf_crlf_and_mixed(void **state)
{
	(void)state;
	check("a,b\nc,d\n", "1[a][b] 2[c][d]");
	check("a,b\r\nc,d\r\n", "1[a][b] 2[c][d]");
	check("a,b\r\nc,d\ne,f\r\n", "1[a][b] 2[c][d] 3[e][f]");
	check("\"a\"\r\n\"b\"\n", "1{a} 2{b}");
	check("a,\r\n,b\r\n", "1[a][] 2[][b]");
}

static void test_bom_is_skipped_only_at_the_start(void **state)
{
	(void)state;
	check("\xef\xbb\xbf" "code,name\nS1,Site\n", "1[code][name] 2[S1][Site]");
	check("\xef\xbb\xbf", "");
	check("\xef\xbb\xbf\n\nx\n", "3[x]");
	check("\xef\xbb\xbf\"q\"\n", "1{q}");
	/* A second mark, or one later on, is data (U+FEFF is valid UTF-8). */
	check("\xef\xbb\xbf\xef\xbb\xbf" "a\n", "1[\xef\xbb\xbf" "a]");
	check("a,\xef\xbb\xbf\n", "1[a][\xef\xbb\xbf]");
	/* Half a mark is not a mark: it is invalid UTF-8. */
	check("\xef\xbb" "a\n", "!1/1 UTF8");
}

static void test_quoted_fields_hold_commas_quotes_and_line_breaks(void **state)
{
	(void)state;
	check("\"a,b\",\"say \"\"hi\"\"\",\"\"\"\"\n", "1{a,b}{say \"hi\"}{\"}");
	check("x,\"line1\nline2\nline3\",y\nnext,row\n",
	      "1[x]{line1\nline2\nline3}[y] 4[next][row]");
	/* CRLF inside quotes is data, kept as it is, and still one line break. */
	check("\"a\r\nb\"\r\nc\r\n", "1{a\r\nb} 3[c]");
	/* A lone CR inside quotes is data and not a line break. */
	check("\"a\rb\"\nc\n", "1{a\rb} 2[c]");
	/* Quoted line breaks and blank lines together. */
	check("h\n\n\"\n\n\"\n\nz\n", "1[h] 3{\n\n} 7[z]");
	check("\"\",\"\"\n", "1{}{}");
}

static void test_blank_lines_are_skipped_but_counted(void **state)
{
	(void)state;
	check("\n\na\n\n\nb\n\n", "3[a] 6[b]");
	check("\r\n\r\na\r\n\r\nb", "3[a] 5[b]");
	check("\n\n\n", "");
	check("", "");
	/* Values are never trimmed: spaces make a record. */
	check("a\n   \nb\n", "1[a] 2[   ] 3[b]");
	check(" , \n", "1[ ][ ]");
	/* A record of one empty quoted field is not blank. */
	check("\"\"\n", "1{}");
}

static void test_last_line_without_a_line_ending(void **state)
{
	(void)state;
	check("a,b\nc,d", "1[a][b] 2[c][d]");
	check("a,", "1[a][]");
	check("\"x\"", "1{x}");
	check("x", "1[x]");
}

static void test_empty_and_quoted_empty_fields(void **state)
{
	(void)state;
	check(",,\n", "1[][][]");
	check("a,,\"\",b\n", "1[a][]{}[b]");
	struct csv_reader *r = csv_reader_open_mem("a,,\"\"\n", 6, NULL);
	struct csv_record rec;
	assert_int_equal(csv_read(r, &rec), 1);
	assert_int_equal(rec.n, 3);
	assert_int_equal(rec.fields[1].len, 0);
	assert_int_equal(rec.fields[2].len, 0);
	assert_false(rec.fields[1].quoted);
	assert_true(rec.fields[2].quoted);
	assert_string_equal(rec.fields[2].p, "");
	csv_reader_free(r);
}

static void test_stray_quote_in_an_unquoted_field(void **state)
{
	(void)state;
	check("ok\nab\"c\n", "1[ok] !2/2 STRAY");
	check("a,b\"\n", "!1/1 STRAY");
	check(" \"a\"\n", "!1/1 STRAY");   /* a space before the quote: not a quoted field */
	struct csv_error e = error_of("x\n\nab\"c", 7, NULL);
	assert_int_equal(e.line, 3);
	assert_string_equal(e.message, "stray quote in an unquoted field");
}

static void test_text_after_a_closing_quote(void **state)
{
	(void)state;
	check("\"ab\"c\n", "!1/1 AFTER");
	check("a\n\"ab\" ,x\n", "1[a] !2/2 AFTER");
	/* Reported on the record's first line, with the exact line alongside. */
	check("\"a\nb\"c\n", "!1/2 AFTER");
	struct csv_error e = error_of("\"a\nb\"c\n", 7, NULL);
	assert_string_equal(e.message, "text after the closing quote of a quoted field (on line 2)");
}

static void test_unterminated_quoted_field(void **state)
{
	(void)state;
	check("a\n\"open\n", "1[a] !2/2 UNTERM");
	check("\"", "!1/1 UNTERM");
	check("x,\"a\"\"", "!1/1 UNTERM");
	/* at_line names the line of the opening quote. */
	check("a,\"b\nc\",\"d\ne\n\n", "!1/2 UNTERM");
	struct csv_error e = error_of("h\n\"no end", 9, NULL);
	assert_int_equal(e.line, 2);
	assert_string_equal(e.message, "unterminated quoted field");
}

static void test_lone_cr_is_an_error_outside_quotes(void **state)
{
	(void)state;
	check("a\rb\n", "!1/1 CR");
	check("a,b\r", "!1/1 CR");
	check("a\n\rb\n", "1[a] !2/2 CR");
	check("a\n\r", "1[a] !2/2 CR");
	check("\"a\"\rb\n", "!1/1 CR");
	check("a\r\r\n", "!1/1 CR");
}

static void test_invalid_utf8_is_refused_with_its_line(void **state)
{
	(void)state;
	check("caf\xc3\xa9,\xe2\x82\xac,\xf0\x9f\x98\x80,\xf4\x8f\xbf\xbf\n",
	      "1[caf\xc3\xa9][\xe2\x82\xac][\xf0\x9f\x98\x80][\xf4\x8f\xbf\xbf]");
	check("ok\n\xc0\x80\n", "1[ok] !2/2 UTF8");           /* overlong NUL */
	check("\xc1\xbf\n", "!1/1 UTF8");                     /* overlong */
	check("\xe0\x80\xaf\n", "!1/1 UTF8");                 /* overlong 3-byte */
	check("\xf0\x80\x80\xaf\n", "!1/1 UTF8");             /* overlong 4-byte */
	check("a,\xed\xa0\x80\n", "!1/1 UTF8");               /* surrogate U+D800 */
	check("\xed\xbf\xbf\n", "!1/1 UTF8");                 /* surrogate U+DFFF */
	check("\xf4\x90\x80\x80\n", "!1/1 UTF8");             /* above U+10FFFF */
	check("\xf5\x80\x80\x80\n", "!1/1 UTF8");
	check("\xff\n", "!1/1 UTF8");
	check("\x80\n", "!1/1 UTF8");                         /* lone continuation */
	check("a\xc3", "!1/1 UTF8");                          /* truncated at end of file */
	check("a\xe2\x82,b\n", "!1/1 UTF8");                  /* truncated before a comma */
	check("\"a\xc3\"\n", "!1/1 UTF8");                    /* truncated before a quote */
	check("\"x\ny\n\xe2\x28\xa1\"\n", "!1/3 UTF8");       /* in a quoted field, line 3 */
	struct csv_error e = error_of("a\n\n\xff", 4, NULL);
	assert_int_equal(e.line, 3);
	assert_int_equal(e.code, CSV_E_UTF8);
	assert_string_equal(e.message, "invalid UTF-8");
}

static void test_nul_byte_is_refused(void **state)
{
	(void)state;
	check_n("a\0b\n", 4, NULL, "!1/1 NUL");
	check_n("a\n\"\0\"\n", 6, NULL, "1[a] !2/2 NUL");
	check_n("\0", 1, NULL, "!1/1 NUL");
}

static void test_record_length_limit_is_exact(void **state)
{
	(void)state;
	struct csv_limits lim = {.max_record = 5};
	check_n("abcde\r\nabcdef\n", 14, &lim, "1[abcde] !2/2 LONG");
	check_n("a,b,c\nab,cd\n", 12, &lim, "1[a][b][c] 2[ab][cd]");
	check_n("\"a\"\"\"\n\"abcd\"\n", 12, &lim, "1{a\"} !2/2 LONG");   /* quotes count */
	check_n("\"a\nbc\"\n", 7, &lim, "!1/2 LONG");                    /* so do line breaks */
	check_n("abcde", 5, &lim, "1[abcde]");
	struct csv_error e = error_of("\n123456", 7, &lim);
	assert_int_equal(e.line, 2);
	assert_string_equal(e.message, "record longer than 5 bytes");
	e = error_of("x\n\"a\nb\nc\nd\"", 11, &lim);
	assert_string_equal(e.message, "record longer than 5 bytes (on line 4)");
}

/* A 10 MB line from a file is refused by line, without reading it all or holding it. */
static void test_ten_megabyte_line_is_refused_in_bounded_memory(void **state)
{
	(void)state;
	FILE *fp = tmpfile();
	assert_non_null(fp);
	fputs("code,name\n\n", fp);
	char block[4096];
	memset(block, 'x', sizeof block);
	for (int i = 0; i < 10 * 256; i++)
		assert_int_equal(fwrite(block, 1, sizeof block, fp), sizeof block);
	fputs("\nS2,after\n", fp);
	rewind(fp);

	struct csv_reader *r = csv_reader_open_file(fp, NULL);
	struct csv_record rec;
	assert_int_equal(csv_read(r, &rec), 1);
	assert_int_equal(rec.line, 1);
	assert_int_equal(csv_read(r, &rec), -1);
	const struct csv_error *e = csv_error(r);
	assert_int_equal(e->code, CSV_E_TOO_LONG);
	assert_int_equal(e->line, 3);
	assert_string_equal(e->message, "record longer than 1048576 bytes");
	assert_true(csv_reader_memory(r) < 2u << 20);
	assert_true(ftell(fp) < 2L << 20);   /* stopped soon after the limit */
	assert_int_equal(csv_read(r, &rec), -1);
	csv_reader_free(r);
	fclose(fp);

	/* A record of exactly 1 MiB is read, still in bounded memory; one byte more is not. */
	struct buf b = BUF_INIT;
	buf_adds(&b, "a,");
	for (size_t i = 0; i < (1u << 20) - 2; i++)
		buf_addc(&b, 'y');
	buf_adds(&b, "\r\nz\n");
	fp = file_of(b.p, b.len);
	r = csv_reader_open_file(fp, NULL);
	assert_int_equal(csv_read(r, &rec), 1);
	assert_int_equal(rec.n, 2);
	assert_int_equal(rec.fields[1].len, (1u << 20) - 2);
	assert_true(csv_reader_memory(r) < 2u << 20);
	assert_int_equal(csv_read(r, &rec), 1);
	assert_int_equal(rec.line, 2);
	csv_reader_free(r);
	fclose(fp);
	buf_reset(&b);
	buf_adds(&b, "a,");
	for (size_t i = 0; i < (1u << 20) - 1; i++)
		buf_addc(&b, 'y');
	struct csv_error e2 = error_of(b.p, b.len, NULL);
	assert_int_equal(e2.code, CSV_E_TOO_LONG);
	buf_free(&b);
}

static void test_field_count_limit(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	for (int i = 0; i < 1000; i++)
		buf_adds(&b, i ? ",f" : "f");
	buf_addc(&b, '\n');
	struct csv_reader *r = csv_reader_open_mem(b.p, b.len, NULL);
	struct csv_record rec;
	assert_int_equal(csv_read(r, &rec), 1);
	assert_int_equal(rec.n, 1000);
	assert_int_equal(csv_read(r, &rec), 0);
	csv_reader_free(r);

	buf_reset(&b);
	buf_adds(&b, "h\n");
	for (int i = 0; i < 1001; i++)
		buf_adds(&b, i ? "," : "");
	buf_addc(&b, '\n');
	struct csv_error e = error_of(b.p, b.len, NULL);
	assert_int_equal(e.code, CSV_E_TOO_MANY_FIELDS);
	assert_int_equal(e.line, 2);
	assert_string_equal(e.message, "more than 1000 fields");
	buf_free(&b);

	struct csv_limits lim = {.max_fields = 2};
	check_n("a,b\nc,d,e\n", 10, &lim, "1[a][b] !2/2 FIELDS");
	check_n("a,b\n,,\n", 7, &lim, "1[a][b] !2/2 FIELDS");
	check_n("\"a,b,c\",d\n", 10, &lim, "1{a,b,c}[d]");
}

static void test_fields_stay_valid_until_the_next_read(void **state)
{
	(void)state;
	/* Big enough that the record buffer grows while the record is read. */
	struct buf in = BUF_INIT;
	for (int i = 0; i < 300; i++)
		buf_printf(&in, "%s\"v%d,%d\"", i ? "," : "", i, i * 7);
	buf_adds(&in, "\nlast\n");
	struct csv_reader *r = csv_reader_open_mem(in.p, in.len, NULL);
	struct csv_record rec;
	assert_int_equal(csv_read(r, &rec), 1);
	assert_int_equal(rec.n, 300);
	char want[32];
	for (int i = 0; i < 300; i++) {
		snprintf(want, sizeof want, "v%d,%d", i, i * 7);
		assert_string_equal(rec.fields[i].p, want);
		assert_true(rec.fields[i].quoted);
	}
	assert_int_equal(csv_read(r, &rec), 1);
	assert_int_equal(rec.line, 2);
	assert_string_equal(rec.fields[0].p, "last");
	csv_reader_free(r);
	buf_free(&in);
}

static void test_writer_quotes_only_when_needed(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	const char *row[] = {"plain", NULL, "", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "  spaced  ",
			     "caf\xc3\xa9"};
	csv_write_record(&b, row, sizeof row / sizeof row[0]);
	assert_string_equal(buf_str(&b), "plain,,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\","
					 "  spaced  ,caf\xc3\xa9\n");
	buf_reset(&b);
	csv_write_field(&b, "\"", 1);
	assert_string_equal(buf_str(&b), "\"\"\"\"");
	buf_reset(&b);
	csv_write_field(&b, "a\"\"b", 4);
	assert_string_equal(buf_str(&b), "\"a\"\"\"\"b\"");
	buf_reset(&b);
	/* A lone empty field would be a blank line; a leading BOM would be skipped. */
	const char *empty[] = {NULL}, *bom[] = {"\xef\xbb\xbfx", "\xef\xbb\xbfy"};
	csv_write_record(&b, empty, 1);
	csv_write_record(&b, bom, 2);
	csv_write_record(&b, bom, 2);
	assert_string_equal(buf_str(&b), "\"\"\n\xef\xbb\xbfx,\xef\xbb\xbfy\n\xef\xbb\xbfx,\xef\xbb\xbfy\n");
	buf_reset(&b);
	csv_write_record(&b, bom, 1);
	assert_string_equal(buf_str(&b), "\"\xef\xbb\xbfx\"\n");
	buf_reset(&b);
	csv_write_record(&b, row, 0);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void test_writer_round_trip(void **state)
{
	(void)state;
	const char *rows[][4] = {
		{"code", "name", "note", "empty"},
		{"S1", "Site, North", "said \"no\"", NULL},
		{"S2", "multi\nline\r\nvalue", "\r", ""},
		{"\xef\xbb\xbf", "\"\"", ",", "\n"},
		{"   ", " lead", "trail ", "\xf0\x9f\x98\x80"},
	};
	size_t nrows = sizeof rows / sizeof rows[0];
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < nrows; i++)
		csv_write_record(&b, rows[i], 4);
	const char *single[] = {""};
	csv_write_record(&b, single, 1);

	struct csv_reader *r = csv_reader_open_mem(b.p, b.len, NULL);
	struct csv_record rec;
	long want_line = 1;
	for (size_t i = 0; i < nrows; i++) {
		assert_int_equal(csv_read(r, &rec), 1);
		assert_int_equal(rec.line, want_line);
		assert_int_equal(rec.n, 4);
		for (size_t j = 0; j < 4; j++) {
			const char *v = rows[i][j] ? rows[i][j] : "";
			assert_int_equal(rec.fields[j].len, strlen(v));
			assert_memory_equal(rec.fields[j].p, v, strlen(v) + 1);
			for (const char *p = v; *p; p++)
				want_line += *p == '\n';
		}
		want_line++;
	}
	assert_int_equal(csv_read(r, &rec), 1);
	assert_int_equal(rec.n, 1);
	assert_int_equal(rec.fields[0].len, 0);
	assert_int_equal(csv_read(r, &rec), 0);
	csv_reader_free(r);
	buf_free(&b);
}

static void test_error_before_any_record_and_null_memory(void **state)
{
	(void)state;
	struct csv_reader *r = csv_reader_open_mem(NULL, 0, NULL);
	struct csv_record rec;
	assert_int_equal(csv_read(r, &rec), 0);
	assert_int_equal(csv_error(r)->line, 0);
	assert_true(csv_reader_memory(r) > 0);
	csv_reader_free(r);
	csv_reader_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_endings_lf_crlf_and_mixed),
		cmocka_unit_test(test_bom_is_skipped_only_at_the_start),
		cmocka_unit_test(test_quoted_fields_hold_commas_quotes_and_line_breaks),
		cmocka_unit_test(test_blank_lines_are_skipped_but_counted),
		cmocka_unit_test(test_last_line_without_a_line_ending),
		cmocka_unit_test(test_empty_and_quoted_empty_fields),
		cmocka_unit_test(test_stray_quote_in_an_unquoted_field),
		cmocka_unit_test(test_text_after_a_closing_quote),
		cmocka_unit_test(test_unterminated_quoted_field),
		cmocka_unit_test(test_lone_cr_is_an_error_outside_quotes),
		cmocka_unit_test(test_invalid_utf8_is_refused_with_its_line),
		cmocka_unit_test(test_nul_byte_is_refused),
		cmocka_unit_test(test_record_length_limit_is_exact),
		cmocka_unit_test(test_ten_megabyte_line_is_refused_in_bounded_memory),
		cmocka_unit_test(test_field_count_limit),
		cmocka_unit_test(test_fields_stay_valid_until_the_next_read),
		cmocka_unit_test(test_writer_quotes_only_when_needed),
		cmocka_unit_test(test_writer_round_trip),
		cmocka_unit_test(test_error_before_any_record_and_null_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
