/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef BYTE_ORDER_H
#define BYTE_ORDER_H 1

/* 64-bit byte order conversions under upstream's names, on <endian.h>. */

#include <endian.h>
#include <stdint.h>
#include "openvswitch/types.h"

#ifndef htonll
#define htonll(X) htobe64(X)
#endif
#ifndef ntohll
#define ntohll(X) be64toh(X)
#endif
#ifndef OVS_BE64_MAX
#define OVS_BE64_MAX ((ovs_be64) UINT64_MAX)
#endif

#endif /* byte-order.h */
