/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Copyright (c) 2026 The Weft Authors.
 *
 * The generic netlink interface between an Open vSwitch style kernel
 * datapath and its userspace.  This is Weft's own description of that
 * binary interface; every family name, command number, attribute number and
 * structure layout below is part of the kernel ABI and matches the Linux
 * uapi header <linux/openvswitch.h> exactly, so that Weft's datapath module
 * works with upstream's userspace and Weft's userspace works with the
 * kernel's own openvswitch module.  Numbers are never reused or reordered:
 * new values only ever go at the end of an enumeration.
 *
 * All four families (ovs_datapath, ovs_vport, ovs_flow, ovs_packet) carry a
 * struct ovs_header right after the generic netlink header, followed by
 * attributes of the family.
 */

#ifndef __LINUX_OPENVSWITCH_H
#define __LINUX_OPENVSWITCH_H 1

#include <linux/types.h>
#include <linux/if_ether.h>

/* The fixed header of every message of the OVS families.
 *
 * dp_ifindex is the ifindex of the datapath's local port (the network device
 * that carries the datapath's name), or 0 for a request that does not name a
 * datapath this way. */
struct ovs_header {
	int dp_ifindex;
};

/* ------------------------------------------------------------------------
 * Datapaths.
 * ------------------------------------------------------------------------ */

#define OVS_DATAPATH_FAMILY  "ovs_datapath"
#define OVS_DATAPATH_MCGROUP "ovs_datapath"

/* Version 2: userspace announces its features (OVS_DP_ATTR_USER_FEATURES)
 * when it creates a datapath. */
#define OVS_DATAPATH_VERSION 2

/* The first datapath family version that knows about user features. */
#define OVS_DP_VER_FEATURES 2

enum ovs_datapath_cmd {
	OVS_DP_CMD_UNSPEC,
	OVS_DP_CMD_NEW,
	OVS_DP_CMD_DEL,
	OVS_DP_CMD_GET,
	OVS_DP_CMD_SET
};

/* Attributes of the OVS_DP_CMD_* messages.
 *
 * OVS_DP_ATTR_NAME: string, the name of the datapath, which is also the
 * name of its local port's network device.  Required to create a datapath;
 * may replace dp_ifindex (then 0) in other requests.  Always in replies.
 *
 * OVS_DP_ATTR_UPCALL_PID: u32 netlink port id that receives the misses of
 * the local port.  Creation only; 0 means "send no upcalls".
 *
 * OVS_DP_ATTR_STATS: struct ovs_dp_stats.  Always in replies.
 *
 * OVS_DP_ATTR_MEGAFLOW_STATS: struct ovs_dp_megaflow_stats.  Always in
 * replies.
 *
 * OVS_DP_ATTR_USER_FEATURES: u32 of OVS_DP_F_* bits that userspace
 * supports.
 *
 * OVS_DP_ATTR_MASKS_CACHE_SIZE: u32 number of entries of the per-CPU mask
 * cache, a power of 2, or 0 to disable the cache.
 *
 * OVS_DP_ATTR_PER_CPU_PIDS: array of u32 netlink port ids, indexed by CPU
 * number, used in OVS_DP_F_DISPATCH_UPCALL_PER_CPU mode.
 *
 * OVS_DP_ATTR_IFINDEX: u32 ifindex to give the local port's device at
 * creation. */
enum ovs_datapath_attr {
	OVS_DP_ATTR_UNSPEC,
	OVS_DP_ATTR_NAME,		/* Name of the local port's netdev. */
	OVS_DP_ATTR_UPCALL_PID,		/* u32 netlink port id for upcalls. */
	OVS_DP_ATTR_STATS,		/* struct ovs_dp_stats. */
	OVS_DP_ATTR_MEGAFLOW_STATS,	/* struct ovs_dp_megaflow_stats. */
	OVS_DP_ATTR_USER_FEATURES,	/* u32 of OVS_DP_F_* bits. */
	OVS_DP_ATTR_PAD,		/* Padding for 64-bit attributes. */
	OVS_DP_ATTR_MASKS_CACHE_SIZE,	/* u32 mask cache entries per CPU. */
	OVS_DP_ATTR_PER_CPU_PIDS,	/* u32 array, one port id per CPU. */
	OVS_DP_ATTR_IFINDEX,		/* u32 ifindex for the local port. */
	__OVS_DP_ATTR_MAX
};

#define OVS_DP_ATTR_MAX (__OVS_DP_ATTR_MAX - 1)

/* Packet counters of a datapath. */
struct ovs_dp_stats {
	__u64 n_hit;		/* Packets that matched a flow. */
	__u64 n_missed;		/* Packets that matched no flow. */
	__u64 n_lost;		/* Misses that could not reach userspace. */
	__u64 n_flows;		/* Flows in the flow table. */
};

/* Megaflow (mask) counters of a datapath. */
struct ovs_dp_megaflow_stats {
	__u64 n_mask_hit;	/* Masks tried, summed over all lookups. */
	__u32 n_masks;		/* Masks in the flow table. */
	__u32 pad0;		/* Reserved, 0. */
	__u64 n_cache_hit;	/* Lookups resolved by the mask cache. */
	__u64 pad1;		/* Reserved, 0. */
};

/* Counters of one vport, as in struct rtnl_link_stats64. */
struct ovs_vport_stats {
	__u64 rx_packets;	/* Packets received. */
	__u64 tx_packets;	/* Packets transmitted. */
	__u64 rx_bytes;		/* Bytes received. */
	__u64 tx_bytes;		/* Bytes transmitted. */
	__u64 rx_errors;	/* Bad packets received. */
	__u64 tx_errors;	/* Packet transmit problems. */
	__u64 rx_dropped;	/* Received packets dropped. */
	__u64 tx_dropped;	/* Packets dropped on transmit. */
};

/* OVS_DP_ATTR_USER_FEATURES bits. */

/* Userspace accepts an unaligned last attribute (the packet) in upcalls. */
#define OVS_DP_F_UNALIGNED	(1 << 0)

/* Userspace gives each vport an array of upcall port ids. */
#define OVS_DP_F_VPORT_PIDS	(1 << 1)

/* Recirculation ids are shared with tc offload. */
#define OVS_DP_F_TC_RECIRC_SHARING	(1 << 2)

/* Upcalls go to the port id of the receiving CPU (OVS_DP_ATTR_PER_CPU_PIDS)
 * instead of the vport's. */
#define OVS_DP_F_DISPATCH_UPCALL_PER_CPU	(1 << 3)

/* The port number of a datapath's local port. */
#define OVSP_LOCAL      ((__u32)0)

/* ------------------------------------------------------------------------
 * Packets.
 * ------------------------------------------------------------------------ */

#define OVS_PACKET_FAMILY "ovs_packet"
#define OVS_PACKET_VERSION 0x1

enum ovs_packet_cmd {
	OVS_PACKET_CMD_UNSPEC,

	/* From the kernel to userspace. */
	OVS_PACKET_CMD_MISS,	/* No flow matched the packet. */
	OVS_PACKET_CMD_ACTION,	/* An OVS_ACTION_ATTR_USERSPACE action. */

	/* From userspace to the kernel. */
	OVS_PACKET_CMD_EXECUTE	/* Run actions on a packet. */
};

/* Attributes of the OVS_PACKET_CMD_* messages.
 *
 * OVS_PACKET_ATTR_PACKET: the packet, from its Ethernet header on.  In an
 * OVS_PACKET_CMD_ACTION upcall it has the changes of the actions that ran
 * before the userspace action.
 *
 * OVS_PACKET_ATTR_KEY: nested OVS_KEY_ATTR_* attributes, the flow key the
 * kernel extracted from the packet as received.  In an execute request it
 * supplies the packet's metadata (in_port, priority, mark...).
 *
 * OVS_PACKET_ATTR_ACTIONS: nested OVS_ACTION_ATTR_* attributes to execute;
 * in an upcall, the flow's actions if the userspace action asked for them.
 *
 * OVS_PACKET_ATTR_USERDATA: the userspace action's OVS_USERSPACE_ATTR_USERDATA,
 * unchanged.
 *
 * OVS_PACKET_ATTR_EGRESS_TUN_KEY: nested OVS_TUNNEL_KEY_ATTR_*, the tunnel
 * key an output to OVS_USERSPACE_ATTR_EGRESS_TUN_PORT would use.
 *
 * OVS_PACKET_ATTR_PROBE: flag, the request is a feature probe: do not log
 * its errors.
 *
 * OVS_PACKET_ATTR_MRU: u16 maximum received fragment size of a reassembled
 * packet.
 *
 * OVS_PACKET_ATTR_LEN: u32 length of the packet before a truncate action
 * shortened it.
 *
 * OVS_PACKET_ATTR_HASH: u64, the packet's hash in the low 32 bits, bit 32
 * set if it is a software hash, bit 33 set if it covers L4. */
enum ovs_packet_attr {
	OVS_PACKET_ATTR_UNSPEC,
	OVS_PACKET_ATTR_PACKET,		/* Packet data. */
	OVS_PACKET_ATTR_KEY,		/* Nested OVS_KEY_ATTR_*. */
	OVS_PACKET_ATTR_ACTIONS,	/* Nested OVS_ACTION_ATTR_*. */
	OVS_PACKET_ATTR_USERDATA,	/* Userspace action cookie. */
	OVS_PACKET_ATTR_EGRESS_TUN_KEY,	/* Nested OVS_TUNNEL_KEY_ATTR_*. */
	OVS_PACKET_ATTR_UNUSED1,	/* Retired, never used. */
	OVS_PACKET_ATTR_UNUSED2,	/* Retired, never used. */
	OVS_PACKET_ATTR_PROBE,		/* Flag: feature probe, log nothing. */
	OVS_PACKET_ATTR_MRU,		/* u16 maximum received fragment. */
	OVS_PACKET_ATTR_LEN,		/* u32 length before truncation. */
	OVS_PACKET_ATTR_HASH,		/* u64 packet hash and its flags. */
	__OVS_PACKET_ATTR_MAX
};

#define OVS_PACKET_ATTR_MAX (__OVS_PACKET_ATTR_MAX - 1)

/* ------------------------------------------------------------------------
 * Vports.
 * ------------------------------------------------------------------------ */

#define OVS_VPORT_FAMILY  "ovs_vport"
#define OVS_VPORT_MCGROUP "ovs_vport"
#define OVS_VPORT_VERSION 0x1

enum ovs_vport_cmd {
	OVS_VPORT_CMD_UNSPEC,
	OVS_VPORT_CMD_NEW,
	OVS_VPORT_CMD_DEL,
	OVS_VPORT_CMD_GET,
	OVS_VPORT_CMD_SET
};

enum ovs_vport_type {
	OVS_VPORT_TYPE_UNSPEC,
	OVS_VPORT_TYPE_NETDEV,	 /* An existing network device. */
	OVS_VPORT_TYPE_INTERNAL, /* A network device the datapath provides. */
	OVS_VPORT_TYPE_GRE,	 /* GRE tunnel. */
	OVS_VPORT_TYPE_VXLAN,	 /* VXLAN tunnel. */
	OVS_VPORT_TYPE_GENEVE,	 /* Geneve tunnel. */
	__OVS_VPORT_TYPE_MAX
};

#define OVS_VPORT_TYPE_MAX (__OVS_VPORT_TYPE_MAX - 1)

/* Attributes of the OVS_VPORT_CMD_* messages.
 *
 * OVS_VPORT_ATTR_PORT_NO: u32 port number in the datapath.  Optional at
 * creation (the lowest free number is chosen).
 *
 * OVS_VPORT_ATTR_TYPE: u32 OVS_VPORT_TYPE_*.  Required at creation.
 *
 * OVS_VPORT_ATTR_NAME: string, at most IFNAMSIZ - 1 bytes plus the NUL: the
 * network device's name.  Required at creation; in other requests it selects
 * the vport, otherwise dp_ifindex and OVS_VPORT_ATTR_PORT_NO do.
 *
 * OVS_VPORT_ATTR_OPTIONS: nested, type-specific configuration.
 *
 * OVS_VPORT_ATTR_UPCALL_PID: array of u32 netlink port ids among which the
 * misses of packets received on this vport are spread; a single 0 means "send
 * no upcalls".  Required at creation.
 *
 * OVS_VPORT_ATTR_STATS: struct ovs_vport_stats, in replies.
 *
 * OVS_VPORT_ATTR_IFINDEX: u32 ifindex of the vport's device, in replies.
 *
 * OVS_VPORT_ATTR_NETNSID: s32 id of the device's network namespace, in
 * replies, when it differs from the datapath's. */
enum ovs_vport_attr {
	OVS_VPORT_ATTR_UNSPEC,
	OVS_VPORT_ATTR_PORT_NO,		/* u32 port number. */
	OVS_VPORT_ATTR_TYPE,		/* u32 OVS_VPORT_TYPE_*. */
	OVS_VPORT_ATTR_NAME,		/* String, up to IFNAMSIZ bytes. */
	OVS_VPORT_ATTR_OPTIONS,		/* Nested, depends on the type. */
	OVS_VPORT_ATTR_UPCALL_PID,	/* u32 array of netlink port ids. */
	OVS_VPORT_ATTR_STATS,		/* struct ovs_vport_stats. */
	OVS_VPORT_ATTR_PAD,		/* Padding for 64-bit attributes. */
	OVS_VPORT_ATTR_IFINDEX,		/* u32 ifindex of the device. */
	OVS_VPORT_ATTR_NETNSID,		/* s32 network namespace id. */
	__OVS_VPORT_ATTR_MAX
};

#define OVS_VPORT_ATTR_MAX (__OVS_VPORT_ATTR_MAX - 1)

/* OVS_TUNNEL_ATTR_EXTENSION attributes of VXLAN vports. */
enum {
	OVS_VXLAN_EXT_UNSPEC,
	OVS_VXLAN_EXT_GBP,	/* Flag or u32: group based policy. */
	__OVS_VXLAN_EXT_MAX,
};

#define OVS_VXLAN_EXT_MAX (__OVS_VXLAN_EXT_MAX - 1)

/* OVS_VPORT_ATTR_OPTIONS attributes of tunnel vports. */
enum {
	OVS_TUNNEL_ATTR_UNSPEC,
	OVS_TUNNEL_ATTR_DST_PORT,	/* u16 UDP port of L4 tunnels. */
	OVS_TUNNEL_ATTR_EXTENSION,	/* Nested OVS_VXLAN_EXT_*. */
	__OVS_TUNNEL_ATTR_MAX
};

#define OVS_TUNNEL_ATTR_MAX (__OVS_TUNNEL_ATTR_MAX - 1)

/* ------------------------------------------------------------------------
 * Flows.
 * ------------------------------------------------------------------------ */

#define OVS_FLOW_FAMILY  "ovs_flow"
#define OVS_FLOW_MCGROUP "ovs_flow"
#define OVS_FLOW_VERSION 0x1

enum ovs_flow_cmd {
	OVS_FLOW_CMD_UNSPEC,
	OVS_FLOW_CMD_NEW,
	OVS_FLOW_CMD_DEL,
	OVS_FLOW_CMD_GET,
	OVS_FLOW_CMD_SET
};

/* Packet and byte counters of a flow. */
struct ovs_flow_stats {
	__u64 n_packets;	/* Packets that matched the flow. */
	__u64 n_bytes;		/* Bytes of those packets. */
};

/* The fields of a flow key, as nested attributes of OVS_FLOW_ATTR_KEY,
 * OVS_FLOW_ATTR_MASK and OVS_PACKET_ATTR_KEY.  In a mask, each attribute has
 * the layout of the key attribute, 1-bits meaning "must match". */
enum ovs_key_attr {
	OVS_KEY_ATTR_UNSPEC,
	OVS_KEY_ATTR_ENCAP,	/* Nested: the attributes inside a VLAN tag. */
	OVS_KEY_ATTR_PRIORITY,	/* u32 skb->priority. */
	OVS_KEY_ATTR_IN_PORT,	/* u32 datapath port number. */
	OVS_KEY_ATTR_ETHERNET,	/* struct ovs_key_ethernet. */
	OVS_KEY_ATTR_VLAN,	/* be16 VLAN TCI, VLAN_CFI set if tagged. */
	OVS_KEY_ATTR_ETHERTYPE,	/* be16 Ethernet type. */
	OVS_KEY_ATTR_IPV4,	/* struct ovs_key_ipv4. */
	OVS_KEY_ATTR_IPV6,	/* struct ovs_key_ipv6. */
	OVS_KEY_ATTR_TCP,	/* struct ovs_key_tcp. */
	OVS_KEY_ATTR_UDP,	/* struct ovs_key_udp. */
	OVS_KEY_ATTR_ICMP,	/* struct ovs_key_icmp. */
	OVS_KEY_ATTR_ICMPV6,	/* struct ovs_key_icmpv6. */
	OVS_KEY_ATTR_ARP,	/* struct ovs_key_arp. */
	OVS_KEY_ATTR_ND,	/* struct ovs_key_nd. */
	OVS_KEY_ATTR_SKB_MARK,	/* u32 skb->mark. */
	OVS_KEY_ATTR_TUNNEL,	/* Nested OVS_TUNNEL_KEY_ATTR_*. */
	OVS_KEY_ATTR_SCTP,	/* struct ovs_key_sctp. */
	OVS_KEY_ATTR_TCP_FLAGS,	/* be16 TCP flags. */
	OVS_KEY_ATTR_DP_HASH,	/* u32 datapath hash, 0 if not computed. */
	OVS_KEY_ATTR_RECIRC_ID,	/* u32 recirculation id. */
	OVS_KEY_ATTR_MPLS,	/* Array of struct ovs_key_mpls. */
	OVS_KEY_ATTR_CT_STATE,	/* u32 of OVS_CS_F_* bits. */
	OVS_KEY_ATTR_CT_ZONE,	/* u16 conntrack zone. */
	OVS_KEY_ATTR_CT_MARK,	/* u32 conntrack mark. */
	OVS_KEY_ATTR_CT_LABELS,	/* 16 bytes of conntrack labels. */
	OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4,  /* struct ovs_key_ct_tuple_ipv4. */
	OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6,  /* struct ovs_key_ct_tuple_ipv6. */
	OVS_KEY_ATTR_NSH,	/* Nested OVS_NSH_KEY_ATTR_*. */

	/* 29 and 30 are used by userspace only and are never sent to the
	 * kernel. */
	OVS_KEY_ATTR_PACKET_TYPE,   /* be32 packet type. */
	OVS_KEY_ATTR_ND_EXTENSIONS, /* IPv6 neighbor discovery extensions. */

	OVS_KEY_ATTR_TUNNEL_INFO,   /* Kernel internal: struct ip_tunnel_info. */
	OVS_KEY_ATTR_IPV6_EXTHDRS,  /* struct ovs_key_ipv6_exthdrs. */
	__OVS_KEY_ATTR_MAX
};

#define OVS_KEY_ATTR_MAX (__OVS_KEY_ATTR_MAX - 1)

/* Nested attributes of OVS_KEY_ATTR_TUNNEL.  Type 0 is a real attribute
 * here (the tunnel id), unlike in every other attribute space. */
enum ovs_tunnel_key_attr {
	OVS_TUNNEL_KEY_ATTR_ID,			/* be64 tunnel id. */
	OVS_TUNNEL_KEY_ATTR_IPV4_SRC,		/* be32 source address. */
	OVS_TUNNEL_KEY_ATTR_IPV4_DST,		/* be32 destination address. */
	OVS_TUNNEL_KEY_ATTR_TOS,		/* u8 IP ToS. */
	OVS_TUNNEL_KEY_ATTR_TTL,		/* u8 IP TTL. */
	OVS_TUNNEL_KEY_ATTR_DONT_FRAGMENT,	/* Flag: set DF. */
	OVS_TUNNEL_KEY_ATTR_CSUM,		/* Flag: checksum the packet. */
	OVS_TUNNEL_KEY_ATTR_OAM,		/* Flag: OAM frame. */
	OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS,	/* Geneve options. */
	OVS_TUNNEL_KEY_ATTR_TP_SRC,		/* be16 source L4 port. */
	OVS_TUNNEL_KEY_ATTR_TP_DST,		/* be16 destination L4 port. */
	OVS_TUNNEL_KEY_ATTR_VXLAN_OPTS,		/* Nested OVS_VXLAN_EXT_*. */
	OVS_TUNNEL_KEY_ATTR_IPV6_SRC,		/* struct in6_addr source. */
	OVS_TUNNEL_KEY_ATTR_IPV6_DST,		/* struct in6_addr destination. */
	OVS_TUNNEL_KEY_ATTR_PAD,		/* Padding. */
	OVS_TUNNEL_KEY_ATTR_ERSPAN_OPTS,	/* struct erspan_metadata. */
	OVS_TUNNEL_KEY_ATTR_IPV4_INFO_BRIDGE,	/* Flag: IPv4 bridge mode. */
	__OVS_TUNNEL_KEY_ATTR_MAX
};

#define OVS_TUNNEL_KEY_ATTR_MAX (__OVS_TUNNEL_KEY_ATTR_MAX - 1)

/* Fragment types of IPv4 and IPv6 keys. */
enum ovs_frag_type {
	OVS_FRAG_TYPE_NONE,	/* Not a fragment. */
	OVS_FRAG_TYPE_FIRST,	/* First fragment (offset 0). */
	OVS_FRAG_TYPE_LATER,	/* Any later fragment. */
	__OVS_FRAG_TYPE_MAX
};

#define OVS_FRAG_TYPE_MAX (__OVS_FRAG_TYPE_MAX - 1)

struct ovs_key_ethernet {
	__u8	 eth_src[ETH_ALEN];	/* Source MAC address. */
	__u8	 eth_dst[ETH_ALEN];	/* Destination MAC address. */
};

struct ovs_key_mpls {
	__be32 mpls_lse;		/* Label stack entry. */
};

struct ovs_key_ipv4 {
	__be32 ipv4_src;		/* Source address. */
	__be32 ipv4_dst;		/* Destination address. */
	__u8   ipv4_proto;		/* IP protocol. */
	__u8   ipv4_tos;		/* DSCP and ECN bits. */
	__u8   ipv4_ttl;		/* Time to live. */
	__u8   ipv4_frag;		/* OVS_FRAG_TYPE_*. */
};

struct ovs_key_ipv6 {
	__be32 ipv6_src[4];		/* Source address. */
	__be32 ipv6_dst[4];		/* Destination address. */
	__be32 ipv6_label;		/* Flow label, in the low 20 bits. */
	__u8   ipv6_proto;		/* Upper-layer protocol. */
	__u8   ipv6_tclass;		/* Traffic class. */
	__u8   ipv6_hlimit;		/* Hop limit. */
	__u8   ipv6_frag;		/* OVS_FRAG_TYPE_*. */
};

/* Which IPv6 extension headers a packet has (kept apart from struct
 * ovs_key_ipv6 so that older userspace keeps its layout). */
struct ovs_key_ipv6_exthdrs {
	__u16  hdrs;			/* Bit set of extension headers. */
};

struct ovs_key_tcp {
	__be16 tcp_src;			/* Source port. */
	__be16 tcp_dst;			/* Destination port. */
};

struct ovs_key_udp {
	__be16 udp_src;			/* Source port. */
	__be16 udp_dst;			/* Destination port. */
};

struct ovs_key_sctp {
	__be16 sctp_src;		/* Source port. */
	__be16 sctp_dst;		/* Destination port. */
};

struct ovs_key_icmp {
	__u8 icmp_type;			/* ICMP type. */
	__u8 icmp_code;			/* ICMP code. */
};

struct ovs_key_icmpv6 {
	__u8 icmpv6_type;		/* ICMPv6 type. */
	__u8 icmpv6_code;		/* ICMPv6 code. */
};

struct ovs_key_arp {
	__be32 arp_sip;			/* Sender protocol address. */
	__be32 arp_tip;			/* Target protocol address. */
	__be16 arp_op;			/* Opcode. */
	__u8   arp_sha[ETH_ALEN];	/* Sender hardware address. */
	__u8   arp_tha[ETH_ALEN];	/* Target hardware address. */
};

struct ovs_key_nd {
	__be32	nd_target[4];		/* Target address. */
	__u8	nd_sll[ETH_ALEN];	/* Source link-layer address option. */
	__u8	nd_tll[ETH_ALEN];	/* Target link-layer address option. */
};

#define OVS_CT_LABELS_LEN_32	4
#define OVS_CT_LABELS_LEN	(OVS_CT_LABELS_LEN_32 * sizeof(__u32))
struct ovs_key_ct_labels {
	union {
		__u8	ct_labels[OVS_CT_LABELS_LEN];	/* As bytes. */
		__u32	ct_labels_32[OVS_CT_LABELS_LEN_32]; /* As words. */
	};
};

/* OVS_KEY_ATTR_CT_STATE bits. */
#define OVS_CS_F_NEW               0x01 /* Starts a new connection. */
#define OVS_CS_F_ESTABLISHED       0x02 /* Part of a known connection. */
#define OVS_CS_F_RELATED           0x04 /* Related to a known connection. */
#define OVS_CS_F_REPLY_DIR         0x08 /* Goes in the reply direction. */
#define OVS_CS_F_INVALID           0x10 /* Could not be tracked. */
#define OVS_CS_F_TRACKED           0x20 /* Went through conntrack. */
#define OVS_CS_F_SRC_NAT           0x40 /* Source was rewritten by NAT. */
#define OVS_CS_F_DST_NAT           0x80 /* Destination was rewritten. */

#define OVS_CS_F_NAT_MASK (OVS_CS_F_SRC_NAT | OVS_CS_F_DST_NAT)

struct ovs_key_ct_tuple_ipv4 {
	__be32 ipv4_src;		/* Original source address. */
	__be32 ipv4_dst;		/* Original destination address. */
	__be16 src_port;		/* Original source port. */
	__be16 dst_port;		/* Original destination port. */
	__u8   ipv4_proto;		/* IP protocol. */
};

struct ovs_key_ct_tuple_ipv6 {
	__be32 ipv6_src[4];		/* Original source address. */
	__be32 ipv6_dst[4];		/* Original destination address. */
	__be16 src_port;		/* Original source port. */
	__be16 dst_port;		/* Original destination port. */
	__u8   ipv6_proto;		/* Upper-layer protocol. */
};

enum ovs_nsh_key_attr {
	OVS_NSH_KEY_ATTR_UNSPEC,
	OVS_NSH_KEY_ATTR_BASE,	/* struct ovs_nsh_key_base. */
	OVS_NSH_KEY_ATTR_MD1,	/* struct ovs_nsh_key_md1. */
	OVS_NSH_KEY_ATTR_MD2,	/* Variable length metadata, MD type 2. */
	__OVS_NSH_KEY_ATTR_MAX
};

#define OVS_NSH_KEY_ATTR_MAX (__OVS_NSH_KEY_ATTR_MAX - 1)

struct ovs_nsh_key_base {
	__u8 flags;			/* NSH flags. */
	__u8 ttl;			/* NSH TTL. */
	__u8 mdtype;			/* Metadata type. */
	__u8 np;			/* Next protocol. */
	__be32 path_hdr;		/* Service path id and index. */
};

#define NSH_MD1_CONTEXT_SIZE 4

struct ovs_nsh_key_md1 {
	__be32 context[NSH_MD1_CONTEXT_SIZE];	/* Fixed context headers. */
};

/* Attributes of the OVS_FLOW_CMD_* messages.
 *
 * OVS_FLOW_ATTR_KEY: nested OVS_KEY_ATTR_*, the flow's key.  Required in
 * requests other than dumps unless OVS_FLOW_ATTR_UFID names the flow.
 *
 * OVS_FLOW_ATTR_ACTIONS: nested OVS_ACTION_ATTR_*.  Required by NEW; in SET
 * replaces the actions if present (empty means "drop").
 *
 * OVS_FLOW_ATTR_STATS: struct ovs_flow_stats, in replies when nonzero.
 *
 * OVS_FLOW_ATTR_TCP_FLAGS: u8, the TCP flags seen, in replies when nonzero.
 *
 * OVS_FLOW_ATTR_USED: u64, when the flow last matched a packet, in
 * milliseconds of the monotonic clock; in replies once it has.
 *
 * OVS_FLOW_ATTR_CLEAR: flag in SET: zero the statistics, flags and time.
 *
 * OVS_FLOW_ATTR_MASK: nested OVS_KEY_ATTR_*, the flow's mask; absent
 * attributes are wildcarded; without this attribute the key matches exactly.
 *
 * OVS_FLOW_ATTR_PROBE: flag, the request is a feature probe: log nothing.
 *
 * OVS_FLOW_ATTR_UFID: 1 to 16 bytes, the flow's unique identifier, which
 * then names the flow instead of its key.
 *
 * OVS_FLOW_ATTR_UFID_FLAGS: u32 of OVS_UFID_F_* bits. */
enum ovs_flow_attr {
	OVS_FLOW_ATTR_UNSPEC,
	OVS_FLOW_ATTR_KEY,		/* Nested OVS_KEY_ATTR_*. */
	OVS_FLOW_ATTR_ACTIONS,		/* Nested OVS_ACTION_ATTR_*. */
	OVS_FLOW_ATTR_STATS,		/* struct ovs_flow_stats. */
	OVS_FLOW_ATTR_TCP_FLAGS,	/* u8 OR of the TCP flags seen. */
	OVS_FLOW_ATTR_USED,		/* u64 monotonic ms of last use. */
	OVS_FLOW_ATTR_CLEAR,		/* Flag: clear stats, flags, used. */
	OVS_FLOW_ATTR_MASK,		/* Nested OVS_KEY_ATTR_*. */
	OVS_FLOW_ATTR_PROBE,		/* Flag: feature probe, log nothing. */
	OVS_FLOW_ATTR_UFID,		/* 1-16 byte unique flow id. */
	OVS_FLOW_ATTR_UFID_FLAGS,	/* u32 of OVS_UFID_F_*. */
	OVS_FLOW_ATTR_PAD,		/* Padding for 64-bit attributes. */
	__OVS_FLOW_ATTR_MAX
};

#define OVS_FLOW_ATTR_MAX (__OVS_FLOW_ATTR_MAX - 1)

/* OVS_FLOW_ATTR_UFID_FLAGS bits: what replies may leave out. */
#define OVS_UFID_F_OMIT_KEY      (1 << 0)
#define OVS_UFID_F_OMIT_MASK     (1 << 1)
#define OVS_UFID_F_OMIT_ACTIONS  (1 << 2)

/* Attributes of OVS_ACTION_ATTR_SAMPLE.
 *
 * OVS_SAMPLE_ATTR_PROBABILITY: u32, the chance of running the actions, out of
 * UINT32_MAX.
 *
 * OVS_SAMPLE_ATTR_ACTIONS: nested OVS_ACTION_ATTR_*, run on a copy of the
 * packet. */
enum ovs_sample_attr {
	OVS_SAMPLE_ATTR_UNSPEC,
	OVS_SAMPLE_ATTR_PROBABILITY,	/* u32 probability. */
	OVS_SAMPLE_ATTR_ACTIONS,	/* Nested OVS_ACTION_ATTR_*. */
	__OVS_SAMPLE_ATTR_MAX,
};

#define OVS_SAMPLE_ATTR_MAX (__OVS_SAMPLE_ATTR_MAX - 1)

/* Attributes of OVS_ACTION_ATTR_USERSPACE.
 *
 * OVS_USERSPACE_ATTR_PID: u32 netlink port id that receives the
 * OVS_PACKET_CMD_ACTION upcall.  Required.
 *
 * OVS_USERSPACE_ATTR_USERDATA: any bytes, copied into the upcall as
 * OVS_PACKET_ATTR_USERDATA.
 *
 * OVS_USERSPACE_ATTR_EGRESS_TUN_PORT: u32 tunnel port whose egress tunnel
 * key the upcall carries.
 *
 * OVS_USERSPACE_ATTR_ACTIONS: flag: the upcall carries the flow's actions. */
enum ovs_userspace_attr {
	OVS_USERSPACE_ATTR_UNSPEC,
	OVS_USERSPACE_ATTR_PID,			/* u32 netlink port id. */
	OVS_USERSPACE_ATTR_USERDATA,		/* Opaque cookie. */
	OVS_USERSPACE_ATTR_EGRESS_TUN_PORT,	/* u32 tunnel port. */
	OVS_USERSPACE_ATTR_ACTIONS,		/* Flag: include actions. */
	__OVS_USERSPACE_ATTR_MAX
};

#define OVS_USERSPACE_ATTR_MAX (__OVS_USERSPACE_ATTR_MAX - 1)

/* Argument of OVS_ACTION_ATTR_TRUNC. */
struct ovs_action_trunc {
	__u32 max_len;			/* Bytes kept of the packet. */
};

/* Argument of OVS_ACTION_ATTR_PUSH_MPLS. */
struct ovs_action_push_mpls {
	__be32 mpls_lse;		/* Label stack entry to push. */
	__be16 mpls_ethertype;		/* ETH_P_MPLS_UC or ETH_P_MPLS_MC. */
};

/* Argument of OVS_ACTION_ATTR_ADD_MPLS. */
struct ovs_action_add_mpls {
	__be32 mpls_lse;		/* Label stack entry to push. */
	__be16 mpls_ethertype;		/* ETH_P_MPLS_UC or ETH_P_MPLS_MC. */
	__u16 tun_flags;		/* OVS_MPLS_L3_TUNNEL_FLAG_MASK. */
};

/* In ovs_action_add_mpls.tun_flags: insert the label before the L3 header
 * instead of at the start of the packet. */
#define OVS_MPLS_L3_TUNNEL_FLAG_MASK  (1 << 0)

/* Argument of OVS_ACTION_ATTR_PUSH_VLAN. */
struct ovs_action_push_vlan {
	__be16 vlan_tpid;		/* ETH_P_8021Q or ETH_P_8021AD. */
	__be16 vlan_tci;		/* TCI to push, VLAN_CFI must be set. */
};

/* Algorithms of OVS_ACTION_ATTR_HASH. */
enum ovs_hash_alg {
	OVS_HASH_ALG_L4,		/* The packet's L4 (5-tuple) hash. */
	OVS_HASH_ALG_SYM_L4,		/* Symmetric L2-L4 hash (the same both
					 * ways of a connection). */
};

/* Argument of OVS_ACTION_ATTR_HASH: stores a hash of the packet in the
 * key's dp_hash. */
struct ovs_action_hash {
	__u32  hash_alg;		/* One of enum ovs_hash_alg. */
	__u32  hash_basis;		/* Basis mixed into the hash. */
};

/* Attributes of OVS_ACTION_ATTR_CT. */
enum ovs_ct_attr {
	OVS_CT_ATTR_UNSPEC,
	OVS_CT_ATTR_COMMIT,		/* Flag: commit the connection. */
	OVS_CT_ATTR_ZONE,		/* u16 zone. */
	OVS_CT_ATTR_MARK,		/* Mark to set on the connection. */
	OVS_CT_ATTR_LABELS,		/* Labels to set on the connection. */
	OVS_CT_ATTR_HELPER,		/* String: ALG helper name. */
	OVS_CT_ATTR_NAT,		/* Nested OVS_NAT_ATTR_*. */
	OVS_CT_ATTR_FORCE_COMMIT,	/* Flag: commit, replacing. */
	OVS_CT_ATTR_EVENTMASK,		/* u32 mask of IPCT_* events. */
	OVS_CT_ATTR_TIMEOUT,		/* String: timeout policy name. */
	__OVS_CT_ATTR_MAX
};

#define OVS_CT_ATTR_MAX (__OVS_CT_ATTR_MAX - 1)

/* Attributes of OVS_CT_ATTR_NAT. */
enum ovs_nat_attr {
	OVS_NAT_ATTR_UNSPEC,
	OVS_NAT_ATTR_SRC,		/* Flag: source NAT. */
	OVS_NAT_ATTR_DST,		/* Flag: destination NAT. */
	OVS_NAT_ATTR_IP_MIN,		/* Lowest address of the range. */
	OVS_NAT_ATTR_IP_MAX,		/* Highest address of the range. */
	OVS_NAT_ATTR_PROTO_MIN,		/* u16 lowest port of the range. */
	OVS_NAT_ATTR_PROTO_MAX,		/* u16 highest port of the range. */
	OVS_NAT_ATTR_PERSISTENT,	/* Flag. */
	OVS_NAT_ATTR_PROTO_HASH,	/* Flag. */
	OVS_NAT_ATTR_PROTO_RANDOM,	/* Flag. */
	__OVS_NAT_ATTR_MAX,
};

#define OVS_NAT_ATTR_MAX (__OVS_NAT_ATTR_MAX - 1)

/* Argument of OVS_ACTION_ATTR_PUSH_ETH. */
struct ovs_action_push_eth {
	struct ovs_key_ethernet addresses;	/* Addresses of the header. */
};

/* Attributes of OVS_ACTION_ATTR_CHECK_PKT_LEN. */
enum ovs_check_pkt_len_attr {
	OVS_CHECK_PKT_LEN_ATTR_UNSPEC,
	OVS_CHECK_PKT_LEN_ATTR_PKT_LEN,		 /* u16 length to compare. */
	OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER, /* Nested actions. */
	OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL, /* Nested actions. */
	__OVS_CHECK_PKT_LEN_ATTR_MAX,
};

#define OVS_CHECK_PKT_LEN_ATTR_MAX (__OVS_CHECK_PKT_LEN_ATTR_MAX - 1)

/* Actions, as nested attributes of OVS_FLOW_ATTR_ACTIONS and
 * OVS_PACKET_ATTR_ACTIONS, run in order.
 *
 * OVS_ACTION_ATTR_OUTPUT: u32 port number: send a copy of the packet there.
 * OVS_ACTION_ATTR_USERSPACE: nested OVS_USERSPACE_ATTR_*: an upcall.
 * OVS_ACTION_ATTR_SET: one nested OVS_KEY_ATTR_*: rewrite those fields.
 * OVS_ACTION_ATTR_SET_MASKED: one nested OVS_KEY_ATTR_* whose value is
 *   followed by a mask of the same size; only the 1-bits are written and the
 *   value must be 0 where the mask is.
 * OVS_ACTION_ATTR_PUSH_VLAN / POP_VLAN: add or remove the outer VLAN tag.
 * OVS_ACTION_ATTR_SAMPLE: nested OVS_SAMPLE_ATTR_*.
 * OVS_ACTION_ATTR_RECIRC: u32: look the packet up again with this
 *   recirculation id.
 * OVS_ACTION_ATTR_HASH: struct ovs_action_hash.
 * OVS_ACTION_ATTR_TRUNC: struct ovs_action_trunc: cut the next outputs.
 * OVS_ACTION_ATTR_CLONE: nested actions run on a copy of the packet.
 * The others need conntrack, MPLS, NSH or meters. */
enum ovs_action_attr {
	OVS_ACTION_ATTR_UNSPEC,
	OVS_ACTION_ATTR_OUTPUT,		/* u32 port number. */
	OVS_ACTION_ATTR_USERSPACE,	/* Nested OVS_USERSPACE_ATTR_*. */
	OVS_ACTION_ATTR_SET,		/* One nested OVS_KEY_ATTR_*. */
	OVS_ACTION_ATTR_PUSH_VLAN,	/* struct ovs_action_push_vlan. */
	OVS_ACTION_ATTR_POP_VLAN,	/* No argument. */
	OVS_ACTION_ATTR_SAMPLE,		/* Nested OVS_SAMPLE_ATTR_*. */
	OVS_ACTION_ATTR_RECIRC,		/* u32 recirculation id. */
	OVS_ACTION_ATTR_HASH,		/* struct ovs_action_hash. */
	OVS_ACTION_ATTR_PUSH_MPLS,	/* struct ovs_action_push_mpls. */
	OVS_ACTION_ATTR_POP_MPLS,	/* be16 new Ethernet type. */
	OVS_ACTION_ATTR_SET_MASKED,	/* One nested OVS_KEY_ATTR_* + mask. */
	OVS_ACTION_ATTR_CT,		/* Nested OVS_CT_ATTR_*. */
	OVS_ACTION_ATTR_TRUNC,		/* struct ovs_action_trunc. */
	OVS_ACTION_ATTR_PUSH_ETH,	/* struct ovs_action_push_eth. */
	OVS_ACTION_ATTR_POP_ETH,	/* No argument. */
	OVS_ACTION_ATTR_CT_CLEAR,	/* No argument. */
	OVS_ACTION_ATTR_PUSH_NSH,	/* Nested OVS_NSH_KEY_ATTR_*. */
	OVS_ACTION_ATTR_POP_NSH,	/* No argument. */
	OVS_ACTION_ATTR_METER,		/* u32 meter id. */
	OVS_ACTION_ATTR_CLONE,		/* Nested OVS_ACTION_ATTR_*. */
	OVS_ACTION_ATTR_CHECK_PKT_LEN,	/* Nested OVS_CHECK_PKT_LEN_ATTR_*. */
	OVS_ACTION_ATTR_ADD_MPLS,	/* struct ovs_action_add_mpls. */
	OVS_ACTION_ATTR_DEC_TTL,	/* Nested OVS_DEC_TTL_ATTR_*. */
	__OVS_ACTION_ATTR_MAX,		/* Nothing from here is accepted from
					 * userspace. */
};

#define OVS_ACTION_ATTR_MAX (__OVS_ACTION_ATTR_MAX - 1)

/* ------------------------------------------------------------------------
 * Meters.
 * ------------------------------------------------------------------------ */

#define OVS_METER_FAMILY  "ovs_meter"
#define OVS_METER_MCGROUP "ovs_meter"
#define OVS_METER_VERSION 0x1

enum ovs_meter_cmd {
	OVS_METER_CMD_UNSPEC,
	OVS_METER_CMD_FEATURES,	/* What meters the datapath supports. */
	OVS_METER_CMD_SET,	/* Add or change a meter. */
	OVS_METER_CMD_DEL,	/* Delete a meter. */
	OVS_METER_CMD_GET	/* Read a meter's statistics. */
};

enum ovs_meter_attr {
	OVS_METER_ATTR_UNSPEC,
	OVS_METER_ATTR_ID,	/* u32 meter id in the datapath. */
	OVS_METER_ATTR_KBPS,	/* Flag: rates in kbit/s, else packets/s. */
	OVS_METER_ATTR_STATS,	/* struct ovs_flow_stats of the meter. */
	OVS_METER_ATTR_BANDS,	/* Nested OVS_BAND_ATTR_* per band. */
	OVS_METER_ATTR_USED,	/* u64 monotonic ms of last use. */
	OVS_METER_ATTR_CLEAR,	/* Flag: clear stats and used. */
	OVS_METER_ATTR_MAX_METERS, /* u32 meters supported. */
	OVS_METER_ATTR_MAX_BANDS,  /* u32 bands per meter supported. */
	OVS_METER_ATTR_PAD,	/* Padding for 64-bit attributes. */
	__OVS_METER_ATTR_MAX
};

#define OVS_METER_ATTR_MAX (__OVS_METER_ATTR_MAX - 1)

enum ovs_band_attr {
	OVS_BAND_ATTR_UNSPEC,
	OVS_BAND_ATTR_TYPE,	/* u32 OVS_METER_BAND_TYPE_*. */
	OVS_BAND_ATTR_RATE,	/* u32 rate in the meter's unit. */
	OVS_BAND_ATTR_BURST,	/* u32 burst size in the meter's unit. */
	OVS_BAND_ATTR_STATS,	/* struct ovs_flow_stats of the band. */
	__OVS_BAND_ATTR_MAX
};

#define OVS_BAND_ATTR_MAX (__OVS_BAND_ATTR_MAX - 1)

enum ovs_meter_band_type {
	OVS_METER_BAND_TYPE_UNSPEC,
	OVS_METER_BAND_TYPE_DROP,	/* Drop what exceeds the rate. */
	__OVS_METER_BAND_TYPE_MAX
};

#define OVS_METER_BAND_TYPE_MAX (__OVS_METER_BAND_TYPE_MAX - 1)

/* ------------------------------------------------------------------------
 * Conntrack limits.
 * ------------------------------------------------------------------------ */

#define OVS_CT_LIMIT_FAMILY  "ovs_ct_limit"
#define OVS_CT_LIMIT_MCGROUP "ovs_ct_limit"
#define OVS_CT_LIMIT_VERSION 0x1

enum ovs_ct_limit_cmd {
	OVS_CT_LIMIT_CMD_UNSPEC,
	OVS_CT_LIMIT_CMD_SET,	/* Add or change a limit. */
	OVS_CT_LIMIT_CMD_DEL,	/* Delete a limit. */
	OVS_CT_LIMIT_CMD_GET	/* Read limits. */
};

enum ovs_ct_limit_attr {
	OVS_CT_LIMIT_ATTR_UNSPEC,
	OVS_CT_LIMIT_ATTR_ZONE_LIMIT,	/* Array of struct ovs_zone_limit. */
	__OVS_CT_LIMIT_ATTR_MAX
};

#define OVS_CT_LIMIT_ATTR_MAX (__OVS_CT_LIMIT_ATTR_MAX - 1)

/* The zone_id that stands for "every zone without its own limit". */
#define OVS_ZONE_LIMIT_DEFAULT_ZONE -1

struct ovs_zone_limit {
	int zone_id;		/* Conntrack zone. */
	__u32 limit;		/* Most connections allowed. */
	__u32 count;		/* Connections now (replies only). */
};

/* Attributes of OVS_ACTION_ATTR_DEC_TTL. */
enum ovs_dec_ttl_attr {
	OVS_DEC_TTL_ATTR_UNSPEC,
	OVS_DEC_TTL_ATTR_ACTION,	/* Nested actions run when TTL expires. */
	__OVS_DEC_TTL_ATTR_MAX
};

#define OVS_DEC_TTL_ATTR_MAX (__OVS_DEC_TTL_ATTR_MAX - 1)

#endif /* __LINUX_OPENVSWITCH_H */
