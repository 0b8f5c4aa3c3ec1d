/* tests/unit/test_geo.c — core/geo: which texts are postcodes or outcodes (Royal Mail's
 * outward shapes A9, A99, AA9, AA99, A9A, AA9A, then 9AA), the compiled-in district
 * centroids of data/outcodes.csv, and haversine miles between them. */
#include "testutil.h"
#include "core/geo.h"

static void assert_outcode(const char *in, const char *want)
{
	char out[8] = "junk";
	if (!geo_outcode(in, out))
		fail_msg("geo_outcode(\"%s\") refused, wanted %s", in, want);
	assert_string_equal(out, want);
}

static void assert_refused(const char *in)
{
	char out[8] = "junk";
	if (geo_outcode(in, out))
		fail_msg("geo_outcode(\"%s\") accepted as %s", in, out);
	assert_string_equal(out, "");
}

static void test_every_outward_shape_is_accepted(void **state)
{
	(void)state;
	assert_outcode("M1 1AE", "M1");        /* A9 */
	assert_outcode("B33 8TH", "B33");      /* A99 */
	assert_outcode("CR2 6XH", "CR2");      /* AA9 */
	assert_outcode("DN55 1PT", "DN55");    /* AA99 */
	assert_outcode("W1A 0AX", "W1A");      /* A9A */
	assert_outcode("EC1A 1BB", "EC1A");    /* AA9A */
}

static void test_space_case_and_surrounding_blanks_do_not_matter(void **state)
{
	(void)state;
	assert_outcode("sw1a 1aa", "SW1A");
	assert_outcode("SW1A1AA", "SW1A");
	assert_outcode("  Ls1 4ap \t", "LS1");
	assert_outcode("ls14ap", "LS1");
	assert_outcode("ls99 4ap", "LS99");
}

static void test_a_bare_outcode_is_its_own_outcode(void **state)
{
	(void)state;
	assert_outcode("SW1A", "SW1A");
	assert_outcode("m1", "M1");
	assert_outcode(" cf10 ", "CF10");
	assert_outcode("W1A", "W1A");
}

static void test_other_shapes_are_refused(void **state)
{
	(void)state;
	assert_refused(NULL);
	assert_refused("");
	assert_refused("   ");
	assert_refused("1");
	assert_refused("M");
	assert_refused("11");            /* starts with a digit */
	assert_refused("ABC1");          /* three letters */
	assert_refused("A123");          /* three digits */
	assert_refused("AB1CD");         /* too long, and not 9AA */
	assert_refused("SW1A 1A");       /* inward code too short */
	assert_refused("SW1A 1AAA");     /* too long */
	assert_refused("SW1A AAA");      /* inward must start with a digit */
	assert_refused("SW1A 11A");      /* inward must end with two letters */
	assert_refused("SW1 A1AA");      /* the space must split outward from inward */
	assert_refused("SW1A  1AA");     /* two spaces */
	assert_refused("SW1A-1AA");
	assert_refused("SW1A\t1AA");
	assert_refused("M1 1AE X");
}

static void test_trailing_blank_is_trimmed_not_refused(void **state)
{
	(void)state;
	assert_outcode("M1 ", "M1");
	assert_outcode("\tM1 1AE  ", "M1");
}

static void test_known_outcodes_have_their_centroids(void **state)
{
	(void)state;
	double lat = 0, lon = 0;
	assert_true(geo_outcode_centroid("LS1", &lat, &lon));
	assert_true(lat > 53.79 && lat < 53.80 && lon > -1.56 && lon < -1.54);
	assert_true(geo_outcode_centroid("M1", &lat, &lon));
	assert_true(lat > 53.47 && lat < 53.48 && lon > -2.24 && lon < -2.23);
	assert_true(geo_outcode_centroid("sw1a 1aa", &lat, &lon));
	assert_true(lat > 51.50 && lat < 51.51 && lon > -0.14 && lon < -0.12);
	assert_true(geo_outcode_centroid("CF10", &lat, &lon));
	assert_true(lat > 51.47 && lat < 51.48 && lon > -3.18 && lon < -3.17);
	/* the first and last rows of the table, so the search reaches both ends */
	assert_true(geo_outcode_centroid("AB10", &lat, &lon));
	assert_true(geo_outcode_centroid("ZE3", &lat, &lon));
	assert_true(lat > 59.8 && lat < 59.9);
}

static void test_the_table_is_sorted_and_every_row_is_found(void **state)
{
	(void)state;
	assert_true(geo_outcode_count > 2500);
	for (size_t i = 0; i < geo_outcode_count; i++) {
		if (i > 0)
			assert_true(strcmp(geo_outcode_table[i - 1].code, geo_outcode_table[i].code) < 0);
		double lat, lon;
		assert_true(geo_outcode_centroid(geo_outcode_table[i].code, &lat, &lon));
		assert_true(lat > 49.0 && lat < 61.0 && lon > -8.7 && lon < 1.8);
	}
}

static void test_unknown_or_malformed_outcodes_have_no_centroid(void **state)
{
	(void)state;
	double lat = 1, lon = 1;
	assert_false(geo_outcode_centroid("ZZ99", &lat, &lon));
	assert_false(geo_outcode_centroid("A0", &lat, &lon));
	assert_false(geo_outcode_centroid("AA", &lat, &lon));
	assert_false(geo_outcode_centroid("", &lat, &lon));
	assert_false(geo_outcode_centroid(NULL, &lat, &lon));
	assert_true(lat == 1 && lon == 1);
}

static void test_leeds_to_manchester_is_about_36_miles(void **state)
{
	(void)state;
	double d = geo_miles("LS1 4AP", "M1 1AE");
	assert_true(d > 35.0 && d < 37.0);              /* 35.8 from the shipped centroids */
	assert_true(geo_miles("M1", "LS1") == d);       /* symmetric */
	assert_true(geo_miles("LS1", "ls1 9zz") == 0.0); /* same district */
	/* London to Cardiff, about 131 miles straight line */
	d = geo_miles("SW1A 1AA", "CF10 1AA");
	assert_true(d > 125.0 && d < 137.0);
	/* Land's End area to Shetland, about 727 miles: the longest hops stay sensible */
	d = geo_miles("TR19", "ZE2");
	assert_true(d > 700.0 && d < 760.0);
}

static void test_miles_is_negative_when_either_end_is_unknown(void **state)
{
	(void)state;
	assert_true(geo_miles("LS1", "ZZ99 9ZZ") < 0);
	assert_true(geo_miles("not a postcode", "LS1") < 0);
	assert_true(geo_miles(NULL, "LS1") < 0);
	assert_true(geo_miles("LS1", "") < 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_outward_shape_is_accepted),
		cmocka_unit_test(test_space_case_and_surrounding_blanks_do_not_matter),
		cmocka_unit_test(test_a_bare_outcode_is_its_own_outcode),
		cmocka_unit_test(test_other_shapes_are_refused),
		cmocka_unit_test(test_trailing_blank_is_trimmed_not_refused),
		cmocka_unit_test(test_known_outcodes_have_their_centroids),
		cmocka_unit_test(test_the_table_is_sorted_and_every_row_is_found),
		cmocka_unit_test(test_unknown_or_malformed_outcodes_have_no_centroid),
		cmocka_unit_test(test_leeds_to_manchester_is_about_36_miles),
		cmocka_unit_test(test_miles_is_negative_when_either_end_is_unknown),
	};
	return cmocka_run_group_tests_name("geo", tests, NULL, NULL);
}
