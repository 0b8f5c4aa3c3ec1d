/* tests/fuzz/fuzz_cookie.c — libFuzzer harness for cookie_parse (util/kv.h), which
 * reads the Cookie header of every request.
 *
 * The input bytes, up to the first NUL, are the header (libmicrohttpd hands the
 * server a NUL-terminated string). Beyond "does not crash under ASan/UBSan", it
 * checks the contract in kv.h:
 *   - cookie_parse always returns 0 and never more pieces than the header has;
 *   - every key is non-empty, valid UTF-8, has no '=', ';', NUL, or surrounding
 *     blanks; every value is valid UTF-8 with no ';' or NUL; both occur in the header;
 *   - written back as k="v"; k="v" ... and parsed again, the list comes back the same;
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
			fprintf(stderr, "fuzz_cookie: check failed at line %d: %s\n", \
				__LINE__, #cond);                                     \
			abort();                                                      \
		}                                                                     \
	} while (0)

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
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A NUL-terminated heap copy of exactly the header's length, so ASan catches a
	 * read past the terminator. */
	char *header = malloc(size + 1);
	CHECK(header);
	if (size)
		memcpy(header, data, size);
	header[size] = '\0';
	size_t hlen = strlen(header);

	struct arena *a = arena_new();
	struct kvlist l;
	CHECK(cookie_parse(a, header, &l) == 0);

	size_t pieces = 1;
	for (size_t i = 0; i < hlen; i++)
		pieces += header[i] == ';';
	CHECK(l.n <= pieces && l.n <= 1000);
	CHECK(l.n == 0 || l.v != NULL);

	size_t outlen = 1;
	for (size_t i = 0; i < l.n; i++) {
		const char *k = l.v[i].key, *v = l.v[i].val;
		CHECK(k != NULL && v != NULL);
		size_t kn = strlen(k), vn = strlen(v);
		CHECK(kn > 0 && kn <= hlen && vn <= hlen);
		CHECK(utf8_valid(k, kn) && utf8_valid(v, vn));
		CHECK(!strpbrk(k, "=;") && !strchr(v, ';'));
		CHECK(k[0] != ' ' && k[0] != '\t' && k[kn - 1] != ' ' && k[kn - 1] != '\t');
		CHECK(strstr(header, k) != NULL && strstr(header, v) != NULL);
		outlen += kn + vn + 5;
	}
	check_lookups(&l);

	/* Round trip: every value quoted, so the quotes cookie_parse strips are ours. */
	char *again = malloc(outlen);
	CHECK(again);
	size_t o = 0;
	for (size_t i = 0; i < l.n; i++) {
		o += (size_t)sprintf(again + o, "%s%s=\"%s\"", i ? "; " : "", l.v[i].key,
				     l.v[i].val);
	}
	again[o] = '\0';
	CHECK(o < outlen);
	struct kvlist l2;
	CHECK(cookie_parse(a, again, &l2) == 0);
	CHECK(l2.n == l.n);
	for (size_t i = 0; i < l.n; i++) {
		CHECK(strcmp(l2.v[i].key, l.v[i].key) == 0);
		CHECK(strcmp(l2.v[i].val, l.v[i].val) == 0);
	}
	free(again);

	/* NULL is an empty header. */
	CHECK(cookie_parse(a, NULL, &l2) == 0 && l2.n == 0);

	arena_free(a);
	free(header);
	return 0;
}
