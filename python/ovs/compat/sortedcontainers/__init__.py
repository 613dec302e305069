# SPDX-License-Identifier: Apache-2.0
"""A small stand-in for the sortedcontainers package (SortedList,
SortedKeyList, SortedDict, SortedSet), for systems that lack it.

Programs import it as "from ovs.compat import sortedcontainers" when
"import sortedcontainers" fails.  It implements the commonly used part of
that package's interface on top of plain sorted lists and bisect, which is
fast enough for the sizes OVSDB clients deal with."""

import bisect
import collections.abc


def _identity(x):
    return x


class SortedKeyList(collections.abc.MutableSequence):
    """A list kept sorted by key(value)."""

    def __init__(self, iterable=None, key=None):
        self._key = key or _identity
        self._keys = []
        self._values = []
        if iterable is not None:
            self.update(iterable)

    @property
    def key(self):
        return None if self._key is _identity else self._key

    def __len__(self):
        return len(self._values)

    def __iter__(self):
        return iter(self._values)

    def __reversed__(self):
        return reversed(self._values)

    def __getitem__(self, index):
        return self._values[index]

    def __delitem__(self, index):
        if isinstance(index, slice):
            del self._keys[index]
            del self._values[index]
        else:
            del self._keys[index]
            del self._values[index]

    def __setitem__(self, index, value):
        raise NotImplementedError("use add() to insert into a sorted list")

    def insert(self, index, value):
        raise NotImplementedError("use add() to insert into a sorted list")

    def __contains__(self, value):
        k = self._key(value)
        i = bisect.bisect_left(self._keys, k)
        while i < len(self._keys) and self._keys[i] == k:
            if self._values[i] == value:
                return True
            i += 1
        return False

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self._values)

    def add(self, value):
        k = self._key(value)
        i = bisect.bisect_right(self._keys, k)
        self._keys.insert(i, k)
        self._values.insert(i, value)

    def update(self, iterable):
        for value in iterable:
            self.add(value)

    def clear(self):
        self._keys = []
        self._values = []

    def discard(self, value):
        k = self._key(value)
        i = bisect.bisect_left(self._keys, k)
        while i < len(self._keys) and self._keys[i] == k:
            if self._values[i] == value:
                del self._keys[i]
                del self._values[i]
                return
            i += 1

    def remove(self, value):
        if value not in self:
            raise ValueError("%r not in list" % (value,))
        self.discard(value)

    def pop(self, index=-1):
        value = self._values[index]
        del self._keys[index]
        del self._values[index]
        return value

    def index(self, value, start=None, stop=None):
        k = self._key(value)
        i = bisect.bisect_left(self._keys, k)
        while i < len(self._keys) and self._keys[i] == k:
            if self._values[i] == value:
                return i
            i += 1
        raise ValueError("%r not in list" % (value,))

    def count(self, value):
        return sum(1 for v in self._values if v == value)

    def bisect_left(self, value):
        return bisect.bisect_left(self._keys, self._key(value))

    def bisect_right(self, value):
        return bisect.bisect_right(self._keys, self._key(value))

    bisect = bisect_right

    def bisect_key_left(self, key):
        return bisect.bisect_left(self._keys, key)

    def bisect_key_right(self, key):
        return bisect.bisect_right(self._keys, key)

    def irange(self, minimum=None, maximum=None, inclusive=(True, True),
               reverse=False):
        """Iterates over the values from 'minimum' to 'maximum' (compared
        by key; None means unbounded)."""
        min_key = None if minimum is None else self._key(minimum)
        max_key = None if maximum is None else self._key(maximum)
        return self.irange_key(min_key, max_key, inclusive, reverse)

    def irange_key(self, min_key=None, max_key=None, inclusive=(True, True),
                   reverse=False):
        if min_key is None:
            lo = 0
        elif inclusive[0]:
            lo = bisect.bisect_left(self._keys, min_key)
        else:
            lo = bisect.bisect_right(self._keys, min_key)
        if max_key is None:
            hi = len(self._keys)
        elif inclusive[1]:
            hi = bisect.bisect_right(self._keys, max_key)
        else:
            hi = bisect.bisect_left(self._keys, max_key)
        values = self._values[lo:hi]
        if reverse:
            values.reverse()
        return iter(values)

    def copy(self):
        return type(self)(self._values, key=self.key)

    __copy__ = copy


class SortedList(SortedKeyList):
    """A list kept sorted; with 'key', a SortedKeyList."""

    def __new__(cls, iterable=None, key=None):
        if key is not None and cls is SortedList:
            return SortedKeyList(iterable, key)
        return object.__new__(cls)

    def __init__(self, iterable=None, key=None):
        SortedKeyList.__init__(self, iterable, None)

    def copy(self):
        return type(self)(self._values)

    __copy__ = copy


class SortedSet(collections.abc.MutableSet):
    """A set that iterates in sorted order."""

    def __init__(self, iterable=None, key=None):
        self._set = set()
        self._list = SortedKeyList(key=key)
        if iterable is not None:
            for value in iterable:
                self.add(value)

    def __contains__(self, value):
        return value in self._set

    def __iter__(self):
        return iter(self._list)

    def __reversed__(self):
        return reversed(self._list)

    def __len__(self):
        return len(self._set)

    def __getitem__(self, index):
        return self._list[index]

    def __repr__(self):
        return "SortedSet(%r)" % list(self._list)

    def add(self, value):
        if value not in self._set:
            self._set.add(value)
            self._list.add(value)

    def discard(self, value):
        if value in self._set:
            self._set.remove(value)
            self._list.discard(value)

    def irange(self, minimum=None, maximum=None, inclusive=(True, True),
               reverse=False):
        return self._list.irange(minimum, maximum, inclusive, reverse)

    def bisect_left(self, value):
        return self._list.bisect_left(value)

    def bisect_right(self, value):
        return self._list.bisect_right(value)

    bisect = bisect_right


class SortedDict(dict):
    """A dict that iterates over its keys in sorted order.  An optional
    first argument, if callable, is the sort key function."""

    def __init__(self, *args, **kwargs):
        if args and (args[0] is None or callable(args[0])):
            self._key = args[0]
            args = args[1:]
        else:
            self._key = None
        self._list = SortedKeyList(key=self._key)
        dict.__init__(self)
        self.update(*args, **kwargs)

    @property
    def key(self):
        return self._key

    def __setitem__(self, key, value):
        if key not in self:
            self._list.add(key)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key):
        dict.__delitem__(self, key)
        self._list.discard(key)

    def __iter__(self):
        return iter(list(self._list))

    def __reversed__(self):
        return reversed(list(self._list))

    def __repr__(self):
        return "SortedDict(%s)" % ", ".join(
            "%r: %r" % (k, self[k]) for k in self._list)

    def keys(self):
        return list(self._list)

    def values(self):
        return [self[k] for k in self._list]

    def items(self):
        return [(k, self[k]) for k in self._list]

    def clear(self):
        dict.clear(self)
        self._list.clear()

    def pop(self, key, *default):
        if key in self:
            value = dict.__getitem__(self, key)
            del self[key]
            return value
        if default:
            return default[0]
        raise KeyError(key)

    def popitem(self, index=-1):
        if not self:
            raise KeyError("popitem(): dictionary is empty")
        key = self._list[index]
        return key, self.pop(key)

    def peekitem(self, index=-1):
        key = self._list[index]
        return key, self[key]

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return dict.__getitem__(self, key)

    def update(self, *args, **kwargs):
        for k, v in dict(*args, **kwargs).items():
            self[k] = v

    def copy(self):
        return SortedDict(self._key, self.items())

    __copy__ = copy

    def irange(self, minimum=None, maximum=None, inclusive=(True, True),
               reverse=False):
        return self._list.irange(minimum, maximum, inclusive, reverse)

    def bisect_left(self, key):
        return self._list.bisect_left(key)

    def bisect_right(self, key):
        return self._list.bisect_right(key)

    bisect = bisect_right

    def index(self, key):
        return self._list.index(key)


__all__ = ["SortedList", "SortedKeyList", "SortedDict", "SortedSet"]
