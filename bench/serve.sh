# bench/serve.sh — what the page benchmarks share (sourced, not run): the demo database
# they load (made once per CLIENTS/SEED in $work and kept), a server on a fresh copy of
# it, and signing in. The caller sets BIN, CLIENTS, SEED and work, and may set WRAP to
# run the server under another program (bench/instructions.sh: valgrind).
# After demo_db: demo, password. After start: pid, base. stop kills the server.

# demo_db NAME: makes the demo database unless it is there; NAME prefixes messages
demo_db() {
	demo="$work/demo-$CLIENTS-$SEED.db"
	if [ ! -f "$demo" ] || [ ! -f "$work/demo-$CLIENTS-$SEED.password" ]; then
		echo "$1: making the demo database ($CLIENTS people)..." >&2
		rm -f "$demo" "$demo-wal" "$demo-shm" "$demo.auditkey"
		"$BIN" demo --db "$demo" --clients "$CLIENTS" --seed "$SEED" > "$work/demo.out"
		# the password is the indented line after "password"
		awk '/password/ { getline; getline; gsub(/ /, ""); print; exit }' "$work/demo.out" \
			> "$work/demo-$CLIENTS-$SEED.password"
	fi
	password=$(cat "$work/demo-$CLIENTS-$SEED.password")
}

pid=""
stop() { [ -n "$pid" ] && kill "$pid" 2> /dev/null && wait "$pid" 2> /dev/null; pid=""; }

# start NAME: serves a fresh copy of the demo database (the writes and audited reads of
# a run grow it); sets pid and base
start() {
	stop
	db="$work/run.db"
	rm -f "$db" "$db-wal" "$db-shm" "$db.auditkey" "$db.reads" "$db.reads-wal" "$db.reads-shm"
	sqlite3 "$demo" ".backup '$db'"
	[ ! -f "$demo.reads" ] || sqlite3 "$demo.reads" ".backup '$db.reads'"
	cp "$demo.auditkey" "$db.auditkey"
	${WRAP:-} "$BIN" serve --db "$db" --listen 127.0.0.1:0 > "$work/serve.out" 2> "$work/serve.err" &
	pid=$!
	for _ in $(seq 300); do
		base=$(sed -n 's|^ipsdesk: serving \(http://[^ ]*\)/$|\1|p' "$work/serve.out")
		[ -n "$base" ] && return 0
		sleep 0.1
	done
	echo "$1: the server did not start" >&2; cat "$work/serve.err" >&2; exit 1
}

# sign_in USER: prints the signed-in session cookie (name=value)
sign_in() {
	jar="$work/jar.$1"
	rm -f "$jar"
	csrf=$(curl -s -c "$jar" "$base/sign-in" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$csrf" --data-urlencode "username=$1" \
		--data-urlencode "password=$password" "$base/sign-in"
	awk '$6 == "ipsdesk_sid" { print $6 "=" $7 }' "$jar"
}
