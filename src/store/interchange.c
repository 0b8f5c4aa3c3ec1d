/* store/interchange.c — what the CSV import and export need from the store beyond the
 * per-table inserts: finding a record by its code or ref, employers and jobs, and
 * reading every record of a kind in byte order of its code/ref. Column order and
 * formatting belong to core/interchange.c, not here. */
#include <stdio.h>
#include <string.h>
#include "store/db.h"
#include <stdlib.h>
#include "core/codes.h"
#include "util/arena.h"

int store_ic_lookup(struct store *s, enum ic_kind kind, const char *ref, struct ic_target *out)
{
	static const char *const sql[IC_NKINDS] = {
		[IC_SITE] = "SELECT id, 0 FROM site WHERE code = ?1",
		[IC_TEAM] = "SELECT id, 0 FROM team WHERE code = ?1",
		[IC_STAFF] = "SELECT id, role = 'specialist' FROM staff WHERE code = ?1",
		[IC_EMPLOYER] = "SELECT id, 0 FROM employer WHERE ref = ?1",
		[IC_CLIENT] = "SELECT id, 0 FROM client WHERE ref = ?1",
		[IC_REFERRAL] = "SELECT id, 0 FROM referral WHERE ref = ?1",
		[IC_CONTACT] = "SELECT id, 0 FROM contact WHERE ref = ?1",
		[IC_JOB] = "SELECT id, 0 FROM job WHERE ref = ?1",
	};
	sqlite3_stmt *st = db_stmt(s, sql[kind]);
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, ref);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->is_specialist = sqlite3_column_int(st, 1) != 0;
	}
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

int store_employer_insert(struct store *s, const struct employer *in, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(s,
		"INSERT INTO employer(id, ref, site_id, name, sector, address, postcode, notes) "
		"SELECT n, coalesce(?1, 'ipsdesk-employer-' || n), ?2, ?3, ?4, ?5, ?6, ?7 "
		"FROM (SELECT coalesce(max(id), 0) + 1 AS n FROM employer)");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, in->ref);
	sqlite3_bind_int64(st, 2, in->site_id);
	db_bind_text(st, 3, in->name);
	db_bind_text(st, 4, in->sector);
	db_bind_text(st, 5, in->address);
	db_bind_text(st, 6, in->postcode);
	db_bind_text(st, 7, in->notes);
	int rc = db_done(s, st);
	if (rc == IPS_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

int store_job_insert(struct store *s, const struct job *in, const char *now, int64_t *id)
{
	sqlite3_stmt *st = in->ref ? db_stmt(s,
		"INSERT INTO job(ref, referral_id, employer_id, title, job_type, started_on, ended_on, "
		"hours_per_week, hourly_wage, competitive, end_reason, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)") : db_stmt(s,
		"INSERT INTO job(id, ref, referral_id, employer_id, title, job_type, started_on, ended_on, "
		"hours_per_week, hourly_wage, competitive, end_reason, created_at) "
		"SELECT n, 'ipsdesk-job-' || n, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12 "
		"FROM (SELECT coalesce(max(id), 0) + 1 AS n FROM job)");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, in->ref);
	sqlite3_bind_int64(st, 2, in->referral_id);
	db_bind_id(st, 3, in->employer_id);
	db_bind_text(st, 4, in->title);
	db_bind_text(st, 5, in->job_type);
	db_bind_text(st, 6, in->started_on);
	db_bind_text(st, 7, in->ended_on);
	sqlite3_bind_int64(st, 8, in->hours_per_week);
	if (in->hourly_wage < 0)
		sqlite3_bind_null(st, 9);
	else
		sqlite3_bind_int64(st, 9, in->hourly_wage);
	sqlite3_bind_int(st, 10, in->competitive);
	db_bind_text(st, 11, in->end_reason);
	db_bind_text(st, 12, now);
	int rc = db_done(s, st);
	if (rc == IPS_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

/* One SELECT per kind, its columns in the order of the spec's table. Numbers come out
 * as the stored integers (hundredths, pence, 0/1); the caller formats them. */
static const char *const EXPORT_SQL[IC_NKINDS] = {
	[IC_SITE] = "SELECT code, name FROM site ORDER BY code",
	[IC_TEAM] = "SELECT t.code, s.code, t.name FROM team t JOIN site s ON s.id = t.site_id ORDER BY t.code",
	[IC_STAFF] = "SELECT f.code, t.code, f.name, f.role, f.fte FROM staff f "
		     "LEFT JOIN team t ON t.id = f.team_id ORDER BY f.code",
	[IC_EMPLOYER] = "SELECT e.ref, s.code, e.name, e.sector FROM employer e "
			"JOIN site s ON s.id = e.site_id ORDER BY e.ref",
	[IC_CLIENT] = "SELECT c.ref, s.code, c.nhs_number, c.given_name, c.family_name, c.birth_date, "
		      "c.postcode, c.gender, c.ethnic_category FROM client c "
		      "JOIN site s ON s.id = c.site_id ORDER BY c.ref",
	[IC_REFERRAL] = "SELECT r.ref, c.ref, t.code, r.received_on, r.source, f.code, r.employment_status, "
			"r.closed_on, r.close_reason FROM referral r JOIN client c ON c.id = r.client_id "
			"JOIN team t ON t.id = r.team_id LEFT JOIN staff f ON f.id = r.specialist_id "
			"ORDER BY r.ref",
	[IC_CONTACT] = "SELECT k.ref, k.date, f.code, k.with_whom, r.ref, e.ref, k.mode, k.place, k.minutes, "
		       "k.attended FROM contact k JOIN staff f ON f.id = k.staff_id "
		       "LEFT JOIN referral r ON r.id = k.referral_id "
		       "LEFT JOIN employer e ON e.id = k.employer_id ORDER BY k.ref",
	[IC_JOB] = "SELECT j.ref, r.ref, e.ref, j.title, j.job_type, j.started_on, j.ended_on, "
		   "j.hours_per_week, j.hourly_wage, j.competitive, j.end_reason FROM job j "
		   "JOIN referral r ON r.id = j.referral_id LEFT JOIN employer e ON e.id = j.employer_id "
		   "ORDER BY j.ref",
};

int store_ic_export(struct store *s, enum ic_kind kind, int (*row)(void *ctx, const char *const *values,
							     size_t n), void *ctx)
{
	sqlite3_stmt *st = db_stmt(s, EXPORT_SQL[kind]);
	if (!st)
		return IPS_EIO;
	const char *values[IC_MAX_COLUMNS];
	int n = sqlite3_column_count(st), rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < n && i < IC_MAX_COLUMNS; i++)
			values[i] = (const char *)sqlite3_column_text(st, i);
		stop = row(ctx, values, (size_t)n);
	}
	if (stop) {
		sqlite3_reset(st);
		return stop;
	}
	return db_finish(s, st, rc);
}

/* ---- loading contacts -------------------------------------------------------------
 *
 * Row by row, a contact costs SQLite far more than its own insert: four secondary
 * indexes, two triggers (each referral's first contacts, and the three contact
 * tallies), and the table's CHECK constraints, whose IN lists SQLite evaluates through
 * a temporary table built afresh for every row. A load sets aside the two AFTER INSERT
 * triggers and does their work in memory instead: it notes, per referral, the earliest
 * of its loaded contacts that count, and per tally row what the loaded contacts add,
 * then writes those few thousand rows at the end, exactly as the triggers would have
 * left them. A large load also drops the secondary indexes (keeping their SQL from the
 * schema) and builds each once from sorted data at the end. Everything is in the
 * caller's transaction: a rollback puts the triggers, indexes and notes' effects back.
 *
 * The notes follow the triggers' SQL, so a change to those triggers must be made here
 * too: tests/store/test_interchange_load.c and tests/cli/interchange.test.mjs check
 * after small and large loads that referral.first_*_on and every tally (the month
 * roll-ups too, which the day tallies' own triggers keep) hold exactly what the views
 * contact_firsts and tally_*_source compute from all the contacts. */

/* The triggers whose work a load does itself, and the indexes it may set aside. */
#define DEFER_TRIGGER_FIRSTS "contact_firsts_insert"
#define DEFER_TRIGGER_TALLY "contact_tally_insert"
#define DEFER_MAX 16

/* The notes are two kinds of open-addressing hash table (linear probing, doubling at
 * half full, on the heap: store_ic_restore frees them), their slots small because a
 * large load looks one up in each for every row. A referral, by id: its team and
 * specialist (read on first use) and the earliest counted contacts among the loaded
 * ones. A tally row, by staff, team or specialist id, day (YYYYMMDD) and mode (index in
 * CODES_MODE, -1 in tally_staff_day): what the loaded contacts add to it. Adding is all
 * a tally note does, so when it is written makes no difference: the tallies' notes are
 * written out and forgotten whenever one of them reaches TALLY_MAX rows, so memory stays
 * bounded at any scale (bench/import.sh's million contacts make 120,000 rows, written
 * once, at the end). The referrals' notes grow with the referrals the contacts name. */
#define TALLY_MAX ((size_t)1 << 18)
struct note_ref {
	int64_t id;                 /* 0: empty slot */
	int64_t team_id, specialist_id;   /* 0: none */
	int32_t first[2];           /* first_direct_on, first_employer_on as YYYYMMDD; 0: none */
};
struct note_tally {
	int64_t who;
	int32_t day;                /* 0: empty slot */
	int32_t mode;
	int64_t n[4];               /* tally_staff_day's four counts, or n[0] alone */
};
struct ref_notes {
	struct note_ref *slot;
	size_t cap, n;
};
struct tally_notes {
	struct note_tally *slot;
	size_t cap, n;
};

struct ic_deferred {
	struct store *s;
	const char *drop[DEFER_MAX], *create[DEFER_MAX];
	size_t ndefer;
	bool indexes;                /* indexes were set aside */
	bool firsts, tallies;        /* which triggers were set aside */
	int cache_size;              /* the connection's, put back after the index builds */
	struct ref_notes refs;
	struct tally_notes staff_day, team_mode, specialist_mode;
};

static int full_tallies(struct ic_deferred *d);

/* MurmurHash3's 64-bit finaliser: every key bit reaches the low bits a table uses. */
static uint64_t mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 33);
}

static uint64_t tally_hash(int64_t who, int32_t day, int32_t mode)
{
	return mix64((uint64_t)who ^ mix64((uint64_t)(uint32_t)day << 8 ^ (uint64_t)(uint32_t)(mode + 1)));
}

static int out_of_memory(struct store *s)
{
	snprintf(s->err, sizeof s->err, "out of memory");
	return IPS_EIO;
}

/* The referral's note, added (empty) when absent; NULL when memory runs out. */
static struct note_ref *ref_note(struct ref_notes *t, int64_t id)
{
	if ((t->n + 1) * 2 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		struct note_ref *slot = calloc(cap, sizeof *slot);
		if (!slot)
			return NULL;
		for (size_t i = 0; i < t->cap; i++) {
			if (!t->slot[i].id)
				continue;
			size_t j = (size_t)mix64((uint64_t)t->slot[i].id) & (cap - 1);
			while (slot[j].id)
				j = (j + 1) & (cap - 1);
			slot[j] = t->slot[i];
		}
		free(t->slot);
		t->slot = slot;
		t->cap = cap;
	}
	size_t j = (size_t)mix64((uint64_t)id) & (t->cap - 1);
	while (t->slot[j].id && t->slot[j].id != id)
		j = (j + 1) & (t->cap - 1);
	return &t->slot[j];
}

/* The tally row's note, added (counts 0) when absent; NULL when memory runs out. */
static struct note_tally *tally_note(struct tally_notes *t, int64_t who, int32_t day, int32_t mode)
{
	if ((t->n + 1) * 2 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		struct note_tally *slot = calloc(cap, sizeof *slot);
		if (!slot)
			return NULL;
		for (size_t i = 0; i < t->cap; i++) {
			if (!t->slot[i].day)
				continue;
			size_t j = (size_t)tally_hash(t->slot[i].who, t->slot[i].day, t->slot[i].mode) & (cap - 1);
			while (slot[j].day)
				j = (j + 1) & (cap - 1);
			slot[j] = t->slot[i];
		}
		free(t->slot);
		t->slot = slot;
		t->cap = cap;
	}
	size_t j = (size_t)tally_hash(who, day, mode) & (t->cap - 1);
	for (;; j = (j + 1) & (t->cap - 1)) {
		struct note_tally *e = &t->slot[j];
		if (!e->day) {
			*e = (struct note_tally){.who = who, .day = day, .mode = mode};
			t->n++;
			return e;
		}
		if (e->who == who && e->day == day && e->mode == mode)
			return e;
	}
}

static int tally_cmp(const void *x, const void *y)
{
	const struct note_tally *a = x, *b = y;
	if (a->who != b->who)
		return a->who < b->who ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	/* CODES_MODE is not in byte order: compare the text, as the primary key does */
	return a->mode == b->mode ? 0 : a->mode < 0 ? -1 : b->mode < 0 ? 1 :
	       strcmp(CODES_MODE[a->mode].code, CODES_MODE[b->mode].code);
}

/* YYYY-MM-DD as YYYYMMDD, or 0 when it is not of that form. */
static int32_t day_pack(const char *d)
{
	int32_t v = 0;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (d[i] != '-')
				return 0;
		} else if (d[i] >= '0' && d[i] <= '9') {
			v = v * 10 + (d[i] - '0');
		} else {
			return 0;
		}
	}
	return d[10] ? 0 : v;
}

/* day_pack undone: the same ten bytes. */
static void day_text(int32_t v, char out[11])
{
	for (int i = 9; i >= 0; i--) {
		if (i == 4 || i == 7) {
			out[i] = '-';
		} else {
			out[i] = (char)('0' + v % 10);
			v /= 10;
		}
	}
	out[10] = '\0';
}

static int exec_sql(struct store *s, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(s->err, sizeof s->err, "%s", msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return IPS_EIO;
	}
	return IPS_OK;
}

int store_ic_defer(struct store *s, struct arena *a, bool indexes, struct ic_deferred **out)
{
	struct ic_deferred *d = arena_alloc(a, sizeof *d);
	d->s = s;
	*out = NULL;
	sqlite3_stmt *st = db_stmt(s,
		"SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'contact' "
		"AND (type = 'index' OR (type = 'trigger' AND name IN ('" DEFER_TRIGGER_FIRSTS "', '"
		DEFER_TRIGGER_TALLY "'))) AND sql IS NOT NULL ORDER BY type, name");
	if (!st)
		return IPS_EIO;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		bool trigger = type && strcmp(type, "trigger") == 0;
		if (!type || !name || strspn(name, "abcdefghijklmnopqrstuvwxyz_") != strlen(name))
			continue;   /* only ipsdesk's own schema objects, whose names are plain */
		if (!trigger && !indexes)
			continue;
		if (d->ndefer == DEFER_MAX) {
			sqlite3_reset(st);
			snprintf(s->err, sizeof s->err, "contact has more than %d indexes and triggers", DEFER_MAX);
			return IPS_EIO;
		}
		d->drop[d->ndefer] = arena_printf(a, "DROP %s %s", trigger ? "TRIGGER" : "INDEX", name);
		d->create[d->ndefer] = db_col_text(a, st, 2);
		d->ndefer++;
		if (!trigger)
			d->indexes = true;
		else if (strcmp(name, DEFER_TRIGGER_FIRSTS) == 0)
			d->firsts = true;
		else
			d->tallies = true;
	}
	if ((rc = db_finish(s, st, rc)) != IPS_OK)
		return rc;
	st = db_stmt(s, "PRAGMA cache_size");
	if (!st)
		return IPS_EIO;
	rc = sqlite3_step(st);
	d->cache_size = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -2000;
	if ((rc = db_finish(s, st, rc)) != IPS_OK)
		return rc;
	for (size_t i = 0; i < d->ndefer; i++)
		if ((rc = exec_sql(s, d->drop[i])) != IPS_OK)
			return rc;
	/* Until store_ic_restore: contact's CHECK constraints are not compiled into the
	 * statements prepared meanwhile (the pragma expires those prepared before). */
	if ((rc = exec_sql(s, "PRAGMA ignore_check_constraints = ON")) != IPS_OK)
		return rc;
	*out = d;
	return IPS_OK;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	/* SQLITE_STATIC: every value outlives the step that reads it, and all are bound
	 * again before the next */
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* The referral's note, with its team and specialist read on first use. */
static int note_referral(struct ic_deferred *d, int64_t id, struct note_ref **out)
{
	struct note_ref *r = ref_note(&d->refs, id);
	*out = r;
	if (!r)
		return out_of_memory(d->s);
	if (r->id)
		return IPS_OK;
	sqlite3_stmt *st = db_stmt(d->s, "SELECT team_id, specialist_id FROM referral WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		r->team_id = db_col_id(st, 0);
		r->specialist_id = db_col_id(st, 1);
	}
	r->id = id;
	d->refs.n++;
	return db_finish(d->s, st, rc);
}

static void keep_earliest(int32_t *first, int32_t day)
{
	if (!*first || day < *first)
		*first = day;
}

/* Notes what contact_firsts_insert and contact_tally_insert would have written for c
 * (the SQL of 001_initial.sql and 011_contact_tallies.sql, in C). day: c->date packed;
 * mode: c->mode's index in CODES_MODE. */
static int note_contact(struct ic_deferred *d, const struct contact *c, int32_t day, int32_t mode)
{
	const bool attended = c->attended != 0;
	const bool with_client = strcmp(c->with, "client") == 0;
	const bool employer_f2f = strcmp(c->with, "employer") == 0 && strcmp(c->mode, "face_to_face") == 0;
	struct note_ref *r = NULL;
	int rc;
	if (c->referral_id && (d->firsts || (d->tallies && with_client && attended)) &&
	    (rc = note_referral(d, c->referral_id, &r)) != IPS_OK)
		return rc;
	if (d->firsts && r && attended) {
		if (with_client && code_mode_is_direct(c->mode))
			keep_earliest(&r->first[0], day);
		else if (employer_f2f)
			keep_earliest(&r->first[1], day);
	}
	if (!d->tallies)
		return IPS_OK;
	struct note_tally *t = tally_note(&d->staff_day, c->staff_id, day, -1);
	if (!t)
		return out_of_memory(d->s);
	const int minutes = c->minutes > 0 ? c->minutes : 0;
	t->n[0]++;
	t->n[1] += attended && employer_f2f;
	t->n[2] += c->place ? minutes : 0;
	t->n[3] += c->place && strcmp(c->place, "community") == 0 ? minutes : 0;
	if (!with_client || !attended || !r)
		return IPS_OK;
	int64_t by[2] = {r->team_id, r->specialist_id};
	struct tally_notes *in[2] = {&d->team_mode, &d->specialist_mode};
	for (int k = 0; k < 2; k++) {
		if (!by[k])
			continue;
		if (!(t = tally_note(in[k], by[k], day, mode)))
			return out_of_memory(d->s);
		t->n[0]++;
	}
	return IPS_OK;
}

/* Asks for the slots note_contact looks at first (the referral's, the staff member's
 * day) before the insert, so that they are on their way from memory while SQLite
 * works: in a large load each is a cache miss. A hint only. */
static void note_prefetch(const struct ic_deferred *d, const struct contact *c, int32_t day)
{
	if (d->refs.cap && c->referral_id)
		__builtin_prefetch(&d->refs.slot[mix64((uint64_t)c->referral_id) & (d->refs.cap - 1)]);
	if (d->staff_day.cap)
		__builtin_prefetch(&d->staff_day.slot[tally_hash(c->staff_id, day, -1) & (d->staff_day.cap - 1)]);
}

int store_ic_contact_insert(struct ic_deferred *d, const struct contact *in, const char *now, int64_t *id)
{
	struct store *s = d->s;
	int32_t day = in->date ? day_pack(in->date) : 0, mode = -1;
	for (int i = 0; in->mode && CODES_MODE[i].code && mode < 0; i++)
		if (strcmp(in->mode, CODES_MODE[i].code) == 0)
			mode = i;
	if (!in->ref || !day || !in->with || mode < 0) {
		/* the importer's rules let nothing else through */
		snprintf(s->err, sizeof s->err, "a contact without a ref, a date YYYY-MM-DD or a known mode");
		return IPS_EINVAL;
	}
	sqlite3_stmt *st = db_stmt(s,
		"INSERT INTO contact(ref, date, staff_id, with_whom, referral_id, employer_id, mode, "
		"place, minutes, attended, note, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
	if (!st)
		return IPS_EIO;
	bind_text(st, 1, in->ref);
	bind_text(st, 2, in->date);
	sqlite3_bind_int64(st, 3, in->staff_id);
	bind_text(st, 4, in->with);
	db_bind_id(st, 5, in->referral_id);
	db_bind_id(st, 6, in->employer_id);
	bind_text(st, 7, in->mode);
	bind_text(st, 8, in->place);
	db_bind_opt_int(st, 9, in->minutes);
	sqlite3_bind_int(st, 10, in->attended);
	bind_text(st, 11, in->note);
	bind_text(st, 12, now);
	note_prefetch(d, in, day);
	int rc = sqlite3_step(st);
	rc = rc == SQLITE_DONE ? IPS_OK : db_error(s, rc);
	sqlite3_reset(st);
	if (rc != IPS_OK)
		return rc;
	if (id)
		*id = sqlite3_last_insert_rowid(s->db);
	rc = note_contact(d, in, day, mode);
	return rc == IPS_OK ? full_tallies(d) : rc;
}

/* Writes the referrals' notes: each referral's earliest counted contacts, where earlier
 * than its own. */
static int write_firsts(struct ic_deferred *d)
{
	struct store *s = d->s;
	int rc = IPS_OK;
	char day[2][11];
	if (!d->firsts || !d->refs.n)
		return IPS_OK;
	sqlite3_stmt *st = db_stmt(s,
		"UPDATE referral SET "
		"first_direct_on = CASE WHEN ?2 IS NOT NULL AND (first_direct_on IS NULL OR ?2 < first_direct_on) "
		"THEN ?2 ELSE first_direct_on END, "
		"first_employer_on = CASE WHEN ?3 IS NOT NULL AND (first_employer_on IS NULL OR ?3 < first_employer_on) "
		"THEN ?3 ELSE first_employer_on END WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	for (size_t i = 0; i < d->refs.cap && rc == IPS_OK; i++) {
		const struct note_ref *r = &d->refs.slot[i];
		if (!r->id || (!r->first[0] && !r->first[1]))
			continue;
		sqlite3_bind_int64(st, 1, r->id);
		for (int k = 0; k < 2; k++) {
			day_text(r->first[k], day[k]);
			bind_text(st, 2 + k, r->first[k] ? day[k] : NULL);
		}
		rc = db_done(s, st);
	}
	return rc;
}

/* Adds a tally's notes to its rows, in the order of its primary key so that the writes
 * walk the table once (the day tallies' own triggers roll them up into the months), and
 * empties the notes. */
static int write_tally(struct ic_deferred *d, struct tally_notes *t)
{
	static const char *const sql[3] = {
		"INSERT INTO tally_staff_day(staff_id, day, contacts, employer_f2f, minutes_all, minutes_community) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO UPDATE SET contacts = contacts + excluded.contacts, "
		"employer_f2f = employer_f2f + excluded.employer_f2f, minutes_all = minutes_all + excluded.minutes_all, "
		"minutes_community = minutes_community + excluded.minutes_community",
		"INSERT INTO tally_team_mode(team_id, day, mode, n) VALUES (?1, ?2, ?3, ?4) "
		"ON CONFLICT DO UPDATE SET n = n + excluded.n",
		"INSERT INTO tally_specialist_mode(specialist_id, day, mode, n) VALUES (?1, ?2, ?3, ?4) "
		"ON CONFLICT DO UPDATE SET n = n + excluded.n",
	};
	const int which = t == &d->staff_day ? 0 : t == &d->team_mode ? 1 : 2;
	size_t n = 0;
	for (size_t i = 0; i < t->cap; i++)
		if (t->slot[i].day)
			t->slot[n++] = t->slot[i];
	if (n)
		qsort(t->slot, n, sizeof *t->slot, tally_cmp);
	sqlite3_stmt *st = n ? db_stmt(d->s, sql[which]) : NULL;
	int rc = n && !st ? IPS_EIO : IPS_OK;
	char day[11];
	for (size_t i = 0; i < n && rc == IPS_OK; i++) {
		const struct note_tally *e = &t->slot[i];
		sqlite3_bind_int64(st, 1, e->who);
		day_text(e->day, day);
		bind_text(st, 2, day);
		if (which == 0) {
			for (int k = 0; k < 4; k++)
				sqlite3_bind_int64(st, 3 + k, e->n[k]);
		} else {
			bind_text(st, 3, CODES_MODE[e->mode].code);
			sqlite3_bind_int64(st, 4, e->n[0]);
		}
		rc = db_done(d->s, st);
	}
	if (t->slot)
		memset(t->slot, 0, t->cap * sizeof *t->slot);
	t->n = 0;
	return rc;
}

/* Writes out any tally's notes that have reached TALLY_MAX rows (during a load: the
 * tallies have no CHECK constraints to miss). */
static int full_tallies(struct ic_deferred *d)
{
	struct tally_notes *t[3] = {&d->staff_day, &d->team_mode, &d->specialist_mode};
	int rc = IPS_OK;
	for (int k = 0; k < 3 && rc == IPS_OK; k++)
		if (t[k]->n >= TALLY_MAX)
			rc = write_tally(d, t[k]);
	return rc;
}

static void notes_free(struct ic_deferred *d)
{
	free(d->refs.slot);
	free(d->staff_day.slot);
	free(d->team_mode.slot);
	free(d->specialist_mode.slot);
	memset(&d->refs, 0, sizeof d->refs);
	memset(&d->staff_day, 0, sizeof d->staff_day);
	memset(&d->team_mode, 0, sizeof d->team_mode);
	memset(&d->specialist_mode, 0, sizeof d->specialist_mode);
}

int store_ic_restore(struct ic_deferred *d, bool keep)
{
	if (!d)
		return IPS_OK;
	struct store *s = d->s;
	int rc = exec_sql(s, "PRAGMA ignore_check_constraints = OFF");
	if (rc == IPS_OK && keep)
		rc = write_firsts(d);
	for (int k = 0; k < 3 && rc == IPS_OK && keep && d->tallies; k++)
		rc = write_tally(d, k == 0 ? &d->staff_day : k == 1 ? &d->team_mode : &d->specialist_mode);
	notes_free(d);
	if (rc != IPS_OK || !keep)
		return rc;
	/* An index is built by sorting its keys, in runs of at most the page cache's size
	 * (with temp_store = FILE: store_bulk). Sorting a million keys in one run costs far
	 * more in cache misses than sorting runs of 2 MiB and merging them, so the cache is
	 * kept small while the indexes are built (measured: BENCHMARKS.md, "Import"). */
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", d->cache_size);
	if (d->indexes)
		rc = exec_sql(s, "PRAGMA cache_size = -2048");
	for (size_t i = 0; i < d->ndefer && rc == IPS_OK; i++)
		rc = exec_sql(s, d->create[i]);
	if (rc == IPS_OK && d->indexes)
		rc = exec_sql(s, sql);
	return rc;
}

int store_ic_count(struct store *s, enum ic_kind kind, int64_t *n)
{
	static const char *const sql[IC_NKINDS] = {
		[IC_SITE] = "SELECT count(*) FROM site", [IC_TEAM] = "SELECT count(*) FROM team",
		[IC_STAFF] = "SELECT count(*) FROM staff", [IC_EMPLOYER] = "SELECT count(*) FROM employer",
		[IC_CLIENT] = "SELECT count(*) FROM client", [IC_REFERRAL] = "SELECT count(*) FROM referral",
		[IC_CONTACT] = "SELECT count(*) FROM contact", [IC_JOB] = "SELECT count(*) FROM job",
	};
	sqlite3_stmt *st = db_stmt(s, sql[kind]);
	if (!st)
		return IPS_EIO;
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	return db_finish(s, st, rc);
}
