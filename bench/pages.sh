#!/bin/sh
# bench/pages.sh — page throughput and latency with wrk on loopback (issue 7): the
# caseload page, a person's record, the referral inbox and the dashboard, each as a
# ratio to ipsdesk's own /healthz on the same run (the HTTP floor), then the write path
# (recording a contact through the web form), then all of them mixed with about 10%
# writes (bench/mixed.lua, as the soak uses: caseload, record, inbox, dashboard,
# vacancies, matches and contact writes, at CONNS connections), and the server's peak
# RSS (VmHWM) over the whole load. Against a demo database (made once per CLIENTS/SEED
# and kept in WORK; each run serves a fresh copy, since the writes and audited reads
# grow it).
# Prints the medians of RUNS runs. Run by `make bench` twice: on the 2,000-person demo and
# on issue 7's large trust (CLIENTS=20000: 20,000 people, about 480 specialists in 5 teams,
# 540,000 contacts); never part of `make check`.
#   BIN=build/rel/ipsdesk CLIENTS=2000 SEED=1 CONNS=64 THREADS=2 DURATION=10 RUNS=3
#   WRITE_CONNS=8 PAGES="healthz caseload person inbox dashboard write mixed"
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-build/rel/ipsdesk}
CLIENTS=${CLIENTS:-2000}
SEED=${SEED:-1}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10}
RUNS=${RUNS:-3}
WRITE_CONNS=${WRITE_CONNS:-8}
# healthz first: the others are given as a ratio to it
PAGES=${PAGES:-healthz caseload person inbox dashboard write mixed}
work=${WORK:-build/bench/pages}
mkdir -p "$work"
command -v wrk > /dev/null || { echo "bench/pages.sh: needs wrk (scripts/deps.sh installs it)" >&2; exit 1; }

say() { [ -t 2 ] && printf '\r%-70s' "$*" >&2 || true; }

. bench/serve.sh
demo_db bench/pages.sh
trap stop EXIT INT TERM

# ms VALUE: wrk's "1.23ms", "870.00us" or "1.02s" in milliseconds
ms() { echo "$1" | awk '{ v = $1 + 0; if ($1 ~ /us$/) v /= 1000; else if ($1 ~ /[0-9]s$/ && $1 !~ /ms$/) v *= 1000; printf "%.2f", v }'; }

# load NAME PATH COOKIE [LUA]: one wrk run; appends "NAME rps p50 p99 errors" to $work/results
load() {
	out="$work/wrk.$1.out"
	if [ "$1" = mixed ]; then
		SPECIALISTS="$3" LEADER="$tl" DATE="date-day=$d&date-month=$m&date-year=$y" \
			wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency -s bench/mixed.lua "$base$2" > "$out"
	elif [ -n "${4:-}" ]; then
		wt=$THREADS; [ "$WRITE_CONNS" -lt "$wt" ] && wt=$WRITE_CONNS
		COOKIE="$3" BODY="${BODY:-}" wrk -t"$wt" -c"$WRITE_CONNS" -d"${DURATION}s" --latency -s "$4" "$base$2" > "$out"
	else
		wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency -H "Cookie: $3" "$base$2" > "$out"
	fi
	rps=$(awk '/^Requests\/sec/ { print $2 }' "$out")
	p50=$(ms "$(awk '$1 == "50%" { print $2 }' "$out")")
	p99=$(ms "$(awk '$1 == "99%" { print $2 }' "$out")")
	# errors: answers other than 2xx/3xx, plus requests wrk gave up on (2 s timeout)
	bad=$(awk '/Non-2xx or 3xx/ { n += $5 } /Socket errors/ { n += $NF } END { print n + 0 }' "$out")
	echo "$1 $rps $p50 $p99 $bad" >> "$work/results"
}

rm -f "$work/results"
hwm_max=0
for run in $(seq "$RUNS"); do
	say "run $run of $RUNS: starting the server..."
	start bench/pages.sh
	es=$(sign_in specialist1)
	tl=$(sign_in leader1)
	[ -n "$es" ] && [ -n "$tl" ] || { echo "bench/pages.sh: sign-in failed" >&2; exit 1; }
	person=$(curl -s -H "Cookie: $es" "$base/caseload" | grep -o 'href="/people/[0-9]*"' | head -1 | tr -dc 0-9)
	[ -n "$person" ] || { echo "bench/pages.sh: specialist1 has nobody on their caseload" >&2; exit 1; }
	csrf=$(curl -s -H "Cookie: $es" "$base/people/$person/contacts/new" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	d=$(date -d yesterday +%d | sed 's/^0//'); m=$(date -d yesterday +%m | sed 's/^0//'); y=$(date -d yesterday +%Y)
	for p in $PAGES; do
		say "run $run of $RUNS: $p..."
		case $p in
		healthz) load healthz /healthz "$es" ;;
		caseload) load caseload /caseload "$es" ;;
		person) load person "/people/$person" "$es" ;;
		inbox) load inbox /referrals "$tl" ;;
		dashboard) load dashboard /dashboard "$tl" ;;
		write) BODY="csrf=$csrf&date-day=$d&date-month=$m&date-year=$y&with=client&mode=phone&minutes=15&attended=yes&note=bench" \
			load write "/people/$person/contacts" "$es" bench/post.lua ;;
		mixed) people=$(curl -s -H "Cookie: $es" "$base/caseload" | grep -o 'href="/people/[0-9]*"' | tr -dc '0-9\n' | sort -u | paste -sd, -)
			load mixed / "$es $csrf $people" ;;
		esac
	done
	hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
	[ "$hwm" -gt "$hwm_max" ] && hwm_max=$hwm
	stop
done
say ""
[ -t 2 ] && echo >&2

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v n="$1" -v c="$2" '$1 == n { print $c }' "$work/results" | median; }
floor=$(col healthz 2)
printf 'ipsdesk %s, %d people (seed %s), wrk -t%d -c%d -d%ds (writes: -c%d), median of %d runs, %d CPUs\n' \
	"$BIN" "$CLIENTS" "$SEED" "$THREADS" "$CONNS" "$DURATION" "$WRITE_CONNS" "$RUNS" "$(nproc)"
printf '%-34s %10s %9s %9s %10s %8s\n' page req/s p50_ms p99_ms vs_healthz errors
for p in $PAGES; do
	case $p in
	healthz) what="GET /healthz (floor)" ;; caseload) what="GET /caseload" ;;
	person) what="GET /people/:id (audited read)" ;; inbox) what="GET /referrals (inbox)" ;;
	dashboard) what="GET /dashboard" ;; write) what="POST /people/:id/contacts" ;;
	mixed) what="mixed, ~10% writes (mixed.lua)" ;;
	esac
	r=$(col $p 2)
	printf '%-34s %10.0f %9.2f %9.2f %9.1f%% %8s\n' "$what" "$r" "$(col $p 3)" "$(col $p 4)" \
		"$(awk -v r="$r" -v f="$floor" 'BEGIN { print 100 * r / f }')" "$(col $p 5)"
done
printf 'peak RSS of the server (VmHWM, largest of the runs): %.1f MB\n' "$(awk -v k="$hwm_max" 'BEGIN { print k / 1024 }')"
