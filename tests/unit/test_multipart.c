/* tests/unit/test_multipart.c — the multipart/form-data decoder (util/multipart.h):
 * the boundary from a Content-Type header, parts with their name, filename and bytes
 * (any bytes, NULs included), preamble, padding and epilogue, and refusal of whole
 * bodies that are malformed, ambiguous or over the limits — never a half decode. */
#include "testutil.h"
#include <stdio.h>
#include <stdlib.h>
#include "util/arena.h"
#include "util/buf.h"
#include "util/multipart.h"

static int setup(void **state)
{
	*state = arena_new();
	return 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

#define B "----formdata-undici-0123456789"
#define CRLF "\r\n"
#define CD(name) "Content-Disposition: form-data; name=\"" name "\"" CRLF
#define CDF(name, file) "Content-Disposition: form-data; name=\"" name "\"; filename=\"" file "\"" CRLF

/* Decodes a C string body with boundary B. */
static int decode(struct arena *a, const char *body, struct multipart *m)
{
	return multipart_decode(a, B, body, strlen(body), m);
}

static void assert_refused(struct arena *a, const char *body)
{
	struct multipart m;
	if (decode(a, body, &m) != MULTIPART_MALFORMED)
		fail_msg("accepted: \"%s\"", body);
	assert_int_equal(m.n, 0);         /* refused whole, never half-decoded */
	assert_null(m.parts);
	assert_int_equal(m.fields.n, 0);
}

static void assert_data(const struct multipart_part *p, const char *want, size_t n)
{
	assert_int_equal(p->len, n);
	assert_memory_equal(p->data, want, n);
}

/* ---- multipart_boundary -------------------------------------------------------- */

static const char *boundary_of(struct arena *a, const char *ct, int want)
{
	const char *b = "unset";
	int rc = multipart_boundary(a, ct, &b);
	if (rc != want)
		fail_msg("\"%s\": %d, want %d", ct ? ct : "(null)", rc, want);
	if (rc != MULTIPART_OK)
		assert_null(b);
	return b;
}

static void test_boundary_as_browsers_send_it(void **state)
{
	assert_string_equal(boundary_of(*state, "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
					MULTIPART_OK), "----WebKitFormBoundary7MA4YWxkTrZu0gW");
	assert_string_equal(boundary_of(*state, "multipart/form-data; boundary=" B, MULTIPART_OK), B);
}

static void test_boundary_quoted_and_in_any_case(void **state)
{
	assert_string_equal(boundary_of(*state, "Multipart/Form-Data;BOUNDARY=\"a b:c/d?e=f\"", MULTIPART_OK),
			    "a b:c/d?e=f");
	assert_string_equal(boundary_of(*state, "multipart/form-data; charset=utf-8 ; boundary=\"x\\yz\"",
					MULTIPART_OK), "xyz");   /* quoted-pair */
	assert_string_equal(boundary_of(*state, "  multipart/form-data ;\tboundary=abc  ", MULTIPART_OK), "abc");
}

static void test_boundary_other_media_types_are_not_form_data(void **state)
{
	boundary_of(*state, NULL, MULTIPART_NOT_FORM_DATA);
	boundary_of(*state, "", MULTIPART_NOT_FORM_DATA);
	boundary_of(*state, "application/x-www-form-urlencoded", MULTIPART_NOT_FORM_DATA);
	boundary_of(*state, "multipart/mixed; boundary=abc", MULTIPART_NOT_FORM_DATA);
	boundary_of(*state, "multipart/form-datax; boundary=abc", MULTIPART_NOT_FORM_DATA);
}

static void test_boundary_malformed_parameters_are_refused(void **state)
{
	static const char *const bad[] = {
		"multipart/form-data",                             /* no boundary */
		"multipart/form-data;",
		"multipart/form-data; boundary=",
		"multipart/form-data; boundary=\"\"",
		"multipart/form-data; boundary=a; boundary=b",      /* repeated */
		"multipart/form-data; boundary=\"abc",              /* unterminated */
		"multipart/form-data; boundary=abc def",            /* junk after the value */
		"multipart/form-data; boundary=\"abc \"",           /* trailing space */
		"multipart/form-data; boundary=ab!c",               /* ! is a token char, not a bchar */
		"multipart/form-data; boundary=\"ab\\\"c\"",        /* '"' is not a bchar */
		"multipart/form-data;; boundary=abc",
		"multipart/form-data; =abc",
		"multipart/form-data; boundary=\"a\x01\"",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		boundary_of(*state, bad[i], MULTIPART_MALFORMED);
}

static void test_boundary_is_at_most_70_characters(void **state)
{
	char ct[200];
	char b70[71];
	memset(b70, 'x', 70);
	b70[70] = 0;
	snprintf(ct, sizeof ct, "multipart/form-data; boundary=%s", b70);
	assert_string_equal(boundary_of(*state, ct, MULTIPART_OK), b70);
	snprintf(ct, sizeof ct, "multipart/form-data; boundary=%sx", b70);
	boundary_of(*state, ct, MULTIPART_MALFORMED);
}

/* ---- multipart_decode ------------------------------------------------------------- */

static void test_decode_fields_and_files(void **state)
{
	const char *body =
		"--" B CRLF CD("csrf") CRLF "tok123" CRLF
		"--" B CRLF CDF("files", "sites.csv") "Content-Type: text/csv" CRLF CRLF
		"code,name\nS1,North\n" CRLF
		"--" B CRLF CD("dry_run") CRLF "yes" CRLF
		"--" B "--" CRLF;
	struct multipart m;
	assert_int_equal(decode(*state, body, &m), MULTIPART_OK);
	assert_int_equal(m.n, 3);
	assert_string_equal(m.parts[0].name, "csrf");
	assert_null(m.parts[0].filename);
	assert_null(m.parts[0].content_type);
	assert_data(&m.parts[0], "tok123", 6);
	assert_string_equal(m.parts[1].name, "files");
	assert_string_equal(m.parts[1].filename, "sites.csv");
	assert_string_equal(m.parts[1].content_type, "text/csv");
	assert_data(&m.parts[1], "code,name\nS1,North\n", 19);
	assert_true(m.parts[1].data > body && m.parts[1].data < body + strlen(body));   /* not copied */
	assert_int_equal(m.fields.n, 2);
	assert_string_equal(kv_get(&m.fields, "csrf"), "tok123");
	assert_string_equal(kv_get(&m.fields, "dry_run"), "yes");
	assert_null(kv_get(&m.fields, "files"));   /* files are not fields */
}

static void test_decode_file_bytes_are_kept_exactly(void **state)
{
	/* NULs, CRs, LFs, invalid UTF-8, and dashes that are not the boundary */
	static const char content[] = "a\0b\r\nc\rd\n\xff\xfe--" B "x\r\n--other\r\n-\r\n";
	struct buf body = BUF_INIT;
	buf_adds(&body, "--" B CRLF CDF("f", "x.bin") CRLF);
	size_t at = body.len;
	buf_add(&body, content, sizeof content - 1);
	buf_adds(&body, CRLF "--" B "--");
	struct multipart m;
	assert_int_equal(multipart_decode(*state, B, body.p, body.len, &m), MULTIPART_OK);
	assert_int_equal(m.n, 1);
	assert_ptr_equal(m.parts[0].data, body.p + at);
	assert_data(&m.parts[0], content, sizeof content - 1);
	assert_int_equal(m.fields.n, 0);
	buf_free(&body);
}

static void test_decode_reads_only_len_bytes(void **state)
{
	const char *body = "--" B CRLF CD("a") CRLF "1" CRLF "--" B "--" "garbage";
	struct multipart m;
	size_t len = strlen(body) - strlen("garbage");
	assert_int_equal(multipart_decode(*state, B, body, len, &m), MULTIPART_OK);
	assert_int_equal(m.n, 1);
	assert_int_equal(multipart_decode(*state, B, body, len - 1, &m), MULTIPART_MALFORMED);
}

static void test_decode_preamble_padding_and_epilogue(void **state)
{
	const char *body =
		"This is a preamble.\r\nIt is ignored." CRLF
		"--" B " \t" CRLF CD("a") CRLF "1" CRLF
		"--" B "--  " CRLF "and an epilogue, also ignored\r\n";
	struct multipart m;
	assert_int_equal(decode(*state, body, &m), MULTIPART_OK);
	assert_int_equal(m.n, 1);
	assert_string_equal(kv_get(&m.fields, "a"), "1");
	/* an empty preamble, and no CRLF after the closing boundary */
	assert_int_equal(decode(*state, CRLF "--" B CRLF CD("a") CRLF "1" CRLF "--" B "--", &m), MULTIPART_OK);
	assert_int_equal(m.n, 1);
}

static void test_decode_empty_values_and_no_file_chosen(void **state)
{
	/* what a browser sends for an empty text field and a file input left empty */
	const char *body =
		"--" B CRLF CD("note") CRLF CRLF
		"--" B CRLF CDF("files", "") "Content-Type: application/octet-stream" CRLF CRLF CRLF
		"--" B "--" CRLF;
	struct multipart m;
	assert_int_equal(decode(*state, body, &m), MULTIPART_OK);
	assert_int_equal(m.n, 2);
	assert_string_equal(kv_get(&m.fields, "note"), "");
	assert_string_equal(m.parts[1].filename, "");
	assert_int_equal(m.parts[1].len, 0);
}

static void test_decode_a_body_with_no_parts(void **state)
{
	struct multipart m;
	assert_int_equal(decode(*state, "--" B "--" CRLF, &m), MULTIPART_OK);
	assert_int_equal(m.n, 0);
	assert_int_equal(m.fields.n, 0);
}

static void test_decode_header_names_and_parameters_in_any_case(void **state)
{
	const char *body =
		"--" B CRLF "content-disposition:FORM-DATA;NAME=a;FileName=\"b;c\\d.csv\"" CRLF
		"X-Other: ignored" CRLF "CONTENT-TYPE:  text/csv  " CRLF
		"Content-Transfer-Encoding: binary" CRLF CRLF "1" CRLF "--" B "--";
	struct multipart m;
	assert_int_equal(decode(*state, body, &m), MULTIPART_OK);
	assert_string_equal(m.parts[0].name, "a");
	assert_string_equal(m.parts[0].filename, "b;c\\d.csv");   /* no \-escapes: taken as it is */
	assert_string_equal(m.parts[0].content_type, "text/csv");
}

static void test_decode_utf8_names(void **state)
{
	const char *body = "--" B CRLF CDF("f", "caf\xc3\xa9.csv") CRLF "1" CRLF "--" B "--";
	struct multipart m;
	assert_int_equal(decode(*state, body, &m), MULTIPART_OK);
	assert_string_equal(m.parts[0].filename, "caf\xc3\xa9.csv");
	assert_refused(*state, "--" B CRLF CDF("f", "caf\xe9.csv") CRLF "1" CRLF "--" B "--");
}

static void test_decode_refuses_bad_framing(void **state)
{
	static const char *const bad[] = {
		"",
		"no boundary at all",
		"--" B CRLF CD("a") CRLF "1",                                   /* no closing boundary */
		"--" B CRLF CD("a") CRLF "1" CRLF "--" B,                       /* only a next one */
		"--" B CRLF CD("a") CRLF "1" CRLF "--" B "-",
		"--" B "\n" CD("a") CRLF "1" CRLF "--" B "--",                  /* bare LF after a boundary */
		"--" B CRLF "Content-Disposition: form-data; name=a\n" CRLF "1" CRLF "--" B "--",
		"--" B CRLF CD("a") "\n1" CRLF "--" B "--",
		"--" B CRLF CD("a") CRLF "1\n--" B "--",                        /* bare LF before a boundary */
		"preamble\n--" B CRLF CD("a") CRLF "1" CRLF "--" B "--",
		"--" B "x" CRLF CD("a") CRLF "1" CRLF "--" B "--",              /* junk after a boundary */
		"--" B CRLF CD("a") CRLF "1" CRLF "--" B "--x",                 /* junk after the close */
		"--" B CRLF CD("a") CRLF "1" CRLF "--" B "y" CRLF CD("b") CRLF "2" CRLF "--" B "--",
		"--" B CRLF CD("a"),                                            /* ends in the headers */
		"--" B CRLF CD("a") "\r",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_refused(*state, bad[i]);
}

static void test_decode_refuses_bad_headers(void **state)
{
	static const char *const bad[] = {
		"--" B CRLF CRLF "1" CRLF "--" B "--",                                        /* no disposition */
		"--" B CRLF "Content-Type: text/plain" CRLF CRLF "1" CRLF "--" B "--",
		"--" B CRLF "Content-Disposition: form-data" CRLF CRLF "1" CRLF "--" B "--",  /* no name */
		"--" B CRLF "Content-Disposition: attachment; name=a" CRLF CRLF "1" CRLF "--" B "--",
		"--" B CRLF "Content-Disposition: form-datax; name=a" CRLF CRLF "1" CRLF "--" B "--",
		"--" B CRLF "Content-Disposition: form-data; name=a; name=b" CRLF CRLF "1" CRLF "--" B "--",
		"--" B CRLF "Content-Disposition: form-data; name=a; filename=x; filename=y" CRLF CRLF "1" CRLF "--" B "--",
		"--" B CRLF "Content-Disposition: form-data; name=a; filename*=UTF-8''x.csv" CRLF CRLF "1" CRLF "--" B "--",
		"--" B CRLF "Content-Disposition: form-data; name=\"a" CRLF CRLF "1" CRLF "--" B "--",
		"--" B CRLF "Content-Disposition: form-data; name=\"a\\\"b\"" CRLF CRLF "1" CRLF "--" B "--",
		"--" B CRLF "Content-Disposition: form-data; name=" CRLF CRLF "1" CRLF "--" B "--",
		"--" B CRLF "Content-Disposition: form-data; name=a b" CRLF CRLF "1" CRLF "--" B "--",
		"--" B CRLF "Content-Disposition: form-data; name=\"a\x01\"" CRLF CRLF "1" CRLF "--" B "--",
		"--" B CRLF "Content-Disposition: form-data; name=\"a\rb\"" CRLF CRLF "1" CRLF "--" B "--",
		"--" B CRLF CD("a") CD("b") CRLF "1" CRLF "--" B "--",                        /* repeated */
		"--" B CRLF CD("a") "Content-Type: a" CRLF "Content-Type: b" CRLF CRLF "1" CRLF "--" B "--",
		"--" B CRLF "Content-Disposition : form-data; name=a" CRLF CRLF "1" CRLF "--" B "--",
		"--" B CRLF "Content-Disposition: form-data;" CRLF " name=a" CRLF CRLF "1" CRLF "--" B "--", /* folded */
		"--" B CRLF ": x" CRLF CD("a") CRLF "1" CRLF "--" B "--",
		"--" B CRLF "No colon" CRLF CD("a") CRLF "1" CRLF "--" B "--",
		"--" B CRLF CD("a") "Content-Transfer-Encoding: base64" CRLF CRLF "MQ==" CRLF "--" B "--",
		"--" B CRLF CD("a") "Content-Transfer-Encoding: quoted-printable" CRLF CRLF "1" CRLF "--" B "--",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_refused(*state, bad[i]);
}

static void test_decode_refuses_a_boundary_inside_a_part_or_the_epilogue(void **state)
{
	/* at the start of the content: RFC 2046 could read it as an empty part */
	assert_refused(*state, "--" B CRLF CD("a") CRLF "--" B CRLF CD("b") CRLF "2" CRLF "--" B "--");
	/* after a bare LF: a line-based reader would split there */
	assert_refused(*state, "--" B CRLF CDF("a", "a.csv") CRLF "x\n--" B "\nmore" CRLF "--" B "--");
	/* in the epilogue: the body was cut short, or built to be read two ways */
	assert_refused(*state, "--" B CRLF CD("a") CRLF "1" CRLF "--" B "--" CRLF CRLF "--" B CRLF);
	/* elsewhere it is just text */
	struct multipart m;
	assert_int_equal(decode(*state, "--" B CRLF CD("a") CRLF "x--" B CRLF "--" B "--", &m), MULTIPART_OK);
	assert_string_equal(kv_get(&m.fields, "a"), "x--" B);
}

static void test_decode_refuses_a_field_that_is_not_text(void **state)
{
	static const char nul[] = "--" B CRLF CD("a") CRLF "x\0y" CRLF "--" B "--";
	struct multipart m;
	assert_int_equal(multipart_decode(*state, B, nul, sizeof nul - 1, &m), MULTIPART_MALFORMED);
	assert_int_equal(m.n, 0);
	assert_refused(*state, "--" B CRLF CD("a") CRLF "\xc0\xaf" CRLF "--" B "--");
	/* the same bytes in a file are fine */
	static const char file[] = "--" B CRLF CDF("a", "a.bin") CRLF "x\0y\xc0\xaf" CRLF "--" B "--";
	assert_int_equal(multipart_decode(*state, B, file, sizeof file - 1, &m), MULTIPART_OK);
	assert_int_equal(m.parts[0].len, 5);
}

/* A body of n parts named p0, p1, ... */
static void parts_body(struct buf *b, size_t n)
{
	buf_reset(b);
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "--" B CRLF "Content-Disposition: form-data; name=\"p%zu\"" CRLF CRLF "v" CRLF, i);
	buf_adds(b, "--" B "--" CRLF);
}

static void test_decode_allows_32_parts_and_refuses_33(void **state)
{
	struct buf b = BUF_INIT;
	struct multipart m;
	parts_body(&b, MULTIPART_MAX_PARTS);
	assert_int_equal(multipart_decode(*state, B, b.p, b.len, &m), MULTIPART_OK);
	assert_int_equal(m.n, 32);
	assert_string_equal(kv_get(&m.fields, "p31"), "v");
	parts_body(&b, MULTIPART_MAX_PARTS + 1);
	assert_int_equal(multipart_decode(*state, B, b.p, b.len, &m), MULTIPART_MALFORMED);
	assert_int_equal(m.n, 0);
	buf_free(&b);
}

static void test_decode_bounds_header_lines_and_bytes(void **state)
{
	struct buf b = BUF_INIT;
	struct multipart m;
	/* 8 header lines pass, 9 do not */
	for (int lines = 8; lines <= 9; lines++) {
		buf_reset(&b);
		buf_adds(&b, "--" B CRLF CD("a"));
		for (int i = 1; i < lines; i++)
			buf_printf(&b, "X-%d: y" CRLF, i);
		buf_adds(&b, CRLF "1" CRLF "--" B "--");
		assert_int_equal(multipart_decode(*state, B, b.p, b.len, &m),
				 lines == 8 ? MULTIPART_OK : MULTIPART_MALFORMED);
	}
	/* a header block of exactly MULTIPART_MAX_HEADER bytes passes, one more does not */
	const char *pre = "Content-Disposition: form-data; name=\"a\"; filename=\"";
	const char *post = "\"" CRLF CRLF;
	size_t fixed = strlen(pre) + strlen(post);
	for (size_t total = MULTIPART_MAX_HEADER; total <= MULTIPART_MAX_HEADER + 1; total++) {
		buf_reset(&b);
		buf_adds(&b, "--" B CRLF);
		buf_adds(&b, pre);
		for (size_t i = fixed; i < total; i++)
			buf_addc(&b, 'x');
		buf_adds(&b, post);
		buf_adds(&b, "1" CRLF "--" B "--");
		assert_int_equal(multipart_decode(*state, B, b.p, b.len, &m),
				 total == MULTIPART_MAX_HEADER ? MULTIPART_OK : MULTIPART_MALFORMED);
	}
	buf_free(&b);
}

static void test_decode_every_truncation_is_refused(void **state)
{
	const char *body = "--" B CRLF CD("csrf") CRLF "t" CRLF "--" B CRLF CDF("files", "a.csv") CRLF
			   "x,y\r\n1,2\r\n" CRLF "--" B "--";
	size_t len = strlen(body);
	struct multipart m;
	assert_int_equal(multipart_decode(*state, B, body, len, &m), MULTIPART_OK);
	for (size_t cut = 0; cut < len; cut++) {
		char *copy = malloc(cut ? cut : 1);   /* exact size: ASan sees a read past the end */
		memcpy(copy, body, cut);
		if (multipart_decode(*state, B, copy, cut, &m) != MULTIPART_MALFORMED)
			fail_msg("a body cut to %zu bytes was accepted", cut);
		assert_int_equal(m.n, 0);
		free(copy);
	}
}

static void test_decode_refuses_a_bad_boundary(void **state)
{
	struct multipart m;
	assert_int_equal(multipart_decode(*state, NULL, "", 0, &m), MULTIPART_MALFORMED);
	assert_int_equal(multipart_decode(*state, "", "----" CRLF, 6, &m), MULTIPART_MALFORMED);
	assert_int_equal(multipart_decode(*state, "a\nb", "--a\nb--", 7, &m), MULTIPART_MALFORMED);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_boundary_as_browsers_send_it),
		T(test_boundary_quoted_and_in_any_case),
		T(test_boundary_other_media_types_are_not_form_data),
		T(test_boundary_malformed_parameters_are_refused),
		T(test_boundary_is_at_most_70_characters),
		T(test_decode_fields_and_files),
		T(test_decode_file_bytes_are_kept_exactly),
		T(test_decode_reads_only_len_bytes),
		T(test_decode_preamble_padding_and_epilogue),
		T(test_decode_empty_values_and_no_file_chosen),
		T(test_decode_a_body_with_no_parts),
		T(test_decode_header_names_and_parameters_in_any_case),
		T(test_decode_utf8_names),
		T(test_decode_refuses_bad_framing),
		T(test_decode_refuses_bad_headers),
		T(test_decode_refuses_a_boundary_inside_a_part_or_the_epilogue),
		T(test_decode_refuses_a_field_that_is_not_text),
		T(test_decode_allows_32_parts_and_refuses_33),
		T(test_decode_bounds_header_lines_and_bytes),
		T(test_decode_every_truncation_is_refused),
		T(test_decode_refuses_a_bad_boundary),
	};
#undef T
	return cmocka_run_group_tests_name("multipart", tests, NULL, NULL);
}
