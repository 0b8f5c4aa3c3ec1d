/* tests/fuzz/fuzz_json.c — libFuzzer harness for jsonform_read (util/jsonform.h), which
 * reads every JSON body the API accepts (POST /api/v1/people/:id/contacts) into the text
 * fields a web form would have sent.
 *
 * The input bytes are the body, exactly as received. Beyond "does not crash or leak
 * under ASan/UBSan", it checks the header's contract:
 *   - the status is one of the three; NOT_JSON always comes with a reason;
 *   - every field set is a NUL-terminated string with no NUL before its end, and valid
 *     UTF-8 as jansson promised; members of other types only ever become problems;
 *   - every problem names a field and has a message;
 *   - the same body read twice gives the same answer.
 * It must never depend on anything but util/arena.c, util/jsonform.c and jansson. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/arena.h"
#include "util/jsonform.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                   \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "fuzz_json: check failed at line %d: %s\n",   \
				__LINE__, #cond);                                     \
			abort();                                                      \
		}                                                                     \
	} while (0)

/* The contact body's fields (web/api.c), with a mix of numbers and booleans. */
struct form {
	const char *referral_id, *date, *with, *employer_id, *mode, *place, *minutes, *attended, *note;
};
static const struct jsonform_field FIELDS[] = {
	{"referral_id", offsetof(struct form, referral_id), true, false},
	{"date", offsetof(struct form, date), false, false},
	{"with", offsetof(struct form, with), false, false},
	{"employer_id", offsetof(struct form, employer_id), true, false},
	{"mode", offsetof(struct form, mode), false, false},
	{"place", offsetof(struct form, place), false, false},
	{"minutes", offsetof(struct form, minutes), true, false},
	{"attended", offsetof(struct form, attended), false, true},
	{"note", offsetof(struct form, note), false, false},
};
#define NFIELDS (sizeof FIELDS / sizeof FIELDS[0])

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

static enum jsonform_status read_once(struct arena *a, const uint8_t *data, size_t size, struct form *f,
				      struct jsonform_problem **p, size_t *np, const char **why)
{
	memset(f, 0, sizeof *f);
	return jsonform_read(a, (const char *)data, size, FIELDS, NFIELDS, f, p, np, why);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct form f, g;
	struct jsonform_problem *p, *q;
	size_t np, nq;
	const char *why, *why2;
	enum jsonform_status st = read_once(a, data, size, &f, &p, &np, &why);
	CHECK(st == JSONFORM_OK || st == JSONFORM_NOT_JSON || st == JSONFORM_NOT_OBJECT);
	if (st == JSONFORM_NOT_JSON)
		CHECK(why && *why);
	if (st != JSONFORM_OK) {
		struct form zero = {0};
		CHECK(memcmp(&f, &zero, sizeof f) == 0);   /* nothing set from a body it refused */
		CHECK(np == 0);
	}
	const char *const *vals = (const char *const *)&f;
	for (size_t i = 0; i < NFIELDS; i++)
		if (vals[i])
			CHECK(utf8_ok((const unsigned char *)vals[i]));
	for (size_t i = 0; i < np; i++)
		CHECK(p[i].field && p[i].message && *p[i].message);
	enum jsonform_status st2 = read_once(a, data, size, &g, &q, &nq, &why2);
	CHECK(st2 == st && nq == np);
	const char *const *vals2 = (const char *const *)&g;
	for (size_t i = 0; i < NFIELDS; i++)
		CHECK((!vals[i] && !vals2[i]) || (vals[i] && vals2[i] && strcmp(vals[i], vals2[i]) == 0));
	arena_free(a);
	return 0;
}
