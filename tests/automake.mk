# The GNU autotest suite and the unit-test driver.

EXTRA_DIST += \
	$(TESTSUITE_AT) \
	$(TESTSUITE) \
	tests/ovsdb-compare.py \
	tests/ovsdb-strings-compare.py \
	tests/uuidfilt.py \
	tests/atlocal.in \
	package.m4

TESTSUITE_AT = \
	tests/testsuite.at \
	tests/ovs-macros.at \
	tests/library.at \
	tests/runtime.at \
	tests/json.at \
	tests/stream.at \
	tests/jsonrpc.at \
	tests/appctl.at \
	tests/schema.at \
	tests/ovsdb-data.at \
	tests/unicode.at \
	tests/ovsdb-schema.at \
	tests/ovsdb-condition.at \
	tests/ovsdb-execution.at \
	tests/ovsdb-log.at \
	tests/ovsdb-tool.at \
	tests/ovsdb-server.at \
	tests/ovsdb-client.at \
	tests/ovsdb-server-compat.at \
	tests/ovsdb-server-upstream.at \
	tests/python-ovs.at \
	tests/ovsdb-idl.at \
	tests/ovs-vsctl.at
EXTRA_DIST += tests/schema-compare.py

TESTSUITE = $(srcdir)/tests/testsuite
AUTOM4TE = autom4te
AUTOTEST = $(AUTOM4TE) -l autotest
DISTCLEANFILES += tests/atconfig tests/atlocal

# Runs the suite in parallel on the machine's cores.
TESTSUITEFLAGS ?= -j$$(nproc)

check-local: tests/atconfig tests/atlocal $(TESTSUITE) $(check_PROGRAMS) \
		$(bin_PROGRAMS) $(sbin_PROGRAMS)
	$(SHELL) '$(TESTSUITE)' -C tests AUTOTEST_PATH='tests' $(TESTSUITEFLAGS)

clean-local:
	test ! -f '$(TESTSUITE)' || $(SHELL) '$(TESTSUITE)' -C tests --clean

$(TESTSUITE): package.m4 $(TESTSUITE_AT)
	$(AM_V_GEN)$(AUTOTEST) -I '$(srcdir)' -o $@.tmp $@.at && mv $@.tmp $@

package.m4: $(top_srcdir)/configure.ac
	$(AM_V_GEN):;{ \
	  echo '# Signature of the current package.' && \
	  echo 'm4_define([AT_PACKAGE_NAME],      [$(PACKAGE_NAME)])' && \
	  echo 'm4_define([AT_PACKAGE_TARNAME],   [$(PACKAGE_TARNAME)])' && \
	  echo 'm4_define([AT_PACKAGE_VERSION],   [$(PACKAGE_VERSION)])' && \
	  echo 'm4_define([AT_PACKAGE_STRING],    [$(PACKAGE_STRING)])' && \
	  echo 'm4_define([AT_PACKAGE_BUGREPORT], [$(PACKAGE_BUGREPORT)])'; \
	} >'$(srcdir)/package.m4'

# The unit-test driver: one binary that dispatches test-* programs.
check_PROGRAMS += tests/ovstest
tests_ovstest_SOURCES = \
	tests/ovstest.c \
	tests/ovstest.h \
	tests/test-hmap.c \
	tests/test-json.c \
	tests/test-jsonrpc.c \
	tests/test-list.c \
	tests/test-ovsdb-file.c \
	tests/test-ovsdb-log.c \
	tests/test-ovsdb.c \
	tests/test-strings.c \
	tests/test-command-line.c \
	tests/test-daemon.c \
	tests/test-poll-loop.c \
	tests/test-reconnect.c \
	tests/test-stream.c \
	tests/test-unixctl.c \
	tests/test-vlog.c \
	tests/test-uuid.c
tests_ovstest_LDADD = ovsdb/libovsdb.a $(LIBOVS)

# Benchmarks: not tests.  BENCHFLAGS=--quick for a smoke run.
EXTRA_DIST += tests/perf/ovsdb-bench tests/perf/README.md
bench-ovsdb: all
	$(PYTHON3) $(srcdir)/tests/perf/ovsdb-bench \
	    --builddir=$(abs_top_builddir) $(BENCHFLAGS)
.PHONY: bench-ovsdb
