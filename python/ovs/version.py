# SPDX-License-Identifier: Apache-2.0
"""Version of the Weft Python bindings."""

# The product whose package this is.  Programs print it next to the version
# ("ovs-foo (Weft) 0.1.0") so that nobody mistakes Weft for Open vSwitch.
PRODUCT = "Weft"

VERSION = "0.1.0"


def version_string(program):
    """Returns the line that 'program --version' prints."""
    return "%s (%s) %s" % (program, PRODUCT, VERSION)
