"""Discover: which files are texts and which hold registers.

A *text* is a TEI document whose ``text`` has a body with more than lists of entities (the
elements table's ``register`` rows); a *register* file is any document holding entries of an
entity kind (``edition.entities``: ``person``, ``place``, ``org``) with an ``xml:id``
(``registers/*.xml`` here; ``indices/*.xml`` or the ``back`` of each letter in foreign corpora).
One file can be both: a letter carries the persons it names.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from edition.elements import REGISTERS
from edition.entities import ENTRY_ELEMENTS
from edition.project import xml_files
from edition.tei import qn, xpath

_NOT_A_LIST = "[not(" + " or ".join(f"self::tei:{name}" for name in sorted(REGISTERS)) + " or self::tei:list[@type='index'])]"
_BODY_CONTENT = xpath(f"/tei:TEI/tei:text//tei:body/*{_NOT_A_LIST}")
_OWN_BODY_CONTENT = xpath(f"boolean(/tei:TEI/tei:text/tei:body/*{_NOT_A_LIST})")  # most texts: no search of the whole text
_HAS_ENTRIES = xpath(f"boolean({' | '.join(f'//tei:{element}[@xml:id]' for element in ENTRY_ELEMENTS)})")


IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"})
"""Images a page may show from the source folder (raster only: an SVG can hold scripts)."""


def image_files(source: Path) -> list[Path]:
    """Every image under ``source`` (page images, figures), copied into the site beside the TEI."""
    return sorted(p for p in source.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(source).parts))


def source_files(source: Path, extensions: tuple[str, ...] = (".xml",)) -> list[Path]:
    """Every TEI file (ending in one of ``extensions``) under ``source``, in a stable order; schema folders are skipped."""
    return [p for p in xml_files([source], extensions) if "schema" not in p.relative_to(source).parts[:-1]]


def is_text(tree: etree._ElementTree) -> bool:
    return _OWN_BODY_CONTENT(tree) or bool(_BODY_CONTENT(tree))


def is_tei(tree: etree._ElementTree) -> bool:
    """A TEI document (or corpus), not a schema or another XML file beside the texts."""
    return tree.getroot().tag in (qn("tei:TEI"), qn("tei:teiCorpus"))


def holds_lists(tree: etree._ElementTree) -> bool:
    """It holds a list of entities (persons, events, works...): a register, though perhaps of a kind
    the site does not index."""
    return any(True for _ in tree.getroot().iter(*(qn(f"tei:{name}") for name in REGISTERS)))


def holds_entries(tree: etree._ElementTree) -> bool:
    return bool(_HAS_ENTRIES(tree))
