/* util/kv.c — decoders for URL-encoded forms, query strings and Cookie headers.
 * Outside input: every byte is checked, nothing is trusted, and a malformed form is
 * refused whole rather than half-decoded. Fuzzed by tests/fuzz/fuzz_form.c and fuzz_cookie.c. */
#include "util/kv.h"
#include <string.h>
#include "util/arena.h"

#define KV_MAX_PAIRS 1000

bool utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t len;
		unsigned cp;
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (n - i < len)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..n) into a new arena string; NULL when malformed. */
static char *url_decode(struct arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1);
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			if (n - i < 3)
				return NULL;
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			c = (char)(hi * 16 + lo);
			i += 2;
		}
		if (c == '\0')
			return NULL;
		out[j++] = c;
	}
	out[j] = '\0';
	return utf8_valid(out, j) ? out : NULL;
}

int form_decode(struct arena *a, const char *s, size_t len, struct kvlist *out)
{
	out->v = NULL;
	out->n = 0;
	size_t pairs = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '&')
			pairs++;
	if (pairs + 1 > KV_MAX_PAIRS)
		return -1;
	out->v = arena_alloc(a, (pairs + 1) * sizeof *out->v);
	size_t start = 0;
	while (start <= len) {
		const char *amp = memchr(s + start, '&', len - start);
		size_t end = amp ? (size_t)(amp - s) : len;
		if (end > start) {
			const char *eq = memchr(s + start, '=', end - start);
			size_t klen = eq ? (size_t)(eq - (s + start)) : end - start;
			char *k = url_decode(a, s + start, klen);
			char *v = eq ? url_decode(a, eq + 1, end - (size_t)(eq + 1 - s)) : arena_strdup(a, "");
			if (!k || !v) {
				/* refused whole: no pair decoded before the bad one survives */
				out->v = NULL;
				out->n = 0;
				return -1;
			}
			out->v[out->n].key = k;
			out->v[out->n].val = v;
			out->n++;
		}
		if (!amp)
			break;
		start = end + 1;
	}
	return 0;
}

int cookie_parse(struct arena *a, const char *header, struct kvlist *out)
{
	out->v = NULL;
	out->n = 0;
	if (!header)
		return 0;
	size_t pieces = 1;
	for (const char *p = header; *p; p++)
		if (*p == ';')
			pieces++;
	if (pieces > KV_MAX_PAIRS)
		pieces = KV_MAX_PAIRS;
	out->v = arena_alloc(a, pieces * sizeof *out->v);
	const char *p = header;
	while (*p && out->n < pieces) {
		while (*p == ' ' || *p == '\t')
			p++;
		const char *end = strchr(p, ';');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		const char *eq = memchr(p, '=', n);
		if (eq && eq > p) {
			size_t klen = (size_t)(eq - p);
			while (klen && (p[klen - 1] == ' ' || p[klen - 1] == '\t'))
				klen--;
			const char *v = eq + 1;
			size_t vlen = n - (size_t)(v - p);
			while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
				vlen--;
			if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
				v++;
				vlen -= 2;
			}
			if (klen && utf8_valid(p, klen) && utf8_valid(v, vlen)) {
				out->v[out->n].key = arena_strndup(a, p, klen);
				out->v[out->n].val = arena_strndup(a, v, vlen);
				out->n++;
			}
		}
		if (!end)
			break;
		p = end + 1;
	}
	return 0;
}

const char *kv_get(const struct kvlist *l, const char *key)
{
	return kv_get_nth(l, key, 0);
}

size_t kv_count(const struct kvlist *l, const char *key)
{
	size_t c = 0;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			c++;
	return c;
}

const char *kv_get_nth(const struct kvlist *l, const char *key, size_t nth)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0 && nth-- == 0)
			return l->v[i].val;
	return NULL;
}
