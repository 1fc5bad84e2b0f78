"""The chronology: each year with its first dated mentions in time order, over a timeline; a year
with more than ``listing.YEAR_ROWS`` has pages of its own (``chronology/<year>.html``), drawn by the
worker pool while this process draws the index."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import replace

from edition.caching import content_digest, digest
from edition.site import dates as dating
from edition.site.collect import Collected
from edition.site.packing import PackedRuns
from edition.site.pages import listing
from edition.site.pages.build import Build, PageKind
from edition.site.pages.geometry import timeline


class Chronology(PageKind):
    def navigation(self, collected: Collected) -> list[tuple[str, str]]:
        return [("chronology.html", "Chronology")] if any(doc.dated for doc in collected.docs.values()) else []

    def write(self, build: Build) -> None:
        key = build.index_key("chronology", lambda doc: build.record_of(doc).dates_digest)
        if build.reuse_with_parts("chronology.html", key):
            return
        collected = build.collected
        by_year: dict[int, PackedRuns] = defaultdict(lambda: PackedRuns(collected.spill))  # by year, a text at a time
        runs: dict[int, list] = defaultdict(list)  # year -> what each text's run shows: the year page's key
        exact: Counter = Counter()  # exact dates per year, and the spans: for the timeline
        spans: list[tuple[int, int]] = []
        undated = 0
        for doc in collected.ordered_docs():
            rows = defaultdict(list)
            for dated in doc.dates:
                attributes = dated.value
                span = dating.years(attributes)
                if span is None:
                    undated += 1
                    continue
                kind = dating.kind(attributes)
                rows[span[0]].append((dated, dating.label(attributes), kind, span, dating.sort_key(attributes)))
                if kind == "exact":
                    exact[span[0]] += 1
                else:
                    spans.append(span)
            for year, found in rows.items():
                runs[year].append((*listing.shown(doc), content_digest(by_year[year].add(doc, found))))
        years = [(year, ChronologyYear(by_year[year])) for year in sorted(by_year)]
        year_pages = {year: f"chronology/{year}.html" for year, rows in years if rows.runs.count > listing.YEAR_ROWS}
        parts = {}
        drawn = []  # (year, its pages to draw), in the pool: a year's rows are sorted once for all its pages
        for year, rows in years:
            if year not in year_pages:
                continue
            # a page's rows depend on every text's of the year (they are sorted together): one key
            year_key = digest("year", year, build.title, runs[year])
            first = listing.Listed(year_pages[year], 1, listing.PAGE_ROWS, rows.runs.count,
                                   "Dated mentions", "dated mentions")
            pages = [replace(first, number=number) for number in range(1, first.pages + 1)]
            todo = [listed for listed in pages if not build.reuse(listed.url, year_key)]
            if todo:
                drawn.append((year, todo))
            parts.update((listed.url, year_key) for listed in pages)

        def write_index() -> None:
            build.write("chronology.html", "chronology.html", years=years, timeline=timeline(exact, spans),
                        undated=undated, total=sum(exact.values()) + len(spans), year_pages=year_pages)

        build.in_pool(_draw_year, (build, dict(years)), drawn, chunk=1, serial_below=2, meanwhile=write_index)
        build.cache.remember_page("chronology.html", key, parts)


class ChronologyYear:
    """A year's dated mentions, as the chronology lists them (in time order), unpacked only while
    the page draws that year."""

    def __init__(self, runs: PackedRuns):
        self.runs = runs

    def __iter__(self):
        rows = [{"doc": doc, "date": dated, "label": label, "kind": kind, "span": span, "key": key}
                for doc, dated, label, kind, span, key in self.runs]
        return iter(sorted(rows, key=lambda r: (r["key"], r["doc"].id, r["date"].mention_id)))

    def head(self, rows: int) -> list[dict]:
        """The first ``rows``, in time order (all of the year's are sorted: a year at a time)."""
        return list(itertools.islice(self, rows))


def _draw_year(state: tuple[Build, dict[int, ChronologyYear]], todo: tuple[int, list[listing.Listed]]) -> int:
    """The pages of a year in the chronology (in a worker); how many were drawn."""
    build, years = state
    year, pages = todo
    rows = list(years[year])  # sorted once for all its pages
    for listed in pages:
        build.draw(listed.url, "year.html", year=year, rows=rows[listed.first:listed.last], listed=listed)
    return len(pages)
