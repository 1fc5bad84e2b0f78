"""The About page: what the texts' TEI headers say of the edition (its project, editorial
principles, edition and version, who did what, licence, publication) and how to cite it.

Nothing is supplied: a fact no header states is said to be missing, never made up. A statement
that several texts share is shown once, with the texts it belongs to.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field

from edition.caching import digest
from edition.site.collect import Collected, DocData, Statement
from edition.site.pages.build import Build, PageKind

URL = "about.html"
SHOWN_TEXTS = 12
"""A statement lists at most this many of its texts by title (a corpus shares one declaration)."""


@dataclass
class Shared:
    """One statement and the texts whose headers make it."""
    statement: Statement
    docs: list[DocData] = field(default_factory=list)


@dataclass
class AboutView:
    texts: int
    statements: dict[str, list[Shared]]  # by kind, in the order of the first text making each
    built: str  # the day the site was built (ISO)

    def of(self, kind: str) -> list[Shared]:
        return self.statements.get(kind, [])

    @property
    def people(self) -> list[str]:
        """Everyone the headers name as responsible, once each, in order."""
        return list(dict.fromkeys(name for shared in self.of("responsibility") for name in shared.statement.names))

    @property
    def publishers(self) -> list[str]:
        return list(dict.fromkeys(name for shared in self.of("published") for name in shared.statement.names))

    @property
    def year(self) -> str:
        years = sorted({s.statement.label[:4] for s in self.of("published") if s.statement.label[:4].isdigit()})
        return "–".join(dict.fromkeys([years[0], years[-1]])) if years else ""

    @property
    def versions(self) -> list[str]:
        return list(dict.fromkeys(" ".join(filter(None, (s.statement.label, *s.statement.paragraphs)))
                                  for s in self.of("edition")))

    @property
    def revised(self) -> str:
        return max((s.statement.label for s in self.of("revised")), default="")


def build_date() -> str:
    """Today (UTC), or the day of ``SOURCE_DATE_EPOCH`` (reproducible builds: the same sources make
    the same bytes)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch.isdigit()
              else datetime.datetime.now(datetime.timezone.utc))
    return moment.date().isoformat()


def about_view(collected: Collected, built: str) -> AboutView:
    docs = collected.ordered_docs()
    grouped: dict[str, dict[Statement, Shared]] = {}
    for doc in docs:
        for statement in dict.fromkeys(doc.statements):  # a header repeating itself counts once
            shared = grouped.setdefault(statement.kind, {}).setdefault(statement, Shared(statement))
            shared.docs.append(doc)
    return AboutView(len(docs), {kind: list(found.values()) for kind, found in grouped.items()}, built)


class About(PageKind):
    def navigation(self, collected: Collected) -> list[tuple[str, str]]:
        return [(URL, "About")]

    def pages(self, build: Build) -> list[AboutView]:
        return [about_view(build.collected, build_date())]

    def url(self, page: AboutView) -> str:
        return URL

    def key(self, build: Build, page: AboutView) -> str:
        return digest("about", build.title, page.built, page.texts, [
            (kind, [(shared.statement, [(doc.id, doc.title, doc.title_lang, doc.url) for doc in shared.docs])
                    for shared in found]) for kind, found in sorted(page.statements.items())])

    def draw(self, build: Build, page: AboutView) -> None:
        build.write(URL, "about.html", about=page, shown_texts=SHOWN_TEXTS)
