-- 002_work.sql — finding and keeping work (issue 3): what the web keeps about an
-- employer beyond the interchange columns. Employers, employer contacts and jobs
-- themselves are the tables of 001 (contact.with_whom = 'employer', job).

-- The people to speak to at the employer (names, roles, how to reach them), in the
-- specialist's words. Web-only detail: employers.csv does not carry it.
ALTER TABLE employer ADD COLUMN people TEXT;

-- Jobs of a person, found through their referrals; jobs at an employer.
CREATE INDEX job_employer ON job(employer_id, started_on);
