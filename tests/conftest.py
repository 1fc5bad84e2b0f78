"""For every test: the toolkit's caches (builds, validation) in a folder of this test run, never
the user's ``~/.cache``; a test that studies the cache sets its own."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    previous = os.environ.get("TEI_EDITION_CACHE")
    os.environ["TEI_EDITION_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("TEI_EDITION_CACHE", None)
    else:
        os.environ["TEI_EDITION_CACHE"] = previous


def pytest_collection_modifyitems(items):
    """A test that drives Chromium is slow wherever it is written (it uses a ``browser`` fixture, or
    its module imports Playwright's ``sync_api``), so that ``pytest -m "not slow"`` stays fast when a
    browser test is added."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()) or getattr(item.module, "sync_api", None) is not None:
            item.add_marker(pytest.mark.slow)
