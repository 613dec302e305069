# ovs-vsctl (being written).
