# SPDX-License-Identifier: Apache-2.0
"""Unit checks of ovs.json, ovs.ovsuuid, ovs.db.types, ovs.db.data,
ovs.db.parser and ovs.db.schema.

Prints one line per check; the test suite compares the output with the
expected output (which matches what upstream Open vSwitch's Python package
prints for the same input, except where noted in python-ovs.at).

Usage: test-py-data.py json|types|data|compat|schema SCHEMA-FILE
"""

import sys

# Keep compiled files out of the source tree.
sys.dont_write_bytecode = True

import uuid

import ovs.db.data
import ovs.db.error
import ovs.db.parser
import ovs.db.schema
import ovs.db.types
import ovs.json
import ovs.ovsuuid


def show(label, f):
    try:
        result = f()
    except ovs.db.error.Error as e:
        result = "error: %s" % e
    except Exception as e:
        result = "exception %s: %s" % (type(e).__name__, e)
    print("%s -> %s" % (label, result))


JSON_TEXTS = [
    '{"a":1,"b":[1,2.5,true,false,null,"x\\u00e9\\n"]}',
    '[1e400]', '"abc"', '123', '[-0]', '[1.0]', '[0.1]', '[1e10]',
    '[12345678901234567890]', '[-9223372036854775808]',
    '[9223372036854775807]', '[9223372036854775808]', '["\\u0000"]',
    '[1,]', '{"a":1,"a":2}', '  [ ] ', '[1] x', '["\\ud834\\udd1e"]',
    '["\\ud834"]', '[01]', '[1.5e-3]', '["\x01"]', '[tru]', '{}', '[1E+2]',
    '[.5]', '[-]', '["\\x"]', '{"b":{"d":1,"c":2},"a":3}', '[1e-400]',
    '[1.0e2]', '[100000000000000000000.0]', '[3.14159265358979]',
    '[1 2]', '{"a" 1}', '{"a":1 "b":2}', '{1:2}', '{"a":}', '[', '{"a":1',
    '[1]]', '[1] [2]', '["abc', '[1.]', '[1e]', '[1.5e+]', '[-01]',
    '["\\u12"]', '["\\u12zz"]', '["\\ud834\\u0041"]', '[\n1,\n2,\nx]',
    '[\t]x', '', '   ', '{"a":[1,2,{"b":null}],"c":tru', '[1e-2]',
    '[12.5e-1]', '[-0.0]', '[5e18]', '[9.3e18]', '["\\/"]', '[nul]',
    '[null]', '[truex]', '{"a":1,}', '{,}', '[,]', '[1]\n\n ', '[1]\x00',
    '[\x00]', '["\u00e9"]', '[1e309]', '[-1e309]',
    '[123456789012345678901234567890e-10]', '[1E2]', '[0.5e1]',
    '[-9223372036854775809]', '[2.5e-400]', '[@]', '["\\uD834\\uDD1E"]',
    '[01.5]', '[00]', '[+1]', '[1,-]', '[1\r2]', '[1e5.5]', '[1.5.5]',
    '[1-2]', '[true]', '[truefalse]', '[1true]', '["a"b]', '[[[[]]]]',
    '["\\ud834x"]', '["\\ud834\\n"]', '{"a":1}x', '[1e-00002]',
    '[1.000000000000000000001]', '[9223372036854775807.0]',
    '[-9223372036854775808.0]', '[4611686018427387904.5]', '[1e18]',
    '[9.2e18]', '[1e-30]', '[1e-300]', '[1e-320]', '[1e-324]', '[0e5]',
    '[100e-2]', '[10000000000000000000000e-4]', '[12345678901234567890e-1]',
    '[1234567890123456789e-1]', '[1.50e1]', '[92233720368547758070e-1]',
    '[92233720368547758080e-1]', '[1e19]', '[-1e18]',
    '[0.00000000000000000000000000000000001e35]', '[5e-324]',
    '[2.2250738585072014e-308]', '[2.2250738585072011e-308]', '[_]',
    '[true1]', '[a_b]', '["\x1f"]', '["\x7f"]', '[NaN]', '[Infinity]',
    '{"a":NaN}', '[1]\n x', '[' * 1001 + ']' * 1001,
    '[' * 500 + ']' * 500, '["\\u00e9\\u20ac"]', '["a\\\\u0000"]',
    '{"\\u0000":1}', '[1,2,\n"abc\\', '["\\\\"]', '[-0.5e-1]',
    '["\\ud800\\udc00"]', '["\\udbff\\udfff"]', '\n\n[1,\n',
    '{"a":1}   \n  ',
]


def do_json():
    for text in JSON_TEXTS:
        value = ovs.json.from_string(text)
        if isinstance(value, str):
            out = "error: " + value
        else:
            out = ovs.json.to_string(value)
            if len(out) > 100:
                out = "%d bytes" % len(out)
            # Round trip: serializing and parsing again gives the same value.
            again = ovs.json.from_string(ovs.json.to_string(value))
            if again != value or type(again) != type(value):
                out += " (ROUND TRIP FAILED)"
            pretty = ovs.json.from_string(ovs.json.to_string(value, True))
            if pretty != value:
                out += " (PRETTY ROUND TRIP FAILED)"
        print("%s -> %s" % (ovs.json.to_string([text[:60]]), out))

    # Values and their Python types.
    for text in ['[1.0, 1.5, 1e2, 2e-1, -0, true, null, "1"]']:
        print([type(x).__name__ for x in ovs.json.from_string(text)])

    # Serialization.
    for obj in [{"b": [1, {"z": 1, "a": []}], "a": "\u00e9\u0001\t\"\\/"},
                [], {}, [[]], {"a": {}}, "abc", None, 1.5,
                [2.0, 1e100, 1e-7, 0.1 + 0.2], [True, False, None],
                "\u2028\U0001d11e"]:
        print(ovs.json.to_string(obj))
        print(ovs.json.to_string(obj, pretty=True))
    print(ovs.json.to_string({"b": 1, "a": 2}, sort_keys=False))

    # The incremental parser, fed a stream of several values in pieces of
    # various sizes.
    stream = ('{"a":"x\\"]}"} [1,[2]]\n{"b":{}} {"c":"\\\\"}'
              '{"d":"\\u00e9"}[3')
    for size in (1, 2, 3, 7, 1000):
        values = []
        parser = ovs.json.Parser()
        i = 0
        while i < len(stream):
            n = parser.feed(stream[i:i + size])
            i += n
            if parser.is_done():
                values.append(ovs.json.to_string(parser.finish()))
                parser = ovs.json.Parser()
            elif n == 0:
                break
        values.append(parser.finish())
        print("chunk size %d: %s" % (size, " ".join(values)))


TYPES = [
    '"integer"', '"real"', '"boolean"', '"string"', '"uuid"',
    '{"key":"string","min":0,"max":"unlimited"}',
    '{"key":{"type":"integer","minInteger":0,"maxInteger":4095},'
    '"min":0,"max":4096}',
    '{"key":"string","value":"string","min":0,"max":"unlimited"}',
    '{"key":{"type":"uuid","refTable":"Port"},"min":1,"max":"unlimited"}',
    '{"key":{"type":"string","enum":["set",["a","b"]]}}',
    '{"key":{"type":"uuid","refTable":"X","refType":"weak"},'
    '"min":0,"max":1}',
    '{"key":{"type":"real","minReal":1.5}}',
    '{"key":{"type":"string","minLength":1,"maxLength":5}}',
    '{"key":{"type":"integer","enum":3}}',
    '{"key":"integer","value":"string","min":0,"max":"unlimited"}',
    '{"key":{"type":"integer","minInteger":1},"value":"string",'
    '"min":0,"max":"unlimited"}',
    '{"key":"integer","min":1,"max":"unlimited"}',
    '{"key":"integer","min":0,"max":5}',
    '{"key":"integer","min":1,"max":5}',
    '{"key":"integer","min":0,"max":1}',
    '{"key":{"type":"uuid","refTable":"T"},"min":0,"max":5}',
    '{"key":{"type":"uuid","refTable":"T"},"value":"integer",'
    '"min":0,"max":"unlimited"}',
    '{"key":{"type":"integer","maxInteger":1}}',
    '{"key":{"type":"real","minReal":1,"maxReal":2.5}}',
    '{"key":{"type":"string","minLength":1}}',
    '{"key":{"type":"string","maxLength":1}}',
    '{"key":{"type":"string","minLength":2,"maxLength":2}}',
    '{"key":{"type":"string","enum":["set",["a","b","c"]]}}',
    '{"key":{"type":"integer","minInteger":1,"maxInteger":1}}',
    '{"key":{"type":"uuid","refTable":"T","refType":"strong"}}',
    '{"key":{"type":"integer","minInteger":-5}}',
    # Errors.
    '"bogus"', '{"key":"integer","min":2,"max":1}', '{"key":"void"}',
    '"void"', '{"key":"string","minInteger":3}',
    '{"key":{"type":"string","minInteger":3}}',
    '{"key":{"type":"integer","refTable":"T"}}',
    '{"key":{"type":"uuid","refTable":"T","refType":"bad"}}',
    '{"key":"integer","min":2,"max":3}', '{"key":"integer","min":0,"max":0}',
    '{"key":"integer","min":-1}', '{"key":"integer","max":"lots"}',
    '{"key":{"type":"integer","minInteger":5,"maxInteger":3}}',
    '{"key":{"type":"string","minLength":5,"maxLength":3}}',
    '{"key":{"type":"string","minLength":-1}}',
    '{"key":{"type":"string","enum":["set",[1]]}}',
    '{"value":"integer"}', '{"key":"integer","bogus":1}', '5',
]


def parse_type(text):
    return ovs.db.types.Type.from_json(ovs.json.from_string(
        "[%s]" % text)[0])


def do_types():
    for text in TYPES:
        def f():
            t = parse_type(text)
            predicates = [name for name in ("is_scalar", "is_optional",
                                            "is_composite", "is_set",
                                            "is_map", "is_smap", "is_valid")
                          if getattr(t, name)()]
            return "%s %s [%s] [%s]" % (
                ovs.json.to_string(t.to_json()), " ".join(predicates),
                t.toEnglish(), t.constraintsToEnglish())
        show(text, f)

    a = parse_type('{"key":"string","value":"integer","min":0,'
                   '"max":"unlimited"}')
    b = parse_type('{"key":"string","value":"integer","min":0,'
                   '"max":"unlimited"}')
    c = parse_type('{"key":"string","value":"real","min":0,'
                   '"max":"unlimited"}')
    print("equal types: %s %s" % (a == b, a == c))
    print("atomic types: %s" % " ".join(
        t.to_string() for t in ovs.db.types.ATOMIC_TYPES))
    show("from_string real",
         lambda: ovs.db.types.AtomicType.from_string("real").to_json())
    show("default atoms", lambda: " ".join(
        t.default_atom().to_string()
        for t in ovs.db.types.ATOMIC_TYPES[1:]))


DATA = [
    ('"integer"', '5'), ('"integer"', '"x"'), ('"integer"', '5.5'),
    ('"real"', '5'), ('"real"', '2.5'),
    ('"boolean"', 'true'), ('"boolean"', '1'),
    ('"string"', '"hello world"'), ('"string"', '"hello"'),
    ('"string"', '""'), ('"string"', '"123"'), ('"string"', '"a=b"'),
    ('"string"', '"true"'), ('"string"', '"false1"'), ('"string"', '"null"'),
    ('"string"', '"TRUE"'), ('"string"', '".a"'), ('"string"', '"a."'),
    ('"string"', '"-a"'), ('"string"', '"a+b"'), ('"string"', '"_"'),
    ('"string"', '"x1"'), ('"string"', '"a-b_c.d"'),
    ('"string"', '"\\u00e9"'), ('"string"', '"a\\tb"'),
    ('"string"', '"caf\\u00e9 \\"q\\" \\\\ \\n"'),
    ('"uuid"', '["uuid","550e8400-e29b-41d4-a716-446655440000"]'),
    ('"uuid"', '["uuid","550e8400"]'),
    ('"uuid"', '["named-uuid","foo"]'),
    ('{"key":"integer","min":0,"max":"unlimited"}', '["set",[3,1,2]]'),
    ('{"key":"integer","min":0,"max":"unlimited"}', '["set",[3,1,3]]'),
    ('{"key":"integer","min":0,"max":"unlimited"}', '7'),
    ('{"key":"integer","min":0,"max":"unlimited"}', '["set",[]]'),
    ('{"key":"integer","min":0,"max":"unlimited"}', '["map",[]]'),
    ('{"key":"string","value":"integer","min":0,"max":"unlimited"}',
     '["map",[["b",2],["a",1]]]'),
    ('{"key":"string","value":"integer","min":0,"max":"unlimited"}',
     '["map",[["b",2],["b",1]]]'),
    ('{"key":"string","value":"integer","min":0,"max":"unlimited"}',
     '["map",[["b",2,3]]]'),
    ('{"key":"string","value":"string","min":0,"max":"unlimited"}',
     '["map",[["b c","x"],["a","y z"]]]'),
    ('{"key":"integer","value":"string","min":0,"max":"unlimited"}',
     '["set",[]]'),
    ('{"key":"integer","value":"string","min":0,"max":"unlimited"}',
     '["map",[[1,"a"]]]'),
    ('{"key":{"type":"integer","minInteger":0,"maxInteger":10}}', '11'),
    ('{"key":{"type":"integer","minInteger":0}}', '-1'),
    ('{"key":{"type":"integer","maxInteger":0}}', '1'),
    ('{"key":{"type":"real","minReal":0.5,"maxReal":1.5}}', '2'),
    ('{"key":{"type":"string","enum":["set",["a","b"]]}}', '"c"'),
    ('{"key":{"type":"string","enum":["set",["a","b"]]}}', '"b"'),
    ('{"key":{"type":"string","maxLength":2}}', '"abc"'),
    ('{"key":{"type":"string","minLength":2}}', '"\\u00e9"'),
    ('{"key":"integer","min":1,"max":2}', '["set",[1,2,3]]'),
    ('{"key":"integer","min":1,"max":2}', '["set",[]]'),
    ('{"key":"real","min":0,"max":1}', '["set",[1.5]]'),
    ('{"key":"string","min":0,"max":1}', '["set",[]]'),
    ('{"key":"integer","min":0,"max":1}', '5'),
    ('{"key":"integer","min":0,"max":1}', '["set",[5]]'),
    ('{"key":"boolean","min":0,"max":"unlimited"}', '["set",[true,false]]'),
    ('{"key":{"type":"uuid","refTable":"Port"},"min":0,"max":"unlimited"}',
     '["set",[["uuid","550e8400-e29b-41d4-a716-446655440000"],'
     '["uuid","050e8400-e29b-41d4-a716-446655440000"]]]'),
    ('{"key":"string","min":0,"max":"unlimited"}',
     '["set",["b","a","B","ab"]]'),
]


def do_data():
    for type_text, value_text in DATA:
        def f():
            t = parse_type(type_text)
            symtab = {"other": ovs.ovsuuid.zero()}
            d = ovs.db.data.Datum.from_json(
                t, ovs.json.from_string("[%s]" % value_text)[0], symtab)
            calls = []

            def uuid_to_row(value, base):
                calls.append(base.type.to_string())
                return value
            py = d.to_python(uuid_to_row)
            if "foo" in symtab:
                return "named-uuid foo is %s" % (
                    d == ovs.db.data.Datum.from_json(
                        t, ovs.ovsuuid.to_json(symtab["foo"])))
            return "%s %s %r (%d calls)" % (
                d.to_string(), ovs.json.to_string(d.to_json()), py,
                len(calls))
        show("%s %s" % (type_text, value_text), f)

    def pt(text):
        return parse_type(text)

    int_t = ovs.db.types.BaseType(ovs.db.types.IntegerType)
    ranged = ovs.db.types.BaseType(ovs.db.types.IntegerType, min=1, max=3)
    show("atom from_python int 'x'",
         lambda: ovs.db.data.Atom.from_python(int_t, "x").to_string())
    show("atom from_python int 5",
         lambda: ovs.db.data.Atom.from_python(int_t, 5).to_string())
    show("atom from_python ranged 5",
         lambda: ovs.db.data.Atom.from_python(ranged, 5).to_string())
    show("atom from_python real 1", lambda: ovs.db.data.Atom.from_python(
        ovs.db.types.BaseType(ovs.db.types.RealType), 1).to_string())
    show("atom from_python uuid str", lambda: ovs.db.data.Atom.from_python(
        ovs.db.types.BaseType(ovs.db.types.UuidType),
        "550e8400-e29b-41d4-a716-446655440000").to_string())

    opt_int = pt('{"key":"integer","min":0,"max":1}')
    set_int = pt('{"key":"integer","min":0,"max":10}')
    smap = pt('{"key":"string","value":"string","min":0,"max":10}')

    def same(x):
        return x
    show("from_python optional 5", lambda: ovs.json.to_string(
        ovs.db.data.Datum.from_python(opt_int, 5, same).to_json()))
    show("from_python optional None", lambda: ovs.json.to_string(
        ovs.db.data.Datum.from_python(opt_int, None, same).to_json()))
    show("from_python optional [1,2]", lambda: ovs.json.to_string(
        ovs.db.data.Datum.from_python(opt_int, [1, 2], same).to_json()))
    show("from_python optional []", lambda: ovs.json.to_string(
        ovs.db.data.Datum.from_python(opt_int, [], same).to_json()))
    show("from_python map", lambda: ovs.json.to_string(
        ovs.db.data.Datum.from_python(smap, {"b": "x", "a": "y"},
                                      same).to_json()))
    show("from_python map of pairs", lambda: ovs.json.to_string(
        ovs.db.data.Datum.from_python(smap, [("a", "b")], same).to_json()))
    show("from_python set tuple", lambda: ovs.json.to_string(
        ovs.db.data.Datum.from_python(set_int, (3, 1), same).to_json()))
    show("from_python set set", lambda: ovs.json.to_string(
        ovs.db.data.Datum.from_python(set_int, {3, 1}, same).to_json()))
    show("from_python row_to_uuid", lambda: ovs.json.to_string(
        ovs.db.data.Datum.from_python(set_int, [1, 2],
                                      lambda x: x * 10).to_json()))

    # Datum operations.
    d1 = ovs.db.data.Datum.from_json(smap, ["map", [["a", "1"], ["b", "2"],
                                                    ["c", "3"]]])
    d2 = ovs.db.data.Datum.from_json(smap, ["map", [["a", "1"], ["b", "9"],
                                                    ["d", "4"]]])
    show("map copy equal", lambda: (d1.copy() == d1, d1 == d2))
    # diff() applies an update2-style diff to the datum.
    show("map diff", lambda: d1.diff(d2).to_string())
    show("map get", lambda: (d1.get("b"), d1.get("z", "none"), d1["c"]))
    show("map as_dict", lambda: sorted(
        (k.value, v.value) for k, v in d1.as_dict().items()))
    s1 = ovs.db.data.Datum.from_json(set_int, ["set", [1, 2, 3]])
    s2 = ovs.db.data.Datum.from_json(set_int, ["set", [2, 3, 4]])
    show("set as_list", lambda: sorted(s1.as_list()))
    show("set contains", lambda: (ovs.db.data.Atom(
        ovs.db.types.IntegerType, 2) in s1, ovs.db.data.Atom(
            ovs.db.types.IntegerType, 7) in s1))
    show("set diff", lambda: s1.diff(s2).to_string())
    show("scalar", lambda: ovs.db.data.Datum.from_json(
        pt('"string"'), "abc").as_scalar())
    show("default sizes", lambda: [len(ovs.db.data.Datum.default(t).values)
                                   for t in (pt('"string"'), set_int, smap)])
    show("atoms", lambda: " ".join(
        ovs.db.data.Atom(ovs.db.types.RealType, v).to_string()
        for v in (2.0, 1e100, 0.1, 5, 1.5e-7)))
    show("atom order", lambda: (
        ovs.db.data.Atom(ovs.db.types.IntegerType, 5) <
        ovs.db.data.Atom(ovs.db.types.IntegerType, 6),
        ovs.db.data.Atom(ovs.db.types.StringType, "b") >
        ovs.db.data.Atom(ovs.db.types.StringType, "a"),
        ovs.db.data.Atom(ovs.db.types.IntegerType, 5) ==
        ovs.db.data.Atom(ovs.db.types.IntegerType, 5),
        hash(ovs.db.data.Atom(ovs.db.types.IntegerType, 5)) == hash(5)))

    # ovs.ovsuuid.
    u = "550e8400-e29b-41d4-a716-446655440000"
    show("uuid from_json", lambda: ovs.ovsuuid.from_json(["uuid", u]))
    show("uuid from_json bad", lambda: ovs.ovsuuid.from_json(["uuid", "x"]))
    show("uuid named no symtab",
         lambda: ovs.ovsuuid.from_json(["named-uuid", "x"]))
    symtab = {"other": ovs.ovsuuid.zero()}
    show("uuid named", lambda: isinstance(
        ovs.ovsuuid.from_json(["named-uuid", "x"], symtab), uuid.UUID))
    show("uuid named again", lambda: ovs.ovsuuid.from_json(
        ["named-uuid", "x"], symtab) == symtab["x"])
    show("uuid to_json", lambda: ovs.ovsuuid.to_json(ovs.ovsuuid.zero()))
    show("uuid valid", lambda: (ovs.ovsuuid.is_valid_string(u),
                                ovs.ovsuuid.is_valid_string(u[1:])))

    # ovs.db.parser.
    P = ovs.db.parser
    show("parser missing", lambda: P.Parser({"a": 1}, "thing").get("b",
                                                                   [int]))
    show("parser mismatch", lambda: P.Parser({"a": "x"}, "thing").get(
        "a", [int]))
    show("parser id", lambda: P.Parser({"a": "x"}, "thing").get("a",
                                                                ['id']))
    show("parser bad id", lambda: P.Parser({"a": "1x"}, "thing").get(
        "a", ['id']))
    show("parser optional", lambda: P.Parser({}, "thing").get_optional(
        "a", [int], 7))

    def extra():
        p = P.Parser({"a": 1, "c": 2}, "thing")
        p.get("a", [int])
        p.finish()
    show("parser extra", extra)
    show("parser not object", lambda: P.Parser([1], "thing"))
    show("json types", lambda: " ".join(P.json_type_to_string(t) for t in (
        int, bool, str, list, dict, float)))
    show("unwrap", lambda: P.unwrap_json(["set", [1]], "set", [list],
                                         "array"))
    show("unwrap bad", lambda: P.unwrap_json(5, "set", [list], "array"))
    show("pair", lambda: P.parse_json_pair([1, 2]))
    show("pair bad", lambda: P.parse_json_pair([1]))
    show("float_to_int", lambda: (P.float_to_int(2.0), P.float_to_int(2.5)))
    show("identifiers", lambda: (bool(P.is_identifier("a_1")),
                                 bool(P.is_identifier("1a")),
                                 bool(P.is_identifier(5))))

    # ovs.db.error.
    E = ovs.db.error.Error
    print(str(E("msg")))
    print(str(E("msg", json=[1, 2])))
    print(str(E("msg", tag="foo")))
    print(str(E("msg", json={"a": 1}, tag="foo")))


SCHEMAS = [
    {"name": "x", "tables": {}},
    {"name": "x", "version": "1.0", "tables": {}},
    {"name": "x", "version": "1.2.3",
     "tables": {"T": {"columns": {"_a": {"type": "integer"}}}}},
    {"name": "x", "version": "1.2.3", "tables": {"T": {"columns": {
        "a": {"type": {"key": {"type": "uuid", "refTable": "U"}}}}}}},
    {"name": "x", "version": "1.2.3", "tables": {"T": {
        "columns": {"a": {"type": "integer"}}, "indexes": [["b"]]}}},
    {"name": "x", "version": "1.2.3", "tables": {"T": {
        "columns": {"a": {"type": "integer"}}, "maxRows": 0}}},
    {"name": "x", "version": "1.2.3", "tables": {"T": {
        "columns": {"a": {"type": "integer"}}, "bogus": 0}}},
    {"name": "x", "version": "1.2.3", "tables": {"T": {
        "columns": {"a": {"type": "integer", "ephemeral": True}},
        "indexes": [["a"]]}}},
    {"name": "x", "version": "1.2.3", "tables": {"T": {
        "columns": {"a": {"type": "integer"}}, "indexes": [[]]}}},
    {"name": "x", "version": "1.2.3", "tables": {"T": {
        "columns": {"a": {"type": "integer"}}, "indexes": [["a", "a"]]}}},
    {"name": "x", "version": "1.2.3", "tables": {"T": {
        "columns": {"1a": {"type": "integer"}}}}},
    {"name": "x", "version": "1.2.3", "tables": {"_T": {
        "columns": {"a": {"type": "integer"}}}}},
    {"name": "x", "version": "1.2.3", "cksum": "1 2", "tables": {
        "T": {"columns": {
            "a": {"type": "integer", "ephemeral": True, "mutable": False},
            "r": {"type": {"key": {"type": "uuid", "refTable": "T"},
                           "min": 0, "max": "unlimited"}}},
              "indexes": [["r"]], "maxRows": 5, "isRoot": True},
        "U": {"columns": {"x": {"type": "string"}}}}},
    {"name": "x", "version": "1.2.3", "tables": {
        "T": {"columns": {"a": {"type": "integer"}}},
        "U": {"columns": {"x": {"type": "string"}}}}},
    {"name": "x", "version": "1.2.3", "tables": {
        "T": {"columns": {"a": {"type": "integer"}}, "isRoot": True},
        "U": {"columns": {"x": {"type": "string"}}, "isRoot": True}}},
    {"name": "x", "version": "1.2.3", "tables": {
        "T": {"columns": {"a": {"type": "integer"}}, "isRoot": False},
        "U": {"columns": {"x": {"type": "string"}}, "isRoot": True}}},
]


def do_schema(schema_file):
    for json in SCHEMAS:
        def f():
            schema = ovs.db.schema.DbSchema.from_json(json)
            return ovs.json.to_string(schema.to_json())
        show(ovs.json.to_string(json), f)

    json = ovs.json.from_file(schema_file)
    schema = ovs.db.schema.DbSchema.from_json(json)
    print("name=%s tables=%d columns=%d" % (
        schema.name, len(schema.tables),
        sum(len(t.columns) for t in schema.tables.values())))
    # The schema survives a round trip through JSON.
    again = ovs.db.schema.DbSchema.from_json(schema.to_json())
    print("round trip equal: %s" % (again.to_json() == schema.to_json()))
    print("copy equal: %s" % (schema.copy().to_json() == schema.to_json()))
    # Facts that the IDL depends on.
    for table in sorted(schema.tables.values(), key=lambda t: t.name):
        indexes = ["+".join(c.name for c in index) for index in table.indexes]
        refs = sorted("%s->%s(%s)" % (c.name, c.type.key.ref_table.name,
                                      c.type.key.ref_type)
                      for c in table.columns.values()
                      if c.type.key.is_ref())
        print("%s root=%s max_rows=%s indexes=%s refs=%s" % (
            table.name, table.is_root,
            table.max_rows if table.max_rows != sys.maxsize else "-",
            indexes, refs))


def do_compat():
    """ovs.compat.sortedcontainers, the fallback that ovsdbapp uses when
    the sortedcontainers package is missing."""
    from ovs.compat import sortedcontainers as sc
    d = sc.SortedDict(lambda p: -p)
    d.setdefault(10, set()).add("a")
    d.setdefault(20, set()).add("b")
    d.setdefault(10, set()).add("c")
    d[15] = {"x"}
    print("SortedDict: %s %s" % (list(d.keys()),
                                 [sorted(v) for v in d.values()]))
    del d[15]
    print("after del: %s %s" % (list(d), 15 in d))
    sl = sc.SortedList([3, 1, 2])
    sl.add(0)
    sl.discard(2)
    print("SortedList: %s irange(1,3)=%s" % (list(sl), list(sl.irange(1, 3))))
    skl = sc.SortedKeyList(["bb", "a", "ccc"], key=len)
    print("SortedKeyList: %s irange=%s" % (list(skl),
                                           list(skl.irange("x", "yy"))))
    ss = sc.SortedSet([3, 1, 3])
    ss.add(2)
    print("SortedSet: %s %s" % (list(ss), 3 in ss))


def main():
    if len(sys.argv) < 2:
        sys.stderr.write(__doc__)
        sys.exit(1)
    command = sys.argv[1]
    if command == "json":
        do_json()
    elif command == "types":
        do_types()
    elif command == "data":
        do_data()
    elif command == "schema":
        do_schema(sys.argv[2])
    elif command == "compat":
        do_compat()
    else:
        sys.stderr.write("unknown command %s\n" % command)
        sys.exit(1)


if __name__ == "__main__":
    main()
