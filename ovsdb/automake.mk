# The OVSDB library: the data model and storage.
noinst_LIBRARIES += ovsdb/libovsdb.a
ovsdb_libovsdb_a_SOURCES = \
	ovsdb/column.c \
	ovsdb/column.h \
	ovsdb/condition.c \
	ovsdb/condition.h \
	ovsdb/execution.c \
	ovsdb/execution.h \
	ovsdb/file.c \
	ovsdb/file.h \
	ovsdb/log.c \
	ovsdb/log.h \
	ovsdb/mutation.c \
	ovsdb/mutation.h \
	ovsdb/ovsdb.c \
	ovsdb/ovsdb.h \
	ovsdb/query.c \
	ovsdb/query.h \
	ovsdb/row.c \
	ovsdb/row.h \
	ovsdb/table.c \
	ovsdb/table.h \
	ovsdb/transaction.c \
	ovsdb/transaction.h


# ovsdb-tool: offline database management.
bin_PROGRAMS += ovsdb/ovsdb-tool
ovsdb_ovsdb_tool_SOURCES = ovsdb/ovsdb-tool.c
ovsdb_ovsdb_tool_LDADD = ovsdb/libovsdb.a $(LIBOVS)
dist_man_MANS += ovsdb/ovsdb-tool.1

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
