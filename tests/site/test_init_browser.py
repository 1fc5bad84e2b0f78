"""A new edition (``tei-edition init``), built at once, opens in Debian's Chromium: the home page
lists the sample text, the text shows its names linked to the registers, a click reaches the entry."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from edition.cli import cli

from .conftest import serve, watched_page

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


def test_the_new_edition_opens_and_a_name_leads_to_its_entry(browser, new_edition_server):
    with watched_page(browser, new_edition_server) as page:
        page.goto("index.html")
        assert "Notebooks" in page.title()
        page.get_by_role("link", name="A sample text").first.click()
        page.wait_for_url("**/texts/sample.html")
        assert page.locator("main").inner_text().count("Ada Lovelace") >= 1
        page.locator("a.mention", has_text="Ada Lovelace").first.click()
        page.wait_for_url("**/persons/lovelace.html")
        assert "Lovelace" in page.locator("h1").inner_text()
