"""Fixture sites, built once per session (Sphinx's tests/roots), and a local server for them."""

from __future__ import annotations

import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

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


CHROMIUM = Path("/usr/bin/chromium")
NO_CHROMIUM = "Debian's chromium is not installed (/usr/bin/chromium); .ci/run installs it"


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright (a module's tests share it; nothing is downloaded)."""
    if not CHROMIUM.is_file():
        pytest.skip(NO_CHROMIUM)
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


def watch(page):
    """Record on ``page.foreign`` what it asks of another host and on ``page.errors`` what it logs
    as an error (a CSP violation shows up there); a test asserts both stay empty."""
    page.foreign, page.errors = [], []
    page.on("request", lambda request: page.foreign.append(request.url)
            if urlsplit(request.url).hostname not in ("127.0.0.1", None) else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    return page


@contextmanager
def watched_page(browser, base_url: str, **context_options):
    """A page of its own browser context, watched (``watch``); on leaving, it must have asked no
    other host for anything and logged no error."""
    context = browser.new_context(base_url=base_url, **context_options)
    page = watch(context.new_page())
    yield page
    context.close()
    assert page.foreign == [], "the page asked another host for something"
    assert page.errors == [], "the page logged errors (a CSP violation shows up here)"
