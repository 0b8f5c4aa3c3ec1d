/* util/buf.h — growable byte buffer on the heap (for response bodies and output
 * that outlives an arena). Always NUL-terminated after any append. */
#ifndef IPS_BUF_H
#define IPS_BUF_H
#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>

struct buf {
	char *p;      /* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
};

#define BUF_INIT {0}
void buf_add(struct buf *b, const void *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_int(struct buf *b, int64_t v);          /* decimal, as "%lld" */
void buf_reserve(struct buf *b, size_t n);       /* room for n more bytes */
void buf_reset(struct buf *b);   /* len = 0, keeps memory */
void buf_free(struct buf *b);    /* releases memory; b is empty again */
/* Hands the heap string to the caller (free() it); b is empty again. Never NULL. */
char *buf_take(struct buf *b);
/* "" when empty, never NULL. */
const char *buf_str(const struct buf *b);

#endif
