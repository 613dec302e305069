# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
#
# Helpers for the guest test scripts, sourced after "set -e".

# fails CMD [ARG...]: runs CMD, which must fail.  (A bare "! CMD" does not
# stop a "set -e" script when CMD succeeds.)
fails() {
    if "$@"; then
        echo "unexpected success: $*" >&2
        exit 1
    fi
}

# wait_for SECONDS CMD [ARG...]: retries CMD every 0.1 s until it succeeds.
wait_for() {
    _n=$(($1 * 10))
    shift
    while ! "$@"; do
        _n=$((_n - 1))
        if [ "$_n" -le 0 ]; then
            echo "timed out waiting for: $*" >&2
            return 1
        fi
        sleep 0.1
    done
}
