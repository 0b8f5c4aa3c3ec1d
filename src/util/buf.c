/* util/buf.c — growable heap buffer, always NUL-terminated. Aborts on out-of-memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/buf.h"

static void grow(struct buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p) {
		fputs("ipsdesk: out of memory\n", stderr);
		abort();
	}
	b->p = p;
	b->cap = cap;
}

void buf_add(struct buf *b, const void *s, size_t n)
{
	grow(b, n);
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = 0;
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	/* formatted once into the room there is, which is nearly always enough; again
	 * only when it was not */
	grow(b, 64);
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, cp);
	va_end(cp);
	if (n <= 0) {
		b->p[b->len] = 0;
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		grow(b, (size_t)n);
		vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void buf_int(struct buf *b, int64_t v)
{
	char t[24], *p = t + sizeof t;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(t + sizeof t - p));
}

void buf_reserve(struct buf *b, size_t n)
{
	grow(b, n);
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = 0;
}

void buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

char *buf_take(struct buf *b)
{
	if (!b->p)
		grow(b, 0), b->p[0] = 0;
	char *p = b->p;
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}

const char *buf_str(const struct buf *b)
{
	return b->p ? b->p : "";
}
