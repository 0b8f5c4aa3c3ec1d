#!/bin/sh
# tests/run.sh BIN... — runs every suite (the cmocka binaries given, then the HTTP and
# browser suites under node's test runner), all as TAP, and ends with one line
# "N passed, N failed" summing them. Exit status 0 only when nothing failed.
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
out=$B/test-output
mkdir -p "$out"
pass=0; fail=0

count() { # count FILE: adds top-level TAP results of FILE to the totals
	p=$(grep -c '^ok ' "$1"); f=$(grep -c '^not ok ' "$1")
	pass=$((pass + p)); fail=$((fail + f))
	printf '%-40s %4d passed, %d failed\n' "$2" "$p" "$f"
	if [ "$f" -gt 0 ]; then grep -B2 -A12 '^not ok ' "$1" | head -80; fi
}

for t in "$@"; do
	name=$(echo "$t" | sed "s|$B/dbg/tests/||")
	log="$out/$(echo "$name" | tr / _).tap"
	CMOCKA_MESSAGE_OUTPUT=TAP "$t" > "$log" 2>&1
	rc=$?
	count "$log" "$name"
	if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$log"; then
		echo "not ok - $name exited with status $rc" >> "$log"; fail=$((fail + 1)); tail -20 "$log"
	fi
done

# The fuzz harnesses replay their committed corpus (every past crash stays fixed).
for h in "$B"/fuzz/fuzz_*; do
	[ -x "$h" ] || continue
	n=${h##*/fuzz_}
	log="$out/fuzz_$n.tap"
	if "$h" tests/fuzz/corpus/"$n"/* > "$out/fuzz_$n.log" 2>&1; then
		echo "ok - fuzz_$n replays $(ls tests/fuzz/corpus/$n | wc -l) inputs" > "$log"
	else
		echo "not ok - fuzz_$n failed on its corpus: see $out/fuzz_$n.log" > "$log"
	fi
	count "$log" "fuzz/$n"
done

# The API's OpenAPI document passes a standard validator (@redocly/cli, pinned in
# package.json); tests/http/api_v1.test.mjs checks it lists exactly the routes served.
log="$out/openapi.tap"
if REDOCLY_TELEMETRY=off npx --no-install redocly lint docs/openapi.json > "$out/openapi.log" 2>&1; then
	echo "ok - redocly lint docs/openapi.json" > "$log"
else
	echo "not ok - redocly lint docs/openapi.json: see $out/openapi.log" > "$log"
fi
count "$log" "openapi"

export IPSDESK_BIN="$PWD/$B/dbg/ipsdesk"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
for suite in cli http browser; do
	files=$(ls tests/$suite/*.test.mjs 2>/dev/null)
	[ -n "$files" ] || continue
	log="$out/$suite.tap"
	node --test --test-reporter=tap --test-concurrency=1 $files > "$log" 2>&1
	rc=$?
	count "$log" "$suite"
	if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$log"; then
		echo "$suite suite exited with status $rc"; tail -30 "$log"; fail=$((fail + 1))
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
