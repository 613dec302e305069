# The kernel datapath's build and qemu test harness (being written).
