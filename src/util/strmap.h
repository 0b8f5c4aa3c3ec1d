/* util/strmap.h — a hash map from strings to a small record, for lookups by code or
 * ref during an import. Keys are copied into the map's own arena; nothing is ever
 * removed. Not thread-safe; one map per task. */
#ifndef IPS_STRMAP_H
#define IPS_STRMAP_H
#include <stddef.h>
#include <stdint.h>

struct arena;

struct strmap_val {
	int64_t id;     /* 0: the record exists but was not written (it had errors) */
	int flags;
	long line;      /* where it was defined, when defined by the import */
};

struct strmap;

/* A new empty map whose memory comes from a (keys, entries and the table). */
struct strmap *strmap_new(struct arena *a);
/* The value for key, or NULL. */
struct strmap_val *strmap_get(const struct strmap *m, const char *key);
/* The value for key, inserting a zeroed one when absent; *added says which. */
struct strmap_val *strmap_put(struct strmap *m, const char *key, int *added);
size_t strmap_count(const struct strmap *m);

#endif
