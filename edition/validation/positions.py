"""Where an element starts in its source: line from libxml2, column found in the line's text.

libxml2 records each element's line but not its column; the column is that of the element's
start tag, counting same-named start tags that begin earlier on the same line.
"""

from __future__ import annotations

import re
from functools import cached_property

from lxml import etree


class SourcePositions:
    """Line and column of the elements of one parsed document."""

    def __init__(self, tree: etree._ElementTree, data: bytes):
        self.tree = tree
        self._data = data

    @cached_property
    def _lines(self) -> list[str]:  # only needed when there is something to report
        return self._data.decode("utf-8", errors="replace").splitlines()

    def of(self, element) -> tuple[int, int]:
        line = element.sourceline or 0
        if not 1 <= line <= len(self._lines) or not isinstance(element.tag, str):
            return line, 0
        text = self._lines[line - 1]
        qname = element.prefix + ":" if element.prefix else ""
        qname += etree.QName(element).localname
        starts = [m.start() + 1 for m in re.finditer(rf"<{re.escape(qname)}(?=[\s/>])", text)]
        if not starts:  # the tag began on an earlier line (libxml2 counts its end)
            return line, 0
        same_line_before = 0
        for other in self.tree.getroot().iter(element.tag):  # document order
            if other is element:
                break
            same_line_before += other.sourceline == line
        return line, starts[min(same_line_before, len(starts) - 1)]

    def element_at(self, xpath: str):
        """The element a Schematron location or libxml2 error path names (None if not found)."""
        try:
            found = self.tree.xpath(xpath)
        except etree.XPathError:
            return None
        if found and isinstance(found, list):
            node = found[0]
            return node if isinstance(node, etree._Element) else getattr(node, "getparent", lambda: None)()
        return None

    def element_by_index(self, index: int):
        """The element at ``index`` in document order (0 is the root)."""
        for position, element in enumerate(self.tree.getroot().iter(tag=etree.Element)):
            if position == index:
                return element
        return None
