/* util/kv.h — decoders for what arrives from outside over HTTP: URL-encoded forms and
 * query strings, and Cookie headers. They only decode; they never trust. Fuzzed by
 * tests/fuzz. Every decoded value is valid UTF-8 without NUL bytes, or the whole input
 * is refused. */
#ifndef IPS_KV_H
#define IPS_KV_H
#include <stddef.h>
#include <stdbool.h>

struct arena;

struct kv {
	const char *key;
	const char *val;   /* NUL-terminated, arena-owned */
};

struct kvlist {
	struct kv *v;
	size_t n;
};

/* Decodes application/x-www-form-urlencoded text (also a URL's query string):
 * pairs split on '&', key and value split on the first '=', '+' is a space, %XX is a
 * byte. A pair with no '=' has the value "". Empty pairs are skipped.
 * Returns 0, or -1 when the input is malformed: a bad %-escape, a decoded NUL, invalid
 * UTF-8, or more than 1000 pairs. out->v is arena-owned. */
int form_decode(struct arena *a, const char *s, size_t len, struct kvlist *out);

/* Parses a Cookie header ("a=1; b=2"); values are taken as they are (no %-decoding),
 * surrounding double quotes removed. Malformed pieces are skipped, never an error.
 * Returns 0. */
int cookie_parse(struct arena *a, const char *header, struct kvlist *out);

/* The first value for key, or NULL. */
const char *kv_get(const struct kvlist *l, const char *key);
/* Number of values for key (checkboxes send several). */
size_t kv_count(const struct kvlist *l, const char *key);
/* The i-th value for key (0-based), or NULL. */
const char *kv_get_nth(const struct kvlist *l, const char *key, size_t i);

/* True when the n bytes at s are valid UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t n);

#endif
