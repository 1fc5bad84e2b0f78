"""The rules of ``tei-edition validate``: one valid fixture per construct, one invalid per rule."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from edition.project import EDITION_RNG, EDITION_SCH
from edition.validation import validate_paths
from edition.xmlio import read_xml

ROOT = Path(__file__).resolve().parents[1] / "roots" / "validation"
VALID = ROOT / "edition"
INVALID = ROOT / "invalid" / "texts"
A_DOC = "{http://relaxng.org/ns/compatibility/annotations/1.0}documentation"
RNG = "{http://relaxng.org/ns/structure/1.0}"


def errors(diagnostics):
    return [d for d in diagnostics if d.is_error]


def test_the_valid_edition_has_no_diagnostic_at_all():
    assert validate_paths([VALID]) == []


@pytest.mark.parametrize("fixture", sorted(p.relative_to(VALID).as_posix() for p in VALID.rglob("*.xml")))
def test_each_valid_fixture_alone_has_no_error(fixture):
    """Alone, a text still resolves its references: the edition's registers are loaded."""
    assert errors(validate_paths([VALID / fixture])) == []


def test_every_element_of_the_schema_has_a_valid_fixture():
    defined = {node.get("name") for node in read_xml(EDITION_RNG).iter(f"{RNG}element")}
    used = {etree.QName(element).localname for path in VALID.rglob("*.xml")
            for element in read_xml(path).iter(tag=etree.Element)}
    assert defined - used == set()


# (fixture, rule, severity, line, column): the exact place each rule reports.
INVALID_CASES = [
    ("rng.xml", "rng", "error", 14, 30),
    ("date-exists.xml", "date-exists", "error", 14, 39),
    ("date-order.xml", "date-order", "error", 14, 40),
    ("date-attr-combination.xml", "date-attr-combination", "error", 14, 49),
    ("name-not-empty.xml", "name-not-empty", "error", 14, 44),
    ("translation-note-lang.xml", "translation-note-lang", "error", 14, 97),
    ("russian-wording-status.xml", "russian-wording-status", "error", 14, 160),
    ("date-calendar.xml", "date-calendar", "error", 14, 41),
    ("id-required.xml", "id-required", "error", 14, 9),
    ("id-prefix.xml", "id-prefix", "error", 14, 9),
    ("id-unique.xml", "id-unique", "error", 15, 9),
    ("ref-resolves.xml", "ref-resolves", "error", 14, 37),
    ("ref-kind.xml", "ref-kind", "error", 14, 36),
    ("url-scheme.xml", "url-scheme", "error", 14, 37),
    ("register-regular-name.xml", "register-regular-name", "error", 12, 7),
    ("place-geo.xml", "place-geo", "warning", 12, 7),
    ("xml-model.xml", "xml-model", "warning", 2, 1),
    ("xml-syntax.xml", "xml-syntax", "error", 14, 69),
]
# Rules that may accompany the one under test (a malformed file cascades).
# Grammar companions: xsd:date refuses 30 February, xsd:ID a second equal id in one document.
COMPANIONS = {"date-exists.xml": {"rng"}, "id-unique.xml": {"rng"}, "xml-syntax.xml": {"xml-syntax"}}


@pytest.mark.parametrize("fixture, rule, severity, line, column", INVALID_CASES)
def test_each_rule_reports_its_id_at_the_exact_place(fixture, rule, severity, line, column):
    diagnostics = validate_paths([INVALID / fixture])
    assert (rule, severity, line, column) in [(d.rule, d.severity.value, d.line, d.column) for d in diagnostics]
    others = {d.rule for d in diagnostics if d.is_error} - {rule} - COMPANIONS.get(fixture, set())
    assert others == set(), f"unexpected errors besides {rule}"
    found = next(d for d in diagnostics if d.rule == rule)
    assert found.message and Path(found.path).resolve() == (INVALID / fixture).resolve()


def test_ids_are_unique_across_documents_and_both_holders_hear_of_it(tmp_path):
    edition = tmp_path / "edition"
    shutil.copytree(VALID, edition)
    shutil.copy(edition / "texts" / "names.xml", edition / "texts" / "names-copy.xml")
    clashes = [d for d in validate_paths([edition]) if d.rule == "id-unique"]
    by_file = {name: [d for d in clashes if Path(d.path).name == name] for name in ("names.xml", "names-copy.xml")}
    assert by_file["names.xml"] and len(by_file["names.xml"]) == len(by_file["names-copy.xml"]) == len(clashes) / 2
    assert all("is already used at" in d.message and "names-copy.xml:" in d.message for d in by_file["names.xml"])
    assert all("is used again at" in d.message and "names.xml:" in d.message for d in by_file["names-copy.xml"])
    assert [(d.line, d.column) for d in by_file["names.xml"]] == [(d.line, d.column) for d in by_file["names-copy.xml"]]
    assert (by_file["names.xml"][0].line, by_file["names.xml"][0].column) == (4, 1)  # the root's xml:id="names"


@pytest.mark.parametrize("edition", [VALID, ROOT / "invalid"], ids=["valid", "invalid"])
def test_a_file_validated_alone_gets_what_validating_the_edition_gives_it(tmp_path, edition):
    """The editor's save: one file, the rest of the edition read for context only (a copy of a text
    beside it, so that every file holds ids that clash)."""
    copy = tmp_path / "edition"
    shutil.copytree(edition, copy)
    text = next(path for path in sorted((copy / "texts").glob("*.xml")) if "xml:id" in path.read_text(encoding="utf-8"))
    shutil.copy(text, copy / "texts" / "a-copy.xml")
    whole = validate_paths([copy])
    assert "id-unique" in {d.rule for d in whole}
    for path in sorted(copy.rglob("*.xml")):
        assert validate_paths([path]) == [d for d in whole if d.path == str(path)], path.name


def test_unreferenced_register_entries_are_warnings():
    diagnostics = validate_paths([INVALID / "register-unreferenced.xml", INVALID.parent / "registers"])
    assert [(d.rule, d.severity.value, d.line) for d in diagnostics] == [("register-unreferenced", "warning", 15)]
    assert '"nobody-else"' in diagnostics[0].message


def test_schematron_messages_carry_element_and_hint():
    (diagnostic,) = [d for d in validate_paths([INVALID / "date-order.xml"]) if d.rule == "date-order"]
    assert diagnostic.element == "date"
    assert diagnostic.hint == "swap them"
    assert "(hint:" not in diagnostic.message


def test_grammar_errors_hint_at_the_schema_documentation():
    (diagnostic,) = validate_paths([INVALID / "rng.xml"])
    assert diagnostic.element == "hi" and "italic" in diagnostic.hint


def test_one_run_reports_every_file_and_a_malformed_one_does_not_stop_it():
    diagnostics = validate_paths([INVALID])
    reported = {Path(d.path).name for d in diagnostics}
    assert {name for name, *_ in INVALID_CASES} <= reported
    assert diagnostics == sorted(diagnostics)
    keys = [(d.path, d.line, d.column) for d in diagnostics]
    assert keys == sorted(keys)


def test_an_unreadable_path_is_reported_as_io(tmp_path):
    (diagnostic,) = validate_paths([tmp_path / "missing.xml"])
    assert diagnostic.rule == "io" and diagnostic.is_error


def test_a_dtd_with_entities_is_refused_and_the_other_files_still_checked(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<!DOCTYPE TEI [<!ENTITY a "aaaa">]><TEI xmlns="http://www.tei-c.org/ns/1.0">&a;</TEI>')
    shutil.copy(INVALID / "rng.xml", tmp_path / "rng.xml")
    rules = {(Path(d.path).name, d.rule) for d in validate_paths([tmp_path])}
    assert ("bomb.xml", "xml-entity") in rules and ("rng.xml", "rng") in rules


# ------------------------------------------------------------------ closed value lists

def mutated(tmp_path, fixture: str, old: str, new: str) -> Path:
    """A copy of a valid fixture, in a copy of the edition, with one change."""
    edition = tmp_path / "edition"
    shutil.copytree(VALID, edition)
    path = edition / fixture
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("fixture, old, new", [
    ("texts/structure.xml", 'rend="italic"', 'rend="blink"'),
    ("texts/notes.xml", 'type="editorial"', 'type="gossip"'),
    ("texts/names.xml", 'cert="low"', 'cert="maybe"'),
    ("texts/structure.xml", 'type="debris"', 'type="rubbish"'),
    ("texts/structure.xml", 'idno type="seed"', 'idno type="isbn"'),
    ("registers/places.xml", 'type="settlement"', 'type="city"'),
    ("registers/persons.xml", 'type="full"', 'type="long"'),
    ("registers/persons.xml", 'sex="M"', 'sex="male"'),
    ("registers/places.xml", "<geo>43.2389 76.8897</geo>", "<geo>43.2389, 76.8897</geo>"),
    ("texts/notes.xml", "<choice><sic>", "<choice><corr>x</corr><sic>"),
])
def test_closed_value_lists_and_content_are_enforced_by_the_grammar(tmp_path, fixture, old, new):
    path = mutated(tmp_path, fixture, old, new)
    expected_line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if new in text)
    assert ("rng", expected_line) in [(d.rule, d.line) for d in validate_paths([path])]


# ------------------------------------------------------------------ xml-model and --schema

def test_xml_model_naming_a_local_grammar_is_used(tmp_path):
    grammar = tmp_path / "only-foo.rng"
    grammar.write_text('<element name="foo" xmlns="http://relaxng.org/ns/structure/1.0"><empty/></element>')
    document = tmp_path / "doc.xml"
    document.write_text('<?xml-model href="only-foo.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n<bar/>\n')
    (diagnostic,) = validate_paths([document])
    assert (diagnostic.rule, diagnostic.line) == ("rng", 2)


def test_xml_model_naming_a_missing_file_falls_back_to_the_edition_schema(tmp_path):
    path = mutated(tmp_path, "texts/names.xml", "../../../../../schema/edition.rng", "nowhere.rng")
    diagnostics = validate_paths([path])
    # The copy's Schematron href (line 3) does not reach the repository either; both fall back.
    assert [(d.rule, d.severity.value, d.line) for d in diagnostics] == [("xml-model", "warning", 2),
                                                                         ("xml-model", "warning", 3)]


def test_schema_option_with_a_path_checks_the_grammar_only(tmp_path):
    other = shutil.copy(EDITION_RNG, tmp_path / "other.rng")
    diagnostics = validate_paths([INVALID / "date-order.xml"], schema=str(other))
    assert [d.rule for d in diagnostics] == []  # the edition's rules come with schema="edition"
    assert [d.rule for d in validate_paths([INVALID / "date-order.xml"], schema="edition")] == ["date-order"]


def test_a_broken_schema_is_one_usage_error_not_one_per_file(tmp_path):
    broken = tmp_path / "broken.rng"
    broken.write_text('<element xmlns="http://relaxng.org/ns/structure/1.0"><empty/></element>')
    (diagnostic,) = validate_paths([VALID], schema=str(broken))
    assert diagnostic.rule == "usage" and "compile" in diagnostic.message


def test_an_unknown_schema_is_a_usage_error(tmp_path):
    (diagnostic,) = validate_paths([VALID], schema=str(tmp_path / "none.rng"))
    assert diagnostic.rule == "usage"


# ------------------------------------------------------------------ the schema files

def test_every_element_and_attribute_of_the_schema_is_documented():
    tree = read_xml(EDITION_RNG)
    undocumented = [f"{node.tag.rpartition('}')[2]} {node.get('name')}"
                    for node in tree.iter(f"{RNG}element", f"{RNG}attribute")
                    if node.find(A_DOC) is None]
    assert undocumented == []
    assert len(list(tree.iter(f"{RNG}element"))) >= 70


def test_every_schematron_assert_has_an_id_and_a_message():
    tree = read_xml(EDITION_SCH)
    asserts = list(tree.iter("{http://purl.oclc.org/dsdl/schematron}assert"))
    assert asserts and all(a.get("id") and "".join(a.itertext()).strip() for a in asserts)


def test_the_edition_schema_compiles():
    """Its compile time is a figure of scripts/bench_validate.py, not a test."""
    assert etree.RelaxNG(read_xml(EDITION_RNG)).validate(read_xml(VALID / "texts" / "structure.xml"))


PARALLEL_RUN = """
import json, os, sys
from pathlib import Path
import edition.validation as validation

pids = Path(sys.argv[1])
checked = validation._check_file

def noting(*arguments):  # in a worker: which process checked a file
    with open(pids, "a") as handle:
        handle.write(f"{os.getpid()}\\n")
    return checked(*arguments)

validation._check_file = noting
validation.PARALLEL_FROM = 2
found = validation.validate_paths([Path(p) for p in sys.argv[2:]])
print(json.dumps([d.as_dict() for d in found]))
"""


def test_many_files_checked_in_parallel_give_the_same_diagnostics(tmp_path):
    """In a fresh interpreter: a test process runs threads (servers, browsers), and a process with
    threads is never forked, so the pool would not be used here."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: files are checked in-process")
    sequential = validate_paths([INVALID.parent, VALID])
    pids = tmp_path / "pids.txt"
    run = subprocess.run([sys.executable, "-c", PARALLEL_RUN, str(pids), str(INVALID.parent), str(VALID)],
                         capture_output=True, text=True, check=True,
                         env={**os.environ, "TEI_EDITION_WORKERS": "2"})
    assert json.loads(run.stdout) == [d.as_dict() for d in sequential]
    assert len(set(pids.read_text().split())) >= 2, "the files were checked by several processes"
    assert len({d.rule for d in sequential}) >= 10


def test_a_schematron_in_xslt2_named_by_a_document_is_a_warning_not_a_crash(tmp_path):
    (tmp_path / "rules.sch").write_text('<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">'
                                        '<pattern><rule context="*"><assert test="true()">x</assert></rule></pattern>'
                                        "</schema>")
    document = tmp_path / "doc.xml"
    document.write_text('<?xml-model href="rules.sch" schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
                        + (INVALID / "rng.xml").read_text(encoding="utf-8").split("\n", 1)[1])
    diagnostics = validate_paths([document])
    assert ("xml-model", "warning") in [(d.rule, d.severity.value) for d in diagnostics]
    assert "rng" in {d.rule for d in diagnostics}  # the edition's grammar still ran


# ------------------------------------------------------------------ date-exists against the calendar

@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(year=st.integers(1000, 2999), month=st.integers(0, 13), day=st.integers(0, 32),
       attribute=st.sampled_from(["when", "from", "to", "notBefore", "notAfter"]))
@example(1900, 2, 29, "when").via("not a leap year")
@example(2000, 2, 29, "when").via("a leap year")
@example(1928, 2, 29, "from").via("a leap year")
@example(1927, 2, 29, "to").via("not a leap year")
@example(1927, 4, 31, "notBefore").via("April has 30 days")
@example(1927, 12, 31, "notAfter").via("the last day")
def test_date_exists_agrees_with_the_calendar(year, month, day, attribute):
    from edition.validation import schematron
    from edition.validation.positions import SourcePositions
    from edition.xmlio import parse_bytes

    value = f"{year:04}-{month:02}-{day:02}"
    try:
        datetime.date(year, month, day)
        exists = True
    except ValueError:
        exists = False
    data = f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><date {attribute}="{value}"/></TEI>'.encode()
    tree = parse_bytes(data)
    rules = {d.rule for d in schematron.validate_tree(EDITION_SCH, tree, SourcePositions(tree, data), "t.xml")}
    assert ("date-exists" not in rules) == exists, value
