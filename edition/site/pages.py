"""Stage 6, write: every page of the site, drawn through Jinja2 templates (autoescape on).

Pages per kind: the home page, one reading page per text, an index and a page per person, place
and organisation, the chronology, the glossary of translation notes, and the search page.
"""

from __future__ import annotations

import itertools
import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from edition import workers
from edition.caching import content_digest, digest
from edition.diagnostics import Diagnostic, warning
from edition.registers import Entry
from edition.site import dates as dating
from edition.site import search
from edition.site.cache import BuildCache
from edition.site.names import by_initial, collation_key, display_name, filter_keys, in_reading_order, initial
from edition.site.collect import Collected, DocData, MentionGroup
from edition.site.packing import PackedRuns, Spilled, pack, unpack
from lxml import etree

from edition.site.render import Context, render_children, render_node, to_html
from edition.site.render.core import apparatus_entry
from edition.site.transforms import ANCHOR, LAYER, prepare, text_root
from edition.site.urls import FOLDERS, entry_url, external_url, page_url
from edition.tei import local_name, qn
from edition.xmlio import read_xml

STATIC = Path(__file__).resolve().parent / "static"

CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")
"""No inline script or style, nothing from another host (a meta tag: static hosts send no headers)."""

KIND_TITLES = {"person": "Persons", "place": "Places", "org": "Organisations"}
INDEX_TEXTS = 5
"""A register's index shows an entry's mentions in its first texts only, and links to the entry's
page for the rest: the index stays readable and does not grow with the corpus, and an edit to a later
text leaves it as it was."""
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
LANGUAGE_NAMES = {"ru": "Russian", "en": "English", "it": "Italian", "de": "German", "fr": "French",
                  "la": "Latin", "": "Unspecified"}


class Site:
    def __init__(self, collected: Collected, source: Path, root: Path, cache: BuildCache | None = None):
        self.collected = collected
        self.cache = cache or BuildCache(root, enabled=False)
        self.source = source
        self.root = root
        self.env = Environment(loader=PackageLoader("edition.site", "templates"),
                               autoescape=select_autoescape(["html", "svg"], default=True),
                               trim_blocks=True, lstrip_blocks=True, auto_reload=False)  # fixed for a build
        self.env.globals.update(csp=CSP, site_title=collected.series_title(), folders=FOLDERS,
                                entry_url=entry_url, display_name=display_name, language_names=LANGUAGE_NAMES,
                                external_url=external_url, kind_titles=KIND_TITLES, index_texts=INDEX_TEXTS,
                                year_rows=YEAR_ROWS)
        self.pages = 0
        # document id -> its translation notes as the glossary quotes them, packed (packing.pack) from
        # [((document, note anchor), Markup)]: unpacked only while the glossary is drawn
        self.quoted_of: dict[str, bytes | Spilled] = {}
        self.quoted_digests: dict[str, str] = {}  # of the same bytes: the glossary's key
        # pointer -> (the id of the text holding the passage it points at, a digest of what it shows)
        self._pointed: dict[str, tuple[str | None, str]] = {}
        self._shown_digests: dict[str, str] = {}  # document id -> digest of what lists show of it

    # -- writing -------------------------------------------------------------------------------
    def write(self, relative: str, template: str, **context) -> None:
        self.draw(relative, template, **context)
        self.pages += 1

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

    def draw(self, relative: str, template: str, **context) -> None:
        """Write one page (uncounted: a worker's count would be lost; ``write`` counts)."""
        depth = relative.count("/")
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        write_page(target, self.env.get_template(template).generate(prefix="../" * depth, page=relative, **context))

    def write_all(self, text_paths: list[Path], progress, diagnostics: list[Diagnostic],
                  meanwhile: Callable[[], None] | None = None) -> int:
        """Every page; ``meanwhile`` runs in this process while the workers draw the texts."""
        shutil.copytree(STATIC, self.root / "static")
        docs = self.collected.ordered_docs()
        by_path = {d.path: d for d in docs}
        self.collected.targets()  # here, not in each worker
        keys = {path: self.text_key(by_path[path]) for path in text_paths} if self.cache.enabled else {}
        reused = {path: self.cache.reusable(by_path[path].url, keys[path]) for path in keys}
        todo = [path for path in text_paths if not reused.get(path, (False,))[0]]
        drawn = workers.map_in_order(_write_text, (self, by_path), todo, meanwhile=meanwhile)
        for done, path in enumerate(text_paths, 1):
            progress("texts", done, len(text_paths))
            url = by_path[path].url
            if path in reused and reused[path][0]:
                self.cache.link(url, self.root)
                quoted, problems = reused[path][1]
            else:
                quoted, problems = next(drawn)
            self.quoted_digests[by_path[path].id] = content_digest(quoted)
            quoted = self.quoted_of[by_path[path].id] = self.collected.spill(quoted)
            if path in keys:
                self.cache.remember_page(url, keys[path], (quoted, problems))
            diagnostics.extend(problems)
            self.pages += 1
        next(drawn, None)  # runs ``meanwhile`` when no text was drawn (every one reused), else the end
        progress("registers", 0, 1)
        for kind in ("person", "place", "org"):
            self.write_register(kind)
        progress("registers", 1, 1)
        self.write_chronology()
        self.write_glossary()
        self.write("search.html", "search.html", bundles=search.bundle_names(self.collected))
        self.write_home(docs)
        return self.pages

    def write_home(self, docs: list[DocData]) -> None:
        """The home page: what the edition holds, then its texts, ``HOME_TEXTS`` a page."""
        summary = {"counts": self.counts(), "texts": len(docs), "languages": list(dict.fromkeys(d.lang for d in docs)),
                   "editorial": sum(layer != "translation" for d in docs for layer in d.note_layers),
                   "translation": sum(layer == "translation" for d in docs for layer in d.note_layers)}
        first = Listed("index.html", 1, HOME_TEXTS, len(docs), "Texts", "texts")
        for number in range(1, first.pages + 1):
            listed = replace(first, number=number)
            shown = docs[listed.first:listed.last]
            key = digest("home", number, self.env.globals["site_title"], summary, first.pages,
                         [(doc.id, doc.title, doc.title_lang, doc.url, doc.lang, _listing(doc)) for doc in shown]) \
                if self.cache.enabled else None
            if not self.reuse(listed.url, key):
                self.write(listed.url, "home.html", docs=shown, summary=summary, listed=listed)

    # -- what a page is drawn from (see edition.site.cache) ------------------------------------------
    @cached_property
    def entry_digests(self) -> dict[str, str]:
        return {identifier: digest(entry) for identifier, entry in self.collected.registers.entries.items()}

    @cached_property
    def shown_ids(self) -> set[str]:
        """The ids a pointer can show something of: register entries, passages of the texts."""
        return self.collected.targets().keys() | self.collected.registers.entries.keys()

    def read_of(self, doc: DocData):
        return self.cache.new_files[str(doc.path)][3]

    def text_key(self, doc: DocData) -> str:
        """A reading page: its file, the entries it names and the passages it points at."""
        read = self.read_of(doc)
        # A pointer at nothing the site shows (most: a sentence, a word) is in the text's bytes already.
        pointed = [self.pointed(doc, token) for token in doc.references
                   if token.rpartition("#")[2] in self.shown_ids]
        return digest("text", str(doc.path), self.tei_path(doc), read.digest, self.env.globals["site_title"], pointed)

    def pointed(self, doc: DocData, token: str) -> str:
        """What a pointer shows of what it points at, as a digest (the same entries are named by many
        texts); a passage of the text itself is only itself: the text's own bytes are in its key."""
        known = self._pointed.get(token)
        if known is None:
            entry = self.collected.entry(token)
            resolved = self.collected.resolve_id(token)
            target = resolved and (*_shown(resolved[0]), resolved[1], resolved[2])
            known = self._pointed[token] = (resolved[0].id if entry is None and resolved else None,
                                            digest(token, self.entry_digests.get(entry.id) if entry else None, target))
        holder, shown = known
        return token if holder == doc.id else shown

    def entry_keys(self, kind: str, entry: Entry, groups: list[MentionGroup], most: int) -> list[str]:
        """Each page of an entry: the entry, its totals, and its mentions in each text the page lists."""
        totals = sum(group.count for group in groups), len(groups)
        return [digest("entry", kind, entry.id, self.entry_digests[entry.id], most, totals, number,
                       [self.group_shown(group) for group in listed], self.env.globals["site_title"])
                for number, listed in enumerate(cut(groups, PAGE_TEXTS), 1)]

    def group_shown(self, group: MentionGroup) -> tuple:
        """What an entry's page shows of a text's mentions of it, for the page's key (the text's
        part digested once per build: the same text is in the groups of every entry it names)."""
        doc_id = group.doc.id
        if doc_id not in self._shown_digests:
            self._shown_digests[doc_id] = digest(_shown(group.doc))
        return self._shown_digests[doc_id], group.count, group.digest

    def index_key(self, page: str, of_doc, *more) -> str | None:
        """A page listing something of every text (chronology, glossary, home): the texts and that something."""
        if not self.cache.enabled:
            return None
        return digest(page, self.env.globals["site_title"], more,
                      [(doc.id, doc.title, doc.title_lang, doc.url, doc.lang, of_doc(doc))
                       for doc in self.collected.ordered_docs()])

    def tei_path(self, doc: DocData) -> str:
        return doc.path.relative_to(self.source).as_posix()

    # -- registers -----------------------------------------------------------------------------
    def entries_view(self, kind: str, mentions: dict[str, list[MentionGroup]]) -> list[dict]:
        views = []
        for entry in in_reading_order(self.collected.registers.of_kind(kind)):
            groups = mentions.get(entry.id, [])
            views.append({
                "entry": entry, "name": display_name(entry), "initial": initial(entry), "filter": filter_keys(entry),
                "forms": _forms_by_language(entry), "count": sum(group.count for group in groups),
                "groups": groups,
                "authority": [(kind_, url) for kind_, url in ((k, external_url(u)) for k, u in entry.idnos) if url],
                "life": _life(entry),
            })
        return views

    def write_register(self, kind: str) -> None:
        """The register's index and a page per entry. The keys come first, from the counts and digests
        of each text's mentions of each entry: the mentions themselves are unpacked, and the views
        (collated names, filter keys) gathered, only when a page of this register is drawn again."""
        entries = self.collected.registers.of_kind(kind)
        mentions = self.collected.mention_groups(kind)  # packed: nothing unpacked yet
        most = max((group.count for groups in mentions.values() for group in groups), default=1)
        keys: dict[str, list[str]] = {}
        index_key = None
        if self.cache.enabled:
            keys = {e.id: self.entry_keys(kind, e, mentions.get(e.id, []), most) for e in entries}
            index_key = digest("register", kind, most, self.env.globals["site_title"], [
                (e.id, self.entry_digests[e.id], sum(group.count for group in mentions.get(e.id, [])),
                 len(mentions.get(e.id, [])), [self.group_shown(group) for group in mentions.get(e.id, [])[:INDEX_TEXTS]])
                for e in entries])
        # (entry, page) to draw again; None: every page (no cache, so no keys)
        todo = {(e.id, number) for e in entries for number, key in enumerate(keys[e.id], 1)
                if not self.reuse(entry_url(kind, e.id, number), key)} if self.cache.enabled else None
        index_reused = self.reuse(f"{FOLDERS[kind]}/index.html", index_key)
        if index_reused and not todo:
            return
        views = self.entries_view(kind, mentions)

        def write_index() -> None:
            letters = sorted({v["initial"] for v in views}, key=lambda c: (c == "#", collation_key(c)))
            self.write(f"{FOLDERS[kind]}/index.html", "register.html", kind=kind, views=views, letters=letters,
                       most=most, map=place_map(views) if kind == "place" else None, title=KIND_TITLES[kind])

        drawn = [(index, number) for index, view in enumerate(views)
                 for number in range(1, len(cut(view["groups"], PAGE_TEXTS)) + 1)
                 if todo is None or (view["entry"].id, number) in todo]
        for _ in workers.map_in_order(_write_entry, (self, kind, views, most), drawn, chunk=16,
                                      meanwhile=None if index_reused else write_index):
            self.pages += 1

    # -- chronology ----------------------------------------------------------------------------
    def write_chronology(self) -> None:
        """The chronology, each year with its first dated mentions in time order; a year with more has
        a page of its own listing them all (``chronology/<year>.html``)."""
        key = self.index_key("chronology", lambda doc: self.read_of(doc).dates_digest)
        if self.reuse_with_parts("chronology.html", key):
            return
        by_year: dict[int, PackedRuns] = defaultdict(lambda: PackedRuns(self.collected.spill))  # by year, a text at a time
        runs: dict[int, list] = defaultdict(list)  # year -> what each text's run shows: the year page's key
        exact: Counter = Counter()  # exact dates per year, and the spans: for the timeline
        spans: list[tuple[int, int]] = []
        undated = 0
        for doc in self.collected.ordered_docs():
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
                runs[year].append((*_shown(doc), content_digest(by_year[year].add(doc, found))))
        years = [(year, ChronologyYear(by_year[year])) for year in sorted(by_year)]
        year_pages = {year: f"chronology/{year}.html" for year, rows in years if rows.runs.count > YEAR_ROWS}
        parts = {}
        drawn = []  # (year, its pages to draw), in the pool: a year's rows are sorted once for all its pages
        for year, rows in years:
            if year not in year_pages:
                continue
            # a page's rows depend on every text's of the year (they are sorted together): one key
            year_key = digest("year", year, self.env.globals["site_title"], runs[year])
            first = Listed(year_pages[year], 1, PAGE_ROWS, rows.runs.count, "Dated mentions", "dated mentions")
            pages = [replace(first, number=number) for number in range(1, first.pages + 1)]
            todo = [listed for listed in pages if not self.reuse(listed.url, year_key)]
            if todo:
                drawn.append((year, todo))
            parts.update((listed.url, year_key) for listed in pages)

        def write_index() -> None:
            self.write("chronology.html", "chronology.html", years=years, timeline=timeline(exact, spans),
                       undated=undated, total=sum(exact.values()) + len(spans), year_pages=year_pages)

        for count in workers.map_in_order(_write_year, (self, dict(years)), drawn, chunk=1, serial_below=2,
                                          meanwhile=write_index):
            self.pages += count
        self.cache.remember_page("chronology.html", key, parts)

    # -- glossary ------------------------------------------------------------------------------
    def write_glossary(self) -> None:
        """The glossary, each term with its notes in its first texts; a term explained in more texts
        has a page of its own listing them all (``glossary/<digest of the term>.html``)."""
        # The quoted notes themselves are in the key (not the texts' keys): a text edited outside its
        # translation notes leaves the glossary as it was.
        key = self.index_key("glossary", lambda doc: (self.read_of(doc).notes_digest, self.quoted_digests.get(doc.id)))
        if self.reuse_with_parts("glossary.html", key):
            return
        terms: dict[str, PackedRuns] = defaultdict(lambda: PackedRuns(self.collected.spill))
        runs: dict[str, list] = defaultdict(list)  # term -> what each text's run shows: the page's key
        for doc in self.collected.ordered_docs():
            quoted = dict(unpack(self.quoted_of.get(doc.id, b"")))
            by_term = defaultdict(list)
            for note in doc.notes:
                if note.layer == "translation":
                    by_term[note.term or note.target or "(no Russian term given)"].append(
                        (note, quoted.get((doc.id, note.anchor))))
            for term, notes in by_term.items():
                runs[term].append((*_shown(doc), content_digest(terms[term].add(doc, notes))))
        ordered = sorted(terms.items(), key=lambda item: collation_key(item[0]))
        term_pages = {term: (f"glossary/{digest(term)[:16]}.html", number)
                      for number, (term, notes) in enumerate(ordered, 1) if len(notes) > INDEX_TEXTS}
        parts = {}
        drawn = []  # (term, its number, a page of it) to draw, in the pool
        for term, (first_url, number) in term_pages.items():
            notes = terms[term]
            totals = (notes.count, len(notes))
            for page, shown in enumerate(cut(runs[term], PAGE_TEXTS), 1):
                listed = Listed(first_url, page, PAGE_TEXTS, len(notes), "Texts", "notes")
                parts[listed.url] = digest("term", term, number, page, totals, self.env.globals["site_title"], shown)
                if not self.reuse(listed.url, parts[listed.url]):
                    drawn.append((term, number, listed))

        def write_index() -> None:
            self.write("glossary.html", "glossary.html", terms=ordered, groups=by_initial(ordered), term_pages=term_pages)

        for _ in workers.map_in_order(_write_term, (self, terms), drawn, chunk=8, meanwhile=write_index):
            self.pages += 1
        self.cache.remember_page("glossary.html", key, parts)

    def counts(self) -> dict:
        entries = self.collected.registers.entries.values()
        return {kind: sum(e.kind == kind for e in entries) for kind in ("person", "place", "org")}


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


def _shown(doc: DocData) -> tuple:
    """What a list of mentions shows of their text."""
    return doc.id, doc.title, doc.title_lang, doc.url, doc.lang


def _listing(doc: DocData) -> tuple:
    """What the home page shows of a text (besides its title, language and address)."""
    return doc.header, doc.paragraphs, doc.names, list(doc.note_layers)


def write_page(target: Path, chunks: Iterable[str]) -> None:
    """A page written as it is drawn: the largest (a register's index, every mention of every
    entry) is never whole in memory. The one place pages reach the disk."""
    with open(target, "w", encoding="utf-8") as handle:
        handle.writelines(chunks)


def _write_text(state: tuple["Site", dict[Path, DocData]], path: Path):
    """One reading page (in a worker): what the glossary quotes and the problems go back."""
    site, by_path = state
    doc = by_path[path]
    body, notes, quoted, problems = render_document(path, doc, site.collected)
    tei_href = f"../tei/{site.tei_path(doc)}" if doc.published else ""
    site.draw(doc.url, "text.html", doc=doc, body=body, notes=notes, tei_href=tei_href)
    return pack(list(quoted.items())), problems


def _write_entry(state: tuple["Site", str, list[dict], int], page: tuple[int, int]) -> None:
    """One page of a register entry (in a worker): ``page`` is (the entry's view, the page's number)."""
    site, kind, views, most = state
    index, number = page
    view = views[index]
    listed = Listed(entry_url(kind, view["entry"].id), number, PAGE_TEXTS, len(view["groups"]), "Texts", "mentions")
    site.draw(listed.url, "entry.html", kind=kind, view=view, most=most, listed=listed,
              map=place_map([view], zoom=True) if kind == "place" and view["entry"].geo else None)


def _write_term(state: tuple["Site", dict[str, PackedRuns]], page: tuple[str, int, Listed]) -> None:
    """One page of a glossary term (in a worker)."""
    site, terms = state
    term, number, listed = page
    site.draw(listed.url, "term.html", term=term, notes=terms[term], number=number, listed=listed)


def _write_year(state: tuple["Site", dict[int, "ChronologyYear"]], todo: tuple[int, list[Listed]]) -> int:
    """The pages of a year in the chronology (in a worker); how many were drawn."""
    site, years = state
    year, pages = todo
    rows = list(years[year])  # sorted once for all its pages
    for listed in pages:
        site.draw(listed.url, "year.html", year=year, rows=rows[listed.first:listed.last], listed=listed)
    return len(pages)


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


def render_document(path: Path, doc: DocData, collected: Collected):
    """The reading text, its apparatus, and its translation notes as the glossary quotes them.

    A pure function of one file and the collected data: ``(body, {layer: [notes]},
    {(document, note anchor): note}, diagnostics)``, the HTML as Markup.
    """
    tree = prepare(read_xml(path))
    text = text_root(tree)
    context = Context(collected, doc)
    context.noted = {pointer.lstrip("#") for note in text.iter(qn("tei:note"))
                     for pointer in (note.get("target") or "").split()}
    root = etree.Element("div")
    for part in text:
        if local_name(part) in ("front", "body", "back"):
            render_node(part, root, context)
    layers: dict[str, list[str]] = {"notes": [], "translation": []}
    for note in context.notes:
        holder = etree.Element("ol")
        apparatus_entry(note, holder, context)
        layers[note.get("site-layer")].append(Markup(to_html(holder[0])))
    quoted = {}
    glossary_context = Context(collected, doc, prefix="", inline=True, with_ids=False, own_page=False,
                               noted=context.noted)
    for note in context.notes:
        if note.get(LAYER) == "translation":
            holder = etree.Element("span")
            render_children(note, holder, glossary_context)
            quoted[(doc.id, note.get(ANCHOR))] = Markup(to_html(holder, inner=True))
    problems = [warning(path, context.unknown_lines[name], 0, "unknown-element",
                        f"<{name}> has no rendering rule ({count}×); shown as plain text in a span",
                        element=name) for name, count in sorted(context.unknown.items())]
    del tree
    return Markup(to_html(root, inner=True)), layers, quoted, problems


def _forms_by_language(entry: Entry) -> list[tuple[str, list]]:
    grouped: dict[str, list] = defaultdict(list)
    for name in entry.names:
        grouped[name.lang].append(name)
    order = {"ru": 0, "en": 1, "it": 2}
    return sorted(grouped.items(), key=lambda item: (order.get(item[0], 3), item[0]))


def _life(entry: Entry) -> str:
    if not (entry.birth or entry.death):
        return ""
    return f"{entry.birth or '?'}–{entry.death or '?'}"


def place_map(views: list[dict], zoom: bool = False) -> dict | None:
    """Points on the shipped Natural Earth outline (equirectangular), framed around the places."""
    points = [(v["entry"], v["entry"].geo) for v in views if v["entry"].geo]
    if not points:
        return None
    longitudes = [geo[1] for _, geo in points]
    latitudes = [geo[0] for _, geo in points]
    locator = zoom or len(points) == 1  # one place: a wide strip, so coasts and seas show where it is
    lat_margin, lon_margin = (18, 45) if locator else (4, 4)
    west, east = max(-180, min(longitudes) - lon_margin), min(180, max(longitudes) + lon_margin)
    south, north = max(-90, min(latitudes) - lat_margin), min(90, max(latitudes) + lat_margin)
    width, height = max(east - west, 16), max(north - south, 10)
    # a locator is drawn by its height (a strip); an overview by its larger side
    radius, font = (height / 40, height / 16) if locator else (max(width, height) / 120, max(width, height) / 60)
    return {"viewbox": f"{west:.2f} {-north:.2f} {width:.2f} {height:.2f}", "radius": f"{radius:.3f}",
            "labels": len(points) <= 12, "font": f"{font:.3f}",
            "points": [{"entry": e, "x": f"{geo[1]:.3f}", "y": f"{-geo[0]:.3f}"} for e, geo in points]}


def timeline(exact: Counter, spans: list[tuple[int, int]]) -> dict | None:
    """Dated mentions per year, drawn at build time: bars for exact dates (``exact``: how many in
    each year), lines for spans (``(first year, last year)`` each)."""
    if not exact and not spans:
        return None
    first = min(min(exact, default=10 ** 6), min((s[0] for s in spans), default=10 ** 6),
                min((s[1] for s in spans), default=10 ** 6))
    last = max(max(exact, default=-10 ** 6), max((s[1] for s in spans), default=-10 ** 6))
    if last - first > 400:  # a stray far date must not flatten the chart
        first = max(first, last - 400)
    years = list(range(first, last + 1))
    step, bar_area = max(12, min(40, 720 // len(years))), 80  # wider bars when there are few years
    most = max(exact.values(), default=1)
    bars = [{"year": y, "count": exact.get(y, 0), "x": (y - first) * step,
             "height": round(bar_area * exact.get(y, 0) / most, 1)} for y in years]
    distinct = sorted(set(spans))
    lines = [{"x1": (max(s[0], first) - first) * step + 2, "x2": (min(s[1], last) - first) * step + step - 2,
              "y": bar_area + 30 + 6 * (i % 8), "label": f"{s[0]}–{s[1]}"} for i, s in enumerate(distinct)]
    return {"bars": bars, "lines": lines, "width": len(years) * step, "height": bar_area + 30 + 6 * 8 + 10,
            "base": bar_area, "step": step, "label_every": 1 if step >= 28 else (5 if len(years) <= 150 else 25)}
