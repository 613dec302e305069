# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0

# The OpenFlow switch: ofproto (OpenFlow semantics) and ofproto-dpif (its
# implementation on a datapath: translation, upcalls, revalidation).

# The switch library, linked by ovs-vswitchd (before $(LIBOVS)).
noinst_LIBRARIES += ofproto/libofproto.a
ofproto_libofproto_a_SOURCES = \
	ofproto/bundles.c \
	ofproto/bundles.h \
	ofproto/connmgr.c \
	ofproto/connmgr.h \
	ofproto/flow-monitor.c \
	ofproto/flow-monitor.h \
	ofproto/mac-learning.c \
	ofproto/mac-learning.h \
	ofproto/ofproto-dpif-trace.c \
	ofproto/ofproto-dpif-trace.h \
	ofproto/ofproto-dpif-upcall.c \
	ofproto/ofproto-dpif-upcall.h \
	ofproto/ofproto-dpif-xlate.c \
	ofproto/ofproto-dpif-xlate.h \
	ofproto/ofproto-dpif-xlate-private.h \
	ofproto/ofproto.c \
	ofproto/ofproto.h \
	ofproto/ofproto-group.c \
	ofproto/ofproto-group.h \
	ofproto/multipart.c \
	ofproto/multipart.h \
	ofproto/xlate-freeze.c \
	ofproto/xlate-group.c \
	ofproto/xlate-learn.c \
	ofproto/xlate-xactions.c \
	ofproto/xlate-xactions.h \
	ofproto/ofproto-dpif.c \
	ofproto/ofproto-dpif.h \
	ofproto/ofproto-dpif-features.c \
	ofproto/ofproto-dpif-features.h \
	ofproto/ofproto-dpif-meter.c \
	ofproto/ofproto-dpif-meter.h \
	ofproto/ofproto-meter.c \
	ofproto/ofproto-meter.h \
	ofproto/ofproto-provider.h
