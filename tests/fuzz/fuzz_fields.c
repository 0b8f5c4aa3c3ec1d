/* tests/fuzz/fuzz_fields.c — libFuzzer harness for the field parsers and validators
 * of core/ that every front door feeds with outside input: NHS numbers, dates,
 * postcodes, decimal hours/FTE, counts, emails, phone numbers, free text and refs.
 *
 * The input bytes, up to the first NUL, are one field value (form_decode never
 * passes a NUL on). Every function is called on it; beyond "does not crash under
 * ASan/UBSan" the harness checks each result against a small reference written from
 * the header's contract, and round trips:
 *   - nhs_number_normalise: the spaces-removed input, Modulus 11 recomputed here;
 *     the result normalises to itself and survives nhs_number_format;
 *   - date_parse: a parsed date printed by date_iso equals the input and parses back
 *     to the same day;
 *   - postcode_normalise: a normalised postcode normalises to itself;
 *   - parse_hundredths / parse_count: format_hundredths parses back to the same value,
 *     and equals the input when the input is already in shortest form;
 *   - valid_ref, valid_phone, valid_email, valid_text: reference rules and
 *     monotonicity; a refusal always comes with a message.
 * It must never depend on anything but core/nhs_number.c, core/date.c and
 * core/validate.c. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/nhs_number.h"
#include "core/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                   \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "fuzz_fields: check failed at line %d: %s\n", \
				__LINE__, #cond);                                     \
			abort();                                                      \
		}                                                                     \
	} while (0)

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* A refusal must say why, in words. */
static void check_why(bool ok, const char *why)
{
	if (!ok)
		CHECK(why != NULL && why[0] != '\0');
}

static void fuzz_nhs_number(const char *s)
{
	char out[11], again[11], pretty[13];
	memset(out, 'x', sizeof out);
	enum nhs_number_problem p = nhs_number_normalise(s, out);

	/* Reference: strip spaces; ten digits; weights 10..2, 11 - sum mod 11. */
	char d[11];
	size_t n = 0;
	int digits_only = 1;
	for (const char *q = s; *q; q++) {
		if (*q == ' ')
			continue;
		if (!is_digit(*q) || n == 10) {
			digits_only = 0;
			break;
		}
		d[n++] = *q;
	}
	enum nhs_number_problem want;
	if (!digits_only || n != 10) {
		want = NHS_NUMBER_NOT_10_DIGITS;
	} else {
		d[10] = '\0';
		int sum = 0;
		for (int i = 0; i < 9; i++)
			sum += (d[i] - '0') * (10 - i);
		int check = (11 - sum % 11) % 11;
		want = check != 10 && check == d[9] - '0' ? NHS_NUMBER_OK : NHS_NUMBER_CHECK_DIGIT;
	}
	CHECK(p == want);
	if (p != NHS_NUMBER_OK) {
		CHECK(out[0] == '\0');
		return;
	}
	CHECK(strlen(out) == 10 && strcmp(out, d) == 0);
	CHECK(nhs_number_valid(out));
	CHECK(nhs_number_check_digit(out) == out[9] - '0');
	CHECK(nhs_number_normalise(out, again) == NHS_NUMBER_OK && strcmp(again, out) == 0);
	nhs_number_format(out, pretty);
	CHECK(strlen(pretty) == 12 && pretty[3] == ' ' && pretty[7] == ' ');
	CHECK(nhs_number_normalise(pretty, again) == NHS_NUMBER_OK && strcmp(again, out) == 0);
}

static void fuzz_date(const char *s)
{
	day_t d = 0, d2 = 0;
	bool ok = date_parse(s, &d);
	CHECK(date_parse(s, NULL) == ok);

	/* Reference (date.h): exactly YYYY-MM-DD naming a real day of the proleptic
	 * Gregorian calendar, years 0001-9999. */
	bool want = strlen(s) == 10 && s[4] == '-' && s[7] == '-';
	for (int i = 0; want && i < 10; i++)
		if (i != 4 && i != 7 && !is_digit(s[i]))
			want = false;
	if (want) {
		int y = atoi(s), m = atoi(s + 5), dd = atoi(s + 8);
		static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		want = y >= 1 && y <= 9999 && m >= 1 && m <= 12 && dd >= 1 &&
		       dd <= mdays[m - 1] + (m == 2 && leap);
	}
	CHECK(ok == want);
	if (!ok)
		return;

	char iso[11], longform[20], year[8];
	date_iso(d, iso);
	CHECK(strcmp(iso, s) == 0);
	CHECK(date_parse(iso, &d2) && d2 == d);
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	CHECK(date_from_ymd(y, m, dd) == d);
	CHECK(y == atoi(s) && m == atoi(s + 5) && dd == atoi(s + 8));
	/* 0001-01-01 is day -719162; 9999-12-31 is day 2932896. */
	CHECK(d >= -719162 && d <= 2932896);
	CHECK(date_weekday(d) >= 0 && date_weekday(d) <= 6);
	CHECK(date_age(d, d) == 0);
	date_long(d, longform, sizeof longform);
	size_t ll = strlen(longform), yl = (size_t)snprintf(year, sizeof year, " %d", y);
	CHECK(ll >= 7 && ll < sizeof longform - 1 && ll > yl);
	CHECK(strcmp(longform + ll - yl, year) == 0);
}

/* Royal Mail's outward code formats: A9, A99, AA9, AA99, A9A, AA9A. */
static bool ref_outward(const char *o, size_t n)
{
	static const char *const forms[] = {"A9", "A99", "AA9", "AA99", "A9A", "AA9A"};
	for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
		if (strlen(forms[f]) != n)
			continue;
		size_t i = 0;
		while (i < n && (forms[f][i] == 'A' ? is_upper(o[i]) : is_digit(o[i])))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

static void fuzz_postcode(const char *s)
{
	char out[9], again[9];
	const char *why = NULL;
	memset(out, 'x', sizeof out);
	bool ok = postcode_normalise(s, out, &why);
	check_why(ok, why);

	/* Reference: at most one space anywhere, 5-7 letters and digits, upper-cased,
	 * a valid outward code and a 9AA inward code. */
	char c[16];
	size_t n = 0, spaces = 0;
	bool want = true;
	for (const char *q = s; *q; q++) {
		if (*q == ' ') {
			spaces++;
		} else if (n < 8 && (is_digit(*q) || is_upper(*q) || (*q >= 'a' && *q <= 'z'))) {
			c[n++] = (char)(*q >= 'a' && *q <= 'z' ? *q - 'a' + 'A' : *q);
		} else {
			want = false;
			break;
		}
	}
	want = want && spaces <= 1 && n >= 5 && n <= 7 && ref_outward(c, n - 3) &&
	       is_digit(c[n - 3]) && is_upper(c[n - 2]) && is_upper(c[n - 1]);
	CHECK(ok == want);
	if (!ok) {
		CHECK(out[0] == '\0');
		return;
	}
	size_t len = strlen(out);
	CHECK(len == n + 1 && out[len - 4] == ' ');
	CHECK(memcmp(out, c, n - 3) == 0 && memcmp(out + len - 3, c + n - 3, 3) == 0);
	why = NULL;
	CHECK(postcode_normalise(out, again, &why) && strcmp(again, out) == 0);
}

/* [0-9]{1,9}(\.[0-9]{1,2})? */
static bool ref_hundredths(const char *s, bool *shortest)
{
	size_t w = 0;
	while (is_digit(s[w]))
		w++;
	if (w == 0 || w > 9)
		return false;
	*shortest = w == 1 || s[0] != '0';
	if (s[w] == '\0')
		return true;
	if (s[w] != '.')
		return false;
	size_t f = 0;
	while (is_digit(s[w + 1 + f]))
		f++;
	if (f == 0 || f > 2 || s[w + 1 + f] != '\0')
		return false;
	*shortest = *shortest && s[w + f] != '0';
	return true;
}

static void fuzz_numbers(const char *s)
{
	int64_t v = -1, v2 = -1;
	const char *why = NULL;
	bool ok = parse_hundredths(s, &v, &why);
	check_why(ok, why);
	bool shortest = false;
	CHECK(ok == ref_hundredths(s, &shortest));
	if (ok) {
		CHECK(v >= 0 && v <= INT64_C(99999999999));
		char buf[24], buf2[24];
		format_hundredths(v, buf);
		CHECK(parse_hundredths(buf, &v2, &why) && v2 == v);
		format_hundredths(v2, buf2);
		CHECK(strcmp(buf, buf2) == 0);
		if (shortest)
			CHECK(strcmp(buf, s) == 0);
		format_pence(v, buf);
		CHECK(strchr(buf, '.') != NULL && strlen(strchr(buf, '.')) == 3);
	}

	why = NULL;
	ok = parse_count(s, &v, &why);
	check_why(ok, why);
	size_t n = strlen(s);
	bool want = n >= 1 && n <= 9 && strspn(s, "0123456789") == n;
	CHECK(ok == want);
	if (ok)
		CHECK(v == strtoll(s, NULL, 10));
}

static void fuzz_text(const char *s)
{
	const char *why = NULL;
	size_t n = strlen(s);

	bool ok = valid_ref(s, &why);
	check_why(ok, why);
	bool want = n >= 1 && n <= 64;
	for (size_t i = 0; want && i < n; i++)
		want = (unsigned char)s[i] >= '!' && (unsigned char)s[i] <= '~';
	CHECK(ok == want);
	CHECK(ref_is_reserved(s) == (strncmp(s, "ipsdesk-", 8) == 0));

	why = NULL;
	ok = valid_phone(s, &why);
	check_why(ok, why);
	size_t digits = 0;
	want = true;
	for (size_t i = 0; i < n; i++) {
		if (is_digit(s[i]))
			digits++;
		else if (!strchr(" +()-", s[i]))
			want = false;
	}
	CHECK(ok == (want && digits >= 10 && digits <= 15));

	why = NULL;
	ok = valid_email(s, &why);
	check_why(ok, why);
	if (ok) {
		const char *at = strchr(s, '@');
		CHECK(n <= 254 && at && at > s && !strchr(at + 1, '@'));
		CHECK(strchr(at + 1, '.') != NULL && s[n - 1] != '.');
		for (size_t i = 0; i < n; i++)
			CHECK((unsigned char)s[i] > ' ' && s[i] != 0x7f);
	}

	/* valid_text: the same rule at every limit; a longer limit or multiline only
	 * widens what is accepted, and the limit is exactly the byte length. */
	int limits[] = {0, 1, 100, 200, 201, 5000, INT_MAX};
	for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
		for (int ml = 0; ml <= 1; ml++) {
			why = NULL;
			ok = valid_text(s, limits[i], ml, &why);
			check_why(ok, why);
			if (ok) {
				CHECK(n <= (size_t)limits[i]);
				CHECK(valid_text(s, INT_MAX, true, &why));
			}
		}
	}
	if (n <= INT_MAX - 1) {
		bool at_len = valid_text(s, (int)n, false, &why);
		CHECK(at_len == valid_text(s, INT_MAX, false, &why));
		if (at_len && n > 0)
			CHECK(!valid_text(s, (int)n - 1, false, &why));
	}
	CHECK(!valid_text(NULL, 10, true, &why));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A NUL-terminated heap copy of exactly the field's length, so ASan catches a
	 * read past the terminator. */
	char *s = malloc(size + 1);
	CHECK(s);
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';

	fuzz_nhs_number(s);
	fuzz_date(s);
	fuzz_postcode(s);
	fuzz_numbers(s);
	fuzz_text(s);

	free(s);
	return 0;
}
