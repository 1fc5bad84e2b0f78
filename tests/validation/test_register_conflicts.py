"""One id declared by two register files under different names is a conflict ``validate`` reports
at both; copies of an entry in texts (a letter's ``back``) are not (the register file's entry wins
over them: ``Registers.add``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from edition.cli import cli
from edition.validation import TEI_ALL_RNG

HEADER = ('<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>p</p></publicationStmt>'
          '<sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>')

pytestmark = pytest.mark.skipif(not TEI_ALL_RNG.is_file(),
                                reason=f"{TEI_ALL_RNG} is absent (these editions name tei_all as their grammar)")


def tei(text: str) -> str:
    return f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{HEADER}<text>{text}</text></TEI>\n'


def register(name: str) -> str:
    return tei(f'<body><listPlace>\n<place xml:id="wien"><placeName>{name}</placeName></place>\n</listPlace></body>')


def edition(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / "edition.toml").write_text(
        f'[sources]\nfolder = "."\n[validation]\nschema = "tei_all"\nhouse_rules = false\n'
        f'tei_all = "{TEI_ALL_RNG.as_posix()}"\n', encoding="utf-8")
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    return tmp_path


def validate(*paths: Path):
    return CliRunner().invoke(cli, ["validate", "--no-cache", *map(str, paths)])


LETTER = tei('<body><p>Aus <placeName ref="#wien">Wien</placeName>.</p></body>'
             '<back><listPlace><place xml:id="wien"><placeName>Wien (Stadt)</placeName></place></listPlace></back>')


def test_two_register_files_naming_one_id_differently_are_reported_at_both(tmp_path):
    root = edition(tmp_path, {"indices/places.xml": register("Wien"), "indices/orte.xml": register("Wien\n  an der Donau"),
                              "letter.xml": LETTER})
    result = validate(root)
    assert result.exit_code == 1, result.output
    places, orte = root / "indices" / "places.xml", root / "indices" / "orte.xml"
    assert (f'{orte}:2:1: error: [register-conflict] xml:id="wien" is "Wien an der Donau" here and "Wien" at '
            f'{places}:2:1') in result.stdout, result.output
    assert f'{places}:2:1: error: [register-conflict] xml:id="wien" is "Wien" here and "Wien an der Donau" at {orte}:2:1' \
        in result.stdout
    assert result.stdout.count("register-conflict") == 2, "the letter's copy is not a conflict"
    one = validate(places)  # the other register only as context
    assert one.stdout.count("register-conflict") == 1, one.output


def test_the_same_entry_in_two_register_files_or_a_copy_in_a_text_is_no_conflict(tmp_path):
    root = edition(tmp_path, {"places.xml": register("Wien"), "orte.xml": register(" Wien "), "letter.xml": LETTER})
    result = validate(root)
    assert result.exit_code == 0, result.output
