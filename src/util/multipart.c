/* util/multipart.c — decoder for multipart/form-data bodies (RFC 7578, RFC 2046 5.1).
 * Outside input: every byte of the framing is checked, a part's content is handed on
 * as a byte range (never copied, never NUL-terminated: files may hold any bytes), and
 * a malformed body is refused whole. Strict where readers could disagree: a boundary
 * after a bare LF, or inside a part, is an error rather than a guess. Fuzzed by
 * tests/fuzz/fuzz_multipart.c. */
#include "util/multipart.h"
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include "util/arena.h"

/* RFC 9110 tchar: the characters of a token. */
static bool is_tchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return true;
	return c && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* RFC 2046 bchars (bcharsnospace plus space). */
static bool is_bchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return true;
	return c && strchr("'()+_,-./:=? ", c) != NULL;
}

static bool boundary_valid(const char *b, size_t n)
{
	if (n < 1 || n > MULTIPART_MAX_BOUNDARY || b[n - 1] == ' ')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_bchar((unsigned char)b[i]))
			return false;
	return true;
}

static const char *skip_ows(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Reads a parameter value of a header (RFC 9110: token or quoted-string with
 * quoted-pairs) at *pp into out (room for strlen(*pp) + 1). Returns its length, or -1. */
static long header_param_value(const char **pp, char *out)
{
	const unsigned char *p = (const unsigned char *)*pp;
	size_t n = 0;
	if (*p == '"') {
		p++;
		for (;;) {
			unsigned char c = *p;
			if (c == '"')
				break;
			if (c == '\\') {
				c = *++p;
				if (!(c == '\t' || (c >= 0x20 && c != 0x7f)))
					return -1;
			} else if (!(c == '\t' || (c >= 0x20 && c != 0x7f))) {
				return -1;   /* a control character, or the end without a closing quote */
			}
			out[n++] = (char)c;
			p++;
		}
		p++;
	} else {
		while (is_tchar(*p))
			out[n++] = (char)*p++;
		if (n == 0)
			return -1;
	}
	out[n] = 0;
	*pp = (const char *)p;
	return (long)n;
}

int multipart_boundary(struct arena *a, const char *content_type, const char **boundary)
{
	static const char type[] = "multipart/form-data";
	*boundary = NULL;
	if (!content_type)
		return MULTIPART_NOT_FORM_DATA;
	const char *p = skip_ows(content_type);
	if (strncasecmp(p, type, sizeof type - 1) != 0)
		return MULTIPART_NOT_FORM_DATA;
	p = skip_ows(p + sizeof type - 1);
	if (*p && *p != ';')
		return MULTIPART_NOT_FORM_DATA;   /* multipart/form-datax */
	char *value = arena_alloc(a, strlen(p) + 1);
	const char *found = NULL;
	while (*p) {
		/* *( OWS ";" OWS name "=" value ) */
		if (*p != ';')
			return MULTIPART_MALFORMED;
		p = skip_ows(p + 1);
		const char *name = p;
		while (is_tchar((unsigned char)*p))
			p++;
		size_t nlen = (size_t)(p - name);
		if (nlen == 0 || *p != '=')
			return MULTIPART_MALFORMED;
		p++;
		long vlen = header_param_value(&p, value);
		if (vlen < 0)
			return MULTIPART_MALFORMED;
		if (nlen == 8 && strncasecmp(name, "boundary", 8) == 0) {
			if (found)
				return MULTIPART_MALFORMED;
			found = arena_strndup(a, value, (size_t)vlen);
		}
		p = skip_ows(p);
	}
	if (!found || !boundary_valid(found, strlen(found)))
		return MULTIPART_MALFORMED;
	*boundary = found;
	return MULTIPART_OK;
}

/* ---- the body ------------------------------------------------------------------------ */

struct headers_seen {
	bool disposition, type, encoding;
};

/* The text of a part's header value: UTF-8, no control character but tab. */
static bool header_text_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return false;
	}
	return utf8_valid(s, n);
}

/* Content-Disposition: form-data; name="x"; filename="y". v[0..n) is already known to
 * be header text. Quoted values run to the next '"' with no escapes (the HTML
 * standard's encoder percent-encodes '"', CR and LF and leaves '\' alone). */
static int read_disposition(struct arena *a, const char *v, size_t n, struct multipart_part *part)
{
	static const char type[] = "form-data";
	const char *p = v, *end = v + n;
	if (n < sizeof type - 1 || strncasecmp(p, type, sizeof type - 1) != 0)
		return -1;
	p += sizeof type - 1;
	const char *name = NULL, *filename = NULL;
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end)
			break;
		if (*p != ';')
			return -1;
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		const char *key = p;
		while (p < end && is_tchar((unsigned char)*p))
			p++;
		size_t klen = (size_t)(p - key);
		if (klen == 0 || p == end || *p != '=')
			return -1;
		p++;
		const char *val;
		size_t vlen;
		if (p < end && *p == '"') {
			const char *q = memchr(p + 1, '"', (size_t)(end - p - 1));
			if (!q)
				return -1;
			val = p + 1;
			vlen = (size_t)(q - val);
			p = q + 1;
		} else {
			val = p;
			while (p < end && is_tchar((unsigned char)*p))
				p++;
			vlen = (size_t)(p - val);
			if (vlen == 0)
				return -1;
		}
		const char **slot = NULL;
		if (klen == 4 && strncasecmp(key, "name", 4) == 0)
			slot = &name;
		else if (klen == 8 && strncasecmp(key, "filename", 8) == 0)
			slot = &filename;
		else if (klen == 9 && strncasecmp(key, "filename*", 9) == 0)
			return -1;   /* RFC 7578 4.2: must not be used; refused rather than ignored */
		if (slot) {
			if (*slot)
				return -1;
			*slot = arena_strndup(a, val, vlen);
		}
	}
	if (!name)
		return -1;
	part->name = name;
	part->filename = filename;
	return 0;
}

/* One header line s[0..n) (no CRLF) of a part. */
static int read_header(struct arena *a, const char *s, size_t n, struct multipart_part *part,
		       struct headers_seen *seen)
{
	size_t k = 0;
	while (k < n && is_tchar((unsigned char)s[k]))
		k++;
	if (k == 0 || k == n || s[k] != ':')
		return -1;   /* no name, a space before the colon, or a folded line */
	const char *v = s + k + 1, *end = s + n;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	size_t vlen = (size_t)(end - v);
	if (!header_text_ok(s + k + 1, n - k - 1))
		return -1;
	if (k == 19 && strncasecmp(s, "Content-Disposition", 19) == 0) {
		if (seen->disposition)
			return -1;
		seen->disposition = true;
		return read_disposition(a, v, vlen, part);
	}
	if (k == 12 && strncasecmp(s, "Content-Type", 12) == 0) {
		if (seen->type)
			return -1;
		seen->type = true;
		part->content_type = arena_strndup(a, v, vlen);
		return 0;
	}
	if (k == 25 && strncasecmp(s, "Content-Transfer-Encoding", 25) == 0) {
		if (seen->encoding)
			return -1;
		seen->encoding = true;
		/* identity encodings only: anything else would need decoding, and a part
		 * passed on undecoded would be misread */
		if ((vlen == 4 && strncasecmp(v, "7bit", 4) == 0) || (vlen == 4 && strncasecmp(v, "8bit", 4) == 0) ||
		    (vlen == 6 && strncasecmp(v, "binary", 6) == 0))
			return 0;
		return -1;
	}
	return 0;   /* another header: allowed, and ignored */
}

/* The header lines of a part from s[p], up to and including the blank line; *end is
 * where the part's content starts. */
static int read_headers(struct arena *a, const char *s, size_t len, size_t p,
			struct multipart_part *part, size_t *end)
{
	size_t limit = len - p > MULTIPART_MAX_HEADER ? p + MULTIPART_MAX_HEADER : len;
	struct headers_seen seen = {0};
	int lines = 0;
	for (;;) {
		const char *lf = memchr(s + p, '\n', limit - p);
		if (!lf)
			return -1;   /* too long, or the body ends inside the headers */
		size_t e = (size_t)(lf - s);
		if (e == p || s[e - 1] != '\r')
			return -1;   /* a bare LF */
		size_t n = e - 1 - p;
		if (n == 0) {
			*end = e + 1;
			break;
		}
		if (++lines > MULTIPART_MAX_HEADER_LINES || read_header(a, s + p, n, part, &seen) != 0)
			return -1;
		p = e + 1;
	}
	return seen.disposition ? 0 : -1;
}

static size_t skip_padding(const char *s, size_t len, size_t p)
{
	while (p < len && (s[p] == ' ' || s[p] == '\t'))
		p++;
	return p;
}

static bool crlf_at(const char *s, size_t len, size_t p)
{
	return len - p >= 2 && s[p] == '\r' && s[p + 1] == '\n';
}

static int refuse(struct multipart *out)
{
	out->parts = NULL;
	out->n = 0;
	out->fields.v = NULL;
	out->fields.n = 0;
	return MULTIPART_MALFORMED;
}

int multipart_decode(struct arena *a, const char *boundary, const char *body, size_t len,
		     struct multipart *out)
{
	refuse(out);
	size_t blen = boundary ? strlen(boundary) : 0;
	if (!boundary_valid(boundary, blen) || (!body && len))
		return MULTIPART_MALFORMED;
	if (!body)
		body = "";
	/* "\r\n--boundary": the delimiter; from +1 the "\n--boundary" searched for (then
	 * checked for its CR, so a bare LF before a boundary is caught, not skipped); from
	 * +2 the dash-boundary that opens the body. */
	const char *delim = arena_printf(a, "\r\n--%s", boundary);
	const char *lfdash = delim + 1, *dash = delim + 2;
	const size_t dlen = blen + 2;

	size_t pos;
	if (len >= dlen && memcmp(body, dash, dlen) == 0) {
		pos = 0;
	} else {
		const char *hit = memmem(body, len, lfdash, dlen + 1);
		if (!hit || hit == body || hit[-1] != '\r')
			return MULTIPART_MALFORMED;
		pos = (size_t)(hit + 1 - body);   /* after a preamble */
	}

	struct multipart_part *parts = arena_alloc(a, MULTIPART_MAX_PARTS * sizeof *parts);
	size_t n = 0, nfields = 0;
	for (;;) {
		/* body[pos..] is a dash-boundary */
		size_t p = pos + dlen;
		if (len - p >= 2 && body[p] == '-' && body[p + 1] == '-') {
			p = skip_padding(body, len, p + 2);
			if (p == len)
				break;
			if (!crlf_at(body, len, p))
				return refuse(out);
			/* the epilogue: ignored, but a boundary line inside it means the body was
			 * cut short or built to be read two ways */
			if (memmem(body + p, len - p, lfdash, dlen + 1))
				return refuse(out);
			break;
		}
		p = skip_padding(body, len, p);
		if (!crlf_at(body, len, p) || n == MULTIPART_MAX_PARTS)
			return refuse(out);
		p += 2;
		struct multipart_part *part = &parts[n];
		memset(part, 0, sizeof *part);
		size_t start;
		if (read_headers(a, body, len, p, part, &start) != 0)
			return refuse(out);
		/* A boundary opening the content (RFC 2046 lets the CRLF before the next
		 * delimiter double as the headers' end) is read either way by other parsers. */
		if (len - start >= dlen && memcmp(body + start, dash, dlen) == 0)
			return refuse(out);
		const char *hit = memmem(body + start, len - start, lfdash, dlen + 1);
		if (!hit)
			return refuse(out);   /* no closing boundary */
		size_t at = (size_t)(hit - body);
		if (at == start || body[at - 1] != '\r')
			return refuse(out);   /* a boundary line after a bare LF */
		part->data = body + start;
		part->len = at - 1 - start;
		if (!part->filename) {
			if (memchr(part->data, 0, part->len) || !utf8_valid(part->data, part->len))
				return refuse(out);
			nfields++;
		}
		n++;
		pos = at + 1;
	}

	out->fields.v = arena_alloc(a, (nfields ? nfields : 1) * sizeof *out->fields.v);
	for (size_t i = 0; i < n; i++) {
		if (parts[i].filename)
			continue;
		out->fields.v[out->fields.n].key = parts[i].name;
		out->fields.v[out->fields.n].val = arena_strndup(a, parts[i].data, parts[i].len);
		out->fields.n++;
	}
	out->parts = parts;
	out->n = n;
	return MULTIPART_OK;
}
