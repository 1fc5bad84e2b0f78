"""Page kinds are units: the build's sequence and the navigation come from ``pages.KINDS``."""

from __future__ import annotations

from lxml import html

from edition.entities import ENTITY_KINDS
from edition.site import pages
from edition.site.pages.build import Build, PageKind
from edition.site.pipeline import build_site

from .conftest import ROOTS


class Colophon(PageKind):
    """A page kind over data already collected, as a new one is written: one module's worth."""

    def navigation(self, collected):
        return [("colophon.html", "Colophon")]

    def pages(self, build: Build):
        return ["colophon.html"]

    def url(self, page):
        return page

    def key(self, build: Build, page):
        return "colophon"

    def draw(self, build: Build, page):
        build.write(page, "search.html", bundles=[])  # any template: the page's frame is what is checked


def navigation_of(page):
    return [(a.get("href"), a.text) for a in html.parse(str(page)).getroot().xpath("//nav[@aria-label='Edition']//a")]


def test_the_navigation_lists_the_page_kinds_in_order(basic_site):
    out, _ = basic_site
    assert navigation_of(out / "index.html") == [
        ("index.html", "Texts"), *((f"{kind.folder}/index.html", kind.title) for kind in ENTITY_KINDS),
        ("chronology.html", "Chronology"), ("glossary.html", "Glossary"), ("search.html", "Search"), ("about.html", "About")]


def test_a_new_page_kind_is_written_and_linked_from_every_page(tmp_path, monkeypatch):
    monkeypatch.setattr(pages, "KINDS", [*pages.KINDS, Colophon()])
    out = tmp_path / "site"
    report = build_site(ROOTS / "site-basic", out, search_index=False, incremental=False)
    assert (out / "colophon.html").is_file()
    assert report.pages == len(list(out.rglob("*.html")))
    for page in (out / "index.html", out / "texts" / "alpha.html", out / "colophon.html"):
        assert navigation_of(page)[-1] == (("../" if "texts" in page.parts else "") + "colophon.html", "Colophon")
    current = html.parse(str(out / "colophon.html")).getroot().xpath("//a[@aria-current='page']/@href")
    assert current == ["colophon.html"]


PLAIN = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="plain" xml:lang="en">
  <teiHeader><fileDesc><titleStmt><title>A plain text</title></titleStmt>
    <publicationStmt><p>Unpublished.</p></publicationStmt><sourceDesc><p>Written for the tests.</p></sourceDesc>
  </fileDesc></teiHeader>
  <text><body><p>A text with {names} in it.</p></body></text>
</TEI>
"""
PERSONS = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="persons">
  <teiHeader><fileDesc><titleStmt><title>Persons</title></titleStmt>
    <publicationStmt><p>Unpublished.</p></publicationStmt><sourceDesc><p>Written for the tests.</p></sourceDesc>
  </fileDesc></teiHeader>
  <text><body><listPerson><person xml:id="ada"><persName>Ada Lovelace</persName></person></listPerson></body></text>
</TEI>
"""


def test_the_navigation_offers_only_what_the_edition_has_and_follows_its_first_entry(tmp_path):
    """A corpus without registers, dates or translation notes: no empty register, chronology or
    glossary in the navigation, and no reading modes with nothing to mark. The first person, in an
    incremental build, puts the persons into the navigation of every page, old ones too."""
    source, out = tmp_path / "tei", tmp_path / "site"
    source.mkdir()
    (source / "plain.xml").write_text(PLAIN.format(names="no names"), encoding="utf-8")
    (source / "other.xml").write_text(PLAIN.format(names="no names").replace('"plain"', '"other"'), encoding="utf-8")
    build_site(source, out, search_index=False)
    assert navigation_of(out / "texts" / "plain.html") == [
        ("../index.html", "Texts"), ("../search.html", "Search"), ("../about.html", "About")]
    page = html.parse(str(out / "texts" / "plain.html")).getroot()
    assert page.xpath("//*[@class='modes']") == []

    (source / "persons.xml").write_text(PERSONS, encoding="utf-8")
    (source / "plain.xml").write_text(PLAIN.format(names='<persName ref="#ada">Ada</persName>'), encoding="utf-8")
    build_site(source, out, search_index=False)
    for name in ("plain", "other"):
        assert ("../persons/index.html", "Persons") in navigation_of(out / "texts" / f"{name}.html")
    page = html.parse(str(out / "texts" / "plain.html")).getroot()
    assert page.xpath("//*[@class='modes']/button/@data-mode") == ["reading", "names"]
