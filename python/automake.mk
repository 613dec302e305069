# python: nothing yet.
