#!/bin/sh
# bench/import.sh — importing 1 million contact rows with every rule checked, against
# the floor: the SQLite shell's .import of the same CSV into a bare table (issue 6).
# Prints the medians of RUNS runs (default 3) and the ratio. Run by `make bench`.
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-build/rel/ipsdesk}
RUNS=${RUNS:-3}
CONTACTS=${CONTACTS:-1000000}
work=${WORK:-build/bench/import}
rm -rf "$work"; mkdir -p "$work/people" "$work/contacts"
awk -v dir="$work/people" -v referrals=50000 -v contacts="$CONTACTS" -v seed=1 -f bench/gen_interchange.awk
mv "$work/people/contacts.csv" "$work/contacts/contacts.csv"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
secs() { # secs CMD...: wall seconds of one run
	s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN { print e - s }'
}
floor=""; ours=""
for i in $(seq "$RUNS"); do
	rm -f "$work/floor.db"
	floor="$floor $(secs sqlite3 "$work/floor.db" -cmd '.mode csv' ".import $work/contacts/contacts.csv contact")"
	rm -f "$work/ips.db" "$work/ips.db-wal" "$work/ips.db-shm" "$work/ips.db.auditkey"
	"$BIN" init --db "$work/ips.db" > /dev/null
	"$BIN" import --db "$work/ips.db" "$work/people" > /dev/null
	ours="$ours $(secs "$BIN" import --db "$work/ips.db" "$work/contacts")"
done
f=$(echo $floor | tr ' ' '\n' | median)
o=$(echo $ours | tr ' ' '\n' | median)
printf 'import of %d contact rows (median of %d): sqlite3 .import %.2f s, ipsdesk import %.2f s\n' "$CONTACTS" "$RUNS" "$f" "$o"
awk -v n="$CONTACTS" -v o="$o" -v f="$f" 'BEGIN { printf "ipsdesk: %.0f rows/s; ratio to the floor %.1fx\n", n / o, o / f }'
