# SPDX-License-Identifier: Apache-2.0
"""Client-side indexes over the rows of an IDL table.

Each table of an ovs.db.idl.Idl keeps its rows in an IndexedRows, a mapping
from UUID to Row.  index_create() adds a MultiColumnIndex to it, which keeps
the rows sorted by the values of one or more columns, so that lookups by
those values (irange()) take logarithmic rather than linear time.  Indexes
follow every change to the rows, including uncommitted changes made in the
current transaction."""

import bisect
import collections
import functools
import uuid

OVSDB_INDEX_ASC = "ASC"
OVSDB_INDEX_DESC = "DESC"

ColumnIndex = collections.namedtuple('ColumnIndex',
                                     ['column', 'direction', 'key'])


def IndexEntryClass(table):
    """Returns a namedtuple class with a 'uuid' field followed by one field
    per column of 'table', every field defaulting to None.  Index entries
    (and search keys for irange()) are instances of it.  Its '_table'
    attribute is 'table', as for a Row, so that an entry can stand for an
    immutable snapshot of a row (ovsdbapp uses them that way)."""
    fields = ['uuid'] + list(table.columns)
    cls = collections.namedtuple(
        "%sIndexEntry" % table.name.replace("-", "_"), fields,
        defaults=(None,) * len(fields), rename=True)
    cls._table = table
    return cls


@functools.total_ordering
class _Key(object):
    """Wraps a column value so that values of any type can be ordered: None
    first, then numbers, strings, UUIDs (and rows, as their UUIDs), lists,
    dicts, each among themselves."""

    __slots__ = ('rank', 'value')

    def __init__(self, value):
        if value is None:
            self.rank = 0
        elif isinstance(value, (bool, int, float)):
            self.rank = 1
        elif isinstance(value, str):
            self.rank = 2
        elif isinstance(value, uuid.UUID):
            self.rank = 3
        elif isinstance(value, (list, tuple)):
            self.rank = 5
            value = tuple(_Key(v) for v in value)
        elif isinstance(value, dict):
            self.rank = 6
            value = tuple((_Key(k), _Key(v))
                          for k, v in sorted(value.items(),
                                             key=lambda kv: _Key(kv[0])))
        else:
            # A Row (or anything else with a UUID) sorts as its UUID, so
            # that a search by UUID finds rows that refer to that row.
            value = getattr(value, "uuid", value)
            self.rank = 3 if isinstance(value, uuid.UUID) else 4
        self.value = value

    def __eq__(self, other):
        return self.rank == other.rank and self.value == other.value

    def __lt__(self, other):
        if self.rank != other.rank:
            return self.rank < other.rank
        return self.value < other.value

    def __hash__(self):
        return hash((self.rank, self.value))


@functools.total_ordering
class _Reversed(object):
    """Inverts the order of a _Key, for descending index columns."""

    __slots__ = ('key',)

    def __init__(self, key):
        self.key = key

    def __eq__(self, other):
        return self.key == other.key

    def __lt__(self, other):
        return other.key < self.key


# Bounds for the UUID part of a search key: below and above every UUID.
_LOW = (0,)
_HIGH = (2,)


class _SortedEntries(object):
    """The entries of a MultiColumnIndex, in index order.

    Supports iteration, len() and irange(); ovsdbapp reaches it as the
    index's 'values' attribute."""

    def __init__(self, index):
        self._index = index
        self._keys = []
        self._entries = []

    def __len__(self):
        return len(self._entries)

    def __iter__(self):
        return iter(list(self._entries))

    def _add(self, key, entry):
        pos = bisect.bisect_left(self._keys, key)
        self._keys.insert(pos, key)
        self._entries.insert(pos, entry)

    def _remove(self, key):
        pos = bisect.bisect_left(self._keys, key)
        if pos < len(self._keys) and self._keys[pos] == key:
            del self._keys[pos]
            del self._entries[pos]

    def _clear(self):
        self._keys = []
        self._entries = []

    def irange(self, minimum=None, maximum=None, inclusive=(True, True),
               reverse=False):
        """Iterates over the entries whose indexed columns lie between
        those of 'minimum' and 'maximum' (index entries or search keys;
        None for no bound)."""
        index = self._index
        if minimum is None:
            lo = 0
        else:
            key = index._search_key(minimum, _LOW if inclusive[0] else _HIGH)
            lo = bisect.bisect_left(self._keys, key)
        if maximum is None:
            hi = len(self._keys)
        else:
            key = index._search_key(maximum, _HIGH if inclusive[1] else _LOW)
            hi = bisect.bisect_right(self._keys, key)
        entries = self._entries[lo:hi]
        if reverse:
            entries.reverse()
        return iter(entries)


class MultiColumnIndex(object):
    """An index that orders rows by one or more columns.  Create it with
    IndexedRows.index_create(), then give its columns with add_column()."""

    def __init__(self, name):
        self.name = name
        self.columns = []
        self.values = _SortedEntries(self)
        # The IndexedRows that owns this index (set by index_create()).
        self.rows = None
        # Each indexed row's key in 'values', by UUID.
        self._keys = {}

    def __repr__(self):
        return "MultiColumnIndex(name=%s, columns=%s)" % (
            self.name, [c.column for c in self.columns])

    __str__ = __repr__

    def add_column(self, column, direction=OVSDB_INDEX_ASC, key=None):
        """Adds 'column' (a column name) as the next sort key, in ascending
        or descending 'direction'.  'key', if given, is a function applied
        to the column's value before comparison."""
        self.columns.append(ColumnIndex(column, direction, key))
        self._rebuild()

    def add_columns(self, *columns):
        """Adds each of 'columns' (column names) in ascending order."""
        for column in columns:
            self.columns.append(ColumnIndex(column, OVSDB_INDEX_ASC, None))
        self._rebuild()

    def _rebuild(self):
        self.clear()
        if self.rows is not None:
            for row in self.rows.values():
                self.add(row)

    def _column_keys(self, entry):
        keys = []
        for col in self.columns:
            value = getattr(entry, col.column, None)
            if col.key is not None and value is not None:
                value = col.key(value)
            k = _Key(value)
            if col.direction == OVSDB_INDEX_DESC:
                k = _Reversed(k)
            keys.append(k)
        return tuple(keys)

    def _entry_key(self, entry):
        return self._column_keys(entry) + ((1, entry.uuid),)

    def _search_key(self, entry, uuid_bound):
        if getattr(entry, "uuid", None) is not None:
            return self._column_keys(entry) + ((1, entry.uuid),)
        return self._column_keys(entry) + (uuid_bound,)

    def index_entry_from_row(self, row):
        """Returns the index entry for 'row': its UUID and the current value
        of each of its columns."""
        return self.rows.entry_from_row(row)

    def add(self, row, entry=None):
        """Adds 'row' to the index (replacing its previous entry, if any).
        'entry' is its index entry, if already computed."""
        self.remove(row)
        if entry is None:
            entry = self.index_entry_from_row(row)
        key = self._entry_key(entry)
        self._keys[row.uuid] = key
        self.values._add(key, entry)

    def remove(self, row):
        """Removes 'row' from the index, if it is there."""
        key = self._keys.pop(row.uuid, None)
        if key is not None:
            self.values._remove(key)

    def clear(self):
        self._keys = {}
        self.values._clear()

    def irange(self, start, end):
        """Iterates over the rows whose indexed columns lie between those
        of 'start' and 'end' inclusive.  Both are index entries or search
        keys made with the table's IndexEntry class (IndexedRows.IndexEntry)
        with the indexed columns set."""
        for entry in self.values.irange(start, end):
            row = self.rows.get(entry.uuid)
            if row is not None:
                yield row

    def __iter__(self):
        for entry in self.values:
            row = self.rows.get(entry.uuid)
            if row is not None:
                yield row


class IndexedRows(collections.UserDict):
    """The rows of an IDL table: a dict from UUID to Row that keeps its
    indexes (the dict 'indexes', from name to MultiColumnIndex) up to
    date."""

    def __init__(self, table, *args, **kwargs):
        self.table = table
        self.indexes = {}
        self.IndexEntry = IndexEntryClass(table)
        super().__init__(*args, **kwargs)

    def index_create(self, name):
        """Creates and returns an index called 'name', with no columns yet
        (see MultiColumnIndex.add_column()).  Raises ValueError if an index
        with that name exists."""
        if name in self.indexes:
            raise ValueError("An index named %s already exists" % name)
        index = self.indexes[name] = MultiColumnIndex(name)
        index.rows = self
        return index

    def entry_from_row(self, row):
        """Returns the IndexEntry of 'row', with the values of the columns
        it has."""
        values = {}
        for column in self.table.columns:
            try:
                values[column] = getattr(row, column)
            except (AttributeError, AssertionError):
                pass
        try:
            return self.IndexEntry(uuid=row.uuid, **values)
        except TypeError:
            # A column name that cannot be a field name: leave it out.
            fields = set(self.IndexEntry._fields)
            return self.IndexEntry(uuid=row.uuid, **{
                k: v for k, v in values.items() if k in fields})

    def reindex(self, row):
        """Updates the indexes after a change to 'row', if it is one of
        these rows."""
        if self.indexes and self.data.get(row.uuid) is row:
            entry = self.entry_from_row(row)
            for index in self.indexes.values():
                index.add(row, entry)

    def __setitem__(self, key, item):
        self.data[key] = item
        if self.indexes:
            entry = self.entry_from_row(item)
            for index in self.indexes.values():
                index.add(item, entry)

    def __delitem__(self, key):
        row = self.data.pop(key)
        for index in self.indexes.values():
            index.remove(row)

    def clear(self):
        self.data.clear()
        for index in self.indexes.values():
            index.clear()
