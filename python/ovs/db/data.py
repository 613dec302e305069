# SPDX-License-Identifier: Apache-2.0
"""OVSDB values: atoms and data (RFC 7047, section 5.1).

An Atom is a single value of an atomic type.  A Datum is the value of a
column: a set of atoms, or a map from atoms to atoms, held in the dict
'values' (whose values are None for a set).  Scalars and optional values are
sets with one element or at most one element."""

import functools
import re
import uuid

from ovs.db import error
import ovs.db.parser
import ovs.db.types
import ovs.json
import ovs.ovsuuid


class ConstraintViolation(error.Error):
    """A value that does not satisfy its type's constraints."""

    def __init__(self, msg, json=None):
        error.Error.__init__(self, msg, json, tag="constraint violation")


def escapeCString(src):
    return ovs.db.types.escapeCString(src)


def returnUnchanged(x):
    return x


# A string can be written without quotes in Atom.to_string() if it matches
# this expression and does not begin with "true" or "false".
_BARE_STRING_RE = re.compile(r'[_a-zA-Z][-._a-zA-Z]*\Z')


def _string_needs_quotes(s):
    return (_BARE_STRING_RE.match(s) is None or s.startswith("true")
            or s.startswith("false"))


def _format_real(value):
    return "%.15g" % value


@functools.total_ordering
class Atom(object):
    """One value of an atomic type.  'type' is an
    ovs.db.types.AtomicType; 'value' the Python value (int, float, bool,
    str or uuid.UUID)."""

    __slots__ = ('value', 'type')

    def __init__(self, type_, value=None):
        self.type = type_
        if value is not None:
            self.value = value
        else:
            self.value = type_.default

    def __eq__(self, other):
        if not isinstance(other, Atom) or self.type != other.type:
            return NotImplemented
        return self.value == other.value

    def __ne__(self, other):
        result = self.__eq__(other)
        if result is NotImplemented:
            return result
        return not result

    def __lt__(self, other):
        if not isinstance(other, Atom) or self.type != other.type:
            return NotImplemented
        return self.value < other.value

    def __hash__(self):
        return hash(self.value)

    def __repr__(self):
        return "Atom(%s, %r)" % (self.type.name, self.value)

    def __str__(self):
        return self.to_string()

    @staticmethod
    def default(type_):
        """Returns the default value for 'type_', an AtomicType: 0, 0.0,
        False, "", or the all-zeros UUID."""
        return Atom(type_)

    def is_default(self):
        return self == self.default(self.type)

    @staticmethod
    def from_json(base, json, symtab=None):
        """Parses 'json' as an atom of 'base' (an ovs.db.types.BaseType)
        and checks the constraints.  'symtab', if a dict, allows
        ["named-uuid", <name>] for UUIDs (see ovs.ovsuuid.from_json())."""
        type_ = base.type
        json = ovs.db.parser.float_to_int(json)
        real_types = ovs.db.types.REAL_PYTHON_TYPES
        if ((type_ == ovs.db.types.IntegerType
                and isinstance(json, int) and not isinstance(json, bool))
            or (type_ == ovs.db.types.RealType
                and isinstance(json, real_types)
                and not isinstance(json, bool))
            or (type_ == ovs.db.types.BooleanType
                and isinstance(json, bool))
            or (type_ == ovs.db.types.StringType
                and isinstance(json, str))):
            atom = Atom(type_, json)
        elif type_ == ovs.db.types.UuidType:
            atom = Atom(type_, ovs.ovsuuid.from_json(json, symtab))
        else:
            raise error.Error("expected %s" % type_.to_string(), json)
        atom.check_constraints(base)
        return atom

    @staticmethod
    def from_python(base, value):
        """Returns an Atom of 'base' for the Python 'value', after checking
        its type and constraints."""
        value = ovs.db.parser.float_to_int(value)
        if isinstance(value, base.type.python_types):
            atom = Atom(base.type, value)
        else:
            raise error.Error("expected %s, got %s" % (base.type,
                                                       type(value)))
        atom.check_constraints(base)
        return atom

    def check_constraints(self, base):
        """Raises ConstraintViolation if this atom does not satisfy the
        constraints of 'base' (an ovs.db.types.BaseType).  A UUID's
        referential integrity is not checked."""
        assert base.type == self.type
        if base.enum is not None and self not in base.enum:
            raise ConstraintViolation(
                "%s is not one of the allowed values (%s)"
                % (self.to_string(), base.enum.to_string()))
        elif base.type in [ovs.db.types.IntegerType, ovs.db.types.RealType]:
            if ((base.min is None or self.value >= base.min) and
                    (base.max is None or self.value <= base.max)):
                pass
            elif base.min is not None and base.max is not None:
                raise ConstraintViolation(
                    "%s is not in the valid range %s to %s (inclusive)"
                    % (self.to_string(), Atom(base.type, base.min),
                       Atom(base.type, base.max)))
            elif base.min is not None:
                raise ConstraintViolation(
                    "%s is less than minimum allowed value %s"
                    % (self.to_string(), Atom(base.type, base.min)))
            else:
                raise ConstraintViolation(
                    "%s is greater than maximum allowed value %s"
                    % (self.to_string(), Atom(base.type, base.max)))
        elif base.type == ovs.db.types.StringType:
            # RFC 7047 counts the length of a string in Unicode code points.
            length = len(self.value)
            if length < base.min_length:
                raise ConstraintViolation(
                    '"%s" length %d is less than minimum allowed length %d'
                    % (self.value, length, base.min_length))
            elif length > base.max_length:
                raise ConstraintViolation(
                    '"%s" length %d is greater than maximum allowed '
                    'length %d' % (self.value, length, base.max_length))

    def to_json(self):
        if self.type == ovs.db.types.UuidType:
            return ovs.ovsuuid.to_json(self.value)
        else:
            return self.value

    def cInitAtom(self, var):
        if self.type == ovs.db.types.IntegerType:
            return ['.integer = %d,' % self.value]
        elif self.type == ovs.db.types.RealType:
            return ['.real = %.17g,' % self.value]
        elif self.type == ovs.db.types.BooleanType:
            if self.value:
                return ['.boolean = true,']
            else:
                return ['.boolean = false,']
        elif self.type == ovs.db.types.StringType:
            return ['.s = "%s",' % escapeCString(self.value)]
        elif self.type == ovs.db.types.UuidType:
            return ['.uuid = %s' % ovs.ovsuuid.to_c_initializer(self.value,
                                                                 var)]

    def toEnglish(self, escapeLiteral=returnUnchanged):
        if self.type == ovs.db.types.IntegerType:
            return '%d' % self.value
        elif self.type == ovs.db.types.RealType:
            return _format_real(self.value)
        elif self.type == ovs.db.types.BooleanType:
            if self.value:
                return 'true'
            else:
                return 'false'
        elif self.type == ovs.db.types.StringType:
            return escapeLiteral(self.value)
        elif self.type == ovs.db.types.UuidType:
            return str(self.value)

    def to_string(self):
        """Returns the atom in the syntax of ovs-vsctl and ovsdb-client:
        numbers as such, booleans as true or false, strings bare if they
        look like identifiers and quoted (as JSON) otherwise."""
        if self.type == ovs.db.types.IntegerType:
            return '%d' % self.value
        elif self.type == ovs.db.types.RealType:
            return _format_real(self.value)
        elif self.type == ovs.db.types.BooleanType:
            if self.value:
                return 'true'
            else:
                return 'false'
        elif self.type == ovs.db.types.StringType:
            if _string_needs_quotes(self.value):
                return ovs.json.to_string(self.value)
            else:
                return self.value
        elif self.type == ovs.db.types.UuidType:
            return str(self.value)

    @staticmethod
    def new(x):
        """Returns an Atom for the Python value 'x', whose atomic type is
        inferred from its Python type."""
        if isinstance(x, bool):
            t = ovs.db.types.BooleanType
        elif isinstance(x, int):
            t = ovs.db.types.IntegerType
        elif isinstance(x, float):
            t = ovs.db.types.RealType
        elif isinstance(x, str):
            t = ovs.db.types.StringType
        elif isinstance(x, uuid.UUID):
            t = ovs.db.types.UuidType
        else:
            raise TypeError("cannot make an atom from %r" % (x,))
        return Atom(t, x)


def _apply_diff(type_, values, diff):
    """Returns a new dict: 'values' (the values of a Datum of 'type_') with
    the update2-style 'diff' (another such dict) applied."""
    values = dict(values)
    if type_.is_map():
        for k, v in diff.items():
            old = values.get(k)
            if old is not None and old == v:
                del values[k]
            else:
                values[k] = v
    else:
        for k in diff:
            if k in values:
                del values[k]
            else:
                values[k] = None
    return values


@functools.total_ordering
class Datum(object):
    """The value of a column of type 'type' (an ovs.db.types.Type).
    'values' maps each key Atom to its value Atom (for a map) or to None
    (for a set)."""

    __slots__ = ('type', 'values')

    def __init__(self, type_, values={}):
        self.type = type_
        self.values = values

    def __eq__(self, other):
        if not isinstance(other, Datum):
            return NotImplemented
        return self.values == other.values

    def __ne__(self, other):
        result = self.__eq__(other)
        if result is NotImplemented:
            return result
        return not result

    def __lt__(self, other):
        if not isinstance(other, Datum):
            return NotImplemented
        return self.__sort_key() < other.__sort_key()

    def __sort_key(self):
        return [(k, v) if v is not None else (k,)
                for k, v in sorted(self.values.items())]

    def __hash__(self):
        return hash(frozenset(self.values.items()))

    def __contains__(self, item):
        return item in self.values

    def __getitem__(self, key):
        if not isinstance(key, Atom):
            key = Atom.new(key)
        if not self.type.is_map():
            raise IndexError
        elif key not in self.values:
            raise KeyError
        else:
            return self.values[key].value

    def get(self, key, default=None):
        if not isinstance(key, Atom):
            key = Atom.new(key)
        if key in self.values:
            return self.values[key].value
        else:
            return default

    def __repr__(self):
        return "Datum(%s)" % self.to_string()

    def __str__(self):
        return self.to_string()

    def copy(self):
        return Datum(self.type, dict(self.values))

    @staticmethod
    def default(type_):
        """Returns the default value of 'type_': empty if it allows no
        elements, otherwise one element (or key-value pair) of defaults."""
        if type_.n_min == 0:
            values = {}
        elif type_.is_map():
            values = {type_.key.default(): type_.value.default()}
        else:
            values = {type_.key.default(): None}
        return Datum(type_, values)

    def is_default(self):
        return self == Datum.default(self.type)

    def check_constraints(self):
        """Raises ConstraintViolation if an atom violates the constraints of
        this datum's type.  Referential integrity is not checked."""
        for keyAtom, valueAtom in self.values.items():
            keyAtom.check_constraints(self.type.key)
            if valueAtom is not None:
                valueAtom.check_constraints(self.type.value)

    @staticmethod
    def from_json(type_, json, symtab=None):
        """Parses 'json' as a value of 'type_' (an ovs.db.types.Type): an
        atom, ["set", [atom...]] or ["map", [[key, value]...]].  Checks the
        number of elements, duplicates and constraints; raises
        ovs.db.error.Error on failure.  'symtab' is as for
        Atom.from_json()."""
        if type_.is_map() or (isinstance(json, list) and len(json) > 0
                              and json[0] == "set"):
            if type_.is_map():
                class_ = "map"
            else:
                class_ = "set"

            inner = ovs.db.parser.unwrap_json(json, class_, [list, tuple],
                                              "array")
            n = len(inner)
            if n < type_.n_min or n > type_.n_max:
                raise error.Error("%s must have %d to %d members but %d are "
                                  "present" % (class_, type_.n_min,
                                               type_.n_max, n),
                                  json)

            values = {}
            for element in inner:
                if type_.is_map():
                    key, value = ovs.db.parser.parse_json_pair(element)
                    keyAtom = Atom.from_json(type_.key, key, symtab)
                    valueAtom = Atom.from_json(type_.value, value, symtab)
                else:
                    keyAtom = Atom.from_json(type_.key, element, symtab)
                    valueAtom = None

                if keyAtom in values:
                    if type_.is_map():
                        raise error.Error("map contains duplicate key")
                    else:
                        raise error.Error("set contains duplicate")

                values[keyAtom] = valueAtom

            return Datum(type_, values)
        else:
            keyAtom = Atom.from_json(type_.key, json, symtab)
            return Datum(type_, {keyAtom: None})

    def to_json(self):
        if self.type.is_map():
            return ["map", [[k.to_json(), v.to_json()]
                            for k, v in sorted(self.values.items())]]
        elif len(self.values) == 1:
            key = next(iter(self.values.keys()))
            return key.to_json()
        else:
            return ["set", [k.to_json() for k in sorted(self.values.keys())]]

    def to_string(self):
        """Returns the datum in the syntax of ovs-vsctl: "{k=v, ...}" for a
        map, "[a, b, ...]" for a set that may have more than one element
        (or that is empty), a bare atom otherwise."""
        head = tail = None
        if self.type.n_max > 1 or len(self.values) == 0:
            if self.type.is_map():
                head = "{"
                tail = "}"
            else:
                head = "["
                tail = "]"

        s = []
        if head:
            s.append(head)

        for i, key in enumerate(sorted(self.values)):
            if i:
                s.append(", ")

            s.append(key.to_string())
            if self.type.is_map():
                s.append("=")
                s.append(self.values[key].to_string())

        if tail:
            s.append(tail)
        return ''.join(s)

    def diff(self, datum):
        """Applies 'datum', an RFC 7047 update2-style diff, to this datum,
        modifying it, and returns it.  For a set, each element of 'datum'
        is removed if present and added otherwise.  For a map, each key of
        'datum' is removed if present with the same value, given the value
        from 'datum' if present with another one, and added otherwise."""
        self.values = _apply_diff(self.type, self.values, datum.values)
        return self

    def as_sorted_atoms(self):
        """Returns the keys of this datum, as Atoms, in sorted order."""
        return sorted(self.values.keys())

    def as_list(self):
        if self.type.is_map():
            return [[k.value, v.value] for k, v in self.values.items()]
        else:
            return [k.value for k in self.values.keys()]

    def as_dict(self):
        return dict(self.values)

    def as_scalar(self):
        if len(self.values) == 1:
            if self.type.is_map():
                k, v = next(iter(self.values.items()))
                return [k.value, v.value]
            else:
                return next(iter(self.values.keys())).value
        else:
            return None

    def to_python(self, uuid_to_row):
        """Returns this datum as a Python value: a dict for a map, the
        element itself for a scalar, otherwise a list of the elements in
        sorted order.

        Each atom is converted by calling 'uuid_to_row(value, base)', where
        'base' is the atom's ovs.db.types.BaseType; the IDL uses that to
        turn references into Row objects.  Elements for which it returns
        None (references to rows that do not exist) are omitted."""
        if self.type.is_map():
            dk = self.type.key
            dv = self.type.value
            s = {}
            for k, v in self.values.items():
                dkey = uuid_to_row(k.value, dk)
                dval = uuid_to_row(v.value, dv)
                if dkey is not None and dval is not None:
                    s[dkey] = dval
            return s
        else:
            s = []
            for k in sorted(self.values):
                dkey = uuid_to_row(k.value, self.type.key)
                if dkey is not None:
                    s.append(dkey)
            if self.type.is_scalar():
                if s:
                    return s[0]
                return None
            return s

    def conforms_to_type(self):
        n = len(self.values)
        return self.type.n_min <= n <= self.type.n_max

    def cDeclareDatum(self, name):
        n = len(self.values)
        if n == 0:
            return ["static struct ovsdb_datum %s = { .n = 0 };" % name]

        s = ["static union ovsdb_atom %s_keys[%d] = {" % (name, n)]
        for key in sorted(self.values):
            s += ["    { %s }," % key.cInitAtom(key)[0]]
        s += ["};"]

        if self.type.value:
            s += ["static union ovsdb_atom %s_values[%d] = {" % (name, n)]
            for k, v in sorted(self.values.items()):
                s += ["    { %s }," % v.cInitAtom(v)[0]]
            s += ["};"]

        s += ["static struct ovsdb_datum %s = {" % name]
        s += ["    .n = %d," % n]
        s += ["    .keys = %s_keys," % name]
        if self.type.value:
            s += ["    .values = %s_values," % name]
        s += ["};"]
        return s

    @staticmethod
    def from_python(type_, value, row_to_uuid):
        """Returns a Datum of 'type_' for the Python 'value': a dict for a
        map (a list of pairs is not accepted), a list, tuple or set for a
        set, or a single element.  Each key and value is first passed
        through 'row_to_uuid', which the IDL uses to turn Row objects into
        UUIDs.  Raises ovs.db.error.Error if a value is of the wrong type or
        violates a constraint, or if there are too many or too few
        elements."""
        d = {}
        if isinstance(value, dict):
            for k, v in value.items():
                ka = Atom.from_python(type_.key, row_to_uuid(k))
                va = Atom.from_python(type_.value, row_to_uuid(v))
                d[ka] = va
        elif isinstance(value, (list, set, tuple, frozenset)):
            for k in value:
                ka = Atom.from_python(type_.key, row_to_uuid(k))
                d[ka] = None
        else:
            ka = Atom.from_python(type_.key, row_to_uuid(value))
            d[ka] = None

        datum = Datum(type_, d)
        datum.check_constraints()
        if not datum.conforms_to_type():
            raise error.Error("%d values when type requires between %d and "
                              "%d" % (len(d), type_.n_min, type_.n_max))

        return datum
