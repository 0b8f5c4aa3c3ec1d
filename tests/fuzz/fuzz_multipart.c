/* tests/fuzz/fuzz_multipart.c — libFuzzer harness for the multipart/form-data decoder
 * (util/multipart.h), which reads the admin's CSV uploads.
 *
 * The first input byte picks a mode.
 *   Even: the rest is "CONTENT-TYPE\nBODY": multipart_boundary reads the header (and
 *     must agree with a reference parser written from the header's contract), then
 *     multipart_decode reads the body with that boundary (or a fixed one).
 *   Odd: the rest drives a generator that writes a body the way a browser would (with
 *     a preamble, padding, an epilogue, boundaries slipped into contents, long names,
 *     too many parts), predicts from the contract whether it must be accepted, and
 *     checks that it is, with exactly the parts that were written — or refused.
 * For every decode, beyond "does not crash under ASan/UBSan", it checks:
 *   - a refusal leaves the output empty (never half-decoded);
 *   - every part's name, filename and type are clean text, its bytes lie inside the
 *     body in order, each followed by CRLF and the boundary, none holding the boundary
 *     at a line start; the fields are exactly the parts without a filename, as text;
 *   - the decoded parts, written back canonically, decode to the same parts;
 *   - a body cut anywhere before the end of its closing boundary is refused.
 * It must never depend on anything but util/{multipart,kv,arena,buf}.c. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/arena.h"
#include "util/buf.h"
#include "util/kv.h"
#include "util/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                   \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "fuzz_multipart: check failed at line %d: %s\n", \
				__LINE__, #cond);                                     \
			abort();                                                      \
		}                                                                     \
	} while (0)

/* ---- reference for multipart_boundary, from the header's contract ---------------- */

static int ref_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool ref_token_char(unsigned char c)
{
	static const char extra[] = "!#$%&'*+-.^_`|~";
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return true;
	for (size_t i = 0; i < sizeof extra - 1; i++)
		if (c == (unsigned char)extra[i])
			return true;
	return false;
}

static bool ref_bchars(const char *s, size_t n)
{
	static const char extra[] = "'()+_,-./:=? ";
	if (n < 1 || n > 70 || s[n - 1] == ' ')
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		for (size_t k = 0; !ok && k < sizeof extra - 1; k++)
			ok = c == (unsigned char)extra[k];
		if (!ok)
			return false;
	}
	return true;
}

/* Returns 0 (boundary copied to out, room for strlen(ct) + 1), -1 or -2. */
static int ref_boundary(const char *ct, char *out)
{
	static const char type[] = "multipart/form-data";
	if (!ct)
		return -1;
	size_t i = 0, n = strlen(ct);
	while (i < n && (ct[i] == ' ' || ct[i] == '\t'))
		i++;
	for (size_t k = 0; k < sizeof type - 1; k++, i++)
		if (i >= n || ref_lower((unsigned char)ct[i]) != type[k])
			return -1;
	while (i < n && (ct[i] == ' ' || ct[i] == '\t'))
		i++;
	if (i < n && ct[i] != ';')
		return -1;
	int found = 0;
	char *val = malloc(n + 1);
	CHECK(val);
	int rc = 0;
	while (i < n) {
		if (ct[i] != ';') {
			rc = -2;
			break;
		}
		i++;
		while (i < n && (ct[i] == ' ' || ct[i] == '\t'))
			i++;
		size_t k0 = i;
		while (i < n && ref_token_char((unsigned char)ct[i]))
			i++;
		size_t klen = i - k0;
		if (klen == 0 || i >= n || ct[i] != '=') {
			rc = -2;
			break;
		}
		i++;
		size_t vlen = 0;
		if (i < n && ct[i] == '"') {
			i++;
			bool closed = false;
			while (i < n) {
				unsigned char c = (unsigned char)ct[i];
				if (c == '"') {
					closed = true;
					i++;
					break;
				}
				if (c == '\\') {
					if (i + 1 >= n)
						break;
					c = (unsigned char)ct[++i];
				}
				if (c != '\t' && (c < 0x20 || c == 0x7f))
					break;
				val[vlen++] = (char)c;
				i++;
			}
			if (!closed) {
				rc = -2;
				break;
			}
		} else {
			while (i < n && ref_token_char((unsigned char)ct[i]))
				val[vlen++] = ct[i++];
			if (vlen == 0) {
				rc = -2;
				break;
			}
		}
		bool is_boundary = klen == 8;
		for (size_t k = 0; is_boundary && k < 8; k++)
			is_boundary = ref_lower((unsigned char)ct[k0 + k]) == "boundary"[k];
		if (is_boundary) {
			if (found++) {
				rc = -2;
				break;
			}
			memcpy(out, val, vlen);
			out[vlen] = 0;
		}
		while (i < n && (ct[i] == ' ' || ct[i] == '\t'))
			i++;
	}
	free(val);
	if (rc == 0 && (!found || !ref_bchars(out, strlen(out))))
		rc = -2;
	return rc;
}

/* ---- checks on a decode ------------------------------------------------------------- */

static bool clean_text(const char *s, bool quote_ok)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f || (c == '"' && !quote_ok))
			return false;
	}
	return utf8_valid(s, n);
}

static bool same_opt(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The contract's promises about one decode of body[0..len). */
static void check_decode(const char *body, size_t len, const char *b, int rc, const struct multipart *m)
{
	CHECK(rc == MULTIPART_OK || rc == MULTIPART_MALFORMED);
	if (rc != MULTIPART_OK) {
		CHECK(m->n == 0 && m->parts == NULL && m->fields.n == 0);
		return;
	}
	size_t blen = strlen(b);
	CHECK(m->n <= MULTIPART_MAX_PARTS);
	CHECK(m->n == 0 || m->parts);
	const char *prev_end = body;
	size_t nfields = 0;
	for (size_t i = 0; i < m->n; i++) {
		const struct multipart_part *p = &m->parts[i];
		CHECK(p->name && clean_text(p->name, false));
		CHECK(!p->filename || clean_text(p->filename, false));
		if (p->content_type) {
			size_t cl = strlen(p->content_type);
			CHECK(clean_text(p->content_type, true));
			CHECK(cl == 0 || (p->content_type[0] != ' ' && p->content_type[0] != '\t' &&
					  p->content_type[cl - 1] != ' ' && p->content_type[cl - 1] != '\t'));
		}
		CHECK(p->data >= prev_end && p->data + p->len <= body + len);
		const char *after = p->data + p->len;
		CHECK((size_t)(body + len - after) >= 4 + blen);
		CHECK(memcmp(after, "\r\n--", 4) == 0 && memcmp(after + 4, b, blen) == 0);
		CHECK(!(p->len >= blen + 2 && p->data[0] == '-' && p->data[1] == '-' &&
			memcmp(p->data + 2, b, blen) == 0));
		for (size_t k = 0; k + 3 + blen <= p->len; k++)
			CHECK(!(p->data[k] == '\n' && p->data[k + 1] == '-' && p->data[k + 2] == '-' &&
				memcmp(p->data + k + 3, b, blen) == 0));
		prev_end = after;
		if (!p->filename) {
			CHECK(nfields < m->fields.n);
			const struct kv *f = &m->fields.v[nfields++];
			CHECK(strcmp(f->key, p->name) == 0);
			CHECK(strlen(f->val) == p->len && memcmp(f->val, p->data, p->len) == 0);
			CHECK(utf8_valid(f->val, p->len));
		}
	}
	CHECK(nfields == m->fields.n);
}

/* Header bytes of a part as write_part writes it (blank line included). */
static size_t canonical_header_bytes(const char *name, const char *filename, const char *ct)
{
	size_t n = strlen("Content-Disposition: form-data; name=\"\"\r\n") + strlen(name) + 2;
	if (filename)
		n += strlen("; filename=\"\"") + strlen(filename);
	if (ct)
		n += strlen("Content-Type: \r\n") + strlen(ct);
	return n;
}

static void write_part(struct buf *o, const char *b, const char *pad, const char *name,
		       const char *filename, const char *ct, const char *d, size_t len)
{
	buf_printf(o, "--%s%s\r\nContent-Disposition: form-data; name=\"%s\"", b, pad, name);
	if (filename)
		buf_printf(o, "; filename=\"%s\"", filename);
	buf_adds(o, "\r\n");
	if (ct)
		buf_printf(o, "Content-Type: %s\r\n", ct);
	buf_adds(o, "\r\n");
	buf_add(o, d, len);
	buf_adds(o, "\r\n");
}

static char *heap_copy(const void *p, size_t n)
{
	char *c = malloc(n ? n : 1);
	CHECK(c);
	if (n)
		memcpy(c, p, n);
	return c;
}

/* Re-encoding and truncation, for an accepted decode of body[0..len). */
static void check_round_trip(struct arena *a, const char *body, size_t len, const char *b,
			     const struct multipart *m, size_t salt)
{
	struct buf o = BUF_INIT;
	bool fits = true;
	for (size_t i = 0; i < m->n; i++) {
		const struct multipart_part *p = &m->parts[i];
		fits &= canonical_header_bytes(p->name, p->filename, p->content_type) <= MULTIPART_MAX_HEADER;
		write_part(&o, b, "", p->name, p->filename, p->content_type, p->data, p->len);
	}
	buf_printf(&o, "--%s--\r\n", b);
	char *again = heap_copy(o.p, o.len);
	struct multipart m2;
	int rc = multipart_decode(a, b, again, o.len, &m2);
	check_decode(again, o.len, b, rc, &m2);
	CHECK((rc == MULTIPART_OK) == fits);
	if (rc == MULTIPART_OK) {
		CHECK(m2.n == m->n);
		for (size_t i = 0; i < m->n; i++) {
			CHECK(strcmp(m2.parts[i].name, m->parts[i].name) == 0);
			CHECK(same_opt(m2.parts[i].filename, m->parts[i].filename));
			CHECK(same_opt(m2.parts[i].content_type, m->parts[i].content_type));
			CHECK(m2.parts[i].len == m->parts[i].len &&
			      memcmp(m2.parts[i].data, m->parts[i].data, m->parts[i].len) == 0);
		}
	}
	free(again);
	buf_free(&o);

	/* Cut before the end of the closing boundary: refused, whatever the cut. */
	if (m->n == 0)
		return;
	const struct multipart_part *last = &m->parts[m->n - 1];
	size_t close_end = (size_t)(last->data + last->len - body) + 4 + strlen(b) + 2;
	CHECK(close_end <= len && body[close_end - 2] == '-' && body[close_end - 1] == '-');
	size_t cuts[3] = {close_end - 1, salt % close_end, (size_t)(last->data - body) + salt % (last->len + 1)};
	for (int i = 0; i < 3; i++) {
		if (cuts[i] >= close_end)
			continue;
		char *cut = heap_copy(body, cuts[i]);
		struct multipart mc;
		CHECK(multipart_decode(a, b, cut, cuts[i], &mc) == MULTIPART_MALFORMED);
		CHECK(mc.n == 0 && mc.fields.n == 0);
		free(cut);
	}
}

/* ---- mode 0: a header and a body as they arrive ----------------------------------- */

static void raw(struct arena *a, const uint8_t *d, size_t n)
{
	const uint8_t *nl = memchr(d, '\n', n);
	size_t ctlen = nl ? (size_t)(nl - d) : n;
	char *ct = malloc(ctlen + 1);
	CHECK(ct);
	memcpy(ct, d, ctlen);
	ct[ctlen] = 0;   /* a header is a C string: it ends at its first NUL */
	size_t blen = nl ? n - ctlen - 1 : 0;
	char *body = heap_copy(nl ? nl + 1 : d, blen);

	const char *b = (const char *)1;
	int rc = multipart_boundary(a, ct, &b);
	char *want = malloc(strlen(ct) + 1);
	CHECK(want);
	int wrc = ref_boundary(ct, want);
	CHECK(rc == wrc);
	CHECK((rc == MULTIPART_OK) == (b != NULL));
	if (rc == MULTIPART_OK)
		CHECK(strcmp(b, want) == 0 && ref_bchars(b, strlen(b)));
	free(want);
	if (rc != MULTIPART_OK)
		b = "AaB03x";

	struct multipart m;
	rc = multipart_decode(a, b, body, blen, &m);
	check_decode(body, blen, b, rc, &m);
	if (rc == MULTIPART_OK)
		check_round_trip(a, body, blen, b, &m, n * 31 + ctlen);
	free(body);
	free(ct);
}

/* ---- mode 1: bodies written like a browser's, with predictions ------------------- */

struct gen {
	const uint8_t *p;
	size_t n;
};

static unsigned next(struct gen *g)
{
	if (!g->n)
		return 0;
	g->n--;
	return *g->p++;
}

/* n bytes from the input (zeros once it runs out), NUL-terminated. */
static char *take(struct gen *g, size_t n)
{
	char *s = malloc(n + 1);
	CHECK(s);
	for (size_t i = 0; i < n; i++)
		s[i] = (char)next(g);
	s[n] = 0;
	return s;
}

/* A header value the generator can write between quotes (or after "Content-Type: "). */
static bool writable(const char *s, size_t n, bool quoted)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f || (quoted && c == '"'))
			return false;
	}
	return true;
}

struct gpart {
	char *name, *filename, *ct, *data;
	size_t nlen, flen, ctlen, len;
};

/* What the contract says of a part's content d[0..n) that holds the boundary:
 * 0 it does not; 1 the body must be refused (the content opens with "--boundary", or
 * its first "\n--boundary" has no CR before it); 2 the first one is a true delimiter
 * (CRLF "--boundary"), so the body splits there and what follows decides. */
enum { CLEAN, REFUSED, SPLITS };
static int boundary_in(const char *d, size_t n, const char *b)
{
	size_t bl = strlen(b);
	if (n >= bl + 2 && d[0] == '-' && d[1] == '-' && memcmp(d + 2, b, bl) == 0)
		return REFUSED;
	for (size_t k = 0; k + 3 + bl <= n; k++)
		if (d[k] == '\n' && d[k + 1] == '-' && d[k + 2] == '-' && memcmp(d + k + 3, b, bl) == 0)
			return k > 0 && d[k - 1] == '\r' ? SPLITS : REFUSED;
	return CLEAN;
}

static void generated(struct arena *a, const uint8_t *d, size_t size)
{
	static const char bchars[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ";
	struct gen g = {d, size};
	char b[71];
	size_t blen = 1 + next(&g) % 70;
	for (size_t i = 0; i < blen; i++)
		b[i] = bchars[next(&g) % (sizeof bchars - 1)];
	if (b[blen - 1] == ' ')
		b[blen - 1] = 'z';
	b[blen] = 0;

	unsigned top = next(&g);
	size_t nparts = top % 36;   /* more than 32 now and then */
	struct buf o = BUF_INIT;
	if (top & 0x40) {
		/* a preamble, with no LF (so none of it is a boundary line) and not opening
		 * with a dash (a body that opens with the boundary has no preamble) */
		size_t pl = next(&g) % 16;
		for (size_t i = 0; i < pl; i++) {
			unsigned c = next(&g);
			buf_addc(&o, c == '\n' || (i == 0 && c == '-') ? 'x' : (char)c);
		}
		buf_adds(&o, "\r\n");
	}
	bool expect = nparts <= MULTIPART_MAX_PARTS, predictable = true;
	struct gpart *parts = calloc(nparts ? nparts : 1, sizeof *parts);
	CHECK(parts);
	for (size_t i = 0; i < nparts; i++) {
		struct gpart *p = &parts[i];
		unsigned f = next(&g);
		p->nlen = f & 0x04 ? next(&g) * 20 : next(&g) % 12;
		p->name = take(&g, p->nlen);
		if (f & 0x01) {
			p->flen = next(&g) % 24;
			p->filename = take(&g, p->flen);
		}
		if (f & 0x02) {
			p->ctlen = next(&g) % 16;
			p->ct = take(&g, p->ctlen);
		}
		p->len = f & 0x08 ? next(&g) << 8 | next(&g) : next(&g) % 32;
		p->data = take(&g, p->len + blen + 3);
		if ((f & 0x30) == 0x10 && p->len) {
			/* a boundary line inside the content */
			size_t at = next(&g) % p->len;
			char line[80];
			int ln = snprintf(line, sizeof line, f & 0x40 ? "\r\n--%s" : "x\n--%s", b);
			size_t room = p->len + blen + 3 - at;
			memcpy(p->data + at, line, (size_t)ln < room ? (size_t)ln : room);
			p->len = at + ((size_t)ln < room ? (size_t)ln : room);
		} else if ((f & 0x30) == 0x20) {
			/* the boundary opening the content */
			snprintf(p->data, p->len + blen + 3, "--%s", b);
			p->len = p->len > blen + 2 ? p->len : blen + 2;
		}
		const char *pad = f & 0x80 ? " \t " : "";
		write_part(&o, b, pad, p->name, p->filename, p->ct, p->data, p->len);
		/* what the contract says of it */
		predictable &= memchr(p->name, 0, p->nlen) == NULL && writable(p->name, p->nlen, true);
		predictable &= !p->filename || (memchr(p->filename, 0, p->flen) == NULL &&
						writable(p->filename, p->flen, true));
		predictable &= !p->ct || (memchr(p->ct, 0, p->ctlen) == NULL && writable(p->ct, p->ctlen, false));
		expect &= utf8_valid(p->name, p->nlen) && (!p->filename || utf8_valid(p->filename, p->flen)) &&
			  (!p->ct || utf8_valid(p->ct, p->ctlen));
		expect &= canonical_header_bytes(p->name, p->filename, p->ct) <= MULTIPART_MAX_HEADER;
		int in = boundary_in(p->data, p->len, b);
		expect &= in == CLEAN;
		predictable &= in != SPLITS;
		if (!p->filename)
			expect &= memchr(p->data, 0, p->len) == NULL && utf8_valid(p->data, p->len);
	}
	buf_printf(&o, "--%s--", b);
	if (top & 0x80) {
		buf_adds(&o, "\r\n");
		size_t el = next(&g) % 16;
		for (size_t i = 0; i < el; i++) {
			unsigned c = next(&g);
			buf_addc(&o, c == '\n' ? 'x' : (char)c);
		}
	}

	char *body = heap_copy(o.p, o.len);
	struct multipart m;
	int rc = multipart_decode(a, b, body, o.len, &m);
	check_decode(body, o.len, b, rc, &m);
	if (predictable) {
		CHECK((rc == MULTIPART_OK) == expect);
		if (rc == MULTIPART_OK) {
			CHECK(m.n == nparts);
			for (size_t i = 0; i < nparts; i++) {
				const struct gpart *p = &parts[i];
				CHECK(strcmp(m.parts[i].name, p->name) == 0);
				CHECK(same_opt(m.parts[i].filename, p->filename));
				if (p->ct) {
					/* surrounding spaces and tabs are not part of the value */
					const char *s = p->ct, *e = p->ct + p->ctlen;
					while (s < e && (*s == ' ' || *s == '\t'))
						s++;
					while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
						e--;
					CHECK(m.parts[i].content_type && strlen(m.parts[i].content_type) == (size_t)(e - s) &&
					      memcmp(m.parts[i].content_type, s, (size_t)(e - s)) == 0);
				} else {
					CHECK(m.parts[i].content_type == NULL);
				}
				CHECK(m.parts[i].len == p->len && memcmp(m.parts[i].data, p->data, p->len) == 0);
			}
		}
	}
	if (rc == MULTIPART_OK)
		check_round_trip(a, body, o.len, b, &m, size);
	for (size_t i = 0; i < nparts; i++) {
		free(parts[i].name);
		free(parts[i].filename);
		free(parts[i].ct);
		free(parts[i].data);
	}
	free(parts);
	free(body);
	buf_free(&o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	struct arena *a = arena_new();
	if (data[0] & 1)
		generated(a, data + 1, size - 1);
	else
		raw(a, data + 1, size - 1);
	arena_free(a);
	return 0;
}
