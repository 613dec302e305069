# ovsdb-server and ovsdb-client (being written).
