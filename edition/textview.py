"""The text of a TEI document as its source has it.

The encoding adds to the source (notes, corrections, regularisations, supplied words) and never
takes away: reading back the source's own readings (``sic``, ``orig``, ``abbr``) and leaving the
editorial layers out must give the source's words, in order. The fidelity test, ``tag --update``
and every command that rewrites TEI check themselves against this reading.
"""

from __future__ import annotations

from lxml import etree

from edition.tei import local_name, qn

EDITORIAL_LAYERS = frozenset({"note", "corr", "reg", "expan", "supplied", "teiHeader", "figDesc"})
"""Elements whose content the editor wrote, not the source."""

BLOCKS = frozenset({"div", "head", "p", "ab", "item", "list", "lg", "l",
                    "label", "table", "row", "cell", "opener", "closer", "dateline", "salute",
                    "signed", "postscript", "lb"})
"""Elements whose boundaries separate words even when the XML has no whitespace there.

(Not ``quote``: an inline quotation sits between its quotation marks, «<quote>…</quote>».)"""


def source_reading(node: etree._Element | etree._ElementTree) -> str:
    """The source's text of ``node`` (a tree, or an element such as ``text``), whitespace as encoded."""
    if isinstance(node, etree._ElementTree):
        node = node.getroot()
    text = node.find(qn("tei:text"))
    parts: list[str] = []
    _collect(text if text is not None else node, parts)
    return "".join(parts)


def source_words(node) -> list[str]:
    """The source's words, in order (what "nothing lost" compares)."""
    return source_reading(node).split()


def _collect(element: etree._Element, parts: list[str]) -> None:
    name = local_name(element)
    if name and name not in EDITORIAL_LAYERS:
        block = name in BLOCKS
        if block:
            parts.append(" ")
        if element.text:
            parts.append(element.text)
        for child in element:
            _collect(child, parts)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append(" ")
    elif not name:  # comments and processing instructions carry no source text
        pass
