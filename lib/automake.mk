# The core library, linked into every program.
noinst_LIBRARIES += lib/libopenvswitch.a
lib_libopenvswitch_a_SOURCES = \
	lib/dynamic-string.c \
	lib/hash.c \
	lib/hash.h \
	lib/hmap.c \
	lib/ovsdb-data.c \
	lib/ovsdb-data.h \
	lib/ovsdb-error.c \
	lib/ovsdb-error.h \
	lib/ovsdb-parser.c \
	lib/ovsdb-parser.h \
	lib/ovsdb-types.c \
	lib/ovsdb-types.h \
	lib/random.c \
	lib/random.h \
	lib/shash.c \
	lib/smap.c \
	lib/smap.h \
	lib/sset.c \
	lib/sset.h \
	lib/util.c \
	lib/uuid.c \
	lib/uuid.h

# What every program links with.
LIBOVS = lib/libopenvswitch.a $(JANSSON_LIBS) $(SSL_LIBS) $(CAPNG_LIBS) \
	$(URCU_LIBS)
