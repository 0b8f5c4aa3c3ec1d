/* util/multipart.h — decoder for multipart/form-data request bodies (RFC 7578, framed
 * as in RFC 2046 section 5.1): the boundary from the Content-Type header, then each
 * part's Content-Disposition name and optional filename. Outside input: it only
 * decodes, never trusts, and refuses a malformed body whole rather than half-decoding
 * it. Fuzzed by tests/fuzz/fuzz_multipart.c. */
#ifndef IPS_MULTIPART_H
#define IPS_MULTIPART_H
#include <stddef.h>
#include "util/kv.h"

struct arena;

#define MULTIPART_MAX_PARTS 32          /* a body with more parts is refused */
#define MULTIPART_MAX_HEADER 4096       /* bytes of one part's header lines, blank line included */
#define MULTIPART_MAX_HEADER_LINES 8    /* header fields of one part */
#define MULTIPART_MAX_BOUNDARY 70       /* RFC 2046 */

enum {
	MULTIPART_OK = 0,
	MULTIPART_NOT_FORM_DATA = -1,   /* the Content-Type is some other media type */
	MULTIPART_MALFORMED = -2,
};

/* One part. Strings are NUL-terminated arena copies: valid UTF-8, no control
 * character but tab, and (name, filename) no '"'. */
struct multipart_part {
	const char *name;           /* Content-Disposition name="..." (may be "") */
	const char *filename;       /* filename="..." as sent, or NULL when the part has none;
				     * "" is what browsers send for a file input left empty */
	const char *content_type;   /* the part's Content-Type, or NULL when absent */
	const char *data;           /* the part's bytes, inside the body: any bytes, not
				     * NUL-terminated, valid while the body is */
	size_t len;
};

struct multipart {
	struct multipart_part *parts;   /* in the order sent; arena-owned */
	size_t n;
	/* The parts without a filename, as form fields (name -> value, in order). Their
	 * values are NUL-terminated arena copies: valid UTF-8 with no NUL, or the whole
	 * body was refused — the same promise as form_decode's. */
	struct kvlist fields;
};

/* The boundary of a Content-Type header value such as
 *   multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk
 * (media type and parameter names in any case, the value a token or a quoted string
 * with \-escapes, other parameters ignored). *boundary is an arena copy.
 * Returns MULTIPART_OK; MULTIPART_NOT_FORM_DATA for another media type (or no header:
 * content_type NULL); MULTIPART_MALFORMED when the parameters cannot be read, the
 * boundary is missing or repeated, or it is not 1-70 of RFC 2046's bchars (letters,
 * digits and '()+_,-./:=? and space) without a trailing space. */
int multipart_boundary(struct arena *a, const char *content_type, const char **boundary);

/* Decodes body[0..len) with the given boundary. Lines of the framing end in CRLF.
 * Accepted: a preamble before the first boundary (ignored), transport padding (spaces,
 * tabs) after each boundary, an epilogue after the closing boundary (ignored), part
 * headers Content-Disposition (required: form-data with a name; filename optional,
 * quoted values taken as they are, with no \-escapes, as the HTML standard's encoder
 * writes them), Content-Type, Content-Transfer-Encoding 7bit/8bit/binary, and others
 * (ignored). Refused whole (MULTIPART_MALFORMED, out empty): no closing boundary; a
 * bare LF or CR in the framing or headers; folded, repeated or unreadable headers;
 * filename*; any other transfer encoding; more than MULTIPART_MAX_PARTS parts,
 * MULTIPART_MAX_HEADER_LINES header lines or MULTIPART_MAX_HEADER bytes of headers in
 * a part; a part whose content holds the boundary at the start of a line (so no other
 * reader could split the body differently), or an epilogue that does; a field (a part
 * with no filename) whose value is not UTF-8 or holds a NUL. Returns MULTIPART_OK. */
int multipart_decode(struct arena *a, const char *boundary, const char *body, size_t len,
		     struct multipart *out);

#endif
