"""The incremental build's memory: what each source file gave, and what each page was drawn from.

A page is drawn again only when its *key* changes: a digest of everything it is drawn from (its
file's bytes, the register entries it names, the passages it points at, the site's title, the
toolkit's own code and templates). Otherwise the page of the previous build is linked into the
new one. Source files are parsed again only when their bytes changed. Kept outside the site (it is
not published): ``$TEI_EDITION_CACHE`` or ``~/.cache/tei-edition``, one folder per output folder.
A different toolkit (any file of the ``edition`` package, the Python, lxml and Jinja versions)
starts from empty.

On disk: ``manifest.pickle`` (the pages' keys, each source file's size, time and record name) and
``reads/<name>.pickle``, what reading one source file gave, named by its bytes: a build writes only
the records of the files it read again, not every text's data (tens of MB) each time; and the
search pages (``edition.site.search.BundlePages``). The cache of an output folder that is gone, or
that no build used for ``UNUSED_DAYS``, is removed (``prune_builds``, at most once a day).
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import shutil
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from edition.caching import (DAY, UNREADABLE_RECORD, UNUSED_DAYS, cache_root, content_digest, prune_due, toolkit_digest,
                             unchanged, write_record)
from edition.site.records import SourceRecord

FORMAT = 3


class CachedFile(NamedTuple):
    """A source file as the last build read it."""

    size: int
    mtime_ns: int
    name: str  # of its record in ``reads/`` ("" until ``save`` writes it)
    record: SourceRecord


def cache_folder(out: Path) -> Path:
    return cache_root() / hashlib.blake2b(str(out.resolve()).encode(), digest_size=10).hexdigest()


def prune_builds(keep: Path) -> None:
    """Remove the caches of output folders that are gone, or that no build used for ``UNUSED_DAYS``
    (a cache holds a corpus's reads and search pages: about as large as the site); ``keep``, the
    running build's, stays. At most once a day. A folder with no manifest yet (a first build
    running) is left alone."""
    root = cache_root()
    if not root.is_dir() or not prune_due(root / "builds-pruned"):
        return
    now = time.time()
    for folder in root.iterdir():
        manifest = folder / "manifest.pickle"
        if folder == keep or not manifest.is_file():
            continue
        try:
            with open(manifest, "rb") as handle:
                header = pickle.load(handle)
            gone = not Path(header["out"]).is_dir()
        except (*UNREADABLE_RECORD, KeyError):
            gone = False  # another format: its age decides
        try:
            if gone or now - manifest.stat().st_mtime > UNUSED_DAYS * DAY:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass


def _settings_digest(settings: tuple[str, ...] = ()) -> str:
    """Settings that change every page: another value, another toolkit for the cache."""
    values = list(settings)
    return "" if not any(values) else "+" + content_digest(repr(values).encode("utf-8"))


class BuildCache:
    """What the last build into ``out`` read and drew; ``None`` answers when nothing can be reused."""

    def __init__(self, out: Path, enabled: bool = True, settings: tuple[str, ...] = ()):
        """``settings``: the values that change every page (the maps' tiles, the IIIF server)."""
        self.out = out
        self.enabled = enabled
        self.toolkit = toolkit_digest() + _settings_digest(settings) if enabled else ""
        self.folder = cache_folder(out) if enabled else None
        self.files: dict[str, CachedFile] = {}  # by path
        self.pages: dict[str, tuple[str, object]] = {}  # page -> (key, what drawing it returned)
        self.written = 0.0
        self.new_files: dict[str, CachedFile] = {}
        self.new_pages: dict[str, tuple[str, object]] = {}
        self._folders: set[str] = set()  # made in the new site by ``link``: once each, not a mkdir per page
        self.framed = ""  # what every page shows besides its own content (see ``frame``)
        if enabled and out.is_dir():
            self._load()

    def _load(self) -> None:
        """The manifest as ``save`` writes it: a header, then one pickle per source file and per page;
        each source file's read from its own record."""
        # Hundreds of thousands of objects come back and live as long as the build: the cyclic
        # collector would walk them again and again for nothing. Off while loading, then they are
        # moved out of its sight (gc.freeze).
        collecting = gc.isenabled()
        gc.disable()
        try:
            with open(self.folder / "manifest.pickle", "rb") as handle:
                header = pickle.load(handle)
                if not isinstance(header, dict) or header.get("format") != FORMAT or \
                        header.get("toolkit") != self.toolkit or header.get("out") != str(self.out.resolve()):
                    return
                files = {}
                for _ in range(header["files"]):
                    path, (size, mtime_ns, name) = pickle.load(handle)
                    read = pickle.loads((self.folder / "reads" / f"{name}.pickle").read_bytes())
                    files[path] = CachedFile(size, mtime_ns, name, read)
                pages = dict(pickle.load(handle) for _ in range(header["pages"]))
        except UNREADABLE_RECORD:
            return
        finally:
            gc.freeze()
            if collecting:
                gc.enable()
        self.files, self.pages, self.written, self.framed = files, pages, header["written"], header.get("frame", "")

    def frame(self, shown_on_every_page: str) -> None:
        """What every page shows besides its own content (the navigation: a register's link appears
        with its first entry). When it changed since the last build, no page is reused; what the
        source files gave still is."""
        if shown_on_every_page != self.framed:
            self.pages = {}
        self.framed = shown_on_every_page

    # -- source files ---------------------------------------------------------------------------
    def known_read(self, path: Path) -> SourceRecord | None:
        """What reading ``path`` gave last time, when its size and time are the same and it is older
        than the last build by a margin (a file changed within the same tick is read again)."""
        known = self.files.get(str(path))
        unaltered = known is not None and unchanged(path, (known.size, known.mtime_ns), self.written)
        return known.record if unaltered else None

    def remember_read(self, path: Path, size: int, mtime_ns: int, record: SourceRecord) -> None:
        if self.enabled:
            known = self.files.get(str(path))
            name = known.name if known is not None and known.record is record else ""  # "": ``save`` writes one
            self.new_files[str(path)] = CachedFile(size, mtime_ns, name, record)

    # -- pages ----------------------------------------------------------------------------------
    def reusable(self, relative: str, key: str) -> tuple[bool, object]:
        """``(True, what drawing it returned)`` when the previous site has this page drawn from the same key."""
        known = self.pages.get(relative)
        if not self.enabled or known is None or known[0] != key or not (self.out / relative).is_file():
            return False, None
        return True, known[1]

    def link(self, relative: str, root: Path) -> None:
        """The previous site's page, into the new site folder (a hard link when possible)."""
        source, target = self.out / relative, root / relative
        folder = os.path.dirname(target)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        try:
            os.link(source, target)
        except OSError:
            target.write_bytes(source.read_bytes())

    def remember_page(self, relative: str, key: str, result=None) -> None:
        if self.enabled:
            self.new_pages[relative] = (key, result)

    def save(self) -> None:
        """After the new site is in place: what it was built from."""
        if not self.enabled:
            return
        header = {"format": FORMAT, "toolkit": self.toolkit, "out": str(self.out.resolve()), "frame": self.framed,
                  "files": len(self.new_files), "pages": len(self.new_pages), "written": time.time()}
        try:
            reads = self.folder / "reads"
            reads.mkdir(parents=True, exist_ok=True)
            files = [(path, (known.size, known.mtime_ns, known.name or self._write_read(reads, known.record)))
                     for path, known in self.new_files.items()]
            # Pickled straight into a file, one record at a time: neither the bytes of it all nor the
            # pickler's memo of every object is held in memory. Then renamed over the old one.
            handle = tempfile.NamedTemporaryFile(dir=self.folder, prefix="manifest.", suffix=".tmp", delete=False)
            try:
                with handle:
                    pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
                    for record in (header, *files, *self.new_pages.items()):
                        pickler.dump(record)
                        pickler.clear_memo()
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(handle.name, self.folder / "manifest.pickle")
            except BaseException:
                Path(handle.name).unlink(missing_ok=True)
                raise
            kept = {f"{name}.pickle" for _, (_, _, name) in files}
            for stale in os.listdir(reads):  # records of files changed or gone since, unfinished writes
                if stale not in kept:
                    (reads / stale).unlink(missing_ok=True)
        except OSError:
            pass  # no cache (read-only home, full disk): the next build is a full one, the site is in place
        prune_builds(self.folder)

    @staticmethod
    def _write_read(folder: Path, read: SourceRecord) -> str:
        """One source file's read as a record named by its bytes; returns the name. Not synced to disk:
        after a crash a damaged record fails to load and the next build is a full one."""
        data = pickle.dumps(read, protocol=pickle.HIGHEST_PROTOCOL)
        name = content_digest(data)
        write_record(folder / f"{name}.pickle", data)
        return name
