"""The edition's scholarship, checked on the edition itself (tei/): conjecture marked as
conjecture, one calendar policy, and the corrections of the second reading (issue 19)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edition.project import REPOSITORY_DIR
from edition.validation import validate_paths
from edition.xmlio import read_xml

TEI = REPOSITORY_DIR / "tei"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TRANSLATED = {"expulsion": "001_02dc070b8320fc91.xml", "struggle": "002_e36d3a401c6bbbd4.xml"}
SWITCH = "1918-02-14"  # 1 February 1918 Old Style


def text(doc: str) -> etree._ElementTree:
    return read_xml(TEI / "texts" / TRANSLATED[doc])


def works() -> dict[str, etree._Element]:
    return {bibl.get(XML_ID): bibl for bibl in read_xml(TEI / "registers" / "works.xml").iterfind(".//tei:listBibl/tei:bibl", NS)}


def russian_wordings(tree) -> list[etree._Element]:
    return tree.xpath("//tei:note[@type = 'translation']//tei:foreign[@xml:lang = 'ru']", namespaces=NS)


def status(foreign: etree._Element) -> str:
    if foreign.get("source"):
        return "attested"
    if foreign.get("cert") and foreign.get("resp"):
        return "reconstructed"
    return "unmarked"


def note_of(tree, note_id: str) -> etree._Element:
    (note,) = tree.xpath("//tei:note[@xml:id = $id]", id=note_id, namespaces=NS)
    return note


def words(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


# ---------------------------------------------------------------- attested or reconstructed

@pytest.mark.parametrize("doc", sorted(TRANSLATED))
def test_every_russian_wording_of_a_translation_note_is_attested_or_reconstructed(doc):
    tree = text(doc)
    wordings = russian_wordings(tree)
    counts = {kind: sum(status(f) == kind for f in wordings) for kind in ("attested", "reconstructed", "unmarked")}
    assert len(wordings) > 100  # the notes are there: a count of nothing passes nothing
    assert counts["unmarked"] == 0, [words(f) for f in wordings if status(f) == "unmarked"]
    assert counts["attested"] >= 3 and counts["reconstructed"] > counts["attested"]


@pytest.mark.parametrize("doc", sorted(TRANSLATED))
def test_attested_wordings_cite_a_work_of_the_register_and_the_note_names_it(doc):
    tree, register = text(doc), works()
    for foreign in russian_wordings(tree):
        if status(foreign) != "attested":
            continue
        assert foreign.get("cert") is None, words(foreign)
        work = foreign.get("source").removeprefix("#")
        assert work in register, work
        (note,) = foreign.xpath("ancestor::tei:note[1]", namespaces=NS)
        assert note.xpath(".//tei:ref[@target = $t]", t=f"#{work}", namespaces=NS), note.get(XML_ID)


@pytest.mark.parametrize("doc", sorted(TRANSLATED))
def test_reconstructed_wordings_name_the_encoder_of_the_header(doc):
    tree = text(doc)
    declared = {f"#{r}" for r in tree.xpath("/tei:TEI/tei:teiHeader//tei:respStmt/@xml:id", namespaces=NS)}
    for foreign in russian_wordings(tree):
        if status(foreign) == "reconstructed":
            assert foreign.get("resp") in declared and foreign.get("cert") in {"high", "medium", "low"}


def test_lenins_letter_is_quoted_as_attested_where_the_italian_notes_quote_it():
    tree = text("struggle")
    quoted = {words(f) for f in russian_wordings(tree) if f.get("source") == "#lenin-letter-congress"}
    assert {"Сталин слишком груб", "чрезмерно хватающий самоуверенностью", "более лоялен"} <= quoted


def test_a_hedged_reconstruction_is_low_certainty():
    """expulsion-n2 says "Probably": its Russian is a guess, and the markup says so."""
    (foreign,) = russian_wordings(etree.ElementTree(note_of(text("expulsion"), "expulsion-n2")))
    assert foreign.get("cert") == "low"


def test_the_rule_rejects_an_unmarked_wording(tmp_path):
    tree = text("struggle")
    russian_wordings(tree)[0].attrib.pop("cert")
    copy = tmp_path / "texts" / TRANSLATED["struggle"]
    copy.parent.mkdir()
    (tmp_path / "registers").mkdir()
    tree.write(str(copy), encoding="UTF-8", xml_declaration=True)
    rules = {d.rule for d in validate_paths([copy]) if d.is_error}
    assert "russian-wording-status" in rules


# ---------------------------------------------------------------- one calendar policy

def all_texts():
    return [read_xml(path) for path in sorted((TEI / "texts").glob("*.xml"))]


def values(date: etree._Element) -> list[str]:
    return [date.get(a) for a in ("when", "from", "to", "notBefore", "notAfter") if date.get(a)]


def test_every_date_before_the_switch_records_the_calendar_of_its_source():
    checked = 0
    for tree in all_texts():
        calendars = {f"#{c}" for c in tree.xpath("//tei:calendarDesc/tei:calendar/@xml:id", namespaces=NS)}
        for date in tree.xpath("//tei:text//tei:date", namespaces=NS):
            if any(v < SWITCH for v in values(date)):
                checked += 1
                assert date.get("calendar") in calendars, (words(date), date.attrib)
    assert checked >= 10


def test_old_style_values_are_converted_to_the_gregorian_calendar():
    tree = text("expulsion")
    julian = {words(d): d for d in tree.xpath("//tei:date[@calendar = '#expulsion-julian']", namespaces=NS)}
    assert julian["October 26, 1879"].get("when") == "1879-11-07"
    october = julian["October 1917"]
    assert (october.get("notBefore"), october.get("notAfter")) == ("1917-10-14", "1917-11-13")


def test_the_rule_rejects_a_date_without_calendar(tmp_path):
    tree = text("expulsion")
    tree.xpath("//tei:date[@calendar]", namespaces=NS)[0].attrib.pop("calendar")
    copy = tmp_path / "texts" / TRANSLATED["expulsion"]
    copy.parent.mkdir()
    (tmp_path / "registers").mkdir()
    tree.write(str(copy), encoding="UTF-8", xml_declaration=True)
    assert "date-calendar" in {d.rule for d in validate_paths([copy]) if d.is_error}
