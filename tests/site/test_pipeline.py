"""The build as a whole: atomic replacement, the command line, foreign corpora."""

from __future__ import annotations

import shutil
import urllib.request

import pytest
from click.testing import CliRunner
from lxml import html

from edition.cli import cli
from edition.site.pages.chronology import Chronology
from edition.site.pipeline import SITE_MARKER, BuildError, build_site

from .conftest import ROOTS, SHARED, serve


def test_a_failed_build_leaves_the_previous_site_intact(tmp_path, monkeypatch):
    out = tmp_path / "_site"
    out.mkdir()
    (out / SITE_MARKER).write_text("", encoding="utf-8")
    (out / "index.html").write_text("previous site", encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("a template failed half-way")

    monkeypatch.setattr(Chronology, "write", broken)
    with pytest.raises(RuntimeError):
        build_site(ROOTS / "site-basic", out, search_index=False)
    assert (out / "index.html").read_text(encoding="utf-8") == "previous site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"], "no temporary folder is left behind"


def test_a_successful_build_replaces_the_previous_site(tmp_path):
    out = tmp_path / "_site"
    out.mkdir()
    (out / SITE_MARKER).write_text("", encoding="utf-8")
    (out / "stale.html").write_text("old", encoding="utf-8")
    report = build_site(ROOTS / "site-basic", out, search_index=False)
    assert not (out / "stale.html").exists() and (out / "texts" / "alpha.html").is_file()
    assert report.pages == len([p for p in out.rglob("*.html")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"]


def test_the_build_reports_each_stage_as_it_goes(tmp_path):
    seen: dict[str, list[tuple[int, int]]] = {}
    build_site(ROOTS / "site-basic", tmp_path / "site", progress=lambda stage, done, total:
               seen.setdefault(stage, []).append((done, total)))
    assert list(seen) == ["reading", "texts", "search pages", "registers", "search index"]
    for stage, steps in seen.items():  # each stage ends complete, never going back
        assert steps[-1][0] == steps[-1][1] and steps == sorted(steps), stage


def test_a_folder_without_texts_is_refused(tmp_path):
    with pytest.raises(BuildError):
        build_site(tmp_path, tmp_path / "_site", search_index=False)


def test_unreadable_files_are_reported_and_skipped(tmp_path):
    source = tmp_path / "tei"
    shutil.copytree(ROOTS / "site-basic", source)
    (source / "texts" / "broken.xml").write_text("<TEI><text>", encoding="utf-8")
    report = build_site(source, tmp_path / "_site", search_index=False)
    assert report.documents == 2
    assert any(d.path.endswith("broken.xml") and d.rule == "xml-syntax" for d in report.diagnostics)


def test_the_build_command_prints_a_summary(tmp_path):
    out = tmp_path / "_site"
    result = CliRunner().invoke(cli, ["build", "--source", str(ROOTS / "site-basic"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "from 2 documents; 3 persons, 3 places, 1 organisation" in result.output
    assert "[unknown-element] <metamark>" in result.output and "[dangling-ref]" in result.output
    assert (out / "pagefind-ru" / "pagefind.js").is_file()


def test_the_build_command_fails_cleanly_on_a_missing_source(tmp_path):
    result = CliRunner().invoke(cli, ["build", "--source", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "untouched" in result.output and not (tmp_path / "o").exists()


def test_the_preview_server_serves_the_site(basic_site):
    server, url = serve(basic_site[0])
    try:
        with urllib.request.urlopen(url + "texts/alpha.html") as response:
            assert response.status == 200 and "Высылка" in response.read().decode("utf-8")
        with urllib.request.urlopen(url + "pagefind-ru/wasm.ru.pagefind") as response:
            assert response.status == 200
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_a_foreign_corpus_builds_and_reports_what_it_does_not_know(tmp_path):
    corpus = SHARED / "corpora" / "schnitzler-briefe"
    if not corpus.is_dir():
        pytest.skip(f"the foreign corpus is not beside the repository ({corpus})")
    out = tmp_path / "_site"
    report = build_site(corpus, out, search_index=False)
    assert report.documents == 300
    assert report.entries["person"] > 100 and report.entries["place"] > 100 and report.mentions > 1000
    assert all(not d.is_error for d in report.diagnostics)
    letter = html.parse(str(out / "texts" / "L00001.html")).getroot()
    assert letter.xpath("//h1/text()") == ["Fedor Mamroth an Arthur Schnitzler, 2. 8. 1889"]
    assert letter.xpath("//a[contains(@class,'mention') and contains(@class,'person')]/@href")
    assert letter.xpath("//section[@id='notes']//li")
    assert not letter.xpath("//*[contains(@class,'tei-listPerson')]"), "a letter's register is not reading text"
    persons = html.parse(str(out / "persons" / "index.html")).getroot()
    assert int(persons.xpath("//tr[@id='pmb2121']/td[@class='number']/@data-sort")[0]) > 1  # texts naming him
