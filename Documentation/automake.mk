# Reference manuals.
dist_man_MANS += Documentation/ref/ovs-vswitchd.conf.db.5
