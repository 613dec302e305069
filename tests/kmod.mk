# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
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
	datapath/vport-internal_dev.c \
	datapath/vport-netdev.c \
	datapath/vport.c \
	datapath/vport.h

KMOD_TEST_FILES = \
	tests/kmod/check-kmod.sh \
	tests/kmod/check-uapi-header.py \
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
	tests/kmod/test-netlink.py \
	tests/kmod/test-ovs-dpctl.sh \
	tests/kmod/test-our-vswitchd.sh \
	tests/kmod/test-rmmod.sh \
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
