"""The site swap: killed at any moment, the output folder holds a whole site (the previous or the
new one) and no ``OUT.old-*`` is left beside it."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from edition.site import pipeline

# A child process that swaps NEW into OUT and kills itself (SIGKILL: nothing runs after it) just
# before or after the KILL_AT-th step of the swap: each exchange, rename or removal of a folder.
CHILD = """
import os, shutil, signal, sys
from pathlib import Path
from edition.site import pipeline

new, out, kill_at = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
steps = [0]

def killed(step):
    steps[0] += 1
    if steps[0] == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)

def counted(function):
    def wrapped(*args, **kwargs):
        killed(function)
        result = function(*args, **kwargs)
        killed(function)
        return result
    return wrapped

pipeline._exchange = counted(pipeline._exchange)
os.rename = counted(os.rename)
shutil.rmtree = counted(shutil.rmtree)
pipeline.swap_into_place(new, out)
"""


def site(folder: Path, words: str) -> None:
    folder.mkdir()
    (folder / "index.html").write_text(words)
    (folder / pipeline.SITE_MARKER).write_text("")


def exchange_supported(tmp_path: Path) -> bool:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    try:
        pipeline._exchange(first, second)
    except pipeline._ExchangeUnsupported:
        return False
    finally:
        first.rmdir()
        second.rmdir()
    return True


def test_a_kill_at_any_step_leaves_a_whole_site_and_nothing_old(tmp_path):
    if not exchange_supported(tmp_path):
        pytest.skip("this system cannot exchange two folders in one step (the fallback is documented)")
    outcomes = []
    for kill_at in range(1, 20):
        work = tmp_path / str(kill_at)
        work.mkdir()
        out, new = work / "_site", work / "_site.tmp-x"
        site(out, "previous")
        site(new, "new")
        child = subprocess.run([sys.executable, "-c", CHILD, new, out, str(kill_at)], capture_output=True,
                               text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(Path(pipeline.__file__).parents[2])})
        assert (out / "index.html").read_text() in ("previous", "new"), f"killed at step {kill_at}: no whole site"
        assert not list(work.glob("_site.old-*")), f"killed at step {kill_at}: an old site left aside"
        outcomes.append((kill_at, child.returncode, (out / "index.html").read_text()))
        if child.returncode == 0:  # every step passed: the swap is done
            assert (out / "index.html").read_text() == "new" and not new.exists()
            break
    else:
        pytest.fail(f"the swap never finished: {outcomes}")
    assert any(code == -9 and text == "new" for _, code, text in outcomes), "killed after the exchange at least once"
    assert any(code == -9 and text == "previous" for _, code, text in outcomes), "killed before it at least once"


def test_without_the_exchange_the_two_renames_are_used(tmp_path, monkeypatch):
    def unsupported(first, second):
        raise pipeline._ExchangeUnsupported

    monkeypatch.setattr(pipeline, "_exchange", unsupported)
    out, new = tmp_path / "_site", tmp_path / "_site.tmp-x"
    site(out, "previous")
    site(new, "new")
    pipeline.swap_into_place(new, out)
    assert (out / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"]


def test_an_exchange_that_fails_leaves_the_previous_site(tmp_path, monkeypatch):
    def failing(first, second):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(pipeline, "_exchange", failing)
    out, new = tmp_path / "_site", tmp_path / "_site.tmp-x"
    site(out, "previous")
    site(new, "new")
    with pytest.raises(OSError):
        pipeline.swap_into_place(new, out)
    assert (out / "index.html").read_text() == "previous"
