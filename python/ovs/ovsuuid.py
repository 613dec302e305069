# SPDX-License-Identifier: Apache-2.0
"""UUIDs in OVSDB's JSON notation: ["uuid", "<uuid>"] and
["named-uuid", "<name>"] (RFC 7047, section 5.1)."""

import re
import uuid

from ovs.db import error
import ovs.db.parser

uuidRE = re.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
                    "-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def zero():
    """Returns the all-zeros UUID."""
    return uuid.UUID(int=0)


def is_valid_string(s):
    """Returns True if 's' is a UUID in its 36-character text form."""
    return isinstance(s, str) and uuidRE.match(s) is not None


def from_string(s):
    """Parses 's', a UUID in text form.  Raises ovs.db.error.Error if it is
    not one."""
    if not is_valid_string(s):
        raise error.Error("%s is not a valid UUID" % s)
    return uuid.UUID(s)


def from_json(json, symtab=None):
    """Parses 'json', either ["uuid", <string>] or, if 'symtab' is a dict,
    ["named-uuid", <name>].  A named UUID is looked up in 'symtab' and, if
    absent, added to it with a newly generated value.  Returns a
    uuid.UUID; raises ovs.db.error.Error on a syntax error."""
    try:
        s = ovs.db.parser.unwrap_json(json, "uuid", [str], "string")
        if not uuidRE.match(s):
            raise error.Error("\"%s\" is not a valid UUID" % s, json)
        return uuid.UUID(s)
    except error.Error as e:
        if symtab is None:
            raise e
        try:
            name = ovs.db.parser.unwrap_json(json, "named-uuid", [str],
                                             "string")
        except error.Error:
            raise e
        if name not in symtab:
            symtab[name] = uuid.uuid4()
        return symtab[name]


def to_json(uuid_):
    """Returns 'uuid_' in its JSON form, ["uuid", "<uuid>"]."""
    return ["uuid", str(uuid_)]


def to_c_initializer(uuid_, var):
    """Returns C code that initializes the struct uuid 'var' to 'uuid_'."""
    hex_string = uuid_.hex
    parts = ["0x%s" % hex_string[i * 8:(i + 1) * 8] for i in range(4)]
    return "{ %s, %s, %s, %s }," % tuple(parts)
