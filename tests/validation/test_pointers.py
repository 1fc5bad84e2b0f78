"""Pointers beyond ``#id`` in ``validate``: ``file.xml#id``, prefixes a ``prefixDef`` declares
(``pmb:11``), authority URIs matched against the entries' ``idno`` (tests/roots/pointers)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition.cli import cli
from edition.validation import TEI_ALL_RNG

ROOT = Path(__file__).resolve().parents[1] / "roots" / "pointers"

pytestmark = pytest.mark.skipif(not TEI_ALL_RNG.is_file(),
                                reason=f"{TEI_ALL_RNG} is absent (these editions name tei_all as their grammar)")


def copy(tmp_path: Path, house_rules: bool = False) -> Path:
    edition = tmp_path / "pointers"
    shutil.copytree(ROOT, edition)
    config = edition / "edition.toml"
    text = config.read_text().replace('"../../../../shared/tei/tei_all.rng"', f'"{TEI_ALL_RNG.as_posix()}"')
    config.write_text(text.replace("house_rules = false", f"house_rules = {str(house_rules).lower()}"))
    return edition


def validate(*paths: Path):
    return CliRunner().invoke(cli, ["validate", "--no-cache", *map(str, paths)])


def changed_letter(tmp_path: Path, old: str, new: str, house_rules: bool = False) -> tuple[Path, Path]:
    """A copy of the edition whose letter has ``old`` replaced by ``new``: (the edition, the letter)."""
    edition = copy(tmp_path, house_rules)
    letter = edition / "texts" / "letter.xml"
    letter.write_text(letter.read_text().replace(old, new))
    return edition, letter


def test_file_prefixed_and_authority_pointers_resolve(tmp_path):
    result = validate(copy(tmp_path))
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.stderr


def test_under_the_house_rules_too_and_the_entries_count_as_referred_to(tmp_path):
    edition = copy(tmp_path, house_rules=True)
    result = validate(edition)
    found = [line for line in result.stdout.splitlines() if "ref-resolves" in line or "register-unreferenced" in line]
    assert found == [], result.output
    one = validate(edition / "texts" / "letter.xml")  # the registers only as context
    assert "ref-resolves" not in one.stdout, one.output


def test_an_undeclared_prefix_is_reported_where_it_is_with_what_to_do(tmp_path):
    edition, letter = changed_letter(tmp_path, 'ref="pmb:11"', 'ref="gnd:11"')
    result = validate(edition)
    assert result.exit_code == 1
    assert (f'{letter}:15:34: error: [ref-resolves] @ref="gnd:11": no prefixDef in this file\'s header '
            'declares the prefix "gnd"') in result.stdout, result.output
    assert '<prefixDef ident="gnd"' in result.stdout


def test_an_authority_uri_no_entry_holds_is_reported_under_the_house_rules(tmp_path):
    edition, letter = changed_letter(tmp_path, "viaf/12345", "viaf/999", house_rules=True)
    result = validate(edition)
    assert result.exit_code == 1
    assert f'{letter}:18:7: error: [ref-resolves] @ref="https://viaf.org/viaf/999"' in result.stdout, result.output
    assert "add the URI to the entry's <idno>" in result.stdout


def test_an_authority_uri_with_a_fragment_is_not_taken_for_a_file(tmp_path):
    edition = copy(tmp_path, house_rules=True)
    for path in edition.rglob("*.xml"):
        path.write_text(path.read_text().replace("viaf/12345", "viaf/12345#x"))
    result = validate(edition)
    assert result.exit_code == 0, result.output
    assert "ref-resolves" not in result.stdout


def test_a_file_pointer_is_looked_up_in_that_file(tmp_path):
    edition = copy(tmp_path)
    letter = edition / "texts" / "letter.xml"
    letter.write_text(letter.read_text().replace("persons.xml#kraus", "persons.xml#krause")
                      .replace('replacementPattern="../registers/persons.xml', 'replacementPattern="../registers/person.xml'))
    result = validate(letter)  # the registers only as context
    assert result.exit_code == 1
    assert (f'{letter}:15:34: error: [ref-resolves] @ref="pmb:11" (by its prefixDef: "../registers/person.xml#pmb11"): '
            "there is no file ../registers/person.xml") in result.stdout, result.output
    assert (f'{letter}:17:7: error: [ref-resolves] @ref="../registers/persons.xml#krause": '
            '../registers/persons.xml holds no xml:id="krause"') in result.stdout, result.output


def test_a_prefixed_pointer_at_no_entry_is_reported_as_written_with_its_expansion(tmp_path):
    edition, letter = changed_letter(tmp_path, 'ref="pmb:11"', 'ref="pmb:99"')
    result = validate(edition)
    assert result.exit_code == 1
    assert (f'{letter}:15:34: error: [ref-resolves] @ref="pmb:99" (by its prefixDef: "../registers/persons.xml#pmb99"): '
            '../registers/persons.xml holds no xml:id="pmb99"') in result.stdout, result.output
