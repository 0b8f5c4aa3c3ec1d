-- 007_fidelity.sql — fidelity reviews (issue 5): the IPS fidelity scale as data (a
-- version, its items with the anchor text for each score and the evidence thresholds of
-- the measurable items), reviews scored against one version, and their action plans.
-- Forward-only: never edit a shipped file, add a new NNN_*.sql instead.

-- A version of the scale. New reviews use the newest (highest id); a review keeps the
-- version it was started on. loaded_by: the account's username, or 'ipsdesk' for the
-- shipped default.
CREATE TABLE fidelity_scale (
	id        INTEGER PRIMARY KEY,
	name      TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	year      INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
	source    TEXT NOT NULL CHECK (length(source) >= 1),
	loaded_at TEXT NOT NULL,
	loaded_by TEXT NOT NULL
) STRICT;

-- One item of a version, in its order. anchor_1..anchor_5: what each score means.
-- summary 1: the texts are ipsdesk's short summary, not the official wording.
-- Evidence thresholds, for the items ipsdesk can measure (S1 V4 V6 V8 V9 V10 V13), in
-- tenths of the measure, ascending; all NULL when the version sets none. lower_is_better:
-- bands (a, b] (S1, V4); otherwise [a, b) (core/fidelity.h).
CREATE TABLE fidelity_item (
	id              INTEGER PRIMARY KEY,
	scale_id        INTEGER NOT NULL REFERENCES fidelity_scale(id),
	code            TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 16),
	section         TEXT NOT NULL CHECK (section IN ('staffing', 'organisation', 'services')),
	position        INTEGER NOT NULL CHECK (position >= 1),
	title           TEXT NOT NULL CHECK (length(title) >= 1),
	description     TEXT NOT NULL,
	anchor_1        TEXT NOT NULL CHECK (length(anchor_1) >= 1),
	anchor_2        TEXT NOT NULL CHECK (length(anchor_2) >= 1),
	anchor_3        TEXT NOT NULL CHECK (length(anchor_3) >= 1),
	anchor_4        TEXT NOT NULL CHECK (length(anchor_4) >= 1),
	anchor_5        TEXT NOT NULL CHECK (length(anchor_5) >= 1),
	summary         INTEGER NOT NULL DEFAULT 0 CHECK (summary IN (0, 1)),
	lower_is_better INTEGER CHECK (lower_is_better IN (0, 1)),
	cut_1           INTEGER,
	cut_2           INTEGER,
	cut_3           INTEGER,
	cut_4           INTEGER,
	UNIQUE (scale_id, code),
	UNIQUE (scale_id, position),
	CHECK ((lower_is_better IS NULL) = (cut_1 IS NULL) AND (cut_1 IS NULL) = (cut_4 IS NULL)
	       AND (cut_2 IS NULL) = (cut_1 IS NULL) AND (cut_3 IS NULL) = (cut_1 IS NULL)),
	CHECK (cut_1 IS NULL OR (cut_1 <= cut_2 AND cut_2 <= cut_3 AND cut_3 <= cut_4))
) STRICT;

-- A review of a site (team_id NULL) or of one of its teams. visit_from..visit_to: the
-- review's own dates; period_from..period_to: the period the evidence from the records
-- covers. reviewers: their names as typed. Draft until signed off by a team leader of
-- the site or an admin, then locked: changes only as a new review (copied_from).
CREATE TABLE fidelity_review (
	id             INTEGER PRIMARY KEY,
	scale_id       INTEGER NOT NULL REFERENCES fidelity_scale(id),
	site_id        INTEGER NOT NULL REFERENCES site(id),
	team_id        INTEGER REFERENCES team(id),
	visit_from     TEXT NOT NULL,
	visit_to       TEXT NOT NULL,
	period_from    TEXT NOT NULL,
	period_to      TEXT NOT NULL,
	reviewers      TEXT NOT NULL CHECK (length(reviewers) >= 1),
	strengths      TEXT,
	status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
	signed_by      INTEGER REFERENCES account(id),
	signed_by_name TEXT,
	signed_at      TEXT,
	copied_from    INTEGER REFERENCES fidelity_review(id),
	created_by     INTEGER REFERENCES account(id),
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL,
	CHECK (visit_from <= visit_to AND period_from <= period_to),
	CHECK ((status = 'signed') = (signed_at IS NOT NULL))
) STRICT;
CREATE INDEX fidelity_review_site ON fidelity_review(site_id, visit_to);
CREATE INDEX fidelity_review_team ON fidelity_review(team_id, visit_to);

-- Each item of the review's scale: the reviewer's score (NULL: not scored yet) and
-- evidence note, and what the records suggested for the review's period and scope
-- (evidence_value as shown, e.g. '18.5'; NULL when the item is not measured or there
-- was no data; evidence_score NULL when no score is suggested). Both are kept: the
-- reviewer's score is what counts.
CREATE TABLE fidelity_review_item (
	review_id      INTEGER NOT NULL REFERENCES fidelity_review(id),
	item_id        INTEGER NOT NULL REFERENCES fidelity_item(id),
	score          INTEGER CHECK (score BETWEEN 1 AND 5),
	note           TEXT,
	evidence_value TEXT,
	evidence_score INTEGER CHECK (evidence_score BETWEEN 1 AND 5),
	PRIMARY KEY (review_id, item_id)
) STRICT, WITHOUT ROWID;

-- The review's action plan, in order.
CREATE TABLE fidelity_action (
	id        INTEGER PRIMARY KEY,
	review_id INTEGER NOT NULL REFERENCES fidelity_review(id),
	position  INTEGER NOT NULL,
	action    TEXT NOT NULL CHECK (length(action) >= 1),
	owner     TEXT NOT NULL CHECK (length(owner) >= 1),
	due_on    TEXT NOT NULL,
	UNIQUE (review_id, position)
) STRICT;

-- The shipped default: the 2008 scale (docs/scales/ips-25-2008.json, the same data).

INSERT INTO fidelity_scale (id, name, year, source, loaded_at, loaded_by) VALUES (1, 'IPS Supported Employment Fidelity Scale (IPS-25)', 2008, 'Becker DR, Swanson SJ, Bond GR, Merrens MR. Supported Employment Fidelity Scale (1/7/08) and Evidence-Based Supported Employment Fidelity Review Manual. Dartmouth Psychiatric Research Center, 2008 (now the IPS Employment Center); UK wording after Centre for Mental Health, ''The IPS fidelity scale''. Item and anchor texts here are short summaries: load the official text with ipsdesk fidelity load-scale.', '2008-01-07T00:00:00Z', 'ipsdesk');
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'S1', 'staffing', 1, 'Caseload size',
	 'Employment specialists have their own employment caseloads. A full-time specialist has at most 20 active people (job seeking and in work together).',
	 '41 or more people per employment specialist.',
	 '31 to 40 people per employment specialist.',
	 '26 to 30 people per employment specialist.',
	 '21 to 25 people per employment specialist.',
	 '20 or fewer people per employment specialist.',
	 1, 1, 200, 250, 300, 400);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'S2', 'staffing', 2, 'Employment services staff',
	 'Employment specialists provide employment services only, not case management or other non-vocational work.',
	 'Specialists spend less than 60% of their time on employment services.',
	 'Specialists spend 60-74% of their time on employment services.',
	 'Specialists spend 75-89% of their time on employment services.',
	 'Specialists spend 90-95% of their time on employment services.',
	 'Specialists spend 96% or more of their time on employment services.',
	 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'S3', 'staffing', 3, 'Vocational generalists',
	 'Each employment specialist carries out every phase of the employment service: intake, engagement, assessment, job placement, job coaching and in-work support, before any step down to lighter support from another practitioner. Referral to a trained benefits adviser is consistent with this.',
	 'The specialist only refers people on to other employment providers.',
	 'The specialist keeps a caseload but refers people elsewhere for the employment service itself.',
	 'The specialist provides one to four of the phases of the employment service.',
	 'The specialist provides five of the phases, but not the whole service.',
	 'The specialist carries out all six phases of the employment service.',
	 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'O1', 'organisation', 4, 'Integration of employment services with mental health treatment through team assignment',
	 'Employment specialists belong to one or two mental health treatment teams, from which at least 90% of their caseload comes.',
	 'Specialists work in an employment programme separate from mental health treatment.',
	 'Specialists are attached to three or more teams, or people are seen by practitioners not organised in teams, or under half of the caseload comes from the one or two teams the specialist is attached to.',
	 'Specialists are attached to one or two teams, from which 50-74% of their caseload comes.',
	 'Specialists are attached to one or two teams, from which 75-89% of their caseload comes.',
	 'Specialists are attached to one or two teams, from which 90-100% of their caseload comes.',
	 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'O2', 'organisation', 5, 'Integration of employment services with mental health treatment through frequent team member contact',
	 'Employment specialists are active members of the treatment team. Five elements: they attend the team''s weekly meetings about people (not only business meetings); they share in decisions and plans with the team; their work is recorded in the person''s mental health record; their office is near or shared with the team; they help the team think about work for people not yet referred.',
	 'One or none of the five elements is present.',
	 'Two of the five elements are present.',
	 'Three of the five elements are present.',
	 'Four of the five elements are present.',
	 'All five elements are present.',
	 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'O3', 'organisation', 6, 'Collaboration between employment specialists and benefits and employment agencies',
	 'Specialists and staff of the public employment and benefits agencies (Jobcentre Plus work coaches and disability employment advisers in England) keep in frequent contact about the people they share and about referrals.',
	 'Contact about shared people is less than quarterly, or there is none.',
	 'Contact about shared people is at least quarterly.',
	 'Contact about shared people is at least monthly.',
	 'There are planned face-to-face meetings at least quarterly, or contact about shared people at least weekly.',
	 'There are planned face-to-face meetings at least monthly and contact about shared people at least weekly.',
	 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'O4', 'organisation', 7, 'Vocational unit',
	 'At least two full-time employment specialists and a team leader form an employment unit: they meet weekly for group supervision about the people they support, share job leads and cover each other''s caseloads.',
	 'Specialists are not part of an employment unit.',
	 'Specialists have the same supervisor but do not meet as a group or cover for each other.',
	 'Specialists have the same supervisor and discuss people together, but do not cover each other''s caseloads.',
	 'Specialists form a unit, discuss people together and cover each other''s caseloads when needed (or, in a rural service with lone specialists, meet their supervisor two or three times a month).',
	 'Specialists form a unit with a group supervisor, meet weekly to discuss people and share job leads, and cover each other''s caseloads.',
	 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'O5', 'organisation', 8, 'Role of employment supervisor',
	 'The employment team leader leads the unit. Five elements: one full-time leader for no more than ten specialists, with little other supervision; weekly strengths-based group supervision that reviews people and finds new ways forward; regular communication with mental health team leaders to keep services integrated; going out with new or struggling specialists at least monthly to coach job development in the field; reviewing the service''s outcomes with the specialists and setting goals at least quarterly.',
	 'One or none of the five elements is present.',
	 'Two of the five elements are present.',
	 'Three of the five elements are present.',
	 'Four of the five elements are present.',
	 'All five elements are present.',
	 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'O6', 'organisation', 9, 'Zero exclusion criteria',
	 'Everyone who wants to work can use the service, whatever their job readiness, substance use, symptoms, history of violence, cognitive difficulties, treatment adherence or presentation. This applies throughout the service, and staff encourage people to think about work.',
	 'There is a formal rule excluding people judged not ready for work.',
	 'Most people cannot use the service because several criteria are applied.',
	 'Some people cannot use the service because one or two criteria are applied.',
	 'Everyone is eligible, but referrals are informally screened or some staff discourage people.',
	 'Everyone who wants to work has access, with no screening, and the service actively invites people to consider work.',
	 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'O7', 'organisation', 10, 'Agency focus on competitive employment',
	 'The organisation promotes ordinary paid work in several ways. Five elements: assessments ask people about their interest in work; leaflets and notices tell people about work and the service; employment outcomes are shared with staff at least yearly; people in work share their experience with others at least twice a year; the organisation measures its employment rate and shares it with leaders and staff.',
	 'One or none of the five elements is present.',
	 'Two of the five elements are present.',
	 'Three of the five elements are present.',
	 'Four of the five elements are present.',
	 'All five elements are present.',
	 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'O8', 'organisation', 11, 'Executive team support for IPS',
	 'The organisation''s senior leaders support IPS. Five elements: they know the IPS principles; quality assurance reviews the IPS service (with the fidelity scale) at least every six months until good fidelity, then yearly; a senior leader takes part in the IPS steering group at least every six months; the chief executive explains how IPS serves the organisation''s mission and sets clear employment goals for all staff; the IPS lead reports barriers and successes to senior leaders at least twice a year and they help solve problems.',
	 'One or none of the five elements is present.',
	 'Two of the five elements are present.',
	 'Three of the five elements are present.',
	 'Four of the five elements are present.',
	 'All five elements are present.',
	 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'V1', 'services', 12, 'Work incentives planning',
	 'Everyone is offered help to get comprehensive, individual benefits (work incentives) advice from a trained adviser before starting a job, and again when they decide about changes to their hours or pay.',
	 'Benefits advice is not readily available to most people.',
	 'Specialists refer people elsewhere for benefits advice, or give only general information.',
	 'Specialists find out about benefits on behalf of some people, or advice is individual but not comprehensive.',
	 'People are offered help to get comprehensive, individual benefits advice from a trained adviser before starting a job.',
	 'People are offered comprehensive, individual benefits advice from a trained adviser before starting a job, and again whenever they decide about changes to hours or pay.',
	 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'V2', 'services', 13, 'Disclosure',
	 'Specialists give accurate information and help people weigh up whether and how to tell employers about their mental health. Four elements: disclosure is never required; people are not limited to jobs where they must disclose; the pros and cons of disclosing are discussed before the job search; what to disclose, and how, is planned with the person and revisited when needed.',
	 'None of the four elements is present.',
	 'One of the four elements is present.',
	 'Two of the four elements are present.',
	 'Three of the four elements are present.',
	 'All four elements are present.',
	 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'V3', 'services', 14, 'Ongoing, work-based vocational assessment',
	 'Assessment goes on throughout, based on experience in ordinary jobs: a vocational profile started early and updated with each job, problem-solving in the workplace and reasonable adjustments, never testing as a gate to job search.',
	 'Assessment happens before job search, mainly by office-based tests and work samples.',
	 'People take part in pre-vocational assessment at the service (for example work units in a day programme).',
	 'Assessment takes place in a sheltered setting where people work for pay.',
	 'Most assessment comes from brief, temporary work experience set up with employers.',
	 'Assessment is ongoing, in ordinary jobs, with a vocational profile updated with each job; any testing is minimal and never a condition of job search.',
	 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'V4', 'services', 15, 'Rapid job search for competitive job',
	 'The search for an ordinary job starts soon after a person enters the service: the first face-to-face contact with an employer about a job, by the person or the specialist, is on average within 30 days.',
	 'First face-to-face employer contact is on average 271 days or more after entry.',
	 'First face-to-face employer contact is on average 151-270 days after entry.',
	 'First face-to-face employer contact is on average 61-150 days after entry.',
	 'First face-to-face employer contact is on average 31-60 days after entry.',
	 'First face-to-face employer contact is on average within 30 days of entry.',
	 1, 1, 300, 600, 1500, 2700);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'V5', 'services', 16, 'Individualised job search',
	 'Employer contacts follow each person''s preferences (what they enjoy, their goals) and needs (experience, abilities, health, travel), not simply the jobs on offer.',
	 'Under 25% of employer contacts reflect people''s own preferences and needs.',
	 '25-49% of employer contacts reflect people''s own preferences and needs.',
	 '50-74% of employer contacts reflect people''s own preferences and needs.',
	 '75-89% of employer contacts reflect people''s own preferences and needs.',
	 '90-100% of employer contacts reflect people''s own preferences and needs.',
	 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'V6', 'services', 17, 'Job development - frequent employer contact',
	 'Each specialist makes at least six face-to-face contacts a week with employers on behalf of people looking for work, and keeps a weekly log of them.',
	 'Fewer than 2 face-to-face employer contacts per specialist a week.',
	 '2 face-to-face employer contacts per specialist a week.',
	 '3-4 face-to-face employer contacts per specialist a week.',
	 '5 face-to-face employer contacts per specialist a week.',
	 '6 or more face-to-face employer contacts per specialist a week.',
	 1, 0, 20, 30, 50, 60);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'V7', 'services', 18, 'Job development - quality of employer contact',
	 'Specialists build relationships with employers over several planned visits in person: learning what the employer needs, explaining what the service offers them, and describing the strengths of people who would be a good match.',
	 'Specialists meet employers only when helping someone hand in an application, or rarely contact employers.',
	 'Specialists ask employers about vacancies and pass the leads to people.',
	 'Specialists follow up advertised vacancies by introducing themselves and the service and asking for interviews.',
	 'Specialists meet employers in person whether or not there is a vacancy, describe people''s strengths and ask for interviews.',
	 'Specialists build relationships through several planned visits in person to learn the employer''s needs, explain what the service offers and describe well-matched people''s strengths.',
	 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'V8', 'services', 19, 'Diversity of job types',
	 'Specialists help people into different types of job, following each person''s choices.',
	 'Under 50% of jobs are of different types.',
	 '50-59% of jobs are of different types.',
	 '60-69% of jobs are of different types.',
	 '70-84% of jobs are of different types.',
	 '85-100% of jobs are of different types.',
	 1, 0, 500, 600, 700, 850);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'V9', 'services', 20, 'Diversity of employers',
	 'Specialists help people into jobs with different employers.',
	 'Under 50% of jobs are with different employers.',
	 '50-59% of jobs are with different employers.',
	 '60-69% of jobs are with different employers.',
	 '70-84% of jobs are with different employers.',
	 '85-100% of jobs are with different employers.',
	 1, 0, 500, 600, 700, 850);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'V10', 'services', 21, 'Competitive jobs',
	 'Specialists offer ordinary job options: jobs anyone can apply for, not set aside for disabled people, paid at least the minimum wage and the same as others doing the same work. Seasonal work and agency temping that others also do count.',
	 'Under 64% of jobs are competitive.',
	 '64-74% of jobs are competitive.',
	 '75-84% of jobs are competitive.',
	 '85-94% of jobs are competitive.',
	 '95% or more of jobs are competitive.',
	 1, 0, 640, 750, 850, 950);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'V11', 'services', 22, 'Individualised follow-along supports',
	 'People in work get the kinds of support that suit the job, their preferences, history and needs: from the specialist (job coaching, career development, contact with the employer at the person''s request), the mental health team, family and friends, and colleagues.',
	 'Most people get no support once they start work.',
	 'About a quarter of working people get varied, individual support.',
	 'About half of working people get varied, individual support.',
	 'About three-quarters of working people get varied, individual support.',
	 'Nearly all working people get varied support based on their preferences, job and needs, including help with career development.',
	 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'V12', 'services', 23, 'Time-unlimited follow-along supports',
	 'Specialists see working people face to face within a week before a job starts, within 3 days after it starts, weekly in the first month and at least monthly for a year or more while the person wants it, then step down gradually; they make contact within 3 days of learning of a job loss.',
	 'Specialists do not see people face to face after the first month in a job.',
	 'Specialists see fewer than half of working people face to face for at least 4 months after a job starts.',
	 'Specialists see at least half of working people face to face for at least 4 months after a job starts.',
	 'Specialists see working people weekly for the first month and at least monthly for a year or more, on average, as people want.',
	 'Specialists see people within a week before and 3 days after a job starts, weekly for the first month and at least monthly for a year or more, as people want; they make contact within 3 days of a job loss.',
	 1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'V13', 'services', 24, 'Community-based services',
	 'Engagement, job finding and in-work support happen in ordinary community places, not the office: specialists spend at least 65% of their working time out in the community.',
	 'Specialists spend under 30% of their time in the community.',
	 'Specialists spend 30-39% of their time in the community.',
	 'Specialists spend 40-49% of their time in the community.',
	 'Specialists spend 50-64% of their time in the community.',
	 'Specialists spend 65% or more of their time in the community.',
	 1, 0, 300, 400, 500, 650);
INSERT INTO fidelity_item (scale_id, code, section, position, title, description, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, summary, lower_is_better, cut_1, cut_2, cut_3, cut_4) VALUES
	(1, 'V14', 'services', 25, 'Assertive engagement and outreach by integrated treatment team',
	 'The service reaches out to people who stop attending. Six elements: no discharge for missed appointments or after a fixed time; outreach attempts are recorded; the specialist and the mental health team both reach out; several visits at home or in the community; joint visits by the specialist and a team member; contact with family where the person agrees. Outreach stops once it is clear the person no longer wants to work.',
	 'Two or fewer of the six elements are present.',
	 'Three of the six elements are present.',
	 'Four of the six elements are present.',
	 'Five of the six elements are present.',
	 'All six elements are present.',
	 1, NULL, NULL, NULL, NULL, NULL);
