/* tests/fuzz/fuzz_postcode.c — libFuzzer harness for core/geo: the outward code of
 * whatever a person types as a postcode, its district centroid and miles between two.
 *
 * The input bytes, up to the first NUL, are split at the first '|' into two fields
 * (a missing '|' makes both the same text). Beyond "does not crash under ASan/UBSan"
 * each result is checked against the header's contract:
 *   - geo_outcode: a result is 2-4 upper-case letters/digits of an outward shape,
 *     is its own outcode, and the empty string on refusal;
 *   - geo_outcode_centroid: only for an accepted text, inside the UK's box, and the
 *     same answer for the outcode alone;
 *   - geo_miles: negative exactly when either end has no centroid, otherwise finite,
 *     at most half the Earth's circumference, symmetric, and 0 to itself.
 * It must never depend on anything but core/geo.c and the generated outcode table. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/geo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                     \
	do {                                                                            \
		if (!(cond)) {                                                          \
			fprintf(stderr, "fuzz_postcode: check failed at line %d: %s\n", \
				__LINE__, #cond);                                       \
			abort();                                                        \
		}                                                                       \
	} while (0)

/* Checks one field; returns whether it has a centroid. */
static bool fuzz_one(const char *s)
{
	char out[8], again[8];
	memset(out, 'x', sizeof out);
	bool ok = geo_outcode(s, out);
	if (!ok) {
		CHECK(out[0] == '\0');
		CHECK(!geo_outcode_centroid(s, NULL, NULL));
		return false;
	}
	size_t n = strlen(out);
	CHECK(n >= 2 && n <= 4);
	CHECK(out[0] >= 'A' && out[0] <= 'Z');
	for (size_t i = 0; i < n; i++)
		CHECK((out[i] >= 'A' && out[i] <= 'Z') || (out[i] >= '0' && out[i] <= '9'));
	CHECK(geo_outcode(out, again) && strcmp(again, out) == 0);

	double lat = 0, lon = 0, lat2 = 0, lon2 = 0;
	bool known = geo_outcode_centroid(s, &lat, &lon);
	CHECK(known == geo_outcode_centroid(out, &lat2, &lon2));
	if (known) {
		CHECK(lat == lat2 && lon == lon2);
		CHECK(lat > 49.0 && lat < 61.0 && lon > -8.7 && lon < 1.8);
	}
	return known;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	CHECK(s);
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	char *a = s, *b = s, *bar = strchr(s, '|');
	if (bar) {
		*bar = '\0';
		b = bar + 1;
	}

	bool ka = fuzz_one(a), kb = fuzz_one(b);
	double d = geo_miles(a, b);
	if (!ka || !kb) {
		CHECK(d < 0);
	} else {
		CHECK(isfinite(d) && d >= 0 && d <= M_PI * 3958.8 + 1e-6);
		CHECK(geo_miles(b, a) == d);
		CHECK(geo_miles(a, a) == 0.0);
	}

	free(s);
	return 0;
}
