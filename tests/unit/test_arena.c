/* tests/unit/test_arena.c — the bump allocator behind every request and command:
 * zeroed, 16-byte aligned, non-overlapping memory; large allocations in blocks of
 * their own; strdup, strndup and printf copies; reset keeping the first block; and
 * an abort, never a short block, when a size cannot be represented. */
#include "testutil.h"
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "util/arena.h"

static int setup(void **state)
{
	*state = arena_new();
	return 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static bool all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static void test_allocations_are_16_byte_aligned(void **state)
{
	struct arena *a = *state;
	for (size_t n = 0; n < 200; n++) {
		void *p = arena_alloc(a, n % 37 + 1);
		if ((uintptr_t)p % 16 != 0)
			fail_msg("allocation %zu (%zu bytes) at %p is not 16-byte aligned", n, n % 37 + 1, p);
	}
	/* and in blocks made later, small and large */
	for (size_t n = 0; n < 5000; n++)
		assert_int_equal((uintptr_t)arena_alloc(a, 100) % 16, 0);
	assert_int_equal((uintptr_t)arena_alloc(a, 100000) % 16, 0);
	assert_int_equal((uintptr_t)arena_alloc(a, 1) % 16, 0);
	assert_int_equal((uintptr_t)arena_strdup(a, "x") % 16, 0);
	assert_int_equal((uintptr_t)arena_printf(a, "%d", 1) % 16, 0);
}

static void test_memory_is_zeroed_and_distinct(void **state)
{
	struct arena *a = *state;
	enum { N = 3000 };
	unsigned char *p[N];
	for (size_t i = 0; i < N; i++) {
		size_t n = i % 97 + 1;
		p[i] = arena_alloc(a, n);
		assert_non_null(p[i]);
		assert_true(all_zero(p[i], n));
		memset(p[i], (int)(i % 251) + 1, n);   /* ASan catches any overlap or overrun */
	}
	for (size_t i = 0; i < N; i++)
		for (size_t k = 0; k < i % 97 + 1; k++)
			assert_int_equal(p[i][k], i % 251 + 1);
}

static void test_used_counts_rounded_sizes(void **state)
{
	struct arena *a = *state;
	assert_int_equal(arena_used(a), 0);
	arena_alloc(a, 1);
	assert_int_equal(arena_used(a), 16);
	arena_alloc(a, 16);
	assert_int_equal(arena_used(a), 32);
	arena_alloc(a, 17);
	assert_int_equal(arena_used(a), 64);
	arena_alloc(a, 0);
	assert_int_equal(arena_used(a), 64);
	arena_alloc(a, 1 << 20);
	assert_int_equal(arena_used(a), 64 + (1 << 20));
}

static void test_a_zero_byte_allocation_is_not_null(void **state)
{
	struct arena *a = *state;
	assert_non_null(arena_alloc(a, 0));
}

static void test_large_allocations_are_whole_and_usable(void **state)
{
	struct arena *a = *state;
	unsigned char *small = arena_alloc(a, 10);
	memset(small, 's', 10);
	const size_t sizes[] = {16 * 1024, 16 * 1024 + 1, 64 * 1024 - 24, 64 * 1024, 64 * 1024 + 1, 1 << 20,
				5u << 20};
	unsigned char *big[sizeof sizes / sizeof *sizes];
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		big[i] = arena_alloc(a, sizes[i]);
		assert_true(all_zero(big[i], sizes[i]));
		memset(big[i], 'A' + (int)i, sizes[i]);
	}
	/* small allocations after a large one still come out whole */
	unsigned char *after = arena_alloc(a, 10);
	assert_true(all_zero(after, 10));
	memset(after, 'z', 10);
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		assert_int_equal(big[i][0], 'A' + (int)i);
		assert_int_equal(big[i][sizes[i] - 1], 'A' + (int)i);
	}
	assert_int_equal(small[9], 's');
	assert_int_equal(after[0], 'z');
}

static void test_strdup_copies(void **state)
{
	struct arena *a = *state;
	char src[] = "Siobh\xc3\xa1n";
	char *p = arena_strdup(a, src);
	assert_string_equal(p, src);
	assert_ptr_not_equal(p, src);
	src[0] = 'X';
	assert_int_equal(p[0], 'S');
	assert_string_equal(arena_strdup(a, ""), "");
	assert_null(arena_strdup(a, NULL));
	char longer[100000];
	memset(longer, 'q', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	assert_string_equal(arena_strdup(a, longer), longer);
}

static void test_strndup_copies_n_bytes_and_terminates(void **state)
{
	struct arena *a = *state;
	assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
	assert_string_equal(arena_strndup(a, "abc", 0), "");
	char *p = arena_strndup(a, "a\0b", 3);   /* n bytes, even past a NUL */
	assert_memory_equal(p, "a\0b\0", 4);
	/* the source need not be terminated */
	char raw[4] = {'w', 'x', 'y', 'z'};
	assert_string_equal(arena_strndup(a, raw, 4), "wxyz");
}

static char *vformat(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *vformat(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

static void test_printf_formats_into_the_arena(void **state)
{
	struct arena *a = *state;
	assert_string_equal(arena_printf(a, "%s-%s-%d", "ipsdesk", "client", 42), "ipsdesk-client-42");
	assert_string_equal(arena_printf(a, "%s", ""), "");
	assert_string_equal(arena_printf(a, "%05.1f|%-3s|", 2.25, "x"), "002.2|x  |");
	assert_string_equal(vformat(a, "%d/%d", 7, 8), "7/8");
	char *wide = arena_printf(a, "%*s|", 200000, "end");
	assert_int_equal(strlen(wide), 200001);
	assert_string_equal(wide + 199997, "end|");
	assert_int_equal(wide[0], ' ');
	for (int w = 254; w <= 258; w++) {   /* about the stack buffer's 256 bytes */
		char *s = vformat(a, "%*s|", w - 1, "x");
		assert_int_equal(strlen(s), (size_t)w);
		assert_string_equal(s + w - 2, "x|");
	}
}

static void test_reset_drops_everything_and_reuses_the_first_block(void **state)
{
	struct arena *a = *state;
	void *first = arena_alloc(a, 16);
	memset(first, 0xaa, 16);
	arena_alloc(a, 1 << 20);                  /* a block of its own */
	for (int i = 0; i < 10000; i++)            /* spill into several new blocks */
		memset(arena_alloc(a, 100), 0xbb, 100);
	arena_alloc(a, 200000);
	assert_true(arena_used(a) > (1 << 20));
	arena_reset(a);
	assert_int_equal(arena_used(a), 0);
	unsigned char *again = arena_alloc(a, 16);
	assert_ptr_equal(again, first);
	assert_true(all_zero(again, 16));          /* zeroed again */
	for (int i = 0; i < 10000; i++)
		assert_true(all_zero(arena_alloc(a, 100), 100));
	arena_reset(a);
	arena_reset(a);                            /* twice in a row is fine */
	assert_ptr_equal(arena_alloc(a, 1), first);
}

static void test_reset_after_only_a_large_allocation_keeps_the_first_block(void **state)
{
	struct arena *a = *state;
	void *first = arena_alloc(a, 1);
	void *big = arena_alloc(a, 10 << 20);
	memset(big, 1, 10 << 20);
	arena_reset(a);
	assert_ptr_equal(arena_alloc(a, 1), first);
	/* the large block went back to the system: a fresh one is fine */
	memset(arena_alloc(a, 10 << 20), 2, 10 << 20);
}

static void test_free_of_null_is_harmless(void **state)
{
	(void)state;
	arena_free(NULL);
	struct arena *a = arena_new();
	arena_free(a);
}

/* Runs arena_alloc(n) in a child; true when the child died of SIGABRT. */
static bool alloc_aborts(size_t n)
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		signal(SIGABRT, SIG_DFL);   /* not cmocka's handler */
		if (!freopen("/dev/null", "w", stderr))
			_exit(3);
		struct arena *a = arena_new();
		volatile unsigned char *p = arena_alloc(a, n);
		(void)p;
		_exit(0);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static void test_a_size_that_cannot_be_represented_aborts(void **state)
{
	(void)state;
	assert_true(alloc_aborts(SIZE_MAX));        /* rounding up wraps */
	assert_true(alloc_aborts(SIZE_MAX - 15));
	assert_true(alloc_aborts(SIZE_MAX - 20));   /* rounds up fine, but the block header does not fit */
	assert_true(alloc_aborts(SIZE_MAX - 31));
	/* (a size that fits but that malloc cannot give is refused by ASan itself
	 * under the sanitizers, so it is not tested here) */
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_allocations_are_16_byte_aligned),
		T(test_memory_is_zeroed_and_distinct),
		T(test_used_counts_rounded_sizes),
		T(test_a_zero_byte_allocation_is_not_null),
		T(test_large_allocations_are_whole_and_usable),
		T(test_strdup_copies),
		T(test_strndup_copies_n_bytes_and_terminates),
		T(test_printf_formats_into_the_arena),
		T(test_reset_drops_everything_and_reuses_the_first_block),
		T(test_reset_after_only_a_large_allocation_keeps_the_first_block),
		cmocka_unit_test(test_free_of_null_is_harmless),
		cmocka_unit_test(test_a_size_that_cannot_be_represented_aborts),
	};
#undef T
	return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
