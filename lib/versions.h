/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef VERSIONS_H
#define VERSIONS_H 1

/* Versions of a flow table.
 *
 * A classifier rule is visible in the half-open range of versions
 * [add_version, remove_version).  A writer prepares a batch of changes in
 * the next version (new rules added in it, old rules made invisible in
 * it) while lookups keep using the current one; publishing the new version
 * number then makes the whole batch visible at once. */

#include <stdint.h>

typedef uint64_t ovs_version_t;

/* The first version; the version of a table that never changed. */
#define OVS_VERSION_MIN ((ovs_version_t) 0)

/* The largest version a lookup may ask for. */
#define OVS_VERSION_MAX ((ovs_version_t) UINT64_MAX - 1)

/* The remove_version of a rule that has not been removed. */
#define OVS_VERSION_NOT_REMOVED ((ovs_version_t) UINT64_MAX)

#endif /* versions.h */
