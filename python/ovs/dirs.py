# SPDX-License-Identifier: Apache-2.0
"""Default directories, overridable from the environment.

The defaults are upstream Open vSwitch's file locations, so that Weft is a
drop-in for it.  Each can be overridden by the environment variable of the
same name that the C programs honour (OVS_PKGDATADIR, OVS_RUNDIR, ...).
"""

import os

PKGDATADIR = os.environ.get("OVS_PKGDATADIR", "/usr/share/openvswitch")
RUNDIR = os.environ.get("OVS_RUNDIR", "/var/run/openvswitch")
LOGDIR = os.environ.get("OVS_LOGDIR", "/var/log/openvswitch")
BINDIR = os.environ.get("OVS_BINDIR", "/usr/bin")
DBDIR = os.environ.get("OVS_DBDIR")
if not DBDIR:
    sysconfdir = os.environ.get("OVS_SYSCONFDIR")
    if sysconfdir:
        DBDIR = "%s/openvswitch" % sysconfdir
    else:
        DBDIR = "/etc/openvswitch"
else:
    sysconfdir = None
