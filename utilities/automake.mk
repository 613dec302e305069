# Command-line utilities.

# ovs-appctl: runs a command on a daemon through its control socket.
bin_PROGRAMS += utilities/ovs-appctl
utilities_ovs_appctl_SOURCES = utilities/ovs-appctl.c
utilities_ovs_appctl_LDADD = $(LIBOVS)
dist_man_MANS += utilities/ovs-appctl.8
