#!/bin/sh
# bench/instructions.sh — the user-space instructions the server runs per request for
# each page (valgrind's callgrind, all threads, the read log's writer included), for
# BIN and, when given, BASE on the same demo database. Unlike the timings of
# bench/pages.sh, the count hardly moves with the machine's other load, so it shows what
# one change to a page's code saved where wrk's figures on a shared machine cannot.
# It counts no kernel time and no waiting: a page can get cheaper here and no faster
# under load. N requests one after another (after five to warm the caches), per page
# (the dashboard: N/10, at least 5).
# Needs valgrind (scripts/deps.sh installs it). Run by `make bench`.
#   BIN=build/rel/ipsdesk BASE= CLIENTS=2000 SEED=1 N=100 PAGES="healthz caseload person inbox dashboard"
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-build/rel/ipsdesk}
BASE=${BASE:-}
CLIENTS=${CLIENTS:-2000}
SEED=${SEED:-1}
N=${N:-100}
PAGES=${PAGES:-healthz caseload person inbox dashboard}
work=${WORK:-build/bench/pages}
mkdir -p "$work"
command -v valgrind > /dev/null || { echo "bench/instructions.sh: needs valgrind (scripts/deps.sh installs it)" >&2; exit 1; }

. bench/serve.sh
demo_db bench/instructions.sh
trap stop EXIT INT TERM

# count BINARY PAGE: prints the instructions per request of PAGE served by BINARY. Run
# in a subshell ($(count ...)): its server is stopped by a trap of its own.
count() {
	out="$work/callgrind.out"
	rm -f "$out" "$out".*
	bin=$BIN
	BIN=$1
	WRAP="valgrind --tool=callgrind --callgrind-out-file=$out --dump-instr=no"
	start bench/instructions.sh
	trap stop EXIT INT TERM
	BIN=$bin
	WRAP=""
	es=$(sign_in specialist1)
	tl=$(sign_in leader1)
	[ -n "$es" ] && [ -n "$tl" ] || { echo "bench/instructions.sh: sign-in failed" >&2; exit 1; }
	person=$(curl -s -H "Cookie: $es" "$base/caseload" | grep -o 'href="/people/[0-9]*"' | head -1 | tr -dc 0-9)
	case $2 in
	healthz) path=/healthz; cookie=$es ;;
	caseload) path=/caseload; cookie=$es ;;
	person) path=/people/$person; cookie=$es ;;
	inbox) path=/referrals; cookie=$tl ;;
	dashboard) path=/dashboard; cookie=$tl ;;
	*) echo "bench/instructions.sh: no page $2" >&2; exit 1 ;;
	esac
	for _ in 1 2 3 4 5; do curl -s -o /dev/null -H "Cookie: $cookie" "$base$path"; done
	callgrind_control -z "$pid" > /dev/null 2>&1   # from here on
	n=$N   # the dashboard computes some 57 reports a request: a tenth as many
	[ "$2" = dashboard ] && n=$((N / 10 > 5 ? N / 10 : 5))
	i=0
	while [ "$i" -lt "$n" ]; do
		code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
		[ "$code" = 200 ] || { echo "bench/instructions.sh: $path answered $code" >&2; exit 1; }
		i=$((i + 1))
	done
	callgrind_control -d "$pid" > /dev/null 2>&1   # written to $out.1 (the whole run goes to $out at exit)
	for _ in $(seq 50); do [ -s "$out.1" ] && break; sleep 0.1; done
	stop
	ir=$(callgrind_annotate "$out.1" 2> /dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
	[ -n "$ir" ] || { echo "bench/instructions.sh: callgrind wrote no count for $2" >&2; exit 1; }
	echo $((ir / n))
}

echo "ipsdesk user-space instructions per request (callgrind), $CLIENTS people (seed $SEED), $N requests in turn"
if [ -n "$BASE" ]; then
	printf '%-12s %14s %14s %8s\n' page "$(basename "$BASE")" "$(basename "$BIN")" ratio
else
	printf '%-12s %14s\n' page "$(basename "$BIN")"
fi
for p in $PAGES; do
	new=$(count "$BIN" "$p")
	if [ -n "$BASE" ]; then
		old=$(count "$BASE" "$p")
		printf '%-12s %14s %14s %8s\n' "$p" "$old" "$new" "$(awk -v a="$new" -v b="$old" 'BEGIN { printf "%.2f", a / b }')"
	else
		printf '%-12s %14s\n' "$p" "$new"
	fi
done
