# SPDX-License-Identifier: Apache-2.0
"""Fallbacks for third-party modules that may be missing."""
