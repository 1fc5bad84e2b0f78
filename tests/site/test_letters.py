"""The letters index and the CMIF file: written for an edition with letters (texts with a
``correspDesc``), and for no other."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from lxml import etree
from lxml import html as lxml_html

from edition.site.pipeline import build_site

from .conftest import ROOTS, SHARED, serve, watch

GENRES = ROOTS / "genres"
TEI = {"t": "http://www.tei-c.org/ns/1.0"}
BASE = "https://example.org/briefe/"


@pytest.fixture(scope="module")
def letters_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("letters") / "_site"
    build_site(GENRES, out, search_index=False, base_url=BASE)
    return out


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def test_the_index_lists_each_letter_by_correspondent_and_by_year(letters_site):
    page = lxml_html.parse(str(letters_site / "letters.html")).getroot()
    correspondents = page.xpath("//section[@class='correspondent']")
    assert [text_of(c.find("h3")) for c in correspondents] == ["Kraus, Karl (1)", "Schnitzler, Arthur (1)"]
    assert correspondents[0].xpath("h3/a/@href") == ["persons/kraus.html"]
    years = page.xpath("//section[@class='letter-year']")
    assert [text_of(y.find("h3")) for y in years] == ["1892 (1)"]
    row = years[0].xpath(".//li")[0]
    assert row.xpath("a/@href") == ["texts/letter.html"]
    assert text_of(row) == ("1892-10-31 Kraus an Schnitzler, 31. 10. 1892 from Kraus, Karl to Schnitzler, Arthur, "
                            "sent from Wien, received at Wien")
    assert row.xpath(".//span[@class='letter-parties']/a/@href") == [
        "persons/kraus.html", "persons/schnitzler.html", "places/wien.html", "places/wien.html"]


def test_the_navigation_links_the_letters(letters_site):
    page = lxml_html.parse(str(letters_site / "index.html")).getroot()
    assert "letters.html" in page.xpath("//nav[@aria-label='Edition']//a/@href")


def test_the_cmif_file_has_one_correspdesc_per_letter_pointing_at_its_page(letters_site):
    tree = etree.parse(str(letters_site / "cmif.xml"))
    described = tree.xpath("//t:profileDesc/t:correspDesc", namespaces=TEI)
    assert [d.get("ref") for d in described] == [BASE + "texts/letter.html"]
    assert [d.get("source") for d in described] == ["#edition"]
    assert tree.xpath("//t:sourceDesc/t:bibl/@xml:id", namespaces=TEI) == ["edition"]
    sent, received = described[0].xpath("t:correspAction", namespaces=TEI)
    assert (sent.get("type"), received.get("type")) == ("sent", "received")
    assert sent.xpath("t:persName/text()", namespaces=TEI) == ["Kraus, Karl"]
    assert received.xpath("t:persName/text()", namespaces=TEI) == ["Schnitzler, Arthur"]
    assert sent.xpath("t:placeName/text()", namespaces=TEI) == ["Wien"]
    assert sent.xpath("t:date/@when", namespaces=TEI) == ["1892-10-31"]
    assert received.xpath("t:date/@notBefore", namespaces=TEI) == ["1892-10-31"]
    assert tree.xpath("//t:publicationStmt/t:idno[@type='url']/text()", namespaces=TEI) == [BASE + "cmif.xml"]


def test_authority_ids_come_from_the_entries_idno(tmp_path):
    source = tmp_path / "letters"
    shutil.copytree(GENRES / "texts", source / "texts", ignore=shutil.ignore_patterns("facs*"))
    letter = source / "texts" / "letter.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        '<persName>Kraus, Karl</persName></person>',
        '<persName>Kraus, Karl</persName><idno type="GND">https://d-nb.info/gnd/118566512</idno></person>'),
        encoding="utf-8")
    build_site(source, tmp_path / "_site", search_index=False)
    tree = etree.parse(str(tmp_path / "_site" / "cmif.xml"))
    persons = tree.xpath("//t:correspAction/t:persName", namespaces=TEI)
    assert [(p.text, p.get("ref")) for p in persons] == [
        ("Kraus, Karl", "https://d-nb.info/gnd/118566512"), ("Schnitzler, Arthur", None)]
    # without a base URL the letter is named by its page in the site
    assert tree.xpath("//t:correspDesc/@ref", namespaces=TEI) == ["texts/letter.html"]


def test_a_place_of_a_register_file_wins_over_the_letters_copy_and_gives_the_cmif_its_authority(tmp_path):
    source = tmp_path / "letters"
    shutil.copytree(GENRES / "texts", source / "texts", ignore=shutil.ignore_patterns("facs*"))
    (source / "indices").mkdir()  # sorts before texts/: read first, as the letter would be after it
    (source / "indices" / "places.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><listPlace><place xml:id="wien">'
        '<placeName>Wien</placeName><idno type="geonames">https://sws.geonames.org/2761369/</idno>'
        '</place></listPlace></body></text></TEI>', encoding="utf-8")
    for order in ("indices", "zz-indices"):  # the register file read before the letter, and after it
        if order != "indices":
            (source / "indices").rename(source / order)
        build_site(source, tmp_path / "_site", search_index=False)
        tree = etree.parse(str(tmp_path / "_site" / "cmif.xml"))
        places = tree.xpath("//t:correspAction/t:placeName/@ref", namespaces=TEI)
        assert places == ["https://sws.geonames.org/2761369/"] * 2, order


def test_the_cmif_file_is_valid_tei(letters_site):
    tei_all = SHARED / "tei" / "tei_all.rng"
    if shutil.which("jing") is None or not tei_all.is_file():
        pytest.skip("jing or ../shared/tei/tei_all.rng is absent: the CMIF file cannot be checked against TEI")
    completed = subprocess.run(["jing", str(tei_all), str(letters_site / "cmif.xml")], capture_output=True,
                               text=True, timeout=300)
    assert completed.returncode == 0, completed.stdout


def test_an_edition_without_letters_gets_neither(basic_site):
    out, _ = basic_site
    assert not (out / "letters.html").exists()
    assert not (out / "cmif.xml").exists()
    assert not (out / "static" / "letters.css").exists()
    page = lxml_html.parse(str(out / "index.html")).getroot()
    assert "letters.html" not in page.xpath("//a/@href")


def test_the_index_has_its_own_stylesheet(letters_site):
    page = lxml_html.parse(str(letters_site / "letters.html")).getroot()
    assert "static/letters.css" in page.xpath("//link[@rel='stylesheet']/@href")
    assert "ol.letter-list" in (letters_site / "static" / "letters.css").read_text(encoding="utf-8")


def test_a_reader_sees_the_letters_as_lines_on_screen_and_in_print(letters_site, browser):
    """The index's lists share no class with the registers' alphabet (boxed links, hidden in print)."""
    server, url = serve(letters_site)
    try:
        page = watch(browser.new_page(base_url=url))
        page.goto("letters.html")
        link = page.locator("section.letter-year li a").first
        assert link.evaluate("a => getComputedStyle(a).borderTopStyle") == "none"
        page.emulate_media(media="print")
        assert page.locator("section.letter-year ol").first.is_visible()
        assert page.foreign == [] and page.errors == []
        page.close()
    finally:
        server.shutdown()
        server.server_close()


def test_a_correspondent_is_named_surname_first_however_the_entry_orders_the_name(tmp_path):
    source = tmp_path / "letters"
    shutil.copytree(GENRES / "texts", source / "texts", ignore=shutil.ignore_patterns("facs*"))
    letter = source / "texts" / "letter.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        "<persName>Kraus, Karl</persName>", "<persName><forename>Karl</forename> <surname>Kraus</surname></persName>"),
        encoding="utf-8")
    build_site(source, tmp_path / "_site", search_index=False)
    page = lxml_html.parse(str(tmp_path / "_site" / "letters.html")).getroot()
    assert text_of(page.xpath("//section[@class='correspondent']/h3")[0]) == "Kraus, Karl (1)"
    cmif = etree.parse(str(tmp_path / "_site" / "cmif.xml"))
    assert cmif.xpath("//t:correspAction[@type='sent']/t:persName/text()", namespaces=TEI) == ["Kraus, Karl"]
