# SPDX-License-Identifier: Apache-2.0
#
# Weft's Python bindings: the "ovs" package.
#
# The module names and APIs follow Open vSwitch's Python package, so that
# programs written against it (ovsdbapp, for example) run unchanged on Weft.
