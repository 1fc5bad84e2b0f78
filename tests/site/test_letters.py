"""The letters index and the CMIF file: written for an edition with letters (texts with a
``correspDesc``), and for no other."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from lxml import etree
from lxml import html as lxml_html

from edition.site.pages.letters import licence_address
from edition.site.pipeline import build_site

from .conftest import ROOTS, SHARED, serve, watched_page

GENRES = ROOTS / "genres"
TEI = {"t": "http://www.tei-c.org/ns/1.0"}
BASE = "https://example.org/briefe/"


@pytest.fixture(scope="module")
def letters_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("letters") / "_site"
    build_site(GENRES, out, search_index=False, base_url=BASE)
    return out


def letters_edition(folder, toml: str, letter: str | None = None):
    """An edition of the fixture's letter (``letter``: its TEI, changed) with this edition.toml."""
    (folder / "tei" / "texts").mkdir(parents=True)
    (folder / "tei" / "texts" / "letter.xml").write_text(
        letter or (GENRES / "texts" / "letter.xml").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "edition.toml").write_text(toml, encoding="utf-8")
    return folder


def tei_edition_build(edition) -> subprocess.CompletedProcess:
    """``tei-edition build`` run in the edition's folder, as an editor runs it."""
    return subprocess.run([sys.executable, "-m", "edition", "build"], cwd=edition, capture_output=True, text=True,
                          env={**os.environ, "TEI_EDITION_CACHE": str(edition / "cache")}, timeout=600)


@pytest.fixture(scope="module")
def configured_letters(tmp_path_factory):
    """The letter built by ``tei-edition build`` with an edition.toml naming licence, editors, address."""
    edition = letters_edition(tmp_path_factory.mktemp("configured"), (
        '[edition]\ntitle = "Briefe an Schnitzler"\nlicence = "CC-BY-4.0"\n'
        f'editors = ["Ada Editor", "Ben Editor"]\nbase_url = "{BASE}"\n'))
    completed = tei_edition_build(edition)
    assert completed.returncode == 0, completed.stderr
    return edition / "_site", completed


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


def test_the_cmif_file_is_valid_tei(letters_site, configured_letters):
    """With and without what edition.toml adds (an editor, a licence)."""
    tei_all = SHARED / "tei" / "tei_all.rng"
    if shutil.which("jing") is None or not tei_all.is_file():
        pytest.skip("jing or ../shared/tei/tei_all.rng is absent: the CMIF file cannot be checked against TEI")
    configured = configured_letters[0] / "cmif.xml"
    assert etree.parse(str(configured)).xpath("//t:licence", namespaces=TEI), "the licence is checked too"
    completed = subprocess.run(["jing", str(tei_all), str(letters_site / "cmif.xml"), str(configured)],
                               capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stdout


def test_the_cmif_file_states_the_editions_licence_editors_and_address(configured_letters):
    out, completed = configured_letters
    tree = etree.parse(str(out / "cmif.xml"))
    assert tree.xpath("//t:titleStmt/t:editor/text()", namespaces=TEI) == ["Ada Editor", "Ben Editor"]
    licence = tree.xpath("//t:publicationStmt/t:availability/t:licence", namespaces=TEI)
    assert [(e.text, e.get("target")) for e in licence] == [("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/")]
    assert tree.xpath("//t:publicationStmt/t:idno[@type='url']/text()", namespaces=TEI) == [BASE + "cmif.xml"]
    assert tree.xpath("//t:publicationStmt/t:publisher/text()", namespaces=TEI) == ["Briefe an Schnitzler"]
    assert "cmif-incomplete" not in completed.stderr


def test_without_a_licence_the_build_warns_once_and_names_the_key(tmp_path):
    edition = letters_edition(tmp_path, '[edition]\ntitle = "Briefe"\n')
    completed = tei_edition_build(edition)
    assert completed.returncode == 0, completed.stderr  # written all the same: a warning, not an error
    assert completed.stderr.count("[cmif-incomplete]") == 1, completed.stderr
    warned = completed.stderr[completed.stderr.index("[cmif-incomplete]"):]
    assert "cmif.xml has no licence, no editor and no address: correspSearch will not accept it" in warned
    assert all(key in warned for key in ("edition.toml", "edition.licence", "edition.editors", "edition.base_url"))
    tree = etree.parse(str(edition / "_site" / "cmif.xml"))
    assert not tree.xpath("//t:availability | //t:licence | //t:editor", namespaces=TEI)  # none invented


def test_the_letters_headers_give_the_licence_and_editor_when_the_configuration_does_not(tmp_path):
    letter = (GENRES / "texts" / "letter.xml").read_text(encoding="utf-8").replace(
        "<title>Kraus an Schnitzler, 31. 10. 1892</title></titleStmt>",
        "<title>Kraus an Schnitzler, 31. 10. 1892</title><editor>Cara Editor</editor></titleStmt>").replace(
        "<publicationStmt><p>Test fixture</p></publicationStmt>",
        "<publicationStmt><publisher>Test fixture</publisher><availability><licence "
        "target=\"https://creativecommons.org/publicdomain/zero/1.0/\">CC0 1.0</licence></availability>"
        "</publicationStmt>")
    edition = letters_edition(tmp_path, f'[edition]\ntitle = "Briefe"\nbase_url = "{BASE}"\n', letter)
    completed = tei_edition_build(edition)
    assert completed.returncode == 0 and "cmif-incomplete" not in completed.stderr, completed.stderr
    tree = etree.parse(str(edition / "_site" / "cmif.xml"))
    assert tree.xpath("//t:titleStmt/t:editor/text()", namespaces=TEI) == ["Cara Editor"]
    assert [(e.text, e.get("target")) for e in tree.xpath("//t:licence", namespaces=TEI)] == [
        ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/")]
    # two letters stating two licences: which one is the file's is not guessed
    other = letter.replace('xml:id="letter"', 'xml:id="letter2"').replace(
        'target="https://creativecommons.org/publicdomain/zero/1.0/">CC0 1.0',
        'target="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0')
    (edition / "tei" / "texts" / "letter2.xml").write_text(other, encoding="utf-8")
    completed = tei_edition_build(edition)
    assert "has no licence: correspSearch will not accept it (the letters' headers state 2 different licences)" \
        in completed.stderr, completed.stderr
    assert not etree.parse(str(edition / "_site" / "cmif.xml")).xpath("//t:licence", namespaces=TEI)


@pytest.mark.parametrize("licence, address", [
    ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
    ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    ("cc-by-nc-nd-3.0", "https://creativecommons.org/licenses/by-nc-nd/3.0/"),
    ("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    ("https://example.org/licence", "https://example.org/licence"),
    ("All rights reserved", None), ("CC-BY", None)])
def test_a_licence_named_by_its_identifier_gets_its_address(licence, address):
    assert licence_address(licence) == address


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
        with watched_page(browser, url) as page:
            page.goto("letters.html")
            link = page.locator("section.letter-year li a").first
            assert link.evaluate("a => getComputedStyle(a).borderTopStyle") == "none"
            page.emulate_media(media="print")
            assert page.locator("section.letter-year ol").first.is_visible()
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
