/* core/geo.c — outward codes of UK postcodes, their district centroids (the table
 * generated from data/outcodes.csv) and straight-line miles between two places.
 * Pure: no I/O, no allocation; a malformed or unknown code is an answer, not an error. */
#include "core/geo.h"
#include <math.h>
#include <string.h>

#define EARTH_RADIUS_MILES 3958.8

static bool is_letter(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Royal Mail's outward code shapes: A9, A99, AA9, AA99, A9A, AA9A. s is upper-case. */
static bool outward_shape(const char *s, size_t n)
{
	static const char *const shapes[] = {"A9", "A99", "AA9", "AA99", "A9A", "AA9A"};
	for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
		if (strlen(shapes[k]) != n)
			continue;
		size_t i = 0;
		while (i < n && (shapes[k][i] == 'A' ? is_letter(s[i]) : is_digit(s[i])))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

/* The inward code: 9AA. */
static bool inward_shape(const char *s)
{
	return is_digit(s[0]) && is_letter(s[1]) && is_letter(s[2]);
}

bool geo_outcode(const char *postcode, char out[8])
{
	out[0] = '\0';
	if (!postcode)
		return false;
	const char *p = postcode, *e = postcode + strlen(postcode);
	while (p < e && is_blank(*p))
		p++;
	while (e > p && is_blank(e[-1]))
		e--;

	/* Upper-cased letters and digits, remembering where one inner space stood. */
	char c[8];
	size_t n = 0, space_at = 0;
	bool spaced = false;
	for (; p < e; p++) {
		if (*p == ' ') {
			if (spaced || n == 0)
				return false;
			spaced = true;
			space_at = n;
			continue;
		}
		char u = upper(*p);
		if (n == 7 || !(is_letter(u) || is_digit(u)))
			return false;
		c[n++] = u;
	}

	size_t outward;
	if (n >= 2 && n <= 4 && !spaced) {
		outward = n;                          /* a bare outcode */
	} else if (n >= 5 && n <= 7 && inward_shape(c + n - 3)) {
		outward = n - 3;                      /* a full postcode */
		if (spaced && space_at != outward)
			return false;
	} else {
		return false;
	}
	if (!outward_shape(c, outward))
		return false;
	memcpy(out, c, outward);
	out[outward] = '\0';
	return true;
}

bool geo_outcode_centroid(const char *outcode, double *lat, double *lon)
{
	char code[8];
	if (!geo_outcode(outcode, code))
		return false;
	size_t lo = 0, hi = geo_outcode_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(code, geo_outcode_table[mid].code);
		if (cmp == 0) {
			if (lat)
				*lat = geo_outcode_table[mid].lat;
			if (lon)
				*lon = geo_outcode_table[mid].lon;
			return true;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

static double radians(double deg)
{
	return deg * (M_PI / 180.0);
}

double geo_miles(const char *a, const char *b)
{
	double lat1, lon1, lat2, lon2;
	if (!geo_outcode_centroid(a, &lat1, &lon1) || !geo_outcode_centroid(b, &lat2, &lon2))
		return -1.0;
	/* Haversine on a sphere of the Earth's mean radius. */
	double dlat = radians(lat2 - lat1), dlon = radians(lon2 - lon1);
	double h = sin(dlat / 2) * sin(dlat / 2) +
		   cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) * sin(dlon / 2);
	if (h > 1.0)
		h = 1.0;
	return 2.0 * EARTH_RADIUS_MILES * asin(sqrt(h));
}
