"""What one stage hands the next, by name: a source file's record (reading it), a text page's
(drawing it). The incremental build keeps both (``edition.site.cache``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from edition.diagnostics import Diagnostic
from edition.registers import Entry
from edition.site.collect import DocData
from edition.site.packing import Spilled


@dataclass
class SourceRecord:
    """What reading one source file gives the build: its register entries (when it holds any),
    its text's data (when it is a text), its problems; and for the incremental build, the file as
    read and digests of what pages take from it."""

    path: Path
    entries: list[Entry] | None = None
    doc: DocData | None = None
    problems: list[Diagnostic] = field(default_factory=list)
    stat: tuple[int, int] = (0, 0)  # size and mtime_ns, taken before reading
    digest: str = ""  # of its bytes
    search_digests: dict[str, str] = field(default_factory=dict)  # language -> the text's search page in it
    publishable: bool = True  # False: a browser opening the file would run its content
    unreadable: bool = False  # not well-formed, or not read at all: skipped
    unreadable_ids: frozenset[str] = frozenset()  # the ids such a file seems to hold
    dates_digest: str = ""
    notes_digest: str = ""


class DrawnText(NamedTuple):
    """What drawing a text's page gives back besides the page: its translation notes as the
    glossary quotes them (packed, ``build.QuotedNotes``) and the problems found drawing it."""

    quoted: bytes | Spilled
    problems: list[Diagnostic]
