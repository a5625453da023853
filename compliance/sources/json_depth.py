"""How deeply a JSON byte stream nests, measured on the bytes before a parser builds anything.

ijson builds each item in memory and names every event by its full prefix (``item.a.a.a…``), so a
file nested 100,000 levels costs quadratic time and gigabytes before any record reaches the reader.
:class:`DepthGuard` sees the same bytes first and stops at a fixed depth. It works a chunk at a
time with C-speed passes (escape removal, ``bytes.translate``, one regex, a numpy running sum), so
it costs little beside the parser. Invalid JSON is not its business: the parser reports that.
"""

from __future__ import annotations

import re

import numpy as np

_ESCAPE = re.compile(rb"\\.", re.S)  # a backslash escapes exactly the next byte (\" \\ \n \u…)
_STRUCTURE = b'"[]{}'
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in _STRUCTURE)
_STRING = re.compile(rb'"[^"]*"')
_OPEN = np.frombuffer(b"[{", np.uint8)
_CLOSE = np.frombuffer(b"]}", np.uint8)


class TooDeep(Exception):
    pass


class DepthGuard:
    """Feed it the stream's bytes in order; :meth:`feed` raises :class:`TooDeep` past ``limit``."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.depth = 0
        self._in_string = False
        self._carry = b""  # a trailing backslash whose escaped byte is in the next chunk

    def feed(self, data: bytes) -> None:
        data = self._carry + data
        self._carry = b""
        if data.endswith(b"\\"):
            run = len(data) - len(data.rstrip(b"\\"))
            if run % 2:  # an odd run: the last backslash escapes the next chunk's first byte
                data, self._carry = data[:-1], b"\\"
        structure = _ESCAPE.sub(b"", data).translate(None, _NOT_STRUCTURE)
        if self._in_string:
            end = structure.find(b'"')
            if end < 0:
                return
            structure, self._in_string = structure[end + 1 :], False
        structure = _STRING.sub(b"", structure)
        start = structure.find(b'"')
        if start >= 0:  # a string that continues in the next chunk
            structure, self._in_string = structure[:start], True
        if not structure:
            return
        codes = np.frombuffer(structure, np.uint8)
        steps = np.isin(codes, _OPEN).astype(np.int64) - np.isin(codes, _CLOSE)
        running = self.depth + np.cumsum(steps)
        if int(running.max()) > self.limit:
            raise TooDeep
        self.depth = int(running[-1])
