-- 010_match_person.sql — the people matching ranks for a vacancy, in one narrow table
-- read in order (issue 3, BENCHMARKS.md "Matching"). Forward-only: never edit a shipped
-- file, add a new NNN_*.sql instead. Nothing writes match_person but the triggers here:
-- it is derived from referral, team, client and client_profile, never a source of truth.

-- One row for each person with an open referral to a team of a site, per such site,
-- holding what the score reads: their postcode and their profile's preferences (NULL
-- when they have no profile). Clustered on (site_id, client_id), so ranking people for
-- a vacancy is one ordered pass over one B-tree, not a look-up in client and one in
-- client_profile for every open referral (which was two thirds of its time).
CREATE TABLE match_person (
	site_id        INTEGER NOT NULL,
	client_id      INTEGER NOT NULL REFERENCES client(id),
	postcode       TEXT,
	job_type_codes TEXT,
	avoid          TEXT,
	hours_min      INTEGER,
	hours_max      INTEGER,
	travel_miles   INTEGER,
	pay_min        INTEGER,
	PRIMARY KEY (site_id, client_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX match_person_client ON match_person(client_id);

-- What match_person must hold, from the tables it is derived from. A person with two
-- open referrals at a site is one row (DISTINCT).
CREATE VIEW match_person_source AS
SELECT DISTINCT t.site_id, r.client_id, c.postcode, p.job_type_codes, p.avoid, p.hours_min, p.hours_max,
	p.travel_miles, p.pay_min
FROM referral r JOIN team t ON t.id = r.team_id JOIN client c ON c.id = r.client_id
LEFT JOIN client_profile p ON p.client_id = r.client_id
WHERE r.closed_on IS NULL;

INSERT INTO match_person SELECT * FROM match_person_source;

-- Each trigger rebuilds the rows of the people a change touches (delete, then insert
-- from the view), so every case (a second referral, closing one of two, reopening,
-- moving team, a profile removed) comes out right by the same two statements. A
-- referral's specialist is not held here: matching reads it from referral itself.
CREATE TRIGGER referral_match_insert AFTER INSERT ON referral WHEN NEW.closed_on IS NULL
BEGIN
	DELETE FROM match_person WHERE client_id = NEW.client_id;
	INSERT INTO match_person SELECT * FROM match_person_source WHERE client_id = NEW.client_id;
END;
CREATE TRIGGER referral_match_update AFTER UPDATE OF client_id, team_id, closed_on ON referral
BEGIN
	DELETE FROM match_person WHERE client_id IN (OLD.client_id, NEW.client_id);
	INSERT INTO match_person SELECT * FROM match_person_source WHERE client_id IN (OLD.client_id, NEW.client_id);
END;
CREATE TRIGGER referral_match_delete AFTER DELETE ON referral WHEN OLD.closed_on IS NULL
BEGIN
	DELETE FROM match_person WHERE client_id = OLD.client_id;
	INSERT INTO match_person SELECT * FROM match_person_source WHERE client_id = OLD.client_id;
END;
CREATE TRIGGER team_match_update AFTER UPDATE OF site_id ON team WHEN NEW.site_id IS NOT OLD.site_id
BEGIN
	DELETE FROM match_person WHERE client_id IN
		(SELECT client_id FROM referral WHERE team_id = NEW.id AND closed_on IS NULL);
	INSERT INTO match_person SELECT * FROM match_person_source WHERE client_id IN
		(SELECT client_id FROM referral WHERE team_id = NEW.id AND closed_on IS NULL);
END;
CREATE TRIGGER client_match_update AFTER UPDATE OF id, postcode ON client
WHEN NEW.id IS NOT OLD.id OR NEW.postcode IS NOT OLD.postcode
BEGIN
	DELETE FROM match_person WHERE client_id IN (OLD.id, NEW.id);
	INSERT INTO match_person SELECT * FROM match_person_source WHERE client_id IN (OLD.id, NEW.id);
END;
CREATE TRIGGER client_match_delete AFTER DELETE ON client
BEGIN
	DELETE FROM match_person WHERE client_id = OLD.id;
END;
CREATE TRIGGER client_profile_match_insert AFTER INSERT ON client_profile
BEGIN
	DELETE FROM match_person WHERE client_id = NEW.client_id;
	INSERT INTO match_person SELECT * FROM match_person_source WHERE client_id = NEW.client_id;
END;
CREATE TRIGGER client_profile_match_update
AFTER UPDATE OF client_id, job_type_codes, avoid, hours_min, hours_max, travel_miles, pay_min ON client_profile
BEGIN
	DELETE FROM match_person WHERE client_id IN (OLD.client_id, NEW.client_id);
	INSERT INTO match_person SELECT * FROM match_person_source WHERE client_id IN (OLD.client_id, NEW.client_id);
END;
CREATE TRIGGER client_profile_match_delete AFTER DELETE ON client_profile
BEGIN
	DELETE FROM match_person WHERE client_id = OLD.client_id;
	INSERT INTO match_person SELECT * FROM match_person_source WHERE client_id = OLD.client_id;
END;
