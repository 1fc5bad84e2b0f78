"""What every page kind shares: the build's context (``Build``), the kinds' common shape
(``PageKind``), the one place pages reach the disk (``write_page``) and the page's policy (``CSP``)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable

from jinja2 import Environment, PackageLoader, select_autoescape

from edition import workers
from edition.caching import content_digest, digest
from edition.diagnostics import Diagnostic
from edition.entities import BY_NAME, ENTITY_KINDS
from edition.site.cache import BuildCache
from edition.site.collect import Collected, DocData
from edition.site.names import SHOWN_NAME_TYPES, display_name
from edition.site.packing import Spilled, unpack
from edition.site.pages import listing
from edition.site.records import SourceRecord
from edition.site.urls import entry_url, external_url

STATIC = Path(__file__).resolve().parent.parent / "static"

CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")
"""No inline script or style, nothing from another host (a meta tag: static hosts send no headers)."""

LANGUAGE_NAMES = {"ru": "Russian", "en": "English", "it": "Italian", "de": "German", "fr": "French",
                  "la": "Latin", "": "Unspecified"}

Progress = Callable[[str, int, int], None]


def write_page(target: Path, chunks: Iterable[str]) -> None:
    """A page written as it is drawn: the largest (a register's index, every mention of every
    entry) is never whole in memory. The one place pages reach the disk."""
    with open(target, "w", encoding="utf-8") as handle:
        handle.writelines(chunks)


def and_list(words: Iterable[str], last: str = " and ") -> str:
    """``a, b and c``; ``last`` joins the last two."""
    words = list(words)
    return ", ".join(words[:-1]) + last + words[-1] if len(words) > 1 else "".join(words)


class QuotedNotes:
    """Each text's translation notes as the glossary quotes them, rendered with the text (``text.py``)
    and read by the glossary (``glossary.py``): packed (``packing.pack``) from
    ``[((document id, note anchor), Markup)]`` and unpacked only while the glossary is drawn."""

    def __init__(self, collected: Collected):
        self.collected = collected
        self.packed: dict[str, bytes | Spilled] = {}
        self.digests: dict[str, str] = {}  # of the same bytes: the glossary's key

    def add(self, doc_id: str, packed: bytes) -> bytes | Spilled:
        """Record a text's notes; what to keep of them in the cache (spilled to disk)."""
        self.digests[doc_id] = content_digest(packed)
        kept = self.packed[doc_id] = self.collected.spill(packed)
        return kept

    def of(self, doc_id: str) -> dict:
        """``{(document id, note anchor): Markup}`` of one text."""
        return dict(unpack(self.packed.get(doc_id, b"")))


class Build:
    """One build's pages: where they go, the templates, the cache, what the kinds hand on to each
    other (``quoted``), and how many pages were written. Every page kind writes through it."""

    def __init__(self, collected: Collected, records: dict[Path, SourceRecord], images: list[Path], source: Path,
                 root: Path, cache: BuildCache, navigation: list[tuple[str, str]], progress: Progress,
                 diagnostics: list[Diagnostic], while_texts_draw: Callable[[], None] | None = None):
        self.collected, self.records, self.source, self.root, self.cache = collected, records, source, root, cache
        self.images = images  # under ``source``, as ``discover.image_files`` lists them: once a build
        self.progress, self.diagnostics, self.while_texts_draw = progress, diagnostics, while_texts_draw
        self.title = collected.series_title()
        self.env = Environment(loader=PackageLoader("edition.site", "templates"),
                               autoescape=select_autoescape(["html", "svg"], default=True),
                               trim_blocks=True, lstrip_blocks=True, auto_reload=False)  # fixed for a build
        self.env.globals.update(csp=CSP, site_title=self.title, entity_kinds=ENTITY_KINDS, entity_kind=BY_NAME,
                                navigation=navigation,
                                entry_url=entry_url, display_name=display_name, language_names=LANGUAGE_NAMES,
                                external_url=external_url, and_list=and_list, shown_name_types=SHOWN_NAME_TYPES,
                                index_texts=listing.INDEX_TEXTS, year_rows=listing.YEAR_ROWS)
        self.pages = 0
        self.quoted = QuotedNotes(collected)
        self._shown_digests: dict[str, str] = {}  # document id -> digest of what lists show of it

    # -- writing -------------------------------------------------------------------------------
    def write(self, relative: str, template: str, **context) -> None:
        self.draw(relative, template, **context)
        self.pages += 1

    def draw(self, relative: str, template: str, **context) -> None:
        """Write one page (uncounted: a worker's count would be lost; ``write`` counts)."""
        depth = relative.count("/")
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        write_page(target, self.env.get_template(template).generate(prefix="../" * depth, page=relative, **context))

    def in_pool(self, function: Callable, state: object, items: list, **options) -> None:
        """``function(state, item)`` for each item on every core (``workers.map_in_order``, same
        ``options``); each returns how many pages it drew."""
        for drawn in workers.map_in_order(function, state, items, **options):
            self.pages += drawn

    def reuse(self, relative: str, key: str | None) -> bool:
        """Link the previous build's page when it was drawn from the same ``key`` (then ``True``).
        Asked before the page's data is gathered: an unchanged page costs its key and a link."""
        if key is None:
            return False
        self.cache.remember_page(relative, key)
        if not self.cache.reusable(relative, key)[0]:
            return False
        self.cache.link(relative, self.root)
        self.pages += 1
        return True

    def reuse_with_parts(self, relative: str, key: str | None) -> bool:
        """Link an index page (the chronology, the glossary) and the pages drawn with it (a year's, a
        term's: their keys are what drawing it returned) when it was drawn from the same ``key``."""
        reusable, parts = self.cache.reusable(relative, key) if key else (False, None)
        if not reusable or not all(self.cache.reusable(part, part_key)[0] for part, part_key in parts.items()):
            return False
        for page, page_key in [(relative, key), *parts.items()]:
            self.reuse(page, page_key)
        self.cache.remember_page(relative, key, parts)
        return True

    # -- what a page is drawn from (see edition.site.cache) ------------------------------------------
    @cached_property
    def entry_digests(self) -> dict[str, str]:
        return {identifier: digest(entry) for identifier, entry in self.collected.registers.entries.items()}

    def record_of(self, doc: DocData) -> SourceRecord:
        """What reading the text's file gave (its bytes' digest, its dates' and notes' digests)."""
        return self.records[doc.path]

    def shown_digest(self, doc: DocData) -> str:
        """What lists show of a text, digested once per build: the same text is in the groups of
        every entry it names."""
        if doc.id not in self._shown_digests:
            self._shown_digests[doc.id] = digest(listing.shown(doc))
        return self._shown_digests[doc.id]

    def index_key(self, page: str, of_doc, *more) -> str | None:
        """A page listing something of every text (chronology, glossary): the texts and that something."""
        if not self.cache.enabled:
            return None
        return digest(page, self.title, more,
                      [(doc.id, doc.title, doc.title_lang, doc.url, doc.lang, of_doc(doc))
                       for doc in self.collected.ordered_docs()])

    def tei_path(self, doc: DocData) -> str:
        return doc.path.relative_to(self.source).as_posix()


class PageKind:
    """A kind of page (Pelican's generator, Sphinx's builder): its links in the site's navigation
    and its pages. ``pages.KINDS`` lists the kinds in the order the build writes them.

    A kind whose pages stand alone gives ``pages`` (anything that names one page), each page's
    ``key`` (a digest of what it is drawn from: an unchanged page is linked from the last build)
    and ``draw``; a kind whose pages are drawn by the worker pool or together overrides ``write``.
    """

    def navigation(self, collected: Collected) -> list[tuple[str, str]]:
        """``(url, title)`` of its pages in the site's navigation."""
        return []

    def pages(self, build: Build) -> list:
        return []

    def key(self, build: Build, page) -> str:
        raise NotImplementedError

    def draw(self, build: Build, page) -> None:
        raise NotImplementedError

    def url(self, page) -> str:
        raise NotImplementedError

    def write(self, build: Build) -> None:
        for page in self.pages(build):
            if not build.reuse(self.url(page), self.key(build, page) if build.cache.enabled else None):
                self.draw(build, page)
