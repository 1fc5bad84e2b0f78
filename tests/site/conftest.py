"""Fixture sites, built once per session (Sphinx's tests/roots), and a local server for them."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from edition.site.pipeline import build_site
from edition.site.serve import make_server

TESTS = Path(__file__).resolve().parents[1]
ROOTS = TESTS / "roots"
REPOSITORY = TESTS.parent
SHARED = REPOSITORY.parent / "shared"
ARTIFACTS = REPOSITORY / "test-artifacts"

sys.path.insert(0, str(REPOSITORY / "scripts"))
import update_site_digest as site_digest  # noqa: E402  (scripts/ is not a package)


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory):
    """The small edition of tests/roots/site-basic, built with its search index."""
    out = tmp_path_factory.mktemp("site-basic") / "_site"
    report = build_site(ROOTS / "site-basic", out)
    return out, report


@pytest.fixture(scope="session")
def edition_site(tmp_path_factory):
    """The edition's own tei/, built as its recorded digest was (tests/site/test_site_digest.py)."""
    out = tmp_path_factory.mktemp("edition") / "_site"
    return out, site_digest.build_edition(out)


def serve(folder: Path):
    server = make_server(folder, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def basic_server(basic_site):
    server, url = serve(basic_site[0])
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def edition_server(edition_site):
    server, url = serve(edition_site[0])
    yield url
    server.shutdown()
    server.server_close()
