#! /usr/bin/python3
# Copyright (c) 2024 The Weft authors.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at:
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

"""Checks an OVSDB schema against a reference schema and its documentation.

Usage:
  schema-compare.py [compare] OURS REFERENCE
      Compares two schemas by meaning, not by text: database name, version,
      tables (isRoot, maxRows, indexes) and columns (type, every constraint,
      ephemeral, mutable).  Prints one line per difference; exit status 1 if
      there is any.

  schema-compare.py cksum FILE
      Prints the checksum that FILE's "cksum" member should hold: the POSIX
      cksum(1) CRC and byte count of FILE without its "cksum" line.

  schema-compare.py check-cksum FILE
      Exit status 1, with a message, if FILE's "cksum" member is wrong.

  schema-compare.py doc MANPAGE SCHEMA
      Checks that the roff reference MANPAGE documents every table and every
      column of SCHEMA, with the right type, and nothing that SCHEMA lacks.

  schema-compare.py db-schema DB
      Prints the schema stored at the start of the standalone database file
      DB, as normalized JSON without its "cksum" member.  Databases created
      by ovsdb-tool from two schemas that mean the same thing print the
      same.

  schema-compare.py type-lines SCHEMA
      Prints the type line that 'doc' expects for every column, as an aid
      to whoever writes the reference.
"""

import json
import re
import sys

# Extreme values of an OVSDB integer, which are the same as no bound.
INT_MIN = -2 ** 63
INT_MAX = 2 ** 63 - 1
UINT_MAX = 2 ** 32 - 1

ATOMIC_TYPES = ("integer", "real", "boolean", "string", "uuid")

BASE_KEYS = {"type", "enum", "minInteger", "maxInteger", "minReal",
             "maxReal", "minLength", "maxLength", "refTable", "refType"}
TYPE_KEYS = {"key", "value", "min", "max"}
COLUMN_KEYS = {"type", "ephemeral", "mutable"}
TABLE_KEYS = {"columns", "maxRows", "isRoot", "indexes"}
SCHEMA_KEYS = {"name", "version", "cksum", "tables", "doc"}

CKSUM_LINE_RE = re.compile(r'"cksum": *"[0-9][0-9]* [0-9][0-9]*",')


class SchemaError(Exception):
    pass


def _posix_cksum_table():
    """Returns the 256-entry table of the non-reflected CRC-32 with
    polynomial 0x04c11db7 that POSIX cksum(1) uses."""
    table = []
    for i in range(256):
        crc = i << 24
        for _ in range(8):
            if crc & 0x80000000:
                crc = ((crc << 1) ^ 0x04c11db7) & 0xffffffff
            else:
                crc = (crc << 1) & 0xffffffff
        table.append(crc)
    return table


_CKSUM_TABLE = _posix_cksum_table()


def posix_cksum(data):
    """Returns (crc, size) as POSIX cksum(1) prints them for bytes 'data'."""
    crc = 0
    for byte in data:
        crc = ((crc << 8) & 0xffffffff) ^ _CKSUM_TABLE[(crc >> 24) ^ byte]
    length = len(data)
    while length:
        crc = ((crc << 8) & 0xffffffff) ^ _CKSUM_TABLE[(crc >> 24)
                                                       ^ (length & 0xff)]
        length >>= 8
    return (~crc & 0xffffffff, len(data))


def schema_cksum(text):
    """Returns the "cksum" string that a schema whose bytes are 'text'
    should carry: the cksum(1) of the file with the line that holds the
    "cksum" member left out."""
    lines = text.split(b"\n")
    kept = [line for line in lines
            if not CKSUM_LINE_RE.search(line.decode("utf-8"))]
    crc, size = posix_cksum(b"\n".join(kept))
    return "%d %d" % (crc, size)


def load(file_name):
    """Parses 'file_name' as JSON, failing with a readable message."""
    try:
        with open(file_name, "rb") as stream:
            return json.loads(stream.read().decode("utf-8"))
    except (OSError, ValueError) as e:
        raise SchemaError("%s: %s" % (file_name, e))


def _atom_key(atom):
    """Returns a hashable, canonical form of an enum member."""
    return json.dumps(atom, sort_keys=True)


def normalize_base(base, where, problems):
    """Returns a dict describing the atomic type 'base' with every default
    made explicit and every way of saying "no bound" made the same."""
    if isinstance(base, str):
        base = {"type": base}
    if not isinstance(base, dict) or "type" not in base:
        problems.append("%s: malformed base type %r" % (where, base))
        return {"type": "?"}
    for key in sorted(set(base) - BASE_KEYS):
        problems.append("%s: unknown base type member \"%s\"" % (where, key))

    kind = base["type"]
    if kind not in ATOMIC_TYPES:
        problems.append("%s: unknown atomic type \"%s\"" % (where, kind))
    result = {"type": kind}

    if "enum" in base:
        enum = base["enum"]
        if (isinstance(enum, list) and len(enum) == 2
                and enum[0] == "set" and isinstance(enum[1], list)):
            atoms = enum[1]
        else:
            atoms = [enum]
        result["enum"] = frozenset(_atom_key(a) for a in atoms)

    if kind == "integer":
        lo = base.get("minInteger", INT_MIN)
        hi = base.get("maxInteger", INT_MAX)
        result["minInteger"] = None if lo == INT_MIN else lo
        result["maxInteger"] = None if hi == INT_MAX else hi
    elif kind == "real":
        result["minReal"] = base.get("minReal")
        result["maxReal"] = base.get("maxReal")
    elif kind == "string":
        lo = base.get("minLength", 0)
        hi = base.get("maxLength", UINT_MAX)
        result["minLength"] = None if lo == 0 else lo
        result["maxLength"] = None if hi == UINT_MAX else hi
    elif kind == "uuid":
        result["refTable"] = base.get("refTable")
        if "refTable" in base:
            result["refType"] = base.get("refType", "strong")
        else:
            result["refType"] = None
    return result


def normalize_type(column_type, where, problems):
    """Returns a dict describing the column type 'column_type' (a string or
    an object with "key", "value", "min", "max") with defaults filled in."""
    if isinstance(column_type, str):
        column_type = {"key": column_type}
    if not isinstance(column_type, dict) or "key" not in column_type:
        problems.append("%s: malformed type %r" % (where, column_type))
        return {"key": {"type": "?"}, "value": None, "min": 1, "max": 1}
    for key in sorted(set(column_type) - TYPE_KEYS):
        problems.append("%s: unknown type member \"%s\"" % (where, key))
    result = {
        "key": normalize_base(column_type["key"], where + " key", problems),
        "value": None,
        "min": column_type.get("min", 1),
        "max": column_type.get("max", 1),
    }
    if "value" in column_type:
        result["value"] = normalize_base(column_type["value"],
                                         where + " value", problems)
    return result


def normalize_schema(schema, file_name):
    """Returns (normalized, problems) for the parsed schema 'schema'."""
    problems = []
    if not isinstance(schema, dict):
        raise SchemaError("%s: schema is not a JSON object" % file_name)
    for key in sorted(set(schema) - SCHEMA_KEYS):
        problems.append("%s: unknown schema member \"%s\"" % (file_name, key))

    tables = schema.get("tables", {})
    # An old rule of OVSDB: when no table says whether it is a root table,
    # every table is one.
    any_root_flag = any("isRoot" in t for t in tables.values())

    result = {"name": schema.get("name"),
              "version": schema.get("version"),
              "tables": {}}
    for table_name, table in tables.items():
        for key in sorted(set(table) - TABLE_KEYS):
            problems.append("%s: unknown table member \"%s\""
                            % (table_name, key))
        columns = {}
        for column_name, column in table.get("columns", {}).items():
            where = "%s.%s" % (table_name, column_name)
            for key in sorted(set(column) - COLUMN_KEYS):
                problems.append("%s: unknown column member \"%s\""
                                % (where, key))
            columns[column_name] = {
                "type": normalize_type(column.get("type"), where, problems),
                "ephemeral": column.get("ephemeral", False),
                "mutable": column.get("mutable", True),
            }
        indexes = set()
        for index in table.get("indexes", []):
            indexes.add(frozenset(index))
        result["tables"][table_name] = {
            "columns": columns,
            "maxRows": table.get("maxRows"),
            "isRoot": table.get("isRoot", not any_root_flag),
            "indexes": indexes,
        }
    return result, problems


def _show(value):
    """Formats a normalized value for a difference report."""
    if isinstance(value, frozenset):
        return "{%s}" % ", ".join(sorted(value))
    if isinstance(value, set):
        return "{%s}" % ", ".join(sorted(_show(v) for v in value))
    if value is None:
        return "(none)"
    return json.dumps(value)


def _compare_dicts(where, ours, ref, diffs):
    """Appends to 'diffs' one line for each member of the dicts 'ours' and
    'ref' that differs, recursing into nested dicts."""
    for key in sorted(set(ours) | set(ref)):
        a = ours.get(key)
        b = ref.get(key)
        if isinstance(a, dict) and isinstance(b, dict):
            _compare_dicts("%s %s" % (where, key), a, b, diffs)
        elif a != b:
            diffs.append("%s %s: ours %s, reference %s"
                         % (where, key, _show(a), _show(b)))


def compare(ours, ref):
    """Returns a list of human-readable differences between the normalized
    schemas 'ours' and 'ref'."""
    diffs = []
    for key in ("name", "version"):
        if ours[key] != ref[key]:
            diffs.append("schema %s: ours %s, reference %s"
                         % (key, _show(ours[key]), _show(ref[key])))

    ours_tables = ours["tables"]
    ref_tables = ref["tables"]
    for name in sorted(set(ref_tables) - set(ours_tables)):
        diffs.append("table %s: missing from ours" % name)
    for name in sorted(set(ours_tables) - set(ref_tables)):
        diffs.append("table %s: not in reference" % name)

    for name in sorted(set(ours_tables) & set(ref_tables)):
        a = ours_tables[name]
        b = ref_tables[name]
        for key in ("isRoot", "maxRows", "indexes"):
            if a[key] != b[key]:
                diffs.append("table %s %s: ours %s, reference %s"
                             % (name, key, _show(a[key]), _show(b[key])))
        for column in sorted(set(b["columns"]) - set(a["columns"])):
            diffs.append("column %s.%s: missing from ours" % (name, column))
        for column in sorted(set(a["columns"]) - set(b["columns"])):
            diffs.append("column %s.%s: not in reference" % (name, column))
        for column in sorted(set(a["columns"]) & set(b["columns"])):
            _compare_dicts("column %s.%s" % (name, column),
                           a["columns"][column], b["columns"][column], diffs)
    return diffs


def _or_list(words):
    """Returns 'words' joined as an English list: "a", "a or b",
    "a, b, or c"."""
    if len(words) == 1:
        return words[0]
    if len(words) == 2:
        return "%s or %s" % tuple(words)
    return "%s, or %s" % (", ".join(words[:-1]), words[-1])


def _enum_words(base):
    """Returns the members of the enum of 'base' as display strings, in a
    stable order."""
    atoms = [json.loads(a) for a in base["enum"]]
    if base["type"] in ("integer", "real"):
        atoms.sort()
    else:
        atoms.sort(key=str)
    return [str(a).lower() if isinstance(a, bool) else str(a)
            for a in atoms]


def base_noun(base, plural):
    """Returns the English name of atomic type 'base', plural if asked."""
    kind = base["type"]
    if kind == "uuid" and base.get("refTable"):
        noun = "reference"
        if base.get("refType") == "weak":
            noun = "weak reference"
        return "%s%s to %s" % (noun, "s" if plural else "", base["refTable"])
    if kind == "uuid":
        return "UUIDs" if plural else "UUID"
    return kind + ("s" if plural else "")


def base_constraint(base):
    """Returns the English form of the constraints of 'base', or ""."""
    if "enum" in base:
        return "one of " + _or_list(_enum_words(base))
    kind = base["type"]
    lo = hi = None
    unit = ""
    if kind == "integer":
        lo, hi = base["minInteger"], base["maxInteger"]
    elif kind == "real":
        lo, hi = base["minReal"], base["maxReal"]
    elif kind == "string":
        lo, hi = base["minLength"], base["maxLength"]
        unit = "length "
    if lo is not None and hi is not None:
        return "%s%s to %s" % (unit, lo, hi)
    if lo is not None:
        return "%sat least %s" % (unit, lo)
    if hi is not None:
        return "%sat most %s" % (unit, hi)
    return ""


def _count(lo, hi):
    """Returns how many elements a set or map with bounds 'lo' and 'hi'
    holds, as a phrase that ends in a space, or ""."""
    if hi == "unlimited":
        return "" if lo == 0 else "%d or more " % lo
    if lo == 0:
        return "up to %d " % hi
    if lo == hi:
        return "exactly %d " % lo
    return "%d to %d " % (lo, hi)


def describe_type(column):
    """Returns the type line that the reference gives for normalized
    'column'."""
    t = column["type"]
    key, value = t["key"], t["value"]
    lo, hi = t["min"], t["max"]
    if value is not None:
        kc = base_constraint(key)
        vc = base_constraint(value)
        text = "map %sfrom %s%s to %s%s" % (
            "" if (lo, hi) == (0, "unlimited")
            else "of %spairs " % _count(lo, hi),
            base_noun(key, False), " (%s)" % kc if kc else "",
            base_noun(value, False), " (%s)" % vc if vc else "")
    elif hi == 1:
        kc = base_constraint(key)
        text = "%s%s%s" % ("optional " if lo == 0 else "",
                           base_noun(key, False),
                           ", " + kc if kc else "")
    else:
        kc = base_constraint(key)
        text = "set of %s%s%s" % (_count(lo, hi), base_noun(key, True),
                                  ", each " + kc if kc else "")
    if not column["mutable"]:
        text += "; immutable"
    if column["ephemeral"]:
        text += "; ephemeral"
    return text


# Roff escapes that may appear in a type line, and the text they stand for.
ROFF_ESCAPES = [
    (re.compile(r"\\f(\[[^]]*\]|\(..|.)"), ""),
    (re.compile(r"\\-"), "-"),
    (re.compile(r"\\&"), ""),
    (re.compile(r"\\\(en|\\\(em"), "-"),
    (re.compile(r"\\ "), " "),
    (re.compile(r"\\e"), "\\\\"),
]


def unroff(text):
    """Removes font changes and similar escapes from roff 'text'."""
    for regex, replacement in ROFF_ESCAPES:
        text = regex.sub(replacement, text)
    return text.strip()


TABLE_HEADING_RE = re.compile(
    r'^\.SH\s+"?([A-Za-z_][A-Za-z0-9_]*) TABLE"?\s*$')
OTHER_HEADING_RE = re.compile(r'^\.SH\b')
COLUMN_RE = re.compile(r'^\\fB([a-z_][a-z0-9_]*)\\fR:\s+(.*)$')
TAG_MACROS = (".TP", ".IP")


def read_manpage(file_name):
    """Returns ({table: {column: [type-line, ...]}}, [schema versions
    mentioned], [problems]) for roff manual 'file_name'.  A column entry is
    the first line after a .TP that reads "\\fBcolumn\\fR: type"."""
    tables = {}
    problems = []
    text = []
    table = None
    after_tag = False
    with open(file_name, encoding="utf-8") as stream:
        for n, line in enumerate(stream, 1):
            line = line.rstrip("\n")
            if not line.startswith(".\\\""):
                text.append(unroff(line))
            m = TABLE_HEADING_RE.match(line)
            if m:
                table = m.group(1)
                if table in tables:
                    problems.append("%s:%d: table %s documented twice"
                                    % (file_name, n, table))
                tables.setdefault(table, {})
                after_tag = False
                continue
            if OTHER_HEADING_RE.match(line):
                table = None
                after_tag = False
                continue
            if line.split(" ")[0] in TAG_MACROS:
                after_tag = True
                continue
            if after_tag and table is not None:
                m = COLUMN_RE.match(line)
                if m:
                    tables[table].setdefault(m.group(1), []).append(
                        unroff(m.group(2)))
            after_tag = False
    versions = re.findall(r"schema\s+version\s+(\d+\.\d+\.\d+)",
                          " ".join(text))
    return tables, versions, problems


def check_doc(manpage, schema_file):
    """Returns a list of problems with how roff manual 'manpage' documents
    the schema in 'schema_file'."""
    schema, problems = normalize_schema(load(schema_file), schema_file)
    doc, versions, doc_problems = read_manpage(manpage)
    problems += doc_problems
    if schema["version"] not in versions:
        problems.append("%s: does not say \"schema version %s\""
                        % (manpage, schema["version"]))
    for v in sorted(set(versions) - {schema["version"]}):
        problems.append("%s: mentions schema version %s, schema has %s"
                        % (manpage, v, schema["version"]))
    for table in sorted(set(schema["tables"]) - set(doc)):
        problems.append("table %s: not documented" % table)
    for table in sorted(set(doc) - set(schema["tables"])):
        problems.append("table %s: documented but not in schema" % table)
    for table in sorted(set(schema["tables"]) & set(doc)):
        columns = schema["tables"][table]["columns"]
        for column in sorted(set(columns) - set(doc[table])):
            problems.append("column %s.%s: not documented" % (table, column))
        for column in sorted(set(doc[table]) - set(columns)):
            problems.append("column %s.%s: documented but not in schema"
                            % (table, column))
        for column in sorted(set(columns) & set(doc[table])):
            lines = doc[table][column]
            if len(lines) > 1:
                problems.append("column %s.%s: documented %d times"
                                % (table, column, len(lines)))
            expected = describe_type(columns[column])
            for got in lines:
                if got != expected:
                    problems.append("column %s.%s: documented type \"%s\", "
                                    "schema says \"%s\""
                                    % (table, column, got, expected))
    return problems


def read_db_schema(file_name):
    """Returns the schema recorded as the first record of the standalone
    OVSDB file 'file_name', as a parsed JSON object.  A record is a header
    line "OVSDB JSON <length> <sha1>" followed by <length> bytes of JSON."""
    with open(file_name, "rb") as stream:
        header = stream.readline().decode("ascii", "replace").split()
        if len(header) != 4 or header[:2] != ["OVSDB", "JSON"]:
            raise SchemaError("%s: not a standalone OVSDB database"
                              % file_name)
        try:
            length = int(header[2])
        except ValueError:
            raise SchemaError("%s: bad record header" % file_name)
        data = stream.read(length)
    try:
        return json.loads(data.decode("utf-8"))
    except ValueError as e:
        raise SchemaError("%s: first record: %s" % (file_name, e))


def main(argv):
    args = argv[1:]
    if args and args[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    if len(args) == 2 and args[0] not in ("cksum", "check-cksum",
                                          "db-schema", "type-lines"):
        args = ["compare"] + args
    if not args:
        sys.stderr.write("%s: missing arguments (use --help)\n" % argv[0])
        return 2
    command, operands = args[0], args[1:]
    try:
        if command == "compare" and len(operands) == 2:
            ours, ours_problems = normalize_schema(load(operands[0]),
                                                   operands[0])
            ref, _ = normalize_schema(load(operands[1]), operands[1])
            diffs = ours_problems + compare(ours, ref)
            for line in diffs:
                print(line)
            return 1 if diffs else 0
        elif command == "cksum" and len(operands) == 1:
            with open(operands[0], "rb") as stream:
                print(schema_cksum(stream.read()))
            return 0
        elif command == "check-cksum" and len(operands) == 1:
            with open(operands[0], "rb") as stream:
                text = stream.read()
            expected = schema_cksum(text)
            actual = load(operands[0]).get("cksum")
            if actual != expected:
                print("%s: \"cksum\" is %s, should be \"%s\""
                      % (operands[0], _show(actual), expected))
                return 1
            return 0
        elif command == "doc" and len(operands) == 2:
            problems = check_doc(operands[0], operands[1])
            for line in problems:
                print(line)
            return 1 if problems else 0
        elif command == "db-schema" and len(operands) == 1:
            schema = read_db_schema(operands[0])
            schema.pop("cksum", None)
            print(json.dumps(schema, sort_keys=True, indent=1))
            return 0
        elif command == "type-lines" and len(operands) == 1:
            schema, _ = normalize_schema(load(operands[0]), operands[0])
            for table, t in schema["tables"].items():
                for column, c in t["columns"].items():
                    print("%s.%s: %s" % (table, column, describe_type(c)))
            return 0
    except (SchemaError, OSError) as e:
        sys.stderr.write("%s: %s\n" % (argv[0], e))
        return 2
    sys.stderr.write("%s: bad arguments (use --help)\n" % argv[0])
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
