"""Stage 7, index for search: Pagefind bundles whose results are paragraphs and register entries.

Pagefind splits a page into sub-results at headings with an ``id``. The reading pages should not
grow a heading per paragraph, so the indexer is fed pages of its own, never served: one per text,
each paragraph under a heading whose id is the paragraph's anchor (results link to
``texts/x.html#x-p12``), and one per register entry.

Pagefind stems per language and its script searches only the index of the page's own language,
so each language gets a bundle of its own (``pagefind-ru/``, ``pagefind-en/``…), which the search
page merges. The Pagefind binary is run on the files (its Python service answers one record per
tenth of a second, too slow for a corpus).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Iterator

from lxml import etree
from lxml.builder import E

from edition.site.cache import BuildCache
from edition.site.collect import Collected
from edition.site.names import display_name
from edition.site.urls import entry_url

STEMMED = frozenset({"ar", "hy", "eu", "ca", "da", "nl", "en", "fi", "fr", "de", "el", "hi", "hu", "id", "ga",
                     "it", "lt", "ne", "no", "pt", "ro", "ru", "sr", "es", "sv", "ta", "tr", "yi"})


class SearchIndexError(Exception):
    pass


def language(code: str) -> str:
    short = (code or "").split("-")[0].lower()
    return short if short in STEMMED else "en"


def indexed_pages(collected: Collected, languages: set[str] | None = None) -> Iterator[tuple[str, str, etree._Element]]:
    """The pages Pagefind reads, one at a time: ``(language, url, <html>)`` (only ``languages``
    when given). A generator: the pages of a large corpus are never all in memory."""
    for doc in collected.ordered_docs():
        by_language = defaultdict(list)
        for block in doc.blocks:
            by_language[language(block.lang or doc.lang)].append(block)
        for lang, blocks in by_language.items():
            if languages is not None and lang not in languages:
                continue
            sections = []
            for block in blocks:
                sections += [E.h2(f"{doc.title}, {block.where}", id=block.anchor), E.p(block.text)]
            yield lang, doc.url, _page(lang, doc.title, sections)
    for entry in collected.registers.entries.values() if languages is None or "en" in languages else ():
        words = [n.text for n in entry.names] + [entry.occupation, entry.description]
        yield "en", entry_url(entry.kind, entry.id), _page("en", display_name(entry),
                                                            [E.p(" · ".join(w for w in words if w))])


def _page(lang: str, title: str, content: list) -> etree._Element:
    return E.html(E.head(E.title(title)), E.body(E.main(E.h1(title), *content, **{"data-pagefind-body": ""})),
                  lang=lang)


def bundle_languages(collected: Collected) -> list[str]:
    """The bundles the search page merges, the largest first (it becomes the primary index)."""
    pages = page_counts(collected)
    return sorted(pages, key=lambda lang: (-pages[lang], lang))


def page_counts(collected: Collected) -> dict[str, int]:
    """How many pages ``indexed_pages`` gives each language (without drawing them)."""
    counts: dict[str, int] = defaultdict(int)
    for doc in collected.docs.values():
        for lang in {language(code) for code in doc.block_languages}:
            counts[lang] += 1
    if collected.registers.entries:
        counts["en"] += len(collected.registers.entries)
    return dict(counts)


def index(collected: Collected, site: Path, cache: BuildCache | None = None,
          keys: dict[str, str] | None = None) -> int:
    """Write one Pagefind bundle per language into ``site``; return the number of pages indexed.

    With a ``cache`` and ``keys`` (a digest of each language's pages), a bundle whose pages are
    unchanged is linked from the previous site instead of indexed again.
    """
    counts = page_counts(collected)
    count = 0
    todo = set(counts)
    for lang in sorted(counts):
        folder = f"pagefind-{lang}"
        if cache is not None and keys and cache.reusable(f"{folder}/pagefind-entry.json", keys[lang])[0]:
            shutil.copytree(cache.out / folder, site / folder, copy_function=os.link)
            todo.discard(lang)
            count += counts[lang]
        if cache is not None and keys:
            cache.remember_page(f"{folder}/pagefind-entry.json", keys[lang])
    with tempfile.TemporaryDirectory(prefix="tei-edition-search-") as scratch:
        written: set[str] = set()
        for lang, url, page in indexed_pages(collected, todo) if todo else ():
            target = Path(scratch) / lang / url
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(etree.tostring(page, method="html", encoding="utf-8", doctype="<!DOCTYPE html>"))
            written.add(lang)
            count += 1
        for lang in sorted(written):
            folder = Path(scratch) / lang
            result = subprocess.run(
                [sys.executable, "-m", "pagefind", "--site", str(folder), "--output-path",
                 str(site / f"pagefind-{lang}"), "--force-language", lang, "--silent"],
                capture_output=True, text=True, check=False)
            if result.returncode != 0:
                raise SearchIndexError(f"pagefind failed for {lang}: {result.stdout}{result.stderr}".strip())
    return count
