"""What checking each file gave last time: an unchanged file is not parsed or checked again.

Editors validate the whole edition on every save, where one file has changed. A file's result
(its own diagnostics and the facts the cross-document rules need) is reused when all of these are
as they were: the file's bytes (taken as unchanged, unread, when its size and time are and it was
last changed well before it was checked, as git and the build cache do), the way it was named (the
paths printed), the schema option, every schema file it was checked against or looked for (a missing one included, and the other files of
the schema's folder, which a modular schema includes), and the toolkit itself (any file of the
``edition`` package, Python, lxml and libxml2). The cross-document rules always run again, on the
facts of every file, so a change in one file shows in the others' results.

One small pickle per file, in ``validate/`` under the toolkit's cache root (``$TEI_EDITION_CACHE``
or ``~/.cache/tei-edition``), named by the file and the options: the cache holds one result per
file, however often it changes. Written atomically; anything unreadable is a miss. A record no run
has used for ``UNUSED_DAYS`` (a renamed or deleted file's, an old option's) is removed; a used one
is touched, at most once a day.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from functools import lru_cache
from pathlib import Path

from edition.caching import (DAY, UNREADABLE_RECORD, UNUSED_DAYS, cache_root, content_digest, prune_due, toolkit_digest,
                             unchanged, write_record)
from edition.xmlio import UnreadableXML, read_bytes

FORMAT = 2


class ValidationCache:
    def __init__(self, options: tuple, enabled: bool = True):
        self.enabled = enabled
        self.options = repr(options)
        self.toolkit = toolkit_digest() if enabled else ""
        self.folder = cache_root() / "validate"

    def _slot(self, kind: str, path: Path, display: str) -> Path:
        name = hashlib.blake2b(repr((FORMAT, kind, os.path.abspath(path), display, self.options)).encode(),
                               digest_size=16).hexdigest()
        return self.folder / name[:2] / f"{name}.pickle"

    def get(self, kind: str, path: Path, display: str):
        """What ``put`` stored for this file, if nothing it depends on has changed since; else None."""
        if not self.enabled:
            return None
        slot = self._slot(kind, path, display)
        try:
            with open(slot, "rb") as handle:
                toolkit, (version, written, digest), schemas, result = pickle.load(handle)
                used = os.fstat(handle.fileno()).st_mtime
            if toolkit != self.toolkit or \
                    any(schema_digest(schema) != known for schema, known in schemas.items()):
                return None
            # Unchanged in size and time since well before it was checked: the same bytes, unread.
            # Else the bytes decide (a file rewritten within the clock's tick, or touched).
            if not (unchanged(path, version, written) or digest == _file_digest(path)):
                return None
            if time.time() - used > DAY:  # in use: kept by prune
                os.utime(slot)
            return result
        except UNREADABLE_RECORD:
            return None  # no entry, an unreadable one, or the file is gone

    def put(self, kind: str, path: Path, display: str, result, schemas: list[Path], digest: str,
            version: tuple[int, int] | None) -> None:
        """Remember ``result`` of the file whose bytes had ``digest`` and whose size and time were
        ``version`` (taken before it was read), checked against ``schemas``."""
        if not self.enabled or not digest:
            return
        slot = self._slot(kind, path, display)
        record = (self.toolkit, (version, time.time(), digest), {str(s): schema_digest(str(s)) for s in schemas}, result)
        try:
            slot.parent.mkdir(parents=True, exist_ok=True)
            write_record(slot, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # no cache (read-only home, full disk): the next run checks the file again

    def prune(self) -> None:
        """Remove the records no run has used for ``UNUSED_DAYS``; at most once a day (a walk of the
        whole cache)."""
        if not self.enabled:
            return
        if not self.folder.is_dir() or not prune_due(self.folder / "pruned"):
            return
        now = time.time()
        try:
            for folder in os.scandir(self.folder):
                if folder.is_dir():
                    for record in os.scandir(folder.path):
                        if record.name.endswith(".pickle") and now - record.stat().st_mtime > UNUSED_DAYS * DAY:
                            os.unlink(record.path)
        except OSError:
            pass  # another run pruning too: next time


def _file_digest(path: Path) -> str | None:
    """Through the hardened reader: a pipe, a device or an oversized file is never read here."""
    try:
        return content_digest(read_bytes(path))
    except UnreadableXML:
        return None


@lru_cache(maxsize=None)
def schema_digest(name: str) -> str:
    """The schema's bytes and the sizes and times of the files beside it ("" when it is missing).
    Once per run: schemas do not change while files are checked (keyed by name: a warm run of a
    large edition asks once per record, and a Path per record would be a visible cost)."""
    path = Path(name)
    try:
        data = path.read_bytes()
        beside = sorted((entry.name, entry.stat().st_size, entry.stat().st_mtime_ns)
                        for entry in os.scandir(path.parent) if entry.is_file())
    except OSError:
        return ""
    return content_digest(data + repr(beside).encode())
