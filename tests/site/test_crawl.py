"""Follow every internal link and anchor of a built site: none may be broken."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from lxml import html

SKIPPED_FOLDERS = ("pagefind-",)


def crawl(site: Path) -> list[str]:
    """Every broken internal link or fragment of ``site``, as "page -> href"."""
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = set(html.parse(str(path)).getroot().xpath("//@id")) if path.suffix == ".html" else set()
        return ids[path]

    broken = []
    pages = [p for p in site.rglob("*.html") if not any(p.relative_to(site).parts[0].startswith(s)
                                                        for s in SKIPPED_FOLDERS)]
    for page in pages:
        root = html.parse(str(page)).getroot()
        for href in root.xpath("//a/@href | //link/@href | //script/@src | //image/@href | //form/@action"):
            parts = urlsplit(href)
            if parts.scheme in ("http", "https", "mailto"):
                continue
            assert not parts.scheme and not parts.netloc, f"{page}: {href}"
            target_path, fragment = urldefrag(href)
            target = (page.parent / unquote(target_path)).resolve() if target_path else page
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {href} (no such file)")
            elif fragment and unquote(fragment) not in ids_of(target):
                broken.append(f"{page.relative_to(site)} -> {href} (no such anchor)")
    return broken


def test_crawl_finds_no_broken_link_in_the_fixture_site(basic_site):
    assert crawl(basic_site[0]) == []


def test_crawl_finds_no_broken_link_in_the_edition(edition_site):
    assert crawl(edition_site[0]) == []


def test_the_crawler_sees_broken_links(basic_site, tmp_path):
    page = tmp_path / "index.html"
    page.write_text('<html><body><a id="x" href="#x">ok</a><a href="#nowhere">a</a><a href="missing.html">b</a>'
                    '<a href="https://example.org/">external</a></body></html>', encoding="utf-8")
    assert crawl(tmp_path) == ["index.html -> #nowhere (no such anchor)", "index.html -> missing.html (no such file)"]
