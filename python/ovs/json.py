# SPDX-License-Identifier: Apache-2.0
"""JSON (RFC 4627) parsing and serialization, as the OVSDB protocol uses it.

The data model is Python's: dict, list, str, int, float, bool and None.
Parsing follows the rules of Open vSwitch's JSON library, which differ from
Python's json module in a few ways that matter to OVSDB:

  - The top-level value must be an object or an array.
  - A number that is mathematically an integer and fits in 64 bits is an int
    (so 1.0 and 1e2 are ints); any other number is a float.  A number whose
    magnitude is too large (or too small, short of zero) for a double is an
    error.
  - Strings may not contain null characters, and escaped UTF-16 surrogates
    must come in valid pairs.

Errors are not raised: from_string(), from_file(), from_stream() and
Parser.finish() return a str describing the error instead of the value
(which is never a str, since the top level is an object or an array).

Serialization is compact (no spaces) with sorted object members by default,
and escapes every non-ASCII character.
"""

import json as _json
import re

PARSER_C = 'C'
PARSER_PY = 'PYTHON'
# This implementation is written in Python, but its common path runs in the
# interpreter's C JSON decoder.
PARSER = PARSER_PY

SPACES_PER_LEVEL = 2

_INT64_MIN = -2 ** 63
_INT64_MAX = 2 ** 63 - 1
_DBL_MIN = 2.2250738585072014e-308


class _NumberError(ValueError):
    """A number that is syntactically valid but cannot be represented."""


def _number_value(text, int_part, frac_part, exp_part):
    """Returns the value of the JSON number 'text', whose integer digits,
    fraction digits and exponent (possibly empty strings) are given
    separately.  Raises _NumberError if the value is out of range."""
    digits = (int_part + frac_part).lstrip("0")
    if not digits:
        return 0
    pow10 = (int(exp_part) if exp_part else 0) - len(frac_part)
    stripped = digits.rstrip("0")
    pow10 += len(digits) - len(stripped)
    if pow10 >= 0 and len(stripped) + pow10 <= 19:
        value = int(stripped) * 10 ** pow10
        if text.startswith("-"):
            value = -value
        if _INT64_MIN <= value <= _INT64_MAX:
            return value

    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _NumberError("number outside valid range")
    if value == 0:
        return 0
    if abs(value) < _DBL_MIN:
        raise _NumberError("number outside valid range")
    return value


_FAST_NUMBER_RE = re.compile(r'-?(0|[1-9][0-9]*)(?:\.([0-9]+))?'
                             r'(?:[eE]([-+]?[0-9]+))?$')


def _fast_number(text):
    m = _FAST_NUMBER_RE.match(text)
    return _number_value(text, m.group(1), m.group(2) or "",
                         m.group(3) or "")


def _fast_int(text):
    value = int(text)
    if _INT64_MIN <= value <= _INT64_MAX:
        return value
    return _fast_number(text)


def _reject_constant(name):
    raise ValueError("invalid keyword %s" % name)


_fast_decoder = _json.JSONDecoder(parse_float=_fast_number,
                                  parse_int=_fast_int,
                                  parse_constant=_reject_constant,
                                  strict=True)

# Escapes that the interpreter's decoder accepts but OVSDB's JSON does not
# (null characters, lone surrogates).  Text that contains them takes the
# slow path, which rejects them precisely.
_SUSPICIOUS_ESCAPE_RE = re.compile(r'\\u(?:0000|[dD][89a-fA-F])')


def _parse_text(s, check_trailer):
    """Parses the complete JSON text 's'.  Returns the value, or an error
    message (a str)."""
    if '\\u' not in s or not _SUSPICIOUS_ESCAPE_RE.search(s):
        try:
            if check_trailer:
                value = _fast_decoder.decode(s)
            else:
                value, _ = _fast_decoder.raw_decode(s, _skip_space(s, 0))
            if isinstance(value, (dict, list)):
                return value
        except (ValueError, RecursionError):
            pass
    parser = _SlowParser(check_trailer)
    parser.feed(s)
    return parser.finish()


_SPACE_RE = re.compile(r'[ \t\r\n]*')


def _skip_space(s, i):
    return _SPACE_RE.match(s, i).end()


# The slow parser: a character-at-a-time lexer and parser that reports
# errors with their exact position.

_NUMBER_CHARS = frozenset("0123456789.eE+-")
_KEYWORD_START_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz")
_KEYWORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz"
                           "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_SPACE_CHARS = frozenset(" \t\r\n")
_DIGITS = frozenset("0123456789")
_HEX_RE = re.compile('[0-9a-fA-F]{4}$')
_SIMPLE_ESCAPES = {'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f',
                   'n': '\n', 'r': '\r', 't': '\t'}
_KEYWORDS = {"true": True, "false": False, "null": None}

# Token kinds passed from the lexer to the parser.  Punctuation tokens are
# the punctuation character itself.
_T_VALUE = "value"      # A string, number or keyword.
_T_STRING = "string"    # A string (which can also be a member name).

# Parser states.
_P_START = 0            # Expecting the top-level object or array.
_P_VALUE = 1            # Expecting a value (array element, member value).
_P_ARRAY_FIRST = 2      # After '[': a value or ']'.
_P_ARRAY_NEXT = 3       # After an element: ',' or ']'.
_P_OBJECT_FIRST = 4     # After '{': a member name or '}'.
_P_OBJECT_NAME = 5      # After ',' in an object: a member name.
_P_OBJECT_COLON = 6     # After a member name: ':'.
_P_OBJECT_NEXT = 7      # After a member value: ',' or '}'.
_P_END = 8              # After the top-level value.

# Lexer states.
_L_START = 0
_L_NUMBER = 1
_L_KEYWORD = 2
_L_STRING = 3
_L_STRING_ESCAPE = 4


class _Object(object):
    """An object under construction by _SlowParser."""
    __slots__ = ("members", "name")

    def __init__(self):
        self.members = {}       # The members parsed so far.
        self.name = None        # The name of the member being parsed.


class _SlowParser(object):
    """An incremental JSON parser that reports errors precisely."""

    MAX_HEIGHT = 1000

    def __init__(self, check_trailer=False):
        self.check_trailer = check_trailer

        self.line_number = 0
        self.column_number = 0
        self.byte_number = 0

        self.lex_state = _L_START
        self.token = []

        # Each entry of the stack is a container under construction: a list
        # or an _Object.
        self.stack = []
        self.parse_state = _P_START
        self.value = None
        self.done = False
        self.error = None

    def _error(self, message):
        if self.error is None:
            self.error = ("line %d, column %d, byte %d: %s"
                          % (self.line_number, self.column_number,
                             self.byte_number, message))
        self.done = True

    # Parser.

    def _push(self, container):
        if len(self.stack) >= self.MAX_HEIGHT:
            self._error("input exceeds maximum nesting depth %d"
                        % self.MAX_HEIGHT)
            return
        self.stack.append(container)

    def _put_value(self, value):
        """Stores a completed 'value' into the innermost container, or as
        the top-level value."""
        if not self.stack:
            self.value = value
            self.parse_state = _P_END
            if not self.check_trailer:
                self.done = True
            return
        top = self.stack[-1]
        if isinstance(top, list):
            top.append(value)
            self.parse_state = _P_ARRAY_NEXT
        else:
            top.members[top.name] = value
            self.parse_state = _P_OBJECT_NEXT

    def _pop(self):
        container = self.stack.pop()
        if not isinstance(container, list):
            container = container.members
        self._put_value(container)

    def _parse_value(self, token, value):
        if token == _T_VALUE or token == _T_STRING:
            self._put_value(value)
        elif token == '[':
            self._push([])
            self.parse_state = _P_ARRAY_FIRST
        elif token == '{':
            self._push(_Object())
            self.parse_state = _P_OBJECT_FIRST
        else:
            self._error("syntax error expecting value")

    def _parser_input(self, token, value=None):
        state = self.parse_state
        if state == _P_START:
            if token == '[' or token == '{':
                self._parse_value(token, value)
            else:
                self._error("syntax error at beginning of input")
        elif state == _P_VALUE:
            self._parse_value(token, value)
        elif state == _P_ARRAY_FIRST:
            if token == ']':
                self._pop()
            else:
                self._parse_value(token, value)
        elif state == _P_ARRAY_NEXT:
            if token == ',':
                self.parse_state = _P_VALUE
            elif token == ']':
                self._pop()
            else:
                self._error("syntax error expecting ']' or ','")
        elif state in (_P_OBJECT_FIRST, _P_OBJECT_NAME):
            if token == '}' and state == _P_OBJECT_FIRST:
                self._pop()
            elif token == _T_STRING:
                self.stack[-1].name = value
                self.parse_state = _P_OBJECT_COLON
            else:
                self._error("syntax error parsing object expecting string")
        elif state == _P_OBJECT_COLON:
            if token == ':':
                self.parse_state = _P_VALUE
            else:
                self._error("syntax error parsing object expecting ':'")
        elif state == _P_OBJECT_NEXT:
            if token == ',':
                self.parse_state = _P_OBJECT_NAME
            elif token == '}':
                self._pop()
            else:
                self._error("syntax error expecting '}' or ','")
        else:
            self._error("trailing garbage at end of input")

    # Lexer.

    def _finish_number(self):
        s = "".join(self.token)
        self.token = []
        i = 0
        n = len(s)
        if s[i] == '-':
            i += 1
            if i >= n or s[i] not in _DIGITS:
                self._error("'-' must be followed by digit")
                return
        int_start = i
        if s[i] == '0':
            i += 1
            if i < n and s[i] in _DIGITS:
                self._error("leading zeros not allowed")
                return
        else:
            while i < n and s[i] in _DIGITS:
                i += 1
        int_part = s[int_start:i]
        frac_part = ""
        if i < n and s[i] == '.':
            i += 1
            frac_start = i
            while i < n and s[i] in _DIGITS:
                i += 1
            if i == frac_start:
                self._error("decimal point must be followed by digit")
                return
            frac_part = s[frac_start:i]
        exp_part = ""
        if i < n and s[i] in 'eE':
            i += 1
            exp_start = i
            if i < n and s[i] in '+-':
                i += 1
            digit_start = i
            while i < n and s[i] in _DIGITS:
                i += 1
            if i == digit_start:
                self._error("exponent must contain at least one digit")
                return
            exp_part = s[exp_start:i]
        if i != n:
            self._error("syntax error in number")
            return
        try:
            value = _number_value(s, int_part, frac_part, exp_part)
        except _NumberError as e:
            self._error(str(e))
            return
        self._parser_input(_T_VALUE, value)

    def _finish_keyword(self):
        s = "".join(self.token)
        self.token = []
        if s in _KEYWORDS:
            self._parser_input(_T_VALUE, _KEYWORDS[s])
        else:
            self._error("invalid keyword '%s'" % s)

    def _finish_string(self):
        s = "".join(self.token)
        self.token = []
        if '\\' not in s:
            self._parser_input(_T_STRING, s)
            return

        out = []
        i = 0
        n = len(s)
        while i < n:
            c = s[i]
            if c != '\\':
                out.append(c)
                i += 1
                continue
            e = s[i + 1]
            if e != 'u':
                if e not in _SIMPLE_ESCAPES:
                    self._error("bad escape \\%s" % e)
                    return
                out.append(_SIMPLE_ESCAPES[e])
                i += 2
                continue

            code, i = self._lex_4hex(s, i + 2)
            if code is None:
                return
            if 0xd800 <= code <= 0xdbff:
                if s[i:i + 2] != '\\u':
                    self._error("malformed escaped surrogate pair")
                    return
                code2, i = self._lex_4hex(s, i + 2)
                if code2 is None:
                    return
                if not 0xdc00 <= code2 <= 0xdfff:
                    self._error("second half of escaped surrogate pair is "
                                "not trailing surrogate")
                    return
                code = 0x10000 + ((code - 0xd800) << 10) + (code2 - 0xdc00)
            elif 0xdc00 <= code <= 0xdfff:
                self._error("trailing surrogate without leading surrogate "
                            "in \\u escape")
                return
            elif code == 0:
                self._error("null bytes not supported in quoted strings")
                return
            out.append(chr(code))
        self._parser_input(_T_STRING, "".join(out))

    def _lex_4hex(self, s, i):
        """Parses the 4 hex digits of a \\u escape at s[i:].  Returns the
        code point and the index that follows, or (None, None) after
        reporting an error."""
        if len(s) - i < 4:
            self._error("quoted string ends within \\u escape")
            return None, None
        hexits = s[i:i + 4]
        if not _HEX_RE.match(hexits):
            self._error("malformed \\u escape")
            return None, None
        return int(hexits, 16), i + 4

    def _lex_start(self, c):
        if c in _SPACE_CHARS:
            return True
        if c in '[]{}:,':
            self._parser_input(c)
        elif c == '-' or c in _DIGITS:
            self.token.append(c)
            self.lex_state = _L_NUMBER
        elif c == '"':
            self.lex_state = _L_STRING
        elif c in _KEYWORD_START_CHARS:
            self.token.append(c)
            self.lex_state = _L_KEYWORD
        else:
            if ' ' < c < '\x7f':
                self._error("invalid character '%s'" % c)
            else:
                first_byte = c.encode("utf-8", "surrogatepass")[0]
                self._error("invalid character U+%04x" % first_byte)
        return True

    def _lex_input(self, c):
        """Processes character 'c'.  Returns True if 'c' was consumed, False
        if it ended a token and must be processed again."""
        state = self.lex_state
        if state == _L_START:
            return self._lex_start(c)
        if state == _L_NUMBER:
            if c in _NUMBER_CHARS:
                self.token.append(c)
                return True
            self.lex_state = _L_START
            self._finish_number()
            return False
        if state == _L_KEYWORD:
            if c in _KEYWORD_CHARS:
                self.token.append(c)
                return True
            self.lex_state = _L_START
            self._finish_keyword()
            return False
        if state == _L_STRING:
            if c == '"':
                self.lex_state = _L_START
                self._finish_string()
            elif c < ' ':
                self._error("U+%04X must be escaped in quoted string"
                            % ord(c))
            else:
                self.token.append(c)
                if c == '\\':
                    self.lex_state = _L_STRING_ESCAPE
            return True
        # _L_STRING_ESCAPE
        self.token.append(c)
        self.lex_state = _L_STRING
        return True

    def _advance(self, c):
        if c == '\n':
            self.line_number += 1
            self.column_number = 0
        else:
            self.column_number += 1
        self.byte_number += 1 if c < '\x80' else len(
            c.encode("utf-8", "surrogatepass"))

    def feed(self, s):
        i = 0
        n = len(s)
        while i < n and not self.done:
            c = s[i]
            if self._lex_input(c):
                self._advance(c)
                i += 1
        return i

    def is_done(self):
        return self.done

    def finish(self):
        if self.error is None and self.lex_state != _L_START:
            state = self.lex_state
            self.lex_state = _L_START
            if state == _L_NUMBER:
                self._finish_number()
            elif state == _L_KEYWORD:
                self._finish_keyword()
            else:
                self._error("unexpected end of input in quoted string")
            # The end of input terminated the token like a character would.
            self._advance(' ')

        if self.error is None and self.parse_state != _P_END:
            if self.parse_state == _P_START:
                self._error("empty input stream")
            else:
                self._error("unexpected end of input")
        self.done = True
        if self.error is not None:
            return self.error
        return self.value


_SCAN_OUTSIDE_RE = re.compile(r'[\[\]{}"]')
_SCAN_INSIDE_RE = re.compile(r'["\\]')


class Parser(object):
    """An incremental JSON parser.

    Call feed() with successive pieces of input until is_done() returns True
    (or the input ends), then finish() to obtain the value or an error
    message.  Without 'check_trailer', the parser stops consuming input at
    the end of the first top-level value, so that several values can be
    read one after another from a stream; with it, anything but white space
    after the value is an error.
    """

    MAX_HEIGHT = _SlowParser.MAX_HEIGHT

    def __init__(self, check_trailer=False):
        self.check_trailer = check_trailer
        self._buf = []
        self._started = False
        self._depth = 0
        self._in_string = False
        self._escape = False
        self._done = False
        self._slow = None

    def _go_slow(self):
        self._slow = _SlowParser(self.check_trailer)
        self._slow.feed("".join(self._buf))
        self._buf = []

    def feed(self, s):
        """Parses as much of 's' as belongs to the current value.  Returns
        the number of characters consumed."""
        if self._slow is not None:
            return self._slow.feed(s)
        if self._done:
            return 0
        if self.check_trailer:
            self._buf.append(s)
            return len(s)

        i = 0
        n = len(s)
        if not self._started:
            i = _skip_space(s, 0)
            if i >= n:
                self._buf.append(s)
                return n
            if s[i] not in '[{':
                self._buf.append(s[:i])
                self._go_slow()
                return i + self._slow.feed(s[i:])
            self._started = True

        if self._escape and i < n:
            self._escape = False
            i += 1
        while i < n:
            if self._in_string:
                m = _SCAN_INSIDE_RE.search(s, i)
                if m is None:
                    i = n
                    break
                i = m.end()
                if m.group() == '\\':
                    if i < n:
                        i += 1
                    else:
                        self._escape = True
                else:
                    self._in_string = False
            else:
                m = _SCAN_OUTSIDE_RE.search(s, i)
                if m is None:
                    i = n
                    break
                i = m.end()
                c = m.group()
                if c == '"':
                    self._in_string = True
                elif c in '[{':
                    self._depth += 1
                else:
                    self._depth -= 1
                    if self._depth <= 0:
                        self._done = True
                        break
        self._buf.append(s[:i])
        return i

    def is_done(self):
        """Returns True if the value is complete (or an error occurred), so
        that no more input is needed."""
        if self._slow is not None:
            return self._slow.is_done()
        return self._done

    def finish(self):
        """Returns the parsed value, or a str that describes the error."""
        if self._slow is not None:
            return self._slow.finish()
        text = "".join(self._buf)
        self._buf = []
        if self._done or self.check_trailer:
            return _parse_text(text, self.check_trailer)
        slow = _SlowParser(self.check_trailer)
        slow.feed(text)
        return slow.finish()


def from_string(s):
    """Parses 's' as a JSON text.  Returns the value, or a str that
    describes the error."""
    if isinstance(s, bytes):
        try:
            s = s.decode("utf-8")
        except UnicodeDecodeError as e:
            return "line 0, column 0, byte %d: invalid UTF-8" % e.start
    return _parse_text(s, True)


def from_stream(stream):
    """Reads all of 'stream' (a file-like object) and parses it as a JSON
    text.  Returns the value, or a str that describes the error."""
    return from_string(stream.read())


def from_file(name):
    """Parses the file named 'name' as a JSON text.  Returns the value, or a
    str that describes the error."""
    with open(name, "rb") as stream:
        return from_string(stream.read())


def _default(obj):
    # Allow serializing any value that can make itself into JSON, such as
    # ovs.db.data.Atom and Datum (which have to_json() methods).
    to_json = getattr(obj, "to_json", None)
    if to_json is not None:
        return to_json()
    raise TypeError("%r is not JSON serializable" % (obj,))


def to_string(obj, pretty=False, sort_keys=True):
    """Returns 'obj' serialized as JSON.  With 'pretty', members and
    elements go on separate lines, indented; otherwise the output has no
    white space at all.  Object members are sorted by name if
    'sort_keys'."""
    if pretty:
        return _json.dumps(obj, indent=SPACES_PER_LEVEL,
                           separators=(",", ":"), sort_keys=sort_keys,
                           default=_default)
    return _json.dumps(obj, separators=(",", ":"), sort_keys=sort_keys,
                       default=_default)


def to_stream(obj, stream, pretty=False, sort_keys=True):
    """Writes 'obj' as JSON to the file-like 'stream'."""
    stream.write(to_string(obj, pretty, sort_keys))


def to_file(obj, name, pretty=False, sort_keys=True):
    """Writes 'obj' as JSON to the file named 'name'."""
    with open(name, "w") as stream:
        to_stream(obj, stream, pretty, sort_keys)
