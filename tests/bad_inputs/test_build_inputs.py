"""The catalogue through ``tei-edition build``: a bad file is skipped with its ``file:line:column``
named, every other page is still built, nothing crashes; documents at the limits are built.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from catalogue import PARSER_CASES, REPOSITORY, materialise
from click.testing import CliRunner

from edition.cli import cli
from edition.site import pipeline
from edition.xmlio import MAX_DEPTH

SITE_BASIC = REPOSITORY / "tests" / "roots" / "site-basic"


@pytest.fixture
def source(tmp_path) -> Path:
    folder = tmp_path / "tei"
    shutil.copytree(SITE_BASIC, folder)
    return folder


def test_every_bad_file_is_skipped_and_named_and_the_rest_is_built(source, tmp_path):
    paths = {name: materialise(name, source / "texts") for name in PARSER_CASES}
    report = pipeline.build_site(source, tmp_path / "site", search_index=False)
    for name, (_, expected) in PARSER_CASES.items():
        found = [d for d in report.diagnostics if d.path == str(paths[name])]
        assert found, f"{name}: not reported by the build"
        assert expected.matches(found[0]), f"{name}: {found[0].format()}"
        assert "skipped" in found[0].message
    assert (tmp_path / "site" / "texts" / "alpha.html").is_file() and (tmp_path / "site" / "texts" / "beta.html").is_file()
    built = {p.name for p in (tmp_path / "site" / "texts").iterdir()}
    assert not any(Path(name).stem in {Path(b).stem for b in built} for name in PARSER_CASES), "a bad file became a page"


def test_the_command_exits_cleanly_and_says_so(source, tmp_path):
    for name in ("unclosed-tag.xml", "gzip-compressed.xml", "billion-laughs.xml", "invalid-utf8.xml"):
        materialise(name, source / "texts")
    result = CliRunner().invoke(cli, ["build", "--source", str(source), "--out", str(tmp_path / "site")])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output  # built from the rest, but a CI step must fail
    assert re.search(rf"{re.escape(str(source / 'texts' / 'unclosed-tag.xml'))}:4:48: warning: \[xml-syntax\]",
                     result.output), result.output
    assert "4 source file(s) could not be read and are missing from the site" in result.output
    assert (tmp_path / "site" / "texts" / "alpha.html").is_file()


def test_a_source_of_only_bad_files_is_refused_with_exit_2(tmp_path):
    source = tmp_path / "tei"
    (source / "texts").mkdir(parents=True)
    materialise("truncated.xml", source / "texts")
    result = CliRunner().invoke(cli, ["build", "--source", str(source), "--out", str(tmp_path / "site")])
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert not (tmp_path / "site").exists()


def nest(source: Path, opening: str, depth: int) -> None:
    text_path = source / "texts" / "alpha.xml"
    tags = re.findall(r"<(\w+)", opening)
    closing = "".join(f"</{t}>" for t in reversed(tags))
    text = text_path.read_text(encoding="utf-8")
    deep = '<p xml:id="alpha-p9">' + opening * depth + "deep" + closing * depth + "</p>"
    text_path.write_text(text.replace('<p xml:id="alpha-p2">', deep + '<p xml:id="alpha-p2">'), encoding="utf-8")


@pytest.mark.parametrize("opening", ['<hi rend="italic">', '<note type="editorial">', '<quote>',
                                     '<persName ref="#trotsky">', "<list><item>", "<choice><sic>"])
def test_nesting_up_to_the_parser_limit_is_built(source, tmp_path, opening):
    levels = len(re.findall(r"<\w+", opening))
    nest(source, opening, (MAX_DEPTH - 10) // levels)
    report = pipeline.build_site(source, tmp_path / "site", search_index=False)
    page = (tmp_path / "site" / "texts" / "alpha.html").read_text(encoding="utf-8")
    assert "deep" in page and report.documents == 2


def test_many_elements_are_built_in_bounded_time(source, tmp_path):
    import time

    text_path = source / "texts" / "alpha.xml"
    text = text_path.read_text(encoding="utf-8")
    many = '<p xml:id="alpha-p9">' + "<lb/>x " * 100_000 + "</p>"
    text_path.write_text(text.replace('<p xml:id="alpha-p2">', many + '<p xml:id="alpha-p2">'), encoding="utf-8")
    started = time.monotonic()
    pipeline.build_site(source, tmp_path / "site", search_index=False)
    assert time.monotonic() - started < 120
    assert (tmp_path / "site" / "texts" / "alpha.html").stat().st_size > 500_000
