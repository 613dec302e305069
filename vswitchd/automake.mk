# The Open_vSwitch database schema, installed where ovsdb-tool create and
# ovs-ctl look for it.
pkgdata_DATA += vswitchd/vswitch.ovsschema
EXTRA_DIST += vswitchd/vswitch.ovsschema

# Fails the build if the schema's "cksum" field is stale.
ALL_LOCAL += vswitchd/vswitch.ovsschema.stamp
vswitchd/vswitch.ovsschema.stamp: vswitchd/vswitch.ovsschema
	$(AM_V_GEN)$(PYTHON3) $(srcdir)/tests/schema-compare.py check-cksum \
	    $(srcdir)/vswitchd/vswitch.ovsschema
	$(AM_V_at)$(MKDIR_P) vswitchd && touch $@
CLEANFILES += vswitchd/vswitch.ovsschema.stamp

# The switch daemon.
sbin_PROGRAMS += vswitchd/ovs-vswitchd
vswitchd_ovs_vswitchd_SOURCES = \
	vswitchd/bridge.c \
	vswitchd/bridge.h \
	vswitchd/ovs-vswitchd.c
vswitchd_ovs_vswitchd_LDADD = ofproto/libofproto.a $(LIBOVS)
dist_man_MANS += vswitchd/ovs-vswitchd.8
