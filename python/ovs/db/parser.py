# SPDX-License-Identifier: Apache-2.0
"""Helpers for parsing the JSON objects of OVSDB schemas and protocol."""

import re

from ovs.db import error


class Parser(object):
    """Parses the members of 'json', a JSON object describing 'name' (used
    in error messages).  Call get() or get_optional() for each member, then
    finish(), which complains about any member not asked for."""

    def __init__(self, json, name):
        self.name = name
        self.json = json
        if not isinstance(json, dict):
            self.__raise_error("Object expected.")
        self.used = set()

    def __get(self, name, types, optional, default=None):
        if name in self.json:
            self.used.add(name)
            member = float_to_int(self.json[name])
            if is_identifier(member) and "id" in types:
                return member
            try:
                if len(types) and not isinstance(member, tuple(
                        t for t in types if isinstance(t, type))):
                    self.__raise_error("Type mismatch for member '%s'."
                                       % name)
            except TypeError:
                self.__raise_error("Type mismatch for member '%s'." % name)
            return member
        if not optional:
            self.__raise_error("Required '%s' member is missing." % name)
        return default

    def get(self, name, types):
        """Returns member 'name', which must be present and of one of
        'types' (Python types, or "id" for an identifier string)."""
        return self.__get(name, types, False)

    def get_optional(self, name, types, default=None):
        """Like get(), but returns 'default' if the member is absent."""
        return self.__get(name, types, True, default)

    def __raise_error(self, message):
        raise error.Error("Parsing %s failed: %s" % (self.name, message),
                          self.json)

    def finish(self):
        """Raises ovs.db.error.Error if 'json' has members that were not
        asked for."""
        missing = set(self.json) - set(self.used)
        if missing:
            name = sorted(missing)[0]
            if len(missing) > 1:
                present = "and %d other members are" % (len(missing) - 1)
                if len(missing) == 2:
                    present = "and 1 other member are"
                self.__raise_error("Member '%s' %s present but not allowed "
                                   "here" % (name, present))
            else:
                self.__raise_error("Member '%s' is present but not allowed "
                                   "here" % name)


def float_to_int(x):
    """Returns 'x' as an int if it is a float with an integer value."""
    if isinstance(x, float):
        integer = int(x)
        if integer == x and -2 ** 53 <= integer < 2 ** 53:
            return integer
    return x


id_re = re.compile("[_a-zA-Z][_a-zA-Z0-9]*$")


def is_identifier(s):
    """Returns True if 's' is a string that is a valid identifier."""
    return isinstance(s, str) and id_re.match(s) is not None


def json_type_to_string(type_):
    """Returns the JSON name of Python type 'type_'."""
    number_types = (int, float)
    if type_ is None or type_ is type(None):
        return "null"
    if type_ is bool:
        return "boolean"
    if type_ is dict:
        return "object"
    if type_ is list:
        return "array"
    if type_ in number_types:
        return "number"
    if type_ is str:
        return "string"
    return "<invalid>"


def unwrap_json(json, name, types, desc):
    """Returns the second element of 'json', which must be a two-element
    array whose first element is the string 'name' and whose second element
    is of one of 'types' (described as 'desc' in error messages)."""
    if (not isinstance(json, (list, tuple)) or len(json) != 2
            or json[0] != name or not isinstance(json[1], tuple(types))
            or (bool not in types and isinstance(json[1], bool)
                and int in types)):
        raise error.Error('expected ["%s", <%s>]' % (name, desc), json)
    return json[1]


def parse_json_pair(json):
    """Returns 'json', which must be a two-element array."""
    if not isinstance(json, list) or len(json) != 2:
        raise error.Error("expected 2-element array", json)
    return json
