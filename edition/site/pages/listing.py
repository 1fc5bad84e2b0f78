"""Lists cut into pages: how many items a page lists, which ones, and the pager's links.

The limits are read when a page is drawn (``listing.PAGE_TEXTS``), so a test can lower them.
"""

from __future__ import annotations

from dataclasses import dataclass

from edition.site.collect import DocData
from edition.site.urls import page_url

INDEX_TEXTS = 5
"""The glossary shows a term's notes in its first texts only, and links to the term's page for the
rest: it stays readable and does not grow with the corpus, and an edit to a later text leaves it as
it was."""
YEAR_ROWS = 50
"""The chronology lists a year's first dated mentions; a year with more has a page of its own."""
PAGE_TEXTS = 50
"""An entry's page lists its mentions in this many texts, a term's page its notes in this many; the
next texts go on further pages (``urls.page_url``): no page grows with the corpus, and an edit near a
name redraws only the page listing the edited text."""
PAGE_ROWS = 500
"""A year's page lists this many dated mentions; the next go on further pages."""
HOME_TEXTS = 100
"""The home page lists this many texts; the next go on further pages (``index/2.html``…), so the
home page does not grow with the corpus and a changed title redraws only the page listing it."""


def cut(items: list, size: int) -> list[list]:
    """``items`` as pages of ``size`` list them; one (empty) page when there is none."""
    return [items[start:start + size] for start in range(0, len(items), size)] or [[]]


@dataclass(frozen=True)
class Listed:
    """Page ``number`` of a list cut into pages of ``size`` items (``total`` in all): which items it
    shows, and where the other pages are (the pager, ``macros.pager``)."""

    first_url: str  # of page 1, from the site's root
    number: int
    size: int
    total: int
    unit: str  # what the items are called in the pager: "Texts 51–100 of 1,667"
    of: str  # what the pages are pages of: "Pages of mentions"

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def first(self) -> int:
        return (self.number - 1) * self.size

    @property
    def last(self) -> int:
        return min(self.first + self.size, self.total)

    @property
    def url(self) -> str:
        return page_url(self.first_url, self.number)

    @property
    def urls(self) -> list[str]:
        return [page_url(self.first_url, number) for number in range(1, self.pages + 1)]


def shown(doc: DocData) -> tuple:
    """What a list of mentions, notes or texts shows of their text (part of the list's page key)."""
    return doc.id, doc.title, doc.title_lang, doc.url, doc.lang
