"""``--schema tei_all`` reports exactly what jing reports: every error of every file, at jing's
line and column, with jing's message, however the files are shared out between jing processes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from edition.validation import TEI_ALL_RNG, Rules, grammar, validate_paths

FIXTURE = Path(__file__).resolve().parents[1] / "roots" / "tei-invalid"
JING_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): error: (?P<message>.*)$", re.MULTILINE)

pytestmark = pytest.mark.skipif(shutil.which("jing") is None or not TEI_ALL_RNG.is_file(),
                                reason="needs jing and ../shared/tei/tei_all.rng")


def jing_alone(files: list[Path]) -> list[tuple[str, int, int, str]]:
    """jing as a user runs it, with none of our options."""
    completed = subprocess.run(["jing", str(TEI_ALL_RNG), *map(str, files)], capture_output=True, text=True,
                               timeout=300, check=False)
    return sorted((Path(m["path"]).name, int(m["line"]), int(m["column"]), m["message"])
                  for m in JING_LINE.finditer(completed.stdout))


def ours(files: list[Path]) -> list[tuple[str, int, int, str]]:
    found = validate_paths(files, schema="tei_all", rules=Rules(None, house_rules=False, tei_all=TEI_ALL_RNG))
    return sorted((Path(d.path).name, d.line, d.column, d.message) for d in found if d.rule == "rng")


def test_every_error_jing_reports_is_reported_where_jing_reports_it():
    files = sorted(FIXTURE.glob("*.xml"))
    expected = jing_alone(files)
    assert {name for name, *_ in expected} == {"letter.xml", "play.xml"} and len(expected) >= 7
    assert ours(files) == expected


def test_the_same_when_every_file_goes_to_a_jing_process_of_its_own_run_one_per_core(monkeypatch):
    files = sorted(FIXTURE.glob("*.xml"))
    monkeypatch.setattr(grammar, "ARGUMENTS_PER_RUN", 1)
    monkeypatch.setattr(grammar, "BYTES_PER_PROCESS", 1)
    assert ours(files) == jing_alone(files)


def test_files_are_shared_out_by_size_each_batch_in_the_files_order():
    sizes = {"a": 5, "b": 1, "c": 4, "d": 2, "e": 3}
    assert grammar._batches(sizes, 2) == [["a", "b", "d"], ["c", "e"]]
    assert grammar._batches(sizes, 1) == [["a", "b", "c", "d", "e"]]


def test_java_failing_to_start_is_a_usage_error_never_a_pass(monkeypatch):
    monkeypatch.setenv("JAVA_TOOL_OPTIONS", "-XX:+UseG1GC")  # a user's options that stop Java: two collectors
    monkeypatch.setenv("JDK_JAVA_OPTIONS", "-XX:+UseSerialGC")
    found = validate_paths([FIXTURE / "valid.xml"], schema="tei_all",
                           rules=Rules(None, house_rules=False, tei_all=TEI_ALL_RNG))
    assert [d.rule for d in found] == ["usage"] and "garbage collectors" in found[0].message
