"""The search page: it merges the Pagefind bundles (``edition.site.search``), drawn on every build."""

from __future__ import annotations

import json

from edition.site import search
from edition.site.collect import Collected
from edition.site.pages.build import Build, PageKind


class Search(PageKind):
    def navigation(self, collected: Collected) -> list[tuple[str, str]]:
        return [("search.html", "Search")]

    def pages(self, build: Build) -> list[str]:
        return ["search.html"]

    def url(self, page: str) -> str:
        return page

    def key(self, build: Build, page: str) -> None:
        return None  # its bundles' names are cheap to draw again

    def draw(self, build: Build, page: str) -> None:
        build.write(page, "search.html", bundles=search.bundle_names(build.collected),
                    languages=json.dumps(search.result_languages(build.collected), ensure_ascii=False,
                                         separators=(",", ":")))
