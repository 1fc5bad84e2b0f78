"""The build, stage by stage: discover -> parse -> collect (all documents) -> transform and render
(per document) -> write (into a temporary folder) -> index for search -> swap into place.

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

from edition.diagnostics import Diagnostic, warning
from edition.registers import Registers, entry_from_element
from edition.site import discover, pages, search
from edition.site.collect import Collected, collect_document
from edition.site.transforms import prepare
from edition.tei import xpath
from edition.xmlio import UnreadableXML, read_xml

_ENTRIES = xpath("//tei:person[@xml:id] | //tei:place[@xml:id] | //tei:org[@xml:id]")

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``, called as the build advances."""


@dataclass
class BuildReport:
    documents: int = 0
    persons: int = 0
    places: int = 0
    organisations: int = 0
    mentions: int = 0
    notes: int = 0
    translation_notes: int = 0
    dates: int = 0
    pages: int = 0
    seconds: float = 0.0
    search_records: int = 0
    other_references: int = 0  # rs pointing at works, events…: shown, not indexed
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def warnings(self) -> int:
        return sum(not d.is_error for d in self.diagnostics)

    @property
    def errors(self) -> int:
        return sum(d.is_error for d in self.diagnostics)


class BuildError(Exception):
    """The site could not be built; the previous one is untouched."""


def _quiet(stage: str, done: int, total: int) -> None:
    pass


def build_site(source: Path, out: Path, progress: Progress = _quiet, search_index: bool = True) -> BuildReport:
    started = time.perf_counter()
    source, out = Path(source), Path(out)
    if not source.is_dir():
        raise BuildError(f"{source} is not a folder of TEI files")
    here, there = source.resolve(), out.resolve()
    if there == here or there in here.parents or here in there.parents:  # replacing out would delete the TEI
        raise BuildError(f"--out {out} is, holds or is inside the source {source}; choose a folder apart from it")
    report = BuildReport()
    collected, text_paths, register_paths = read_everything(source, report, progress)
    if not collected.docs:
        raise BuildError(f"no TEI text found under {source}")
    report.diagnostics.extend(collected.dangling())

    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f"{out.name}.tmp-", dir=out.parent))
    try:
        site = pages.Site(collected, source, temporary)
        report.pages = site.write_all(text_paths, progress, report.diagnostics)
        copy_sources(source, sorted(set(text_paths) | set(register_paths)), temporary / "tei")
        if search_index:
            progress("search index", 0, 1)
            report.search_records = search.index(collected, temporary)
            progress("search index", 1, 1)
        swap_into_place(temporary, out)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    _count(collected, report)
    report.seconds = time.perf_counter() - started
    return report


def read_everything(source: Path, report: BuildReport, progress: Progress):
    """Parse every file once: register entries from any file holding them, data from every text."""
    registers = Registers()
    collected = Collected(registers)
    text_paths: list[Path] = []
    register_paths: list[Path] = []
    files = discover.source_files(source)
    for done, path in enumerate(files, 1):
        progress("reading", done, len(files))
        try:
            tree = read_xml(path)
        except UnreadableXML as exc:
            report.diagnostics.extend(warning(d.path, d.line, d.column, d.rule, d.message + " (file skipped)")
                                      for d in exc.diagnostics)
            continue
        if discover.holds_entries(tree):
            for element in _ENTRIES(tree):
                entry = entry_from_element(element, str(path))
                if entry.names or entry.kind:
                    registers.entries.setdefault(entry.id, entry)
            register_paths.append(path)
        if discover.is_text(tree):
            doc = collect_document(prepare(tree), path)
            if doc.id in collected.docs:
                report.diagnostics.append(warning(path, 1, 0, "duplicate-id",
                                                  f"document id {doc.id!r} is used by {collected.docs[doc.id].path}; "
                                                  "this file was skipped"))
                continue
            collected.add_doc(doc)
            text_paths.append(path)
        del tree  # trees are not kept between stages; rendering parses each text again
    return collected, text_paths, register_paths


def copy_sources(source: Path, paths: list[Path], target: Path) -> None:
    """The TEI files themselves, beside the pages that cite them."""
    for path in paths:
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)


def swap_into_place(new: Path, out: Path) -> None:
    """Rename the finished site into place; the old one is removed only after the rename."""
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


def _count(collected: Collected, report: BuildReport) -> None:
    entries = collected.registers.entries.values()
    report.documents = len(collected.docs)
    report.persons = sum(e.kind == "person" for e in entries)
    report.places = sum(e.kind == "place" for e in entries)
    report.organisations = sum(e.kind == "org" for e in entries)
    for doc in collected.docs.values():
        report.mentions += sum(m.kind_hint != "other" for m in doc.mentions)
        report.other_references += sum(m.kind_hint == "other" for m in doc.mentions)
        report.dates += len(doc.dates)
        report.notes += sum(n.layer == "notes" for n in doc.notes)
        report.translation_notes += sum(n.layer == "translation" for n in doc.notes)
