/* tests/unit/test_kv.c — the decoders of what arrives over HTTP: URL-encoded forms
 * and query strings ('+' and %XX, refusal of bad escapes, NUL bytes and invalid UTF-8,
 * at most 1000 pairs, repeated keys), Cookie headers (spaces, quotes, malformed pieces
 * skipped) and the UTF-8 validator itself (no overlongs, no surrogates). */
#include "testutil.h"
#include <stdio.h>
#include <stdlib.h>
#include "util/arena.h"
#include "util/kv.h"

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

/* Decodes a C string as a whole form. */
static int decode(struct arena *a, const char *s, struct kvlist *l)
{
	return form_decode(a, s, strlen(s), l);
}

static void assert_pair(const struct kvlist *l, size_t i, const char *k, const char *v)
{
	assert_true(i < l->n);
	assert_string_equal(l->v[i].key, k);
	assert_string_equal(l->v[i].val, v);
}

static void assert_refused(struct arena *a, const char *s)
{
	struct kvlist l;
	if (decode(a, s, &l) != -1)
		fail_msg("\"%s\" was accepted", s);
	assert_int_equal(l.n, 0);   /* refused whole, never half-decoded */
}

/* ---- form_decode ------------------------------------------------------------- */

static void test_form_splits_pairs_on_ampersand_and_first_equals(void **state)
{
	struct kvlist l;
	assert_int_equal(decode(*state, "given_name=Ann&family_name=Lee&x=a=b", &l), 0);
	assert_int_equal(l.n, 3);
	assert_pair(&l, 0, "given_name", "Ann");
	assert_pair(&l, 1, "family_name", "Lee");
	assert_pair(&l, 2, "x", "a=b");
	assert_string_equal(kv_get(&l, "family_name"), "Lee");
	assert_null(kv_get(&l, "Family_name"));   /* keys match exactly */
	assert_null(kv_get(&l, "missing"));
}

static void test_form_plus_is_a_space(void **state)
{
	struct kvlist l;
	assert_int_equal(decode(*state, "note=first+second++third&a+b=+", &l), 0);
	assert_pair(&l, 0, "note", "first second  third");
	assert_pair(&l, 1, "a b", " ");
}

static void test_form_percent_escapes_are_bytes(void **state)
{
	struct kvlist l;
	assert_int_equal(decode(*state, "a=%41%42c&b=%2B&c=%26%3D&d=%e2%82%ac&e=%E2%82%AC&%66=%25", &l), 0);
	assert_int_equal(l.n, 6);
	assert_pair(&l, 0, "a", "ABc");
	assert_pair(&l, 1, "b", "+");         /* an escaped plus stays a plus */
	assert_pair(&l, 2, "c", "&=");        /* escaped separators do not split */
	assert_pair(&l, 3, "d", "\xe2\x82\xac");
	assert_pair(&l, 4, "e", "\xe2\x82\xac");
	assert_pair(&l, 5, "f", "%");
}

static void test_form_refuses_bad_escapes(void **state)
{
	static const char *const bad[] = {"a=%4", "a=%", "a=%zz", "a=%4g", "a=%g4", "a=%%41", "a=% 41",
					  "a=1&b=%4", "%4=1", "%=1", "a=%+1", "a=%-1", "a=%0x"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_refused(*state, bad[i]);
}

static void test_form_refuses_a_decoded_or_raw_nul(void **state)
{
	assert_refused(*state, "a=%00");
	assert_refused(*state, "a%00=1");
	struct kvlist l;
	static const char raw[] = "a=b\0c";
	assert_int_equal(form_decode(*state, raw, sizeof raw - 1, &l), -1);
	assert_int_equal(l.n, 0);
}

static void test_form_refuses_invalid_utf8(void **state)
{
	static const char *const bad[] = {
		"a=%FF",                 /* never valid */
		"a=%80",                 /* a lone continuation byte */
		"a=%C3",                 /* truncated two-byte sequence */
		"a=%C3x",
		"a=%E2%82",              /* truncated three-byte sequence */
		"a=%C0%AF",              /* overlong '/' */
		"a=%C1%BF",              /* overlong */
		"a=%E0%80%AF",           /* overlong three-byte */
		"a=%E0%9F%BF",           /* overlong U+07FF */
		"a=%F0%80%80%AF",        /* overlong four-byte */
		"a=%F0%8F%BF%BF",        /* overlong U+FFFF */
		"a=%ED%A0%80",           /* surrogate U+D800 */
		"a=%ED%BF%BF",           /* surrogate U+DFFF */
		"a=%F4%90%80%80",        /* above U+10FFFF */
		"a=%F5%80%80%80",
		"a=%F8%88%80%80%80",     /* five-byte form */
		"%C3=1",                 /* in a key too */
		"a=\xff",                /* raw bytes as well as escaped ones */
		"a=\xc0\xaf",
		"a=\xed\xa0\x80",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_refused(*state, bad[i]);
}

static void test_form_accepts_valid_utf8(void **state)
{
	struct kvlist l;
	assert_int_equal(decode(*state, "a=%C3%A9&b=%F0%9F%98%80&c=%EF%BF%BF&d=%F4%8F%BF%BF&e=%ED%9F%BF"
					"&f=%E0%A0%80&g=%C2%80&h=caf\xc3\xa9",
				&l),
			 0);
	assert_int_equal(l.n, 8);
	assert_pair(&l, 0, "a", "\xc3\xa9");
	assert_pair(&l, 1, "b", "\xf0\x9f\x98\x80");
	assert_pair(&l, 2, "c", "\xef\xbf\xbf");
	assert_pair(&l, 3, "d", "\xf4\x8f\xbf\xbf");   /* U+10FFFF */
	assert_pair(&l, 4, "e", "\xed\x9f\xbf");       /* U+D7FF, just below the surrogates */
	assert_pair(&l, 5, "f", "\xe0\xa0\x80");       /* U+0800, the first three-byte */
	assert_pair(&l, 6, "g", "\xc2\x80");           /* U+0080, the first two-byte */
	assert_pair(&l, 7, "h", "caf\xc3\xa9");
}

static void test_form_pair_without_equals_has_an_empty_value(void **state)
{
	struct kvlist l;
	assert_int_equal(decode(*state, "flag&a=1&other", &l), 0);
	assert_int_equal(l.n, 3);
	assert_pair(&l, 0, "flag", "");
	assert_pair(&l, 1, "a", "1");
	assert_pair(&l, 2, "other", "");
	assert_int_equal(decode(*state, "a=&b=", &l), 0);
	assert_pair(&l, 0, "a", "");
	assert_pair(&l, 1, "b", "");
}

static void test_form_skips_empty_pairs(void **state)
{
	struct kvlist l;
	assert_int_equal(decode(*state, "&&a=1&&&b=2&", &l), 0);
	assert_int_equal(l.n, 2);
	assert_pair(&l, 0, "a", "1");
	assert_pair(&l, 1, "b", "2");
	assert_int_equal(decode(*state, "", &l), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(decode(*state, "&", &l), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(decode(*state, "&&&", &l), 0);
	assert_int_equal(l.n, 0);
	assert_null(kv_get(&l, "a"));
	assert_int_equal(kv_count(&l, "a"), 0);
}

static void test_form_reads_only_len_bytes(void **state)
{
	struct kvlist l;
	assert_int_equal(form_decode(*state, "a=1&b=2", 3, &l), 0);
	assert_int_equal(l.n, 1);
	assert_pair(&l, 0, "a", "1");
	/* a body that is not NUL-terminated, ending in the middle of nothing special */
	char *body = malloc(5);
	memcpy(body, "x=y&z", 5);
	assert_int_equal(form_decode(*state, body, 5, &l), 0);
	free(body);
	assert_int_equal(l.n, 2);
	assert_pair(&l, 0, "x", "y");
	assert_pair(&l, 1, "z", "");
	/* an escape cut off by len is a bad escape, whatever follows in memory */
	assert_int_equal(form_decode(*state, "a=%41", 4, &l), -1);
}

static void test_form_repeated_keys_keep_every_value_in_order(void **state)
{
	struct kvlist l;
	assert_int_equal(decode(*state, "mode=phone&x=1&mode=video&mode=&mode=email", &l), 0);
	assert_int_equal(kv_count(&l, "mode"), 4);
	assert_int_equal(kv_count(&l, "x"), 1);
	assert_int_equal(kv_count(&l, "Mode"), 0);
	assert_string_equal(kv_get(&l, "mode"), "phone");
	assert_string_equal(kv_get_nth(&l, "mode", 0), "phone");
	assert_string_equal(kv_get_nth(&l, "mode", 1), "video");
	assert_string_equal(kv_get_nth(&l, "mode", 2), "");
	assert_string_equal(kv_get_nth(&l, "mode", 3), "email");
	assert_null(kv_get_nth(&l, "mode", 4));
	assert_null(kv_get_nth(&l, "mode", (size_t)-1));
	assert_string_equal(kv_get_nth(&l, "x", 0), "1");
	assert_null(kv_get_nth(&l, "x", 1));
}

/* "k0=v&k1=v&...": n pairs. */
static char *many_pairs(size_t n, size_t *len)
{
	char *s = malloc(n * 16 + 1);
	size_t at = 0;
	for (size_t i = 0; i < n; i++)
		at += (size_t)sprintf(s + at, "%sk%zu=v", i ? "&" : "", i);
	*len = at;
	return s;
}

static void test_form_allows_1000_pairs_and_refuses_1001(void **state)
{
	struct kvlist l;
	size_t len;
	char *s = many_pairs(1000, &len);
	assert_int_equal(form_decode(*state, s, len, &l), 0);
	assert_int_equal(l.n, 1000);
	assert_string_equal(l.v[999].key, "k999");
	free(s);
	s = many_pairs(1001, &len);
	assert_int_equal(form_decode(*state, s, len, &l), -1);
	assert_int_equal(l.n, 0);
	free(s);
	s = many_pairs(100000, &len);
	assert_int_equal(form_decode(*state, s, len, &l), -1);
	free(s);
}

static void test_a_refused_form_leaves_an_empty_list(void **state)
{
	/* the good pair before the bad one must not survive */
	struct kvlist l;
	assert_int_equal(decode(*state, "csrf=abc&a=%zz", &l), -1);
	assert_int_equal(l.n, 0);
	assert_null(kv_get(&l, "csrf"));
	assert_int_equal(kv_count(&l, "csrf"), 0);
}

/* ---- cookie_parse ------------------------------------------------------------ */

static void test_cookie_splits_on_semicolons_and_skips_spaces(void **state)
{
	struct kvlist l;
	assert_int_equal(cookie_parse(*state, "sid=abc; csrf=def;theme=dark;\t x=1", &l), 0);
	assert_int_equal(l.n, 4);
	assert_pair(&l, 0, "sid", "abc");
	assert_pair(&l, 1, "csrf", "def");
	assert_pair(&l, 2, "theme", "dark");
	assert_pair(&l, 3, "x", "1");
	assert_int_equal(cookie_parse(*state, "  a=1  ;   b=2 ", &l), 0);
	assert_int_equal(l.n, 2);
	assert_pair(&l, 0, "a", "1");
	assert_pair(&l, 1, "b", "2");
	assert_int_equal(cookie_parse(*state, "a =1", &l), 0);
	assert_pair(&l, 0, "a", "1");
}

static void test_cookie_values_are_taken_as_they_are(void **state)
{
	struct kvlist l;
	assert_int_equal(cookie_parse(*state, "a=%41+b; b=x=y; c=", &l), 0);
	assert_int_equal(l.n, 3);
	assert_pair(&l, 0, "a", "%41+b");   /* no %-decoding, no plus-to-space */
	assert_pair(&l, 1, "b", "x=y");     /* split on the first '=' */
	assert_pair(&l, 2, "c", "");
}

static void test_cookie_surrounding_quotes_are_removed(void **state)
{
	struct kvlist l;
	assert_int_equal(cookie_parse(*state, "a=\"quoted\"; b=\"\"; c=\"; d=\"half; e=in\"side\"", &l), 0);
	assert_int_equal(l.n, 5);
	assert_pair(&l, 0, "a", "quoted");
	assert_pair(&l, 1, "b", "");
	assert_pair(&l, 2, "c", "\"");
	assert_pair(&l, 3, "d", "\"half");
	assert_pair(&l, 4, "e", "in\"side\"");
}

static void test_cookie_malformed_pieces_are_skipped(void **state)
{
	struct kvlist l;
	assert_int_equal(cookie_parse(*state, "novalue; =nokey; ;;  ; sid=abc; \xff=1; bad=\xc0\xaf; ok=\xc3\xa9", &l),
			 0);
	assert_int_equal(l.n, 2);
	assert_pair(&l, 0, "sid", "abc");
	assert_pair(&l, 1, "ok", "\xc3\xa9");
	assert_null(kv_get(&l, "novalue"));
	assert_null(kv_get(&l, ""));
}

static void test_cookie_of_nothing_is_an_empty_list(void **state)
{
	struct kvlist l;
	assert_int_equal(cookie_parse(*state, NULL, &l), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(cookie_parse(*state, "", &l), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(cookie_parse(*state, ";;;", &l), 0);
	assert_int_equal(l.n, 0);
	assert_null(kv_get(&l, "sid"));
}

static void test_cookie_repeated_names_keep_every_value(void **state)
{
	struct kvlist l;
	assert_int_equal(cookie_parse(*state, "sid=old; sid=new", &l), 0);
	assert_int_equal(kv_count(&l, "sid"), 2);
	assert_string_equal(kv_get_nth(&l, "sid", 0), "old");
	assert_string_equal(kv_get_nth(&l, "sid", 1), "new");
}

static void test_cookie_with_thousands_of_pieces_keeps_at_most_1000(void **state)
{
	size_t n = 3000;
	char *s = malloc(n * 16 + 1);
	size_t at = 0;
	for (size_t i = 0; i < n; i++)
		at += (size_t)sprintf(s + at, "%sc%zu=v", i ? "; " : "", i);
	struct kvlist l;
	assert_int_equal(cookie_parse(*state, s, &l), 0);
	assert_int_equal(l.n, 1000);
	assert_string_equal(l.v[0].key, "c0");
	assert_string_equal(l.v[999].key, "c999");
	free(s);
}

/* ---- utf8_valid -------------------------------------------------------------- */

static bool valid(const char *s)
{
	return utf8_valid(s, strlen(s));
}

static void test_utf8_accepts_well_formed_text(void **state)
{
	(void)state;
	assert_true(utf8_valid("", 0));
	assert_true(utf8_valid(NULL, 0));
	assert_true(valid("plain ASCII ~\x7f\x01"));
	assert_true(valid("\xc2\x80"));           /* U+0080 */
	assert_true(valid("\xdf\xbf"));           /* U+07FF */
	assert_true(valid("\xe0\xa0\x80"));       /* U+0800 */
	assert_true(valid("\xed\x9f\xbf"));       /* U+D7FF */
	assert_true(valid("\xee\x80\x80"));       /* U+E000 */
	assert_true(valid("\xef\xbf\xbd"));       /* U+FFFD */
	assert_true(valid("\xf0\x90\x80\x80"));   /* U+10000 */
	assert_true(valid("\xf4\x8f\xbf\xbf"));   /* U+10FFFF */
	assert_true(valid("\xc2\xa3" "6,000 \xe2\x80\x94 Siobh\xc3\xa1n"));
	assert_true(utf8_valid("a\0b", 3));        /* NUL is valid UTF-8; the decoders refuse it */
}

static void test_utf8_refuses_overlongs_surrogates_and_strays(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"\x80", "\xbf", "a\x80", "\xc0\x80", "\xc1\xbf", "\xe0\x80\x80", "\xe0\x9f\xbf",
		"\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf", "\xed\xa0\x80", "\xed\xaf\xbf", "\xed\xb0\x80",
		"\xed\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xf7\xbf\xbf\xbf", "\xf8\x88\x80\x80\x80",
		"\xfc\x84\x80\x80\x80\x80", "\xfe", "\xff", "\xc3", "\xe2\x82", "\xf0\x9f\x98", "\xc3\x28",
		"\xe2\x28\xa1", "\xe2\x82\x28", "\xf0\x28\x8c\xbc", "\xf0\x90\x28\xbc", "\xf0\x90\x8c\x28",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (valid(bad[i]))
			fail_msg("bad sequence %zu accepted", i);
}

static void test_utf8_respects_the_length(void **state)
{
	(void)state;
	/* a sequence cut by n is refused even though the bytes after it would finish it */
	assert_false(utf8_valid("\xc3\xa9", 1));
	assert_false(utf8_valid("\xf0\x9f\x98\x80", 3));
	assert_true(utf8_valid("\xf0\x9f\x98\x80", 4));
	assert_true(utf8_valid("ab\xff", 2));
}

static void test_utf8_agrees_with_a_reference_on_every_short_sequence(void **state)
{
	(void)state;
	/* every one- and two-byte string, and every three-byte string starting E0-EF or
	 * F0-F4 followed by two bytes, against the ranges of Unicode Table 3-7 */
	unsigned char s[4];
	for (unsigned a = 0; a < 256; a++) {
		s[0] = (unsigned char)a;
		bool want1 = a < 0x80;
		assert_int_equal(utf8_valid((char *)s, 1), want1);
		for (unsigned b = 0; b < 256; b++) {
			s[1] = (unsigned char)b;
			bool cont = b >= 0x80 && b <= 0xbf;
			bool want2 = (a < 0x80 && b < 0x80) || (a >= 0xc2 && a <= 0xdf && cont);
			if (utf8_valid((char *)s, 2) != want2)
				fail_msg("%02x %02x", a, b);
		}
	}
	for (unsigned a = 0xe0; a <= 0xef; a++)
		for (unsigned b = 0; b < 256; b++)
			for (unsigned c = 0; c < 256; c++) {
				unsigned lo = a == 0xe0 ? 0xa0 : 0x80, hi = a == 0xed ? 0x9f : 0xbf;
				bool want = b >= lo && b <= hi && c >= 0x80 && c <= 0xbf;
				s[0] = (unsigned char)a, s[1] = (unsigned char)b, s[2] = (unsigned char)c;
				if (utf8_valid((char *)s, 3) != want)
					fail_msg("%02x %02x %02x", a, b, c);
			}
	for (unsigned a = 0xf0; a <= 0xf4; a++)
		for (unsigned b = 0x80; b <= 0xbf; b++) {
			unsigned lo = a == 0xf0 ? 0x90 : 0x80, hi = a == 0xf4 ? 0x8f : 0xbf;
			s[0] = (unsigned char)a, s[1] = (unsigned char)b, s[2] = 0x80, s[3] = 0xbf;
			if (utf8_valid((char *)s, 4) != (b >= lo && b <= hi))
				fail_msg("%02x %02x 80 bf", a, b);
		}
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_form_splits_pairs_on_ampersand_and_first_equals),
		T(test_form_plus_is_a_space),
		T(test_form_percent_escapes_are_bytes),
		T(test_form_refuses_bad_escapes),
		T(test_form_refuses_a_decoded_or_raw_nul),
		T(test_form_refuses_invalid_utf8),
		T(test_form_accepts_valid_utf8),
		T(test_form_pair_without_equals_has_an_empty_value),
		T(test_form_skips_empty_pairs),
		T(test_form_reads_only_len_bytes),
		T(test_form_repeated_keys_keep_every_value_in_order),
		T(test_form_allows_1000_pairs_and_refuses_1001),
		T(test_a_refused_form_leaves_an_empty_list),
		T(test_cookie_splits_on_semicolons_and_skips_spaces),
		T(test_cookie_values_are_taken_as_they_are),
		T(test_cookie_surrounding_quotes_are_removed),
		T(test_cookie_malformed_pieces_are_skipped),
		T(test_cookie_of_nothing_is_an_empty_list),
		T(test_cookie_repeated_names_keep_every_value),
		T(test_cookie_with_thousands_of_pieces_keeps_at_most_1000),
		T(test_utf8_accepts_well_formed_text),
		T(test_utf8_refuses_overlongs_surrogates_and_strays),
		T(test_utf8_respects_the_length),
		T(test_utf8_agrees_with_a_reference_on_every_short_sequence),
	};
#undef T
	return cmocka_run_group_tests_name("kv", tests, NULL, NULL);
}
