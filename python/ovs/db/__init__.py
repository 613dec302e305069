# SPDX-License-Identifier: Apache-2.0
"""OVSDB (RFC 7047) schemas, data, and the client-side IDL."""
