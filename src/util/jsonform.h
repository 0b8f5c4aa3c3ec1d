/* util/jsonform.h — a JSON request body read into the text fields a web form would have
 * sent, so the API's writes go through the same use cases and validation as the forms.
 * Decoding only: no rule about what a field may hold lives here. The API's JSON bodies
 * are outside input: tests/fuzz/fuzz_json.c fuzzes this file. */
#ifndef IPS_UTIL_JSONFORM_H
#define IPS_UTIL_JSONFORM_H
#include <stdbool.h>
#include <stddef.h>

struct arena;

/* One member the body may carry, and where its text goes: a const char * member of the
 * caller's form struct at offset. numbers: a whole number is taken as its digits;
 * booleans: true and false as "yes" and "no". A string is always taken as it is. */
struct jsonform_field {
	const char *key;
	size_t offset;
	bool numbers, booleans;
};

/* A member that could not be read: an unknown key, or a value of the wrong type. */
struct jsonform_problem {
	const char *field, *message;
};

enum jsonform_status {
	JSONFORM_OK,           /* *problems lists members that could not be read (maybe none) */
	JSONFORM_NOT_JSON,     /* *why says what and where, for a 400 */
	JSONFORM_NOT_OBJECT,   /* valid JSON, but not one object */
};

/* Reads body (len bytes, any bytes, no NUL needed) into form, a struct whose members at
 * the fields' offsets are const char * (set only for members present; null is absent).
 * Duplicate keys, NUL inside strings and invalid UTF-8 are NOT_JSON. Everything returned
 * is in a. */
enum jsonform_status jsonform_read(struct arena *a, const char *body, size_t len, const struct jsonform_field *fields,
				   size_t nfields, void *form, struct jsonform_problem **problems, size_t *nproblems,
				   const char **why);

#endif
