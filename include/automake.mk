noinst_HEADERS += \
	include/openvswitch/compiler.h \
	include/openvswitch/dynamic-string.h \
	include/openvswitch/hmap.h \
	include/openvswitch/list.h \
	include/openvswitch/shash.h \
	include/openvswitch/util.h \
	include/openvswitch/uuid.h

# OpenFlow connections (conn helper).
noinst_HEADERS += include/openvswitch/vconn.h

# Groups, meters, queues, bundles (groups helper).
noinst_HEADERS += \
	include/openvswitch/ofp-bundle.h \
	include/openvswitch/ofp-group.h \
	include/openvswitch/ofp-meter.h \
	include/openvswitch/ofp-queue.h

# Flows, packets, tables (flows helper).
noinst_HEADERS += \
	include/openvswitch/ofp-flow.h \
	include/openvswitch/ofp-packet.h \
	include/openvswitch/ofp-parse.h \
	include/openvswitch/ofp-table.h
# Flow monitors (ofctl helper).
noinst_HEADERS += include/openvswitch/ofp-monitor.h
# Weft's own OpenFlow extension messages.
noinst_HEADERS += include/openvswitch/ofp-weft.h

# Actions (actions helper).
noinst_HEADERS += include/openvswitch/ofp-actions.h

# Match fields and OpenFlow matches (match helper).
noinst_HEADERS += \
	include/openvswitch/meta-flow.h \
	include/openvswitch/ofp-match.h

# OpenFlow wire formats, errors, messages, protocols, ports, switch,
# printing (msgs helper).
noinst_HEADERS += \
	include/openflow/nicira-ext.h \
	include/openflow/weft-ext.h \
	include/openflow/openflow-1.0.h \
	include/openflow/openflow-1.1.h \
	include/openflow/openflow-1.2.h \
	include/openflow/openflow-1.3.h \
	include/openflow/openflow-1.4.h \
	include/openflow/openflow-1.5.h \
	include/openflow/openflow-common.h \
	include/openflow/openflow.h \
	include/openvswitch/ofp-errors.h \
	include/openvswitch/ofp-msgs.h \
	include/openvswitch/ofp-port.h \
	include/openvswitch/ofp-print.h \
	include/openvswitch/ofp-protocol.h \
	include/openvswitch/ofp-switch.h
