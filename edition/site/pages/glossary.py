"""The glossary of translation notes: each term with its notes in its first ``listing.INDEX_TEXTS``
texts; a term explained in more texts has pages of its own (``glossary/<digest of the term>.html``),
drawn by the worker pool while this process draws the index. The notes are quoted as the texts'
pages rendered them (``Build.quoted``): the texts are written first."""

from __future__ import annotations

from collections import defaultdict

from edition.caching import content_digest, digest
from edition.site.collect import Collected
from edition.site.names import by_initial, collation_key
from edition.site.packing import PackedRuns
from edition.site.pages import listing
from edition.site.pages.build import Build, PageKind


class Glossary(PageKind):
    def navigation(self, collected: Collected) -> list[tuple[str, str]]:
        has_terms = any("translation" in doc.note_layers for doc in collected.docs.values())
        return [("glossary.html", "Glossary")] if has_terms else []

    def write(self, build: Build) -> None:
        # The quoted notes themselves are in the key (not the texts' keys): a text edited outside its
        # translation notes leaves the glossary as it was.
        quoted = build.quoted
        key = build.index_key("glossary", lambda doc: (build.record_of(doc).notes_digest, quoted.digests.get(doc.id)))
        if build.reuse_with_parts("glossary.html", key):
            return
        terms: dict[str, PackedRuns] = defaultdict(lambda: PackedRuns(build.collected.spill))
        runs: dict[str, list] = defaultdict(list)  # term -> what each text's run shows: the page's key
        for doc in build.collected.ordered_docs():
            quotes = quoted.of(doc.id)
            by_term = defaultdict(list)
            for note in doc.notes:
                if note.layer == "translation":
                    by_term[note.term or note.target or "(no Russian term given)"].append(
                        (note, quotes.get((doc.id, note.anchor))))
            for term, notes in by_term.items():
                runs[term].append((*listing.shown(doc), content_digest(terms[term].add(doc, notes))))
        ordered = sorted(terms.items(), key=lambda item: collation_key(item[0]))
        term_pages = {term: (f"glossary/{digest(term)[:16]}.html", number)
                      for number, (term, notes) in enumerate(ordered, 1) if len(notes) > listing.INDEX_TEXTS}
        parts = {}
        drawn = []  # (term, its number, a page of it) to draw, in the pool
        for term, (first_url, number) in term_pages.items():
            notes = terms[term]
            totals = (notes.count, len(notes))
            for page, shown in enumerate(listing.cut(runs[term], listing.PAGE_TEXTS), 1):
                listed = listing.Listed(first_url, page, listing.PAGE_TEXTS, len(notes), "Texts", "notes")
                parts[listed.url] = digest("term", term, number, page, totals, build.title, shown)
                if not build.reuse(listed.url, parts[listed.url]):
                    drawn.append((term, number, listed))

        def write_index() -> None:
            build.write("glossary.html", "glossary.html", terms=ordered, groups=by_initial(ordered),
                        term_pages=term_pages)

        build.in_pool(_draw_term, (build, terms), drawn, chunk=8, meanwhile=write_index)
        build.cache.remember_page("glossary.html", key, parts)


def _draw_term(state: tuple[Build, dict[str, PackedRuns]], page: tuple[str, int, listing.Listed]) -> int:
    """One page of a glossary term (in a worker)."""
    build, terms = state
    term, number, listed = page
    build.draw(listed.url, "term.html", term=term, notes=terms[term], number=number, listed=listed)
    return 1
