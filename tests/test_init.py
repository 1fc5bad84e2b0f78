"""``tei-edition init DIR``: a new edition that validates and builds at once, from any folder in it."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from lxml import etree

from edition.cli import cli
from edition.init import FILES
from edition.xmlio import read_xml


def run(*arguments):
    result = CliRunner().invoke(cli, [str(a) for a in arguments])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


@pytest.fixture
def new_edition(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TEI_ALL", raising=False)
    code, output = run("init", "my-edition", "--title", 'Letters & "Diaries" <1920>', "--editor", "Anna Editor",
                       "--editor", "Ben Editor", "--language", "de")
    assert code == 0, output
    return tmp_path / "my-edition"


def test_every_file_is_written_with_the_schema_beside_them(new_edition):
    for target in FILES.values():
        assert (new_edition / target).is_file(), target
    assert (new_edition / "schema" / "edition.rng").is_file() and (new_edition / "schema" / "edition.sch").is_file()
    for path in (new_edition / "tei").rglob("*.xml"):
        instructions = [node for node in read_xml(path).getroot().itersiblings(preceding=True)
                        if isinstance(node, etree._ProcessingInstruction)]
        hrefs = [re.search(r'href="([^"]+)"', node.text).group(1) for node in instructions]
        assert len(hrefs) == 2 and all((path.parent / href).resolve().is_file() for href in hrefs), path


def test_it_validates_and_builds_at_once_from_a_folder_inside(new_edition, monkeypatch):
    monkeypatch.chdir(new_edition / "tei" / "registers")
    code, output = run("validate")
    assert code == 0, output
    assert "0 error(s), 0 warning(s)" in output
    monkeypatch.chdir(new_edition)
    code, output = run("build")
    assert code == 0, output
    site = new_edition / "_site"
    assert (site / "texts" / "sample.html").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Letters &amp; &#34;Diaries&#34; &lt;1920&gt;" in home, "the title, escaped"
    toml = new_edition / "edition.toml"
    toml.write_text(re.sub(r"(?m)^title = .*$", 'title = "Another title"', toml.read_text()))
    assert run("build")[0] == 0
    assert "<title>Texts · Another title</title>" in (site / "index.html").read_text(encoding="utf-8"), \
        "the site's title comes from edition.toml, not from the TEI"


def test_the_configuration_says_what_was_asked_and_invents_no_licence(new_edition, monkeypatch):
    monkeypatch.chdir(new_edition)
    code, output = run("config")
    assert code == 0
    assert 'edition.title = "Letters & \\"Diaries\\" <1920>"' in output
    assert 'edition.editors = ["Anna Editor", "Ben Editor"]' in output
    assert 'edition.languages = ["de"]' in output
    assert "edition.licence = (unset)  # default" in output
    assert f'validation.schema = "{new_edition / "schema" / "edition.rng"}"' in output
    for path in new_edition.rglob("*.xml"):
        assert "licence" not in path.read_text(encoding="utf-8"), path


def test_a_licence_given_is_stated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("init", "e", "--licence", "CC0-1.0")[0] == 0
    assert 'licence = "CC0-1.0"' in (tmp_path / "e" / "edition.toml").read_text()
    assert "<licence>CC0-1.0</licence>" in (tmp_path / "e" / "tei" / "texts" / "sample.xml").read_text()


def test_a_folder_that_is_not_empty_is_refused_and_left_alone(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    code, output = run("init", "taken")
    assert code == 2 and "already exists and is not an empty folder" in output
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["taken"], "no temporary folder left"
    (tmp_path / "empty").mkdir()
    assert run("init", "empty")[0] == 0


def test_the_ci_workflow_validates_and_builds(new_edition):
    workflow = (new_edition / ".github" / "workflows" / "edition.yml").read_text()
    assert "tei-edition validate" in workflow and "tei-edition build" in workflow
    assert "$TEI_EDITION" in workflow
