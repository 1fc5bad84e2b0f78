"""The build, stage by stage: discover -> parse -> transform -> collect (every document, before any
page is drawn) -> render and write (each page, into a temporary folder; ``pages``) -> index for
search (meanwhile) -> swap into place.

Nothing is written to ``out`` until every page exists: a failed build leaves the previous site.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from edition import workers
from edition.caching import content_digest, digest, file_version
from edition.diagnostics import Diagnostic, warning
from edition.entities import ENTITY_KINDS
from edition.registers import ENTRIES, Registers, entry_from_element
from edition.site import discover, pages, search
from edition.site.cache import BuildCache
from edition.site.collect import Collected
from edition.site.collectors import collect_document
from edition.site.pages import maps
from edition.site.records import SourceRecord
from edition.site.render.facsimile import iiif_origin
from edition.site.transforms import expand_prefixed_pointers, local_id, prepare, scope_header_entries
from edition.xmlio import UnreadableXML, browser_active, ids_in_unreadable, parse_bytes, read_bytes


Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``, called as the build advances."""


@dataclass
class BuildReport:
    documents: int = 0
    entries: dict[str, int] = field(default_factory=dict)  # entity kind's name -> register entries of it
    mentions: int = 0
    notes: int = 0
    translation_notes: int = 0
    dates: int = 0
    pages: int = 0
    seconds: float = 0.0
    search_records: int = 0
    other_references: int = 0  # rs pointing at works, events…: shown, not indexed
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unpublished: set[Path] = field(default_factory=set)  # files a browser would run: not copied into the site
    skipped: dict[Path, frozenset[str]] = field(default_factory=dict)
    """Files that could not be read, missing from the site -> the ids they seem to hold."""

    @property
    def warnings(self) -> int:
        return sum(not d.is_error for d in self.diagnostics)


class BuildError(Exception):
    """The site could not be built; the previous one is untouched."""


SITE_MARKER = ".tei-edition-site"
"""Written into every site: a build replaces only an empty folder or one that holds it."""


def _quiet(stage: str, done: int, total: int) -> None:
    pass


def build_site(source: Path, out: Path, progress: Progress = _quiet, search_index: bool = True,
               incremental: bool = True, extensions: tuple[str, ...] = (".xml",),
               title: str | None = None, base_url: str = "", iiif_base: str | None = None,
               licence: str | None = None, editors: tuple[str, ...] = ()) -> BuildReport:
    """Build the site; ``incremental``: reuse what the last build into ``out`` read and drew when its
    inputs are unchanged (see :mod:`edition.site.cache`); the result is the same bytes either way.
    ``extensions``: the endings of the TEI files under ``source``; ``title``: the site's (else the
    texts' series title); ``base_url``: where the site is published (the citations' addresses);
    ``iiif_base``: an IIIF Image API service whose images the pages may show (the one other host);
    ``licence``, ``editors``: the edition's (else what the letters' headers state: the CMIF file)."""
    started = time.perf_counter()
    source, out = Path(source), Path(out)
    if not source.is_dir():
        raise BuildError(f"{source} is not a folder of TEI files")
    here, there = source.resolve(), out.resolve()
    if there == here or there in here.parents or here in there.parents:  # replacing out would delete the TEI
        raise BuildError(f"--out {out} is, holds or is inside the source {source}; choose a folder apart from it")
    if out.is_dir() and any(out.iterdir()) and not (out / SITE_MARKER).is_file():  # never replace a stranger's folder
        raise BuildError(f"--out {out} is a folder no build made (it has no {SITE_MARKER}); "
                         "choose a new or empty folder, or delete this one yourself")
    try:
        iiif_origin(iiif_base)
    except ValueError as exc:
        raise BuildError(str(exc)) from None
    report = BuildReport()
    # in every page: the maps' tiles, and the policy naming their host and the IIIF server
    cache = BuildCache(out, enabled=incremental, settings=(*maps.tile_settings(), iiif_base or ""))
    collected, records = read_everything(source, report, progress, cache, extensions)
    collected.title, collected.base_url, collected.iiif_base = title, base_url, iiif_base or ""
    collected.licence, collected.editors = licence, tuple(editors)
    try:
        if not collected.docs:
            raise BuildError(f"no TEI text found under {source}"
                             + (f" that could be read ({len(report.skipped)} could not)" if report.skipped else ""))
        report.diagnostics.extend(collected.dangling(frozenset().union(*report.skipped.values())))
        out.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=f"{out.name}.tmp-", dir=out.parent))
        indexing = None
        try:
            def start_indexing() -> None:  # its pages written while the workers draw the texts
                nonlocal indexing
                progress("search pages", 0, 1)
                indexing = search.start(collected, temporary, cache, search_keys(collected, records, cache))
                progress("search pages", 1, 1)

            images = discover.image_files(source)  # shown by the pages, copied beside the TEI files
            report.pages = pages.write_site(collected, records, images, source, temporary, cache, progress,
                                            report.diagnostics, start_indexing if search_index else None)
            sources = {doc.path for doc in collected.docs.values()} | {
                path for path, record in records.items() if record.entries is not None}
            copy_sources(source, sorted(sources - report.unpublished) + images, records,
                         temporary / "tei", cache)
            if indexing is not None:
                progress("search index", 0, 1)
                report.search_records = indexing.finish()
                progress("search index", 1, 1)
            (temporary / SITE_MARKER).write_text("Built by tei-edition: the next build replaces this folder.\n")
            swap_into_place(temporary, out)
            cache.save()
        except BaseException:
            if indexing is not None:
                indexing.close()
            shutil.rmtree(temporary, ignore_errors=True)
            raise
        _count(collected, report)
    finally:
        collected.close()
    report.seconds = time.perf_counter() - started
    return report


def search_keys(collected: Collected, records: dict[Path, SourceRecord], cache: BuildCache) -> dict[str, str]:
    """A digest of each search bundle's pages: the texts' blocks in its language, the register entries."""
    if not cache.enabled:
        return {}
    text_pages = {doc.id: records[doc.path].search_digests for doc in collected.docs.values()}
    note_pages = {doc.id: records[doc.path].notes_digest for doc in collected.docs.values()}
    return search.bundle_keys(collected, text_pages, [digest(entry) for entry in collected.registers.entries.values()],
                              note_pages)


def read_everything(source: Path, report: BuildReport, progress: Progress, cache: BuildCache | None = None,
                    extensions: tuple[str, ...] = (".xml",)):
    """Parse every file once: register entries from any file holding them, data from every text.

    Files are read on every core (``read_one``); their results are merged here in file order, so
    the first document claiming an id wins as in a sequential read (and the entries are merged as
    ``Registers.add`` says). Returns the collected data and each file's record, in file order.
    """
    registers = Registers()
    collected = Collected(registers)
    records: dict[Path, SourceRecord] = {}
    cache = cache or BuildCache(Path(), enabled=False)
    files = discover.source_files(source, extensions)
    known = {path: cache.known_read(path) for path in files}
    fresh = workers.map_in_order(read_one, None, [path for path in files if known[path] is None])
    for done, path in enumerate(files, 1):
        read = records[path] = known[path] or next(fresh)
        cache.remember_read(path, *read.stat, read)
        progress("reading", done, len(files))
        report.diagnostics.extend(read.problems)
        if read.unreadable:
            report.skipped[read.path] = read.unreadable_ids
        if not read.publishable:
            report.unpublished.add(read.path)
        if read.entries is not None:
            for entry in read.entries:
                registers.add(entry, in_text=read.doc is not None)
        if read.doc is not None:
            doc = read.doc
            if doc.id in collected.docs:
                report.diagnostics.append(warning(read.path, 1, 0, "duplicate-id",
                                                  f"document id {doc.id!r} is used by {collected.docs[doc.id].path}; "
                                                  "this file was skipped"))
                continue
            collected.add_doc(doc)
    return collected, records


def read_one(_state, path: Path) -> SourceRecord:
    """Parse, transform and collect one file; the tree is not kept (rendering parses it again)."""
    read = SourceRecord(path, stat=file_version(path) or (0, 0))  # before reading: a later change shows next build
    data = b""
    try:
        data = read_bytes(path)
        read.digest = content_digest(data)
        tree = parse_bytes(data, path)
    except UnreadableXML as exc:
        read.unreadable_ids = ids_in_unreadable(data)
        read.problems = [warning(d.path, d.line, d.column, d.rule, d.message + " (file skipped)")
                         for d in exc.diagnostics]
        read.unreadable = True
        return read
    # XHTML <script>, SVG onload, <?xml-stylesheet?>: the pages are safe, the file itself is not published.
    active = browser_active(tree, path)
    if active:
        read.publishable = False
        read.problems = [warning(d.path, d.line, d.column, d.rule, d.message + " (the file is not copied into the site)",
                                 hint=d.hint) for d in active]
    expand_prefixed_pointers(tree)
    scope_header_entries(tree)  # before its entries are read: a play's characters are the play's
    if discover.holds_entries(tree):
        read.entries = [entry_from_element(e, str(path)) for e in ENTRIES(tree)]
        for entry in read.entries:  # file.xml#diener names ger01.diener
            written = local_id(entry.id, tree.getroot())
            if written != entry.id:
                entry.file_id = written
    if discover.is_text(tree):
        doc = read.doc = collect_document(prepare(tree), path)
        doc.published = read.publishable
        read.dates_digest, read.notes_digest = digest(doc.dates), digest(doc.notes)
        by_language: dict[str, list] = {}
        for block in doc.blocks:
            by_language.setdefault(search.language(block.lang or doc.lang), []).append(block)
        read.search_digests = {lang: digest(doc.title, doc.url, blocks) for lang, blocks in by_language.items()}
    elif read.entries is None and discover.is_tei(tree) and not discover.holds_lists(tree):
        read.problems.append(warning(path, tree.getroot().sourceline or 1, 0, "no-text",
                                     "this TEI file has no <text> with a <body> that holds anything, nor "
                                     "register entries: nothing of it is published",
                                     hint="add the text's body, or move the file out of the source folder"))
    return read


def copy_sources(source: Path, paths: list[Path], records: dict[Path, SourceRecord], target: Path,
                 cache: BuildCache | None = None) -> None:
    """The TEI files themselves, beside the pages that cite them, and the images beside them
    (unchanged TEI files linked from the last build)."""
    for path in paths:
        relative = path.relative_to(source).as_posix()
        record = records.get(path)  # an image has none: copied each time
        key = record.digest if record is not None and cache and cache.enabled else ""
        if key and cache.reusable(f"tei/{relative}", key)[0]:
            cache.link(f"tei/{relative}", target.parent)
        else:
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
        if cache and key:
            cache.remember_page(f"tei/{relative}", key)


def swap_into_place(new: Path, out: Path) -> None:
    """Put the finished site in place of the previous one in one step, and remove the previous.

    On Linux the two folders are exchanged by one ``renameat2(RENAME_EXCHANGE)``: killed at any
    moment, ``out`` holds a whole site (the previous or the new), and at worst the previous one
    is left in the temporary folder. Where the call is missing (another system, an old kernel or
    a file system without it) the previous site is first renamed aside (``OUT.old-*``) and the
    new one renamed in: a kill between the two renames leaves no ``out`` and the old site aside.
    """
    if out.exists():
        try:
            _exchange(new, out)
        except _ExchangeUnsupported:
            pass
        else:
            shutil.rmtree(new, ignore_errors=True)  # now the previous site
            return
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f"{out.name}.old-", dir=out.parent))
        os.rename(out, old / "site")
    try:
        os.rename(new, out)
    except BaseException:
        if old is not None:
            os.rename(old / "site", out)
            old.rmdir()
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


class _ExchangeUnsupported(Exception):
    """The system cannot exchange two paths in one step."""


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def _exchange(first: Path, second: Path) -> None:
    """Exchange two paths atomically (Linux ``renameat2``, called through ctypes: Python has no wrapper)."""
    import ctypes
    import errno

    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        raise _ExchangeUnsupported
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            raise _ExchangeUnsupported
        raise OSError(code, os.strerror(code), str(second))


def _count(collected: Collected, report: BuildReport) -> None:
    counts = collected.registers.counts()
    report.documents = len(collected.docs)
    report.entries = {kind.name: counts[kind.name] for kind in ENTITY_KINDS}
    for doc in collected.docs.values():
        report.mentions += doc.names - doc.other_references
        report.other_references += doc.other_references
        report.dates += doc.dated
        report.notes += doc.note_layers.count("notes")
        report.translation_notes += doc.note_layers.count("translation")
