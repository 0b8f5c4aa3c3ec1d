-- 011_contact_tallies.sql — the outcome report's contact figures (spec/outcomes.md
-- contacts_by_mode and the two staff measures) tallied as contacts are written, so that a
-- report reads a few thousand tally rows instead of scanning millions of contacts (issue 4,
-- BENCHMARKS.md "Outcome report at national scale"); and, at the end, the indexes a
-- narrower report finds its people by. Forward-only: never edit a shipped
-- file, add a new NNN_*.sql instead. Nothing writes these tables but the triggers here
-- and an import's load of contacts, which adds up in memory what these triggers would
-- have written and writes it once (store/interchange.c): they are derived from contact and
-- referral, never a source of truth. Rows whose counts fall to zero are deleted.

-- Attended contacts with the person, by their referral's team, the day and the mode:
-- contacts_by_mode for the whole service, a site or a team (a referral is in a site's
-- scope through its team, read at report time).
CREATE TABLE tally_team_mode (
	team_id INTEGER NOT NULL,
	day     TEXT NOT NULL,
	mode    TEXT NOT NULL,
	n       INTEGER NOT NULL,
	PRIMARY KEY (team_id, day, mode)
) STRICT, WITHOUT ROWID;

-- The same by the referral's specialist: a specialist's own figures.
CREATE TABLE tally_specialist_mode (
	specialist_id INTEGER NOT NULL,
	day           TEXT NOT NULL,
	mode          TEXT NOT NULL,
	n             INTEGER NOT NULL,
	PRIMARY KEY (specialist_id, day, mode)
) STRICT, WITHOUT ROWID;

-- Every contact by the staff member who recorded it and the day: whether they were
-- active, their attended face-to-face employer contacts, and their minutes (all, and in
-- the community) where the place is recorded.
CREATE TABLE tally_staff_day (
	staff_id          INTEGER NOT NULL,
	day               TEXT NOT NULL,
	contacts          INTEGER NOT NULL,
	employer_f2f      INTEGER NOT NULL,
	minutes_all       INTEGER NOT NULL,
	minutes_community INTEGER NOT NULL,
	PRIMARY KEY (staff_id, day)
) STRICT, WITHOUT ROWID;

-- What each tally must hold, from the tables it is derived from: used to fill them here,
-- and by the tests that check the triggers and the import's load. Grouped in the order of
-- the covering index contact_date, so filling them reads that index once.
CREATE VIEW tally_staff_day_source AS
SELECT staff_id, date AS day, count(*) AS contacts,
	sum(attended = 1 AND with_whom = 'employer' AND mode = 'face_to_face') AS employer_f2f,
	sum(CASE WHEN place IS NOT NULL THEN coalesce(minutes, 0) ELSE 0 END) AS minutes_all,
	sum(CASE WHEN place = 'community' THEN coalesce(minutes, 0) ELSE 0 END) AS minutes_community
FROM contact GROUP BY date, staff_id;
CREATE VIEW tally_team_mode_source AS
SELECT r.team_id, c.date AS day, c.mode, count(*) AS n
FROM contact c JOIN referral r ON r.id = c.referral_id
WHERE c.with_whom = 'client' AND c.attended = 1 GROUP BY c.date, r.team_id, c.mode;
CREATE VIEW tally_specialist_mode_source AS
SELECT r.specialist_id, c.date AS day, c.mode, count(*) AS n
FROM contact c JOIN referral r ON r.id = c.referral_id
WHERE c.with_whom = 'client' AND c.attended = 1 AND r.specialist_id IS NOT NULL GROUP BY c.date, r.specialist_id, c.mode;

INSERT INTO tally_staff_day SELECT * FROM tally_staff_day_source;
INSERT INTO tally_team_mode SELECT * FROM tally_team_mode_source;
INSERT INTO tally_specialist_mode SELECT * FROM tally_specialist_mode_source;

-- A contact added counts once in each tally it belongs to; removed, it is taken away
-- again; changed, the old row is taken away and the new one added. Each of those is a
-- row written to contact_tally_change (+1 or -1 and what counts of the contact), whose
-- trigger moves the tallies and removes the row again: the tallies' arithmetic is
-- written once, whichever way a contact changed. The table is empty between statements.
CREATE TABLE contact_tally_change (
	sign        INTEGER NOT NULL,
	staff_id    INTEGER NOT NULL,
	day         TEXT NOT NULL,
	referral_id INTEGER,
	with_whom   TEXT NOT NULL,
	mode        TEXT NOT NULL,
	attended    INTEGER NOT NULL,
	place       TEXT,
	minutes     INTEGER
) STRICT;
CREATE TRIGGER contact_tally_apply AFTER INSERT ON contact_tally_change
BEGIN
	INSERT INTO tally_staff_day VALUES (NEW.staff_id, NEW.day, NEW.sign,
		NEW.sign * (NEW.attended = 1 AND NEW.with_whom = 'employer' AND NEW.mode = 'face_to_face'),
		NEW.sign * CASE WHEN NEW.place IS NOT NULL THEN coalesce(NEW.minutes, 0) ELSE 0 END,
		NEW.sign * CASE WHEN NEW.place = 'community' THEN coalesce(NEW.minutes, 0) ELSE 0 END)
	ON CONFLICT DO UPDATE SET contacts = contacts + excluded.contacts,
		employer_f2f = employer_f2f + excluded.employer_f2f, minutes_all = minutes_all + excluded.minutes_all,
		minutes_community = minutes_community + excluded.minutes_community;
	DELETE FROM tally_staff_day WHERE staff_id = NEW.staff_id AND day = NEW.day AND contacts <= 0;
	INSERT INTO tally_team_mode SELECT r.team_id, NEW.day, NEW.mode, NEW.sign FROM referral r
	WHERE r.id = NEW.referral_id AND NEW.with_whom = 'client' AND NEW.attended = 1
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
	DELETE FROM tally_team_mode WHERE n <= 0 AND day = NEW.day AND mode = NEW.mode
	  AND team_id = (SELECT team_id FROM referral WHERE id = NEW.referral_id);
	INSERT INTO tally_specialist_mode SELECT r.specialist_id, NEW.day, NEW.mode, NEW.sign FROM referral r
	WHERE r.id = NEW.referral_id AND r.specialist_id IS NOT NULL AND NEW.with_whom = 'client' AND NEW.attended = 1
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
	DELETE FROM tally_specialist_mode WHERE n <= 0 AND day = NEW.day AND mode = NEW.mode
	  AND specialist_id = (SELECT specialist_id FROM referral WHERE id = NEW.referral_id);
	DELETE FROM contact_tally_change WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER contact_tally_insert AFTER INSERT ON contact
BEGIN
	INSERT INTO contact_tally_change VALUES (1, NEW.staff_id, NEW.date, NEW.referral_id, NEW.with_whom, NEW.mode,
		NEW.attended, NEW.place, NEW.minutes);
END;
CREATE TRIGGER contact_tally_delete AFTER DELETE ON contact
BEGIN
	INSERT INTO contact_tally_change VALUES (-1, OLD.staff_id, OLD.date, OLD.referral_id, OLD.with_whom, OLD.mode,
		OLD.attended, OLD.place, OLD.minutes);
END;
CREATE TRIGGER contact_tally_update
AFTER UPDATE OF date, staff_id, referral_id, with_whom, mode, attended, place, minutes ON contact
BEGIN
	INSERT INTO contact_tally_change VALUES (-1, OLD.staff_id, OLD.date, OLD.referral_id, OLD.with_whom, OLD.mode,
		OLD.attended, OLD.place, OLD.minutes);
	INSERT INTO contact_tally_change VALUES (1, NEW.staff_id, NEW.date, NEW.referral_id, NEW.with_whom, NEW.mode,
		NEW.attended, NEW.place, NEW.minutes);
END;

-- A referral moved to another team, or allocated to another specialist: its contacts'
-- counts move with it, since scope is the referral's team and specialist now.
CREATE TRIGGER referral_tally_team AFTER UPDATE OF team_id ON referral WHEN NEW.team_id IS NOT OLD.team_id
BEGIN
	INSERT INTO tally_team_mode SELECT OLD.team_id, date, mode, -count(*) FROM contact
	WHERE referral_id = NEW.id AND with_whom = 'client' AND attended = 1 GROUP BY date, mode
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
	DELETE FROM tally_team_mode WHERE team_id = OLD.team_id AND n <= 0;
	INSERT INTO tally_team_mode SELECT NEW.team_id, date, mode, count(*) FROM contact
	WHERE referral_id = NEW.id AND with_whom = 'client' AND attended = 1 GROUP BY date, mode
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER referral_tally_specialist AFTER UPDATE OF specialist_id ON referral
WHEN NEW.specialist_id IS NOT OLD.specialist_id
BEGIN
	INSERT INTO tally_specialist_mode SELECT OLD.specialist_id, date, mode, -count(*) FROM contact
	WHERE OLD.specialist_id IS NOT NULL AND referral_id = NEW.id AND with_whom = 'client' AND attended = 1
	GROUP BY date, mode
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
	DELETE FROM tally_specialist_mode WHERE specialist_id = OLD.specialist_id AND n <= 0;
	INSERT INTO tally_specialist_mode SELECT NEW.specialist_id, date, mode, count(*) FROM contact
	WHERE NEW.specialist_id IS NOT NULL AND referral_id = NEW.id AND with_whom = 'client' AND attended = 1
	GROUP BY date, mode
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- The same three by month ('YYYY-MM'), rolled up from the day tallies by the triggers
-- below, so a year is read as twelve rows per team or specialist; the days are read only
-- where a period starts or ends inside a month.
CREATE TABLE tally_team_mode_month (
	team_id INTEGER NOT NULL,
	month   TEXT NOT NULL,
	mode    TEXT NOT NULL,
	n       INTEGER NOT NULL,
	PRIMARY KEY (team_id, month, mode)
) STRICT, WITHOUT ROWID;
CREATE TABLE tally_specialist_mode_month (
	specialist_id INTEGER NOT NULL,
	month         TEXT NOT NULL,
	mode          TEXT NOT NULL,
	n             INTEGER NOT NULL,
	PRIMARY KEY (specialist_id, month, mode)
) STRICT, WITHOUT ROWID;
CREATE TABLE tally_staff_month (
	staff_id          INTEGER NOT NULL,
	month             TEXT NOT NULL,
	contacts          INTEGER NOT NULL,
	employer_f2f      INTEGER NOT NULL,
	minutes_all       INTEGER NOT NULL,
	minutes_community INTEGER NOT NULL,
	PRIMARY KEY (staff_id, month)
) STRICT, WITHOUT ROWID;
CREATE VIEW tally_team_mode_month_source AS
SELECT team_id, substr(day, 1, 7) AS month, mode, sum(n) AS n FROM tally_team_mode GROUP BY team_id, month, mode;
CREATE VIEW tally_specialist_mode_month_source AS
SELECT specialist_id, substr(day, 1, 7) AS month, mode, sum(n) AS n FROM tally_specialist_mode
GROUP BY specialist_id, month, mode;
CREATE VIEW tally_staff_month_source AS
SELECT staff_id, substr(day, 1, 7) AS month, sum(contacts) AS contacts, sum(employer_f2f) AS employer_f2f,
	sum(minutes_all) AS minutes_all, sum(minutes_community) AS minutes_community
FROM tally_staff_day GROUP BY staff_id, month;
INSERT INTO tally_team_mode_month SELECT * FROM tally_team_mode_month_source;
INSERT INTO tally_specialist_mode_month SELECT * FROM tally_specialist_mode_month_source;
INSERT INTO tally_staff_month SELECT * FROM tally_staff_month_source;

-- A day row added, changed (its counts only: the triggers above never change a key) or
-- removed moves its month's row by the same amounts.
CREATE TRIGGER tally_team_mode_in AFTER INSERT ON tally_team_mode
BEGIN
	INSERT INTO tally_team_mode_month VALUES (NEW.team_id, substr(NEW.day, 1, 7), NEW.mode, NEW.n)
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER tally_team_mode_change AFTER UPDATE OF n ON tally_team_mode
BEGIN
	UPDATE tally_team_mode_month SET n = n + NEW.n - OLD.n
	WHERE team_id = NEW.team_id AND month = substr(NEW.day, 1, 7) AND mode = NEW.mode;
END;
CREATE TRIGGER tally_team_mode_out AFTER DELETE ON tally_team_mode
BEGIN
	UPDATE tally_team_mode_month SET n = n - OLD.n
	WHERE team_id = OLD.team_id AND month = substr(OLD.day, 1, 7) AND mode = OLD.mode;
	DELETE FROM tally_team_mode_month
	WHERE team_id = OLD.team_id AND month = substr(OLD.day, 1, 7) AND mode = OLD.mode AND n <= 0;
END;
CREATE TRIGGER tally_specialist_mode_in AFTER INSERT ON tally_specialist_mode
BEGIN
	INSERT INTO tally_specialist_mode_month VALUES (NEW.specialist_id, substr(NEW.day, 1, 7), NEW.mode, NEW.n)
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER tally_specialist_mode_change AFTER UPDATE OF n ON tally_specialist_mode
BEGIN
	UPDATE tally_specialist_mode_month SET n = n + NEW.n - OLD.n
	WHERE specialist_id = NEW.specialist_id AND month = substr(NEW.day, 1, 7) AND mode = NEW.mode;
END;
CREATE TRIGGER tally_specialist_mode_out AFTER DELETE ON tally_specialist_mode
BEGIN
	UPDATE tally_specialist_mode_month SET n = n - OLD.n
	WHERE specialist_id = OLD.specialist_id AND month = substr(OLD.day, 1, 7) AND mode = OLD.mode;
	DELETE FROM tally_specialist_mode_month
	WHERE specialist_id = OLD.specialist_id AND month = substr(OLD.day, 1, 7) AND mode = OLD.mode AND n <= 0;
END;
CREATE TRIGGER tally_staff_day_in AFTER INSERT ON tally_staff_day
BEGIN
	INSERT INTO tally_staff_month VALUES (NEW.staff_id, substr(NEW.day, 1, 7), NEW.contacts, NEW.employer_f2f,
		NEW.minutes_all, NEW.minutes_community)
	ON CONFLICT DO UPDATE SET contacts = contacts + excluded.contacts,
		employer_f2f = employer_f2f + excluded.employer_f2f, minutes_all = minutes_all + excluded.minutes_all,
		minutes_community = minutes_community + excluded.minutes_community;
END;
CREATE TRIGGER tally_staff_day_change
AFTER UPDATE OF contacts, employer_f2f, minutes_all, minutes_community ON tally_staff_day
BEGIN
	UPDATE tally_staff_month SET contacts = contacts + NEW.contacts - OLD.contacts,
		employer_f2f = employer_f2f + NEW.employer_f2f - OLD.employer_f2f,
		minutes_all = minutes_all + NEW.minutes_all - OLD.minutes_all,
		minutes_community = minutes_community + NEW.minutes_community - OLD.minutes_community
	WHERE staff_id = NEW.staff_id AND month = substr(NEW.day, 1, 7);
END;
CREATE TRIGGER tally_staff_day_out AFTER DELETE ON tally_staff_day
BEGIN
	UPDATE tally_staff_month SET contacts = contacts - OLD.contacts, employer_f2f = employer_f2f - OLD.employer_f2f,
		minutes_all = minutes_all - OLD.minutes_all, minutes_community = minutes_community - OLD.minutes_community
	WHERE staff_id = OLD.staff_id AND month = substr(OLD.day, 1, 7);
	DELETE FROM tally_staff_month WHERE staff_id = OLD.staff_id AND month = substr(OLD.day, 1, 7) AND contacts <= 0;
END;

-- A site's, team's or specialist's report reads the referrals of the people with a
-- referral in scope: the indexes that find those referrals now carry the person too, so
-- finding the people is read from the index alone (no look-up of each referral). Same
-- names and leading columns, so every query that used them still does.
DROP INDEX referral_team_open;
CREATE INDEX referral_team_open ON referral(team_id, closed_on, client_id);
DROP INDEX referral_specialist;
CREATE INDEX referral_specialist ON referral(specialist_id, closed_on, client_id);
