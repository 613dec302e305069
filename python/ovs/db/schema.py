# SPDX-License-Identifier: Apache-2.0
"""OVSDB database schemas (RFC 7047, section 3.2)."""

import re
import sys

from ovs.db import error
import ovs.db.parser
import ovs.db.types


def _check_id(name, json):
    if name.startswith('_'):
        raise error.Error('names beginning with "_" are reserved', json)
    elif not ovs.db.parser.is_identifier(name):
        raise error.Error("name must be a valid id", json)


_VERSION_RE = re.compile(r'^[0-9]+\.[0-9]+\.[0-9]+$')


class DbSchema(object):
    """A database schema: 'name', 'version' (an "x.y.z" string, or None),
    and 'tables', a dict from table name to TableSchema."""

    def __init__(self, name, version, tables, allow_extensions=False):
        self.name = name
        self.version = version
        self.tables = tables

        # If no table is a root table, then every table is (RFC 7047 says
        # so for schemas that predate the "isRoot" member).
        if not [t for t in tables.values() if t.is_root]:
            for table in self.tables.values():
                table.is_root = True

        # Resolve references to tables.
        for table in self.tables.values():
            for column in table.columns.values():
                self.__follow_ref_table(column, column.type.key, "key")
                self.__follow_ref_table(column, column.type.value, "value")

    def __root_set_size(self):
        """Returns the number of root tables in the schema."""
        n_root = 0
        for table in self.tables.values():
            if table.is_root:
                n_root += 1
        return n_root

    @staticmethod
    def from_json(json, allow_extensions=False):
        """Parses 'json', a <database-schema> object.  Raises
        ovs.db.error.Error on error.  Unless 'allow_extensions', tables and
        columns may not have an "extensions" member."""
        parser = ovs.db.parser.Parser(json, "database schema")
        name = parser.get("name", ['id'])
        version = parser.get_optional("version", [str])
        parser.get_optional("cksum", [str])
        tablesJson = parser.get("tables", [dict])
        parser.finish()

        if (version is not None and not _VERSION_RE.match(version)):
            raise error.Error('schema version "%s" not in format x.y.z'
                              % version)

        tables = {}
        for tableName, tableJson in tablesJson.items():
            _check_id(tableName, json)
            tables[tableName] = TableSchema.from_json(tableJson, tableName,
                                                      allow_extensions)

        return DbSchema(name, version, tables)

    def to_json(self):
        # "isRoot" was not part of the original schema language, so a schema
        # without it has every table as root.  Only write "isRoot" if that
        # default would change the meaning.
        default_is_root = self.__root_set_size() == len(self.tables)

        tables = {}
        for table in self.tables.values():
            tables[table.name] = table.to_json(default_is_root)
        json = {"name": self.name, "tables": tables}
        if self.version:
            json["version"] = self.version
        return json

    def copy(self):
        return DbSchema.from_json(self.to_json())

    def __follow_ref_table(self, column, base, base_name):
        if (not base or base.type != ovs.db.types.UuidType
                or not base.ref_table_name):
            return

        base.ref_table = self.tables.get(base.ref_table_name)
        if not base.ref_table:
            raise error.Error("column %s %s refers to undefined table %s"
                              % (column.name, base_name, base.ref_table_name),
                              tag="syntax error")

        if base.is_strong_ref() and not base.ref_table.is_root:
            # A row of a non-root table lives only as long as something
            # refers to it strongly.  If the only such reference were not
            # written to disk, the row would be garbage collected when the
            # database is read back, so such a column is always persistent.
            column.persistent = True


class IdlSchema(DbSchema):
    """A DbSchema with the annotations that the IDL code generator reads:
    'idlPrefix', 'idlHeader', 'cDecls' and 'hDecls'."""

    def __init__(self, name, version, tables, idlPrefix, idlHeader,
                 cDecls, hDecls):
        DbSchema.__init__(self, name, version, tables)
        self.idlPrefix = idlPrefix
        self.idlHeader = idlHeader
        self.cDecls = cDecls
        self.hDecls = hDecls

    @staticmethod
    def from_json(json):
        parser = ovs.db.parser.Parser(json, "IDL schema")
        idlPrefix = parser.get("idlPrefix", [str])
        idlHeader = parser.get("idlHeader", [str])
        cDecls = parser.get_optional("cDecls", [str], "")
        hDecls = parser.get_optional("hDecls", [str], "")

        subjson = dict(json)
        del subjson["idlPrefix"]
        del subjson["idlHeader"]
        subjson.pop("cDecls", None)
        subjson.pop("hDecls", None)
        schema = DbSchema.from_json(subjson, allow_extensions=True)

        return IdlSchema(schema.name, schema.version, schema.tables,
                         idlPrefix, idlHeader, cDecls, hDecls)


def column_set_from_json(json, columns):
    """Returns the list of ColumnSchemas named in 'json' (an array of column
    names), or all of 'columns' (a dict from name to ColumnSchema) if 'json'
    is None."""
    if json is None:
        return tuple(columns)
    elif not isinstance(json, list):
        raise error.Error("array of distinct column names expected", json)
    else:
        for column_name in json:
            if not isinstance(column_name, str):
                raise error.Error("array of distinct column names expected",
                                  json)
            elif column_name not in columns:
                raise error.Error("%s is not a valid column name"
                                  % column_name, json)
        if len(set(json)) != len(json):
            # Duplicate.
            raise error.Error("array of distinct column names expected",
                              json)
        return tuple([columns[column_name] for column_name in json])


class TableSchema(object):
    """A table: 'name', 'columns' (a dict from column name to ColumnSchema,
    without the implicit "_uuid" and "_version"), 'mutable', 'max_rows',
    'is_root', 'indexes' (a list of tuples of ColumnSchemas) and
    'extensions'."""

    def __init__(self, name, columns, mutable=True, max_rows=sys.maxsize,
                 is_root=True, indexes=[], extensions={}):
        self.name = name
        self.columns = columns
        self.mutable = mutable
        self.max_rows = max_rows
        self.is_root = is_root
        self.indexes = indexes
        self.extensions = extensions

    @staticmethod
    def from_json(json, name, allow_extensions=False):
        parser = ovs.db.parser.Parser(json, "table schema for table %s"
                                      % name)
        columns_json = parser.get("columns", [dict])
        mutable = parser.get_optional("mutable", [bool], True)
        max_rows = parser.get_optional("maxRows", [int])
        is_root = parser.get_optional("isRoot", [bool], False)
        indexes_json = parser.get_optional("indexes", [list], [])
        if allow_extensions:
            extensions = parser.get_optional("extensions", [dict], {})
        else:
            extensions = {}
        parser.finish()

        if max_rows is None:
            max_rows = sys.maxsize
        elif max_rows <= 0:
            raise error.Error("maxRows must be at least 1", json)

        if not columns_json:
            raise error.Error("table must have at least one column", json)

        columns = {}
        for column_name, column_json in columns_json.items():
            _check_id(column_name, json)
            columns[column_name] = ColumnSchema.from_json(column_json,
                                                          column_name,
                                                          allow_extensions)

        indexes = []
        for index_json in indexes_json:
            index = column_set_from_json(index_json, columns)
            if not index:
                raise error.Error("index must have at least one column",
                                  json)
            elif len(index) == 1:
                index[0].unique = True
            for column in index:
                if not column.persistent:
                    raise error.Error("ephemeral columns (such as %s) may "
                                      "not be indexed" % column.name, json)
            indexes.append(index)

        return TableSchema(name, columns, mutable, max_rows, is_root,
                           indexes, extensions)

    def to_json(self, default_is_root=False):
        """Returns the <table-schema> JSON for this table.

        "isRoot" is written only if this table's root status differs from
        'default_is_root'.  DbSchema.to_json() passes True when every table
        is a root table, so that such a schema is written without any
        "isRoot" member, as schemas were before garbage collection existed.
        """
        json = {}
        if not self.mutable:
            json["mutable"] = False
        if default_is_root != self.is_root:
            json["isRoot"] = self.is_root

        json["columns"] = columns = {}
        for column in self.columns.values():
            if not column.name.startswith("_"):
                columns[column.name] = column.to_json()

        if self.max_rows != sys.maxsize:
            json["maxRows"] = self.max_rows

        if self.indexes:
            json["indexes"] = []
            for index in self.indexes:
                json["indexes"].append([column.name for column in index])

        if self.extensions:
            json["extensions"] = self.extensions

        return json


class ColumnSchema(object):
    """A column: 'name', 'mutable', 'persistent' (False for an "ephemeral"
    column), 'type' (an ovs.db.types.Type) and 'extensions'."""

    def __init__(self, name, mutable, persistent, type_, extensions={}):
        self.name = name
        self.mutable = mutable
        self.persistent = persistent
        self.type = type_
        self.unique = False
        self.extensions = extensions

    @staticmethod
    def from_json(json, name, allow_extensions=False):
        parser = ovs.db.parser.Parser(json, "schema for column %s" % name)
        mutable = parser.get_optional("mutable", [bool], True)
        ephemeral = parser.get_optional("ephemeral", [bool], False)
        _types = [str, dict]
        type_ = ovs.db.types.Type.from_json(parser.get("type", _types))
        if allow_extensions:
            extensions = parser.get_optional("extensions", [dict], {})
        else:
            extensions = {}
        parser.finish()

        if not mutable and (type_.key.is_weak_ref()
                            or (type_.value and type_.value.is_weak_ref())):
            # The database must be able to remove a weak reference whose
            # target is deleted, so such a column is always mutable.
            mutable = True

        return ColumnSchema(name, mutable, not ephemeral, type_, extensions)

    def to_json(self):
        json = {"type": self.type.to_json()}
        if not self.mutable:
            json["mutable"] = False
        if not self.persistent:
            json["ephemeral"] = True
        if self.extensions:
            json["extensions"] = self.extensions
        return json
