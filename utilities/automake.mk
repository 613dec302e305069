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
