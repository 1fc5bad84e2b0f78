"""Commands that rewrite TEI (``tag --update``): atomic, backed up, never changing the text,
never touched by a hostile document, and failing cleanly when the disk does.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition.cli import cli
from edition.tagger import command as tagger_command

REPOSITORY = Path(__file__).resolve().parents[2]
EDITION = REPOSITORY / "tests" / "roots" / "validation" / "edition"
TEI_NS = "http://www.tei-c.org/ns/1.0"


@pytest.fixture
def document(tmp_path) -> Path:
    """An edition text with one untagged sentence, its schema pointers still reaching the repository."""
    text = (EDITION / "texts" / "names.xml").read_text(encoding="utf-8")
    text = re.sub(r'href="(?:\.\./)+schema/', f'href="{(REPOSITORY / "schema").as_posix()}/', text)
    text = text.replace('<p xml:id="names-p2">',
                        '<p xml:id="names-p3">Stalin met Trotsky in Moscow in 1929.</p>\n        <p xml:id="names-p2">')
    path = tmp_path / "doc.xml"
    path.write_text(text, encoding="utf-8")
    return path


def tag(path: Path, *extra: str):
    return CliRunner().invoke(cli, ["tag", "--update", str(path), "--registers", str(EDITION / "registers"), *extra])


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def test_update_writes_atomically_with_a_backup(document):
    original = document.read_bytes()
    result = tag(document)
    assert result.exit_code == 0, result.output
    assert b'<persName ref="#trotsky">Trotsky</persName>' in document.read_bytes()
    assert (document.parent / "doc.xml.bak").read_bytes() == original
    assert siblings(document) == ["doc.xml", "doc.xml.bak"], "no temporary file left"


def test_a_change_to_the_text_is_refused_and_nothing_written(document, monkeypatch):
    original = document.read_bytes()
    real = tagger_command.add_tags

    def sloppy(tree, tagger):
        added = real(tree, tagger)
        for p in tree.getroot().iter(f"{{{TEI_NS}}}p"):
            if p.text and "Stalin" in p.text:
                p.text = p.text.replace("Stalin", "Stalim")  # a tagger bug that eats a letter
        return added

    monkeypatch.setattr(tagger_command, "add_tags", sloppy)
    result = tag(document)
    assert result.exit_code == 1, result.output
    assert "nothing written" in result.output
    assert document.read_bytes() == original
    assert siblings(document) == ["doc.xml"]


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_full_disk_leaves_the_document_and_no_temporary(document, monkeypatch, failing):
    from edition import writing

    original = document.read_bytes()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(writing.os, failing, full)
    result = tag(document)
    assert document.read_bytes() == original
    assert [n for n in siblings(document) if n.endswith(".tmp")] == []
    assert result.exit_code != 0, "a failed write must not report success"


def test_a_full_disk_is_reported_without_traceback(document, monkeypatch):
    from edition import writing

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(writing.os, "replace", full)
    result = tag(document)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2 and "No space left on device" in result.output


ATTACKS = {
    "xxe": '<!DOCTYPE TEI [<!ENTITY x SYSTEM "{url}/xxe">]><TEI xmlns="' + TEI_NS + '" xml:lang="en"><text><body><p>Trotsky &x;</p></body></text></TEI>',
    "external-dtd": '<!DOCTYPE TEI SYSTEM "{url}/tei.dtd"><TEI xmlns="' + TEI_NS + '" xml:lang="en"><text><body><p>Trotsky</p></body></text></TEI>',
    "xinclude": '<TEI xmlns="' + TEI_NS + '" xml:lang="en"><text><body><p>Trotsky<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{url}/x"/></p></body></text></TEI>',
    "malformed": '<TEI xmlns="' + TEI_NS + '" xml:lang="en"><text><body><p>Trotsky</body></text></TEI>',
}


@pytest.mark.parametrize("name", ATTACKS)
def test_a_hostile_or_broken_document_is_not_rewritten(name, tmp_path, proves_silence):
    path = tmp_path / f"{name}.xml"
    path.write_text(ATTACKS[name].replace("{url}", proves_silence.url), encoding="utf-8")
    original = path.read_bytes()
    result = tag(path)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and re.search(rf"{re.escape(str(path))}:\d+:\d+: error:", result.output)
    assert path.read_bytes() == original and siblings(path) == [path.name]
    assert proves_silence.silent


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_plain_text_input_from_a_pipe_is_refused_not_waited_on(tmp_path):
    """``tag`` on a pipe (or /dev/zero) must answer at once; a pipe costs no memory while the test waits."""
    import subprocess
    import sys

    pipe = tmp_path / "text.txt"
    os.mkfifo(pipe)
    try:
        run = subprocess.run([sys.executable, "-m", "edition", "tag", "--lang", "en", str(pipe),
                              "--registers", str(EDITION / "registers")], capture_output=True, text=True, timeout=8)
    except subprocess.TimeoutExpired:
        pytest.fail("tag waited forever on a named pipe")
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
