/* util/arena.h — bump allocator for per-request and per-command memory.
 * Everything allocated from an arena is freed at once by arena_free(); nothing
 * allocated here may be passed to free(). */
#ifndef IPS_ARENA_H
#define IPS_ARENA_H
#include <stddef.h>
#include <stdarg.h>

struct arena;

/* A new empty arena (heap; release with arena_free). Aborts on out-of-memory. */
struct arena *arena_new(void);
void arena_free(struct arena *a);
/* Drops every allocation but keeps the first block for reuse. */
void arena_reset(struct arena *a);

/* n zeroed bytes, 16-byte aligned; never NULL (aborts on out-of-memory). */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);          /* NULL in, NULL out */
char *arena_strndup(struct arena *a, const char *s, size_t n); /* copies n bytes, adds NUL */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);
/* Bytes handed out so far (for tests and limits). */
size_t arena_used(const struct arena *a);

#endif
