# bench/gen_interchange.awk — writes a deterministic interchange set (spec/interchange.md)
# for benchmarks: awk -v dir=DIR -v referrals=N -v contacts=M -v seed=S -f gen_interchange.awk
# One site, one team, 50 specialists, 500 employers, N people each with one referral, M
# contacts of every kind spread over 2025. No real person: names are numbered.
function pick(n) { return int(rand() * n) }
function day() { return sprintf("2025-%02d-%02d", 1 + pick(12), 1 + pick(28)) }
BEGIN {
	srand(seed ? seed : 1)
	if (!referrals) referrals = 50000
	if (!contacts) contacts = 1000000
	print "code,name\nS1,Bench site" > (dir "/sites.csv")
	print "code,site_code,name\nT1,S1,Bench team" > (dir "/teams.csv")
	f = dir "/staff.csv"; print "code,team_code,name,role,fte" > f
	for (i = 0; i < 50; i++) printf "ES%d,T1,Specialist %d,specialist,1\n", i, i > f
	f = dir "/employers.csv"; print "ref,site_code,name,sector" > f
	for (i = 0; i < 500; i++) printf "E%d,S1,Employer %d,Retail\n", i, i > f
	f = dir "/clients.csv"; print "ref,site_code,nhs_number,given_name,family_name,birth_date,postcode,gender,ethnic_category" > f
	g = dir "/referrals.csv"; print "ref,client_ref,team_code,received_on,source,specialist_code,employment_status,closed_on,close_reason" > g
	split("gp mental_health_professional self other", src, " ")
	for (i = 0; i < referrals; i++) {
		printf "C%d,S1,,Given%d,Family%d,1980-01-01,LS1 4AP,1,A\n", i, i, i > f
		printf "R%d,C%d,T1,2024-%02d-%02d,%s,ES%d,04,,\n", i, i, 1 + pick(12), 1 + pick(28), src[1 + pick(4)], i % 50 > g
	}
	split("face_to_face phone video text email letter", modes, " ")
	split("yes yes no", att, " ")
	f = dir "/contacts.csv"; print "ref,date,staff_code,with,referral_ref,employer_ref,mode,place,minutes,attended" > f
	for (i = 0; i < contacts; i++) {
		if (rand() < 0.15) {
			printf "K%d,%s,ES%d,employer,R%d,E%d,face_to_face,community,30,yes\n", i, day(), i % 50, pick(referrals), pick(500) > f
		} else {
			m = modes[1 + pick(6)]
			printf "K%d,%s,ES%d,client,R%d,,%s,%s,%d,%s\n", i, day(), i % 50, pick(referrals), m,
				m == "face_to_face" ? "community" : "", 5 + pick(85), att[1 + pick(3)] > f
		}
	}
}
