# Command-line utilities.

# ovs-appctl: runs a command on a daemon through its control socket.
bin_PROGRAMS += utilities/ovs-appctl
utilities_ovs_appctl_SOURCES = utilities/ovs-appctl.c
utilities_ovs_appctl_LDADD = $(LIBOVS)
dist_man_MANS += utilities/ovs-appctl.8

# ovs-dpctl: manages datapaths directly (lib/dpctl.c).
bin_PROGRAMS += utilities/ovs-dpctl
utilities_ovs_dpctl_SOURCES = utilities/ovs-dpctl.c
utilities_ovs_dpctl_LDADD = $(LIBOVS)
dist_man_MANS += utilities/ovs-dpctl.8

# ovs-ofctl: OpenFlow switch management (main() and options in
# ovs-ofctl.c; each area of the OpenFlow codec adds its ofctl-<area>.c).
bin_PROGRAMS += utilities/ovs-ofctl
utilities_ovs_ofctl_SOURCES = \
	utilities/ovs-ofctl.c \
	utilities/ovs-ofctl.h \
	utilities/ofctl-print.c
utilities_ovs_ofctl_LDADD = $(LIBOVS)
dist_man_MANS += utilities/ovs-ofctl.8
# Match debugging commands (match helper).
utilities_ovs_ofctl_SOURCES += utilities/ofctl-match.c
# Actions (actions helper).
utilities_ovs_ofctl_SOURCES += utilities/ofctl-actions.c

# Connection commands (probe, ping) of ovs-ofctl (conn helper).
utilities_ovs_ofctl_SOURCES += utilities/ofctl-switch.c
# Groups and meters (groups helper).
utilities_ovs_ofctl_SOURCES += utilities/ofctl-groups.c

# Flow commands of ovs-ofctl (flows helper).
utilities_ovs_ofctl_SOURCES += utilities/ofctl-flows.c
# "monitor" of ovs-ofctl (ofctl helper).
utilities_ovs_ofctl_SOURCES += utilities/ofctl-monitor.c

# ovs-testcontroller: a learning-switch OpenFlow controller (conn helper).
bin_PROGRAMS += utilities/ovs-testcontroller
utilities_ovs_testcontroller_SOURCES = utilities/ovs-testcontroller.c
utilities_ovs_testcontroller_LDADD = $(LIBOVS)
dist_man_MANS += utilities/ovs-testcontroller.8

# ovs-vsctl, and the library modules that it shares with other database
# clients: db-ctl-base (the generic "-ctl" database commands) and table
# (the --format/--data output of ovs-vsctl and ovsdb-client).
lib_libopenvswitch_a_SOURCES += \
	lib/db-ctl-base.c \
	lib/db-ctl-base.h \
	lib/table.c \
	lib/table.h

bin_PROGRAMS += utilities/ovs-vsctl
utilities_ovs_vsctl_SOURCES = utilities/ovs-vsctl.c
utilities_ovs_vsctl_LDADD = $(LIBOVS)
dist_man_MANS += utilities/ovs-vsctl.8

# Test helpers for tests/ovs-vsctl.at.
EXTRA_DIST += \
	tests/vsctl-compat.py \
	tests/vsctl-dbcanon.py \
	tests/vsctl-session.txt
