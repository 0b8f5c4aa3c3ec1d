/* tests/fuzz/fuzz_json.c — libFuzzer harness for jsonform_read (util/jsonform.h), which
 * reads every JSON body the API accepts into the text fields a web form would have
 * sent. Each input is read with every body the API's writes take (API_BODIES,
 * web/api_bodies.c: a contact, a new person, a person's changes, an employer, a
 * vacancy, a job start, a job's end), onto the use cases' own form structs.
 *
 * The input bytes are the body, exactly as received. Beyond "does not crash or leak
 * under ASan/UBSan", it checks the header's contract:
 *   - the status is one of the three, and the same for every body (it depends on the
 *     JSON, not on the fields); NOT_JSON always comes with a reason;
 *   - only the fields' own slots of the form are written: every other byte is as it
 *     was, and nothing is set from a body it refused;
 *   - every field set is a NUL-terminated string, valid UTF-8 as jansson promised;
 *     members of other types only ever become problems;
 *   - every problem names a field and has a message;
 *   - the same body read twice gives the same answer.
 * It must never depend on anything but util/arena.c, util/jsonform.c,
 * web/api_bodies.c (tables only) and jansson. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/arena.h"
#include "util/jsonform.h"
#include "web/api_bodies.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                   \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "fuzz_json: check failed at line %d: %s\n",   \
				__LINE__, #cond);                                     \
			abort();                                                      \
		}                                                                     \
	} while (0)

/* A byte pattern the form is filled with before reading, so that a write outside the
 * fields' slots shows. */
#define FILL 0xa5

static int utf8_ok(const unsigned char *s)
{
	while (*s) {
		unsigned char c = *s;
		size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
		if (!len)
			return 0;
		for (size_t i = 1; i < len; i++)
			if ((s[i] & 0xc0) != 0x80)
				return 0;
		s += len;
	}
	return 1;
}

static const char *slot(const unsigned char *form, const struct jsonform_field *f)
{
	const char *v;
	memcpy(&v, form + f->offset, sizeof v);
	return v;
}

/* Whether byte i of the form belongs to one of the body's fields. */
static int in_a_slot(const struct api_body *b, size_t i)
{
	for (size_t k = 0; k < b->nfields; k++)
		if (i >= b->fields[k].offset && i < b->fields[k].offset + sizeof(const char *))
			return 1;
	return 0;
}

static enum jsonform_status read_once(struct arena *a, const struct api_body *b, const uint8_t *data, size_t size,
				      unsigned char *form, struct jsonform_problem **p, size_t *np, const char **why)
{
	memset(form, FILL, b->form_size);
	return jsonform_read(a, (const char *)data, size, b->fields, b->nfields, form, p, np, why);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	int first = -1;
	for (const struct api_body *const *bp = API_BODIES; *bp; bp++) {
		const struct api_body *b = *bp;
		unsigned char *f = arena_alloc(a, b->form_size), *g = arena_alloc(a, b->form_size);
		struct jsonform_problem *p, *q;
		size_t np, nq;
		const char *why, *why2;
		enum jsonform_status st = read_once(a, b, data, size, f, &p, &np, &why);
		CHECK(st == JSONFORM_OK || st == JSONFORM_NOT_JSON || st == JSONFORM_NOT_OBJECT);
		CHECK(first < 0 || (int)st == first);
		first = (int)st;
		if (st == JSONFORM_NOT_JSON)
			CHECK(why && *why);
		for (size_t i = 0; i < b->form_size; i++)
			if (st != JSONFORM_OK || !in_a_slot(b, i))
				CHECK(f[i] == FILL);   /* nothing else written; nothing at all when refused */
		if (st != JSONFORM_OK)
			CHECK(np == 0);
		for (size_t k = 0; k < b->nfields; k++) {
			const char *v = slot(f, &b->fields[k]);
			unsigned char untouched[sizeof v];
			memset(untouched, FILL, sizeof untouched);
			if (memcmp(f + b->fields[k].offset, untouched, sizeof v) != 0 && v)
				CHECK(utf8_ok((const unsigned char *)v));
		}
		for (size_t i = 0; i < np; i++)
			CHECK(p[i].field && p[i].message && *p[i].message);
		enum jsonform_status st2 = read_once(a, b, data, size, g, &q, &nq, &why2);
		CHECK(st2 == st && nq == np);
		for (size_t k = 0; k < b->nfields; k++) {
			const char *v = slot(f, &b->fields[k]), *w = slot(g, &b->fields[k]);
			unsigned char untouched[sizeof v];
			memset(untouched, FILL, sizeof untouched);
			int set_f = memcmp(f + b->fields[k].offset, untouched, sizeof v) != 0;
			int set_g = memcmp(g + b->fields[k].offset, untouched, sizeof w) != 0;
			CHECK(set_f == set_g);
			if (set_f)
				CHECK((!v && !w) || (v && w && strcmp(v, w) == 0));
		}
	}
	arena_free(a);
	return 0;
}
