/* tests/unit/test_codes.c — the code lists of spec/interchange.md and the MHSDS:
 * exactly the codes the spec names, matched case-sensitively, each with a label for
 * screens; no way to close a referral as "unsuitable" (zero exclusion); and which
 * contact modes count as direct contact. */
#include "testutil.h"
#include <stdio.h>
#include "core/codes.h"

/* Asserts that list holds exactly the codes in want, in that order. */
static void assert_codes(const struct code *list, const char *const *want, size_t n)
{
	size_t i = 0;
	for (; list[i].code; i++) {
		if (i >= n)
			fail_msg("unexpected extra code \"%s\"", list[i].code);
		assert_string_equal(list[i].code, want[i]);
		assert_non_null(list[i].label);
		assert_true(list[i].label[0] != '\0');
	}
	assert_int_equal(i, n);
	assert_null(list[i].label);
}

#define ASSERT_CODES(list, ...)                                                  \
	do {                                                                     \
		static const char *const want_[] = {__VA_ARGS__};               \
		assert_codes(list, want_, sizeof want_ / sizeof *want_);        \
	} while (0)

static void test_lists_hold_exactly_the_spec_codes(void **state)
{
	(void)state;
	ASSERT_CODES(CODES_ROLE, "specialist", "team_leader", "clinician", "admin", "auditor", "reviewer",
		     "commissioner");
	ASSERT_CODES(CODES_SOURCE, "gp", "mental_health_professional", "self", "other");
	ASSERT_CODES(CODES_EMPLOYMENT, "01", "02", "03", "04", "05", "06", "07", "08", "ZZ");
	ASSERT_CODES(CODES_CLOSE_REASON, "person_choice", "moved_away", "lost_contact", "sustained_work", "other");
	ASSERT_CODES(CODES_CONTACT_WITH, "client", "employer", "clinical_team", "family");
	ASSERT_CODES(CODES_MODE, "face_to_face", "phone", "video", "text", "email", "letter");
	ASSERT_CODES(CODES_PLACE, "community", "office");
	ASSERT_CODES(CODES_GENDER, "1", "2", "3", "4", "X", "Z");
	ASSERT_CODES(CODES_ETHNIC, "A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S",
		     "Z", "99");
	ASSERT_CODES(CODES_DISCLOSURE, "yes_open", "yes_selective", "no", "undecided");
	ASSERT_CODES(CODES_YESNO, "yes", "no");
}

static void test_codes_within_a_list_are_unique(void **state)
{
	(void)state;
	const struct code *const lists[] = {CODES_ROLE, CODES_SOURCE, CODES_EMPLOYMENT, CODES_CLOSE_REASON,
					    CODES_CONTACT_WITH, CODES_MODE, CODES_PLACE, CODES_GENDER,
					    CODES_ETHNIC, CODES_DISCLOSURE, CODES_YESNO};
	for (size_t l = 0; l < sizeof lists / sizeof *lists; l++)
		for (const struct code *a = lists[l]; a->code; a++)
			for (const struct code *b = a + 1; b->code; b++)
				assert_string_not_equal(a->code, b->code);
}

static void test_code_valid_is_exact_and_case_sensitive(void **state)
{
	(void)state;
	assert_true(code_valid(CODES_SOURCE, "gp"));
	assert_false(code_valid(CODES_SOURCE, "GP"));
	assert_false(code_valid(CODES_SOURCE, "Gp"));
	assert_false(code_valid(CODES_SOURCE, "gp "));
	assert_false(code_valid(CODES_SOURCE, " gp"));
	assert_false(code_valid(CODES_SOURCE, "g"));
	assert_false(code_valid(CODES_SOURCE, "GP surgery"));
	assert_true(code_valid(CODES_EMPLOYMENT, "ZZ"));
	assert_false(code_valid(CODES_EMPLOYMENT, "zz"));
	assert_false(code_valid(CODES_EMPLOYMENT, "1"));    /* the code is "01" */
	assert_false(code_valid(CODES_EMPLOYMENT, "09"));
	assert_true(code_valid(CODES_GENDER, "X"));
	assert_false(code_valid(CODES_GENDER, "x"));
	assert_true(code_valid(CODES_ETHNIC, "99"));
	assert_false(code_valid(CODES_ETHNIC, "I"));       /* not in the NHS list */
	assert_false(code_valid(CODES_ETHNIC, "O"));
	assert_false(code_valid(CODES_ETHNIC, "Q"));
	assert_false(code_valid(CODES_ETHNIC, "a"));
	assert_true(code_valid(CODES_YESNO, "yes"));
	assert_false(code_valid(CODES_YESNO, "Yes"));
	assert_false(code_valid(CODES_YESNO, "y"));
	assert_false(code_valid(CODES_YESNO, "true"));
	assert_false(code_valid(CODES_ROLE, "Employment specialist"));   /* a label is not a code */
}

static void test_code_valid_refuses_null_and_empty(void **state)
{
	(void)state;
	assert_false(code_valid(CODES_SOURCE, NULL));
	assert_false(code_valid(CODES_SOURCE, ""));
	assert_false(code_valid(CODES_YESNO, ""));
}

static void test_there_is_no_unsuitable_close_reason(void **state)
{
	(void)state;
	static const char *const never[] = {"unsuitable", "not_ready", "rejected", "ineligible", "excluded",
					    "Unsuitable", "UNSUITABLE"};
	for (size_t i = 0; i < sizeof never / sizeof *never; i++)
		assert_false(code_valid(CODES_CLOSE_REASON, never[i]));
	for (const struct code *c = CODES_CLOSE_REASON; c->code; c++) {
		assert_null(strstr(c->code, "suit"));
		assert_null(strstr(c->label, "suitable"));
		assert_null(strstr(c->label, "not ready"));
	}
}

static void test_label_is_the_plain_english_name(void **state)
{
	(void)state;
	assert_string_equal(code_label(CODES_SOURCE, "gp"), "GP");
	assert_string_equal(code_label(CODES_SOURCE, "self"), "Self-referral");
	assert_string_equal(code_label(CODES_ROLE, "specialist"), "Employment specialist");
	assert_string_equal(code_label(CODES_MODE, "phone"), "Telephone");
	assert_string_equal(code_label(CODES_EMPLOYMENT, "ZZ"), "Not stated");
	assert_string_equal(code_label(CODES_YESNO, "no"), "No");
}

static void test_label_of_an_unknown_code_is_the_code_itself(void **state)
{
	(void)state;
	const char *s = "retired_early";
	assert_ptr_equal(code_label(CODES_CLOSE_REASON, s), s);
	assert_string_equal(code_label(CODES_SOURCE, "GP"), "GP");
	assert_string_equal(code_label(CODES_SOURCE, ""), "");
	assert_string_equal(code_label(CODES_SOURCE, NULL), "");
}

static void test_direct_contact_modes_are_face_to_face_phone_and_video(void **state)
{
	(void)state;
	assert_true(code_mode_is_direct("face_to_face"));
	assert_true(code_mode_is_direct("phone"));
	assert_true(code_mode_is_direct("video"));
	assert_false(code_mode_is_direct("text"));
	assert_false(code_mode_is_direct("email"));
	assert_false(code_mode_is_direct("letter"));
	assert_false(code_mode_is_direct("Phone"));
	assert_false(code_mode_is_direct("telephone"));
	assert_false(code_mode_is_direct("video "));
	assert_false(code_mode_is_direct(""));
	assert_false(code_mode_is_direct(NULL));
	/* every mode in the list is classified, and exactly three are direct */
	int direct = 0;
	for (const struct code *c = CODES_MODE; c->code; c++)
		direct += code_mode_is_direct(c->code);
	assert_int_equal(direct, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lists_hold_exactly_the_spec_codes),
		cmocka_unit_test(test_codes_within_a_list_are_unique),
		cmocka_unit_test(test_code_valid_is_exact_and_case_sensitive),
		cmocka_unit_test(test_code_valid_refuses_null_and_empty),
		cmocka_unit_test(test_there_is_no_unsuitable_close_reason),
		cmocka_unit_test(test_label_is_the_plain_english_name),
		cmocka_unit_test(test_label_of_an_unknown_code_is_the_code_itself),
		cmocka_unit_test(test_direct_contact_modes_are_face_to_face_phone_and_video),
	};
	return cmocka_run_group_tests_name("codes", tests, NULL, NULL);
}
