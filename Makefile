# ipsdesk — build, run, check. Plain make + pkg-config.
#   make run     install what is missing, build, make a demo database, serve it
#   make check   install what is missing, build with sanitizers, run every suite
#   make         build the release binary (build/rel/ipsdesk)

CC      ?= cc
# B: the build directory (separate trees can build side by side: make B=build-x check)
B       ?= build
PKGS    := sqlite3 libmicrohttpd jansson libsodium xlsxwriter
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -lpthread
WARN    := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral \
           -Wstrict-prototypes -Wmissing-prototypes -Wvla
INC     := -Isrc -I$(B)/gen
REL_CFLAGS := $(WARN) -O2 -g -fstack-protector-strong -D_FORTIFY_SOURCE=2
DBG_CFLAGS := $(WARN) -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
DBG_LDFLAGS := -fsanitize=address,undefined

DB      ?= ipsdesk.db
LISTEN  ?= 127.0.0.1:8080
SEED    ?= 1
CLIENTS ?= 400

LIB_SRC  := $(filter-out src/main.c,$(shell find src -name '*.c' | sort))
GEN_SRC  := $(B)/gen/embedded_assets.c $(B)/gen/embedded_schema.c $(B)/gen/embedded_docs.c
# reference data (issue 3): outcode centroids and SOC 2020 job types compiled in from data/
GEN_SRC  += $(B)/gen/outcodes.c $(B)/gen/soc2020.c
SCHEMA   := $(sort $(wildcard src/store/schema/*.sql))
ASSETS_IN := src/web/assets/ipsdesk.scss src/web/assets/_dashboard.scss src/web/assets/ipsdesk.js \
	src/web/assets/dashboard.js
HDRS     := $(shell find src -name '*.h')

REL_OBJ  := $(patsubst %.c,$(B)/rel/%.o,$(LIB_SRC) $(GEN_SRC))
DBG_OBJ  := $(patsubst %.c,$(B)/dbg/%.o,$(LIB_SRC) $(GEN_SRC))

UNIT_TESTS  := $(patsubst tests/%.c,$(B)/dbg/tests/%,$(sort $(wildcard tests/unit/test_*.c tests/store/test_*.c)))

.PHONY: all run check deps clean test-unit test-http test-browser fuzz bench bench-national soak
all: $(B)/rel/ipsdesk

deps:
	@./scripts/deps.sh

# --- generated sources: schema and assets embedded in the binary ---------------
$(B)/gen/embedded_schema.c: $(SCHEMA) scripts/embed.sh
	@mkdir -p $(B)/gen
	./scripts/embed.sh schema $@ $(SCHEMA)

$(B)/gen/ipsdesk.css: $(ASSETS_IN) package-lock.json
	@mkdir -p $(B)/gen
	npx --no-install sass --quiet --load-path=node_modules --style=compressed --no-source-map src/web/assets/ipsdesk.scss $@

ASSET_FILES = $(B)/gen/ipsdesk.css src/web/assets/ipsdesk.js src/web/assets/dashboard.js \
	node_modules/chart.js/dist/chart.umd.min.js \
	$(wildcard node_modules/nhsuk-frontend/dist/nhsuk/assets/images/*.svg) \
	node_modules/nhsuk-frontend/dist/nhsuk/assets/images/favicon.ico
$(B)/gen/embedded_assets.c: $(B)/gen/ipsdesk.css src/web/assets/ipsdesk.js src/web/assets/dashboard.js \
		node_modules/chart.js/dist/chart.umd.min.js scripts/embed.sh
	./scripts/embed.sh assets $@ $(ASSET_FILES)

# reference data (issue 3): data/outcodes.csv, data/soc2020.csv -> tables for core/geo.c, core/soc.c
$(B)/gen/outcodes.c: data/outcodes.csv scripts/gen_outcodes.sh
	@mkdir -p $(B)/gen
	./scripts/gen_outcodes.sh data/outcodes.csv $@
$(B)/gen/soc2020.c: data/soc2020.csv scripts/gen_soc2020.sh
	@mkdir -p $(B)/gen
	./scripts/gen_soc2020.sh data/soc2020.csv $@

# docs/openapi.json, served at /api/v1/openapi.json
$(B)/gen/embedded_docs.c: docs/openapi.json scripts/embed.sh
	@mkdir -p $(B)/gen
	./scripts/embed.sh docs $@ docs/openapi.json

# --- objects ---------------------------------------------------------------------
$(B)/rel/%.o: %.c $(HDRS) | $(B)/gen/embedded_schema.c
	@mkdir -p $(dir $@)
	$(CC) $(REL_CFLAGS) $(INC) $(PKG_CFLAGS) -c $< -o $@

$(B)/dbg/%.o: %.c $(HDRS) | $(B)/gen/embedded_schema.c
	@mkdir -p $(dir $@)
	$(CC) $(DBG_CFLAGS) $(INC) $(PKG_CFLAGS) -c $< -o $@

$(B)/rel/libipsdesk.a: $(REL_OBJ)
	rm -f $@; ar rcs $@ $^
$(B)/dbg/libipsdesk.a: $(DBG_OBJ)
	rm -f $@; ar rcs $@ $^

$(B)/rel/ipsdesk: $(B)/rel/src/main.o $(B)/rel/libipsdesk.a
	$(CC) -o $@ $^ $(PKG_LIBS)
$(B)/dbg/ipsdesk: $(B)/dbg/src/main.o $(B)/dbg/libipsdesk.a
	$(CC) $(DBG_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/dbg/tests/%: tests/%.c tests/testutil.h tests/store/storetest.h $(B)/dbg/libipsdesk.a
	@mkdir -p $(dir $@)
	$(CC) $(DBG_CFLAGS) -Wno-missing-prototypes $(INC) -Itests $(PKG_CFLAGS) -o $@ $< $(B)/dbg/libipsdesk.a $(PKG_LIBS) -lcmocka $(DBG_LDFLAGS)

# --- the two commands --------------------------------------------------------------
run: deps $(B)/rel/ipsdesk
	@test -f $(DB) || $(B)/rel/ipsdesk demo --db $(DB) --clients $(CLIENTS) --seed $(SEED)
	$(B)/rel/ipsdesk serve --db $(DB) --listen $(LISTEN)


# make bench: the benchmarks under bench/ (not part of make check); figures go in BENCHMARKS.md.
bench: deps $(B)/rel/ipsdesk $(B)/rel/bench/matching $(B)/rel/bench/commit
	BIN=$(B)/rel/ipsdesk WORK=$(B)/bench/import ./bench/import.sh
	@mkdir -p $(B)/bench   # commits a second, 1 and 8 writers, fsync as is and 2 or 5 ms slower
	for cfg in "1 300 0" "8 300 0" "8 40 2000" "8 30 5000"; do $(B)/rel/bench/commit $(B)/bench/commit.db $$cfg; done
	BIN=$(B)/rel/ipsdesk WORK=$(B)/bench/pages ./bench/pages.sh
	BIN=$(B)/rel/ipsdesk WORK=$(B)/bench/pages CLIENTS=20000 ./bench/pages.sh   # the large trust
	BIN=$(B)/rel/ipsdesk WORK=$(B)/bench/pages ./bench/instructions.sh
	BIN=$(B)/rel/ipsdesk MATCHING=$(B)/rel/bench/matching WORK=$(B)/bench/matching ./bench/matching.sh

# make bench-national: the outcome report at national scale (issues 4 and 7; not in make
# bench: building its 10-million-contact database takes 10 minutes or more, kept in
# $(B)/bench/national and reused — delete that directory to rebuild it).
bench-national: deps $(B)/rel/ipsdesk
	BIN=$(B)/rel/ipsdesk WORK=$(B)/bench/national ./bench/national.sh

# make soak: SOAK_SECONDS (default 600) of mixed load at 64 connections with zero 5xx and
# flat memory (bench/soak.sh, issue 7; not part of make check); figures in BENCHMARKS.md.
soak: deps $(B)/rel/ipsdesk
	BIN=$(B)/rel/ipsdesk WORK=$(B)/bench/soak ./bench/soak.sh

# bench/commit.c: changes a second through the store, fsync as slow as asked (issue 7)
$(B)/rel/bench/commit: bench/commit.c $(B)/rel/libipsdesk.a
	@mkdir -p $(dir $@)
	$(CC) $(REL_CFLAGS) $(INC) $(PKG_CFLAGS) -o $@ $< $(B)/rel/libipsdesk.a $(PKG_LIBS)

# bench/matching.c: times app/ matching through the release library (issue 3)
$(B)/rel/bench/matching: bench/matching.c $(B)/rel/libipsdesk.a
	@mkdir -p $(dir $@)
	$(CC) $(REL_CFLAGS) $(INC) $(PKG_CFLAGS) -o $@ $< $(B)/rel/libipsdesk.a $(PKG_LIBS)

clean:
	rm -rf build

# --- fuzzing: libFuzzer harnesses for every parser of outside input (tests/fuzz/) ----
# Needs clang with its libFuzzer runtime (clang, libclang-rt-14-dev: scripts/deps.sh).
# Each harness is compiled with the few library sources it needs, nothing else.
#   make fuzz          builds each harness into $(B)/fuzz/ and runs it for FUZZ_SECONDS
#                      (default 60) on a scratch copy of its seed corpus
#                      (tests/fuzz/corpus/NAME/ -> $(B)/fuzz/corpus/NAME/), so inputs it
#                      finds never land in the repository. Fails if any harness crashes,
#                      leaks, trips ASan/UBSan or a check, or times out; the input that
#                      did it is left in $(B)/fuzz/artifacts/ (add it to the corpus as a
#                      regression once fixed). Logs: $(B)/fuzz/NAME.log.
#   make fuzz-regress  builds the harnesses and runs each committed corpus input once
#                      (a few seconds; for make check).
FUZZ_CC       ?= clang
FUZZ_SECONDS  ?= 60
FUZZ_CFLAGS   := $(WARN) -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
                 -fno-sanitize-recover=undefined
FUZZ_NAMES    := form cookie fields csv multipart
# reference data (issue 3): postcode -> outcode -> centroid -> miles
FUZZ_NAMES    += postcode
# issue 6: the API's JSON bodies
FUZZ_NAMES    += json
FUZZ_BINS     := $(patsubst %,$(B)/fuzz/fuzz_%,$(FUZZ_NAMES))
FUZZ_KV_SRC   := src/util/arena.c src/util/kv.c
FUZZ_KV_HDR   := src/util/arena.h src/util/kv.h
FUZZ_CORE_SRC := src/core/nhs_number.c src/core/date.c src/core/validate.c
FUZZ_CORE_HDR := src/core/nhs_number.h src/core/date.h src/core/validate.h
FUZZ_CSV_SRC  := src/util/csv.c src/util/buf.c $(FUZZ_KV_SRC) src/core/interchange.c src/core/codes.c \
                 $(FUZZ_CORE_SRC)
FUZZ_CSV_HDR  := src/util/csv.h src/util/buf.h src/core/interchange.h src/core/codes.h $(FUZZ_KV_HDR) \
                 $(FUZZ_CORE_HDR)
FUZZ_MP_SRC   := src/util/multipart.c src/util/buf.c $(FUZZ_KV_SRC)
FUZZ_MP_HDR   := src/util/multipart.h src/util/buf.h $(FUZZ_KV_HDR)
FUZZ_GEO_SRC  := src/core/geo.c $(B)/gen/outcodes.c
FUZZ_GEO_HDR  := src/core/geo.h
FUZZ_ENV      := ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

$(B)/fuzz/fuzz_form: tests/fuzz/fuzz_form.c $(FUZZ_KV_SRC) $(FUZZ_KV_HDR)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc -o $@ $< $(FUZZ_KV_SRC)
$(B)/fuzz/fuzz_cookie: tests/fuzz/fuzz_cookie.c $(FUZZ_KV_SRC) $(FUZZ_KV_HDR)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc -o $@ $< $(FUZZ_KV_SRC)
$(B)/fuzz/fuzz_fields: tests/fuzz/fuzz_fields.c $(FUZZ_CORE_SRC) $(FUZZ_CORE_HDR)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc -o $@ $< $(FUZZ_CORE_SRC)
$(B)/fuzz/fuzz_csv: tests/fuzz/fuzz_csv.c $(FUZZ_CSV_SRC) $(FUZZ_CSV_HDR)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc -o $@ $< $(FUZZ_CSV_SRC)
$(B)/fuzz/fuzz_multipart: tests/fuzz/fuzz_multipart.c $(FUZZ_MP_SRC) $(FUZZ_MP_HDR)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc -o $@ $< $(FUZZ_MP_SRC)

# every body the API's writes take (web/api_bodies.c: tables over app/app.h's form structs,
# nothing to link but jsonform.c)
$(B)/fuzz/fuzz_json: tests/fuzz/fuzz_json.c src/util/jsonform.c src/util/jsonform.h src/web/api_bodies.c \
		src/web/api_bodies.h $(HDRS) $(FUZZ_KV_SRC) $(FUZZ_KV_HDR)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc -o $@ $< src/util/jsonform.c src/util/arena.c src/web/api_bodies.c \
		$(shell pkg-config --cflags --libs jansson)

$(B)/fuzz/fuzz_postcode: tests/fuzz/fuzz_postcode.c $(FUZZ_GEO_SRC) $(FUZZ_GEO_HDR)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc -o $@ $< $(FUZZ_GEO_SRC) -lm

.PHONY: fuzz-regress
fuzz: $(FUZZ_BINS)
	@mkdir -p $(B)/fuzz/artifacts $(B)/fuzz/corpus; fail=0; \
	for n in $(FUZZ_NAMES); do \
		rm -rf $(B)/fuzz/corpus/$$n; cp -R tests/fuzz/corpus/$$n $(B)/fuzz/corpus/$$n; \
		log=$(B)/fuzz/$$n.log; echo "fuzz_$$n: fuzzing for $(FUZZ_SECONDS) s ..."; \
		if $(FUZZ_ENV) $(B)/fuzz/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
			-print_final_stats=1 -artifact_prefix=$(B)/fuzz/artifacts/$$n- \
			$(B)/fuzz/corpus/$$n > $$log 2>&1; then \
			echo "fuzz_$$n: ok, $$(grep '^Done ' $$log | tail -1), corpus now $$(ls $(B)/fuzz/corpus/$$n | wc -l) inputs"; \
		else \
			fail=1; echo "fuzz_$$n: FAILED (full log: $$log)"; \
			grep -E -m1 -A25 'check failed|runtime error|ERROR: ' $$log; \
			grep -E 'Test unit written to' $$log; \
		fi; \
	done; exit $$fail

fuzz-regress: $(FUZZ_BINS)
	@fail=0; \
	for n in $(FUZZ_NAMES); do \
		log=$(B)/fuzz/$$n-regress.log; \
		if $(FUZZ_ENV) $(B)/fuzz/fuzz_$$n tests/fuzz/corpus/$$n/* > $$log 2>&1; then \
			echo "fuzz_$$n: $$(ls tests/fuzz/corpus/$$n | wc -l) corpus inputs ok"; \
		else \
			fail=1; echo "fuzz_$$n: FAILED on the committed corpus (full log: $$log)"; \
			grep -E -B2 -m1 -A25 'check failed|runtime error|ERROR: ' $$log; \
		fi; \
	done; exit $$fail

# make check: defined after the fuzz section, whose harnesses it replays (tests/run.sh).
check: deps $(B)/dbg/ipsdesk $(B)/rel/ipsdesk $(UNIT_TESTS) $(FUZZ_BINS)
	@B=$(B) ./tests/run.sh $(UNIT_TESTS)
