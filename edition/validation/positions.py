"""Where an element starts in its source: line from libxml2, column found in the line's text.

libxml2 records each element's line but not its column; the column is that of the element's
start tag, counting same-named start tags that begin earlier on the same line.
"""

from __future__ import annotations

import re
from functools import cached_property

from lxml import etree


MAX_TAG_LINES = 50
"""How far back a start tag that spans several lines is looked for."""


class SourcePositions:
    """Line and column of the elements of one parsed document."""

    def __init__(self, tree: etree._ElementTree, data: bytes):
        self.tree = tree
        self._data = data

    @cached_property
    def _lines(self) -> list[str]:  # only needed when there is something to report
        return self._data.decode("utf-8", errors="replace").splitlines()

    def of(self, element) -> tuple[int, int]:
        """Line and column where the element's start tag begins."""
        line = element.sourceline or 0
        if not 1 <= line <= len(self._lines) or not isinstance(element.tag, str):
            return line, 0
        pattern = re.compile(rf"<{re.escape(self._qname(element))}(?=[\s/>]|$)")
        starts = [m.start() + 1 for m in pattern.finditer(self._lines[line - 1])]
        if starts:
            same_line_before = 0
            for other in self.tree.getroot().iter(element.tag):  # document order
                if other is element:
                    break
                same_line_before += other.sourceline == line
            return line, starts[min(same_line_before, len(starts) - 1)]
        # libxml2 gives the line where a start tag spanning several lines ends: look back for it.
        for earlier in range(line - 1, max(0, line - MAX_TAG_LINES), -1):
            starts = [m.start() + 1 for m in pattern.finditer(self._lines[earlier - 1])]
            if starts:
                return earlier, starts[-1]
        return line, 0

    @staticmethod
    def _qname(element) -> str:
        local = etree.QName(element).localname
        return f"{element.prefix}:{local}" if element.prefix else local

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
