# Documentation: nothing yet.
