"""``tei-edition serve --watch``: build, serve, and build again each time a TEI file is saved.

An editor keeps the preview open while encoding: a save rebuilds the site (incrementally: only
what the change touches is drawn again), and reloading the page shows it. A build that fails
leaves the previous site served (``pipeline.build_site`` replaces it only when complete); a save
that leaves a file not well-formed (in mid-edit) is reported, file:line:column, and not built:
the build would drop that text from the site until the next save.

The server runs in a process of its own, not a thread: the build forks its workers, and forking
a process that serves in a thread may deadlock (``edition.workers`` would then build on one
core). The saves are waited for by watchfiles (inotify, and a debounce: an editor's save is often
several writes and a rename). It starts watching after the first build; a save made meanwhile is
found by comparing each file's size and time with what they were before that build. A server
that cannot start (its port is taken) stops the watch with exit code 2. Every build is made with
the same settings as ``tei-edition build`` (``SiteSettings``: the TEI files' endings, the title...).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import click
import watchfiles

from edition.site.command import SiteSettings, run_build
from edition.xmlio import UnreadableXML, read_xml


class TeiFiles(watchfiles.DefaultFilter):
    """The changes the site depends on: a file with one of the edition's TEI endings, not an
    editor's backup or swap file, nor anything under .git (watchfiles' default filter)."""

    def __init__(self, extensions: tuple[str, ...]):
        super().__init__()
        self.extensions = tuple(extensions)

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        return path.endswith(self.extensions) and super().__call__(change, path)


def watch(source: Path, out: Path, port: int, settings: SiteSettings = SiteSettings(),
          changes: Iterable[set] | None = None, host: str = "127.0.0.1") -> int:
    """Build ``source`` into ``out`` with ``settings``, serve it on ``port``, and build again after
    each batch of ``changes`` (default: the saves under ``source``, until Ctrl-C). Returns the exit code."""
    server = None
    is_tei = TeiFiles(settings.extensions)
    previous = signal.signal(signal.SIGTERM, _stop)  # stopped by a process manager: the server goes too
    before = _files(source, is_tei)  # the watcher starts after the first build: a save meanwhile is found by this
    try:
        if run_build(source, out, settings) != 2:  # 1: built without an unreadable file
            server = start_server(out, port, host)
        if changes is None:  # an empty batch now and then: the first says the watcher runs
            changes = watchfiles.watch(source, watch_filter=is_tei, yield_on_timeout=True, rust_timeout=500)
        for batch in changes:
            if before is not None:
                batch, before = batch | _changed(before, _files(source, is_tei)), None
            if not batch:
                continue
            unreadable = _unreadable(batch)
            if unreadable:  # a save in mid-edit: the build would drop the text from the site
                for diagnostic in unreadable:
                    click.echo(diagnostic.format(), err=True)
                click.echo("Not built again until the file is well-formed; the previous site is still served",
                           err=True)
                continue
            click.echo(f"Changed: {', '.join(_names(source, batch))}; building again", err=True)
            if run_build(source, out, settings) != 2 and server is None:  # the first build failed: nothing was served yet
                server = start_server(out, port, host)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        if server is not None:
            server.terminate()
            server.wait()
    return 0


def _stop(signum, frame):
    raise KeyboardInterrupt


def start_server(out: Path, port: int, host: str = "127.0.0.1") -> subprocess.Popen:
    """``tei-edition serve`` on the built site, in a process of its own, once it says where it
    serves (passed on: the line names the port); a server that cannot start (the port is taken)
    stops the watch, having said why. Its first line, or its end, is waited for, never a time:
    a slow start on a busy machine is still a start."""
    server = subprocess.Popen([sys.executable, "-m", "edition", "serve", "--out", str(out), "--port", str(port),
                               "--host", host], stdout=subprocess.PIPE, text=True)
    with server.stdout:  # it prints this one line only (its requests are not logged)
        serving = server.stdout.readline()  # "Serving … on http://…/": it listens; nothing: it ended
    if serving:
        click.echo(serving.rstrip("\n"))
        return server
    raise SystemExit(server.wait() or 2)


def _files(source: Path, is_tei: TeiFiles) -> dict[str, tuple[int, int]]:
    """Each TEI file under ``source`` -> (size, modification time)."""
    found = {}
    for folder, _, names in os.walk(source):
        for name in names:
            path = os.path.join(folder, name)
            if is_tei(watchfiles.Change.modified, path):
                try:
                    status = os.stat(path)
                except OSError:
                    continue
                found[path] = (status.st_size, status.st_mtime_ns)
    return found


def _changed(before: dict, after: dict) -> set[tuple[watchfiles.Change, str]]:
    return ({(watchfiles.Change.added, path) for path in after.keys() - before.keys()}
            | {(watchfiles.Change.deleted, path) for path in before.keys() - after.keys()}
            | {(watchfiles.Change.modified, path) for path in before.keys() & after.keys() if before[path] != after[path]})


def _unreadable(batch: set) -> list:
    """What the parser says of the saved files it cannot read (a deleted file is no problem)."""
    problems = []
    for change, path in sorted(batch, key=lambda item: item[1]):
        if change != watchfiles.Change.deleted and Path(path).is_file():
            try:
                read_xml(path)
            except UnreadableXML as exc:
                problems.extend(exc.diagnostics)
    return problems


def _names(source: Path, batch: set) -> list[str]:
    names = set()
    for _, path in batch:
        try:
            names.add(Path(path).resolve().relative_to(source.resolve()).as_posix())
        except ValueError:
            names.add(path)
    return sorted(names)
