/* util/jsonform.c — see jsonform.h. jansson parses (it refuses invalid UTF-8, and NUL
 * inside strings unless asked); this file only maps members to fields. */
#include "util/jsonform.h"
#include <string.h>
#include <jansson.h>
#include "util/arena.h"

static void problem(struct arena *a, struct jsonform_problem **v, size_t *n, size_t *cap, const char *field,
		    const char *message)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		struct jsonform_problem *nv = arena_alloc(a, ncap * sizeof *nv);
		if (*n)
			memcpy(nv, *v, *n * sizeof *nv);
		*v = nv;
		*cap = ncap;
	}
	(*v)[(*n)++] = (struct jsonform_problem){field, message};
}

enum jsonform_status jsonform_read(struct arena *a, const char *body, size_t len, const struct jsonform_field *fields,
				   size_t nfields, void *form, struct jsonform_problem **problems, size_t *nproblems,
				   const char **why)
{
	*problems = NULL;
	*nproblems = 0;
	*why = NULL;
	json_error_t jerr;
	json_t *root = json_loadb(body ? body : "", body ? len : 0, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		*why = arena_printf(a, "%s (at byte %d)", jerr.text, jerr.position);
		return JSONFORM_NOT_JSON;
	}
	if (!json_is_object(root)) {
		json_decref(root);
		return JSONFORM_NOT_OBJECT;
	}
	size_t cap = 0;
	const char *key;
	json_t *v;
	json_object_foreach(root, key, v) {
		size_t i = 0;
		while (i < nfields && strcmp(fields[i].key, key) != 0)
			i++;
		if (i == nfields) {
			problem(a, problems, nproblems, &cap, arena_strdup(a, key), "is not a field of this record");
			continue;
		}
		const struct jsonform_field *f = &fields[i];
		const char *text = NULL;
		if (json_is_null(v))
			text = NULL;
		else if (json_is_string(v))
			text = arena_strndup(a, json_string_value(v), json_string_length(v));
		else if (f->numbers && json_is_integer(v))
			text = arena_printf(a, "%lld", (long long)json_integer_value(v));
		else if (f->booleans && json_is_boolean(v))
			text = json_is_true(v) ? "yes" : "no";
		else {
			problem(a, problems, nproblems, &cap, f->key,
				f->numbers ? "must be a whole number or a string"
				: f->booleans ? "must be true or false" : "must be a string");
			continue;
		}
		memcpy((char *)form + f->offset, &text, sizeof text);
	}
	json_decref(root);
	return JSONFORM_OK;
}
