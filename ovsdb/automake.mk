# ovsdb: nothing yet.
