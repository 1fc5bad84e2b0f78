"""The text of a TEI document as its source has it.

The encoding adds to the source (notes, corrections, regularisations, supplied words) and never
takes away: reading back the source's own readings (``sic``, ``orig``, ``abbr``) and leaving the
editorial layers out must give the source's words, in order. The fidelity test, ``tag --update``
and every command that rewrites TEI check themselves against this reading.
"""

from __future__ import annotations

from lxml import etree

from edition.elements import NOT_SOURCE, WORD_BOUNDARIES
from edition.tei import local_name, qn


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
    if name and name not in NOT_SOURCE:
        block = name in WORD_BOUNDARIES
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
