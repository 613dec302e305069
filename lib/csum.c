/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "csum.h"
#include <netinet/in.h>
#include <string.h>
#include "packets.h"

/* Returns the IP checksum of the 'n' bytes in 'data'. */
ovs_be16
csum(const void *data, size_t n)
{
    return csum_finish(csum_continue(0, data, n));
}

/* Adds the 16 bits 'new' to the partial checksum 'partial' and returns
 * the updated partial checksum. */
uint32_t
csum_add16(uint32_t partial, ovs_be16 new)
{
    return partial + new;
}

/* Adds the 32 bits 'new' to the partial checksum 'partial' and returns
 * the updated partial checksum. */
uint32_t
csum_add32(uint32_t partial, ovs_be32 new)
{
    return partial + (new >> 16) + (new & 0xffff);
}

/* Adds the 'n' bytes in 'data' to the partial checksum 'partial' and
 * returns the updated partial checksum.  'data' may have any alignment; an
 * odd trailing byte counts as the high byte of a 16-bit word (network
 * order), as RFC 1071 pads it.  'partial' may grow up to 2**32 - 1 before
 * it must be folded, which is ample for any packet. */
uint32_t
csum_continue(uint32_t partial, const void *data_, size_t n)
{
    const uint8_t *data = data_;
    uint64_t sum = partial;

    for (; n > 1; n -= 2, data += 2) {
        ovs_be16 word;

        memcpy(&word, data, 2);
        sum += word;
    }
    if (n) {
        uint8_t pad[2] = { *data, 0 };
        ovs_be16 word;

        memcpy(&word, pad, 2);
        sum += word;
    }
    while (sum >> 32) {
        sum = (sum & 0xffffffff) + (sum >> 32);
    }
    return sum;
}

/* Folds the partial checksum 'partial' into a checksum that can be stored
 * in a header. */
ovs_be16
csum_finish(uint32_t partial)
{
    while (partial >> 16) {
        partial = (partial & 0xffff) + (partial >> 16);
    }
    return ~partial;
}

/* Returns the new checksum for a packet whose checksum was 'old_csum' and
 * in which a 16-bit word containing 'old_u16' changed to 'new_u16'
 * (RFC 1624, equation 3). */
ovs_be16
recalc_csum16(ovs_be16 old_csum, ovs_be16 old_u16, ovs_be16 new_u16)
{
    uint32_t hc_complement = (uint16_t) ~old_csum;
    uint32_t m_complement = (uint16_t) ~old_u16;
    uint32_t m_prime = new_u16;
    uint32_t sum = hc_complement + m_complement + m_prime;

    return csum_finish(sum);
}

/* Like recalc_csum16() for a 32-bit word that is 16-bit aligned within
 * the checksummed data. */
ovs_be16
recalc_csum32(ovs_be16 old_csum, ovs_be32 old_u32, ovs_be32 new_u32)
{
    return recalc_csum16(recalc_csum16(old_csum, old_u32, new_u32),
                         old_u32 >> 16, new_u32 >> 16);
}

/* Like recalc_csum16() for a changed Ethernet address. */
ovs_be16
recalc_csum48(ovs_be16 old_csum, const struct eth_addr old_mac,
              const struct eth_addr new_mac)
{
    ovs_be16 new_csum = old_csum;

    for (int i = 0; i < 3; i++) {
        new_csum = recalc_csum16(new_csum, old_mac.be16[i], new_mac.be16[i]);
    }
    return new_csum;
}

/* Like recalc_csum16() for a changed IPv6 address. */
ovs_be16
recalc_csum128(ovs_be16 old_csum, ovs_16aligned_be32 old_u32[4],
               const struct in6_addr *new_in6)
{
    ovs_be16 new_csum = old_csum;
    ovs_be16 new_words[8];

    memcpy(new_words, new_in6, sizeof new_words);
    for (int i = 0; i < 4; i++) {
        new_csum = recalc_csum16(new_csum, old_u32[i].hi,
                                 new_words[2 * i]);
        new_csum = recalc_csum16(new_csum, old_u32[i].lo,
                                 new_words[2 * i + 1]);
    }
    return new_csum;
}
