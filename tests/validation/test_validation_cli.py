"""``tei-edition validate`` through click's runner and as a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition.cli import cli

ROOT = Path(__file__).resolve().parents[1] / "roots" / "validation"
VALID = ROOT / "edition"
INVALID = ROOT / "invalid" / "texts"
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): \[(?P<rule>[a-z-]+)\] .+")


def run(*arguments: str):
    return CliRunner().invoke(cli, ["validate", *arguments])


def test_a_valid_edition_exits_0():
    result = run(str(VALID))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "0 error(s), 0 warning(s)" in result.stderr


def test_errors_are_printed_path_line_column_severity_rule_and_exit_1():
    result = run(str(INVALID / "date-order.xml"), str(INVALID / "ref-kind.xml"))
    assert result.exit_code == 1
    found = [LINE.match(line).groupdict() for line in result.stdout.splitlines() if LINE.match(line)]
    assert [(Path(f["path"]).name, f["line"], f["column"], f["rule"]) for f in found] == [
        ("date-order.xml", "14", "40", "date-order"), ("ref-kind.xml", "14", "36", "ref-kind")]
    assert "hint: swap them" in result.stdout
    assert "<date>" in result.stdout


def test_json_format_for_tools():
    result = run("--format", "json", str(INVALID / "date-exists.xml"))
    assert result.exit_code == 1
    records = json.loads(result.stdout)
    assert {(r["rule"], r["line"], r["column"], r["severity"]) for r in records} == {
        ("date-exists", 14, 39, "error"), ("rng", 14, 39, "error")}
    assert all(set(r) >= {"path", "message", "hint", "element"} for r in records)


def test_warnings_alone_exit_0():
    result = run(str(INVALID / "xml-model.xml"))
    assert result.exit_code == 0
    assert "warning: [xml-model]" in result.stdout


def test_a_malformed_file_is_invalid_and_the_others_are_still_checked():
    result = run(str(INVALID / "xml-syntax.xml"), str(INVALID / "id-required.xml"))
    assert result.exit_code == 1
    assert "xml-syntax.xml:14:69: error: [xml-syntax]" in result.stdout
    assert "id-required.xml:14:9: error: [id-required]" in result.stdout


def test_unreadable_input_exits_2(tmp_path):
    result = run(str(tmp_path / "missing.xml"))
    assert result.exit_code == 2
    assert "[io]" in result.stdout


def test_an_unknown_schema_exits_2(tmp_path):
    result = run("--schema", str(tmp_path / "missing.rng"), str(VALID))
    assert result.exit_code == 2
    assert "[usage]" in result.stdout


def test_as_a_subprocess_from_an_edition_that_asks_for_the_house_rules(tmp_path):
    (tmp_path / "edition.toml").write_text('[validation]\nschema = "edition"\nhouse_rules = true\n')
    (tmp_path / "deeper").mkdir()
    shutil.copy(INVALID / "translation-note-lang.xml", tmp_path)
    completed = subprocess.run(
        [sys.executable, "-m", "edition", "validate", str(tmp_path / "translation-note-lang.xml")],
        cwd=tmp_path / "deeper", capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 1, completed.stderr
    assert re.search(r"translation-note-lang\.xml:14:97: error: \[translation-note-lang\]", completed.stdout)
    assert "1 error(s), 0 warning(s)" in completed.stderr


def test_outside_any_edition_a_file_without_grammar_needs_tei_all_and_gets_no_house_rules(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != "TEI_ALL"}
    shutil.copy(INVALID / "translation-note-lang.xml", tmp_path)  # in no edition (this repository's is one)
    command = [sys.executable, "-m", "edition", "validate", str(tmp_path / "translation-note-lang.xml")]
    completed = subprocess.run(command, cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 2, completed.stderr
    assert "names no grammar" in completed.stdout and "https://tei-c.org/release/" in completed.stdout
    from edition.validation import TEI_ALL_RNG
    if not TEI_ALL_RNG.is_file():
        return
    completed = subprocess.run(command, cwd=tmp_path, env={**environment, "TEI_ALL": str(TEI_ALL_RNG)},
                               capture_output=True, text=True, timeout=300)
    assert "[translation-note-lang]" not in completed.stdout, "a house rule outside the house"
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_as_a_subprocess_a_valid_folder_exits_0(tmp_path):
    completed = subprocess.run([sys.executable, "-m", "edition", "validate", str(VALID)],
                               cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert (completed.returncode, completed.stdout) == (0, "")


def test_schema_tei_all_with_jing_checks_any_tei(tmp_path):
    from edition.validation import TEI_ALL_RNG

    if shutil.which("jing") is None or not TEI_ALL_RNG.is_file():
        pytest.skip("needs jing and ../shared/tei/tei_all.rng")
    not_tei = tmp_path / "not-tei.xml"
    not_tei.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <unknown/>\n</TEI>\n')
    result = run("--schema", "tei_all", "--engine", "jing", str(VALID), str(not_tei))
    assert result.exit_code == 1, result.output
    found = [LINE.match(line).groupdict() for line in result.stdout.splitlines() if LINE.match(line)]
    assert {(Path(f["path"]).name, f["rule"]) for f in found} == {("not-tei.xml", "rng")}
    assert all(f["path"] == str(not_tei) for f in found)


def test_a_grammar_missing_for_every_file_is_said_once(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != "TEI_ALL"}
    for name in ("a", "b", "c"):
        shutil.copy(INVALID / "translation-note-lang.xml", tmp_path / f"{name}.xml")
    completed = subprocess.run([sys.executable, "-m", "edition", "validate", str(tmp_path)], cwd=tmp_path,
                               env=environment, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 2, completed.stderr
    said = [line for line in completed.stdout.splitlines() if "names no grammar" in line]
    assert len(said) == 1 and said[0].startswith("a.xml:1:1: error: [usage]"), completed.stdout
    assert said[0].endswith("(and 2 other files)"), said
