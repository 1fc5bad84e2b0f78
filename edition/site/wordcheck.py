"""Nothing lost on the page: every word of a TEI file's ``<text>`` appears on the page drawn from it.

The words of ``<text>`` (readings of an apparatus, notes, the source's side of a ``choice``
included) are compared, as a multiset, with the words of the page (its popovers and apparatus
included). Words are cut at every element boundary on both sides, so a word split by markup
(``Wo<hi>rt</hi>``) is compared as its pieces, which the page keeps in their own elements. What the
table of elements says is never drawn in the text (forme work, a register's entries shown on the
register's pages) is counted apart, not as lost.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from edition.elements import ELEMENTS
from edition.tei import local_name, qn
from edition.xmlio import read_xml

_WORD = re.compile(r"\w+")
_NOT_DRAWN = frozenset(name for name, row in ELEMENTS.items() if not row.drawn)
_NOT_TEXT_HTML = frozenset({"script", "style", "template", "head"})


@dataclass
class WordCheck:
    """The words of one text: how many, which the page lacks, how many are left out on purpose."""

    words: int = 0
    lost: Counter = field(default_factory=Counter)
    not_drawn: int = 0

    @property
    def lost_count(self) -> int:
        return sum(self.lost.values())


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text))


def tei_words(tree: etree._ElementTree) -> tuple[Counter, int]:
    """The words of the document's ``<text>``, and the number of words of elements never drawn."""
    text = tree.getroot().find(qn("tei:text"))
    found, skipped = Counter(), []
    if text is not None:
        _walk(text, found, skipped, drawn=True)
    return found, len(skipped)


def _walk(element, found: Counter, skipped: list, drawn: bool) -> None:
    name = local_name(element)
    if not name:  # comments and processing instructions
        return
    drawn = drawn and name not in _NOT_DRAWN
    pieces = [element.text or ""]
    for child in element:
        _walk(child, found, skipped, drawn)
        pieces.append(child.tail or "")
    for piece in pieces:  # each run of text between two boundaries on its own
        (found.update if drawn else skipped.extend)(words(piece))


def page_words(page: Path) -> Counter:
    """The words of a reading page's article (the text, its popovers, its apparatus; not the site's
    navigation), cut at every element boundary."""
    found = Counter()
    root = lxml_html.parse(str(page)).getroot()
    for article in root.iter("article") if root.find(".//article") is not None else root.iter("body"):
        _walk_html(article, found)
    return found


def _walk_html(element, found: Counter) -> None:
    if not isinstance(element.tag, str) or element.tag in _NOT_TEXT_HTML:
        return
    found.update(words(element.text or ""))
    for child in element:
        _walk_html(child, found)
        found.update(words(child.tail or ""))


def check(tei: Path, page: Path) -> WordCheck:
    """What of ``tei``'s ``<text>`` the page drawn from it lacks."""
    expected, not_drawn = tei_words(read_xml(tei))
    shown = page_words(page)
    return WordCheck(words=sum(expected.values()), lost=expected - shown, not_drawn=not_drawn)


def check_site(source: Path, out: Path) -> dict[Path, WordCheck]:
    """Each text of ``source`` against its page in the site built from it into ``out``."""
    from edition.site import discover
    from edition.site.collect import document_id
    from edition.site.urls import file_stem

    found = {}
    for path in discover.source_files(source):
        tree = read_xml(path)
        if discover.is_text(tree):
            page = out / "texts" / f"{file_stem(document_id(tree, path))}.html"
            found[path] = check(path, page) if page.is_file() else WordCheck(lost=Counter({"(no page)": 1}))
    return found
