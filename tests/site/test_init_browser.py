"""A new edition (``tei-edition init``), built at once, opens in Debian's Chromium: the home page
lists the sample text, the text shows its names linked to the registers, a click reaches the entry."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from playwright import sync_api

from edition.cli import cli

from .conftest import serve

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.is_file():
    pytest.skip("Debian's chromium is not installed (/usr/bin/chromium); .ci/run installs it",
                allow_module_level=True)
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def new_edition_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("init-browser")
    edition = folder / "my-edition"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(edition), "--title", "Notebooks"]).exit_code == 0
    built = runner.invoke(cli, ["build", "--source", str(edition / "tei"), "--out", str(edition / "_site")])
    assert built.exit_code == 0, built.output
    server, url = serve(edition / "_site")
    yield url
    server.shutdown()
    server.server_close()


def test_the_new_edition_opens_and_a_name_leads_to_its_entry(new_edition_server):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(base_url=new_edition_server)
        foreign, errors = [], []
        page.on("request", lambda request: foreign.append(request.url)
                if urlsplit(request.url).hostname not in ("127.0.0.1", None) else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto("index.html")
        assert "Notebooks" in page.title()
        page.get_by_role("link", name="A sample text").first.click()
        page.wait_for_url("**/texts/sample.html")
        assert page.locator("main").inner_text().count("Ada Lovelace") >= 1
        page.locator("a.mention", has_text="Ada Lovelace").first.click()
        page.wait_for_url("**/persons/lovelace.html")
        assert "Lovelace" in page.locator("h1").inner_text()
        browser.close()
    assert foreign == [] and errors == []
