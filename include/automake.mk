noinst_HEADERS += \
	include/openvswitch/compiler.h \
	include/openvswitch/dynamic-string.h \
	include/openvswitch/hmap.h \
	include/openvswitch/list.h \
	include/openvswitch/shash.h \
	include/openvswitch/util.h \
	include/openvswitch/uuid.h
