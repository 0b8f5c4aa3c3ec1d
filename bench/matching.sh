#!/bin/sh
# bench/matching.sh — matching both ways on a 20,000-person site with 10,000 open
# vacancies (issue 3), against a filter-only SQLite query on the same data: makes the
# database with `ipsdesk demo` (once a day: its dates count back from today), copies it
# afresh (the timed use cases audit each view, so they write), and runs
# bench/matching.c on the copy. Run by `make bench`.
#   BIN, MATCHING    the release binary and the benchmark (build/rel/...)
#   CLIENTS, VACANCIES, SEED, REPS   20000, 10000 (open per site), 1, 200
#   WORK             where the databases go (build/bench/matching)
#   FAST             scratch directory for making the demo (default /dev/shm when there
#                    is one): the demo commits tens of thousands of small transactions,
#                    each fsynced; the copy that is timed lives in WORK, on the real disk
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-build/rel/ipsdesk}
MATCHING=${MATCHING:-build/rel/bench/matching}
CLIENTS=${CLIENTS:-20000}
VACANCIES=${VACANCIES:-10000}
SEED=${SEED:-1}
REPS=${REPS:-200}
work=${WORK:-build/bench/matching}
fast=${FAST:-/dev/shm}
[ -d "$fast" ] && [ -w "$fast" ] || fast=$work
mkdir -p "$work"

name="demo-$(date +%Y-%m-%d)-$CLIENTS-$VACANCIES-$SEED.db"
demo="$work/$name"
if [ ! -f "$demo" ]; then
	rm -f "$work"/demo-*.db "$work"/demo-*.db.auditkey
	scratch="$fast/ipsdesk-bench-$$.db"
	rm -f "$scratch" "$scratch.auditkey"
	echo "making $demo (ipsdesk demo --clients $CLIENTS --sites 1 --vacancies $VACANCIES --seed $SEED) ..."
	s=$(date +%s)
	"$BIN" demo --db "$scratch" --clients "$CLIENTS" --sites 1 --vacancies "$VACANCIES" --seed "$SEED" |
		head -1
	echo "made in $(($(date +%s) - s)) s"
	mv "$scratch.auditkey" "$demo.auditkey"
	mv "$scratch" "$demo"
fi
run="$work/run.db"
rm -f "$run" "$run-wal" "$run-shm" "$run.auditkey"
cp "$demo" "$run"
cp "$demo.auditkey" "$run.auditkey"
chmod 600 "$run.auditkey"
echo "matching, medians of $REPS calls each (release build, synchronous = FULL, $(nproc) CPUs):"
"$MATCHING" "$run" "$REPS"
