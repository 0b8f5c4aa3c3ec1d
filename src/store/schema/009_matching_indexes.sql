-- 009_matching_indexes.sql — matching reads the open vacancies it ranks from an index
-- alone (issue 3, BENCHMARKS.md "Matching"). Forward-only: never edit a shipped file,
-- add a new NNN_*.sql instead.

-- Every column store_match_vacancies reads, after the columns the list and matching
-- filter on, so ranking 10,000 open vacancies is one pass over index pages rather than
-- a look-up in the table for each row (which was two thirds of its time). It begins
-- with the columns of vacancy_site_open, so it serves every query that one did.
DROP INDEX vacancy_site_open;
CREATE INDEX vacancy_site_open_match ON vacancy(site_id, status, closing_on, job_type, postcode, conditions,
	hours_min, hours_max, hourly_pay);
