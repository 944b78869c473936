# samla — one GNU Makefile.
#
#   make            build build/samla
#   make run        install what is missing, build, create ./data (demo) if absent, serve on :8080
#   make check      install what is missing, build, run every test; ends with "N passed, N failed"
#   make asan       build build/asan/samla with AddressSanitizer + UBSan
#   make bench      wrk benchmark against nginx serving the same bytes; search at 1,000,000 articles; the
#                   operations figures: 1,000 connections, slow clients, kill -9, backup under load (not part of check)
#   make e2e        browser tests only
#   make fuzz       libFuzzer targets in fuzz/, each for FUZZ_SECONDS or FUZZ_RUNS (not part of check)
#   make install    the binary and the systemd units under DESTDIR/PREFIX (default /usr/local)
#   make clean

VERSION  := 0.1.0
PKGS     := libmicrohttpd sqlite3 jansson libsodium xlsxwriter libzip expat libmagic md4c-html libsystemd libcurl
CC       ?= cc
PORT     ?= 8080
LISTEN   ?= 127.0.0.1:$(PORT)

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla -Wformat=2 \
            -Wno-missing-field-initializers
HARDEN   := -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS := -Isrc -D_GNU_SOURCE -DSAMLA_VERSION='"$(VERSION)"' $(PKG_CFLAGS)
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c17 $(WARN) -MMD -MP -include src/base/banned.h
LDFLAGS  += -pie -Wl,-z,relro,-z,now
LDLIBS   := $(PKG_LIBS) -lstemmer -lm -lpthread

SRC      := $(wildcard src/base/*.c src/db/*.c src/app/*/*.c src/web/*.c src/cli/*.c)
LIB_SRC  := $(filter-out src/cli/%,$(SRC))
OBJ      := $(SRC:src/%.c=build/obj/%.o) build/obj/gen/embed.o
LIB_OBJ  := $(LIB_SRC:src/%.c=build/obj/%.o) build/obj/gen/embed.o
ASAN_OBJ := $(SRC:src/%.c=build/asan/obj/%.o) build/asan/obj/gen/embed.o
ASAN_LIB := $(LIB_SRC:src/%.c=build/asan/obj/%.o) build/asan/obj/gen/embed.o
ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

DS       := node_modules/@digdir/designsystemet-css/dist
INTER    := node_modules/@fontsource-variable/inter/files
LANGS    := nn en
MIGRATIONS := $(sort $(wildcard src/db/migrations/*.sql))
EMBED    := $(foreach m,$(MIGRATIONS),migrations/$(notdir $(m))=$(m)) \
            demo/demo.sql=src/db/demo/demo.sql \
            demo/groups.sql=src/db/demo/groups.sql \
            demo/consult.sql=src/db/demo/consult.sql \
            demo/work.sql=src/db/demo/work.sql \
            demo/present.sql=src/db/demo/present.sql \
            demo/figures.sql=src/db/demo/figures.sql \
            demo/figures-2026.json=src/db/demo/figures-2026.json \
            openapi.json=assets/openapi.json \
            $(foreach f,$(sort $(wildcard assets/openapi/*.json)),openapi/$(notdir $(f))=$(f)) \
            static/ds-theme.css=$(DS)/theme/designsystemet.css \
            static/ds-index.css=$(DS)/src/index.css \
            static/samla.css=assets/samla.css \
            static/inter-latin.woff2=$(INTER)/inter-latin-wght-normal.woff2 \
            static/inter-latin-ext.woff2=$(INTER)/inter-latin-ext-wght-normal.woff2 \
            $(foreach l,$(LANGS),i18n/$(l).mo=build/gen/i18n/$(l).mo)
EMBED_FILES := $(foreach e,$(EMBED),$(lastword $(subst =, ,$(e))))

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/tests/%)
UNIT_ASAN := $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)
HTTP_BIN := build/tests/test_http
HTTP_ASAN := build/asan/tests/test_http
HOSTILE_BIN := build/tests/test_hostile
HOSTILE_ASAN := build/asan/tests/test_hostile
# Operations: kill -9 under load (test_crash), and the service protocol
# (test_service); against the normal build only.
OPS_BIN := build/tests/test_crash build/tests/test_service
TEST_LIBS := $(shell pkg-config --libs cmocka libcurl 2>/dev/null)

.PHONY: all run check asan bench e2e deps clean tests lint fuzz pot install

all: build/samla

deps:
	@scripts/deps.sh

$(DS)/src/index.css $(DS)/theme/designsystemet.css $(INTER)/inter-latin-wght-normal.woff2 \
$(INTER)/inter-latin-ext-wght-normal.woff2: package-lock.json
	@test -f $@ || scripts/deps.sh

build/gen/embed.c: scripts/embed.sh $(EMBED_FILES) Makefile
	@mkdir -p $(dir $@)
	scripts/embed.sh $(EMBED) > $@.$$$$.tmp && mv $@.$$$$.tmp $@

# The message catalogues (po/*.po), compiled and embedded (app/core/i18n.c).
build/gen/i18n/%.mo: po/%.po
	@mkdir -p $(dir $@)
	@echo '  MSGFMT  $<'
	@msgfmt --check -o $@.tmp $< && mv $@.tmp $@

build/obj/gen/embed.o: build/gen/embed.c
	@mkdir -p $(dir $@)
	@echo '  CC      $<'
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(HARDEN) -c $< -o $@

build/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo '  CC      $<'
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(HARDEN) -c $< -o $@

build/samla: $(OBJ)
	@echo '  LD      $@'
	@$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Sanitizer build: the same sources, separate objects.
build/asan/obj/gen/embed.o: build/gen/embed.c
	@mkdir -p $(dir $@)
	@echo '  CC asan $<'
	@$(CC) $(CPPFLAGS) $(CFLAGS) -O1 $(ASAN_FLAGS) -c $< -o $@

build/asan/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo '  CC asan $<'
	@$(CC) $(CPPFLAGS) $(CFLAGS) -O1 $(ASAN_FLAGS) -c $< -o $@

build/asan/samla: $(ASAN_OBJ)
	@echo '  LD      $@'
	@$(CC) $(ASAN_FLAGS) -o $@ $^ $(LDLIBS)

asan: build/asan/samla

# Tests: each unit test links the library objects (everything but the CLI).
build/tests/%: tests/unit/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo '  LD      $@'
	@$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-missing-prototypes -o $@ $< $(LIB_OBJ) $(LDLIBS) $(TEST_LIBS)

build/tests/test_access build/asan/tests/test_access: tests/unit/test_access_rules.h

build/asan/tests/%: tests/unit/%.c $(ASAN_LIB)
	@mkdir -p $(dir $@)
	@echo '  LD      $@'
	@$(CC) $(CPPFLAGS) $(CFLAGS) -O1 $(ASAN_FLAGS) -Wno-missing-prototypes -o $@ $< $(ASAN_LIB) $(LDLIBS) $(TEST_LIBS)

build/tests/test_http: tests/http/test_http.c tests/http/serve.h
	@mkdir -p $(dir $@)
	@echo '  LD      $@'
	@$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-missing-prototypes -o $@ $< $(TEST_LIBS) -ljansson -lpthread

build/asan/tests/test_http: tests/http/test_http.c tests/http/serve.h
	@mkdir -p $(dir $@)
	@echo '  LD      $@'
	@$(CC) $(CPPFLAGS) $(CFLAGS) -O1 $(ASAN_FLAGS) -Wno-missing-prototypes -o $@ $< $(TEST_LIBS) -ljansson -lpthread

build/tests/test_hostile: tests/http/test_hostile.c tests/http/serve.h
	@mkdir -p $(dir $@)
	@echo '  LD      $@'
	@$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-missing-prototypes -o $@ $< $(TEST_LIBS) -ljansson -lpthread

build/asan/tests/test_hostile: tests/http/test_hostile.c tests/http/serve.h
	@mkdir -p $(dir $@)
	@echo '  LD      $@'
	@$(CC) $(CPPFLAGS) $(CFLAGS) -O1 $(ASAN_FLAGS) -Wno-missing-prototypes -o $@ $< $(TEST_LIBS) -ljansson -lpthread

$(OPS_BIN): build/tests/%: tests/http/%.c tests/http/serve.h
	@mkdir -p $(dir $@)
	@echo '  LD      $@'
	@$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-missing-prototypes -o $@ $< $(TEST_LIBS) -ljansson -lpthread

tests: build/samla $(UNIT_BIN) $(HTTP_BIN) $(HOSTILE_BIN) $(OPS_BIN) build/asan/samla $(UNIT_ASAN) $(HTTP_ASAN) \
       $(HOSTILE_ASAN)

lint:
	@scripts/lint.sh

# build/samla.pot from the sources, and po/*.po brought up to date with it.
pot:
	@scripts/i18n.sh update

run: deps build/samla
	@test -f data/samla.db || ./build/samla init --data data --demo
	./build/samla serve --data data --listen $(LISTEN)

check: deps
	@$(MAKE) --no-print-directory tests
	@scripts/check.sh

e2e: deps build/samla
	node --test --test-concurrency=1 tests/e2e/

bench: build/samla build/tests/test_crash
	@scripts/deps.sh --bench
	@scripts/bench.sh
	@scripts/bench-overview.sh
	@scripts/bench-search.sh
	@scripts/bench-ops.sh

# Fuzzing (not part of check): one libFuzzer binary per fuzz/fuzz_*.c,
# built with clang against the library sources in their own object tree,
# with the build's CPPFLAGS and CFLAGS (warnings included).  Two exceptions:
# clang, unlike gcc, warns about the va_list format strings of server.c's
# libmicrohttpd log callback and of i18n.c's translated formats; the gcc
# builds still check those files.
FUZZ_SECONDS ?= 60
# FUZZ_RUNS=10000000 runs that many executions per target instead.
FUZZ_RUNS ?=
FUZZ_CC    := clang
FUZZ_FLAGS := -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_BIN   := $(patsubst fuzz/%.c,build/fuzz/%,$(wildcard fuzz/fuzz_*.c))
FUZZ_LIB   := $(LIB_SRC:src/%.c=build/fuzz/obj/%.o) build/fuzz/obj/gen/embed.o

build/fuzz/obj/web/server.o: FUZZ_FLAGS += -Wno-format-nonliteral
# i18n.c formats with a translated format string; the catalogue loader has
# already refused any translation whose conversions differ from the msgid's.
build/fuzz/obj/app/core/i18n.o: FUZZ_FLAGS += -Wno-format-nonliteral

build/fuzz/obj/gen/embed.o: build/gen/embed.c
	@mkdir -p $(dir $@)
	@echo '  CC fuzz $<'
	@$(FUZZ_CC) $(CPPFLAGS) $(CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link,address,undefined -c $< -o $@

build/fuzz/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo '  CC fuzz $<'
	@$(FUZZ_CC) $(CPPFLAGS) $(CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link,address,undefined -c $< -o $@

$(FUZZ_BIN): build/fuzz/%: fuzz/%.c $(FUZZ_LIB)
	@echo '  LD      $@'
	@$(FUZZ_CC) $(CPPFLAGS) $(CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_LIB) $(LDLIBS)

fuzz:
	@scripts/deps.sh --fuzz
	@$(MAKE) --no-print-directory -s $(FUZZ_BIN)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_RUNS=$(FUZZ_RUNS) scripts/fuzz.sh $(FUZZ_BIN)

# Installation: the binary, the systemd units (with the binary's path
# filled in), the system user and an example settings file.  PREFIX
# /usr/local by default; DESTDIR for packaging.  Then, as root:
#   systemd-sysusers && systemctl daemon-reload && systemctl enable --now samla.socket
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
UNITDIR    ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
SYSCONFDIR ?= /etc

build/dist/samla.service: dist/samla.service.in Makefile
	@mkdir -p $(dir $@)
	sed 's|@BINDIR@|$(BINDIR)|g' $< > $@

install: build/samla build/dist/samla.service
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(SYSCONFDIR)/samla
	install -m 0755 build/samla $(DESTDIR)$(BINDIR)/samla
	install -m 0644 build/dist/samla.service dist/samla.socket $(DESTDIR)$(UNITDIR)/
	install -m 0644 dist/samla.sysusers $(DESTDIR)$(SYSUSERSDIR)/samla.conf
	test -e $(DESTDIR)$(SYSCONFDIR)/samla/samla.env || install -m 0640 dist/samla.env $(DESTDIR)$(SYSCONFDIR)/samla/samla.env

clean:
	rm -rf build

-include $(OBJ:.o=.d) $(ASAN_OBJ:.o=.d) $(FUZZ_LIB:.o=.d) $(FUZZ_BIN:=.d)
