"""Incremental builds: after each kind of change, the rebuilt site is byte for byte a clean build's,
and only what depends on the change is drawn again.

The corpus is made by ``scripts/make_corpus.py`` from the edition's texts (ids renamed per copy,
registers replicated), large enough for the pool of workers to be used.
"""

from __future__ import annotations

import filecmp
import re
import sys
from pathlib import Path

import pytest

from edition import workers
from edition.site import cache as caching
from edition.site.pages import listing, register, text
from edition.site.pipeline import build_site

REPOSITORY = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPOSITORY / "scripts"))
import make_corpus  # noqa: E402

pytestmark = pytest.mark.slow

DOCUMENTS = 9


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("TEI_EDITION_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(workers, "SERIAL_BELOW", 4)  # small corpus, real pool
    monkeypatch.setattr(listing, "PAGE_TEXTS", 2)  # an entry's mentions on several pages
    monkeypatch.setattr(listing, "INDEX_TEXTS", 2)  # glossary terms with pages of their own
    monkeypatch.setattr(listing, "YEAR_ROWS", 2)  # years with pages of their own
    monkeypatch.setattr(listing, "PAGE_ROWS", 3)  # several of them
    monkeypatch.setattr(listing, "HOME_TEXTS", 2)  # the texts listed on several home pages
    source = tmp_path / "corpus"
    make_corpus.make_edition(DOCUMENTS, source, register_every=4, seed=0)
    return source


def site_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_as_clean(source: Path, out: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean" / "_site"
    build_site(source, clean, incremental=False)
    rebuilt, expected = site_files(out), site_files(clean)
    assert sorted(rebuilt) == sorted(expected)
    different = [name for name in expected if rebuilt[name] != expected[name]]
    assert not different, f"the incremental build differs from a clean one in {different[:5]}"


def texts(source: Path) -> list[Path]:
    return sorted((source / "texts").glob("*.xml"))


def edit_text(source: Path) -> Path:
    path = texts(source)[len(texts(source)) // 2]
    content = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(<p\s[^>]*>)", r"\1Edited ", content, count=1), encoding="utf-8")
    return path


def edit_register(source: Path) -> str:
    """The first person of the second register group gets another forename; returns its id."""
    path = source / "registers" / "persons.xml"
    content = path.read_text(encoding="utf-8")
    match = re.search(r'<person xml:id="([^"]+-g1)"[^>]*>.*?<forename>([^<]+)</forename>', content, re.DOTALL)
    start, end = match.span(2)
    path.write_text(content[:start] + match[2] + "x" + content[end:], encoding="utf-8")
    return match[1]


def edit_date(source: Path) -> None:
    """A date's value in the last text (the chronology changes, its pages do not)."""
    path = texts(source)[-1]
    content = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'<date when="(\d{4})', lambda m: f'<date when="{int(m[1]) - 7}', content, count=1),
                    encoding="utf-8")


def edit_note(source: Path) -> None:
    """A word in the first translation note of a text (the glossary quotes it)."""
    path = next(p for p in texts(source) if 'type="translation"' in p.read_text(encoding="utf-8"))
    content, count = re.subn(r'(<note [^>]*type="translation"[^>]*>)', r"\1Revised: ",
                             path.read_text(encoding="utf-8"), count=1)
    assert count == 1
    path.write_text(content, encoding="utf-8")


def add_text(source: Path) -> None:
    first = texts(source)[0]
    content = first.read_text(encoding="utf-8")
    doc_id = re.search(r'<TEI [^>]*xml:id="([^"]+)"', content)[1]
    renamed = re.sub(rf'(xml:id|target|corresp)="#?{re.escape(doc_id)}(-[^"]*)?"',
                     lambda m: m[0].replace(doc_id, doc_id + "-new"), content)
    (source / "texts" / "99999-new.xml").write_text(renamed, encoding="utf-8")


def delete_text(source: Path) -> None:
    texts(source)[-1].unlink()


@pytest.mark.parametrize("change", [edit_text, edit_register, edit_date, edit_note, add_text, delete_text])
def test_rebuild_after_a_change_is_a_clean_build(corpus, tmp_path, change):
    out = tmp_path / "work" / "_site"
    build_site(corpus, out)
    change(corpus)
    build_site(corpus, out)
    assert_same_as_clean(corpus, out, tmp_path)


def test_rebuild_after_a_toolkit_change_starts_afresh(corpus, tmp_path, monkeypatch):
    out = tmp_path / "work" / "_site"
    build_site(corpus, out)
    drawn = count_drawn(monkeypatch)
    monkeypatch.setattr(caching, "FORMAT", caching.FORMAT + 1)  # as any edit of the package would
    build_site(corpus, out)
    assert len(drawn) == len(texts(corpus))
    assert_same_as_clean(corpus, out, tmp_path)


def count_drawn(monkeypatch, entries: list[str] | None = None) -> list[Path]:
    """The texts drawn from now on (in this process: the pool is switched off); the pages of
    register entries drawn go to ``entries``."""
    monkeypatch.setenv("TEI_EDITION_WORKERS", "1")
    drawn: list[Path] = []
    original, original_entry = text.render_document, register._draw_entry

    def counting(path, *arguments):
        drawn.append(path)
        return original(path, *arguments)

    def counting_entry(state, page):
        if entries is not None:
            _, kind, views, _ = state
            entries.append(register.entry_url(kind.name, views[page[0]]["entry"].id, page[1]))
        return original_entry(state, page)

    monkeypatch.setattr(text, "render_document", counting)
    monkeypatch.setattr(register, "_draw_entry", counting_entry)
    return drawn


def test_only_what_depends_on_a_change_is_drawn_again(corpus, tmp_path, monkeypatch):
    out = tmp_path / "work" / "_site"
    build_site(corpus, out)
    drawn = count_drawn(monkeypatch)
    build_site(corpus, out)
    assert drawn == [], "nothing changed, nothing drawn"
    entry_pages: list[str] = []
    drawn = count_drawn(monkeypatch, entry_pages)
    edited = edit_text(corpus)
    build_site(corpus, out)
    assert drawn == [edited]
    # only pages of mentions listing the edited text: an entry named by every text has several pages
    edited_id = re.search(r'<TEI[^>]*xml:id="([^"]+)"', edited.read_text(encoding="utf-8"))[1]
    listing_pages = {page.relative_to(out).as_posix() for folder in ("persons", "places", "organisations")
                     for page in (out / folder).rglob("*.html") if f"texts/{edited_id}.html#" in page.read_text(encoding="utf-8")}
    assert entry_pages and set(entry_pages) <= listing_pages, (entry_pages, listing_pages)
    drawn.clear()
    entry = edit_register(corpus)
    build_site(corpus, out)
    naming = {path for path in texts(corpus) if re.search(rf'#{re.escape(entry)}[\s"]', path.read_text(encoding="utf-8"))}
    assert naming and set(drawn) == naming, "the texts naming the changed entry, and only they"
    assert_same_as_clean(corpus, out, tmp_path)


def test_a_deleted_site_is_drawn_again(corpus, tmp_path, monkeypatch):
    out = tmp_path / "work" / "_site"
    build_site(corpus, out)
    for page in (out / "texts").glob("*.html"):
        page.unlink()
    build_site(corpus, out)
    assert_same_as_clean(corpus, out, tmp_path)
    assert filecmp.cmp(out / "index.html", tmp_path / "clean" / "_site" / "index.html", shallow=False)


def test_a_cache_that_cannot_be_written_does_not_fail_the_build(corpus, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("TEI_EDITION_CACHE", str(blocker / "cache"))
    out = tmp_path / "work" / "_site"
    report = build_site(corpus, out)
    assert report.documents == DOCUMENTS and (out / "index.html").is_file()
    build_site(corpus, out)  # and the next build is a full one
    assert_same_as_clean(corpus, out, tmp_path)
