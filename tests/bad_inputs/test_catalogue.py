"""The catalogue of bad inputs: what must happen to each, pinned so that a regression fails.

Every case is a file — committed under ``fixtures/`` when small, generated in ``tmp_path`` when
large or tied to the file system — with its expected behaviour:

* the first error's rule and ``file:line:column`` (the parser's, or the validator's);
* the exit code of ``tei-edition validate`` on that file alone (1 invalid, 2 unreadable/usage);
* no Python traceback, nothing written or modified, no temporary file left;
* the other files of the same run still checked (a sentinel error elsewhere is still reported).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from catalogue import FIXTURE_CASES, FIXTURES, PARSER_CASES, REPOSITORY, materialise
from click.testing import CliRunner

from edition.cli import cli
from edition.xmlio import MAX_DEPTH, UnreadableXML, read_xml

EDITION = REPOSITORY / "tests" / "roots" / "validation" / "edition"


def test_every_fixture_is_in_the_catalogue():
    assert sorted(p.name for p in FIXTURES.glob("*.xml")) == sorted(FIXTURE_CASES)


@pytest.mark.parametrize("name", PARSER_CASES)
def test_the_parser_names_rule_file_line_and_column(name, tmp_path):
    path = materialise(name, tmp_path)
    expected = PARSER_CASES[name][1]
    start = time.monotonic()
    with pytest.raises(UnreadableXML) as caught:
        read_xml(path)
    assert time.monotonic() - start < 10, "refused, but far too slowly"
    first = caught.value.diagnostics[0]
    assert expected.matches(first), first.format()
    assert re.match(expected.where(path), first.format())
    assert first.message and first.hint, "say what is wrong and what to do"
    assert "\n" not in first.message and all(ch.isprintable() for ch in first.message), repr(first.message)


# --- through the command ---------------------------------------------------------------------------

def snapshot(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every file under ``folder``: its mtime and (when small) its bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            found[str(path.relative_to(folder))] = (stat.st_mtime_ns, path.read_bytes() if stat.st_size < 2**20 else None)
    return found


@pytest.fixture
def edition(tmp_path) -> Path:
    """A copy of the valid edition whose xml-model pointers still reach the repository's schema,
    with an edition.toml asking for the house rules."""
    root = tmp_path / "edition"
    shutil.copytree(EDITION, root)
    schema = (REPOSITORY / "schema").as_posix()
    for path in root.rglob("*.xml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r'href="(?:\.\./)+schema/', f'href="{schema}/', text), encoding="utf-8")
    (root / "edition.toml").write_text('[validation]\nschema = "edition"\nhouse_rules = true\n')
    return root


def sentinel(edition: Path) -> str:
    """Put one grammar error in a good file; the start of the line that must still be reported."""
    path = edition / "texts" / "names.xml"
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if "<head>" in line)
    lines[number] = lines[number].replace("<head>", '<head sentinel="yes">')
    path.write_text("\n".join(lines), encoding="utf-8")
    return f"{path}:{number + 1}:"


def run(*args) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["validate", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), f"crashed: {result.exception!r}"
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("name", PARSER_CASES)
def test_validate_reports_it_and_checks_the_other_files(name, edition):
    expected = PARSER_CASES[name][1]
    path = materialise(name, edition / "texts")
    code, output = run(path)
    assert code == expected.exit_code, output
    assert re.search(expected.where(path), output), output

    still_checked = sentinel(edition)
    before = snapshot(edition)
    code, output = run(edition)
    assert re.search(expected.where(path), output), output
    assert still_checked in output and "[rng]" in output, "the other files must still be validated"
    assert code == max(expected.exit_code, 1)
    assert snapshot(edition) == before, "validate must never write"


# --- the file system: missing, unreadable, not a file ----------------------------------------------

def test_missing_file(edition):
    code, output = run(edition / "texts" / "nowhere.xml", edition / "texts" / "names.xml")
    assert code == 2
    assert re.search(rf"{re.escape(str(edition / 'texts' / 'nowhere.xml'))}:0:0: error: \[io\] .*No such file", output)


def test_directory_given_as_a_file(edition):
    folder = edition / "texts" / "folder.xml"
    folder.mkdir()
    code, output = run(folder, edition / "texts" / "names.xml")
    # a folder named like a file is walked: an empty one contributes nothing, the others are still checked
    assert code == 0 and "0 error(s)" in output, output


def test_broken_symlink(edition):
    link = edition / "texts" / "broken.xml"
    link.symlink_to(edition / "texts" / "gone.xml")
    code, output = run(link, edition / "texts" / "names.xml")
    assert code == 2 and f"{link}:0:0: error: [io]" in output, output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_is_not_waited_on(edition):
    pipe = edition / "texts" / "pipe.xml"
    os.mkfifo(pipe)
    code, output = run(pipe, edition / "texts" / "names.xml")
    assert code == 2 and f"{pipe}:0:0: error: [io] is not a regular file" in output, output


def test_device_is_not_read_forever(edition):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    code, output = run("/dev/zero")
    assert code == 2 and "/dev/zero:0:0: error: [io]" in output, output


def _as_unreadable(monkeypatch, victim: Path) -> None:
    """Make ``victim`` unreadable: chmod when that binds us, else (root) refuse opening it."""
    victim.chmod(0)
    if os.geteuid() != 0:
        return
    real_open = Path.open

    def guarded(self, *args, **kwargs):
        if Path(self).resolve() == victim.resolve():
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)


def test_unreadable_file(edition, monkeypatch):
    victim = edition / "texts" / "notes.xml"
    _as_unreadable(monkeypatch, victim)
    still_checked = sentinel(edition)
    code, output = run(edition)
    victim.chmod(0o644)
    assert code == 2, output
    assert f"{victim}:0:0: error: [io] cannot read the file: Permission denied" in output, output
    assert still_checked in output


def test_unreadable_directory_is_reported_not_skipped(edition, monkeypatch):
    """A folder that cannot be listed must be an error, not an edition with fewer files."""
    locked = edition / "texts" / "locked"
    locked.mkdir()
    (locked / "hidden.xml").write_text("<unclosed>")
    locked.chmod(0)
    if os.geteuid() == 0:  # root lists anything: refuse the listing as the kernel would
        real_scandir = os.scandir

        def guarded(path="."):
            if Path(os.fsdecode(path)).resolve() == locked.resolve():
                raise PermissionError(13, "Permission denied", os.fsdecode(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", guarded)
    try:
        code, output = run(edition)
    finally:
        locked.chmod(0o755)
    assert code == 2, output
    assert re.search(rf"{re.escape(str(locked))}:0:0: error: \[io\] cannot list the folder: Permission denied", output), output


def test_a_file_name_that_is_not_utf8(edition):
    name = os.fsdecode(b"caf\xe9.xml")  # Latin-1 bytes, as a file copied from an old system
    path = edition / "texts" / name
    path.write_bytes(b"<TEI>")
    for output_format in ("text", "json"):  # a real process: its stdout is a pipe, as in CI logs
        result = subprocess.run([sys.executable, "-m", "edition", "validate", "--format", output_format,
                                 str(edition / "texts")], capture_output=True, timeout=120)
        output = (result.stdout + result.stderr).decode("utf-8", "replace")
        assert result.returncode == 1 and "Traceback" not in output, output
        assert "Premature end of data" in output and "caf" in output


def test_control_characters_in_a_file_name_cannot_forge_output(edition):
    path = edition / "texts" / "evil\nfake.xml:1:1: error: [forged] all is well\x1b[2J.xml"
    path.write_bytes(b"<TEI>")
    code, output = run(path)
    assert code == 1
    assert "\x1b" not in output and not any(line.startswith("fake.xml") for line in output.splitlines()), output


# --- the edition's rules: identifiers and references ----------------------------------------------

def variant(edition: Path, name: str, prefix: str, *replacements: tuple[str, str]) -> tuple[Path, str]:
    """A copy of names.xml with its own id prefix and the given replacements; the replaced line."""
    text = (edition / "texts" / "names.xml").read_text(encoding="utf-8")
    text = text.replace('xml:id="names"', f'xml:id="{prefix}"').replace("names-", f"{prefix}-")
    marker = None
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
        marker = marker or new
    path = edition / "texts" / name
    path.write_text(text, encoding="utf-8")
    return path, marker


def located(path: Path, marker: str) -> tuple[int, int]:
    """Line of ``marker`` and column of the start tag that contains it (1-based)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if marker in line)
    line = lines[number]
    return number + 1, line.rfind("<", 0, line.index(marker) + 1) + 1


REFERENCE_CASES = {
    # name: (replacements, rule of the first error)
    "duplicate-id-within-a-file.xml": ((('xml:id="dup-p2"', 'xml:id="dup-p1" n="again"'),), "id-unique"),
    "dangling-reference.xml": ((('ref="#ogpu"', 'ref="#nobody"'),), "ref-resolves"),
    "javascript-in-ref.xml": ((('ref="#ogpu"', 'ref="javascript:alert(1)"'),), "ref-resolves"),
    "file-url-in-ref.xml": ((('ref="#ogpu"', 'ref="file:///etc/passwd#root"'),), "ref-resolves"),
    "reference-to-the-wrong-kind.xml": ((('<orgName ref="#ogpu"', '<orgName ref="#trotsky"'),), "ref-kind"),
}


@pytest.mark.parametrize("name", REFERENCE_CASES)
def test_identifier_and_reference_errors(name, edition):
    replacements, rule = REFERENCE_CASES[name]
    path, marker = variant(edition, name, "dup" if "duplicate" in name else "var", *replacements)
    line, column = located(path, marker)
    code, output = run(path)
    assert code == 1, output
    assert f"{path}:{line}:{column}: error: [{rule}]" in output, output


def test_duplicate_id_across_files(edition):
    path, marker = variant(edition, "duplicate-id-across-files.xml", "other",
                           ('xml:id="other-p2"', 'xml:id="names-p2"'))
    line, column = located(path, marker)
    code, output = run(edition)
    assert code == 1
    assert re.search(rf"(?:{re.escape(str(path))}:{line}:{column}|names\.xml:\d+:\d+): error: \[id-unique\] "
                     r'xml:id="names-p2" is already used at', output), output


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java&#9;script:alert(1)",
                                 "data:text/html,&lt;script&gt;x&lt;/script&gt;", "vbscript:msgbox(1)",
                                 "file:///etc/passwd"])
def test_a_dangerous_url_in_target_is_an_error(url, edition):
    original = '<licence target="https://creativecommons.org/licenses/by/4.0/">'
    path, marker = variant(edition, "unsafe-url.xml", "url", (original, f'<licence target="{url}">'))
    line, column = located(path, marker)
    code, output = run(path)
    assert code == 1 and f"{path}:{line}:{column}: error: [url-scheme]" in output, output


# --- schemas ---------------------------------------------------------------------------------------

SCHEMA_CASES = {
    "malformed.rng": b'<grammar xmlns="http://relaxng.org/ns/structure/1.0">\n  <start>\n</grammar>\n',
    "not-a-schema.rng": b"<TEI/>\n",
    "empty-grammar.rng": b'<grammar xmlns="http://relaxng.org/ns/structure/1.0"/>\n',
    "undefined-reference.rng": (b'<grammar xmlns="http://relaxng.org/ns/structure/1.0">'
                                b'<start><ref name="nowhere"/></start></grammar>\n'),
    "schema-with-entities.rng": (b'<!DOCTYPE grammar [<!ENTITY x SYSTEM "/etc/passwd">]>\n'
                                 b'<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><text/></start></grammar>\n'),
    "missing.rng": None,
}


@pytest.mark.parametrize("name", SCHEMA_CASES)
def test_an_invalid_schema_is_a_usage_error(name, edition, tmp_path):
    schema = tmp_path / name
    if SCHEMA_CASES[name] is not None:
        schema.write_bytes(SCHEMA_CASES[name])
    code, output = run("--schema", schema, edition / "texts" / "names.xml")
    assert code == 2, output
    assert re.search(r"\S+:\d+:\d+: error: \[usage\]", output) and str(schema) in output, output
    assert "root:" not in output, "a schema's entities must not be expanded"


# --- documents at the limits that must be processed, not refused -----------------------------------

def test_a_million_elements_are_validated_in_bounded_time(edition):
    path, _ = variant(edition, "million.xml", "big",
                      ('<p xml:id="big-p2">', '<p xml:id="big-p2">' + "<lb/>" * 1_000_000))
    start = time.monotonic()
    code, output = run(path)
    assert time.monotonic() - start < 120, "a million elements must not hang the validator"
    assert code in (0, 1), output


def test_deep_but_allowed_nesting_does_not_crash(edition):
    depth = MAX_DEPTH - 20
    path, _ = variant(edition, "deep.xml", "deep",
                      ('<p xml:id="deep-p2">', '<p xml:id="deep-p2">' + "<hi>" * depth + "x" + "</hi>" * depth))
    code, output = run(path)
    assert code in (0, 1) and "RecursionError" not in output, output


# --- one real process over the whole catalogue -----------------------------------------------------

def test_one_process_over_the_whole_catalogue(edition):
    """The console script as an editor runs it: every bad file reported at its place, exit 1, the rest checked."""
    for name in FIXTURE_CASES:
        materialise(name, edition / "texts")
    still_checked = sentinel(edition)
    before = snapshot(edition)
    result = subprocess.run([sys.executable, "-m", "edition", "validate", str(edition)],
                            capture_output=True, text=True, timeout=300, cwd=edition)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode == 1, output
    for name, expected in FIXTURE_CASES.items():
        where = f"{edition / 'texts' / name}:{expected.line}:{expected.column}: error: [{expected.rule}]"
        assert where in output or where.replace(f"{edition}/", "") in output, name
    assert still_checked.replace(f"{edition}/", "") in output or still_checked in output
    assert snapshot(edition) == before
