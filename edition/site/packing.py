"""Lists kept packed (pickled, zlib level 1) and spilled to disk while a build runs.

A build holds what it collected of every text for its whole length, and the pages that read it
(registers, chronology, glossary, search) do so a text at a time: memory then holds where each
list is, not the list.
"""

from __future__ import annotations

import itertools
import os
import pickle
import tempfile
import zlib
from array import array

from edition.caching import raw_digest


def pack(values: list, compress: bool = True) -> bytes:
    """``compress=False`` for lists that live only while the build runs (a term's or a year's run):
    compressing them costs more time than their bytes on disk would."""
    if not values:
        return b""
    data = pickle.dumps(list(values), pickle.HIGHEST_PROTOCOL)
    return zlib.compress(data, 1) if compress else data


def unpack(data: bytes | Spilled) -> list:
    if isinstance(data, Spilled):
        data = data.read()
    if not data:
        return []
    # a pickle opens with its PROTO opcode, a zlib stream never does
    return pickle.loads(data if data[:1] == pickle.PROTO else zlib.decompress(data))


class Spill:
    """A build's packed lists on disk (an anonymous temporary file): the main process keeps where
    each is, not the bytes, and reads one back when a page needs it (workers forked later read the
    same file)."""

    def __init__(self):
        self.file = tempfile.TemporaryFile(prefix="tei-edition-spill-")
        self.end = 0

    def put_all(self, datas: list[bytes]) -> list[Spilled]:
        """Several at once: one write (a text's lists, its mentions of each entry)."""
        spilled, offset = [], self.end
        for data in datas:
            spilled.append(Spilled(self.file, offset, len(data)))
            offset += len(data)
        written = os.pwrite(self.file.fileno(), b"".join(datas), self.end)
        if written != offset - self.end:
            raise OSError(f"spill file: {written} of {offset - self.end} bytes written")
        self.end = offset
        return spilled


class Spilled:
    """Packed bytes in a ``Spill``; pickled as the bytes themselves (the incremental build's cache
    outlives the file)."""

    __slots__ = ("file", "offset", "length")

    def __init__(self, file, offset: int, length: int):
        self.file, self.offset, self.length = file, offset, length

    def read(self) -> bytes:
        return os.pread(self.file.fileno(), self.length, self.offset)

    def __reduce__(self):
        return bytes, (self.read(),)


class PackedRuns:
    """Items of one kind from every text (a term's translation notes), packed a text's run at a time;
    iterating gives ``(document, *item)``, unpacking one run at a time: a page listing all of them
    never holds them all."""

    def __init__(self, store=lambda data: data):
        self.runs: list[tuple[object, int, bytes | Spilled]] = []  # (document, how many, packed)
        self.store = store  # where the packed runs are kept (``Collected.spill``: on disk)

    def add(self, doc, items: list[tuple]) -> bytes:
        """A text's run; the packed bytes are returned (a digest of them keys a page)."""
        packed = pack(items, compress=False)
        self.runs.append((doc, len(items), self.store(packed)))
        return packed

    def slice(self, start: int, stop: int) -> PackedRuns:
        """The runs of the texts from ``start`` to ``stop`` only."""
        part = PackedRuns(self.store)
        part.runs = self.runs[start:stop]
        return part

    def head(self, texts: int) -> PackedRuns:
        return self.slice(0, texts)

    @property
    def count(self) -> int:
        return sum(count for _, count, _ in self.runs)

    def __len__(self) -> int:
        """How many texts."""
        return len(self.runs)

    def __iter__(self):
        for doc, _, packed in self.runs:
            for item in unpack(packed):
                yield (doc, *item)


class PackedGroups:
    """Lists packed under keys (a text's mentions of each register entry), kept as one run of bytes:
    one write to the spill, and a few bytes a key in memory (a dict of tuples would hold an
    object per key, for every text of the corpus). Each list's digest is taken as it is packed:
    the incremental build's keys."""

    __slots__ = ("keys", "counts", "ends", "digests", "data")

    def __init__(self, groups: dict[str, list] | None = None):
        groups = groups or {}
        packed = [pack(values) for values in groups.values()]
        self.keys = tuple(groups)
        self.counts = array("I", map(len, groups.values()))
        self.ends = array("Q", itertools.accumulate(map(len, packed)))
        self.digests = b"".join(raw_digest(values) for values in groups.values())  # 16 bytes each
        self.data: bytes | Spilled = b"".join(packed)

    def packed(self, index: int) -> bytes | Spilled:
        """The packed list of the group at ``index`` (of ``keys``); ``counts[index]`` says how long it is."""
        return _part(self.data, self.ends[index - 1] if index else 0, self.ends[index])

    def digest(self, index: int) -> bytes:
        """The digest of the group at ``index``, taken as it was packed."""
        return self.digests[16 * index:16 * index + 16]

    def get(self, key: str) -> list:
        if key not in self.keys:
            return []
        return unpack(self.packed(self.keys.index(key)))


def _part(data: bytes | Spilled, start: int, end: int) -> bytes | Spilled:
    if isinstance(data, Spilled):
        return Spilled(data.file, data.offset + start, end - start)
    return data[start:end]
