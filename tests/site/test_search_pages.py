"""The search pages the indexer reads are kept in the build's cache: a rebuild writes only the
pages whose bytes changed, removes those that left their bundle, and trusts nothing a failed
build may have half written. The bundles are the same bytes as a clean build's either way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from edition.site import search
from edition.site.cache import cache_folder
from edition.site.pipeline import build_site

ROOTS = Path(__file__).resolve().parents[1] / "roots"


def kept(out: Path) -> dict[str, tuple[int, int]]:
    """Each kept search page -> (inode, mtime): what a rewrite changes."""
    folder = cache_folder(out) / "search-pages"
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*.html"))}


def bundles(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.glob("pagefind-*/**/*")) if p.is_file()}


def same_bundles_as_a_clean_build(source: Path, out: Path, tmp_path: Path) -> bool:
    clean = tmp_path / "clean" / "_site"
    shutil.rmtree(clean.parent, ignore_errors=True)
    build_site(source, clean, incremental=False)
    return bundles(out) == bundles(clean)


@pytest.fixture
def built(tmp_path):
    source = tmp_path / "tei"
    shutil.copytree(ROOTS / "site-basic", source)
    out = tmp_path / "_site"
    build_site(source, out)
    return source, out


def test_an_edit_rewrites_only_its_own_search_page(built, tmp_path):
    source, out = built
    before = kept(out)
    assert "ru/texts/alpha.html" in before and len(before) > 3, before
    alpha = source / "texts" / "alpha.xml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("Решение принял", "Решение утвердил"), encoding="utf-8")
    build_site(source, out)
    after = kept(out)
    assert after.keys() == before.keys()
    assert [page for page in after if after[page] != before[page]] == ["ru/texts/alpha.html"]
    assert "утвердил" in (cache_folder(out) / "search-pages" / "ru" / "texts" / "alpha.html").read_text(encoding="utf-8")
    assert same_bundles_as_a_clean_build(source, out, tmp_path)


def test_a_page_that_left_its_bundle_is_removed(built, tmp_path):
    source, out = built
    assert any(page.endswith("texts/beta.html") for page in kept(out))
    (source / "texts" / "beta.xml").unlink()
    build_site(source, out)
    assert not any(page.endswith("texts/beta.html") for page in kept(out))
    assert same_bundles_as_a_clean_build(source, out, tmp_path)


def test_a_build_failing_while_it_writes_search_pages_leaves_nothing_to_trust(built, tmp_path, monkeypatch):
    source, out = built
    folder = cache_folder(out) / "search-pages"
    alpha = source / "texts" / "alpha.xml"
    original = alpha.read_text(encoding="utf-8")
    alpha.write_text(original.replace("Решение принял", "Решение утвердил"), encoding="utf-8")
    real_put = search.BundlePages.put

    def put_then_fail(self, url, data):
        real_put(self, url, data)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(search.BundlePages, "put", put_then_fail)
    with pytest.raises(OSError):
        build_site(source, out)
    monkeypatch.undo()
    assert "утвердил" in (folder / "ru" / "texts" / "alpha.html").read_text(encoding="utf-8")  # half written
    assert not (folder / "ru.json").exists(), "no record of a bundle whose pages were being written"
    alpha.write_text(original, encoding="utf-8")  # as the last good build saw it: its bundle is reused
    build_site(source, out)
    assert same_bundles_as_a_clean_build(source, out, tmp_path)
    alpha.write_text(original.replace("Решение принял", "Решение одобрил"), encoding="utf-8")
    build_site(source, out)  # indexed again: with no record, every page of the bundle is written anew
    pages = "".join(p.read_text(encoding="utf-8") for p in (folder / "ru").rglob("*.html"))
    assert "одобрил" in pages and "утвердил" not in pages
    assert (folder / "ru.json").exists()
    assert same_bundles_as_a_clean_build(source, out, tmp_path)


def test_the_pages_of_a_bundle_the_edition_no_longer_has_are_removed(built, tmp_path):
    source, out = built
    folder = cache_folder(out) / "search-pages"
    assert (folder / "ru").is_dir() and (folder / "ru.json").is_file()
    (source / "texts" / "alpha.xml").unlink()  # the only Russian text
    build_site(source, out)
    assert not (out / "pagefind-ru").exists()
    assert not (folder / "ru").exists() and not (folder / "ru.json").exists()
    assert (folder / "en").is_dir()
    assert same_bundles_as_a_clean_build(source, out, tmp_path)


def test_languages_are_named_by_cldr_and_a_region_or_script_falls_back_to_its_language():
    assert [search.language_name(code) for code in ("ru", "en", "it", "ru-Latn", "en-GB")] == [
        "Russian", "English", "Italian", "Russian", "British English"]
    assert search.language_name("xx-unknown") == "xx-unknown"
