/* core/geo.h — where a UK postcode is, to the precision of its outward code (district):
 * the outcode centroids ipsdesk ships as data (data/outcodes.csv, source in
 * docs/data-sources.md), and straight-line miles between two places. Pure: the table is
 * compiled into the binary; no I/O, no allocation. */
#ifndef IPS_GEO_H
#define IPS_GEO_H
#include <stdbool.h>
#include <stddef.h>

/* The outward code of a postcode or outcode, upper-cased without spaces ("sw1a 1aa",
 * "SW1A1AA", "SW1A" → "SW1A"); false when the text is not shaped like one. out holds
 * at least 5 characters and the terminator. */
bool geo_outcode(const char *postcode, char out[8]);

/* The centroid of an outcode in degrees; false when ipsdesk does not know it. */
bool geo_outcode_centroid(const char *outcode, double *lat, double *lon);

/* Great-circle miles between the outcode centroids of two postcodes (or outcodes);
 * a negative number when either is missing, malformed or unknown. */
double geo_miles(const char *a, const char *b);

/* The compiled-in table, generated from data/outcodes.csv by scripts/gen_outcodes.sh
 * (build dir gen/outcodes.c): upper-case outcodes in strcmp order, one row each. */
struct geo_outcode_row {
	char code[5];
	float lat, lon;
};
extern const struct geo_outcode_row geo_outcode_table[];
extern const size_t geo_outcode_count;

#endif
