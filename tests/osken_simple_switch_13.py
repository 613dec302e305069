# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
"""An os-ken application: an OpenFlow 1.3 learning switch.

Run it with "osken-manager --ofp-tcp-listen-port PORT THIS-FILE".  It
behaves as the learning switch that os-ken's documentation describes
(Debian's python3-os-ken does not ship one):

- when a switch connects, it installs a table-miss flow (priority 0, no
  match) that sends whole packets to the controller;
- for every packet-in, it learns that the source MAC lives on the input
  port; if the destination MAC is known, it installs a flow (priority 1,
  in_port + eth_src + eth_dst) that outputs to the learned port, otherwise
  it floods; then it sends the packet back out with a packet-out (the
  buffered packet when the switch buffered it, the packet's data
  otherwise).

Every learning step is logged at INFO level ("learned DPID MAC PORT" and
"flow DPID IN_PORT SRC DST OUT_PORT"), so that tests can follow it.
"""

from os_ken.base import app_manager
from os_ken.controller import ofp_event
from os_ken.controller.handler import CONFIG_DISPATCHER, MAIN_DISPATCHER
from os_ken.controller.handler import set_ev_cls
from os_ken.lib.packet import ether_types
from os_ken.lib.packet import ethernet
from os_ken.lib.packet import packet
from os_ken.ofproto import ofproto_v1_3


class WeftLearningSwitch13(app_manager.OSKenApp):
    """Learning switch for OpenFlow 1.3 datapaths."""

    OFP_VERSIONS = [ofproto_v1_3.OFP_VERSION]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Datapath ID -> {MAC address -> OpenFlow port number}.
        self.fdb = {}

    @staticmethod
    def _install(datapath, priority, match, actions, buffer_id=None):
        """Adds a flow with an apply-actions instruction to table 0."""
        ofp = datapath.ofproto
        parser = datapath.ofproto_parser
        inst = [parser.OFPInstructionActions(ofp.OFPIT_APPLY_ACTIONS,
                                             actions)]
        kwargs = dict(datapath=datapath, priority=priority, match=match,
                      instructions=inst)
        if buffer_id is not None:
            kwargs["buffer_id"] = buffer_id
        datapath.send_msg(parser.OFPFlowMod(**kwargs))

    @set_ev_cls(ofp_event.EventOFPSwitchFeatures, CONFIG_DISPATCHER)
    def _on_features(self, ev):
        datapath = ev.msg.datapath
        ofp = datapath.ofproto
        parser = datapath.ofproto_parser
        # Table-miss: everything else goes to the controller, unbuffered.
        to_controller = [parser.OFPActionOutput(ofp.OFPP_CONTROLLER,
                                                ofp.OFPCML_NO_BUFFER)]
        self._install(datapath, 0, parser.OFPMatch(), to_controller)
        self.logger.info("switch %016x connected", datapath.id)

    @set_ev_cls(ofp_event.EventOFPPacketIn, MAIN_DISPATCHER)
    def _on_packet_in(self, ev):
        msg = ev.msg
        datapath = msg.datapath
        ofp = datapath.ofproto
        parser = datapath.ofproto_parser
        in_port = msg.match["in_port"]

        eth = packet.Packet(msg.data).get_protocols(ethernet.ethernet)[0]
        if eth.ethertype == ether_types.ETH_TYPE_LLDP:
            return

        table = self.fdb.setdefault(datapath.id, {})
        if table.get(eth.src) != in_port:
            self.logger.info("learned %016x %s %d", datapath.id, eth.src,
                             in_port)
        table[eth.src] = in_port

        out_port = table.get(eth.dst, ofp.OFPP_FLOOD)
        actions = [parser.OFPActionOutput(out_port)]

        buffered = msg.buffer_id != ofp.OFP_NO_BUFFER
        if out_port != ofp.OFPP_FLOOD:
            match = parser.OFPMatch(in_port=in_port, eth_dst=eth.dst,
                                    eth_src=eth.src)
            self.logger.info("flow %016x %d %s %s %d", datapath.id, in_port,
                             eth.src, eth.dst, out_port)
            if buffered:
                # The flow-mod also releases the buffered packet.
                self._install(datapath, 1, match, actions, msg.buffer_id)
                return
            self._install(datapath, 1, match, actions)

        out = parser.OFPPacketOut(
            datapath=datapath, in_port=in_port, actions=actions,
            buffer_id=msg.buffer_id if buffered else ofp.OFP_NO_BUFFER,
            data=None if buffered else msg.data)
        datapath.send_msg(out)
