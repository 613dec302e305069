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
