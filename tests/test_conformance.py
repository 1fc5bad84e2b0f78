"""Conformance: every document valid against schema/edition.rng is valid against TEI's tei_all.

Proved with jing on the repository's TEI (texts and registers) and on every test fixture the
edition's grammar accepts (the invalid fixtures break the edition's rules, most not its grammar).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from edition.project import EDITION_RNG
from edition.xmlio import UnreadableXML, read_xml

REPOSITORY = Path(__file__).resolve().parents[1]
TEI_ALL = REPOSITORY / ".." / "shared" / "tei" / "tei_all.rng"
CANDIDATES = sorted([*(REPOSITORY / "tei" / "texts").glob("*.xml"),
                     *(REPOSITORY / "tei" / "registers").glob("*.xml"),
                     *(REPOSITORY / "tests" / "roots" / "validation").rglob("*.xml")])


def accepted_by_the_edition_grammar() -> list[Path]:
    grammar = etree.RelaxNG(read_xml(EDITION_RNG))
    accepted = []
    for path in CANDIDATES:
        try:
            tree = read_xml(path)
        except UnreadableXML:
            continue
        if grammar.validate(tree):
            accepted.append(path)
    return accepted


def test_the_edition_grammar_accepts_the_valid_fixtures():
    accepted = set(accepted_by_the_edition_grammar())
    valid = set((REPOSITORY / "tests" / "roots" / "validation" / "edition").rglob("*.xml"))
    assert valid and valid <= accepted


def test_documents_valid_against_the_edition_schema_are_valid_against_tei_all():
    if shutil.which("jing") is None:
        pytest.skip("jing is not installed (Debian package jing)")
    if not TEI_ALL.is_file():
        pytest.skip(f"tei_all.rng is not at {TEI_ALL.resolve()}")
    documents = accepted_by_the_edition_grammar()
    assert len(documents) >= 6
    completed = subprocess.run(["jing", str(TEI_ALL), *map(str, documents)],
                               capture_output=True, text=True, timeout=300, check=False)
    assert completed.returncode == 0, completed.stdout
