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
