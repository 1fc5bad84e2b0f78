"""``tei-edition serve --watch``: the site is built, served, and built again after each save."""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import watchfiles

from edition.site import watch

pytestmark = pytest.mark.slow  # end to end: builds, a server process and a watcher, waiting on each other

ROOTS = Path(__file__).resolve().parents[1] / "roots"


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(condition, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError("gave up waiting")


def served_url(process: subprocess.Popen, seconds: float = 300) -> str:
    """The address the watch says it serves (after its first build), read by a thread: a watch
    that never serves fails the test instead of blocking it in a read."""
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()

    def said() -> re.Match | None:
        try:
            return re.search(r"http://127\.0\.0\.1:\d+/", lines.get(timeout=0.2))
        except queue.Empty:
            return None

    return wait_for(said, seconds)[0]


@pytest.fixture
def source(tmp_path, monkeypatch):
    monkeypatch.setenv("TEI_EDITION_CACHE", str(tmp_path / "cache"))
    shutil.copytree(ROOTS / "site-basic", tmp_path / "tei")
    return tmp_path / "tei"


def test_a_save_is_built_and_served_and_sigterm_stops_the_server_too(source, tmp_path):
    out = tmp_path / "site"
    command = [sys.executable, "-m", "edition", "serve", "--watch", "--source", str(source), "--out", str(out),
               "--port", "0"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"}) as process:
        try:
            url = served_url(process)
            page = url + "texts/alpha.html"
            assert "Решение принял" in fetch(page)
            text = source / "texts" / "alpha.xml"
            text.write_text(text.read_text(encoding="utf-8").replace("Решение принял", "Решение утвердил"),
                            encoding="utf-8")
            wait_for(lambda: "Решение утвердил" in fetch(page))
            assert "Решение принял" not in fetch(page)
        finally:
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=30) == 0
        assert "Changed: texts/alpha.xml; building again" in process.stderr.read()
    with pytest.raises(urllib.error.URLError):  # the server is gone with it
        fetch(url)


def test_a_failed_first_build_is_served_once_a_save_mends_it(source, tmp_path, monkeypatch, capsys):
    """Nothing to serve at first (no text yet); a later save builds the site, and it is served."""
    out = tmp_path / "site"
    texts = tmp_path / "texts-aside"
    shutil.move(source / "texts", texts)
    started = []
    monkeypatch.setattr(watch, "start_server", lambda out, port, host="127.0.0.1": started.append(out) or _Stopped())

    def saves():
        assert not out.exists() and started == []  # the first build failed: nothing to serve
        shutil.move(texts, source / "texts")
        yield {(watchfiles.Change.added, str(source / "texts" / "alpha.xml"))}

    assert watch.watch(source, out, 0, changes=saves()) == 0
    assert started == [out] and (out / "texts" / "alpha.html").is_file()
    # the batch said alpha.xml; beta.xml came back too, before the watcher ran: found by comparing
    assert "Changed: texts/alpha.xml, texts/beta.xml; building again" in capsys.readouterr().err


class _Stopped:
    def terminate(self):
        pass

    def wait(self):
        return 0


@pytest.mark.parametrize("path, watched", [("/e/tei/texts/a.xml", True), ("/e/tei/texts/a.tei", True),
                                           ("/e/tei/texts/a.xml~", False), ("/e/tei/texts/.#a.xml", False),
                                           ("/e/tei/texts/.a.xml.swp", False), ("/e/tei/texts/a.tei~", False),
                                           ("/e/tei/notes.txt", False), ("/e/tei/.git/a.xml", False)])
def test_only_tei_files_are_watched_not_an_editors_backups(path, watched):
    assert watch.TeiFiles((".xml", ".tei"))(watchfiles.Change.modified, path) is watched


def test_only_the_configured_endings_are_watched():
    assert watch.TeiFiles((".xml",))(watchfiles.Change.modified, "/e/tei/texts/a.tei") is False


def test_a_save_in_mid_edit_is_reported_and_the_site_is_left_as_it_was(source, tmp_path, monkeypatch, capsys):
    out = tmp_path / "site"
    monkeypatch.setattr(watch, "start_server", lambda out, port, host="127.0.0.1": _Stopped())
    text = source / "texts" / "alpha.xml"
    good = text.read_text(encoding="utf-8")

    def saves():
        page = (out / "texts" / "alpha.html").read_bytes()
        text.write_text(good.replace("Решение принял", "Решение <persName утвердил"), encoding="utf-8")
        yield {(watchfiles.Change.modified, str(text))}
        assert (out / "texts" / "alpha.html").read_bytes() == page  # not built: the text is still there
        text.write_text(good.replace("Решение принял", "Решение утвердил"), encoding="utf-8")
        yield {(watchfiles.Change.modified, str(text))}

    assert watch.watch(source, out, 0, changes=saves()) == 0
    assert "Решение утвердил" in (out / "texts" / "alpha.html").read_text(encoding="utf-8")
    printed = capsys.readouterr().err
    assert re.search(r"alpha\.xml:\d+:\d+: error: \[xml-syntax\]", printed), printed
    assert "Not built again until the file is well-formed" in printed
    assert printed.count("Changed: texts/alpha.xml; building again") == 1


def test_serve_without_watch_needs_a_built_site_and_no_source(tmp_path):
    from click.testing import CliRunner

    from edition.cli import cli

    missing = CliRunner().invoke(cli, ["serve", "--out", str(tmp_path / "nothing")])
    assert missing.exit_code == 2 and "run tei-edition build first, or add --watch" in missing.output
    stray = CliRunner().invoke(cli, ["serve", "--out", str(tmp_path), "--source", str(tmp_path)])
    assert stray.exit_code == 2 and "--source" in stray.output and "only with --watch" in stray.output


def test_a_port_already_taken_stops_the_watch_and_says_so(source, tmp_path, capfd):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(SystemExit) as stopped:
            watch.watch(source, tmp_path / "site", taken.getsockname()[1], changes=[])
    assert stopped.value.code == 2
    assert "cannot listen on 127.0.0.1:" in capfd.readouterr().err


def test_a_save_made_while_the_first_build_runs_is_built_too(source, tmp_path, monkeypatch):
    """The watcher starts after the first build (and the server): a save in between is found by
    comparing the files with what they were before that build."""
    out = tmp_path / "site"
    monkeypatch.setattr(watch, "start_server", lambda out, port, host="127.0.0.1": _Stopped())
    text = source / "texts" / "alpha.xml"
    real_build, builds = watch.run_build, []

    def build_then_save(source, out, settings):
        builds.append(out)
        code = real_build(source, out, settings)
        if len(builds) == 1:
            text.write_text(text.read_text(encoding="utf-8").replace("Решение принял", "Решение утвердил"),
                            encoding="utf-8")
        return code

    monkeypatch.setattr(watch, "run_build", build_then_save)
    assert watch.watch(source, out, 0, changes=[set()]) == 0  # the watcher's first batch: nothing seen
    assert len(builds) == 2
    assert "Решение утвердил" in (out / "texts" / "alpha.html").read_text(encoding="utf-8")


def test_a_tei_file_is_rebuilt_with_the_editions_settings(tmp_path, monkeypatch):
    """``serve --watch`` builds as ``build`` does: the endings and the title of edition.toml."""
    monkeypatch.setenv("TEI_EDITION_CACHE", str(tmp_path / "cache"))
    edition = tmp_path / "edition"
    shutil.copytree(ROOTS / "site-basic", edition / "tei")
    for xml in sorted((edition / "tei").rglob("*.xml")):
        xml.rename(xml.with_suffix(".tei"))
    (edition / "edition.toml").write_text('[edition]\ntitle = "Watched Letters"\n[sources]\nextensions = [".tei"]\n',
                                          encoding="utf-8")
    command = [sys.executable, "-m", "edition", "serve", "--watch", "--port", "0"]
    with subprocess.Popen(command, cwd=edition, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"}) as process:
        try:
            url = served_url(process)
            page = url + "texts/alpha.html"
            first = fetch(page)
            assert "Решение принял" in first and "Watched Letters" in first
            text = edition / "tei" / "texts" / "alpha.tei"
            text.write_text(text.read_text(encoding="utf-8").replace("Решение принял", "Решение утвердил"),
                            encoding="utf-8")
            wait_for(lambda: "Решение утвердил" in fetch(page))
            assert "Watched Letters" in fetch(page)
        finally:
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=30) == 0
        assert "Changed: texts/alpha.tei; building again" in process.stderr.read()
