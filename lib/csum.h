/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef CSUM_H
#define CSUM_H 1

/* The Internet checksum (RFC 1071) and its incremental update (RFC 1624).
 *
 * A "partial" checksum is a 32-bit running sum of 16-bit words in network
 * byte order, not yet folded; csum_finish() folds and complements it into
 * the value that goes into a header. */

#include <stddef.h>
#include <stdint.h>
#include "openvswitch/types.h"

struct in6_addr;

ovs_be16 csum(const void *, size_t);
uint32_t csum_add16(uint32_t partial, ovs_be16);
uint32_t csum_add32(uint32_t partial, ovs_be32);
uint32_t csum_continue(uint32_t partial, const void *, size_t);
ovs_be16 csum_finish(uint32_t partial);
ovs_be16 recalc_csum16(ovs_be16 old_csum, ovs_be16 old_u16, ovs_be16 new_u16);
ovs_be16 recalc_csum32(ovs_be16 old_csum, ovs_be32 old_u32, ovs_be32 new_u32);
ovs_be16 recalc_csum48(ovs_be16 old_csum, const struct eth_addr old_mac,
                       const struct eth_addr new_mac);
ovs_be16 recalc_csum128(ovs_be16 old_csum, ovs_16aligned_be32 old_u32[4],
                        const struct in6_addr *);

#endif /* csum.h */
