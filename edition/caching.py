"""What the toolkit's caches share (the build's, ``edition.site.cache``; validation's,
``edition.validation.cache``): where they live, digests, how a file is known unchanged without
reading it, how a record is written.

A cache is never part of a site: ``$TEI_EDITION_CACHE`` or ``~/.cache/tei-edition``. A record made
by another toolkit (any file of the ``edition`` package, the Python, lxml or Jinja version) is
not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from importlib.metadata import version
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent

UNUSED_DAYS = 30
"""A cache's record (a file's validation, a build folder's cache) no run used for this long is removed."""
DAY = 24 * 3600

UNREADABLE_RECORD = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError)
"""What loading a cache record may raise: a missing, damaged or foreign record is a miss."""

RACY_SECONDS = 2.0
"""A file changed less than this before it was read is read again even if its size and time match
(a change within the same tick of the clock keeps both)."""


def cache_root() -> Path:
    return Path(os.environ.get("TEI_EDITION_CACHE") or Path.home() / ".cache" / "tei-edition")


def digest(*parts) -> str:
    """A stable digest of plain data (strings, numbers, tuples, lists, dataclass reprs)."""
    return raw_digest(*parts).hex()


def raw_digest(*parts) -> bytes:
    """``digest`` as 16 bytes (kept by the thousand: a hex string costs five times the memory)."""
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).digest()


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def toolkit_digest() -> str:
    from lxml import etree

    # Jinja's version from its metadata: importing Jinja would slow validate's start-up.
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(repr((sys.version, etree.LXML_VERSION, etree.LIBXML_VERSION, version("jinja2"))).encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            hasher.update(path.relative_to(PACKAGE).as_posix().encode())
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


def file_version(path: Path) -> tuple[int, int] | None:
    """The file's size and modification time (None when it cannot be seen), taken before it is read:
    a change made while it is read then shows as another time."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def unchanged(path: Path, known: tuple[int, int] | None, read_at: float) -> bool:
    """The file has the size and time ``known`` and was last changed well before ``read_at`` (a
    ``time.time()``): then it holds the bytes that were read, without reading it again."""
    now = file_version(path)
    return known is not None and now == known and now[1] / 1e9 < read_at - RACY_SECONDS


def write_record(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` through a temporary file beside it: a reader sees the old record
    or the new one. Not synced to disk: after a crash a damaged record is a miss."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def prune_due(marker: Path) -> bool:
    """Whether a cache's pruning walk is due: at most once a day (``marker`` is touched then)."""
    try:
        if time.time() - marker.stat().st_mtime < DAY:
            return False
    except OSError:
        pass  # never pruned yet
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        return False  # no cache to prune (read-only home)
    return True
