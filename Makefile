# ipsdesk — build, run, check. Plain make + pkg-config.
#   make run     install what is missing, build, make a demo database, serve it
#   make check   install what is missing, build with sanitizers, run every suite
#   make         build the release binary (build/rel/ipsdesk)

CC      ?= cc
# B: the build directory (separate trees can build side by side: make B=build-x check)
B       ?= build
PKGS    := sqlite3 libmicrohttpd jansson libsodium
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -lpthread
WARN    := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral \
           -Wstrict-prototypes -Wmissing-prototypes -Wvla
INC     := -Isrc -Ibuild/gen
REL_CFLAGS := $(WARN) -O2 -g -fstack-protector-strong -D_FORTIFY_SOURCE=2
DBG_CFLAGS := $(WARN) -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
DBG_LDFLAGS := -fsanitize=address,undefined

DB      ?= ipsdesk.db
LISTEN  ?= 127.0.0.1:8080
SEED    ?= 1
CLIENTS ?= 400

LIB_SRC  := $(filter-out src/main.c,$(shell find src -name '*.c' | sort))
GEN_SRC  := $(B)/gen/embedded_assets.c $(B)/gen/embedded_schema.c
SCHEMA   := $(sort $(wildcard src/store/schema/*.sql))
ASSETS_IN := src/web/assets/ipsdesk.scss src/web/assets/ipsdesk.js
HDRS     := $(shell find src -name '*.h')

REL_OBJ  := $(patsubst %.c,$(B)/rel/%.o,$(LIB_SRC) $(GEN_SRC))
DBG_OBJ  := $(patsubst %.c,$(B)/dbg/%.o,$(LIB_SRC) $(GEN_SRC))

UNIT_TESTS  := $(patsubst tests/%.c,$(B)/dbg/tests/%,$(sort $(wildcard tests/unit/test_*.c tests/store/test_*.c)))

.PHONY: all run check deps clean test-unit test-http test-browser fuzz
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

ASSET_FILES = $(B)/gen/ipsdesk.css src/web/assets/ipsdesk.js \
	$(wildcard node_modules/nhsuk-frontend/dist/nhsuk/assets/images/*.svg) \
	node_modules/nhsuk-frontend/dist/nhsuk/assets/images/favicon.ico
$(B)/gen/embedded_assets.c: $(B)/gen/ipsdesk.css src/web/assets/ipsdesk.js scripts/embed.sh
	./scripts/embed.sh assets $@ $(ASSET_FILES)

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

$(B)/dbg/tests/%: tests/%.c tests/testutil.h $(B)/dbg/libipsdesk.a
	@mkdir -p $(dir $@)
	$(CC) $(DBG_CFLAGS) -Wno-missing-prototypes $(INC) -Itests $(PKG_CFLAGS) -o $@ $< $(B)/dbg/libipsdesk.a $(PKG_LIBS) -lcmocka $(DBG_LDFLAGS)

# --- the two commands --------------------------------------------------------------
run: deps $(B)/rel/ipsdesk
	@test -f $(DB) || $(B)/rel/ipsdesk demo --db $(DB) --clients $(CLIENTS) --seed $(SEED)
	$(B)/rel/ipsdesk serve --db $(DB) --listen $(LISTEN)

check: deps $(B)/dbg/ipsdesk $(B)/rel/ipsdesk $(UNIT_TESTS)
	@B=$(B) ./tests/run.sh $(UNIT_TESTS)

clean:
	rm -rf build
