"""Nothing lost when a build fails: the previous site stays as it was, no temporary is left.

A crash is simulated where it hurts most: a page half written when the disk fills up
(``OSError(ENOSPC)``), an interrupt (Ctrl-C) between pages, the search indexer failing, the final
rename failing. Each time ``out`` must hold the previous site byte for byte, and its folder no
``*.tmp-*`` or ``*.old-*`` leftovers; the command prints one clear line and exits 2, no traceback.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition.cli import cli
from edition.site import pipeline, search
from edition.site.cache import cache_folder
from edition.site.pages import build as site_pages

ROOT = Path(__file__).resolve().parents[1] / "roots" / "site-basic"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(parent: Path, out: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name != out.name and p.name.startswith(out.name))


@pytest.fixture
def previous(tmp_path):
    """A source edition and a site already built from it (the one to keep)."""
    source = tmp_path / "tei"
    shutil.copytree(ROOT, source)
    out = tmp_path / "public" / "_site"
    pipeline.build_site(source, out, search_index=False)
    # The next build would change pages: a failure must not let any of it through.
    alpha = source / "texts" / "alpha.xml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("Решение принял", "Решение НОВОЕ принял"),
                     encoding="utf-8")
    return source, out, snapshot(out)


def disk_full_after(monkeypatch, pages: int, half: bool = True) -> None:
    """Let ``pages`` files be written, then fill the disk in the middle of the next one."""
    real = site_pages.write_page
    calls = {"n": 0}

    def write_page(target, chunks):
        calls["n"] += 1
        if calls["n"] > pages:
            if half:
                data = "".join(chunks)
                real(target, [data[: len(data) // 2]])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        return real(target, chunks)

    monkeypatch.setattr(site_pages, "write_page", write_page)


def build_command(source: Path, out: Path):
    return CliRunner().invoke(cli, ["build", "--source", str(source), "--out", str(out)])


@pytest.mark.parametrize("pages", [0, 3])
def test_disk_full_mid_build_keeps_the_previous_site(previous, monkeypatch, pages):
    source, out, before = previous
    disk_full_after(monkeypatch, pages)
    result = build_command(source, out)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "No space left on device" in result.output
    assert snapshot(out) == before
    assert leftovers(out.parent, out) == []


def test_an_interrupt_mid_build_keeps_the_previous_site(previous, monkeypatch):
    source, out, before = previous
    real = site_pages.write_page
    calls = {"n": 0}

    def interrupted(target, chunks):
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt
        return real(target, chunks)

    monkeypatch.setattr(site_pages, "write_page", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.build_site(source, out, search_index=False)
    assert snapshot(out) == before
    assert leftovers(out.parent, out) == []


def test_a_failing_search_index_keeps_the_previous_site(previous, monkeypatch):
    """The indexer runs in a process of its own while the pages are drawn; its failure is the build's."""
    source, out, before = previous
    scratch = []

    def broken(pages, output, lang):
        scratch.append(pages.parent)
        return [sys.executable, "-c", "import sys; print('index full'); sys.exit(3)"]

    monkeypatch.setattr(search, "pagefind_command", broken)
    result = build_command(source, out)
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "pagefind failed for" in result.output and "index full" in result.output, result.output
    assert snapshot(out) == before
    assert leftovers(out.parent, out) == []
    # the search pages are kept only in the build's cache (an edit then rewrites one), nowhere else
    assert scratch and scratch[0] == cache_folder(out) / "search-pages", scratch


def test_a_build_that_fails_while_the_indexer_runs_stops_it_and_keeps_the_previous_site(previous, monkeypatch):
    source, out, before = previous
    started = []
    real_start = search.start

    def start(*args, **kwargs):
        indexing = real_start(*args, **kwargs)
        started.append(indexing)
        return indexing

    def slow(pages, output, lang):
        return [sys.executable, "-c", "import time; time.sleep(60)"]

    def interrupted(target, chunks):
        raise KeyboardInterrupt

    monkeypatch.setattr(search, "start", start)
    monkeypatch.setattr(search, "pagefind_command", slow)
    monkeypatch.setattr(site_pages, "write_page", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.build_site(source, out)
    assert started and started[0].runner is not None and started[0].runner.poll() is not None, "the indexer is stopped"
    assert started[0].scratch == cache_folder(out) / "search-pages"  # kept for the next build (tests/site/test_search_pages.py)
    assert snapshot(out) == before
    assert leftovers(out.parent, out) == []


def test_a_failing_final_rename_restores_the_previous_site(previous, monkeypatch):
    source, out, before = previous
    real = os.rename

    def rename(src, dst, *args, **kwargs):
        if Path(dst) == out and ".tmp-" in Path(src).name:  # the new site moving into place
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
        return real(src, dst, *args, **kwargs)

    def exchange(first, second):
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(pipeline, "_exchange", exchange)
    with pytest.raises(OSError):
        pipeline.build_site(source, out, search_index=False)
    assert snapshot(out) == before
    assert leftovers(out.parent, out) == []


def test_a_failed_first_build_leaves_nothing(tmp_path, monkeypatch):
    source = tmp_path / "tei"
    shutil.copytree(ROOT, source)
    out = tmp_path / "_site"
    disk_full_after(monkeypatch, 2)
    result = build_command(source, out)
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert not out.exists()
    assert leftovers(tmp_path, out) == []


def test_a_successful_build_replaces_the_site_and_cleans_up(previous):
    source, out, before = previous
    result = CliRunner().invoke(cli, ["build", "--source", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    after = snapshot(out)
    assert after != before and any("НОВОЕ" in data.decode("utf-8", "replace") for data in after.values())
    assert leftovers(out.parent, out) == []


def test_a_build_never_writes_into_the_source(previous):
    source, out, _ = previous
    before = snapshot(source)
    pipeline.build_site(source, out, search_index=False)
    assert snapshot(source) == before


def test_out_inside_the_source_or_equal_to_it_is_refused(previous):
    """Replacing ``out`` must never be able to delete the edition itself."""
    source, _, _ = previous
    before = snapshot(source)
    for out in (source, source.parent, source / "_site"):
        result = CliRunner().invoke(cli, ["build", "--source", str(source), "--out", str(out)])
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        assert snapshot(source) == before, f"--out {out} destroyed the source"


def test_an_unrelated_existing_folder_is_not_replaced(previous, tmp_path):
    source, _, _ = previous
    documents = tmp_path / "docs"
    documents.mkdir()
    (documents / "thesis.tex").write_text("three years of work")
    result = CliRunner().invoke(cli, ["build", "--source", str(source), "--out", str(documents)])
    assert (documents / "thesis.tex").is_file(), "the build deleted a folder it did not make"
    assert result.exit_code == 2 and "Traceback" not in result.output
