"""The reading page as drawn: citations (read back by real parsers), the translation apparatus, the
notes' language, the shipped typeface (the browser side: test_reading_browser.py)."""

from __future__ import annotations

import json
import re

import bibtexparser
import pytest
import rispy
from lxml import html

from .conftest import ROOTS
from edition.site.citation import read_citation
from edition.site.pipeline import build_site
from edition.xmlio import parse_bytes

TEXTS = ("expulsion", "opposition", "struggle")


def page(site, relative):
    return html.parse(str(site / relative)).getroot()


@pytest.mark.parametrize("text", TEXTS)
def test_the_citation_downloads_are_read_by_their_formats_parsers(edition_site, text):
    folder = edition_site[0] / "texts"
    title = page(edition_site[0], f"texts/{text}.html").xpath("string(//h1)")
    library = bibtexparser.parse_string((folder / f"{text}.bib").read_text(encoding="utf-8"))
    assert library.failed_blocks == [] and len(library.entries) == 1
    entry = library.entries[0]
    assert entry.key == text and entry.entry_type == "misc"
    assert entry.fields_dict["title"].value == title
    assert entry.fields_dict["editor"].value == "{tei-edition encoding team}" or text == "expulsion"
    assert entry.fields_dict["series"].value == "The Soviet Power Struggle of the 1920s: a digital edition"
    version = entry.fields_dict["version"].value  # the date of the header's latest change
    assert entry.fields_dict["year"].value == "2026" and re.fullmatch(r"2026-\d\d-\d\d", version)
    (record,) = rispy.loads((folder / f"{text}.ris").read_text(encoding="utf-8"))
    assert record["type_of_reference"] == "ELEC" and record["title"] == title
    assert record["secondary_title"].startswith("The Soviet Power Struggle") and record["year"] == "2026"
    assert record["edition"] == version and record["secondary_authors"]
    (item,) = json.loads((folder / f"{text}.csl.json").read_text(encoding="utf-8"))
    assert item["id"] == text and item["type"] == "webpage" and item["title"] == title
    assert item["issued"]["date-parts"][0][0] == 2026 and item["editor"][0]["literal"]
    assert item["container-title"].startswith("The Soviet Power Struggle") and item["language"]


def test_a_text_page_carries_highwire_citation_tags(edition_site):
    root = page(edition_site[0], "texts/struggle.html")
    tags = {}
    for meta in root.xpath("//head/meta[starts-with(@name, 'citation_')]"):
        tags.setdefault(meta.get("name"), []).append(meta.get("content"))
    assert tags["citation_title"] == [root.xpath("string(//h1)")]
    assert tags["citation_editor"] == ["tei-edition encoding team"]
    assert tags["citation_publication_date"] == ["2026/11/22"] and tags["citation_language"] == ["it"]
    assert tags["citation_publisher"] == ["tei-edition"]
    links = root.xpath("//details[@id='cite']//a/@href")
    assert links == ["struggle.bib", "struggle.ris", "struggle.csl.json"]
    css = (edition_site[0] / "static" / "edition.css").read_text(encoding="utf-8")
    assert "break-all" not in css, "a citation is never split mid-word"


HEADER = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
  <titleStmt><title>Profits &amp; losses_100% {draft}</title><author>Anon.</author>
    <editor role="editor">Ada Lovelace</editor><editor>Charles Babbage</editor>
    <respStmt><resp>proofreading</resp><name>Mary Somerville</name></respStmt></titleStmt>
  <editionStmt><edition n="1.2">Second release</edition></editionStmt>
  <publicationStmt><publisher>Analytical Press</publisher><date when="1843-09">1843</date></publicationStmt>
  <sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>"""


def test_a_citation_is_what_the_header_says_escaped_for_each_format():
    tree = parse_bytes(HEADER.encode())
    citation = read_citation(tree, "notes", "Profits & losses_100% {draft}", "en", "texts/notes.html",
                             base_url="https://example.org/edition/")
    assert citation.editors == ("Ada Lovelace", "Charles Babbage"), "proofreading is not editing"
    assert citation.text() == ("Anon. “Profits & losses_100% {draft}.” Edited by Ada Lovelace and Charles Babbage. "
                               "Version 1.2, Analytical Press, 1843. https://example.org/edition/texts/notes.html.")
    entry = bibtexparser.parse_string(citation.bibtex()).entries[0]
    assert entry.fields_dict["title"].value == r"Profits \& losses\_100\% \{draft\}"
    assert entry.fields_dict["editor"].value == "{Ada Lovelace} and {Charles Babbage}"
    assert entry.fields_dict["url"].value == "https://example.org/edition/texts/notes.html"
    (record,) = rispy.loads(citation.ris())
    assert record["authors"] == ["Anon."] and record["secondary_authors"] == ["Ada Lovelace", "Charles Babbage"]
    assert record["urls"] == ["https://example.org/edition/texts/notes.html"] and record["edition"] == "1.2"
    assert citation.csl()["issued"] == {"date-parts": [[1843, 9]]}
    assert ("citation_public_url", "https://example.org/edition/texts/notes.html") in citation.meta()


def test_translation_notes_are_numbered_T_with_their_lemma_and_the_status_of_their_russian(edition_site):
    root = page(edition_site[0], "texts/struggle.html")
    markers = root.xpath("//div[@class='text']//button[contains(@class, 'translation')]/text()")
    assert markers[:3] == ["T1", "T2", "T3"] and len(markers) == len(set(markers)) > 100
    notes = root.xpath("//section[@id='translation-notes']//li")
    assert all(note.xpath("span[@class='lemma']") for note in notes), "every translation note has its lemma"
    first = notes[0]
    assert first.xpath("string(span[@class='lemma'])") == "negli ultimi anni della … di V.I. Lenin"
    assert first.get("lang") == "en" and first.xpath("span[@class='lemma']/@lang") == ["it"]
    statuses = root.xpath("//section[@id='translation-notes']//span[@class='wording-status']/text()")
    assert {"reconstructed", "quoted"} <= set(statuses)


def test_the_machine_wording_is_drawn_beside_its_correction(edition_site):
    root = page(edition_site[0], "texts/struggle.html")
    choice = root.xpath("//span[@class='choice'][span[@class='machine']='imparziale']")[0]
    assert choice.xpath("string(span[contains(@class, 'reading')])") == "poco lusinghiero"


def test_notes_are_in_the_editors_language_not_the_texts(edition_site):
    root = page(edition_site[0], "texts/struggle.html")
    assert root.xpath("//div[@class='text']/@lang") == ["it"]
    assert set(root.xpath("//span[contains(@class, 'note-popover')]/@lang")) == {"en"}
    assert set(root.xpath("//section[contains(@class, 'apparatus')]//li/@lang")) == {"en"}
    assert root.xpath("//h1/@lang") == ["it"]


def test_the_reading_face_is_shipped_with_its_licence(edition_site):
    fonts = edition_site[0] / "static" / "fonts"
    for face in ("regular", "bold", "italic"):
        assert (fonts / f"{face}.woff2").read_bytes()[:4] == b"wOF2"
    assert "SIL Open Font License" in (fonts / "OFL.txt").read_text(encoding="utf-8")
    css = (edition_site[0] / "static" / "edition.css").read_text(encoding="utf-8")
    assert 'url("fonts/regular.woff2")' in css


def test_the_configured_address_of_the_site_goes_into_the_citations(tmp_path):
    out = tmp_path / "_site"
    build_site(ROOTS / "site-basic", out, search_index=False, incremental=False, base_url="https://example.org/ed/")
    address = "https://example.org/ed/texts/beta.html"
    entry = bibtexparser.parse_string((out / "texts" / "beta.bib").read_text(encoding="utf-8")).entries[0]
    assert entry.fields_dict["url"].value == address
    root = page(out, "texts/beta.html")
    assert root.xpath("//meta[@name='citation_public_url']/@content") == [address]
    assert root.xpath("//details[@id='cite']/p[@class='citation']/@data-url") == [address]
