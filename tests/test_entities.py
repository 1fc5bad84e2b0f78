"""The one table of entity kinds, and the one URL-scheme allowlist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from edition.elements import ELEMENTS, REGISTERS
from edition.entities import BY_ENTRY_ELEMENT, BY_NAME, BY_RS_TYPE, ENTITY_KINDS
from edition.links import SAFE_SCHEMES, is_safe_url, scheme_of
from edition.registers import entry_from_element
from edition.site.urls import entry_url, external_url
from edition.tei import TEI_NS
from edition.validation import crossrefs

CSS = (Path(__file__).resolve().parents[1] / "edition" / "site" / "static" / "edition.css").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ENTITY_KINDS, ids=lambda kind: kind.name)
def test_each_entity_kind_is_known_to_the_elements_table_and_the_stylesheet(kind):
    assert kind.register in REGISTERS
    assert kind.name in ELEMENTS and kind.name_element in ELEMENTS
    assert re.search(rf"\.mention\.{re.escape(kind.css_class)}\b[^{{]*\{{[^}}]*background", CSS), kind.css_class


@pytest.mark.parametrize("kind", ENTITY_KINDS, ids=lambda kind: kind.name)
def test_an_entry_of_each_kind_is_read_checked_and_paged(kind):
    element = etree.fromstring(
        f'<{kind.name} xmlns="{TEI_NS}" xml:id="x1"><{kind.name_element}>Name</{kind.name_element}></{kind.name}>')
    entry = entry_from_element(element)
    assert (entry.kind, entry.label) == (kind.name, "Name")
    assert entry_url(entry.kind, entry.id) == f"{kind.folder}/x1.html"
    assert f"tei:{kind.name_element}" in crossrefs.ENTITY_ELEMENTS[kind.name]
    assert all(BY_RS_TYPE[rs_type] is kind for rs_type in (kind.name, *kind.rs_types))
    assert BY_NAME[kind.name] is kind


def test_a_group_of_persons_is_an_entry_of_the_persons_named_by_its_name():
    element = etree.fromstring(f'<personGrp xmlns="{TEI_NS}" xml:id="volk" sex="UNKNOWN"><name>Volk</name></personGrp>')
    entry = entry_from_element(element)
    assert (entry.kind, entry.label) == ("person", "Volk")
    assert BY_ENTRY_ELEMENT["personGrp"] is BY_NAME["person"]


@pytest.mark.parametrize("value, scheme", [
    ("https://example.org", "https"), ("mailto:a@b.org", "mailto"), ("HTTP://x", "http"),
    ("javascript:alert(1)", "javascript"), (" JavaScript:alert(1)", "javascript"),
    ("java\tscript:alert(1)", "javascript"), ("java\x00script:x", "javascript"),
    ("data:text/html,x", "data"), ("#trotsky", None), ("persons.xml#trotsky", None), ("", None),
])
def test_the_scheme_is_read_as_a_browser_reads_it(value, scheme):
    assert scheme_of(value) == scheme
    assert is_safe_url(value) == (scheme in SAFE_SCHEMES)
    assert (external_url(value) is not None) == (scheme in SAFE_SCHEMES)


def test_the_validator_and_the_site_share_the_allowlist():
    assert crossrefs.SAFE_SCHEMES is SAFE_SCHEMES
    assert crossrefs._unsafe_scheme("java\tscript:x") == "javascript"
    assert crossrefs._unsafe_scheme("https://x") is None
