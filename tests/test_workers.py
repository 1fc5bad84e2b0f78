"""The worker pool: results in order, and ``meanwhile`` run in this process while the workers draw."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from edition import workers


def _square_in_a_worker(folder: Path, item: int) -> tuple[int, int]:
    (folder / f"{item}.done").touch()  # what ``meanwhile`` watches for
    time.sleep(0.01)
    return item * item, os.getpid()


@pytest.fixture
def two_workers(monkeypatch):
    monkeypatch.setenv("TEI_EDITION_WORKERS", "2")
    if threading.active_count() > 1:
        pytest.skip("a thread runs beside the tests: the pool would not fork (it never forks a threaded process)")


def test_the_pool_keeps_the_order_and_runs_meanwhile_here_while_the_workers_work(two_workers, tmp_path):
    seen = []

    def meanwhile():
        deadline = time.monotonic() + 30
        while not any(tmp_path.glob("*.done")) and time.monotonic() < deadline:
            time.sleep(0.01)
        seen.append((os.getpid(), any(tmp_path.glob("*.done"))))

    items = list(range(40))
    results = list(workers.map_in_order(_square_in_a_worker, tmp_path, items, meanwhile=meanwhile))
    assert [value for value, _ in results] == [item * item for item in items]
    assert {pid for _, pid in results} and os.getpid() not in {pid for _, pid in results}
    assert seen == [(os.getpid(), True)]  # once, here, and a worker had started an item meanwhile


def test_without_a_pool_meanwhile_runs_first(two_workers, tmp_path):
    order = []
    results = workers.map_in_order(lambda state, item: order.append(item) or item, None, [1, 2, 3],
                                   meanwhile=lambda: order.append("meanwhile"))
    assert list(results) == [1, 2, 3]
    assert order == ["meanwhile", 1, 2, 3]


def test_meanwhile_runs_when_there_is_nothing_to_draw(two_workers):
    called = []
    drawn = workers.map_in_order(lambda state, item: item, None, [], meanwhile=lambda: called.append(True))
    assert next(drawn, None) is None
    assert called == [True]
