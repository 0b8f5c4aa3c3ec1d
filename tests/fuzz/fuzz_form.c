/* tests/fuzz/fuzz_form.c — libFuzzer harness for form_decode (util/kv.h), the decoder
 * of every form body and query string that arrives over HTTP.
 *
 * The input bytes are the body, exactly as received (no NUL terminator, any bytes).
 * Beyond "does not crash under ASan/UBSan", it checks:
 *   - form_decode agrees with an independent reference decoder written from the
 *     header's contract (accept/refuse, and every key and value byte for byte);
 *   - every decoded key and value is valid UTF-8 (utf8_valid) with no NUL inside;
 *   - utf8_valid agrees with a reference UTF-8 validator on the raw input;
 *   - kv_get, kv_count and kv_get_nth are consistent with the list itself.
 * It must never depend on anything but util/arena.c and util/kv.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/arena.h"
#include "util/kv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                   \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "fuzz_form: check failed at line %d: %s\n",   \
				__LINE__, #cond);                                     \
			abort();                                                      \
		}                                                                     \
	} while (0)

/* Reference UTF-8 validator (RFC 3629, Table 3-7 of the Unicode standard): the
 * well-formed byte sequences, written as ranges so it shares nothing with kv.c. */
static int ref_utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		unsigned char lo = 0x80, hi = 0xbf;
		size_t len;
		if (c <= 0x7f) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
		} else if (c == 0xe0) {
			len = 3, lo = 0xa0;
		} else if ((c >= 0xe1 && c <= 0xec) || c == 0xee || c == 0xef) {
			len = 3;
		} else if (c == 0xed) {
			len = 3, hi = 0x9f;
		} else if (c == 0xf0) {
			len = 4, lo = 0x90;
		} else if (c >= 0xf1 && c <= 0xf3) {
			len = 4;
		} else if (c == 0xf4) {
			len = 4, hi = 0x8f;
		} else {
			return 0;
		}
		if (n - i < len)
			return 0;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (size_t k = 2; k < len; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xbf)
				return 0;
		i += len;
	}
	return 1;
}

struct ref_str {
	unsigned char *p; /* malloc'd */
	size_t n;
};

static int ref_hex(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (unsigned char)(c | 0x20);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes s[0..n) by the contract: '+' is a space, %XX a byte; refuses a bad escape,
 * a decoded NUL or invalid UTF-8. Returns 0 and fills out, or -1. */
static int ref_decode(const unsigned char *s, size_t n, struct ref_str *out)
{
	out->p = malloc(n + 1);
	out->n = 0;
	CHECK(out->p);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			if (i + 2 >= n || ref_hex(s[i + 1]) < 0 || ref_hex(s[i + 2]) < 0)
				return -1;
			c = (unsigned char)(ref_hex(s[i + 1]) << 4 | ref_hex(s[i + 2]));
			i += 2;
		}
		if (c == 0)
			return -1;
		out->p[out->n++] = c;
	}
	return ref_utf8_valid(out->p, out->n) ? 0 : -1;
}

struct ref_pair {
	struct ref_str k, v;
};

/* The whole reference decode: -1 when refused, else the number of pairs in *pairs.
 * *slots is the size of the zeroed *pairs array (free every slot with ref_free). */
static long ref_form(const unsigned char *s, size_t len, struct ref_pair **pairs, size_t *slots)
{
	size_t segments = 1;
	for (size_t i = 0; i < len; i++)
		segments += s[i] == '&';
	*slots = segments;
	*pairs = calloc(segments, sizeof **pairs);
	CHECK(*pairs);
	/* The contract's limit: more than 1000 pairs is refused. kv.c counts the pieces
	 * between '&' (empty ones included) against it; the reference does the same. */
	if (segments > 1000)
		return -1;
	long np = 0;
	size_t start = 0;
	for (;;) {
		size_t end = start;
		while (end < len && s[end] != '&')
			end++;
		if (end > start) {
			size_t eq = start;
			while (eq < end && s[eq] != '=')
				eq++;
			struct ref_pair *p = &(*pairs)[np++];
			if (ref_decode(s + start, eq - start, &p->k) != 0)
				return -1;
			if (eq < end) {
				if (ref_decode(s + eq + 1, end - eq - 1, &p->v) != 0)
					return -1;
			} else {
				CHECK(ref_decode(s, 0, &p->v) == 0);
			}
		}
		if (end >= len)
			break;
		start = end + 1;
	}
	return np;
}

static void ref_free(struct ref_pair *pairs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(pairs[i].k.p);
		free(pairs[i].v.p);
	}
	free(pairs);
}

/* kv_get, kv_count and kv_get_nth for the key of entry i, against a walk over the
 * list itself. */
static void check_entry(const struct kvlist *l, size_t i)
{
	const char *key = l->v[i].key;
	size_t before = 0, total = 0;
	const char *first = NULL;
	for (size_t j = 0; j < l->n; j++) {
		if (strcmp(l->v[j].key, key) != 0)
			continue;
		if (!first)
			first = l->v[j].val;
		if (j < i)
			before++;
		total++;
	}
	CHECK(total >= 1);
	CHECK(kv_count(l, key) == total);
	CHECK(kv_get(l, key) == first);
	CHECK(kv_get_nth(l, key, before) == l->v[i].val);
	CHECK(kv_get_nth(l, key, total) == NULL);
}

static void check_lookups(const struct kvlist *l)
{
	/* Each check walks the list, so a long list is sampled (about 32 entries spread
	 * over it, and the last) to keep the harness fast. */
	size_t step = l->n > 32 ? l->n / 32 : 1;
	for (size_t i = 0; i < l->n; i += step)
		check_entry(l, i);
	if (l->n)
		check_entry(l, l->n - 1);
	/* No decoded key can be invalid UTF-8, so this one is never present. */
	CHECK(kv_get(l, "\xff") == NULL);
	CHECK(kv_count(l, "\xff") == 0);
	CHECK(kv_get_nth(l, "\xff", 0) == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size heap copy, so ASan sees any read past the body's end. */
	char *body = malloc(size ? size : 1);
	CHECK(body);
	if (size)
		memcpy(body, data, size);

	CHECK(!utf8_valid(body, size) == !ref_utf8_valid(data, size));

	struct arena *a = arena_new();
	struct kvlist l;
	int rc = form_decode(a, body, size, &l);

	struct ref_pair *want = NULL;
	size_t slots = 0;
	long nwant = ref_form(data, size, &want, &slots);

	CHECK(rc == 0 || rc == -1);
	CHECK((rc == 0) == (nwant >= 0));
	if (rc == 0) {
		CHECK(l.n == (size_t)nwant);
		CHECK(l.n == 0 || l.v != NULL);
		for (size_t i = 0; i < l.n; i++) {
			const char *k = l.v[i].key, *v = l.v[i].val;
			CHECK(k != NULL && v != NULL);
			size_t kn = strlen(k), vn = strlen(v);
			/* strlen stops at the first NUL: equal lengths mean no NUL inside. */
			CHECK(kn == want[i].k.n && memcmp(k, want[i].k.p, kn) == 0);
			CHECK(vn == want[i].v.n && memcmp(v, want[i].v.p, vn) == 0);
			CHECK(utf8_valid(k, kn));
			CHECK(utf8_valid(v, vn));
		}
		check_lookups(&l);
	}
	ref_free(want, slots);
	arena_free(a);
	free(body);
	return 0;
}
