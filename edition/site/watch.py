"""``tei-edition serve --watch``: build, serve, and build again each time a TEI file is saved.

An editor keeps the preview open while encoding: a save rebuilds the site (incrementally: only
what the change touches is drawn again), and reloading the page shows it. A build that fails
leaves the previous site served (``pipeline.build_site`` replaces it only when complete); a save
that leaves a file not well-formed (in mid-edit) is reported, file:line:column, and not built:
the build would drop that text from the site until the next save.

The server runs in a process of its own, not a thread: the build forks its workers, and forking
a process that serves in a thread may deadlock (``edition.workers`` would then build on one
core). The saves are waited for by watchfiles (inotify, and a debounce: an editor's save is often
several writes and a rename).
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import click
import watchfiles

from edition.site.command import run_build
from edition.xmlio import UnreadableXML, read_xml

_EDITORS_FILES = watchfiles.DefaultFilter()  # backups, swap files, .git…


def is_tei(change: watchfiles.Change, path: str) -> bool:
    """A change the site depends on: an XML file, not an editor's backup or swap file."""
    return path.endswith(".xml") and _EDITORS_FILES(change, path)


def watch(source: Path, out: Path, port: int, changes: Iterable[set] | None = None) -> int:
    """Build ``source`` into ``out``, serve it on ``port``, and build again after each batch of
    ``changes`` (default: the saves under ``source``, until Ctrl-C). Returns the exit code."""
    server = None
    previous = signal.signal(signal.SIGTERM, _stop)  # stopped by a process manager: the server goes too
    try:
        built = run_build(source, out) == 0
        if built:
            server = start_server(out, port)
        for batch in watchfiles.watch(source, watch_filter=is_tei) if changes is None else changes:
            unreadable = _unreadable(batch)
            if unreadable:  # a save in mid-edit: the build would drop the text from the site
                for diagnostic in unreadable:
                    click.echo(diagnostic.format(), err=True)
                click.echo("Not built again until the file is well-formed; the previous site is still served",
                           err=True)
                continue
            click.echo(f"Changed: {', '.join(_names(source, batch))}; building again", err=True)
            built = run_build(source, out) == 0
            if built and server is None:  # the first build failed: nothing was served yet
                server = start_server(out, port)
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


def start_server(out: Path, port: int) -> subprocess.Popen:
    """``tei-edition serve`` on the built site, in a process of its own."""
    return subprocess.Popen([sys.executable, "-m", "edition", "serve", "--out", str(out), "--port", str(port)])


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
