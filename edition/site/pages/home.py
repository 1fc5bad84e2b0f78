"""The home page: what the edition holds, then its texts, ``listing.HOME_TEXTS`` a page."""

from __future__ import annotations

from dataclasses import dataclass, replace

from edition.caching import digest
from edition.entities import ENTITY_KINDS
from edition.site.collect import Collected, DocData
from edition.site.pages import listing
from edition.site.pages.build import Build, PageKind


@dataclass(frozen=True)
class HomePage:
    listed: listing.Listed
    docs: list[DocData]  # the texts it lists
    summary: dict


class Home(PageKind):
    def navigation(self, collected: Collected) -> list[tuple[str, str]]:
        return [("index.html", "Texts")]

    def pages(self, build: Build) -> list[HomePage]:
        docs = build.collected.ordered_docs()
        counted = build.collected.registers.counts()
        counts = {kind.name: counted[kind.name] for kind in ENTITY_KINDS}
        summary = {"counts": counts, "registered": [name for name, count in counts.items() if count],
                   "texts": len(docs), "languages": list(dict.fromkeys(d.lang for d in docs)),
                   "editorial": sum(layer != "translation" for d in docs for layer in d.note_layers),
                   "translation": sum(layer == "translation" for d in docs for layer in d.note_layers),
                   "mentions": sum(d.names for d in docs), "dates": sum(d.dated for d in docs),
                   "corrections": sum(d.corrections for d in docs), "readings": sum(d.readings for d in docs),
                   "letters": sum(d.is_letter for d in docs)}
        first = listing.Listed("index.html", 1, listing.HOME_TEXTS, len(docs), "Texts", "texts")
        return [HomePage(listed, docs[listed.first:listed.last], summary)
                for listed in (replace(first, number=number) for number in range(1, first.pages + 1))]

    def url(self, page: HomePage) -> str:
        return page.listed.url

    def key(self, build: Build, page: HomePage) -> str:
        return digest("home", page.listed.number, build.title, page.summary, page.listed.pages,
                      [(doc.id, doc.title, doc.title_lang, doc.url, doc.lang, _listing(doc)) for doc in page.docs])

    def draw(self, build: Build, page: HomePage) -> None:
        build.write(page.listed.url, "home.html", docs=page.docs, summary=page.summary, listed=page.listed)


def _listing(doc: DocData) -> tuple:
    """What the home page shows of a text (besides its title, language and address)."""
    return doc.header, doc.paragraphs, doc.names, list(doc.note_layers)
