-- 001_initial.sql — every entity of spec/interchange.md (sites, teams, staff and their
-- sign-in accounts, employers, clients, referrals, contacts, jobs), with the web-only
-- detail (vocational profile, consent, timeline), sessions, sign-in throttling and the
-- audit chain. Code lists are CHECK constraints; amounts are exact integers
-- (hours and FTE in hundredths, wages in pence). Forward-only: never edit a shipped file,
-- add a new NNN_*.sql instead.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

CREATE TABLE site (
	id   INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
	name TEXT NOT NULL CHECK (length(name) >= 1)
) STRICT;

CREATE TABLE team (
	id        INTEGER PRIMARY KEY,
	code      TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
	site_id   INTEGER NOT NULL REFERENCES site(id),
	name      TEXT NOT NULL CHECK (length(name) >= 1),
	team_type TEXT NOT NULL DEFAULT 'D05'
) STRICT;
CREATE INDEX team_site ON team(site_id);

CREATE TABLE staff (
	id      INTEGER PRIMARY KEY,
	code    TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
	team_id INTEGER REFERENCES team(id),
	name    TEXT NOT NULL CHECK (length(name) >= 1),
	role    TEXT NOT NULL CHECK (role IN ('specialist', 'team_leader', 'clinician', 'admin',
	                                      'auditor', 'reviewer', 'commissioner')),
	fte     INTEGER NOT NULL DEFAULT 100 CHECK (fte > 0 AND fte <= 100),   -- hundredths
	CHECK (team_id IS NOT NULL OR role NOT IN ('specialist', 'team_leader', 'clinician'))
) STRICT;
CREATE INDEX staff_team ON staff(team_id, role);

CREATE TABLE account (
	id                  INTEGER PRIMARY KEY,
	staff_id            INTEGER NOT NULL UNIQUE REFERENCES staff(id),
	username            TEXT NOT NULL UNIQUE COLLATE NOCASE
	                    CHECK (length(username) BETWEEN 2 AND 64),
	password_hash       TEXT NOT NULL,
	disabled            INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	created_at          TEXT NOT NULL,
	password_changed_at TEXT NOT NULL
) STRICT;

CREATE TABLE employer (
	id       INTEGER PRIMARY KEY,
	ref      TEXT NOT NULL UNIQUE CHECK (length(ref) BETWEEN 1 AND 64),
	site_id  INTEGER NOT NULL REFERENCES site(id),
	name     TEXT NOT NULL CHECK (length(name) >= 1),
	sector   TEXT,
	address  TEXT,
	postcode TEXT,
	notes    TEXT
) STRICT;
CREATE INDEX employer_site ON employer(site_id, name);

CREATE TABLE client (
	id               INTEGER PRIMARY KEY,
	ref              TEXT NOT NULL UNIQUE CHECK (length(ref) BETWEEN 1 AND 64),
	site_id          INTEGER NOT NULL REFERENCES site(id),
	nhs_number       TEXT CHECK (nhs_number IS NULL OR
	                             (length(nhs_number) = 10 AND nhs_number NOT GLOB '*[^0-9]*')),
	given_name       TEXT NOT NULL CHECK (length(given_name) >= 1),
	family_name      TEXT NOT NULL CHECK (length(family_name) >= 1),
	birth_date       TEXT CHECK (birth_date IS NULL OR
	                             birth_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	postcode         TEXT,
	gender           TEXT CHECK (gender IN ('1', '2', '3', '4', 'X', 'Z')),
	ethnic_category  TEXT CHECK (ethnic_category IN ('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J',
	                             'K', 'L', 'M', 'N', 'P', 'R', 'S', 'Z', '99')),
	-- detail the web interface keeps beyond the interchange columns
	phone            TEXT,
	email            TEXT,
	address          TEXT,
	care_coordinator TEXT,
	consent_on       TEXT,
	consent_contact_employers INTEGER CHECK (consent_contact_employers IN (0, 1)),
	consent_note     TEXT,
	created_at       TEXT NOT NULL,
	updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX client_site ON client(site_id);
CREATE INDEX client_nhs_number ON client(nhs_number) WHERE nhs_number IS NOT NULL;
CREATE INDEX client_name_birth ON client(family_name COLLATE NOCASE, given_name COLLATE NOCASE, birth_date);

-- The vocational profile (DOMAIN.md principle 8: preferences drive the search).
CREATE TABLE client_profile (
	client_id      INTEGER PRIMARY KEY REFERENCES client(id),
	work_history   TEXT,
	job_types      TEXT,     -- preferred kinds of work, in the person's words
	hours_min      INTEGER CHECK (hours_min IS NULL OR hours_min BETWEEN 0 AND 80),
	hours_max      INTEGER CHECK (hours_max IS NULL OR hours_max BETWEEN 0 AND 80),
	places         TEXT,     -- where they would like to work
	travel_miles   INTEGER CHECK (travel_miles IS NULL OR travel_miles BETWEEN 0 AND 200),
	travel_means   TEXT,
	disclosure     TEXT CHECK (disclosure IN ('yes_open', 'yes_selective', 'no', 'undecided')),
	strengths      TEXT,
	support_needs  TEXT,
	career_goals   TEXT,
	updated_at     TEXT NOT NULL,
	CHECK (hours_min IS NULL OR hours_max IS NULL OR hours_min <= hours_max)
) STRICT;

CREATE TABLE referral (
	id                INTEGER PRIMARY KEY,
	ref               TEXT NOT NULL UNIQUE CHECK (length(ref) BETWEEN 1 AND 64),
	client_id         INTEGER NOT NULL REFERENCES client(id),
	team_id           INTEGER NOT NULL REFERENCES team(id),
	received_on       TEXT NOT NULL,
	source            TEXT NOT NULL CHECK (source IN ('gp', 'mental_health_professional', 'self', 'other')),
	specialist_id     INTEGER REFERENCES staff(id),
	employment_status TEXT NOT NULL DEFAULT 'ZZ'
	                  CHECK (employment_status IN ('01', '02', '03', '04', '05', '06', '07', '08', 'ZZ')),
	closed_on         TEXT CHECK (closed_on IS NULL OR closed_on >= received_on),
	close_reason      TEXT CHECK (close_reason IN ('person_choice', 'moved_away', 'lost_contact',
	                                               'sustained_work', 'other')),
	allocated_on      TEXT,
	referrer_name     TEXT,
	referrer_contact  TEXT,
	reason            TEXT,     -- what the person hopes for, in the referrer's words
	next_step         TEXT,
	possible_duplicate INTEGER NOT NULL DEFAULT 0 CHECK (possible_duplicate IN (0, 1)),
	-- kept by the contact triggers below (spec/outcomes.md first_direct, first_employer)
	first_direct_on   TEXT,
	first_employer_on TEXT,
	created_at        TEXT NOT NULL,
	updated_at        TEXT NOT NULL,
	CHECK ((closed_on IS NULL) = (close_reason IS NULL))
) STRICT;
CREATE INDEX referral_client ON referral(client_id);
CREATE INDEX referral_team_open ON referral(team_id, closed_on);
CREATE INDEX referral_specialist ON referral(specialist_id, closed_on);

CREATE TABLE contact (
	id           INTEGER PRIMARY KEY,
	ref          TEXT NOT NULL UNIQUE CHECK (length(ref) BETWEEN 1 AND 64),
	date         TEXT NOT NULL,
	staff_id     INTEGER NOT NULL REFERENCES staff(id),
	with_whom    TEXT NOT NULL CHECK (with_whom IN ('client', 'employer', 'clinical_team', 'family')),
	referral_id  INTEGER REFERENCES referral(id),
	employer_id  INTEGER REFERENCES employer(id),
	mode         TEXT NOT NULL CHECK (mode IN ('face_to_face', 'phone', 'video', 'text', 'email', 'letter')),
	place        TEXT CHECK (place IN ('community', 'office')),
	minutes      INTEGER CHECK (minutes BETWEEN 0 AND 1440),
	attended     INTEGER NOT NULL DEFAULT 1 CHECK (attended IN (0, 1)),
	note         TEXT,
	created_at   TEXT NOT NULL,
	CHECK (with_whom <> 'client' OR referral_id IS NOT NULL),
	CHECK (with_whom <> 'employer' OR employer_id IS NOT NULL),
	CHECK (employer_id IS NULL OR with_whom = 'employer'),
	CHECK (mode <> 'face_to_face' OR place IS NOT NULL)
) STRICT;
CREATE INDEX contact_referral ON contact(referral_id, date);
CREATE INDEX contact_staff ON contact(staff_id, date);
CREATE INDEX contact_employer ON contact(employer_id, date);
-- Covers the outcome report's contact counts (by mode, and the staff measures) so a
-- period's contacts are read from the index alone, in date order.
CREATE INDEX contact_date ON contact(date, staff_id, referral_id, with_whom, mode, attended, place, minutes);

-- referral.first_direct_on: the earliest direct contact (with the person, attended,
-- face to face, phone or video: MHSDS); referral.first_employer_on: the earliest
-- attended face-to-face employer contact on the person's behalf. Kept here so that
-- reports over millions of contacts need not search them for every referral.
CREATE TRIGGER contact_firsts_insert AFTER INSERT ON contact
WHEN NEW.referral_id IS NOT NULL AND NEW.attended = 1 AND
     ((NEW.with_whom = 'client' AND NEW.mode IN ('face_to_face', 'phone', 'video')) OR
      (NEW.with_whom = 'employer' AND NEW.mode = 'face_to_face'))
BEGIN
	UPDATE referral SET
		first_direct_on = CASE WHEN NEW.with_whom = 'client' AND
			(first_direct_on IS NULL OR NEW.date < first_direct_on) THEN NEW.date ELSE first_direct_on END,
		first_employer_on = CASE WHEN NEW.with_whom = 'employer' AND
			(first_employer_on IS NULL OR NEW.date < first_employer_on) THEN NEW.date ELSE first_employer_on END
	WHERE id = NEW.referral_id;
END;
-- The same two dates for every referral at once, for rebuilding them after a bulk load.
CREATE VIEW contact_firsts AS
SELECT referral_id,
	min(CASE WHEN with_whom = 'client' AND attended = 1 AND mode IN ('face_to_face', 'phone', 'video')
	    THEN date END) AS first_direct_on,
	min(CASE WHEN with_whom = 'employer' AND attended = 1 AND mode = 'face_to_face'
	    THEN date END) AS first_employer_on
FROM contact WHERE referral_id IS NOT NULL GROUP BY referral_id;
CREATE TRIGGER contact_firsts_delete AFTER DELETE ON contact WHEN OLD.referral_id IS NOT NULL
BEGIN
	UPDATE referral SET
		first_direct_on = (SELECT min(date) FROM contact WHERE referral_id = OLD.referral_id AND
			with_whom = 'client' AND attended = 1 AND mode IN ('face_to_face', 'phone', 'video')),
		first_employer_on = (SELECT min(date) FROM contact WHERE referral_id = OLD.referral_id AND
			with_whom = 'employer' AND attended = 1 AND mode = 'face_to_face')
	WHERE id = OLD.referral_id;
END;
CREATE TRIGGER contact_firsts_update AFTER UPDATE OF date, referral_id, with_whom, mode, attended ON contact
BEGIN
	UPDATE referral SET
		first_direct_on = (SELECT min(date) FROM contact WHERE referral_id = referral.id AND
			with_whom = 'client' AND attended = 1 AND mode IN ('face_to_face', 'phone', 'video')),
		first_employer_on = (SELECT min(date) FROM contact WHERE referral_id = referral.id AND
			with_whom = 'employer' AND attended = 1 AND mode = 'face_to_face')
	WHERE id IN (OLD.referral_id, NEW.referral_id);
END;

CREATE TABLE job (
	id             INTEGER PRIMARY KEY,
	ref            TEXT NOT NULL UNIQUE CHECK (length(ref) BETWEEN 1 AND 64),
	referral_id    INTEGER NOT NULL REFERENCES referral(id),
	employer_id    INTEGER REFERENCES employer(id),
	title          TEXT NOT NULL CHECK (length(title) >= 1),
	job_type       TEXT CHECK (job_type IS NULL OR job_type GLOB '[0-9][0-9][0-9][0-9]'),
	started_on     TEXT NOT NULL,
	ended_on       TEXT CHECK (ended_on IS NULL OR ended_on >= started_on),
	hours_per_week INTEGER NOT NULL CHECK (hours_per_week > 0 AND hours_per_week <= 8000), -- hundredths
	hourly_wage    INTEGER CHECK (hourly_wage IS NULL OR hourly_wage >= 0),                 -- pence
	competitive    INTEGER NOT NULL DEFAULT 1 CHECK (competitive IN (0, 1)),
	end_reason     TEXT,
	created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX job_referral ON job(referral_id, started_on);

-- A team leader handing a whole caseload from one specialist to another.
CREATE TABLE handover (
	id         INTEGER PRIMARY KEY,
	from_staff INTEGER NOT NULL REFERENCES staff(id),
	to_staff   INTEGER NOT NULL REFERENCES staff(id),
	people     INTEGER NOT NULL,
	note       TEXT NOT NULL,
	by_account INTEGER NOT NULL REFERENCES account(id),
	at         TEXT NOT NULL
) STRICT;

-- What happened to a person, in words, for their timeline. Holds personal detail, so
-- erasure purges it; the audit log holds only field names and stays whole.
CREATE TABLE client_event (
	id          INTEGER PRIMARY KEY,
	client_id   INTEGER NOT NULL REFERENCES client(id),
	referral_id INTEGER REFERENCES referral(id),
	on_date     TEXT NOT NULL,
	at          TEXT NOT NULL,
	kind        TEXT NOT NULL,
	summary     TEXT NOT NULL,
	account_id  INTEGER REFERENCES account(id)
) STRICT;
CREATE INDEX client_event_client ON client_event(client_id, on_date);

-- Sessions survive a restart; only a hash of the token is kept.
CREATE TABLE session (
	token_hash BLOB PRIMARY KEY,
	account_id INTEGER REFERENCES account(id),   -- NULL: anonymous (public forms)
	csrf       TEXT NOT NULL,
	created_at INTEGER NOT NULL,                 -- Unix seconds
	last_seen  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX session_last_seen ON session(last_seen);

CREATE TABLE throttle (
	key          TEXT PRIMARY KEY,               -- 'signin-account:NAME', 'signin-addr:IP', 'refer:IP'
	count        INTEGER NOT NULL,
	window_start INTEGER NOT NULL,
	locked_until INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;

-- The audit log: append-only keyed hash chain (see store/audit.c). Never values,
-- only the names of the fields changed.
CREATE TABLE audit (
	seq        INTEGER PRIMARY KEY,
	at         TEXT NOT NULL,
	account_id INTEGER,
	actor      TEXT NOT NULL,
	action     TEXT NOT NULL,
	entity     TEXT NOT NULL,
	entity_id  INTEGER,
	request_id TEXT NOT NULL,
	fields     TEXT NOT NULL DEFAULT '',
	hash       BLOB NOT NULL
) STRICT;
CREATE INDEX audit_entity ON audit(entity, entity_id);
CREATE INDEX audit_account ON audit(account_id, seq);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
