# The OVSDB IDL and its generator (being written).
