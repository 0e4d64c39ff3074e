# koers — GNU Make build. `make` builds ./koers, `make test` runs every test,
# `make check` runs them under AddressSanitizer and UndefinedBehaviorSanitizer,
# `make demo` runs the demo workspace, `make bench` and `make eval` measure.

BUILD ?= build
PKGS := sqlite3 yaml-0.1 jansson libutf8proc libpcre2-8 libhs xlsxwriter
TEST_PKGS := cmocka

CC ?= cc
CSTD := -std=c17 -D_GNU_SOURCE
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wno-unused-parameter
OPT ?= -O2 -g
SAN ?=
DEPS_OK := $(BUILD)/.deps-ok

# `make V=1` shows the full commands.
ifeq ($(V),1)
Q :=
say := @true
else
Q := @
say := @printf '  %-6s %s\n'
endif

all:

# Missing libraries are installed once through scripts/deps (Debian packages).
$(DEPS_OK):
	@pkg-config --exists $(PKGS) $(TEST_PKGS) || scripts/deps
	@command -v msgfmt >/dev/null || scripts/deps
	@mkdir -p $(BUILD) && touch $@

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -lpthread
TEST_CFLAGS = $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS = $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)

ALL_CFLAGS = $(CSTD) $(WARN) $(OPT) $(SAN) -Isrc -MMD -MP $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SAN) $(LDFLAGS)

CLI_SRC := src/main.c $(wildcard src/cli/*.c)
LIB_SRC := $(filter-out $(CLI_SRC),$(wildcard src/*/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/embedded.o $(BUILD)/gen/tlds.o
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/unit/*/*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/unit/%)
FUZZ_SRC := $(filter-out tests/fuzz/driver.c,$(wildcard tests/fuzz/*.c))
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz-replay/%)
# Helper programs the CLI tests call (fixtures to files); not installed.
TOOL_SRC := $(wildcard tests/tools/*.c)
TOOL_BIN := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tests/tools/%)

SCHEMA := $(wildcard src/db/schema/*.sql)
PO := $(wildcard po/*.po)
# Shipped data embedded in the binary (see data/*/README.md for provenance and licences).
LEXICONS := data/lexicons/vader/vader_lexicon.txt data/lexicons/vader/emoji_utf8_lexicon.txt \
	data/lexicons/lupje-nl/LUPJE.txt
MODELS := $(wildcard data/models/*.model)
MO := $(PO:po/%.po=$(BUILD)/locale/%.mo)

# The gettext keywords of koers (docs/internals/design.md); tests/cli/t0002 uses them too.
XGETTEXT_FLAGS = --from-code=UTF-8 -k -ktr:2 -ktrn:2,3 -kN_ -kerr_set:3 -kdiags_add:5 -kcli_fail:3 -kreport:3 -kyaml_problem:3 -kL:1,1t -kL:2,2t -kpost_problem_add:4 -kfinding:7 -kingest_bad:6 --add-comments=TRANSLATORS: --package-name=koers

KOERS_BIN = $(if $(filter build,$(BUILD)),koers,$(BUILD)/koers)

.PHONY: all test check demo bench eval eval-detect fuzz pot clean
all: $(KOERS_BIN)

$(KOERS_BIN): $(CLI_OBJ) $(BUILD)/libkoers.a
	$(say) LINK $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/libkoers.a: $(LIB_OBJ)
	@rm -f $@
	$(say) AR $@
	$(Q)ar rcs $@ $^

$(BUILD)/%.o: %.c | $(DEPS_OK)
	@mkdir -p $(@D)
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/locale/%.mo: po/%.po | $(DEPS_OK)
	@mkdir -p $(@D)
	$(say) MSGFMT $<
	$(Q)msgfmt --check -o $@ $<

# Pattern's XML reduced to "form TAB polarity" lines at build time.
$(BUILD)/gen/nl-sentiment.tsv: data/lexicons/pattern-nl/nl-sentiment.xml
	@mkdir -p $(@D)
	$(say) GEN $@
	$(Q)sed -n 's/.*<word form="\([^"]*\)".*polarity="\([^"]*\)".*/\1\t\2/p' $< >$@

$(BUILD)/gen/embedded.c: $(SCHEMA) $(MO) $(LEXICONS) $(MODELS) $(BUILD)/gen/nl-sentiment.tsv scripts/embed
	@mkdir -p $(@D)
	$(say) EMBED $@
	$(Q)scripts/embed $@ $(foreach f,$(SCHEMA),schema/$(notdir $(f))=$(f)) $(foreach f,$(MO),locale/$(notdir $(f))=$(f)) \
		$(foreach f,$(LEXICONS),$(f:data/%=%)=$(f)) $(foreach f,$(MODELS),models/$(notdir $(f))=$(f)) \
		lexicons/pattern-nl/nl-sentiment.tsv=$(BUILD)/gen/nl-sentiment.tsv

$(BUILD)/gen/embedded.o: $(BUILD)/gen/embedded.c
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# twitter-text's TLD lists become a C table (see data/twitter-text/SOURCES.md).
$(BUILD)/gen/tlds.c: data/twitter-text/tld_lib.yml scripts/gen-tlds
	@mkdir -p $(@D)
	$(say) GEN $@
	$(Q)scripts/gen-tlds $@ $<

$(BUILD)/gen/tlds.o: $(BUILD)/gen/tlds.c
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/unit/%: tests/unit/%.c $(BUILD)/libkoers.a
	@mkdir -p $(@D)
	$(say) TEST $@
	$(Q)$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libkoers.a $(ALL_LDFLAGS) $(PKG_LIBS) $(TEST_LIBS)

$(BUILD)/tests/tools/%: tests/tools/%.c $(BUILD)/libkoers.a
	@mkdir -p $(@D)
	$(say) TOOL $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libkoers.a $(ALL_LDFLAGS) $(PKG_LIBS)

# Fuzz targets built with a small driver that replays their seed corpus: the
# regression half of fuzzing runs in `make test`; `make fuzz` runs libFuzzer.
$(BUILD)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/driver.c $(BUILD)/libkoers.a
	@mkdir -p $(@D)
	$(say) FUZZ $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< tests/fuzz/driver.c $(BUILD)/libkoers.a $(ALL_LDFLAGS) $(PKG_LIBS)

# What SQLite itself costs for the rows an ingest stored (scripts/bench).
$(BUILD)/bench/store-floor: bench/store-floor.c $(BUILD)/libkoers.a
	@mkdir -p $(@D)
	$(say) BENCH $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libkoers.a $(ALL_LDFLAGS) $(PKG_LIBS)

test: export XGETTEXT_FLAGS := $(XGETTEXT_FLAGS)
test: $(KOERS_BIN) $(UNIT_BIN) $(FUZZ_BIN) $(TOOL_BIN)
	@KOERS=$(abspath $(KOERS_BIN)) BUILD=$(abspath $(BUILD)) tests/run

check:
	$(MAKE) BUILD=build/check OPT="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" test

demo: $(KOERS_BIN)
	@KOERS=$(abspath $(KOERS_BIN)) scripts/demo

eval: $(KOERS_BIN)
	@scripts/eval $(abspath $(KOERS_BIN))
	@scripts/eval-detect $(abspath $(KOERS_BIN))

eval-detect: $(KOERS_BIN)
	@scripts/eval-detect $(abspath $(KOERS_BIN))

bench: $(KOERS_BIN) $(BUILD)/bench/store-floor
	@STORE_FLOOR=$(abspath $(BUILD)/bench/store-floor) scripts/bench $(abspath $(KOERS_BIN))

# Coverage-guided fuzzing with libFuzzer (clang): FUZZ_TIME seconds per target.
FUZZ_TIME ?= 60
fuzz:
	$(MAKE) BUILD=build/fuzz CC=clang OPT="-O1 -g" SAN="-fsanitize=address,undefined,fuzzer-no-link" build/fuzz/libkoers.a
	@PKG_LIBS="$(PKG_LIBS)" scripts/fuzz $(FUZZ_TIME)

pot:
	xgettext $(XGETTEXT_FLAGS) -o po/koers.pot $(sort $(wildcard src/*.c src/*/*.c))
	msgmerge --quiet --update --backup=none po/nl.po po/koers.pot

clean:
	rm -rf build koers

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
