"""``tei-edition tag INPUT.txt``: plain text -> a complete TEI document that validates."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from lxml import etree

from edition import validation
from edition.cli import cli
from edition.tagger.document import is_heading
from edition.tei import XML_ID, qn
from edition.xmlio import read_xml
from .conftest import FIXTURE_REGISTERS

TEXT = """Высылка Троцкого

В январе 1928 года Троцкого выслали в Алма-Ату, а Сталин остался в Москве.
Троцкистская оппозиция была разгромлена; Зиновьев и Каменев капитулировали.

Шифф и Варбург встречались с Бухариным в Берлине.
"""


def run(*args):
    return CliRunner().invoke(cli, ["tag", *map(str, args)], catch_exceptions=False)


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "opposition-draft.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_writes_a_tagged_document(source, tmp_path):
    output = tmp_path / "out.xml"
    result = run(source, "--lang", "ru", "--registers", FIXTURE_REGISTERS, "-o", output)
    assert result.exit_code == 0, result.output
    tree = read_xml(output)
    root = tree.getroot()
    assert root.get(XML_ID) == "opposition-draft"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    [div] = root.iter(qn("tei:div"))
    assert div[0].tag == qn("tei:head") and "".join(div[0].itertext()) == "Высылка Троцкого"
    paragraphs = list(root.iter(qn("tei:p")))
    body_paragraphs = [p for p in paragraphs if p.get(XML_ID)]
    assert [p.get(XML_ID) for p in body_paragraphs] == ["opposition-draft-p1", "opposition-draft-p2",
                                                         "opposition-draft-p3"]
    refs = [(e.text, e.get("ref")) for e in root.iter(qn("tei:persName"))]
    assert ("Троцкого", "#trotsky") in refs and ("Сталин", "#stalin") in refs
    assert all(e.text != "Троцкистская" for e in root.iter(qn("tei:persName")))
    [date] = [d for d in root.iter(qn("tei:date")) if d.getparent().tag == qn("tei:p")]
    assert (date.text, date.get("when")) == ("январе 1928 года", "1928-01")
    assert tree.docinfo.encoding == "UTF-8"
    language = root.find(".//" + qn("tei:language"))
    assert language.get("ident") == "ru"
    assert root.find(".//" + qn("tei:idno")).text == "opposition-draft.txt"


def test_paragraph_text_is_the_source_line(source, tmp_path):
    output = tmp_path / "out.xml"
    run(source, "--lang", "ru", "--registers", FIXTURE_REGISTERS, "-o", output)
    blocks = [b for b in read_xml(output).getroot().find(qn("tei:text")).iter(qn("tei:head"), qn("tei:p"))]
    lines = [line for line in TEXT.splitlines() if line.strip()]
    assert ["".join(b.itertext()) for b in blocks] == lines


def test_the_output_validates(source, tmp_path):
    output = tmp_path / "out.xml"
    run(source, "--lang", "ru", "--registers", FIXTURE_REGISTERS, "-o", output)
    errors = [d for d in validation.validate_paths([output, FIXTURE_REGISTERS]) if d.is_error]
    assert errors == []


def test_prints_to_standard_output(source):
    result = run(source, "--lang", "en", "--registers", FIXTURE_REGISTERS)
    assert result.exit_code == 0
    root = etree.fromstring(result.stdout_bytes)
    assert root.tag == qn("tei:TEI")


def test_language_is_required_for_plain_text(source):
    assert run(source, "--registers", FIXTURE_REGISTERS).exit_code == 2


def test_unreadable_input_is_a_usage_error(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Trotsky à Paris".encode("latin-1"))
    assert run(path, "--lang", "en").exit_code == 2


def test_report_lists_unknown_names_with_counts_and_contexts(source):
    result = run(source, "--lang", "ru", "--registers", FIXTURE_REGISTERS, "--report")
    assert result.exit_code == 0
    report = result.stdout
    assert "Варбург" in report and "Берлине" in report  # unknown to the fixture register
    assert "[Варбург]" in report  # a context with the name marked
    assert "Троцкого" not in report.split("\n", 1)[0]
    assert "(троцкий)" not in report  # known names are not candidates


@pytest.mark.parametrize("line, heading", [
    ("Expulsion of Trotsky from the USSR", True),
    ("Trotsky was expelled from the USSR in 1929.", False),
    ("See also articles:", False),
    ("24.09.2019", False),
    ("В итоге…", False),
])
def test_heading_heuristic(line, heading):
    assert is_heading(line) is heading
