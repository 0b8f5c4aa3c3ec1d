-- 004_vacancies.sql — job search (issue 3): vacancies at employers, searched with FTS5,
-- and the preferences in the vocational profile that matching ranks them by.
-- Forward-only: never edit a shipped file, add a new NNN_*.sql instead.

-- An open job at an employer, found by a specialist or sent in by the employer.
-- Hours in hundredths a week, pay in pence an hour (as job). conditions: a
-- comma-separated list of core/matching.h condition codes (nights, weekends, ...) the
-- job involves. job_type_title: the SOC 2020 title of job_type when it was saved, kept
-- so that full-text search finds "care worker" under 6135 without a SOC table in SQL.
CREATE TABLE vacancy (
	id             INTEGER PRIMARY KEY,
	site_id        INTEGER NOT NULL REFERENCES site(id),
	employer_id    INTEGER NOT NULL REFERENCES employer(id),
	title          TEXT NOT NULL CHECK (length(title) >= 1),
	job_type       TEXT CHECK (job_type IS NULL OR job_type GLOB '[0-9][0-9][0-9][0-9]'),
	job_type_title TEXT,
	hours_min      INTEGER CHECK (hours_min IS NULL OR hours_min BETWEEN 0 AND 8000),
	hours_max      INTEGER CHECK (hours_max IS NULL OR hours_max BETWEEN 0 AND 8000),
	hourly_pay     INTEGER CHECK (hourly_pay IS NULL OR hourly_pay >= 0),
	postcode       TEXT,
	closing_on     TEXT,
	source         TEXT,
	status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'filled', 'closed', 'withdrawn')),
	description    TEXT,
	conditions     TEXT,
	created_by     INTEGER REFERENCES staff(id),
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL,
	CHECK (hours_min IS NULL OR hours_max IS NULL OR hours_min <= hours_max)
) STRICT;
-- The site's open vacancies not yet closed: the list and matching both start here.
CREATE INDEX vacancy_site_open ON vacancy(site_id, status, closing_on);
CREATE INDEX vacancy_employer ON vacancy(employer_id, status);

-- Full-text search over the title, description, employer's name and job type title.
-- External content (the view below), so the text is stored once, in vacancy and
-- employer. store/vacancies.c keeps the index in step in the same transaction as every
-- write (a vacancy added or changed, an employer renamed): triggers cannot, because
-- ipsdesk runs with trusted_schema off and SQLite (3.40) counts an FTS5 table written
-- from a trigger as an unsafe use. 'rebuild' remakes it from the view at any time.
-- unicode61 (diacritics folded) with prefix indexes of 2 and 3 characters: people
-- search by the start of words ("bak" finds Baker and Bakery), queries of one or two
-- letters still work, ranking by bm25 is by word, and the index is a third of a
-- trigram one's size; substrings inside words ("keeper" in "housekeeper") are not
-- needed for job titles.
CREATE VIEW vacancy_text AS
	SELECT v.id AS id, v.title AS title, v.description AS description, e.name AS employer,
	       v.job_type_title AS job_type_title
	FROM vacancy v JOIN employer e ON e.id = v.employer_id;
CREATE VIRTUAL TABLE vacancy_fts USING fts5(
	title, description, employer, job_type_title,
	content = 'vacancy_text', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

-- What matching needs from the vocational profile (core/matching.h). job_type_codes:
-- comma-separated SOC 2020 unit groups (4 digits); pay_min: pence an hour; avoid:
-- comma-separated condition codes the person wants to avoid. The free-text job_types
-- stays: it is the person's own words.
ALTER TABLE client_profile ADD COLUMN job_type_codes TEXT;
ALTER TABLE client_profile ADD COLUMN pay_min INTEGER CHECK (pay_min IS NULL OR pay_min BETWEEN 0 AND 20000);
ALTER TABLE client_profile ADD COLUMN avoid TEXT;
