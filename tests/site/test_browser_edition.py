"""The edition's pages around the texts, in a real browser (Debian's Chromium driven by
Playwright): the About page, the map, the registers' compact index, the search's facets.

axe runs with the WCAG 2.2 rules (target size included); screenshots at a laptop's and a
phone's size go to test-artifacts/ for people to look at.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from .conftest import ARTIFACTS
from .test_browser import CHROMIUM, axe_script, sync_api

assert CHROMIUM.is_file()  # test_browser skips this module too when it is missing

pytestmark = pytest.mark.slow

SIZES = {"wide": (1366, 900), "phone": (390, 844)}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


def open_page(browser, server, size="wide"):
    """A page at one of ``SIZES``, which fails its test when it asks another host for anything or
    logs an error (a CSP violation shows up there)."""
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, base_url=server)
    page = context.new_page()
    page.foreign, page.errors = [], []
    page.on("request", lambda request: page.foreign.append(request.url)
            if urlsplit(request.url).hostname not in ("127.0.0.1", None) else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    return context, page


@pytest.fixture
def wide(browser, edition_server):
    context, page = open_page(browser, edition_server)
    yield page
    context.close()
    assert page.foreign == [] and page.errors == []


def check_axe(page, name: str) -> None:
    script = axe_script()
    if script is None:
        pytest.skip("axe-core is not installed (PyPI axe-playwright-python ships axe.min.js)")
    page.evaluate(script)
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                            "resultTypes: ['violations']})", AXE_TAGS)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe22-{name}.json").write_text(json.dumps(results["violations"], indent=1), encoding="utf-8")
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []


PAGES = {
    "about": ("about.html", None),
    "persons": ("persons/index.html", None),
    "person": ("persons/trotsky.html", None),
    "organisations": ("organisations/index.html", None),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", PAGES)
def test_page_types_at_both_sizes_pass_axe_with_wcag22(browser, edition_server, name, size):
    relative, ready = PAGES[name]
    context, page = open_page(browser, edition_server, size)
    page.goto(relative)
    if ready:
        page.locator(ready).first.wait_for(timeout=15000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{SIZES[size][0]}.png"), full_page=True)
    # nothing wider than the screen: a phone scrolls down, never sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size][0]
    check_axe(page, f"{name}-{size}")
    context.close()
    assert page.foreign == [] and page.errors == []


def test_the_about_page_says_who_did_what_and_how_to_cite(wide, edition_server):
    wide.goto("about.html")
    roles = wide.locator("table.responsibility tbody tr")
    assert roles.count() == 3
    assert "translation notes and editorial notes" in roles.nth(2).inner_text()
    assert wide.locator("section[aria-labelledby=edition] .missing").inner_text().startswith("The TEI headers state no edition")
    citation = wide.locator("#edition-citation").inner_text()
    assert citation.startswith("tei-edition encoding team; tei-edition project, encoder of text 001. "
                               "The Soviet Power Struggle of the 1920s: a digital edition.")
    assert edition_server in citation  # the address the reader sees, filled by the page
    assert re.search(r"Accessed \d{4}-\d\d-\d\d\.$", citation)
    principles = wide.locator("section[aria-labelledby=principles] details.principles")
    assert principles.count() == 3 and not principles.first.get_attribute("open")
    principles.first.locator("summary").click()
    assert principles.first.locator("p").first.is_visible()


def column(page, index):
    return page.locator("table.register-index tbody tr:visible").evaluate_all(
        f"rows => rows.map(row => row.cells[{index}].getAttribute('data-sort') ?? row.cells[{index}].textContent.trim())")


def test_the_compact_index_sorts_by_each_column_and_keeps_its_filter(wide):
    wide.goto("persons/index.html")
    rows = wide.locator("table.register-index tbody tr")
    assert rows.count() == 80
    names = rows.locator("th a").all_inner_texts()
    mentions = wide.locator("thead th", has_text="Mentions")
    mentions.locator("button").click()
    assert mentions.get_attribute("aria-sort") == "descending"
    counts = [int(value) for value in column(wide, 4)]
    assert counts == sorted(counts, reverse=True) and rows.first.locator("th a").inner_text() == "Trotsky, Leon"
    mentions.locator("button").click()
    assert mentions.get_attribute("aria-sort") == "ascending" and [int(v) for v in column(wide, 4)] == sorted(counts)
    dates = wide.locator("thead th", has_text="Dates")
    dates.locator("button").click()
    born = column(wide, 1)
    known = [int(value) for value in born if value]
    assert known == sorted(known) and born[len(known):] == [""] * (len(born) - len(known)), "unknown dates last"
    assert wide.locator("thead th[aria-sort]").count() == 1
    wide.locator("thead th", has_text="Name").locator("button").click()
    assert rows.locator("th a").all_inner_texts() == names, "back to the index's order"
    wide.locator("#entry-filter").fill("троцк")
    assert rows.locator("th a").filter(visible=True).all_inner_texts() == ["Trotsky, Leon"]
    assert wide.locator("#filter-status").inner_text() == "1 of 80 entries match"
