/* util/strmap.c — open addressing with linear probing, FNV-1a hashes, doubling at
 * half full. Old tables stay in the arena until it is freed (an import's lifetime). */
#include "util/strmap.h"
#include <string.h>
#include "util/arena.h"

/* A key shorter than INLINE_KEY bytes (codes and refs mostly are) is kept in its slot,
 * so that finding it touches one place in memory, not two: an import looks up every
 * link of every row. A longer key is copied into the arena. */
#define INLINE_KEY 24
static const char INLINE_MARK[1];   /* slot.key for a key kept in slot.inl (slots move as the table grows) */
struct slot {
	const char *key;     /* NULL: empty slot; INLINE_MARK: the key is inl; else the arena copy */
	uint64_t hash;
	struct strmap_val val;
	char inl[INLINE_KEY];
};

struct strmap {
	struct arena *a;
	struct slot *slots;
	size_t cap, n;
};

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

struct strmap *strmap_new(struct arena *a)
{
	struct strmap *m = arena_alloc(a, sizeof *m);
	m->a = a;
	m->cap = 64;
	m->slots = arena_alloc(a, m->cap * sizeof *m->slots);
	return m;
}

static struct slot *find(const struct strmap *m, const char *key, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);
	for (;;) {
		struct slot *s = &m->slots[i];
		if (!s->key || (s->hash == h && strcmp(s->key == INLINE_MARK ? s->inl : s->key, key) == 0))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

struct strmap_val *strmap_get(const struct strmap *m, const char *key)
{
	struct slot *s = find(m, key, fnv1a(key));
	return s->key ? &s->val : NULL;
}

static void grow(struct strmap *m)
{
	struct slot *old = m->slots;
	size_t oldcap = m->cap;
	m->cap *= 2;
	m->slots = arena_alloc(m->a, m->cap * sizeof *m->slots);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key)
			*find(m, old[i].key, old[i].hash) = old[i];
}

struct strmap_val *strmap_put(struct strmap *m, const char *key, int *added)
{
	uint64_t h = fnv1a(key);
	struct slot *s = find(m, key, h);
	if (s->key) {
		if (added)
			*added = 0;
		return &s->val;
	}
	if ((m->n + 1) * 2 > m->cap) {
		grow(m);
		s = find(m, key, h);
	}
	size_t len = strlen(key);
	if (len < INLINE_KEY) {
		memcpy(s->inl, key, len + 1);
		s->key = INLINE_MARK;
	} else {
		s->key = arena_strdup(m->a, key);
	}
	s->hash = h;
	m->n++;
	if (added)
		*added = 1;
	return &s->val;
}

size_t strmap_count(const struct strmap *m)
{
	return m->n;
}
