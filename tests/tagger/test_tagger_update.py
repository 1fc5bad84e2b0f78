"""``tei-edition tag --update FILE.xml`` adds tags and loses nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edition import validation
from edition.cli import cli
from edition.project import EDITION_RNG, EDITION_SCH
from edition.tagger import update as update_module
from edition.tei import qn
from edition.textview import source_words
from edition.xmlio import parse_bytes, read_xml
from .conftest import FIXTURE_REGISTERS

DOCUMENT = f"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="{EDITION_RNG}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<?xml-model href="{EDITION_SCH}" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>
<!-- an editor's comment before the root -->
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="draft" xml:lang="ru">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title type="main">Троцкий в Алма-Ате</title>
        <respStmt>
          <resp>TEI encoding</resp>
          <name>The editors</name>
        </respStmt>
      </titleStmt>
      <publicationStmt>
        <publisher>tei-edition</publisher>
        <date when="2026-11-22">22 November 2026</date>
        <availability status="free">
          <licence target="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</licence>
        </availability>
      </publicationStmt>
      <sourceDesc>
        <bibl>
          <title>Сталин и Троцкий</title>
          <idno type="seed">draft.txt</idno>
          <note type="source">A test document.</note>
          <textLang mainLang="ru">Russian</textLang>
        </bibl>
      </sourceDesc>
    </fileDesc>
    <encodingDesc>
      <editorialDecl>
        <p>Test.</p>
      </editorialDecl>
    </encodingDesc>
    <profileDesc>
      <langUsage>
        <language ident="ru">Russian</language>
      </langUsage>
    </profileDesc>
    <revisionDesc>
      <change when="2026-11-22">Encoded.</change>
    </revisionDesc>
  </teiHeader>
  <text>
    <body>
      <div xml:id="draft-d1">
        <head>Высылка <persName ref="#trotsky">Троцкого</persName></head>
        <!-- check the date below -->
        <p xml:id="draft-p1">В январе 1928 года <persName ref="#trotsky" cert="low">Троцкого</persName> выслали в Алма-Ату,<?editor keep this?> а Сталин остался в Москве.</p>
        <p xml:id="draft-p2">Зиновьев и <hi rend="italic">Каменев</hi> капитулировали<seg xml:id="draft-s1">, как и Бухарин</seg>.<note type="editorial" target="#draft-s1">Бухарин капитулировал позже, в 1929 году.</note></p>
        <p xml:id="draft-p3">Письмо <choice><sic>Троцкаго</sic><corr>Троцкого</corr></choice> дошло до Москвы.</p>
      </div>
    </body>
  </text>
</TEI>
"""


def run(*args):
    return CliRunner().invoke(cli, ["tag", *map(str, args)], catch_exceptions=False)


@pytest.fixture
def document(tmp_path) -> Path:
    path = tmp_path / "draft.xml"
    path.write_text(DOCUMENT, encoding="utf-8")
    return path


def nodes(tree, kind):
    return [str(n) for n in tree.getroot().getroottree().iter() if n.tag is kind]


def prolog(data: bytes) -> bytes:
    return data[:data.index(b"<TEI")]


def test_update_adds_tags_and_loses_nothing(document):
    original = document.read_bytes()
    before = parse_bytes(original)
    result = run("--update", document, "--registers", FIXTURE_REGISTERS)
    assert result.exit_code == 0, result.output
    after_bytes = document.read_bytes()
    after = parse_bytes(after_bytes)

    assert source_words(after) == source_words(before)
    assert prolog(after_bytes) == prolog(original)
    assert nodes(after, etree.Comment) == nodes(before, etree.Comment)
    assert nodes(after, etree.PI) == nodes(before, etree.PI)
    assert etree.tostring(after.getroot()[0]) == etree.tostring(before.getroot()[0])  # the header
    # Every existing element is still there with its attributes, in order.
    old = [(e.tag, dict(e.attrib)) for e in before.getroot().iter() if isinstance(e.tag, str)]
    new = iter([(e.tag, dict(e.attrib)) for e in after.getroot().iter() if isinstance(e.tag, str)])
    assert all(any(item == candidate for candidate in new) for item in old)
    # Existing tags keep their words and attributes.
    existing = [(e.text, dict(e.attrib)) for e in after.getroot().iter(qn("tei:persName")) if e.get("cert")]
    assert existing == [("Троцкого", {"ref": "#trotsky", "cert": "low"})]
    # New tags where the text had none.
    added = {(e.text, e.get("ref") or e.get("when")) for e in after.getroot().iter(
        qn("tei:persName"), qn("tei:placeName"), qn("tei:date"))}
    assert {("Сталин", "#stalin"), ("Москве", "#moscow"), ("Алма-Ату", "#almaty"), ("Зиновьев", "#zinoviev"),
            ("январе 1928 года", "1928-01"), ("Москвы", "#moscow")} <= added
    # Nothing inside a note, a correction, or markup that was already there.
    note = after.getroot().find(qn("tei:text")).find(".//" + qn("tei:note"))
    assert len(note) == 0 and note.text == "Бухарин капитулировал позже, в 1929 году."
    assert len(after.getroot().find(".//" + qn("tei:corr"))) == 0
    assert len(after.getroot().find(".//" + qn("tei:sic"))) == 0
    hi = after.getroot().find(".//" + qn("tei:hi"))
    assert "".join(hi.itertext()) == "Каменев" and hi.get("rend") == "italic"
    # The paragraph's words inside the seg are tagged (a seg is not a name).
    assert after.getroot().find(".//" + qn("tei:seg")).find(qn("tei:persName")).text == "Бухарин"
    # A backup of the original, and no temporary file left behind.
    assert (document.parent / "draft.xml.bak").read_bytes() == original
    assert sorted(p.name for p in document.parent.iterdir()) == ["draft.xml", "draft.xml.bak"]
    assert "persName" in result.stderr and "added" in result.stderr


def test_update_is_idempotent(document):
    run("--update", document, "--registers", FIXTURE_REGISTERS)
    once = document.read_bytes()
    result = run("--update", document, "--registers", FIXTURE_REGISTERS)
    assert result.exit_code == 0
    assert "nothing to add" in result.stderr
    assert document.read_bytes() == once


def test_update_result_validates(document):
    before = {d.message for d in validation.validate_paths([document, FIXTURE_REGISTERS]) if d.is_error}
    run("--update", document, "--registers", FIXTURE_REGISTERS)
    after = {d.message for d in validation.validate_paths([document, FIXTURE_REGISTERS]) if d.is_error}
    assert after <= before


def test_update_prints_a_diff_on_request(document):
    result = run("--update", document, "--registers", FIXTURE_REGISTERS, "--diff")
    assert "+" in result.stdout and '<persName ref="#stalin">Сталин</persName>' in result.stdout


def test_update_refuses_when_the_text_would_change(document, monkeypatch):
    original = document.read_bytes()

    def damaging(tree, tagger):
        paragraph = tree.getroot().find(qn("tei:text")).find(".//" + qn("tei:p"))
        paragraph.text = "Совсем другой текст "
        return {"persName": 1}

    monkeypatch.setattr("edition.tagger.command.add_tags", damaging)
    result = run("--update", document, "--registers", FIXTURE_REGISTERS)
    assert result.exit_code == 1
    assert "text" in result.stderr
    assert document.read_bytes() == original
    assert not (document.parent / "draft.xml.bak").exists()


def test_update_refuses_to_touch_the_header(document, monkeypatch):
    original = document.read_bytes()

    def retitling(tree, tagger):
        tree.getroot().find(".//" + qn("tei:title")).text = "Другое название"
        return {"persName": 1}

    monkeypatch.setattr("edition.tagger.command.add_tags", retitling)
    assert run("--update", document, "--registers", FIXTURE_REGISTERS).exit_code == 1
    assert document.read_bytes() == original


def test_update_refuses_an_invalid_result(document, monkeypatch):
    original = document.read_bytes()

    def invalid(tree, tagger):
        paragraph = tree.getroot().find(qn("tei:text")).find(".//" + qn("tei:p"))
        etree.SubElement(paragraph, qn("tei:div"))  # a div inside a p: not in the schema
        return {"persName": 1}

    monkeypatch.setattr("edition.tagger.command.add_tags", invalid)
    result = run("--update", document, "--registers", FIXTURE_REGISTERS)
    assert result.exit_code == 1
    assert document.read_bytes() == original


def test_update_of_a_malformed_file_is_a_usage_error(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<TEI><p>Троцкий</TEI>", encoding="utf-8")
    result = run("--update", path, "--registers", FIXTURE_REGISTERS)
    assert result.exit_code == 2
    assert path.read_text(encoding="utf-8") == "<TEI><p>Троцкий</TEI>"


def test_blocks_skip_existing_markup(document):
    tree = read_xml(document)
    blocks = update_module.blocks_of(tree)
    texts = [b.text for b in blocks]
    assert any("Сталин остался" in t for t in texts)
    assert not any(t.startswith("Бухарин капитулировал позже") for t in texts)  # the note
