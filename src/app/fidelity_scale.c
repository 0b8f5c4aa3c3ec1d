/* app/fidelity_scale.c — loading a version of the fidelity scale from its file
 * (docs/fidelity-scale-format.md: JSON, read with jansson), checking every field and
 * naming each problem, then writing the whole version in one transaction or nothing;
 * and the evidence bands a version sets, for core/fidelity.c. Admins only load. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "app/fidelity.h"
#include "app/internal.h"
#include "core/fidelity.h"
#include "core/validate.h"
#include "util/arena.h"

static const char *const SECTIONS[] = {"staffing", "organisation", "services", NULL};

/* A required string of 1..max bytes with no control characters but line breaks
 * (multiline) — or NULL after adding an error. */
static const char *text_field(struct app *app, struct result *r, json_t *obj, const char *key,
			      const char *field, const char *where, int max, bool multiline, bool required)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (required)
			result_field(r, field, arena_printf(app->arena, "%s: \"%s\" is missing", where, key));
		return NULL;
	}
	if (!json_is_string(v)) {
		result_field(r, field, arena_printf(app->arena, "%s: \"%s\" must be text", where, key));
		return NULL;
	}
	const char *s = json_string_value(v);
	switch (text_check(s, max, multiline)) {
	case TEXT_OK:
		return arena_strdup(app->arena, s);
	case TEXT_BLANK:
		if (!required && !*s)
			return NULL;
		result_field(r, field, arena_printf(app->arena, "%s: \"%s\" is empty", where, key));
		return NULL;
	case TEXT_TOO_LONG:
		result_field(r, field, arena_printf(app->arena, "%s: \"%s\" is longer than %d characters", where, key, max));
		return NULL;
	default:
		result_field(r, field, arena_printf(app->arena, "%s: \"%s\" has line breaks or control characters in it",
						    where, key));
		return NULL;
	}
}

/* Refuses keys the format does not know, so a misspelt "anchor" is not silently lost. */
static void unknown_keys(struct app *app, struct result *r, json_t *obj, const char *const *known,
			 const char *field, const char *where)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		bool ok = false;
		for (size_t i = 0; known[i]; i++)
			ok |= strcmp(key, known[i]) == 0;
		if (!ok) {
			result_field(r, field, arena_printf(app->arena, "%s: \"%s\" is not a field of the format", where, key));
			return;
		}
	}
}

/* A threshold in the measure's unit, with at most one decimal place, as tenths. */
static bool cut_tenths(json_t *v, int64_t *out)
{
	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);
		if (i < 0 || i > 100000000)
			return false;
		*out = (int64_t)i * 10;
		return true;
	}
	if (!json_is_real(v))
		return false;
	double d = json_real_value(v);
	if (!(d >= 0 && d <= 1e8))
		return false;
	double t = round(d * 10);
	if (fabs(t - d * 10) > 1e-6)
		return false;
	*out = (int64_t)t;
	return true;
}

static void check_evidence(struct app *app, struct result *r, json_t *ev, const char *field, const char *where,
			   struct fid_item *it)
{
	static const char *const known[] = {"lower_is_better", "cuts", NULL};
	int key = fidelity_item_key(it->code);
	if (!json_is_object(ev)) {
		result_field(r, field, arena_printf(app->arena, "%s: \"evidence\" must be an object with "
							    "\"lower_is_better\" and \"cuts\"", where));
		return;
	}
	if (key < 0 || !FID_DEFAULT_BANDS[key].scored) {
		result_field(r, field, arena_printf(app->arena, "%s: ipsdesk suggests scores from the records only for "
							    "S1, V4, V6, V8, V9, V10 and V13, so this item takes no "
							    "\"evidence\"", where));
		return;
	}
	unknown_keys(app, r, ev, known, field, where);
	json_t *lib = json_object_get(ev, "lower_is_better");
	if (!json_is_boolean(lib)) {
		result_field(r, field, arena_printf(app->arena, "%s: \"lower_is_better\" must be true or false", where));
		return;
	}
	json_t *cuts = json_object_get(ev, "cuts");
	if (!json_is_array(cuts) || json_array_size(cuts) != 4) {
		result_field(r, field, arena_printf(app->arena, "%s: \"cuts\" must be a list of 4 numbers, the "
							    "boundaries between scores 1-2, 2-3, 3-4 and 4-5", where));
		return;
	}
	for (size_t i = 0; i < 4; i++) {
		if (!cut_tenths(json_array_get(cuts, i), &it->cut[i])) {
			result_field(r, field, arena_printf(app->arena, "%s: \"cuts\" must be numbers of 0 or more "
								    "with at most one decimal place", where));
			return;
		}
		if (i && it->cut[i] < it->cut[i - 1]) {
			result_field(r, field, arena_printf(app->arena, "%s: \"cuts\" must be in ascending order", where));
			return;
		}
	}
	it->has_cuts = true;
	it->lower_is_better = json_is_true(lib);
}

struct result app_fidelity_scale_load(struct app *app, const struct actor *who, const char *text, size_t len)
{
	struct result r = result_new(app->arena);
	if (!(who->role & ROLE_ADMIN)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if (!text || len == 0) {
		result_field(&r, "file", "The scale file is empty");
		return r;
	}
	json_error_t err;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
	if (!root) {
		result_field(&r, "file", arena_printf(app->arena, "The scale file is not valid JSON: line %d, column %d: %s",
						      err.line, err.column, err.text));
		return r;
	}
	static const char *const top_known[] = {"format", "version", "name", "year", "source", "items", NULL};
	static const char *const item_known[] = {"code", "section", "title", "description", "anchors", "summary",
						 "evidence", NULL};
	struct fid_scale sc = {.loaded_at = app->now_iso, .loaded_by = who->username ? who->username : "ipsdesk"};
	struct fid_item *items = NULL;
	size_t nitems = 0;
	if (!json_is_object(root)) {
		result_field(&r, "file", "The scale file must hold one JSON object");
		goto done;
	}
	unknown_keys(app, &r, root, top_known, "file", "The scale");
	json_t *fmt = json_object_get(root, "format"), *ver = json_object_get(root, "version");
	if (!json_is_string(fmt) || strcmp(json_string_value(fmt), "ipsdesk-fidelity-scale") != 0)
		result_field(&r, "format", "\"format\" must be \"ipsdesk-fidelity-scale\"");
	if (!json_is_integer(ver) || json_integer_value(ver) != 1)
		result_field(&r, "version", "\"version\" must be 1 (the only version of the format)");
	sc.name = text_field(app, &r, root, "name", "name", "The scale", 200, false, true);
	sc.source = text_field(app, &r, root, "source", "source", "The scale", 2000, true, true);
	json_t *year = json_object_get(root, "year");
	if (!json_is_integer(year) || json_integer_value(year) < 1900 || json_integer_value(year) > 9999)
		result_field(&r, "year", "\"year\" must be a year such as 2008");
	else
		sc.year = (int)json_integer_value(year);

	json_t *arr = json_object_get(root, "items");
	if (!json_is_array(arr) || json_array_size(arr) == 0) {
		result_field(&r, "items", "\"items\" must be a list of at least one item");
		goto done;
	}
	if (json_array_size(arr) > FID_MAX_ITEMS) {
		result_field(&r, "items", arena_printf(app->arena, "A scale may have at most %d items", FID_MAX_ITEMS));
		goto done;
	}
	nitems = json_array_size(arr);
	items = arena_alloc(app->arena, nitems * sizeof *items);
	memset(items, 0, nitems * sizeof *items);
	for (size_t i = 0; i < nitems; i++) {
		json_t *o = json_array_get(arr, i);
		struct fid_item *it = &items[i];
		it->position = (int)i + 1;
		const char *field = arena_printf(app->arena, "items[%zu]", i + 1);
		const char *where = arena_printf(app->arena, "Item %zu", i + 1);
		if (!json_is_object(o)) {
			result_field(&r, field, arena_printf(app->arena, "%s must be an object", where));
			continue;
		}
		it->code = text_field(app, &r, o, "code", arena_printf(app->arena, "%s.code", field), where, 16, false, true);
		if (it->code) {
			bool ok = true;
			for (const char *p = it->code; *p; p++)
				ok &= (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9');
			if (!ok)
				result_field(&r, arena_printf(app->arena, "%s.code", field),
					     arena_printf(app->arena, "%s: the code must be capital letters and digits, like S1 or V12",
							  where));
			else
				where = arena_printf(app->arena, "Item %zu (%s)", i + 1, it->code);
			for (size_t j = 0; ok && j < i; j++)
				if (items[j].code && strcmp(items[j].code, it->code) == 0)
					result_field(&r, arena_printf(app->arena, "%s.code", field),
						     arena_printf(app->arena, "%s: the code %s is already used by item %zu",
								  where, it->code, j + 1));
		}
		unknown_keys(app, &r, o, item_known, field, where);
		it->section = text_field(app, &r, o, "section", arena_printf(app->arena, "%s.section", field), where, 32,
					 false, true);
		if (it->section) {
			bool ok = false;
			for (size_t k = 0; SECTIONS[k]; k++)
				ok |= strcmp(it->section, SECTIONS[k]) == 0;
			if (!ok)
				result_field(&r, arena_printf(app->arena, "%s.section", field),
					     arena_printf(app->arena, "%s: \"section\" must be staffing, organisation or services",
							  where));
		}
		it->title = text_field(app, &r, o, "title", arena_printf(app->arena, "%s.title", field), where, 200, false, true);
		it->description = text_field(app, &r, o, "description", arena_printf(app->arena, "%s.description", field),
					     where, 4000, true, true);
		json_t *anchors = json_object_get(o, "anchors");
		const char *afield = arena_printf(app->arena, "%s.anchors", field);
		if (!json_is_array(anchors) || json_array_size(anchors) != 5) {
			result_field(&r, afield, arena_printf(app->arena, "%s: \"anchors\" must be a list of 5 texts, what "
								  "scores 1, 2, 3, 4 and 5 mean", where));
		} else {
			for (size_t k = 0; k < 5; k++) {
				json_t *a = json_array_get(anchors, k);
				const char *s = json_is_string(a) ? json_string_value(a) : NULL;
				if (!s || text_check(s, 2000, true) != TEXT_OK) {
					result_field(&r, afield, arena_printf(app->arena, "%s: the anchor for score %zu must be "
										  "text of 1 to 2000 characters", where, k + 1));
					break;
				}
				it->anchor[k] = arena_strdup(app->arena, s);
			}
		}
		json_t *summary = json_object_get(o, "summary");
		if (summary && !json_is_boolean(summary))
			result_field(&r, arena_printf(app->arena, "%s.summary", field),
				     arena_printf(app->arena, "%s: \"summary\" must be true or false", where));
		it->summary = json_is_true(summary);
		json_t *ev = json_object_get(o, "evidence");
		if (ev && it->code)
			check_evidence(app, &r, ev, arena_printf(app->arena, "%s.evidence", field), where, it);
	}
done:
	json_decref(root);
	if (!result_ok(&r))
		return r;
	if (nitems != 25)
		result_warn(&r, "items", arena_printf(app->arena, "This scale has %zu items, not the 25 of the 2008 scale: "
							      "totals are still read against the 2008 bands", nitems));
	int64_t id = 0;
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_fid_scale_insert(app->store, &sc, &id);
	for (size_t i = 0; i < nitems && rc == IPS_OK; i++) {
		items[i].scale_id = id;
		rc = store_fid_item_insert(app->store, &items[i]);
	}
	if (rc == IPS_OK)
		rc = app_audit(app, who, "fidelity_scale.load", "fidelity_scale", id, "name,year,source,items");
	r.id = id;
	return finish(app, rc, r);
}

void fidelity_scale_bands(struct app *app, int64_t scale_id, struct fidelity_bands out[FID_NITEMS])
{
	struct fid_item *items;
	size_t n;
	struct fid_scale sc;
	if (store_fid_scale_get(app->store, app->arena, scale_id, &sc) != IPS_OK ||
	    store_fid_items(app->store, app->arena, sc.id, &items, &n) != IPS_OK) {
		memcpy(out, FID_DEFAULT_BANDS, FID_NITEMS * sizeof *out);
		return;
	}
	memset(out, 0, FID_NITEMS * sizeof *out);
	for (size_t i = 0; i < n; i++) {
		int k = fidelity_item_key(items[i].code);
		if (k < 0 || !items[i].has_cuts)
			continue;
		out[k].scored = true;
		out[k].lower_is_better = items[i].lower_is_better;
		memcpy(out[k].cut, items[i].cut, sizeof out[k].cut);
	}
}

struct result app_fidelity_scale(struct app *app, const struct actor *who, int64_t scale_id,
				 struct fid_scale_view *out)
{
	struct result r = result_new(app->arena);
	memset(out, 0, sizeof *out);
	if (!(who->role & (ROLE_ADMIN | ROLE_REVIEWER | ROLE_TEAM_LEADER))) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	int rc = store_fid_scale_get(app->store, app->arena, scale_id, &out->scale);
	if (rc == IPS_ENOTFOUND) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	if (rc == IPS_OK)
		rc = store_fid_items(app->store, app->arena, out->scale.id, &out->items, &out->nitems);
	if (rc != IPS_OK)
		result_set(&r, RES_FAILED, "The fidelity scale could not be read");
	r.id = out->scale.id;
	return r;
}

struct result app_fidelity_scales(struct app *app, const struct actor *who, struct fid_scale **out, size_t *n)
{
	struct result r = result_new(app->arena);
	*out = NULL;
	*n = 0;
	if (!(who->role & (ROLE_ADMIN | ROLE_REVIEWER | ROLE_TEAM_LEADER))) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if (store_fid_scales_list(app->store, app->arena, out, n) != IPS_OK)
		result_set(&r, RES_FAILED, "The fidelity scales could not be read");
	return r;
}
