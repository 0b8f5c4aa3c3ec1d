-- 006_benefits.sql — benefits and preparation for work (issue 3): benefits advice given
-- to a person, the dated rates the better-off-in-work calculator uses, and the person's CV.
-- Forward-only: never edit a shipped file, add a new NNN_*.sql instead.

-- Benefits (work incentives) advice given to a person (DOMAIN.md, IPS principle 4):
-- before a job starts and whenever hours or pay change. A job started with no advice
-- dated on or before its start is shown as missing advice.
CREATE TABLE benefits_advice (
	id         INTEGER PRIMARY KEY,
	client_id  INTEGER NOT NULL REFERENCES client(id),
	date       TEXT NOT NULL CHECK (length(date) = 10),
	staff_id   INTEGER NOT NULL REFERENCES staff(id),
	covered    TEXT NOT NULL CHECK (length(covered) >= 1),   -- what was covered
	follow_up  TEXT,                                         -- what happens next, if anything
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX benefits_advice_client ON benefits_advice(client_id, date);

-- The rates the better-off-in-work calculator uses, one row per April they start from.
-- Rates change every April: an admin adds the new year's row (/admin/benefit-rates);
-- older rows are kept and a calculation uses the row in force on its date. Money in
-- pence; percentages in hundredths of a percent (5500 = 55%); hours in hundredths.
CREATE TABLE benefit_rates (
	id                        INTEGER PRIMARY KEY,
	applies_from              TEXT NOT NULL UNIQUE CHECK (length(applies_from) = 10),
	source                    TEXT NOT NULL CHECK (length(source) >= 1),   -- titles and URLs of the GOV.UK pages
	uc_taper_bp               INTEGER NOT NULL CHECK (uc_taper_bp BETWEEN 0 AND 10000),
	uc_wa_housing_monthly     INTEGER NOT NULL CHECK (uc_wa_housing_monthly >= 0),
	uc_wa_no_housing_monthly  INTEGER NOT NULL CHECK (uc_wa_no_housing_monthly >= 0),
	esa_pw_weekly_limit       INTEGER NOT NULL CHECK (esa_pw_weekly_limit >= 0),
	esa_pw_hours_limit        INTEGER NOT NULL CHECK (esa_pw_hours_limit BETWEEN 0 AND 16800),  -- work must be under this
	tax_personal_allowance    INTEGER NOT NULL CHECK (tax_personal_allowance >= 0),            -- a year
	tax_basic_rate_bp         INTEGER NOT NULL CHECK (tax_basic_rate_bp BETWEEN 0 AND 10000),
	ni_primary_threshold      INTEGER NOT NULL CHECK (ni_primary_threshold >= 0),              -- a year
	ni_rate_bp                INTEGER NOT NULL CHECK (ni_rate_bp BETWEEN 0 AND 10000),
	created_by                INTEGER REFERENCES staff(id),                                    -- NULL: shipped
	created_at                TEXT NOT NULL
) STRICT;

-- 2025 to 2026, from the start of the tax year (benefit rates change in the same week).
INSERT INTO benefit_rates(applies_from, source, uc_taper_bp, uc_wa_housing_monthly,
	uc_wa_no_housing_monthly, esa_pw_weekly_limit, esa_pw_hours_limit, tax_personal_allowance,
	tax_basic_rate_bp, ni_primary_threshold, ni_rate_bp, created_by, created_at)
VALUES ('2025-04-06',
	'GOV.UK "Benefit and pension rates 2025 to 2026" (https://www.gov.uk/government/publications/benefit-and-pension-rates-2025-to-2026); '
	|| 'GOV.UK "Universal Credit: work allowance" (https://www.gov.uk/universal-credit/how-your-wages-affect-your-payments); '
	|| 'GOV.UK "Employment and Support Allowance: permitted work" (https://www.gov.uk/employment-support-allowance/working-while-you-claim); '
	|| 'GOV.UK "Rates and thresholds for employers 2025 to 2026" (https://www.gov.uk/guidance/rates-and-thresholds-for-employers-2025-to-2026)',
	5500, 41100, 68400, 19550, 1600, 1257000, 2000, 1257000, 800, NULL, '2025-04-06T00:00:00Z');

-- A person's CV, built from the vocational profile and their jobs and edited before
-- printing: one per person. It goes to employers, so it never holds clinical detail.
CREATE TABLE cv (
	client_id       INTEGER PRIMARY KEY REFERENCES client(id),
	statement       TEXT,
	skills          TEXT,
	work_history    TEXT,   -- entries separated by a blank line
	education       TEXT,
	interests       TEXT,
	references_note TEXT,
	updated_by      INTEGER REFERENCES staff(id),
	updated_at      TEXT NOT NULL
) STRICT;
