"""Index for search: Pagefind bundles whose results are paragraphs, notes and register entries.

Pagefind splits a page into sub-results at headings with an ``id``. The reading pages should not
grow a heading per paragraph, so the indexer is fed pages of its own, never served: one per text,
each paragraph under a heading whose id is the paragraph's anchor (results link to
``texts/x.html#x-p12``), and one per register entry.

Pagefind stems per language and its script searches only the index of the page's own language,
so each language gets bundles of its own (``pagefind-ru/``, ``pagefind-en/``…), which the search
page merges. A language of more than ``BUNDLE_CHARACTERS`` is split (``pagefind-en-2/``…): the
indexer holds all the pages of a bundle in memory, and an edit indexes only its bundle again. The
Pagefind binary is run on the files (its Python service answers one record per tenth of a
second, too slow for a corpus).

The search page's facets (the text, the language, the kind of result: paragraph, note, register
entry) are drawn in the browser from each result's address, not from Pagefind's filters (whose
files are not the same bytes from one build to the next): a text's notes are a search page of
their own, and the languages of the pages and of the paragraphs and notes written in another are
on the search page (``result_languages``). A block that names a register entry is indexed with every
name form of the entry, in every script, after its words: "Троцкий" finds Trotsky's mentions in
the English and Italian texts, "Alma-Ata" the Russian "Алма-Ату".
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from babel import Locale
from lxml import etree
from lxml.builder import E

from edition.caching import content_digest, digest, write_record
from edition.registers import Entry
from edition.site.cache import BuildCache
from edition.site.collect import Collected, DocData
from edition.site.names import display_name
from edition.site.urls import entry_url

STEMMED = frozenset({"ar", "hy", "eu", "ca", "da", "nl", "en", "fi", "fr", "de", "el", "hi", "hu", "id", "ga",
                     "it", "lt", "ne", "no", "pt", "ro", "ru", "sr", "es", "sv", "ta", "tr", "yi"})


BUNDLE_CHARACTERS = 4_000_000
"""The text a bundle holds at most (a page's text counts, and ``PAGE_CHARACTERS`` more). The
indexer's memory grows with the bundle it indexes, so this bounds it (docs/performance.md). The
search page merges every bundle, so not too many either."""
PAGE_CHARACTERS = 500
NOTE_CHARACTERS = 400
"""What a note is reckoned to hold when a bundle's text is counted (its words are read only when
its search page is written)."""


@dataclass(frozen=True)
class TextNotes:
    """The search page of a text's notes (``texts/<id>.notes.html``: results link to the text's page)."""
    doc: DocData

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def url(self) -> str:
        return self.doc.url.removesuffix(".html") + ".notes.html"


class SearchIndexError(Exception):
    pass


def language(code: str) -> str:
    short = (code or "").split("-")[0].lower()
    return short if short in STEMMED else "en"


def indexed_pages(collected: Collected, bundles: set[str] | None = None) -> Iterator[tuple[str, str, etree._Element]]:
    """The pages Pagefind reads, one at a time: ``(bundle, url, <html>)`` (only those of
    ``bundles`` when given). A generator: the pages of a large corpus are never all in memory."""
    blocks_of: tuple[DocData | None, dict, dict] = (None, {}, {})  # the last text's blocks by language, names by block
    for bundle, lang, page in plan(collected):
        if bundles is not None and bundle not in bundles:
            continue
        if isinstance(page, (DocData, TextNotes)):
            doc = page.doc if isinstance(page, TextNotes) else page
            if blocks_of[0] is not doc:
                by_language = defaultdict(list)
                for block in doc.blocks:
                    by_language[language(block.lang or doc.lang)].append(block)
                blocks_of = (doc, by_language, names_by_block(collected, doc))
            names = blocks_of[2]
            sections = []
            if isinstance(page, TextNotes):
                for note in doc.notes:
                    sections += _section(f"{'translation note' if note.layer == 'translation' else 'note'} {note.number}",
                                         note.anchor, note.explanation, names.get(note.anchor, ()))
            else:
                for block in blocks_of[1][lang]:
                    sections += _section(block.where, block.anchor, block.text, names.get(block.anchor, ()))
            yield bundle, page.url, _page(lang, doc.title, sections)
        else:
            words = [n.text for n in page.names] + [page.occupation, page.description]
            yield bundle, entry_url(page.kind, page.id), _page(
                "en", display_name(page), [E.p(" · ".join(w for w in words if w))], weight="10")


LANGUAGE_NAMES_IN_ENGLISH = Locale("en").languages
"""CLDR's names of languages, in the site's language (English)."""


def language_name(code: str) -> str:
    """A language's name for a reader ("Russian" for ``ru``, ``ru-Latn`` too); the code itself when CLDR has none."""
    locale = (code or "").replace("-", "_")
    return (LANGUAGE_NAMES_IN_ENGLISH.get(locale) or LANGUAGE_NAMES_IN_ENGLISH.get(locale.split("_")[0].lower())
            or code)


def result_languages(collected: Collected) -> dict:
    """The language of each result, for the search page's Language facet: ``pages``, each text's
    page by its address; ``anchors``, a paragraph's or note's own language by its anchor where it is
    not its page's (an English note in the Italian translation); ``other``, the register entries'
    (their pages are in English). Languages by name. Read by the search page's script from the
    result's address, not from Pagefind's filters, which are not the same bytes from one build to
    the next."""
    pages: dict[str, str] = {}
    anchors: dict[str, dict[str, str]] = {}
    for doc in collected.ordered_docs():
        page_language = language_name(doc.lang)
        pages[doc.url] = page_language
        own: dict[str, str] = {}
        if any(language(code) != language(doc.lang) for code in doc.block_characters):
            for block in doc.blocks:
                if block.lang and language_name(block.lang) != page_language:
                    own[block.anchor] = language_name(block.lang)
        if doc.note_layers:
            for note in doc.notes:
                if note.lang and language_name(note.lang) != page_language:
                    own[note.anchor] = language_name(note.lang)
        if own:
            anchors[doc.url] = own
    return {"pages": pages, "anchors": anchors, "other": language_name("en")}


def _section(where: str, anchor: str, text: str, names: tuple[str, ...]) -> list[etree._Element]:
    """A sub-result: its heading (where it is, linked by its anchor), its words, then the name forms
    of the entries it names (what makes a query in another script find it)."""
    section = [E.h2(where, id=anchor), E.p(text)]
    if names:
        section.append(E.p(" · ".join(names), **{"class": "names"}))
    return section


def names_by_block(collected: Collected, doc: DocData) -> dict[str, tuple[str, ...]]:
    """Each block's (and note's) register entries' name forms, by the block's anchor."""
    found: dict[str, dict[str, None]] = defaultdict(dict)
    for entry_id in doc.mention_groups.keys:
        entry = collected.registers.entries.get(collected.entry_id_of(entry_id, doc.path))
        if entry is None:
            continue
        forms = [name.text for name in entry.names]
        for mention in doc.mention_groups.get(entry_id):
            found[mention.anchor].update(dict.fromkeys(forms))
    return {anchor: tuple(forms) for anchor, forms in found.items()}


def plan(collected: Collected) -> Iterator[tuple[str, str, DocData | TextNotes | Entry]]:
    """Every search page as ``(bundle, language, text or register entry)``, in order, without
    drawing it: a language's pages (texts, then the register entries in English) go to its bundles
    in turn, a new one when the next page would take it over ``BUNDLE_CHARACTERS``."""
    part: dict[str, int] = defaultdict(int)
    held: dict[str, int] = defaultdict(int)

    def place(lang: str, characters: int) -> str:
        characters += PAGE_CHARACTERS
        if held[lang] and held[lang] + characters > BUNDLE_CHARACTERS:
            part[lang], held[lang] = part[lang] + 1, 0
        held[lang] += characters
        return lang if part[lang] == 0 else f"{lang}-{part[lang] + 1}"

    for doc in collected.ordered_docs():
        sizes: dict[str, int] = defaultdict(int)
        for code, characters in doc.block_characters.items():
            sizes[language(code)] += characters
        for lang in sorted(sizes):
            yield place(lang, sizes[lang]), lang, doc
        if doc.note_layers:  # in the bundle of the text's language (the notes of a text are one page)
            lang = language(doc.lang)
            yield place(lang, NOTE_CHARACTERS * len(doc.note_layers)), lang, TextNotes(doc)
    for entry in collected.registers.entries.values():
        yield place("en", 0), "en", entry


def bundle_keys(collected: Collected, text_pages: dict[str, dict[str, str]], entry_pages: list[str],
                note_pages: dict[str, str]) -> dict[str, str]:
    """A digest of each bundle's pages: ``text_pages``, a digest of each text's page in each language
    (by document id), ``note_pages`` of each text's notes, ``entry_pages`` of the entries' (in the
    registers' order: a text's pages hold the name forms of the entries it names)."""
    pages: dict[str, list] = defaultdict(list)
    entry_digests = iter(entry_pages)
    for bundle, lang, page in plan(collected):
        if isinstance(page, DocData):
            pages[bundle].append((page.url, text_pages[page.id][lang]))
        elif isinstance(page, TextNotes):
            pages[bundle].append((page.url, note_pages[page.id]))
        else:
            pages[bundle].append(next(entry_digests))
    return {bundle: digest(bundle, listed, entry_pages) for bundle, listed in pages.items()}


def _page(lang: str, title: str, content: list, weight: str | None = None) -> etree._Element:
    """A search page: its title and content, no Pagefind filters or metadata (Pagefind writes those in
    an order of its own, not the same bytes from the same pages; the facets read the result's address)."""
    heading = E.h1(title, **({"data-pagefind-weight": weight} if weight else {}))
    return E.html(E.head(E.title(title)), E.body(E.main(heading, *content, **{"data-pagefind-body": ""})), lang=lang)


def bundle_names(collected: Collected) -> list[str]:
    """The bundles the search page merges: the language with the most pages first (its first bundle
    becomes the primary index), each language's bundles in order."""
    sizes = bundle_sizes(collected)
    pages: Counter = Counter()
    for bundle, count in sizes.items():
        pages[bundle_language(bundle)] += count
    order = {bundle: position for position, bundle in enumerate(sizes)}
    return sorted(sizes, key=lambda bundle: (-pages[bundle_language(bundle)], bundle_language(bundle), order[bundle]))


def bundle_language(bundle: str) -> str:
    return bundle.partition("-")[0]


def bundle_sizes(collected: Collected) -> dict[str, int]:
    """How many pages ``indexed_pages`` puts in each bundle (without drawing them)."""
    return dict(Counter(bundle for bundle, _, _ in plan(collected)))


def start(collected: Collected, site: Path, cache: BuildCache | None = None,
          keys: dict[str, str] | None = None) -> "Indexing":
    """Start writing the Pagefind bundles into ``site``: the indexer runs in the background while
    the build draws its pages (it reads only the search pages written here, from the collected
    data, so it needs none of them); ``finish`` waits for it.

    With a ``cache`` and ``keys`` (a digest of each bundle's pages, ``bundle_keys``), a bundle whose
    pages are unchanged is linked from the previous site instead of indexed again.
    """
    sizes = bundle_sizes(collected)
    count = 0
    todo = set(sizes)
    for bundle in sorted(sizes):
        published = f"pagefind-{bundle}"
        if cache is not None and keys and cache.reusable(f"{published}/pagefind-entry.json", keys[bundle])[0]:
            shutil.copytree(cache.out / published, site / published, copy_function=os.link)
            todo.discard(bundle)
            count += sizes[bundle]
        if cache is not None and keys:
            cache.remember_page(f"{published}/pagefind-entry.json", keys[bundle])
    folder, kept = _pages_folder(cache, set(sizes))
    indexing = Indexing(count, folder, temporary=not kept)
    try:
        written: dict[str, BundlePages] = {}
        for bundle, url, page in indexed_pages(collected, todo) if todo else ():
            if bundle not in written:
                written[bundle] = BundlePages(folder / bundle, cache.toolkit if kept else "")
            written[bundle].put(url, etree.tostring(page, method="html", encoding="utf-8", doctype="<!DOCTYPE html>"))
            indexing.count += 1
        for pages in written.values():
            pages.save()
        commands = [(bundle, pagefind_command(folder / bundle, site / f"pagefind-{bundle}",
                                              bundle_language(bundle))) for bundle in sorted(written)]
        if commands:  # a process of its own, not a thread: the build forks its workers meanwhile
            indexing.runner = subprocess.Popen([sys.executable, "-m", __name__, json.dumps(commands)],
                                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except BaseException:
        indexing.close()
        raise
    return indexing


def _pages_folder(cache: BuildCache | None, bundles: set[str]) -> tuple[Path, bool]:
    """Where the search pages are written: ``(folder, kept)``, kept in the build's cache (an edit
    then rewrites one page), else a scratch folder removed at the end."""
    if cache is not None and cache.enabled:
        folder = cache.folder / "search-pages"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # a bundle the edition no longer has (a language gone, a split undone) leaves no pages behind
            for gone in [path for path in folder.iterdir() if path.name.removesuffix(".json") not in bundles]:
                if gone.is_dir():
                    shutil.rmtree(gone, ignore_errors=True)
                else:
                    gone.unlink(missing_ok=True)
            return folder, True
        except OSError:  # a cache that cannot be written: the build goes on without it
            pass
    return Path(tempfile.mkdtemp(prefix="tei-edition-search-")), False


def pagefind_command(pages: Path, output: Path, lang: str) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", str(output),
            "--force-language", lang, "--silent"]


class BundlePages:
    """A bundle's search pages, the files the indexer reads. Kept between builds in the build's
    cache (with a record of each page's digest, ``<bundle>.json``): a page is written only when its
    bytes changed, and the pages that left the bundle are removed. An edit does not write its
    bundle's thousands of pages again, which takes seconds where creating files is slow."""

    def __init__(self, folder: Path, toolkit: str):
        self.folder = folder
        self.record = folder.with_name(f"{folder.name}.json")
        self.toolkit = toolkit
        self.before = self._recorded()
        self.now: dict[str, str] = {}

    def _recorded(self) -> dict[str, str]:
        """The pages the folder holds; none (and an empty folder) when that is not known for sure."""
        try:
            recorded = json.loads(self.record.read_text(encoding="utf-8"))
            self.record.unlink()  # until saved again: a build failing halfway leaves no record to trust
            if recorded["toolkit"] == self.toolkit and isinstance(recorded["pages"], dict):
                return recorded["pages"]
        except (OSError, ValueError, KeyError, TypeError):
            pass
        shutil.rmtree(self.folder, ignore_errors=True)
        return {}

    def put(self, url: str, data: bytes) -> None:
        key = self.now[url] = content_digest(data)
        target = self.folder / url
        if self.before.get(url) != key or not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    def save(self) -> None:
        for url in self.before.keys() - self.now.keys():
            (self.folder / url).unlink(missing_ok=True)
        self.record.parent.mkdir(parents=True, exist_ok=True)
        write_record(self.record, json.dumps({"toolkit": self.toolkit, "pages": self.now}).encode("utf-8"))


class Indexing:
    """The search index being written: the pages counted, the search pages, the indexer's process."""

    def __init__(self, count: int, scratch: Path, temporary: bool = True):
        self.count = count
        self.scratch = scratch
        self.temporary = temporary  # the search pages are removed at the end (not kept in the cache)
        self.runner: subprocess.Popen | None = None

    def finish(self) -> int:
        """Wait for the indexer; the number of pages indexed."""
        try:
            if self.runner is not None:
                out, err = self.runner.communicate()
                if self.runner.returncode != 0:
                    raise SearchIndexError(f"{out}{err}".strip() or f"the indexer exited with {self.runner.returncode}")
        finally:
            self.close()
        return self.count

    def close(self) -> None:
        """Stop the indexer if it still runs (the build failed) and remove the search pages (when
        they are not kept in the cache)."""
        if self.runner is not None and self.runner.poll() is None:
            self.runner.kill()
            self.runner.communicate()
        if self.temporary:
            shutil.rmtree(self.scratch, ignore_errors=True)


def _run(commands: list[tuple[str, list[str]]]) -> int:
    """In the indexer's process: each bundle in turn (the indexer holds one bundle's pages in memory)."""
    for bundle, command in commands:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            sys.stderr.write(f"pagefind failed for {bundle}: {result.stdout}{result.stderr}".strip())
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(_run(json.loads(sys.argv[1])))
