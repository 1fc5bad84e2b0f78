"""Stage 7, index for search: Pagefind records for every paragraph and every register entry.

Records are added one by one (not by crawling the pages) so that each result is a paragraph,
its URL the paragraph's anchor. Pagefind stems per language and keeps one index per language,
and its script searches only the index of the page's own language; so each language gets a
bundle of its own (``pagefind-ru/``, ``pagefind-en/``…) and the search page merges them all.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from pathlib import Path

from edition.site.collect import Collected
from edition.site.names import display_name
from edition.site.urls import entry_url

STEMMED = frozenset({"ar", "hy", "eu", "ca", "da", "nl", "en", "fi", "fr", "de", "el", "hi", "hu", "id", "ga",
                     "it", "lt", "ne", "no", "pt", "ro", "ru", "sr", "es", "sv", "ta", "tr", "yi"})


def language(code: str) -> str:
    short = (code or "").split("-")[0].lower()
    return short if short in STEMMED else "unknown"


def records(collected: Collected) -> dict[str, list[dict]]:
    """Search records by language: ``{"ru": [{"url", "content", "meta"}…]}``."""
    found: dict[str, list[dict]] = defaultdict(list)
    for doc in collected.ordered_docs():
        for block in doc.blocks:
            found[language(block.lang or doc.lang)].append({
                "url": f"{doc.url}#{block.anchor}", "content": block.text,
                "meta": {"title": f"{doc.title}, {block.where}", "kind": "text"}})
    for entry in collected.registers.entries.values():
        content = " ".join([*(n.text for n in entry.names), entry.occupation, entry.description])
        found["en"].append({"url": entry_url(entry.kind, entry.id), "content": content,
                            "meta": {"title": display_name(entry), "kind": entry.kind}})
    return dict(found)


def bundle_languages(collected: Collected) -> list[str]:
    """The bundles the search page merges, the largest first (it becomes the primary index)."""
    counted = records(collected)
    return sorted(counted, key=lambda lang: (-len(counted[lang]), lang))


def index(collected: Collected, site: Path) -> int:
    """Write one Pagefind bundle per language into ``site``; return the number of records."""
    by_language = records(collected)
    asyncio.run(_write(by_language, site))
    return sum(map(len, by_language.values()))


async def _write(by_language: dict[str, list[dict]], site: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    for lang, items in by_language.items():
        config = IndexConfig(force_language=lang if lang != "unknown" else "en")
        async with PagefindIndex(config) as pagefind:
            for item in items:
                await pagefind.add_custom_record(url="/" + item["url"], content=item["content"],
                                                 language=config["force_language"], meta=item["meta"])
            await pagefind.write_files(output_path=str(site / f"pagefind-{lang}"))
