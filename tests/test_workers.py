"""The worker pool: results in order, and ``meanwhile`` run in this process while the workers draw."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from edition import workers

REPOSITORY = Path(__file__).resolve().parents[1]

def _with_two_workers(script: str, folder: Path) -> subprocess.CompletedProcess:
    """``script`` run in a fresh interpreter: the pool never forks a threaded process, and a test
    session may hold threads."""
    return subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True, text=True, timeout=120,
                          cwd=REPOSITORY, env={**os.environ, "TEI_EDITION_WORKERS": "2"})


POOL = """
import json, os, sys, time
from pathlib import Path
from edition import workers

folder = Path(sys.argv[1])

def square(state, item):
    (folder / f"{item}.done").touch()  # what meanwhile watches for
    time.sleep(0.01)
    return item * item, os.getpid()

seen = []

def meanwhile():
    deadline = time.monotonic() + 30
    while not any(folder.glob("*.done")) and time.monotonic() < deadline:
        time.sleep(0.01)
    seen.append((os.getpid(), any(folder.glob("*.done"))))

results = list(workers.map_in_order(square, None, range(40), meanwhile=meanwhile))
print(json.dumps({"results": results, "seen": seen, "pid": os.getpid()}))
"""


def test_the_pool_keeps_the_order_and_runs_meanwhile_here_while_the_workers_work(tmp_path):
    run = _with_two_workers(POOL, tmp_path)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert [value for value, _ in found["results"]] == [item * item for item in range(40)]
    assert found["pid"] not in {pid for _, pid in found["results"]}, "the items were drawn by workers"
    assert found["seen"] == [[found["pid"], True]], "meanwhile ran once, here, while a worker had an item"


FAILING = """
import sys, time
from pathlib import Path
from edition import workers

folder = Path(sys.argv[1])

def slow(state, item):
    (folder / f"{item}.done").touch()
    time.sleep(0.1)

def meanwhile():
    raise OSError("the disk is full")

try:
    list(workers.map_in_order(slow, None, range(60), meanwhile=meanwhile))
except OSError as error:
    print(error)
"""


def test_a_failure_meanwhile_stops_the_items_not_yet_begun(tmp_path):
    run = _with_two_workers(FAILING, tmp_path)
    assert run.returncode == 0 and run.stdout.strip() == "the disk is full", run.stderr
    assert len(list(tmp_path.glob("*.done"))) < 60, "the build does not draw every page before it fails"


def test_without_a_pool_meanwhile_runs_first():
    order = []
    results = workers.map_in_order(lambda state, item: order.append(item) or item, None, [1, 2, 3],
                                   meanwhile=lambda: order.append("meanwhile"))
    assert list(results) == [1, 2, 3]
    assert order == ["meanwhile", 1, 2, 3]


def test_meanwhile_runs_when_there_is_nothing_to_draw():
    called = []
    drawn = workers.map_in_order(lambda state, item: item, None, [], meanwhile=lambda: called.append(True))
    assert next(drawn, None) is None
    assert called == [True]
