# The Python 'ovs' package, installed under $(pkgdatadir)/python like
# upstream's, and its tests.
ovs_pythondir = $(pkgdatadir)
nobase_ovs_python_DATA = \
	python/ovs/__init__.py \
	python/ovs/compat/__init__.py \
	python/ovs/compat/sortedcontainers/__init__.py \
	python/ovs/db/__init__.py \
	python/ovs/db/custom_index.py \
	python/ovs/db/data.py \
	python/ovs/db/error.py \
	python/ovs/db/idl.py \
	python/ovs/db/parser.py \
	python/ovs/db/schema.py \
	python/ovs/db/types.py \
	python/ovs/dirs.py \
	python/ovs/fatal_signal.py \
	python/ovs/json.py \
	python/ovs/jsonrpc.py \
	python/ovs/ovsuuid.py \
	python/ovs/poller.py \
	python/ovs/reconnect.py \
	python/ovs/socket_util.py \
	python/ovs/stream.py \
	python/ovs/timeval.py \
	python/ovs/unixctl/__init__.py \
	python/ovs/unixctl/client.py \
	python/ovs/unixctl/server.py \
	python/ovs/util.py \
	python/ovs/version.py \
	python/ovs/vlog.py
EXTRA_DIST += $(nobase_ovs_python_DATA) python/README.rst python/setup.py

# The Python tests.
EXTRA_DIST += \
	tests/python/README \
	tests/python/expected/data-compat.txt \
	tests/python/expected/data-data.txt \
	tests/python/expected/data-json.txt \
	tests/python/expected/data-schema.txt \
	tests/python/expected/data-types.txt \
	tests/python/expected/idl-basic.txt \
	tests/python/expected/idl-cond.txt \
	tests/python/expected/idl-conflict.txt \
	tests/python/expected/idl-convert.txt \
	tests/python/expected/idl-lock.txt \
	tests/python/expected/idl-persist.txt \
	tests/python/expected/idl-remotes.txt \
	tests/python/expected/idl-resync.txt \
	tests/python/expected/idl-tcp.txt \
	tests/python/expected/jsonrpc-connection.txt \
	tests/python/expected/jsonrpc-messages.txt \
	tests/python/expected/jsonrpc-poller.txt \
	tests/python/expected/jsonrpc-ssl.txt \
	tests/python/expected/jsonrpc-tcp.txt \
	tests/python/expected/jsonrpc-unix.txt \
	tests/python/expected/ovsdbapp.txt \
	tests/python/expected/reconnect-backoff.txt \
	tests/python/expected/reconnect-force-reconnect.txt \
	tests/python/expected/reconnect-max-tries.txt \
	tests/python/expected/reconnect-odd-orders.txt \
	tests/python/expected/reconnect-passive.txt \
	tests/python/expected/reconnect-probe.txt \
	tests/python/expected/reconnect-receive-attempted.txt \
	tests/python/expected/reconnect-settings.txt \
	tests/python/expected/unixctl.txt \
	tests/python/pyovs_testlib.py \
	tests/python/reconnect/backoff.in \
	tests/python/reconnect/force-reconnect.in \
	tests/python/reconnect/max-tries.in \
	tests/python/reconnect/odd-orders.in \
	tests/python/reconnect/passive.in \
	tests/python/reconnect/probe.in \
	tests/python/reconnect/receive-attempted.in \
	tests/python/reconnect/settings.in \
	tests/python/test-py-data.py \
	tests/python/test-py-idl.py \
	tests/python/test-py-jsonrpc.py \
	tests/python/test-py-ovsdbapp.py \
	tests/python/test-py-reconnect.py \
	tests/python/test-py-unixctl.py

# The package's version must be the build's.
ALL_LOCAL += python/ovs/version.stamp
python/ovs/version.stamp: $(top_srcdir)/configure.ac python/ovs/version.py
	$(AM_V_GEN)grep -qx 'VERSION = "$(PACKAGE_VERSION)"' $(srcdir)/python/ovs/version.py \
	    || { echo "python/ovs/version.py: VERSION must be $(PACKAGE_VERSION)"; exit 1; }
	$(AM_V_at)$(MKDIR_P) python/ovs && touch $@
CLEANFILES += python/ovs/version.stamp
