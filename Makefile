# rapport - GNU Makefile
#
#   make            build build/rapport
#   make run        install what is missing, build, open rapport on the course
#   make check      install what is missing, build, run every test
#                   (T=PATTERN: only the tests whose name holds it)
#   make sanitize   the whole suite under AddressSanitizer + UBSan
#   make valgrind   the whole suite under valgrind (no errors, no leaks)
#   make fuzz       the libFuzzer harnesses, FUZZ_SECONDS each (clang)
#   make bench      the benchmarks: a report of ratios, never pass/fail
#   make install    PREFIX=/usr/local DESTDIR= (uninstall likewise)
#
# CFLAGS, CPPFLAGS and LDFLAGS are honoured; WERROR=1 turns warnings into
# errors, as make check, make sanitize, make valgrind and CI build.
#   make format     clang-format every source file (format-check: CI's check)
#   make clean

# ---- files ----

CORE_SRC   := $(sort $(wildcard src/core/*.c src/core/*/*.c))
CMD_SRC    := $(sort $(wildcard src/cmd/*.c src/shell/*.c src/term/*.c \
                src/live/*.c src/net/*.c))
MAIN_SRC   := src/main.c
UNIT_SRC   := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_NAMES := content answer text merge gift import
FUZZ_COURSE:= tests/content/good/minimal.xml
SCHEMA     := content/schema/rapport.rng
COURSES    := $(patsubst content/%/course.xml,%,$(wildcard content/*/course.xml))

# ---- configuration ----

VERSION    := 0.1.0
PREFIX     ?= /usr/local
DESTDIR    ?=
BINDIR     := $(PREFIX)/bin
DATADIR    := $(PREFIX)/share/rapport
MANDIR     := $(PREFIX)/share/man
DOCDIR     := $(PREFIX)/share/doc/rapport
# where bash-completion looks for a command's completion, under PREFIX
COMPDIR    := $(PREFIX)/share/bash-completion/completions
DOCS       := README.md COPYING $(sort $(wildcard docs/*.md))

BUILD      ?= build
CC         ?= cc
PKG_CONFIG ?= pkg-config
PKGS       := libxml-2.0 sqlite3 jansson uuid
# the live meeting's web server and QR code, and libcurl for a learning
# record store: the program's alone
LIVE_PKGS  := libmicrohttpd libqrencode libcurl

CFLAGS     ?= -O2 -g
WERROR     ?=
WARNINGS   := -std=c11 -Wall -Wextra -pedantic -Wshadow \
              -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings \
              -Wformat=2 -Wno-format-nonliteral $(if $(filter 1,$(WERROR)),-Werror)
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) $(LIVE_PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
# libmicrohttpd is opened when a meeting goes live (src/live/mhd.c), by the
# name its library file gives itself, so that other runs never load it
LIVE_LIBS  := $(shell $(PKG_CONFIG) --libs libqrencode 2>/dev/null) -ldl
MHD_SONAME := $(shell objdump -p \
  "$$($(PKG_CONFIG) --variable=libdir libmicrohttpd 2>/dev/null)/libmicrohttpd.so" \
  2>/dev/null | awk '$$1 == "SONAME" { print $$2 }')
# and libcurl when rapport first talks to a record store (src/net/curl.c)
CURL_SONAME := $(shell objdump -p \
  "$$($(PKG_CONFIG) --variable=libdir libcurl 2>/dev/null)/libcurl.so" \
  2>/dev/null | awk '$$1 == "SONAME" { print $$2 }')
RL_LIBS    := $(shell $(PKG_CONFIG) --libs readline 2>/dev/null || echo -lreadline)
CMOCKA_LIBS:= $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)
ALL_CFLAGS := $(WARNINGS) -D_GNU_SOURCE -DRAPPORT_VERSION='"$(VERSION)"' \
              -DRAPPORT_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS) $(CPPFLAGS) \
              $(if $(MHD_SONAME),-DRAPPORT_MHD_SONAME='"$(MHD_SONAME)"') \
              $(if $(CURL_SONAME),-DRAPPORT_CURL_SONAME='"$(CURL_SONAME)"') \
              -pthread $(CFLAGS)
ALL_LIBS   := $(PKG_LIBS) $(LIVE_LIBS) $(RL_LIBS) -pthread -lm

PROG       := $(BUILD)/rapport
LIB        := $(BUILD)/librapport.a
GEN_SCHEMA := $(BUILD)/gen/schema_rng.c
CORE_OBJ   := $(CORE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/schema_rng.o
CMD_OBJ    := $(CMD_SRC:%.c=$(BUILD)/%.o) $(MAIN_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN   := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
REPLAY_BIN := $(FUZZ_NAMES:%=$(BUILD)/tests/replay_%)
# programs the end-to-end tests run besides rapport (tests/tools)
TOOL_BIN   := $(patsubst tests/tools/%.c,$(BUILD)/tests/%,$(sort $(wildcard tests/tools/*.c)))
FUZZ_BIN   := $(FUZZ_NAMES:%=$(BUILD)/fuzz_%)
GEN_COURSE := $(BUILD)/gen/fuzz_course.o

# V=1 shows the full commands.
ifeq ($(V),1)
Q :=
say := @true
else
Q := @
say := @printf '  %-6s %s\n'
endif

# UBSan's float-cast-overflow and float-divide-by-zero are not in
# "undefined": a double out of an int's range cast to it is undefined
# behaviour all the same.
SANITIZERS     := address,undefined,float-cast-overflow,float-divide-by-zero
SANITIZE_FLAGS := -O1 -g -fsanitize=$(SANITIZERS) \
                  -fno-sanitize-recover=all -fno-omit-frame-pointer

# ---- rules ----

.PHONY: all run check sanitize valgrind check-browser fuzz fuzz-build bench install \
        uninstall format format-check clean deps test-tools tests test-run FORCE

all: $(PROG)

# Keep generated sources and objects that only other targets need.
.SECONDARY:

# Every object depends on the flags it was built with: a build with other
# flags, or another PREFIX (compiled in as the data folder), makes them
# again. The file changes only when the flags do.
FLAGS_FILE := $(BUILD)/flags
FLAGS_NOW  := $(CC) $(ALL_CFLAGS) $(LDFLAGS)

# A library that is missing is named by pkg-config's own message here,
# before any compiler error; the libraries are those of the program and,
# for the tests, cmocka.
$(FLAGS_FILE): export RAPPORT_FLAGS := $(FLAGS_NOW)
$(FLAGS_FILE): FORCE
	@$(PKG_CONFIG) --print-errors --exists $(PKGS) $(LIVE_PKGS) readline || { \
	  echo "rapport: the libraries above are missing; on Debian," \
	       "scripts/deps.sh (or make run, make check) installs them" >&2; \
	  exit 1; }
	@mkdir -p $(dir $@)
	@printf '%s\n' "$$RAPPORT_FLAGS" >$@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi

FORCE:

$(BUILD)/%.o: %.c $(FLAGS_FILE)
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The schema is built into the program, so that no file is needed at run
# time and libxml2 never loads anything from outside. embed writes the
# bytes of $< as the array $1 and its length as $1_len.
define embed
	@mkdir -p $(dir $@)
	$(say) GEN $@
	$(Q){ echo '/* generated from $< by the Makefile; do not edit */'; \
	  echo '#include <stddef.h>'; \
	  echo 'const unsigned char $1[] = {'; \
	  od -An -v -tx1 $< | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0x00};'; \
	  echo "const size_t $1_len = $$(wc -c < $<);"; \
	} > $@.tmp && mv $@.tmp $@
endef

$(GEN_SCHEMA): $(SCHEMA)
	$(call embed,rapport_schema_rng)

$(BUILD)/gen/fuzz_course.c: $(FUZZ_COURSE)
	$(call embed,fuzz_course_xml)

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c $(FLAGS_FILE)
	$(say) CC $@
	$(Q)$(CC) $(filter-out -Wmissing-prototypes,$(ALL_CFLAGS)) -c -o $@ $<

$(LIB): $(CORE_OBJ)
	$(say) AR $@
	$(Q)rm -f $@
	$(Q)$(AR) rcs $@ $^

$(PROG): $(CMD_OBJ) $(LIB)
	$(say) LINK $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CMD_OBJ) $(LIB) $(ALL_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@$(PKG_CONFIG) --print-errors --exists cmocka || { \
	  echo "rapport: cmocka, for the unit tests, is missing" >&2; exit 1; }
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) -Isrc/core -MMD -MP -o $@ $< $(LIB) $(ALL_LIBS) \
	    $(CMOCKA_LIBS) $(LDFLAGS)

# A fuzz harness run over files, without libFuzzer (tests/fuzz/replay.c).
$(BUILD)/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(GEN_COURSE) $(LIB)
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) -Isrc/core -MMD -MP -o $@ $< tests/fuzz/replay.c \
	    $(GEN_COURSE) $(LIB) $(PKG_LIBS) -lm $(LDFLAGS)

$(TOOL_BIN): $(BUILD)/tests/%: tests/tools/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) -Isrc/core -MMD -MP -o $@ $< $(LIB) $(PKG_LIBS) -lm \
	    $(LDFLAGS)

-include $(CORE_OBJ:.o=.d) $(CMD_OBJ:.o=.d) $(UNIT_BIN:=.d) $(REPLAY_BIN:=.d) \
         $(TOOL_BIN:=.d)

deps:
	@scripts/deps.sh

# The tests' tools from npm (an xAPI validator, a learning record store),
# pinned by tests/npm/package-lock.json, in build/npm.
test-tools:
	@scripts/npm-tools.sh

run: deps
	@$(MAKE) --no-print-directory all
	./$(PROG)

# ---- tests ----

tests: $(PROG) $(UNIT_BIN) $(REPLAY_BIN) $(TOOL_BIN)

# Runs the suite against the binaries in $(BUILD); with WRAPPER=valgrind
# every program under test runs under valgrind. T=PATTERN runs only the
# tests whose name holds PATTERN (make check T=70-meeting).
T ?=
test-run: tests
	@tests/run.sh $(BUILD) $(WRAPPER) $(T)

check: deps test-tools
	@$(MAKE) --no-print-directory WERROR=1 test-run

sanitize: deps test-tools
	@$(MAKE) --no-print-directory WERROR=1 BUILD=build/sanitize \
	    CFLAGS='$(SANITIZE_FLAGS)' LDFLAGS='-fsanitize=$(SANITIZERS)' \
	    test-run

valgrind: deps test-tools
	@$(MAKE) --no-print-directory WERROR=1 BUILD=build/valgrind CFLAGS='-O1 -g' \
	    WRAPPER=valgrind test-run

# The team report opened in headless Chromium (installed when missing).
check-browser: deps
	@scripts/deps.sh browser
	@$(MAKE) --no-print-directory WERROR=1 $(PROG)
	@tests/run.sh $(BUILD) browser

# ---- fuzzing ----

# libFuzzer needs clang: the library is built again with coverage
# instrumentation and the sanitizers, in build/fuzz, and each harness of
# tests/fuzz runs for FUZZ_SECONDS (tests/fuzz/run.sh says what fails).
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -O1 -g -fsanitize=$(SANITIZERS) -fno-sanitize-recover=all \
              -fno-omit-frame-pointer

fuzz: deps
	@scripts/deps.sh fuzz
	@$(MAKE) --no-print-directory WERROR=1 BUILD=build/fuzz CC=clang \
	    CFLAGS='$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link' fuzz-build
	@tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS)

fuzz-build: $(FUZZ_BIN)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(GEN_COURSE) $(LIB)
	$(say) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -Isrc/core -fsanitize=fuzzer -o $@ $< \
	    $(GEN_COURSE) $(LIB) $(PKG_LIBS) -lm

# ---- benchmarks ----

# Speed and memory against xmllint and the sqlite3 shell, measured in the
# same run; prints ratios, fails only when it cannot measure.
bench: deps test-tools
	@scripts/deps.sh bench
	@$(MAKE) --no-print-directory $(PROG)
	@tests/bench/run.sh $(BUILD)

# ---- install ----

# Every file install writes, so that uninstall removes those and no more.
COURSE_FILES := $(foreach c,$(COURSES),$(patsubst content/%,%,$(shell \
                  find content/$(c) -type f -name '*.xml' | sort)))

install: $(PROG)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/schema \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR)
	install -m 0755 $(PROG) $(DESTDIR)$(BINDIR)/rapport
	install -m 0644 $(SCHEMA) $(DESTDIR)$(DATADIR)/schema/rapport.rng
	set -e; for f in $(COURSE_FILES); do \
	  install -d -m 0755 "$$(dirname "$(DESTDIR)$(DATADIR)/$$f")"; \
	  install -m 0644 "content/$$f" "$(DESTDIR)$(DATADIR)/$$f"; \
	done
	sed 's|/usr/local/share/|$(PREFIX)/share/|g' docs/rapport.1 \
	    > $(DESTDIR)$(MANDIR)/man1/rapport.1.tmp
	mv $(DESTDIR)$(MANDIR)/man1/rapport.1.tmp $(DESTDIR)$(MANDIR)/man1/rapport.1
	chmod 0644 $(DESTDIR)$(MANDIR)/man1/rapport.1
	install -m 0644 $(DOCS) $(DESTDIR)$(DOCDIR)
	install -d $(DESTDIR)$(COMPDIR)
	install -m 0644 completions/rapport $(DESTDIR)$(COMPDIR)/rapport

# What install wrote, file by file, then the folders it made if they are
# empty: nothing else under PREFIX is touched.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rapport $(DESTDIR)$(MANDIR)/man1/rapport.1 \
	    $(DESTDIR)$(DATADIR)/schema/rapport.rng
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/,$(COURSE_FILES))
	rm -f $(addprefix $(DESTDIR)$(DOCDIR)/,$(notdir $(DOCS)))
	rm -f $(DESTDIR)$(COMPDIR)/rapport
	for d in $$(printf '%s\n' $(sort $(dir $(addprefix $(DESTDIR)$(DATADIR)/,\
	    $(COURSE_FILES)))) | sort -r) $(DESTDIR)$(DATADIR)/schema \
	    $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR) $(DESTDIR)$(COMPDIR) \
	    $(DESTDIR)$(PREFIX)/share/bash-completion; do \
	  if [ -d "$$d" ]; then rmdir "$$d" 2>/dev/null || true; fi; done

# Every C file is in clang-format's layout (.clang-format); format-check,
# which CI runs, fails on one that is not and names it.
FORMAT_FILES = $(sort $(wildcard src/*.c src/*/*.c src/*/*.h src/*/*/*.[ch] tests/unit/*.c tests/tools/*.c \
                 tests/unit/*.h tests/fuzz/*.c tests/fuzz/*.h))

format:
	@scripts/deps.sh format
	clang-format -i $(FORMAT_FILES)

format-check:
	@scripts/deps.sh format
	@clang-format --dry-run --Werror $(FORMAT_FILES) && \
	  echo "format-check: $(words $(FORMAT_FILES)) files in clang-format's layout"

clean:
	rm -rf build
