# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0

# The OpenFlow switch: ofproto (OpenFlow semantics) and ofproto-dpif (its
# implementation on a datapath: translation, upcalls, revalidation).
