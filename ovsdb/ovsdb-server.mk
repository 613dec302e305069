# ovsdb-server and ovsdb-client.

# The server's protocol machinery: sessions, monitors, triggers, locks.
noinst_LIBRARIES += ovsdb/libovsdb-server.a
ovsdb_libovsdb_server_a_SOURCES = \
	ovsdb/jsonrpc-server.c \
	ovsdb/jsonrpc-server.h \
	ovsdb/monitor.c \
	ovsdb/monitor.h \
	ovsdb/server.c \
	ovsdb/server.h \
	ovsdb/trigger.c \
	ovsdb/trigger.h

sbin_PROGRAMS += ovsdb/ovsdb-server
ovsdb_ovsdb_server_SOURCES = ovsdb/ovsdb-server.c
ovsdb_ovsdb_server_LDADD = ovsdb/libovsdb-server.a ovsdb/libovsdb.a $(LIBOVS)

bin_PROGRAMS += ovsdb/ovsdb-client
ovsdb_ovsdb_client_SOURCES = ovsdb/ovsdb-client.c
ovsdb_ovsdb_client_LDADD = ovsdb/libovsdb.a $(LIBOVS)

dist_man_MANS += ovsdb/ovsdb-server.1 ovsdb/ovsdb-client.1

# The schema of the built-in _Server database, compiled into ovsdb-server
# as a C string literal.
pkgdata_DATA += ovsdb/_server.ovsschema
EXTRA_DIST += ovsdb/_server.ovsschema
CLEANFILES += ovsdb/_server.ovsschema.inc
ovsdb/_server.ovsschema.inc: ovsdb/_server.ovsschema
	$(AM_V_GEN)$(MKDIR_P) ovsdb && \
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' \
	    $(srcdir)/ovsdb/_server.ovsschema > $@.tmp && mv $@.tmp $@
ovsdb/ovsdb-server.$(OBJEXT): ovsdb/_server.ovsschema.inc

# Tests.
TESTSUITE_AT += \
	tests/ovsdb-client.at \
	tests/ovsdb-server-compat.at
EXTRA_DIST += \
	tests/ovsdb-server-rpc.py \
	tests/ovsdb-server-killtest.py \
	tests/ovsdb-server-test.ovsschema
