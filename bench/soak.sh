#!/bin/sh
# bench/soak.sh — the soak of issue 7: SOAK_SECONDS (default 600) of mixed load at 64
# connections with wrk (bench/mixed.lua: caseload, a person's record, the inbox, the
# dashboard, vacancies, a person's matches, and about 10% writes recording a contact
# through the web form with its CSRF token), against a fresh copy of a demo database.
# Samples the server's RSS (VmRSS) every RSS_EVERY seconds into $WORK/rss, and prints
# requests, req/s, p50/p99, answers by class, wrk's socket errors, RSS at the start,
# peak and end, the mean of each quarter and the RSS slope over the second half. Fails
# (exit 1) on any 5xx, on the server dying, or on RSS growing more than 20% over the
# second half (the mean of the last quarter's samples against the third quarter's).
# Run by `make soak`; never part of `make check`. A short run (SOAK_SECONDS=60) gives
# the pages' figures under a 10% write mix.
#   BIN=build/rel/ipsdesk CLIENTS=2000 SEED=1 CONNS=64 THREADS=2 SOAK_SECONDS=600
#   RSS_EVERY=10 SPECIALISTS=8
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-build/rel/ipsdesk}
CLIENTS=${CLIENTS:-2000}
SEED=${SEED:-1}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
SOAK_SECONDS=${SOAK_SECONDS:-600}
RSS_EVERY=${RSS_EVERY:-10}
SPECIALISTS=${SPECIALISTS:-8}
work=${WORK:-build/bench/soak}
mkdir -p "$work"
command -v wrk > /dev/null || { echo "bench/soak.sh: needs wrk (scripts/deps.sh installs it)" >&2; exit 1; }

. bench/serve.sh
demo_db bench/soak.sh
sampler=""
stop_all() {
	[ -n "$sampler" ] && kill "$sampler" 2> /dev/null; sampler=""
	stop
}
trap stop_all EXIT INT TERM
start bench/soak.sh

# each specialist: "COOKIE CSRF ID,ID,..." (the people on their caseload)
specs=""
i=0
while [ "$i" -lt "$SPECIALISTS" ]; do
	i=$((i + 1))
	c=$(sign_in "specialist$i")
	[ -n "$c" ] || { echo "bench/soak.sh: sign-in failed for specialist$i" >&2; exit 1; }
	people=$(curl -s -H "Cookie: $c" "$base/caseload" | grep -o 'href="/people/[0-9]*"' | tr -dc '0-9\n' | sort -u | paste -sd, -)
	[ -n "$people" ] || continue
	first=${people%%,*}
	csrf=$(curl -s -H "Cookie: $c" "$base/people/$first/contacts/new" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	[ -n "$csrf" ] || { echo "bench/soak.sh: no CSRF token for specialist$i" >&2; exit 1; }
	specs="$specs${specs:+;}$c $csrf $people"
done
[ -n "$specs" ] || { echo "bench/soak.sh: no specialist has anybody on their caseload" >&2; exit 1; }
leader=$(sign_in leader1)
[ -n "$leader" ] || { echo "bench/soak.sh: sign-in failed for leader1" >&2; exit 1; }
d=$(date -d yesterday +%d | sed 's/^0//'); m=$(date -d yesterday +%m | sed 's/^0//'); y=$(date -d yesterday +%Y)

# RSS sampler: "SECONDS KB" lines, from the start of the load
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$pid/status" 2> /dev/null || true; }
rm -f "$work/rss"
t0=$(date +%s)
( while :; do r=$(rss); [ -n "$r" ] && echo "$(($(date +%s) - t0)) $r" >> "$work/rss"; sleep "$RSS_EVERY"; done ) &
sampler=$!

echo "bench/soak.sh: $SOAK_SECONDS s of mixed load at $CONNS connections ($(echo "$specs" | tr ';' '\n' | wc -l) specialists, leader1)..." >&2
set +e
SPECIALISTS="$specs" LEADER="$leader" DATE="date-day=$d&date-month=$m&date-year=$y" \
	wrk -t"$THREADS" -c"$CONNS" -d"${SOAK_SECONDS}s" --latency -s bench/mixed.lua "$base/" > "$work/wrk.out" 2>&1
wrk_rc=$?
set -e
kill "$sampler" 2> /dev/null; wait "$sampler" 2> /dev/null || true; sampler=""
alive=yes
r=$(rss)
if [ -n "$r" ]; then echo "$(($(date +%s) - t0)) $r" >> "$work/rss"; else alive=no; fi

out="$work/wrk.out"
ms() { echo "$1" | awk '{ v = $1 + 0; if ($1 ~ /us$/) v /= 1000; else if ($1 ~ /[0-9]s$/ && $1 !~ /ms$/) v *= 1000; printf "%.2f", v }'; }
requests=$(awk '/requests in/ { print $1 }' "$out")
rps=$(awk '/^Requests\/sec/ { print $2 }' "$out")
p50=$(ms "$(awk '$1 == "50%" { print $2 }' "$out")")
p99=$(ms "$(awk '$1 == "99%" { print $2 }' "$out")")
c4=$(awk '/^answers/ { print $5 }' "$out"); c5=$(awk '/^answers/ { print $7 }' "$out")
other=$(awk '/^answers/ { print $9 }' "$out")
sock=$(awk '/Socket errors/ { sub(/.*Socket errors: */, ""); print }' "$out")

printf 'ipsdesk %s, %d people (seed %s), wrk -t%d -c%d -d%ds, bench/mixed.lua, %d CPUs, %s\n' \
	"$BIN" "$CLIENTS" "$SEED" "$THREADS" "$CONNS" "$SOAK_SECONDS" "$(nproc)" "$(date -u +%Y-%m-%dT%H:%MZ)"
printf 'requests %s, %s req/s, p50 %s ms, p99 %s ms\n' "${requests:-?}" "${rps:-?}" "$p50" "$p99"
awk '/^status/ { printf "  HTTP %s: %s\n", $2, $3 }' "$out"
printf 'non-2xx/3xx answers: 4xx %s, 5xx %s, other %s\n' "${c4:-?}" "${c5:-?}" "${other:-?}"
printf 'wrk socket errors: %s\n' "${sock:-none}"
# RSS: first sample, peak, last sample; the mean of each quarter of the run; over the
# second half, the least-squares slope, and the growth of the last quarter's mean on the
# third's (RSS swings by tens of MB from one sample to the next as dashboards come and
# go, so one sample against another, or a line fitted through so few, says little)
awk -v secs="$SOAK_SECONDS" '
	NR == 1 { first = $2 } { last = $2; if ($2 > peak) peak = $2 }
	{ q = int(4 * $1 / secs); if (q > 3) q = 3; qn[q]++; qs[q] += $2 }
	$1 >= secs / 2 { n++; sx += $1; sy += $2; sxx += $1 * $1; sxy += $1 * $2 }
	END {
		slope = (n > 1 && n * sxx - sx * sx > 0) ? (n * sxy - sx * sy) / (n * sxx - sx * sx) : 0
		for (q = 0; q < 4; q++) qm[q] = qn[q] ? qs[q] / qn[q] : 0
		grow = qm[2] > 0 ? 100 * (qm[3] - qm[2]) / qm[2] : 0
		printf "server RSS (VmRSS, %d samples): start %.1f MB, peak %.1f MB, end %.1f MB\n", NR, first / 1024, peak / 1024, last / 1024
		printf "mean RSS by quarter: %.1f, %.1f, %.1f, %.1f MB\n", qm[0] / 1024, qm[1] / 1024, qm[2] / 1024, qm[3] / 1024
		printf "second half: %+.2f MB/min (least squares over %d samples); mean of the last quarter %+.1f%% on the third\n",
			slope * 60 / 1024, n, grow
		print (grow > 20) ? "grew" : "flat" > "/dev/stderr"
	}
' "$work/rss" 2> "$work/rss.verdict"

fail=0
[ "$wrk_rc" -eq 0 ] || { echo "FAIL: wrk exited $wrk_rc" >&2; cat "$out" >&2; fail=1; }
[ -n "$c5" ] || { echo "FAIL: no status counts from bench/mixed.lua" >&2; fail=1; }
[ "${c5:-0}" -eq 0 ] || { echo "FAIL: $c5 answers were 5xx (server stderr: $work/serve.err)" >&2; fail=1; }
[ "$alive" = yes ] || { echo "FAIL: the server died (stderr follows)" >&2; tail -20 "$work/serve.err" >&2; fail=1; }
[ "$(cat "$work/rss.verdict")" = flat ] || { echo "FAIL: RSS grew more than 20% over the second half (last quarter on the third)" >&2; fail=1; }
[ "$fail" -eq 0 ] && echo "zero 5xx, memory flat: pass"
exit "$fail"
