/* core/validate.c — field rules shared by every front door (spec/interchange.md):
 * refs and codes, exact decimals, free text (UTF-8 included), postcodes, emails and
 * phone numbers. Messages are static strings written for the person filling in the
 * form. Pure: no I/O, nothing from util/ (tests/fuzz/fuzz_fields.c links this alone). */
#include "core/validate.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

bool valid_ref(const char *s, const char **why)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0) {
		*why = "Enter a reference";
		return false;
	}
	if (n > 64) {
		*why = "A reference must be 64 characters or fewer";
		return false;
	}
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < '!' || (unsigned char)s[i] > '~') {
			*why = "A reference may only use letters, digits and punctuation, with no spaces";
			return false;
		}
	return true;
}

bool ref_is_reserved(const char *s)
{
	return s && strncmp(s, "ipsdesk-", 8) == 0;
}

bool parse_hundredths(const char *s, int64_t *out, const char **why)
{
	const char *p = s;
	int64_t whole = 0;
	int digits = 0;
	if (!s || !*s) {
		*why = "Enter a number";
		return false;
	}
	while (*p >= '0' && *p <= '9') {
		if (++digits > 9) {
			*why = "This number is too large";
			return false;
		}
		whole = whole * 10 + (*p++ - '0');
	}
	if (digits == 0) {
		*why = "Enter a number, like 16 or 7.5";
		return false;
	}
	int64_t frac = 0;
	if (*p == '.') {
		p++;
		int fd = 0;
		while (*p >= '0' && *p <= '9' && fd < 3) {
			frac = frac * 10 + (*p++ - '0');
			fd++;
		}
		if (fd == 0 || fd > 2) {
			*why = "Enter a number with at most 2 decimal places, like 16 or 7.5";
			return false;
		}
		if (fd == 1)
			frac *= 10;
	}
	if (*p) {
		*why = "Enter a number, like 16 or 7.5";
		return false;
	}
	*out = whole * 100 + frac;
	return true;
}

/* Splits v into sign, whole units and the two-digit remainder of v / 100, without overflow
 * for any int64_t (the magnitude of INT64_MIN does not fit in an int64_t). */
static void split_hundredths(int64_t v, const char **sign, unsigned long long *whole, unsigned *frac)
{
	unsigned long long mag = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	*sign = v < 0 ? "-" : "";
	*whole = mag / 100;
	*frac = (unsigned)(mag % 100);
}

void format_hundredths(int64_t v, char *out)
{
	const char *sign;
	unsigned long long whole;
	unsigned frac;
	split_hundredths(v, &sign, &whole, &frac);
	if (frac == 0)
		snprintf(out, 24, "%s%llu", sign, whole);
	else if (frac % 10 == 0)
		snprintf(out, 24, "%s%llu.%u", sign, whole, frac / 10);
	else
		snprintf(out, 24, "%s%llu.%02u", sign, whole, frac);
}

void format_pence(int64_t pence, char *out)
{
	const char *sign;
	unsigned long long whole;
	unsigned frac;
	split_hundredths(pence, &sign, &whole, &frac);
	snprintf(out, 24, "%s%llu.%02u", sign, whole, frac);
}

bool parse_count(const char *s, int64_t *out, const char **why)
{
	int64_t v = 0;
	int digits = 0;
	if (!s || !*s) {
		*why = "Enter a whole number";
		return false;
	}
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9') {
			*why = "Enter a whole number, like 45";
			return false;
		}
		if (++digits > 9) {
			*why = "This number is too large";
			return false;
		}
		v = v * 10 + (*p - '0');
	}
	*out = v;
	return true;
}

bool text_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		size_t len;
		unsigned char lo = 0x80, hi = 0xbf;   /* the allowed range of the second byte */
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			if (c == 0xe0)
				lo = 0xa0;   /* overlong */
			else if (c == 0xed)
				hi = 0x9f;   /* surrogates */
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			if (c == 0xf0)
				lo = 0x90;   /* overlong */
			else if (c == 0xf4)
				hi = 0x8f;   /* above U+10FFFF */
		} else {
			return false;
		}
		if (n - i < len || s[i + 1] < lo || s[i + 1] > hi)
			return false;
		for (size_t k = 2; k < len; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
		i += len;
	}
	return true;
}

enum text_problem text_check(const char *s, int max, bool multiline)
{
	size_t n = s ? strlen(s) : 0;
	if (!text_utf8_valid(s, n))
		return TEXT_NOT_UTF8;
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n' || c == '\r' || c == '\t') {
			if (!multiline)
				return TEXT_LINE_BREAK;
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			return TEXT_CONTROL;
		if (c != ' ')
			any = true;
	}
	if (!any)
		return TEXT_BLANK;
	if (n > (size_t)(max < 0 ? 0 : max))
		return TEXT_TOO_LONG;
	return TEXT_OK;
}

bool valid_text(const char *s, int max, bool multiline, const char **why)
{
	switch (text_check(s, max, multiline)) {
	case TEXT_OK:
		return true;
	case TEXT_NOT_UTF8:
		*why = "This contains characters that cannot be read: retype it";
		break;
	case TEXT_LINE_BREAK:
		*why = "Enter this on one line";
		break;
	case TEXT_CONTROL:
		*why = "This contains characters that cannot be saved: retype it";
		break;
	case TEXT_BLANK:
		*why = "Enter some text, not only spaces";
		break;
	case TEXT_TOO_LONG:
		*why = max <= 200 ? "This is too long: shorten it"
				  : "This is too long: shorten it, or keep the detail elsewhere";
		break;
	}
	return false;
}

/* Outward code: A9, A99, AA9, AA99, A9A, AA9A; inward: 9AA (Royal Mail's formats). */
static bool outward_ok(const char *o, size_t n)
{
	if (n < 2 || n > 4 || !isalpha((unsigned char)o[0]))
		return false;
	size_t i = 1;
	if (isalpha((unsigned char)o[i]))
		i++;
	if (i >= n || !isdigit((unsigned char)o[i]))
		return false;
	i++;
	if (i < n && (isdigit((unsigned char)o[i]) || isalpha((unsigned char)o[i])))
		i++;
	return i == n;
}

bool postcode_normalise(const char *s, char out[9], const char **why)
{
	char c[9];
	size_t n = 0, spaces = 0;
	out[0] = '\0';
	for (const char *p = s; p && *p; p++) {
		if (*p == ' ') {
			spaces++;
			continue;
		}
		if (!isalnum((unsigned char)*p) || n >= 7) {
			*why = "Enter a real postcode, like LS1 4AP";
			return false;
		}
		c[n++] = (char)toupper((unsigned char)*p);
	}
	c[n] = '\0';
	if (n < 5 || spaces > 1 || !outward_ok(c, n - 3) || !isdigit((unsigned char)c[n - 3]) ||
	    !isalpha((unsigned char)c[n - 2]) || !isalpha((unsigned char)c[n - 1])) {
		*why = "Enter a real postcode, like LS1 4AP";
		return false;
	}
	memcpy(out, c, n - 3);
	out[n - 3] = ' ';
	memcpy(out + n - 2, c + n - 3, 4);
	return true;
}

bool valid_email(const char *s, const char **why)
{
	size_t n = s ? strlen(s) : 0;
	const char *at = s ? strchr(s, '@') : NULL;
	*why = "Enter an email address in the correct format, like name@example.com";
	if (n == 0 || n > 254 || !at || at == s || strchr(at + 1, '@'))
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f)
			return false;
	const char *dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] != '\0';
}

bool valid_phone(const char *s, const char **why)
{
	int digits = 0;
	*why = "Enter a telephone number, like 0113 496 0000 or +44 113 496 0000";
	for (const char *p = s; p && *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!strchr(" +()-", *p))
			return false;
	}
	return digits >= 10 && digits <= 15;
}
