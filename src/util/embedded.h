/* util/embedded.h — files compiled into the binary by scripts/embed.sh: the schema
 * migrations and the web assets. Each table ends with {NULL, NULL, 0}; bytes are
 * followed by a NUL that len does not count. */
#ifndef IPS_EMBEDDED_H
#define IPS_EMBEDDED_H
#include <stddef.h>

struct embedded_file {
	const char *name;              /* file name without directory */
	const unsigned char *bytes;
	size_t len;
};

extern const struct embedded_file embedded_schema[];
extern const struct embedded_file embedded_assets[];
extern const struct embedded_file embedded_docs[];   /* docs/openapi.json */

#endif
