/* util/arena.c — bump allocator: blocks of at least 64 KiB, a large allocation gets a
 * block of its own. Freed all at once; never pass arena memory to free(). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/arena.h"

#define BLOCK_MIN (64 * 1024)
#define ALIGN 16   /* arena.h promises 16-byte aligned memory */

struct block {
	struct block *next;
	size_t size, used;
	_Alignas(ALIGN) unsigned char data[];   /* the header is padded to keep data aligned */
};

struct arena {
	struct block *head;    /* the block being filled; large blocks sit behind it */
	struct block *first;   /* the block arena_reset keeps */
	size_t total;
};

static void *must(void *p)
{
	if (!p) {
		fputs("ipsdesk: out of memory\n", stderr);
		abort();
	}
	return p;
}

static struct block *block_new(size_t n)
{
	size_t size = n < BLOCK_MIN ? BLOCK_MIN : n;
	if (size > SIZE_MAX - sizeof(struct block))
		must(NULL);   /* the header would wrap the size round to a tiny block */
	/* sizeof *b and size are multiples of ALIGN, as aligned_alloc requires */
	struct block *b = must(aligned_alloc(ALIGN, sizeof *b + size));
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

struct arena *arena_new(void)
{
	struct arena *a = must(calloc(1, sizeof *a));
	a->head = a->first = block_new(BLOCK_MIN);
	return a;
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	struct block *b = a->head;
	while (b) {
		struct block *n = b->next;
		free(b);
		b = n;
	}
	free(a);
}

void arena_reset(struct arena *a)
{
	/* keep the block arena_new made: the last in the list is not always it, since a
	 * large allocation made while it was the head sits behind it */
	struct block *b = a->head;
	while (b) {
		struct block *n = b->next;
		if (b != a->first)
			free(b);
		b = n;
	}
	a->head = a->first;
	a->first->next = NULL;
	a->first->used = 0;
	a->total = 0;
}

void *arena_alloc(struct arena *a, size_t n)
{
	size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (need < n)
		abort();
	struct block *b = a->head;
	if (!b || b->size - b->used < need) {
		if (need > BLOCK_MIN / 4) {
			/* a large allocation gets its own block behind the current one */
			struct block *big = block_new(need);
			if (b) {
				big->next = b->next;
				b->next = big;
			} else {
				a->head = big;
			}
			big->used = need;
			a->total += need;
			memset(big->data, 0, need);
			return big->data;
		}
		b = block_new(BLOCK_MIN);
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += need;
	a->total += need;
	memset(p, 0, need);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	/* formatted once on the stack, which holds nearly every string asked for; again
	 * into the arena only for a longer one */
	char t[256];
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(t, sizeof t, fmt, cp);
	va_end(cp);
	if (n < 0)
		return arena_strdup(a, "");
	if ((size_t)n < sizeof t)
		return arena_strndup(a, t, (size_t)n);
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

size_t arena_used(const struct arena *a)
{
	return a->total;
}
