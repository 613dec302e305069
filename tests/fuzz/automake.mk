# The libFuzzer target for the OpenFlow message decoder (not built by
# "make" or "make check").
#
#   make fuzz        configures and builds, in fuzz-build/ under the build
#                    directory, the whole library with clang and
#                    -fsanitize=fuzzer-no-link,address,undefined, links
#                    fuzz-build/tests/fuzz/ofp-print-fuzzer, and writes the
#                    seed corpus (fuzz-build/tests/fuzz/seed) from the
#                    suite's hex messages.
#   make fuzz-run    runs the fuzzer for FUZZ_TIME seconds (default 60) over
#                    the seed corpus; fails on any crash, sanitizer report or
#                    failed round trip, leaving the input in
#                    fuzz-build/tests/fuzz/crash-* (replay it with
#                    "fuzz-build/tests/fuzz/ofp-print-fuzzer FILE").
#
# FUZZ_BUILDDIR (default fuzz-build) names the fuzzer's build directory;
# it must not be the source directory (the nested configure is a VPATH
# build).  FUZZ_CC overrides clang.
EXTRA_PROGRAMS = tests/fuzz/ofp-print-fuzzer
tests_fuzz_ofp_print_fuzzer_SOURCES = tests/fuzz/ofp-print-fuzzer.c
tests_fuzz_ofp_print_fuzzer_LDADD = $(LIBOVS)
tests_fuzz_ofp_print_fuzzer_LDFLAGS = -fsanitize=fuzzer
EXTRA_DIST += \
	tests/fuzz/README.md \
	tests/fuzz/gen-corpus.py \
	tests/fuzz/regress
CLEANFILES += $(EXTRA_PROGRAMS)

FUZZ_CC = clang
FUZZ_CFLAGS = -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_TIME = 60
FUZZ_BUILDDIR = fuzz-build
FUZZ_DIR = $(FUZZ_BUILDDIR)/tests/fuzz
FUZZ_CORPORA = \
	$(srcdir)/tests/ofp-print.corpus \
	$(srcdir)/tests/ofp-*.txt \
	$(srcdir)/tests/*.at \
	$(srcdir)/tests/fuzz/regress/*.hex

fuzz:
	@mkdir -p $(FUZZ_BUILDDIR)
	cd $(FUZZ_BUILDDIR) && { test -f Makefile || \
	    $(abs_top_srcdir)/configure -q CC='$(FUZZ_CC)' \
	        CFLAGS='$(FUZZ_CFLAGS)' PYTHON3='$(PYTHON3)'; } && \
	    $(MAKE) WARNING_FLAGS= $(BUILT_SOURCES) && \
	    $(MAKE) WARNING_FLAGS= tests/fuzz/ofp-print-fuzzer
	rm -rf $(FUZZ_DIR)/seed
	$(PYTHON3) $(srcdir)/tests/fuzz/gen-corpus.py $(FUZZ_DIR)/seed \
	    $(FUZZ_CORPORA)

fuzz-run: fuzz
	rm -rf $(FUZZ_DIR)/new
	mkdir -p $(FUZZ_DIR)/new
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ASAN_OPTIONS=detect_leaks=1 \
	$(FUZZ_DIR)/ofp-print-fuzzer -max_total_time=$(FUZZ_TIME) \
	    -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/ \
	    $(FUZZ_DIR)/new $(FUZZ_DIR)/seed
.PHONY: fuzz fuzz-run
