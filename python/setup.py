# SPDX-License-Identifier: Apache-2.0
"""Installs Weft's "ovs" Python package."""

import os
import re

import setuptools

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "ovs", "version.py")) as f:
    version = re.search(r'^VERSION = "([^"]+)"', f.read(), re.M).group(1)

setuptools.setup(
    name="ovs",
    version=version,
    description="Weft's Python bindings (the Open vSwitch \"ovs\" package "
                "API)",
    packages=["ovs", "ovs.db", "ovs.unixctl", "ovs.compat",
              "ovs.compat.sortedcontainers"],
    python_requires=">=3.7",
    license="Apache-2.0",
)
