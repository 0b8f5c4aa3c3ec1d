# bench/gen_interchange.awk — writes a deterministic interchange set (spec/interchange.md)
# for benchmarks: awk -v dir=DIR -v referrals=N -v contacts=M -v seed=S -f gen_interchange.awk
# Optional, for a national-scale set (bench/national.sh): -v sites=A -v teams=B (teams per
# site) -v specialists=C (in all) -v employers=D -v jobs=J.
# Defaults: one site, one team, 50 specialists, 500 employers, no jobs — the same bytes as
# before these options existed. N people each with one referral (received in 2024), M
# contacts of every kind spread over 2025, J jobs started in 2025. Specialist i is in team
# i mod (sites × teams); referral i's specialist is i mod C, its team that specialist's
# team, its client's site that team's site. With more than one team, a contact is recorded
# by its referral's specialist (with one team, by specialist i mod C, as before).
# No real person: names are numbered.
function pick(n) { return int(rand() * n) }
function day() { return sprintf("2025-%02d-%02d", 1 + pick(12), 1 + pick(28)) }
BEGIN {
	srand(seed ? seed : 1)
	if (!referrals) referrals = 50000
	if (!contacts) contacts = 1000000
	if (!sites) sites = 1
	if (!teams) teams = 1
	if (!specialists) specialists = 50
	if (!employers) employers = 500
	nteams = sites * teams
	f = dir "/sites.csv"; print "code,name" > f
	for (s = 1; s <= sites; s++) printf "S%d,Bench site%s\n", s, (sites > 1 ? " " s : "") > f
	f = dir "/teams.csv"; print "code,site_code,name" > f
	for (t = 0; t < nteams; t++) printf "T%d,S%d,Bench team%s\n", t + 1, 1 + int(t / teams), (nteams > 1 ? " " (t + 1) : "") > f
	f = dir "/staff.csv"; print "code,team_code,name,role,fte" > f
	for (i = 0; i < specialists; i++) printf "ES%d,T%d,Specialist %d,specialist,1\n", i, 1 + i % nteams, i > f
	f = dir "/employers.csv"; print "ref,site_code,name,sector" > f
	for (i = 0; i < employers; i++) printf "E%d,S%d,Employer %d,Retail\n", i, 1 + i % sites, i > f
	f = dir "/clients.csv"; print "ref,site_code,nhs_number,given_name,family_name,birth_date,postcode,gender,ethnic_category" > f
	g = dir "/referrals.csv"; print "ref,client_ref,team_code,received_on,source,specialist_code,employment_status,closed_on,close_reason" > g
	split("gp mental_health_professional self other", src, " ")
	for (i = 0; i < referrals; i++) {
		es = i % specialists; t = es % nteams
		printf "C%d,S%d,,Given%d,Family%d,1980-01-01,LS1 4AP,1,A\n", i, 1 + int(t / teams), i, i > f
		printf "R%d,C%d,T%d,2024-%02d-%02d,%s,ES%d,04,,\n", i, i, t + 1, 1 + pick(12), 1 + pick(28), src[1 + pick(4)], es > g
	}
	split("face_to_face phone video text email letter", modes, " ")
	split("yes yes no", att, " ")
	f = dir "/contacts.csv"; print "ref,date,staff_code,with,referral_ref,employer_ref,mode,place,minutes,attended" > f
	for (i = 0; i < contacts; i++) {
		# the random draws are made in the same order as when they were printf arguments
		if (rand() < 0.15) {
			d = day(); r = pick(referrals); e = pick(employers)
			printf "K%d,%s,ES%d,employer,R%d,E%d,face_to_face,community,30,yes\n", i, d,
				(nteams > 1 ? r % specialists : i % specialists), r, e > f
		} else {
			m = modes[1 + pick(6)]
			d = day(); r = pick(referrals); n = 5 + pick(85); a = att[1 + pick(3)]
			printf "K%d,%s,ES%d,client,R%d,,%s,%s,%d,%s\n", i, d,
				(nteams > 1 ? r % specialists : i % specialists), r, m,
				m == "face_to_face" ? "community" : "", n, a > f
		}
	}
	if (jobs) {
		split("6145 7111 9223 4159 8214", soc, " ")
		f = dir "/jobs.csv"; print "ref,referral_ref,employer_ref,title,job_type,started_on,ended_on,hours_per_week,hourly_wage,competitive,end_reason" > f
		for (i = 0; i < jobs; i++) {
			r = pick(referrals); e = pick(employers); d = day(); h = 7 + pick(31)
			printf "J%d,R%d,E%d,Job %d,%s,%s,%s,%d,%d.%02d,%s,\n", i, r, e, i, soc[1 + pick(5)], d,
				(rand() < 0.3 ? "2025-12-31" : ""), h, 11 + pick(6), pick(100), (rand() < 0.9 ? "yes" : "no") > f
		}
	}
}
