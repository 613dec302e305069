# The GNU autotest suite and the unit-test driver.

EXTRA_DIST += \
	$(TESTSUITE_AT) \
	$(TESTSUITE) \
	tests/ovsdb-compare.py \
	tests/ovsdb-strings-compare.py \
	tests/uuidfilt.py \
	tests/netdev-linux.py \
	tests/system-netdev-linux.at \
	tests/ofproto-dpif-canon.py \
	tests/atlocal.in \
	package.m4

TESTSUITE_AT += \
	tests/testsuite.at \
	tests/ovs-macros.at \
	tests/library.at \
	tests/classifier.at \
	tests/runtime.at \
	tests/json.at \
	tests/stream.at \
	tests/vconn.at \
	tests/testcontroller.at \
	tests/pinsched.at \
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
	tests/ovs-vsctl.at \
	tests/ovsdb-compose.at \
	tests/flow.at \
	tests/ofp-errors.at \
	tests/ofp-print.at \
	tests/ofp-match.at \
	tests/ofp-group.at \
	tests/ofp-actions.at \
	tests/ofp-flow.at \
	tests/ofctl-flows.at \
	tests/ofctl-monitor.at \
	tests/ofproto-flowmon.at \
	tests/odp.at \
	tests/ofproto-macros.at \
	tests/ofproto-dpif.at \
	tests/dpif-features.at \
	tests/dpctl.at \
	tests/dpif-netdev.at \
	tests/dpif-netdev-threads.at \
	tests/ofproto.at \
	tests/ofproto-openflow.at \
	tests/ofproto-revalidate.at \
	tests/ofproto-meters.at \
	tests/ofproto-groups.at \
	tests/ofproto-switchfix.at \
	tests/ofproto-fidelity.at \
	tests/ofproto-xactions.at \
	tests/ofproto-setfield.at \
	tests/ofproto-pause.at \
	tests/ofproto-multipart.at \
	tests/ofproto-trace-packet.at \
	tests/ofproto-bad-input.at \
	tests/ofctl-interop.at \
	tests/ofproto-bundles.at \
	tests/ofproto-stop-on-error.at \
	tests/xlate.at
EXTRA_DIST += tests/schema-compare.py
# OpenFlow messages and errors against upstream's ovs-ofctl (msgs helper).
EXTRA_DIST += \
	tests/ofctl-compare.py \
	tests/ofp-errors.commands \
	tests/ofp-print.corpus
EXTRA_DIST += tests/flow-pcap.py
EXTRA_DIST += tests/ofproto-bad-input.py
# Groups, meters and queues (groups helper).
EXTRA_DIST += \
	tests/ofp-group-encode.txt \
	tests/ofp-group-fakesw.py \
	tests/ofp-group-meters.txt \
	tests/ofp-group-parse.txt \
	tests/ofp-group-print.txt \
	tests/ofp-group-switch.txt
EXTRA_DIST += \
	tests/ofp-match-nxm.txt \
	tests/ofp-match-of10.txt \
	tests/ofp-match-of11.txt \
	tests/ofp-match-errors.txt \
	tests/ofp-match-setfield.txt \
	tests/ofp-actions-setfield.txt

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
tests_ovstest_SOURCES += \
	tests/ovstest.c \
	tests/ovstest.h \
	tests/test-ofp-msgs.c \
	tests/test-hmap.c \
	tests/test-classifier.c \
	tests/test-json.c \
	tests/test-jsonrpc.c \
	tests/test-ofp-group.c \
	tests/test-ofp-flow.c \
	tests/test-ofp-actions.c \
	utilities/ofctl-actions.c \
	tests/test-odp.c \
	tests/test-list.c \
	tests/test-ovsdb-file.c \
	tests/test-ovsdb-log.c \
	tests/test-ovsdb.c \
	tests/test-strings.c \
	tests/test-command-line.c \
	tests/test-daemon.c \
	tests/test-dpctl.c \
	tests/test-dpif-netlink.c \
	tests/test-dpif-netdev.c \
	tests/test-dpif-netdev-meter.c \
	tests/test-flow.c \
	tests/test-meta-flow.c \
	tests/test-packets.c \
	tests/test-netdev-linux.c \
	tests/test-poll-loop.c \
	tests/test-reconnect.c \
	tests/test-stream.c \
	tests/test-vconn.c \
	tests/test-pinsched.c \
	tests/test-unixctl.c \
	tests/test-vlog.c \
	tests/test-uuid.c \
	tests/test-mac-learning.c \
	tests/test-xlate.c \
	tests/test-ofproto.c
tests_ovstest_LDADD = ofproto/libofproto.a ovsdb/libovsdb.a $(LIBOVS)

# Benchmarks: not tests.  BENCHFLAGS=--quick for a smoke run.
EXTRA_DIST += tests/perf/ovsdb-bench tests/perf/README.md
bench-ovsdb: all
	$(PYTHON3) $(srcdir)/tests/perf/ovsdb-bench \
	    --builddir=$(abs_top_builddir) $(BENCHFLAGS)
.PHONY: bench-ovsdb
EXTRA_DIST += tests/perf/userspace-bench tests/perf/udp-blast.c
bench-userspace: all
	$(PYTHON3) $(srcdir)/tests/perf/userspace-bench \
	    --builddir=$(abs_top_builddir) $(BENCHFLAGS)
.PHONY: bench-userspace
EXTRA_DIST += tests/perf/classifier-bench
bench-classifier: all tests/ovstest
	$(SHELL) $(srcdir)/tests/perf/classifier-bench \
	    $(abs_top_builddir)/tests/ovstest $(BENCHFLAGS)
.PHONY: bench-classifier
EXTRA_DIST += tests/perf/openflow-bench
bench-openflow: all
	$(PYTHON3) $(srcdir)/tests/perf/openflow-bench \
	    --builddir=$(abs_top_builddir) $(BENCHFLAGS)
.PHONY: bench-openflow

# The libFuzzer target for the OpenFlow decoder: "make fuzz", "make
# fuzz-run" (badinput helper).
include tests/fuzz/automake.mk

# The system tests of the userspace datapath (root: namespaces, veth
# pairs, real packets): "make check-system-userspace".
SYSTEM_USERSPACE_TESTSUITE_AT = \
	tests/system-userspace-testsuite.at \
	tests/system-userspace-macros.at \
	tests/system-userspace-traffic.at \
	tests/system-userspace-interop.at \
	tests/system-netdev-linux.at \
	tests/ofproto-macros.at \
	tests/ovs-macros.at
SYSTEM_USERSPACE_TESTSUITE = $(srcdir)/tests/system-userspace-testsuite
EXTRA_DIST += $(SYSTEM_USERSPACE_TESTSUITE_AT) $(SYSTEM_USERSPACE_TESTSUITE)
# The os-ken application of the interop tests.
EXTRA_DIST += tests/osken_simple_switch_13.py
check-system-userspace: all tests/atconfig tests/atlocal \
		$(SYSTEM_USERSPACE_TESTSUITE)
	$(SHELL) '$(SYSTEM_USERSPACE_TESTSUITE)' -C tests \
	    AUTOTEST_PATH='tests' $(TESTSUITEFLAGS)
$(SYSTEM_USERSPACE_TESTSUITE): package.m4 $(SYSTEM_USERSPACE_TESTSUITE_AT)
	$(AM_V_GEN)$(AUTOTEST) -I '$(srcdir)' -o $@.tmp $@.at && mv $@.tmp $@
.PHONY: check-system-userspace
# Flows, packets and tables (flows helper).
EXTRA_DIST += \
	tests/ofp-flow-errors.txt \
	tests/ofp-flow-packet.txt \
	tests/ofp-flow-parse.txt \
	tests/ofp-flow-print.txt

#
# The kernel datapath: building openvswitch.ko and testing it in a guest.
#
#   make modules       builds datapath/kbuild/openvswitch.ko with kbuild,
#                      against Debian's linux-headers-amd64
#   make check-kmod    builds it and runs tests/kmod/ in one qemu boot of
#                      Debian's kernel; ends with "N passed, N failed"
#                      (KMOD_TESTS="netlink vswitchd" runs only those)
#   make clean-kmod    removes what the two made
#
# The kernel is the one the installed linux-image-amd64 package depends on,
# never the running kernel (this host's cannot load modules).  Kbuild
# writes its objects next to the sources, so the module is built in
# datapath/kbuild/ of the build tree, which links to the sources and holds
# include/linux/openvswitch.h, our copy of the uapi header.

KMOD_KVER = $(shell dpkg-query -W -f='$${Depends}' linux-image-amd64 2>/dev/null | sed -n 's/^linux-image-\([^ ,]*\).*/\1/p')
KMOD_KDIR = /lib/modules/$(KMOD_KVER)/build
KMOD_BUILD = $(abs_top_builddir)/datapath/kbuild
KMOD_OUT = $(abs_top_builddir)/tests/kmod-out
KMOD_TESTS =

KMOD_DATAPATH_FILES = \
	datapath/Kbuild \
	datapath/actions.c \
	datapath/datapath.c \
	datapath/datapath.h \
	datapath/dp_notify.c \
	datapath/flow.c \
	datapath/flow.h \
	datapath/flow_netlink.c \
	datapath/flow_netlink.h \
	datapath/flow_table.c \
	datapath/flow_table.h \
	datapath/meter.c \
	datapath/meter.h \
	datapath/vport-internal_dev.c \
	datapath/vport-netdev.c \
	datapath/vport.c \
	datapath/vport.h

KMOD_TEST_FILES = \
	tests/kmod/check-kmod.sh \
	tests/kmod/check-uapi-header.py \
	tests/kmod/dp-features-kernel.txt \
	tests/kmod/dp-features-weft.txt \
	tests/kmod/extract-vmlinux.sh \
	tests/kmod/guest-init \
	tests/kmod/guest-init2 \
	tests/kmod/guest-suite.sh \
	tests/kmod/kmod-load.sh \
	tests/kmod/lib.sh \
	tests/kmod/mkinitramfs.sh \
	tests/kmod/ovsnl.py \
	tests/kmod/run-in-guest.sh \
	tests/kmod/test-dpctl.sh \
	tests/kmod/test-fuzz.py \
	tests/kmod/test-load.sh \
	tests/kmod/test-meter-netlink.py \
	tests/kmod/test-meter.sh \
	tests/kmod/test-netlink.py \
	tests/kmod/test-ovs-dpctl.sh \
	tests/kmod/test-our-vswitchd.sh \
	tests/kmod/test-rmmod.sh \
	tests/kmod/test-tunnel.sh \
	tests/kmod/test-vswitchd.sh

EXTRA_DIST += $(KMOD_DATAPATH_FILES) datapath/COPYING \
	include/linux/openvswitch.h $(KMOD_TEST_FILES)

modules:
	@if test -z "$(KMOD_KVER)" || test ! -d "$(KMOD_KDIR)"; then \
	  echo "modules: install linux-image-amd64 and linux-headers-amd64"; \
	  exit 1; \
	fi
	@mkdir -p $(KMOD_BUILD)/include/linux
	@for f in $(KMOD_DATAPATH_FILES); do \
	  ln -sf $(abs_top_srcdir)/$$f $(KMOD_BUILD)/; \
	done
	@ln -sf $(abs_top_srcdir)/include/linux/openvswitch.h \
	  $(KMOD_BUILD)/include/linux/
	$(MAKE) -C $(KMOD_KDIR) M=$(KMOD_BUILD) modules

check-kmod: modules tests/ovstest utilities/ovs-dpctl utilities/ovs-vsctl \
	    utilities/ovs-appctl vswitchd/ovs-vswitchd ovsdb/ovsdb-server \
	    ovsdb/ovsdb-tool
	$(abs_top_srcdir)/tests/kmod/check-kmod.sh $(abs_top_srcdir) \
	  $(KMOD_BUILD)/openvswitch.ko $(KMOD_OUT) $(KMOD_TESTS)

# make bench-kmod: our module against the kernel's and the Linux bridge
# in one guest boot (tests/perf/README.md); BENCHFLAGS="--seconds 8".
bench-kmod: modules
	$(abs_top_srcdir)/tests/perf/kmod-bench \
	  --ko $(KMOD_BUILD)/openvswitch.ko \
	  --out $(abs_top_builddir)/tests/kmod-bench-out $(BENCHFLAGS)

EXTRA_DIST += tests/perf/kmod-bench tests/perf/kmod-bench-guest.sh

clean-kmod:
	rm -rf $(KMOD_BUILD) $(KMOD_OUT) $(abs_top_builddir)/tests/kmod-bench-out

.PHONY: modules check-kmod clean-kmod bench-kmod
# OpenFlow bundles (of14 helper).
EXTRA_DIST += tests/ofp-bundles.py
EXTRA_DIST += tests/ofp-stop-on-error.py
