# factx - fact extraction from news articles. See README.md.
#   make            build bin/factx
#   make run        install missing packages, build, extract corpus/ into out/
#   make test       install missing packages, build, run every test
#   make check      the test suite under AddressSanitizer + UBSan
#   make eval       score out/ against tests/gold/
#   make golden     rewrite tests/golden/ from the current output (on purpose only)
#   make gazetteer  regenerate rules/gazetteers/cities.tsv + countries.tsv from GeoNames
#   make gazetteer-check  verify the committed gazetteers are what the generator writes

PKGS      := libpcre2-8 libutf8proc libcjson
CC        ?= cc
OPTFLAGS  ?= -O2
WARNFLAGS := -Wall -Wextra -Werror
BASEFLAGS := -std=c11 -D_GNU_SOURCE $(WARNFLAGS)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS    := -lm -pthread

BUILD     ?= build/release
SANFLAGS  := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

LIB_SRC   := $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ    = $(LIB_SRC:src/%.c=$(BUILD)/%.o)
TEST_SRC  := $(wildcard tests/unit/*.c)

.PHONY: all deps bench run test check eval golden clean unit-tests gazetteer gazetteer-check

all: bin/factx

bin/factx: $(BUILD)/factx
	@mkdir -p bin
	cp $< $@

$(BUILD)/%.o: src/%.c src/*.h
	@mkdir -p $(BUILD)
	$(CC) $(BASEFLAGS) $(OPTFLAGS) $(EXTRA_CFLAGS) $(PKG_CFLAGS) -c $< -o $@

$(BUILD)/libfactx.a: $(LIB_OBJ)
	ar rcs $@ $^

$(BUILD)/factx: $(BUILD)/main.o $(BUILD)/libfactx.a
	$(CC) $(OPTFLAGS) $(EXTRA_CFLAGS) $^ $(PKG_LIBS) $(LDLIBS) -o $@

$(BUILD)/unit-tests: $(TEST_SRC) tests/unit/*.h $(BUILD)/libfactx.a
	$(CC) $(BASEFLAGS) $(OPTFLAGS) $(EXTRA_CFLAGS) $(PKG_CFLAGS) -Isrc $(TEST_SRC) $(BUILD)/libfactx.a \
	    $(PKG_LIBS) $(LDLIBS) -o $@

$(BUILD)/check-invariants: tests/check_invariants.c $(BUILD)/libfactx.a
	$(CC) $(BASEFLAGS) $(OPTFLAGS) $(EXTRA_CFLAGS) $(PKG_CFLAGS) -Isrc $< $(BUILD)/libfactx.a \
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

test: deps browser-deps
	$(MAKE) all $(BUILD)/unit-tests $(BUILD)/check-invariants $(BUILD)/gencorpus
	tests/run.sh $(BUILD)

check: deps browser-deps
	$(MAKE) BUILD=build/asan OPTFLAGS="$(SANFLAGS)" build/asan/factx build/asan/unit-tests build/asan/check-invariants build/asan/gencorpus
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 tests/run.sh build/asan

eval: run
	bin/factx eval tests/gold out corpus

golden: all
	rm -rf tests/golden && mkdir -p tests/golden
	bin/factx -q -o tests/golden corpus

# the rule author's workbench (README "Changing a rule")
.PHONY: rules-lint regress browser-deps report-screenshot
# the picture of `factx html` in README.md
report-screenshot: all browser-deps
	@mkdir -p out docs
	bin/factx html --gold tests/gold --title "factx report: corpus/003 against tests/gold" \
	    -o out/report.html corpus/003_76a9726fdb4f1947.txt
	tools/screenshot.sh out/report.html docs/report.png
# headless Chromium for the browser test of `factx html` (tests/workbench/browser.sh)
browser-deps:
	@command -v chromium >/dev/null 2>&1 || tools/deps.sh chromium
rules-lint: all
	bin/factx lint rules

# what the rules in the tree change on the corpus, against tests/golden/
regress: all
	rm -rf out/regress && mkdir -p out
	bin/factx -q -o out/regress corpus
	bin/factx diff tests/golden out/regress

# The gazetteer generator links GLib + libgeonames; factx itself never does.
GAZ_TOOL  := build/tools/gazetteer
GAZ_DIR   := rules/gazetteers

$(GAZ_TOOL): tools/gazetteer.c
	@mkdir -p $(@D)
	$(CC) $(BASEFLAGS) -O2 $$(pkg-config --cflags geonames) $< $$(pkg-config --libs geonames) -o $@

gazetteer:
	@tools/deps.sh libgeonames-dev
	$(MAKE) $(GAZ_TOOL)
	$(GAZ_TOOL) cities > $(GAZ_DIR)/cities.tsv.tmp && mv $(GAZ_DIR)/cities.tsv.tmp $(GAZ_DIR)/cities.tsv
	$(GAZ_TOOL) countries > $(GAZ_DIR)/countries.tsv.tmp && mv $(GAZ_DIR)/countries.tsv.tmp $(GAZ_DIR)/countries.tsv

# Regenerate into build/ and compare byte for byte with the committed files.
gazetteer-check:
	@tools/deps.sh libgeonames-dev
	$(MAKE) $(GAZ_TOOL)
	$(GAZ_TOOL) cities > build/tools/cities.tsv
	$(GAZ_TOOL) countries > build/tools/countries.tsv
	cmp build/tools/cities.tsv $(GAZ_DIR)/cities.tsv
	cmp build/tools/countries.tsv $(GAZ_DIR)/countries.tsv
	@echo "gazetteer-check: the committed gazetteers are reproducible"

clean:
	rm -rf build bin out
