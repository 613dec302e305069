# utilities: nothing yet.
