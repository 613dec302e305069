/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef DIRS_H
#define DIRS_H 1

/* Where things live.
 *
 * Each function returns a directory name: the value of its environment
 * variable if that is set and not empty, otherwise the default chosen at
 * configure time.  The result is computed once and never freed.
 *
 *   function           variable         default (upstream's)
 *   ovs_sysconfdir()   OVS_SYSCONFDIR   /etc (configure's sysconfdir)
 *   ovs_pkgdatadir()   OVS_PKGDATADIR   /usr/share/openvswitch
 *   ovs_rundir()       OVS_RUNDIR       /var/run/openvswitch
 *   ovs_logdir()       OVS_LOGDIR       /var/log/openvswitch
 *   ovs_dbdir()        OVS_DBDIR        /etc/openvswitch, or
 *                                       $OVS_SYSCONFDIR/openvswitch when
 *                                       only OVS_SYSCONFDIR is set
 *   ovs_bindir()       OVS_BINDIR       /usr/bin (configure's bindir)
 *
 * Programs put their pid files and control sockets in ovs_rundir(), their
 * logs in ovs_logdir(), databases in ovs_dbdir(). */

const char *ovs_sysconfdir(void);
const char *ovs_pkgdatadir(void);
const char *ovs_rundir(void);
const char *ovs_logdir(void);
const char *ovs_dbdir(void);
const char *ovs_bindir(void);

#endif /* dirs.h */
