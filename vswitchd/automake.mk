# vswitchd: nothing yet.
