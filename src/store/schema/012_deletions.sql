-- 012_deletions.sql — deletion markers for the JSON API's incremental sync (issue 6): a
-- program that copies records with `updated_since` never sees a row that is gone, so
-- every deletion of a record the API lists leaves a marker here, read by GET
-- /api/v1/deletions. Forward-only: never edit a shipped file, add a new NNN_*.sql
-- instead. Nothing writes deletion but the triggers here, in the transaction of the
-- delete itself: a run that rolls back (a failed or dry-run erasure) leaves no marker.
--
-- A marker holds identifiers only — the record's id as the API gives it, its person's id,
-- and the site and team numbers the API scopes it by — never a name, NHS number, date of
-- birth, note or ref: what erasure removes stays removed. Like the audit log (whose
-- entries already name the same ids), markers outlive the records they speak of; erasure
-- never touches them, and they point at nothing (no foreign keys), so they hold up no
-- delete.

-- kind: the API's name for the record ('person' for a row of client). record_id: its id
-- (client.id, referral.id, ...). client_id: the person whose record it was (their own id
-- for 'person'), NULL for employers and vacancies. site_id: the site whose lists showed it
-- (the person's site, the employer's or vacancy's). team_id: a referral's team, which
-- scopes a clinician's lists; NULL for the other kinds. id orders the markers and is the
-- API's cursor.
CREATE TABLE deletion (
	id         INTEGER PRIMARY KEY,
	kind       TEXT NOT NULL CHECK (kind IN ('person', 'referral', 'contact', 'job', 'employer', 'vacancy')),
	record_id  INTEGER NOT NULL,
	client_id  INTEGER,
	site_id    INTEGER NOT NULL,
	team_id    INTEGER,
	deleted_at TEXT NOT NULL,
	CHECK ((client_id IS NULL) = (kind IN ('employer', 'vacancy'))),
	CHECK (team_id IS NULL OR kind = 'referral')
) STRICT;
-- A clinician's scope: the people who had a referral to their team (kind = 'referral').
CREATE INDEX deletion_client ON deletion(client_id, kind, team_id);

-- A person's records: their site is read from client, which erasure deletes last (in
-- foreign-key order), so it is still there when their referrals, contacts and jobs go.
CREATE TRIGGER client_deletion AFTER DELETE ON client
BEGIN
	INSERT INTO deletion (kind, record_id, client_id, site_id, deleted_at)
	VALUES ('person', OLD.id, OLD.id, OLD.site_id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER referral_deletion AFTER DELETE ON referral
BEGIN
	INSERT INTO deletion (kind, record_id, client_id, site_id, team_id, deleted_at)
	SELECT 'referral', OLD.id, OLD.client_id,
		coalesce((SELECT site_id FROM client WHERE id = OLD.client_id), t.site_id), OLD.team_id,
		strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
	FROM team t WHERE t.id = OLD.team_id;
END;
CREATE TRIGGER job_deletion AFTER DELETE ON job
BEGIN
	INSERT INTO deletion (kind, record_id, client_id, site_id, deleted_at)
	SELECT 'job', OLD.id, r.client_id, c.site_id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
	FROM referral r JOIN client c ON c.id = r.client_id WHERE r.id = OLD.referral_id;
END;

-- A contact is listed under the person of its referral; one on no referral (an employer
-- contact for no one in particular) is in no list, so its removal needs no marker. An
-- employer contact made on a person's behalf outlives their erasure, unlinked from them
-- (store/erasure.c): it leaves their list, so that too is a deletion as the API sees it.
CREATE TRIGGER contact_deletion AFTER DELETE ON contact WHEN OLD.referral_id IS NOT NULL
BEGIN
	INSERT INTO deletion (kind, record_id, client_id, site_id, deleted_at)
	SELECT 'contact', OLD.id, r.client_id, c.site_id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
	FROM referral r JOIN client c ON c.id = r.client_id WHERE r.id = OLD.referral_id;
END;
CREATE TRIGGER contact_deletion_unlink AFTER UPDATE OF referral_id ON contact
WHEN OLD.referral_id IS NOT NULL AND NEW.referral_id IS NULL
BEGIN
	INSERT INTO deletion (kind, record_id, client_id, site_id, deleted_at)
	SELECT 'contact', OLD.id, r.client_id, c.site_id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
	FROM referral r JOIN client c ON c.id = r.client_id WHERE r.id = OLD.referral_id;
END;

-- Employers and vacancies: nothing deletes them today; the markers are here so that
-- whatever does one day is seen by a syncing program too.
CREATE TRIGGER employer_deletion AFTER DELETE ON employer
BEGIN
	INSERT INTO deletion (kind, record_id, site_id, deleted_at)
	VALUES ('employer', OLD.id, OLD.site_id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER vacancy_deletion AFTER DELETE ON vacancy
BEGIN
	INSERT INTO deletion (kind, record_id, site_id, deleted_at)
	VALUES ('vacancy', OLD.id, OLD.site_id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
