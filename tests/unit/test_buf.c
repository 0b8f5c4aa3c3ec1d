/* tests/unit/test_buf.c — the growable heap buffer for response bodies: always
 * NUL-terminated after an append, growing without losing what it holds, printf
 * appends of any length, reset keeping memory, take handing the string over. */
#include "testutil.h"
#include <stdlib.h>
#include "util/buf.h"

static void test_an_empty_buffer_reads_as_the_empty_string(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	buf_free(&b);   /* freeing an untouched buffer is fine */
	assert_string_equal(buf_str(&b), "");
}

static void test_appends_concatenate_and_terminate(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_adds(&b, "Hello");
	assert_int_equal(b.len, 5);
	assert_int_equal(b.p[5], '\0');
	buf_addc(&b, ',');
	buf_addc(&b, ' ');
	buf_add(&b, "world!!!", 5);
	assert_string_equal(buf_str(&b), "Hello, world");
	assert_int_equal(b.len, 12);
	assert_true(b.cap > b.len);
	buf_adds(&b, "");
	buf_add(&b, "ignored", 0);
	assert_string_equal(buf_str(&b), "Hello, world");
	buf_free(&b);
}

static void test_an_empty_append_still_terminates(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_add(&b, "", 0);
	assert_non_null(b.p);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.p, "");
	buf_free(&b);
}

static void test_bytes_are_kept_exactly_including_nul(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_add(&b, "a\0b", 3);
	buf_addc(&b, '\0');
	buf_addc(&b, '\xff');
	assert_int_equal(b.len, 5);
	assert_memory_equal(b.p, "a\0b\0\xff\0", 6);
	buf_free(&b);
}

static void test_growth_keeps_every_byte(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	size_t total = 0;
	for (int i = 0; i < 100000; i++) {
		char c = (char)('a' + i % 26);
		if (i % 3 == 0) {
			buf_addc(&b, c);
			total += 1;
		} else {
			char piece[17];
			memset(piece, c, 16);
			piece[16] = '\0';
			buf_adds(&b, piece);
			total += 16;
		}
		assert_int_equal(b.len, total);
		assert_int_equal(b.p[b.len], '\0');
		assert_true(b.cap > b.len);
	}
	size_t at = 0;
	for (int i = 0; i < 100000; i++) {
		char c = (char)('a' + i % 26);
		size_t n = i % 3 == 0 ? 1 : 16;
		for (size_t k = 0; k < n; k++)
			assert_int_equal(b.p[at + k], c);
		at += n;
	}
	assert_int_equal(at, total);
	/* one large append well past the current capacity */
	size_t big = b.cap * 3;
	char *blob = malloc(big);
	memset(blob, 'Z', big);
	buf_add(&b, blob, big);
	free(blob);
	assert_int_equal(b.len, total + big);
	assert_int_equal(b.p[total + big - 1], 'Z');
	assert_int_equal(b.p[b.len], '\0');
	buf_free(&b);
}

static void vappend(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void vappend(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

static void test_printf_appends_formatted_text(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_printf(&b, "%d people", 20);
	buf_printf(&b, ", %s", "1 team");
	vappend(&b, " (%03d)", 7);
	assert_string_equal(buf_str(&b), "20 people, 1 team (007)");
	assert_int_equal(b.len, strlen("20 people, 1 team (007)"));
	buf_printf(&b, "%s", "");
	assert_string_equal(buf_str(&b), "20 people, 1 team (007)");
	buf_free(&b);
}

static void test_printf_longer_than_the_capacity(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_adds(&b, "start:");
	buf_printf(&b, "%*s|%s", 100000, "x", "end");
	assert_int_equal(b.len, 6 + 100000 + 4);
	assert_memory_equal(b.p, "start:    ", 10);
	assert_string_equal(b.p + b.len - 6, " x|end");
	assert_int_equal(b.p[b.len], '\0');
	buf_free(&b);
}

static void test_printf_about_the_room_left(void **state)
{
	(void)state;
	/* formatted into the room there is, and again when it did not fit: each width about
	 * the first block's 256 bytes, after a prefix */
	for (int w = 200; w <= 320; w++) {
		struct buf b = BUF_INIT;
		buf_adds(&b, "prefix:");
		buf_printf(&b, "%*s|", w, "x");
		assert_int_equal(b.len, 7 + (size_t)w + 1);
		assert_int_equal(b.p[b.len], '\0');
		assert_memory_equal(b.p, "prefix:", 7);
		assert_memory_equal(b.p + b.len - 2, "x|", 2);
		buf_free(&b);
	}
}

static void test_int_appends_what_printf_would(void **state)
{
	(void)state;
	static const int64_t vs[] = {0, 7, -7, 10, 42, -100, 1234567890123, INT64_MAX, INT64_MIN};
	struct buf b = BUF_INIT, want = BUF_INIT;
	for (size_t i = 0; i < sizeof vs / sizeof vs[0]; i++) {
		buf_int(&b, vs[i]);
		buf_addc(&b, '|');
		buf_printf(&want, "%lld|", (long long)vs[i]);
	}
	assert_string_equal(buf_str(&b), buf_str(&want));
	assert_int_equal(b.len, want.len);
	buf_free(&b);
	buf_free(&want);
}

static void test_reset_empties_but_keeps_memory(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_printf(&b, "%*s", 1000, "x");
	char *p = b.p;
	size_t cap = b.cap;
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	assert_ptr_equal(b.p, p);
	assert_int_equal(b.cap, cap);
	buf_adds(&b, "again");
	assert_string_equal(buf_str(&b), "again");
	assert_ptr_equal(b.p, p);
	buf_free(&b);
	struct buf empty = BUF_INIT;
	buf_reset(&empty);   /* never appended to: still fine */
	assert_string_equal(buf_str(&empty), "");
}

static void test_take_hands_over_the_string(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_adds(&b, "body");
	char *s = buf_take(&b);
	assert_string_equal(s, "body");
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	assert_string_equal(buf_str(&b), "");
	buf_adds(&b, "next");   /* the buffer is usable again, and separate */
	assert_string_equal(buf_str(&b), "next");
	assert_string_equal(s, "body");
	free(s);
	buf_free(&b);
}

static void test_take_of_an_empty_buffer_is_an_empty_heap_string(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	char *s = buf_take(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	assert_null(b.p);
}

static void test_free_leaves_an_empty_reusable_buffer(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_adds(&b, "something");
	buf_free(&b);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	buf_adds(&b, "more");
	assert_string_equal(buf_str(&b), "more");
	buf_free(&b);
	buf_free(&b);   /* twice is harmless */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_empty_buffer_reads_as_the_empty_string),
		cmocka_unit_test(test_appends_concatenate_and_terminate),
		cmocka_unit_test(test_an_empty_append_still_terminates),
		cmocka_unit_test(test_bytes_are_kept_exactly_including_nul),
		cmocka_unit_test(test_growth_keeps_every_byte),
		cmocka_unit_test(test_printf_appends_formatted_text),
		cmocka_unit_test(test_printf_longer_than_the_capacity),
		cmocka_unit_test(test_int_appends_what_printf_would),
		cmocka_unit_test(test_printf_about_the_room_left),
		cmocka_unit_test(test_reset_empties_but_keeps_memory),
		cmocka_unit_test(test_take_hands_over_the_string),
		cmocka_unit_test(test_take_of_an_empty_buffer_is_an_empty_heap_string),
		cmocka_unit_test(test_free_leaves_an_empty_reusable_buffer),
	};
	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
