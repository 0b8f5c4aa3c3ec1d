-- 005_support.sql — keeping work (issue 3): a person's job-search pipeline and the
-- in-work support schedule of each job (core/support.c makes its windows).
-- Forward-only: never edit a shipped file, add a new NNN_*.sql instead.

-- One step of a person's job search: a vacancy applied for, or a speculative approach
-- to an employer, moved on through its stages; started links it to the job it became.
CREATE TABLE application (
	id             INTEGER PRIMARY KEY,
	referral_id    INTEGER NOT NULL REFERENCES referral(id),
	vacancy_id     INTEGER REFERENCES vacancy(id),
	employer_id    INTEGER REFERENCES employer(id),
	title          TEXT NOT NULL CHECK (length(title) >= 1),
	kind           TEXT NOT NULL CHECK (kind IN ('vacancy', 'speculative')),
	identified_on  TEXT NOT NULL,
	applied_on     TEXT CHECK (applied_on IS NULL OR applied_on >= identified_on),
	interview_on   TEXT CHECK (interview_on IS NULL OR interview_on >= coalesce(applied_on, identified_on)),
	offer_on       TEXT CHECK (offer_on IS NULL OR offer_on >= coalesce(interview_on, applied_on, identified_on)),
	outcome        TEXT CHECK (outcome IN ('started', 'not_successful')),
	outcome_on     TEXT CHECK ((outcome IS NULL) = (outcome_on IS NULL)),
	job_id         INTEGER REFERENCES job(id),
	note           TEXT,
	created_by     INTEGER REFERENCES staff(id),
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL,
	CHECK (outcome_on IS NULL OR outcome_on >= coalesce(offer_on, interview_on, applied_on, identified_on)),
	CHECK (job_id IS NULL OR outcome = 'started')
) STRICT;
CREATE INDEX application_referral ON application(referral_id, identified_on);
CREATE INDEX application_vacancy ON application(vacancy_id);

-- An in-work support contact due for a job, in a window of days (both included).
-- open until a contact meets it (met, contact_id set), its window passes before one
-- does (missed), or the job ends first (cancelled).
CREATE TABLE support_item (
	id           INTEGER PRIMARY KEY,
	job_id       INTEGER NOT NULL REFERENCES job(id),
	kind         TEXT NOT NULL CHECK (kind IN ('before_start', 'after_start', 'weekly', 'monthly', 'job_loss')),
	seq          INTEGER NOT NULL DEFAULT 0 CHECK (seq >= 0),
	window_from  TEXT NOT NULL,
	window_to    TEXT NOT NULL CHECK (window_to >= window_from),
	status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'met', 'missed', 'cancelled')),
	contact_id   INTEGER REFERENCES contact(id),
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	CHECK ((status = 'met') = (contact_id IS NOT NULL))
) STRICT;
CREATE INDEX support_item_job ON support_item(job_id, window_to);
-- The due and overdue lists: open items by the start of their window.
CREATE INDEX support_item_open ON support_item(status, window_from) WHERE status = 'open';
CREATE UNIQUE INDEX support_item_contact ON support_item(contact_id) WHERE contact_id IS NOT NULL;
