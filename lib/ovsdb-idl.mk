# The OVSDB IDL: its runtime (lib/ovsdb-idl.[ch]), its code generator
# (ovsdb/ovsdb-idlc), and the C IDL for the Open_vSwitch database that the
# generator makes from vswitchd/vswitch.ovsschema (lib/vswitch-idl.[ch]).

lib_libopenvswitch_a_SOURCES += \
	lib/ovsdb-idl.c \
	lib/ovsdb-idl.h \
	lib/ovsdb-idl-provider.h \
	lib/skiplist.c \
	lib/skiplist.h

# The generator: Python 3, standard library only.
OVSDB_IDLC = $(PYTHON3) ovsdb/ovsdb-idlc
ovsdb/ovsdb-idlc: ovsdb/ovsdb-idlc.in Makefile
	$(AM_V_GEN)$(MKDIR_P) ovsdb && \
	sed -e 's,[@]PYTHON3[@],$(PYTHON3),g' \
	    -e 's,[@]VERSION[@],$(VERSION),g' \
	    $(srcdir)/ovsdb/ovsdb-idlc.in > $@.tmp && \
	chmod +x $@.tmp && mv $@.tmp $@
check_SCRIPTS += ovsdb/ovsdb-idlc
EXTRA_DIST += ovsdb/ovsdb-idlc.in
CLEANFILES += ovsdb/ovsdb-idlc

# The Open_vSwitch IDL.  The annotated schema (.ovsidl) is the schema plus
# the C prefix and header name from lib/vswitch-idl.ann.
nodist_lib_libopenvswitch_a_SOURCES = \
	lib/vswitch-idl.c \
	lib/vswitch-idl.h
BUILT_SOURCES += lib/vswitch-idl.c lib/vswitch-idl.h
EXTRA_DIST += lib/vswitch-idl.ann
CLEANFILES += lib/vswitch-idl.c lib/vswitch-idl.h lib/vswitch-idl.ovsidl

lib/vswitch-idl.ovsidl: vswitchd/vswitch.ovsschema lib/vswitch-idl.ann \
		ovsdb/ovsdb-idlc
	$(AM_V_GEN)$(MKDIR_P) lib && \
	$(OVSDB_IDLC) annotate $(srcdir)/vswitchd/vswitch.ovsschema \
	    $(srcdir)/lib/vswitch-idl.ann > $@.tmp && mv $@.tmp $@
lib/vswitch-idl.h: lib/vswitch-idl.ovsidl ovsdb/ovsdb-idlc
	$(AM_V_GEN)$(OVSDB_IDLC) c-idl-header lib/vswitch-idl.ovsidl \
	    > $@.tmp && mv $@.tmp $@
lib/vswitch-idl.c: lib/vswitch-idl.ovsidl lib/vswitch-idl.h \
		ovsdb/ovsdb-idlc
	$(AM_V_GEN)$(OVSDB_IDLC) c-idl-source lib/vswitch-idl.ovsidl \
	    > $@.tmp && mv $@.tmp $@

# Tests: a small schema with its own generated IDL, and the driver.
tests_ovstest_SOURCES += tests/test-ovsdb-idl.c
nodist_tests_ovstest_SOURCES = \
	tests/idltest.c \
	tests/idltest.h
BUILT_SOURCES += tests/idltest.c tests/idltest.h
EXTRA_DIST += tests/idltest.ovsschema tests/idltest.ann
CLEANFILES += tests/idltest.c tests/idltest.h tests/idltest.ovsidl

tests/idltest.ovsidl: tests/idltest.ovsschema tests/idltest.ann \
		ovsdb/ovsdb-idlc
	$(AM_V_GEN)$(MKDIR_P) tests && \
	$(OVSDB_IDLC) annotate $(srcdir)/tests/idltest.ovsschema \
	    $(srcdir)/tests/idltest.ann > $@.tmp && mv $@.tmp $@
tests/idltest.h: tests/idltest.ovsidl ovsdb/ovsdb-idlc
	$(AM_V_GEN)$(OVSDB_IDLC) c-idl-header tests/idltest.ovsidl \
	    > $@.tmp && mv $@.tmp $@
tests/idltest.c: tests/idltest.ovsidl tests/idltest.h ovsdb/ovsdb-idlc
	$(AM_V_GEN)$(OVSDB_IDLC) c-idl-source tests/idltest.ovsidl \
	    > $@.tmp && mv $@.tmp $@
