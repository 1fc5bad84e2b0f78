"""The Schematron runs lxml's ISO skeleton with two useless walks left out: same reports as the stock one."""

from __future__ import annotations

import pytest
from lxml import etree
from lxml.isoschematron import Schematron

from edition.project import EDITION_SCH, REPOSITORY_DIR
from edition.validation.schematron import SVRL, XSL, _LeanSchematron, _may_match_attribute
from edition.xmlio import UnreadableXML, read_xml

PARAMETERS = {"generate-fired-rule": "'false'"}
DOCUMENTS = sorted([*(REPOSITORY_DIR / "tei").rglob("*.xml"), *(REPOSITORY_DIR / "tests" / "roots").rglob("*.xml")])

ATTRIBUTE_RULES = b"""<schema xmlns="http://purl.oclc.org/dsdl/schematron">
  <ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
  <pattern><rule context="tei:persName/@ref">
    <assert id="ref-hash" test="starts-with(., '#')">a ref starts with #</assert>
  </rule></pattern>
  <pattern><rule context="tei:p"><report id="p-seen" test="true()">a paragraph</report></rule></pattern>
</schema>"""

A_TEXT = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>
  <p><persName ref="per-1">A</persName> <persName ref="#per-2">B</persName></p></body></text></TEI>"""


def reports(checker: Schematron, tree) -> list[bytes]:
    checker.validate(tree)
    return [etree.tostring(node) for node in checker.validation_report.iter(
        f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report")]


def readable(paths):
    for path in paths:
        try:
            yield path, read_xml(path)
        except UnreadableXML:
            continue


def test_the_edition_rules_report_the_same_as_the_stock_skeleton_on_every_document():
    schema = read_xml(EDITION_SCH)
    stock = Schematron(schema, store_report=True, compile_params=PARAMETERS)
    lean = _LeanSchematron(schema, store_report=True, compile_params=PARAMETERS)
    compared = failing = 0
    for path, tree in readable(DOCUMENTS):
        expected = reports(stock, tree)
        assert reports(lean, tree) == expected, path
        compared += 1
        failing += bool(expected)
    assert compared > 20 and failing >= 5  # the invalid fixtures are among them


def test_the_edition_rules_skip_the_default_walk_and_attributes():
    stylesheet = _LeanSchematron(read_xml(EDITION_SCH), store_xslt=True, compile_params=PARAMETERS).validator_xslt
    assert not stylesheet.getroot().findall(f".//{{{SVRL}}}active-pattern/{{{XSL}}}apply-templates")
    selects = {walk.get("select") for walk in stylesheet.iter(f"{{{XSL}}}apply-templates")}
    assert "*|comment()|processing-instruction()" in selects
    assert "@*|*|comment()|processing-instruction()" not in selects


def test_an_attribute_context_still_fires():
    schema, tree = etree.fromstring(ATTRIBUTE_RULES), etree.ElementTree(etree.fromstring(A_TEXT))
    stock = Schematron(schema, store_report=True, compile_params=PARAMETERS)
    lean = _LeanSchematron(schema, store_report=True, compile_params=PARAMETERS)
    found = reports(lean, tree)
    assert found == reports(stock, tree)
    assert sum(b"ref-hash" in report for report in found) == 1 and sum(b"p-seen" in report for report in found) == 1


@pytest.mark.parametrize("pattern, attribute", [
    ("tei:text//*[@xml:id] | tei:text//tei:div", False),
    ("tei:date[@when or @from]", False),
    ("tei:x[f('a|@b')]", False),
    ("tei:x[a[@b]]/tei:c", False),
    ("@ref", True),
    ("tei:x/@y", True),
    ("tei:p | tei:x//@y", True),
    ("tei:x/attribute::y", True),
    ("key('k', 'v')", True),
])
def test_which_contexts_may_match_an_attribute(pattern, attribute):
    assert _may_match_attribute(pattern) is attribute

