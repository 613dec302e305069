# The core library, linked into every program.
noinst_LIBRARIES += lib/libopenvswitch.a
lib_libopenvswitch_a_SOURCES = \
	include/openvswitch/types.h \
	include/openvswitch/vlog.h \
	lib/command-line.c \
	lib/command-line.h \
	lib/coverage.c \
	lib/coverage.h \
	lib/csum.c \
	lib/csum.h \
	lib/dp-packet.c \
	lib/dp-packet.h \
	lib/flow.c \
	lib/match.c \
	lib/match.h \
	lib/pcap-file.c \
	lib/pcap-file.h \
	lib/ofpbuf.c \
	lib/ofpbuf.h \
	lib/packets.c \
	lib/packets.h \
	lib/daemon.c \
	lib/daemon.h \
	lib/dirs.c \
	lib/dirs.h \
	lib/dpctl.c \
	lib/dpctl.h \
	lib/dpif-netlink.c \
	lib/dpif-netdev.c \
	lib/dpif-netdev.h \
	lib/dpif-netdev-dpcls.c \
	lib/dpif-netdev-dpcls.h \
	lib/dpif-netdev-meter.c \
	lib/dpif-netdev-meter.h \
	lib/dpif.c \
	lib/netdev.c \
	lib/netdev-dummy.c \
	lib/netdev-dummy.h \
	lib/dynamic-string.c \
	lib/fatal-signal.c \
	lib/fatal-signal.h \
	lib/hash.c \
	lib/hash.h \
	lib/hmap.c \
	lib/json.c \
	lib/json.h \
	lib/jsonrpc.c \
	lib/jsonrpc.h \
	lib/latch.c \
	lib/latch.h \
	lib/memory.c \
	lib/memory.h \
	lib/netdev-linux.c \
	lib/netdev-linux.h \
	lib/rtnetlink.c \
	lib/rtnetlink.h \
	lib/netlink.c \
	lib/netlink.h \
	lib/odp-execute.c \
	lib/odp-execute.h \
	lib/odp-util.c \
	lib/odp-util.h \
	lib/ovs-rcu.c \
	lib/ovs-rcu.h \
	lib/ovs-thread.c \
	lib/ovs-thread.h \
	lib/ovsdb-condition.c \
	lib/ovsdb-condition.h \
	lib/ovsdb-data.c \
	lib/ovsdb-data.h \
	lib/ovsdb-error.c \
	lib/ovsdb-error.h \
	lib/ovsdb-parser.c \
	lib/ovsdb-parser.h \
	lib/ovsdb-types.c \
	lib/ovsdb-types.h \
	lib/poll-loop.c \
	lib/poll-loop.h \
	lib/random.c \
	lib/random.h \
	lib/reconnect.c \
	lib/reconnect.h \
	lib/seq.c \
	lib/seq.h \
	lib/shash.c \
	lib/signals.c \
	lib/signals.h \
	lib/simap.c \
	lib/simap.h \
	lib/smap.c \
	lib/smap.h \
	lib/socket-util.c \
	lib/socket-util.h \
	lib/sset.c \
	lib/sset.h \
	lib/stream.c \
	lib/stream.h \
	lib/stream-fd.c \
	lib/stream-fd.h \
	lib/stream-provider.h \
	lib/stream-ssl.c \
	lib/stream-ssl.h \
	lib/stream-tcp.c \
	lib/stream-unix.c \
	lib/timeval.c \
	lib/timeval.h \
	lib/token-bucket.c \
	lib/token-bucket.h \
	lib/unicode.c \
	lib/unicode.h \
	lib/unixctl.c \
	lib/unixctl.h \
	lib/util.c \
	lib/uuid.c \
	lib/uuid.h \
	lib/vlog.c

# What every program links with.
LIBOVS = lib/libopenvswitch.a $(JANSSON_LIBS) $(SSL_LIBS) $(CAPNG_LIBS) \
	$(URCU_LIBS) $(NL_LIBS) -lpthread

# Interfaces of the switch's layers, written first so that each layer's
# implementation codes against them.
noinst_HEADERS += \
	lib/dpif-provider.h \
	lib/dpif.h \
	lib/flow.h \
	lib/netdev-provider.h \
	lib/netdev.h

# The OpenFlow classifier (classifier helper).
lib_libopenvswitch_a_SOURCES += \
	lib/classifier.c \
	lib/classifier.h \
	lib/classifier-private.h \
	lib/miniflow.c \
	lib/miniflow.h \
	lib/versions.h

# OpenFlow flows, packets, tables and the shared text parsers (flows
# helper).
lib_libopenvswitch_a_SOURCES += \
	lib/ofp-flow.c \
	lib/ofp-packet.c \
	lib/ofp-parse.c \
	lib/ofp-table.c
# Flow monitors (ofctl helper).
lib_libopenvswitch_a_SOURCES += lib/ofp-monitor.c
# Weft's own OpenFlow extension messages.
lib_libopenvswitch_a_SOURCES += lib/ofp-weft.c

# Match fields, NXM/OXM and OpenFlow 1.0/1.1 matches (match helper).  The
# fields are described once in lib/meta-flow.fields; the generator writes
# the C tables into the build tree.
noinst_HEADERS += lib/nx-match.h
lib_libopenvswitch_a_SOURCES += \
	lib/meta-flow.c \
	lib/nx-match.c \
	lib/ofp-match.c
EXTRA_DIST += lib/meta-flow.fields build-aux/extract-mf-fields
MF_GENERATED = lib/meta-flow-ids.inc lib/meta-flow.inc lib/nx-match.inc \
	lib/meta-flow-tf.inc
BUILT_SOURCES += $(MF_GENERATED)
CLEANFILES += $(MF_GENERATED)
MF_GEN_DEPS = $(srcdir)/lib/meta-flow.fields \
	$(srcdir)/build-aux/extract-mf-fields
MF_GEN = $(PYTHON3) $(srcdir)/build-aux/extract-mf-fields
lib/meta-flow-ids.inc: $(MF_GEN_DEPS)
	$(AM_V_GEN)$(MKDIR_P) lib && \
	$(MF_GEN) ids $(srcdir)/lib/meta-flow.fields > $@.tmp && mv $@.tmp $@
lib/meta-flow.inc: $(MF_GEN_DEPS)
	$(AM_V_GEN)$(MKDIR_P) lib && \
	$(MF_GEN) fields $(srcdir)/lib/meta-flow.fields > $@.tmp && mv $@.tmp $@
lib/nx-match.inc: $(MF_GEN_DEPS)
	$(AM_V_GEN)$(MKDIR_P) lib && \
	$(MF_GEN) headers $(srcdir)/lib/meta-flow.fields > $@.tmp && \
	mv $@.tmp $@
lib/meta-flow-tf.inc: $(MF_GEN_DEPS)
	$(AM_V_GEN)$(MKDIR_P) lib && \
	$(MF_GEN) tf $(srcdir)/lib/meta-flow.fields > $@.tmp && mv $@.tmp $@

# OpenFlow errors, messages, protocols, ports, switch and printing (msgs
# helper).  Errors and message types are each described once in a table
# that a generator turns into C in the build tree.
lib_libopenvswitch_a_SOURCES += \
	lib/ofp-connection.c \
	lib/ofp-connection.h \
	lib/ofp-errors.c \
	lib/ofp-msgs.c \
	lib/ofp-port.c \
	lib/ofp-print.c \
	lib/ofp-print-others.c \
	lib/ofp-print-others.h \
	lib/ofp-protocol.c \
	lib/ofp-switch.c \
	lib/ofp-util.c
EXTRA_DIST += \
	lib/ofp-errors.def build-aux/extract-ofp-errors \
	lib/ofp-msgs.def build-aux/extract-ofp-msgs
BUILT_SOURCES += lib/ofp-errors.inc lib/ofp-msgs.inc
CLEANFILES += lib/ofp-errors.inc lib/ofp-msgs.inc
lib/ofp-msgs.inc: $(srcdir)/lib/ofp-msgs.def \
		$(srcdir)/include/openvswitch/ofp-msgs.h \
		$(srcdir)/build-aux/extract-ofp-msgs
	$(AM_V_GEN)$(MKDIR_P) lib && \
	$(PYTHON3) $(srcdir)/build-aux/extract-ofp-msgs \
		$(srcdir)/lib/ofp-msgs.def \
		$(srcdir)/include/openvswitch/ofp-msgs.h > $@.tmp && \
	mv $@.tmp $@
lib/ofp-errors.inc: $(srcdir)/lib/ofp-errors.def \
		$(srcdir)/include/openvswitch/ofp-errors.h \
		$(srcdir)/build-aux/extract-ofp-errors
	$(AM_V_GEN)$(MKDIR_P) lib && \
	$(PYTHON3) $(srcdir)/build-aux/extract-ofp-errors \
		$(srcdir)/lib/ofp-errors.def \
		$(srcdir)/include/openvswitch/ofp-errors.h > $@.tmp && \
	mv $@.tmp $@

# OpenFlow connections, rconn, packet-in scheduling, learning switch (conn
# helper).
lib_libopenvswitch_a_SOURCES += \
	lib/learning-switch.c \
	lib/learning-switch.h \
	lib/pinsched.c \
	lib/pinsched.h \
	lib/rconn.c \
	lib/rconn.h \
	lib/vconn.c \
	lib/vconn-multi.c \
	lib/vconn-provider.h \
	lib/vconn-stream.c

# Groups, meters, queues, bundles (groups helper).
lib_libopenvswitch_a_SOURCES += \
	lib/ofp-bundle.c \
	lib/ofp-group.c \
	lib/ofp-meter.c \
	lib/ofp-queue.c \
	lib/unaligned.h

# Actions and instructions (actions helper).  The wire encodings are
# described once in lib/ofp-actions.tbl; build-aux/gen-ofp-actions turns
# them into lib/ofp-actions.inc.
lib_libopenvswitch_a_SOURCES += \
	lib/bundle.c \
	lib/byte-order.h \
	lib/bundle.h \
	lib/learn.c \
	lib/learn.h \
	lib/multipath.c \
	lib/multipath.h \
	lib/ofp-actions.c
EXTRA_DIST += lib/ofp-actions.tbl build-aux/gen-ofp-actions
BUILT_SOURCES += lib/ofp-actions.inc
CLEANFILES += lib/ofp-actions.inc
lib/ofp-actions.inc: $(srcdir)/lib/ofp-actions.tbl \
		$(srcdir)/build-aux/gen-ofp-actions
	$(AM_V_GEN)$(MKDIR_P) lib && \
	$(PYTHON3) $(srcdir)/build-aux/gen-ofp-actions \
		$(srcdir)/lib/ofp-actions.tbl > $@.tmp && \
	mv $@.tmp $@

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
