-- 008_reviewer_sites.sql — which services (sites) each fidelity reviewer's account
-- reviews (issue 5). A reviewer sees and edits the fidelity reviews, evidence and
-- dashboard of these sites only; an admin assigns them (ipsdesk user reviews).
-- Forward-only: never edit a shipped file, add a new NNN_*.sql instead.

CREATE TABLE reviewer_site (
	account_id INTEGER NOT NULL REFERENCES account(id),
	site_id    INTEGER NOT NULL REFERENCES site(id),
	PRIMARY KEY (account_id, site_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX reviewer_site_site ON reviewer_site(site_id);

-- Before this, a reviewer saw every site: reviewer accounts that already exist keep
-- every existing site, so an upgrade takes nothing away; an admin narrows them.
INSERT INTO reviewer_site (account_id, site_id)
	SELECT a.id, s.id FROM account a JOIN staff f ON f.id = a.staff_id CROSS JOIN site s
	WHERE f.role = 'reviewer';
