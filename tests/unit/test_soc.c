/* tests/unit/test_soc.c — core/soc: the 412 SOC 2020 unit groups compiled in from
 * data/soc2020.csv, look-up by code, iteration in code order and the minor group
 * (first three digits) relation. */
#include "testutil.h"
#include "core/soc.h"

static void test_all_412_unit_groups_are_there_in_code_order(void **state)
{
	(void)state;
	assert_int_equal(soc_count(), 412);
	assert_string_equal(soc_code_at(0), "1111");
	assert_string_equal(soc_title_at(0), "Chief executives and senior officials");
	assert_string_equal(soc_code_at(411), "9269");
	assert_string_equal(soc_title_at(411), "Other elementary services occupations n.e.c.");
	for (size_t i = 0; i < soc_count(); i++) {
		const char *c = soc_code_at(i);
		assert_non_null(c);
		assert_int_equal(strlen(c), 4);
		assert_true(c[0] >= '1' && c[0] <= '9');
		if (i > 0)
			assert_true(strcmp(soc_code_at(i - 1), c) < 0);
		assert_non_null(soc_title_at(i));
		assert_true(strlen(soc_title_at(i)) > 2);
		assert_ptr_equal(soc_title(c), soc_title_at(i));
	}
	assert_null(soc_code_at(412));
	assert_null(soc_title_at(412));
	assert_null(soc_code_at((size_t)-1));
}

static void test_known_codes_have_their_titles(void **state)
{
	(void)state;
	assert_string_equal(soc_title("9263"), "Kitchen and catering assistants");
	assert_string_equal(soc_title("6135"), "Care workers and home carers");
	assert_string_equal(soc_title("2235"), "Registered mental health nurses");
	assert_string_equal(soc_title("7111"), "Sales and retail assistants");
	assert_string_equal(soc_title("5243"), "TV, video and audio servicers and repairers");
	assert_string_equal(soc_title("2236"), "Registered children's nurses");
	assert_string_equal(soc_title("2161"), "Research and development (R&D) managers");
}

static void test_unknown_or_malformed_codes_have_no_title(void **state)
{
	(void)state;
	assert_null(soc_title(NULL));
	assert_null(soc_title(""));
	assert_null(soc_title("926"));
	assert_null(soc_title("92630"));
	assert_null(soc_title("9263 "));
	assert_null(soc_title(" 9263"));
	assert_null(soc_title("92a3"));
	assert_null(soc_title("0000"));
	assert_null(soc_title("1110"));         /* a minor group, not a unit group */
	assert_null(soc_title("9272"));         /* SOC 2010's kitchen assistants */
	assert_null(soc_title("9999"));
}

static void test_minor_group_is_the_first_three_digits(void **state)
{
	(void)state;
	assert_true(soc_same_minor_group("9263", "9264"));   /* kitchen assistants, waiters */
	assert_true(soc_same_minor_group("9263", "9263"));
	assert_true(soc_same_minor_group("2231", "2237"));   /* nurses */
	assert_false(soc_same_minor_group("9263", "9251"));  /* same sub-major group only */
	assert_false(soc_same_minor_group("6135", "9263"));
	assert_false(soc_same_minor_group("9263", "9260"));  /* 9260 is no unit group */
	assert_false(soc_same_minor_group("9263", NULL));
	assert_false(soc_same_minor_group(NULL, NULL));
	assert_false(soc_same_minor_group("926", "926"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_412_unit_groups_are_there_in_code_order),
		cmocka_unit_test(test_known_codes_have_their_titles),
		cmocka_unit_test(test_unknown_or_malformed_codes_have_no_title),
		cmocka_unit_test(test_minor_group_is_the_first_three_digits),
	};
	return cmocka_run_group_tests_name("soc", tests, NULL, NULL);
}
