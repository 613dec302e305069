# SPDX-License-Identifier: Apache-2.0
"""The exception raised for OVSDB syntax and semantic errors."""

import ovs.json


class Error(Exception):
    """An OVSDB error.

    'msg' describes the problem.  'json', if not None, is the JSON that
    could not be parsed.  'tag' classifies the error; it defaults to
    "syntax error" when 'json' is given, otherwise to "ovsdb error"."""

    def __init__(self, msg, json=None, tag=None):
        self.msg = msg
        self.json = json
        if tag is None:
            if json is None:
                tag = "ovsdb error"
            else:
                tag = "syntax error"
        self.tag = tag

        if json is None:
            text = "%s: %s" % (tag, msg)
        else:
            text = 'syntax "%s": %s: %s' % (ovs.json.to_string(json), tag,
                                            msg)
        Exception.__init__(self, text)
