"""The TEI of real editions, one small text per genre (tests/roots/genres/texts/): what each page
shows, and that no word of any ``<text>`` is missing from its page."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

from edition.site.pipeline import build_site
from edition.site.wordcheck import check, check_site

from .conftest import ROOTS, SHARED

GENRES = ROOTS / "genres"
TEXTS = sorted((GENRES / "texts").glob("*.xml"))


@pytest.fixture(scope="module")
def genres_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("genres") / "_site"
    return out, build_site(GENRES, out, search_index=False)


def one_text(folder: Path, name: str, body: str) -> Path:
    """A TEI file of its own in ``folder/src``: a minimal header and ``body``."""
    (folder / "src").mkdir()
    tei = folder / "src" / name
    tei.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>D</title></titleStmt>'
        '<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>'
        f'<text><body>{body}</body></text></TEI>', encoding="utf-8")
    return tei


def page(site, name: str):
    return lxml_html.parse(str(site[0] / "texts" / f"{name}.html")).getroot()


def text_of(element) -> str:
    return " ".join(element.text_content().split())


@pytest.mark.parametrize("tei", TEXTS, ids=[t.stem for t in TEXTS])
def test_no_word_of_the_text_is_missing_from_its_page(genres_site, tei):
    found = check(tei, genres_site[0] / "texts" / f"{tei.stem}.html")
    assert found.words > 20
    assert not found.lost, f"words of {tei.name} missing from its page: {dict(found.lost)}"


def test_the_word_check_can_fail(genres_site, tmp_path):
    """A page without the readings of the apparatus lacks exactly those words."""
    tree = page(genres_site, "apparatus")
    for popover in tree.xpath("//*[contains(@class, 'app-popover')] | //section[@id='critical-apparatus']"):
        popover.getparent().remove(popover)
    stripped = tmp_path / "apparatus.html"
    stripped.write_bytes(lxml_html.tostring(tree))
    assert set(check(GENRES / "texts" / "apparatus.xml", stripped).lost) == {
        "sermo", "logos", "dominum", "patrem", "semper", "penes"}  # the note is in the page's notes too


def test_the_fixtures_are_valid_tei():
    tei_all = SHARED / "tei" / "tei_all.rng"
    if shutil.which("jing") is None or not tei_all.is_file():
        pytest.skip("jing or ../shared/tei/tei_all.rng is absent")
    completed = subprocess.run(["jing", str(tei_all), *map(str, TEXTS)], capture_output=True, text=True,
                               timeout=300, check=False)
    assert completed.returncode == 0, completed.stdout


def test_nothing_is_drawn_generically(genres_site):
    # the fixture has no edition.toml: its CMIF file lacks a licence (test_letters checks that warning)
    assert [d.format() for d in genres_site[1].diagnostics if d.rule != "cmif-incomplete"] == []


# The critical apparatus: the lemma in the text, every reading in an entry beside it and at the end.

def test_the_text_shows_the_lemma_and_the_first_reading_where_no_lemma(genres_site):
    tree = page(genres_site, "apparatus")
    shown = [text_of(s) for s in tree.xpath("//div[@class='text']//span[@class='app']/span[contains(@class, 'shown')]")]
    assert shown == ["verbum", "deum", "", "apud"]  # "deum" is the lemma inside a rdgGrp
    first = tree.xpath("//p[@id='p1']")[0]
    without_popovers = " ".join(t.strip() for t in first.xpath(
        "text() | span[@class='app']/span[contains(@class, 'shown')]//text()") if t.strip())
    assert without_popovers == "In principio erat verbum et verbum erat apud deum ."


def test_every_reading_is_in_an_entry_with_its_witnesses(genres_site):
    tree = page(genres_site, "apparatus")
    entries = [text_of(li) for li in tree.xpath("//section[@id='critical-apparatus']/ol/li")]
    assert entries == [
        "1 verbum] A B; sermo C; logos D",
        "2 deum] A; dominum B; patrem C D — Patrem is a gloss of the tenth century.",
        "3 om.] A; semper B C",
        "4 apud] A; penes B",
    ]
    witness = tree.xpath("//section[@id='critical-apparatus']/ol//span[@class='wit'][.='B']")[0]
    assert witness.get("title") == "Codex Bernensis, saec. X"
    listed = [text_of(li) for li in tree.xpath("//ul[@class='witnesses']/li")]
    assert listed[:2] == ["A Codex Augiensis, saec. IX", "B Codex Bernensis, saec. X"]
    popover = tree.xpath("//*[@id='pop-app-2']")[0]
    assert "dominum B; patrem C D" in text_of(popover)
    assert tree.xpath("//*[@id='pop-app-2']//button[@popovertarget='pop-note1']")  # the app's note, numbered
    assert tree.xpath("//section[@id='notes']//li[@id='note1']")


# Drama: the cast list and the speeches linked both ways, verse lines numbered inside speeches.

def test_the_cast_list_links_each_role_to_its_speeches_and_back(genres_site):
    tree = page(genres_site, "drama")
    cast = {li.get("id"): text_of(li) for li in tree.xpath("//div[@class='castList']//li[@class='castItem']")}
    assert cast == {"cast-wachtmeister": "Wachtmeister, 2 speeches", "cast-trompeter": "Trompeter, 1 speech",
                    "cast-marketenderin": "Marketenderin, eine Witwe. 1 speech",
                    "cast-soldatenjungen": "Soldatenjungen. 1 speech"}  # a group (personGrp) speaks too
    assert tree.xpath("//li[@id='cast-wachtmeister']/a[@class='speeches']/@href") == ["#sp1"]
    assert tree.xpath("//div[@id='sp2']/p[@class='speaker']/a/@href") == ["#cast-trompeter"]
    group = tree.xpath("//li[@class='castGroup']")[0]
    assert text_of(group).endswith("von einem Karabinier-Regiment.")  # the group's description kept


def test_a_group_of_characters_is_an_entry_of_the_persons_register_that_lists_its_speeches(genres_site):
    site, report = genres_site
    index = lxml_html.parse(str(site / "persons" / "index.html")).getroot()
    assert index.xpath("//a[@href='../persons/drama.soldatenjungen.html']"), "the play's personGrp, scoped to the play"
    group = lxml_html.parse(str(site / "persons" / "drama.soldatenjungen.html")).getroot()
    assert text_of(group.xpath("//h1")[0]) == "Soldatenjungen"
    assert group.xpath("//a[@href='../texts/drama.html#sp5']"), "its speech is a mention of it"
    assert report.entries["person"] == 6


def test_verse_lines_in_speeches_are_numbered_every_fifth(genres_site):
    tree = page(genres_site, "drama")
    numbered = {text_of(p): p.get("data-line") for p in tree.xpath("//p[contains(@class, 'tei-l')][@data-line]")}
    # a line split between two speakers (part I, part F) counts once: the fifth line is "Lasst sie herein"
    assert numbered == {"Lasst sie herein, es ist schon spät,": "5"}
    assert tree.xpath("//div[@id='sp2']/p[2]/@class") == ["tei-l part-final"]


def test_a_role_is_found_by_its_name_up_to_its_description_or_by_one_word(tmp_path):
    (tmp_path / "src").mkdir()
    people = "".join(f'<person xml:id="{i}"><persName>{n}</persName></person>'
                     for i, n in (("faust", "Faust"), ("weiring", "Weiring"), ("geist", "Geist")))
    speeches = "".join(f'<sp who="#{i}"><speaker>{i.upper()}.</speaker><p>Wort {i}.</p></sp>'
                       for i in ("faust", "weiring", "geist"))
    (tmp_path / "src" / "play.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>P</title></titleStmt>'
        '<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>'
        f'<profileDesc><particDesc><listPerson>{people}</listPerson></particDesc></profileDesc></teiHeader>'
        '<text><front><castList><castItem><role>Faust, ein Doktor.</role></castItem>'
        '<castItem><role>Hans Weiring, Violinspieler.</role></castItem><castItem>Ein Geist</castItem>'
        '<castItem><role>Faust</role> (verkleidet)</castItem><castItem><role>Zwei Bürger</role></castItem></castList>'
        f'</front><body><div>{speeches}</div></body></text></TEI>', encoding="utf-8")
    build_site(tmp_path / "src", tmp_path / "out", search_index=False)
    tree = lxml_html.parse(str(tmp_path / "out" / "texts" / "play.html")).getroot()
    # the second entry naming Faust stays unlinked: an HTML id is used once
    assert [li.get("id") for li in tree.xpath("//li[@class='castItem']")] == [
        "cast-faust", "cast-weiring", "cast-geist", None, None]


def test_the_author_is_named_without_authority_ids(genres_site):
    tree = page(genres_site, "drama")
    authors = [text_of(d.getnext()) for d in tree.xpath("//dt[.='Author']")]
    assert authors == ["Johann Beispiel"]


def test_a_poem_numbers_every_fifth_line_and_indents_from_the_fixed_list(genres_site):
    tree = page(genres_site, "verse")
    lines = tree.xpath("//div[@class='tei-lg']/p")
    assert len(lines) == 12
    assert [(i + 1, p.get("data-line")) for i, p in enumerate(lines) if p.get("data-line")] == [(5, "5"), (10, "10")]
    assert [p.get("class") for p in lines[:2]] == ["tei-l", "tei-l indent"]
    assert {p.get("class") for p in lines} == {"tei-l", "tei-l indent", "tei-l indent2", "tei-l hanging"}


# Letters: who wrote to whom, from where and when, at the top of the letter's page.

def test_a_letter_shows_its_sender_addressee_places_and_dates(genres_site):
    tree = page(genres_site, "letter")
    block = tree.xpath("//header[@class='text-header']/dl[1]")[0]
    assert (block.get("class"), block.get("id")) == ("source-description correspondence", "correspondence")
    assert {text_of(d): text_of(d.getnext()) for d in block.xpath(".//dt")} == {
        "Sender": "Kraus, Karl", "Sent from": "Wien", "Sent on": "31. 10. 1892",
        "Addressee": "Schnitzler, Arthur", "Received at": "Wien",
        "Received on": "between 1892-10-31 and 1892-11-04"}  # an empty date says its normalised value
    source = {text_of(d): text_of(d.getnext()) for d in tree.xpath("//header[@class='text-header']/dl[2]//dt")}
    assert source | {"Paragraphs": ""} == {
        "Source": "Written for the tests, after the shape of the Schnitzler letters.", "Paragraphs": ""}
    assert text_of(tree.xpath("//div[@class='tei-closer']")[0]) == "Mit herzlichem Gruße Ihr ergebener Karl Kraus"


def test_a_letters_correspondents_and_dates_feed_the_registers_and_the_chronology(genres_site):
    person = lxml_html.parse(str(genres_site[0] / "persons" / "schnitzler.html")).getroot()
    assert [(text_of(a), a.get("href")) for a in person.xpath("//ol[@class='kwic']//a[@class='where']")] == [
        ("Addressee", "../texts/letter.html#correspondence")]  # the block at the top of the letter
    place = lxml_html.parse(str(genres_site[0] / "places" / "wien.html")).getroot()
    assert [text_of(a) for a in place.xpath("//ol[@class='kwic']//a[@class='where']")][:2] == ["Sent from", "Received at"]
    chronology = lxml_html.parse(str(genres_site[0] / "chronology.html")).getroot()
    assert [(text_of(a), a.get("href")) for a in chronology.xpath("//li[contains(@class, 'dated-mention')]/a")] == [
        ("Kraus an Schnitzler, 31. 10. 1892, Sent on", "texts/letter.html#correspondence"),
        ("Kraus an Schnitzler, 31. 10. 1892, opener", "texts/letter.html#m2"),  # the date in the text
        ("Kraus an Schnitzler, 31. 10. 1892, Received on", "texts/letter.html#correspondence")]


def test_the_correspondence_block_is_named_by_the_correspdescs_own_id_else_by_one_no_passage_has(tmp_path):
    from edition.site.header import correspondence_block
    from edition.xmlio import read_xml

    letter = (GENRES / "texts" / "letter.xml").read_text(encoding="utf-8")
    cases = {"own": letter.replace("<correspDesc>", '<correspDesc xml:id="cd.1">'),
             "taken": letter.replace("<salute>Lieber", '<salute xml:id="correspondence">Lieber'),
             "none": re.sub("<correspDesc>.*</correspDesc>", "<correspDesc><p>Lost.</p></correspDesc>", letter,
                            flags=re.S)}
    anchors = {}
    for name, text in cases.items():
        (tmp_path / f"{name}.xml").write_text(text, encoding="utf-8")
        block = correspondence_block(read_xml(tmp_path / f"{name}.xml"))
        anchors[name] = block.anchor if block else None
    assert anchors == {"own": "cd.1", "taken": "correspondence_", "none": None}


# Facsimiles and the source's state: local page images beside the text, diplomatic marks.

def test_a_local_page_image_is_shown_at_its_page_break_and_copied(genres_site):
    tree = page(genres_site, "facsimile")
    images = tree.xpath("//a[@class='facs']/img")
    assert [(i.get("src"), i.get("alt")) for i in images] == [
        ("../tei/texts/facs/page1.png", "Facsimile of page 1"),
        ("../tei/texts/facs/page2.png", "Facsimile of page 2")]  # the second through a zone of its surface
    assert (genres_site[0] / "tei" / "texts" / "facs" / "page1.png").is_file()
    # an image on another host is never loaded: its page break stays a marker, and says why
    third = tree.xpath("//span[@class='pb'][.='|3']")[0]
    assert "not a local file" in third.get("title")
    assert third.getnext() is None or third.getnext().get("class") != "facs"
    assert not tree.xpath("//img[starts-with(@src, 'http')]")
    assert "[image]" not in text_of(tree)
    assert tree.xpath("string(//span[@class='graphic'][not(img)])") == "Image: sketch.jpg"  # a missing file named


def test_the_diplomatic_marks_keep_both_readings(genres_site):
    tree = page(genres_site, "facsimile")
    first = tree.xpath("//p[@id='p1']")[0]
    assert [text_of(e) for e in first.xpath(".//span[contains(@class, 'reading')]")] == ["Mister", "nine", "old"]
    assert [text_of(e) for e in first.xpath(".//span[@class='choice-popover']")] == [
        "The source abbreviates: Mr.", "The source has: nien", "The source spells: olde"]
    assert [text_of(e) for e in first.xpath(".//del")] == ["John", "two"]
    assert [(text_of(e), e.get("title")) for e in first.xpath(".//ins")] == [
        ("James", "added in the source above the line"), ("three", "added in the source")]
    assert [(text_of(e), e.get("title")) for e in first.xpath(".//span[@class='gap']")] == [
        ("[…]", "omitted: illegible (2 words)"), ("[… a torn corner]", "omitted: damage")]
    assert first.xpath("string(.//span[@class='supplied'])") == "[morning]"
    assert first.xpath(".//span[@class='unclear']/@title") == ["uncertain reading: faded"]
    assert [text_of(td) for td in tree.xpath("//table//td")] == ["Item", "Count", "Biscuits", "forty"]


# Dictionaries: the headword, its grammar, numbered senses with their definitions.

def test_a_dictionary_entry_shows_its_headword_grammar_and_numbered_senses(genres_site):
    tree = page(genres_site, "dictionary")
    entry = tree.xpath("//div[@class='dict-entry'][@id='haus']")[0]
    assert text_of(entry.xpath("span[@class='dict-form']")[0]) == "Haus haʊs"  # two fields, two words
    assert entry.xpath("string(span[@class='dict-form']/span[@class='dict-orth'])") == "Haus"
    assert [text_of(e) for e in entry.xpath("span[@class='dict-gramGrp']/span")] == ["noun", "neuter"]
    senses = entry.xpath("ol[@class='dict-senses']/li[@class='dict-sense']")
    assert [s.xpath("string(span[@class='dict-sense-n'])") for s in senses] == ["1.", "2."]
    assert [s.xpath("string(span[@class='dict-def'])") for s in senses] == [
        "a building in which people live", "the audience of a performance"]
    assert [text_of(li) for li in senses[1].xpath("ol[@class='dict-senses']/li")] == [
        "a) all the seats of the hall", "b) the people sitting in them"]
    compound = senses[0].xpath("div[@class='dict-entry']")[0]  # an entry inside a sense: unnumbered, one sense
    assert text_of(compound) == "Haustür the front door of a house"
    assert entry.xpath("span[@class='dict-xr']/a[@class='ref']/@href") == ["#heim"]
    assert [text_of(n) for n in tree.xpath("//div[@id='heim']//span[@class='dict-sense-n']")] == ["I", "II"]
    free = tree.xpath("//div[@class='dict-entryFree']")[0]
    assert text_of(free) == "heiter, adjective: cheerful; of the sky: clear and bright."


def test_a_dictionarys_fields_are_words_of_their_own_in_the_reading_text():
    from edition.site.reading import reading_text
    from edition.site.transforms import prepare
    from edition.tei import qn
    from edition.xmlio import read_xml

    tree = prepare(read_xml(GENRES / "texts" / "dictionary.xml"))
    entry = next(tree.getroot().iter(qn("tei:entry")))
    assert reading_text(entry)[0].startswith("Haus haʊs noun neuter a building in which people live")


def test_older_dictionary_markup_is_drawn_too(tmp_path):
    """``re`` (left out of TEI P5 since 4.0: an ``entry`` inside the entry now), ``superEntry``, ``hom``."""
    tei = one_text(tmp_path, "old.xml",
        '<superEntry><entry><form><orth>bank</orth></form><hom><gramGrp><pos>n</pos></gramGrp>'
        '<sense><def>the side of a river</def></sense><sense><def>a place that keeps money</def></sense></hom>'
        '<re><form><orth>bank holiday</orth></form><def>a day the banks close</def></re></entry></superEntry>')
    report = build_site(tmp_path / "src", tmp_path / "out", search_index=False)
    assert report.diagnostics == []
    assert not check(tei, tmp_path / "out" / "texts" / "old.html").lost
    tree = lxml_html.parse(str(tmp_path / "out" / "texts" / "old.html")).getroot()
    assert tree.xpath("//div[@class='dict-superEntry']/div[@class='dict-entry']/div[@class='dict-hom']")
    assert text_of(tree.xpath("//div[@class='dict-re']")[0]) == "bank holiday a day the banks close"
    assert tree.xpath("//div[@class='dict-hom']//span[@class='dict-sense-n']/text()") == ["1.", "2."]


def test_an_element_without_a_rendering_keeps_its_words_and_is_reported(tmp_path):
    tei = one_text(tmp_path, "spoken.xml",
        '<u who="#a">good morning <vocal><desc>laughs</desc></vocal></u><writing>a note '
        'passed</writing>')
    report = build_site(tmp_path / "src", tmp_path / "out", search_index=False)
    assert sorted((d.rule, d.element, d.line) for d in report.diagnostics) == [
        ("unknown-element", "u", 1), ("unknown-element", "vocal", 1), ("unknown-element", "writing", 1)]
    assert not check(tei, tmp_path / "out" / "texts" / "spoken.html").lost


def test_a_text_without_a_body_is_reported(tmp_path):
    (tmp_path / "src").mkdir()
    shutil.copy(GENRES / "texts" / "apparatus.xml", tmp_path / "src" / "kept.xml")
    (tmp_path / "src" / "empty.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>E</title></titleStmt>'
        '<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader></TEI>',
        encoding="utf-8")
    (tmp_path / "src" / "events.xml").write_text(  # a register of a kind the site does not index: no text needed
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>E</title></titleStmt>'
        '<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>'
        '<text><body><listEvent><event xml:id="e1"><label>Premiere</label></event></listEvent></body></text></TEI>',
        encoding="utf-8")
    report = build_site(tmp_path / "src", tmp_path / "out", search_index=False)
    assert [(Path(d.path).name, d.rule) for d in report.diagnostics] == [("empty.xml", "no-text")]
    assert "nothing of it is published" in report.diagnostics[0].message


CORPORA = SHARED / "corpora"


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["gerdracor", "eltec-eng", "schnitzler-briefe"])
def test_a_real_corpus_loses_no_word(corpus, tmp_path):
    if not (CORPORA / corpus).is_dir():
        pytest.skip(f"{CORPORA / corpus} is absent (real corpora are kept beside the checkout, not in it)")
    build_site(CORPORA / corpus, tmp_path / "site", search_index=False)
    checks = check_site(CORPORA / corpus, tmp_path / "site")
    assert checks and sum(c.words for c in checks.values()) > 10_000
    lost = {path.name: found.lost.most_common(5) for path, found in checks.items() if found.lost}
    assert lost == {}


def test_the_home_page_guide_explains_what_the_edition_has_and_nothing_else(genres_site):
    """The genres have an apparatus, letters and corrections, but no translation notes."""
    home = lxml_html.parse(str(genres_site[0] / "index.html")).getroot()
    guide = home.xpath("//section[@class='how-to-read']")[0]
    topics = guide.xpath(".//dt/text()")
    assert {"Critical apparatus", "Letters", "Corrections"} <= set(topics), topics
    assert "Translation notes" not in topics and "Translation layer" not in text_of(guide)
    assert guide.xpath(".//dt[. = 'Letters']/following-sibling::dd//a/@href") == ["letters.html"]
    assert (genres_site[0] / "letters.html").is_file()


def test_a_text_without_paragraphs_does_not_count_them(genres_site):
    """The dictionary's entries are not paragraphs: no "Paragraphs 0" on its page or the home page."""
    assert "Paragraphs" not in [dt.text for dt in page(genres_site, "dictionary").xpath("//header//dt")]
    home = lxml_html.parse(str(genres_site[0] / "index.html")).getroot()
    listed = home.xpath("//ol[@class='text-list']/li[.//a[@href='texts/dictionary.html']]")[0]
    assert "paragraph" not in text_of(listed)
    assert "paragraphs" in text_of(home.xpath("//ol[@class='text-list']/li[.//a[@href='texts/letter.html']]")[0])


def test_the_guide_names_only_the_registers_the_edition_has(genres_site):
    """The genres have persons and places but no organisations: the guide links no empty register."""
    home = lxml_html.parse(str(genres_site[0] / "index.html")).getroot()
    guide = home.xpath("//section[@class='how-to-read']")[0]
    assert guide.xpath(".//dt[. = 'Names and dates']/following-sibling::dd//a/@href") == [
        "persons/index.html", "places/index.html", "chronology.html"]
    assert "organisation" not in text_of(guide) + text_of(home.xpath("//p[@class='lead']")[0])
