/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENFLOW_OPENFLOW_H
#define OPENFLOW_OPENFLOW_H 1

/* All OpenFlow wire formats, every version, and the Nicira extensions. */

#include "openflow/openflow-1.0.h"
#include "openflow/openflow-1.5.h"
#include "openflow/nicira-ext.h"
#include "openflow/weft-ext.h"

#endif /* openflow/openflow.h */
