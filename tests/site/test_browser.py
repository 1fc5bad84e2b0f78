"""The site in a real browser: Debian's Chromium driven by Playwright (no download at run time).

Screenshots of every page type go to test-artifacts/ (gitignored) for people to look at.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import axe_playwright_python
import pytest

from .conftest import ARTIFACTS, watched_page

PAGE_TYPES = {
    "home": "index.html",
    "reading": "texts/beta.html",
    "reading-ru": "texts/alpha.html",
    "persons": "persons/index.html",
    "person": "persons/trotsky.html",
    "places": "places/index.html",
    "place": "places/almaty.html",
    "organisations": "organisations/index.html",
    "chronology": "chronology.html",
    "glossary": "glossary.html",
    "search": "search.html?q=Alma-Ata",
}


def axe_script() -> str:
    """axe-core as a registry package ships it (PyPI axe-playwright-python bundles axe.min.js)."""
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture
def page(browser, basic_server):
    with watched_page(browser, basic_server, viewport={"width": 1200, "height": 900}) as page:
        yield page


def test_a_name_leads_to_its_entry_and_a_mention_back_to_its_paragraph(page):
    page.goto("texts/beta.html")
    page.locator("#beta-p1 a.mention.person", has_text="Trotsky").click()
    page.wait_for_url(re.compile(r"persons/trotsky\.html$"))
    assert page.locator("h1").inner_text() == "Trotsky, Leon (1879–1940)"
    assert page.locator("details.mentions-of-text", has_text="Высылка Троцкого").get_attribute("open") == ""
    page.locator("ol.kwic a", has_text="¶ 2").first.click()
    page.wait_for_url(re.compile(r"texts/alpha\.html#m9$"))
    target = page.locator(":target")
    assert target.get_attribute("id") == "m9" and target.inner_text() == "Троцким"
    assert target.evaluate("e => e.closest('p').id") == "alpha-p2"
    assert target.is_visible() and target.evaluate("e => { const r = e.getBoundingClientRect(); "
                                                   "return r.top >= 0 && r.bottom <= innerHeight; }")
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 224, 102)"


def test_a_note_opens_in_place_by_keyboard_and_closes_with_escape(page):
    page.goto("texts/beta.html")
    marker = page.locator("#ref-beta-n1")
    popover = page.locator("#pop-beta-n1")
    assert not popover.is_visible()
    marker.focus()
    page.keyboard.press("Enter")
    assert popover.is_visible()
    assert "генеральный секретарь" in popover.inner_text()
    below, beside = popover.bounding_box(), marker.bounding_box()
    assert 0 <= below["y"] - (beside["y"] + beside["height"]) < 30, "the note opens next to its marker"
    assert popover.evaluate("e => e.matches(':popover-open')")
    page.keyboard.press("Escape")
    assert not popover.is_visible()
    marker.click()  # mouse and touch use the same button
    popover.locator("a.to-apparatus").click()
    assert page.url.endswith("#beta-n1")
    page.locator("#beta-n1 a.backlink").click()
    assert page.url.endswith("#ref-beta-n1")


def test_the_source_reading_of_a_correction_is_shown_on_demand(page):
    page.goto("texts/alpha.html")
    choice = page.locator("#alpha-p3 .choice")
    assert choice.locator(".reading").inner_text() == "победили"
    assert not choice.locator("[popover]").is_visible()
    choice.locator("button.source-reading").click()
    assert "победим" in choice.locator("[popover]").inner_text()


@pytest.mark.parametrize("query, expected", [("троц", ["trotsky"]), ("trock", ["trotsky"]), ("TROTSKY", ["trotsky"]),
                                             ("сталин", ["stalin"]), ("зинов", ["zinoviev"]), ("nobody", [])])
def test_the_index_filter_matches_any_name_form_in_any_script(page, query, expected):
    page.goto("persons/index.html")
    page.locator("#entry-filter").fill(query)
    visible = page.locator("tr.entry:visible").evaluate_all("items => items.map(i => i.id)")
    assert visible == expected
    assert page.locator("#filter-status").inner_text().startswith(f"{len(expected)} of 3")


def test_search_finds_alma_ata_and_lands_on_a_paragraph(page):
    page.goto("search.html")
    page.locator("#search-input").fill("Alma-Ata")
    page.keyboard.press("Enter")
    results = page.locator("#search-results a")
    results.first.wait_for(timeout=15000)
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any(h.endswith("texts/beta.html#beta-p1") for h in hrefs), hrefs
    assert any(h.endswith("places/almaty.html") for h in hrefs), "the registers are searched too"
    page.locator("#search-results a[href$='texts/beta.html#beta-p1']").click()
    page.wait_for_url(re.compile(r"texts/beta\.html#beta-p1$"))
    assert "Alma-Ata" in page.locator(":target").inner_text()


def test_search_stems_russian(page):
    page.goto("search.html?q=" + "Троцкий")
    page.locator("#search-results a").first.wait_for(timeout=15000)
    hrefs = page.locator("#search-results a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any("alpha.html#alpha-p2" in h for h in hrefs), "Троцким is found by Троцкий (the Russian bundle, merged)"


def test_the_names_mode_shows_the_highlighting_and_is_remembered(page):
    page.goto("texts/alpha.html")
    mention = page.locator("#alpha-p1 a.mention.person").first
    button = page.locator(".modes button[data-mode='names']")
    assert mention.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)", "Reading: no colour"
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert mention.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert button.get_attribute("aria-pressed") == "true"
    page.goto("texts/beta.html")  # the choice is remembered on every text
    assert page.locator(".modes button[data-mode='names']").get_attribute("aria-pressed") == "true"
    page.locator(".modes button[data-mode='reading']").click()
    page.goto("texts/alpha.html")
    assert mention.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"


def test_a_paragraph_number_links_to_it_and_gives_its_citation(page):
    page.goto("texts/beta.html")
    page.locator("#beta-p2 > a.pnum").click()
    citation = page.locator("#cite-popover .citation")
    assert citation.is_visible()
    text = citation.inner_text()
    assert text.startswith("“The expulsion of Trotsky.” Edited by Test Encoder. Test Edition, 2026, ¶ 2. "), text
    assert ", ¶ 2. " in text and "/texts/beta.html#beta-p2 (accessed " in text
    assert page.url.endswith("/texts/beta.html#beta-p2"), "the number is the paragraph's permalink"


def test_the_chronology_filters_by_year_and_keeps_spans_honest(page):
    page.goto("chronology.html")
    page.locator("#year-filter").select_option("1927")
    shown = page.locator("li.dated-mention:visible .norm").all_inner_texts()
    assert shown == ["between 1920 and 1929", "1926 – 1928", "1927"]


def test_the_reading_page_fits_a_phone(browser, basic_server):
    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=basic_server, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    for relative in ("texts/alpha.html", "persons/index.html", "chronology.html"):
        page.goto(relative)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), relative
    page.goto("texts/beta.html")
    page.locator("#ref-beta-n1").tap()
    assert page.locator("#pop-beta-n1").is_visible()
    page.screenshot(path=str(ARTIFACTS / "phone-reading.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("name, relative", PAGE_TYPES.items())
def test_page_types_have_no_serious_accessibility_violation(page, name, relative):
    script = axe_script()
    page.goto(relative)
    if name == "search":
        page.locator("#search-results a").first.wait_for(timeout=15000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"page-{name}.png"), full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=str(ARTIFACTS / f"print-{name}.png"), full_page=True)
    page.emulate_media(media="screen")
    page.evaluate(script)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(results["violations"], indent=1), encoding="utf-8")
    assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]


EDITION_PAGES = ["index.html", "persons/index.html", "places/index.html", "organisations/index.html",
                 "chronology.html", "glossary.html"]


@pytest.fixture(scope="module")
def edition_pages(edition_site):
    texts = sorted(p.relative_to(edition_site[0]).as_posix() for p in (edition_site[0] / "texts").glob("*.html"))
    return texts + EDITION_PAGES


def test_the_edition_has_no_serious_accessibility_violation(browser, edition_server, edition_pages):
    script = axe_script()
    context = browser.new_context(viewport={"width": 1200, "height": 900}, base_url=edition_server)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    problems = {}
    for relative in edition_pages:
        page.goto(relative)
        page.screenshot(path=str(ARTIFACTS / f"edition-{relative.replace('/', '-')}.png"))
        page.evaluate(script)
        results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results["violations"]
                   if v["impact"] in ("serious", "critical")]
        if serious:
            problems[relative] = serious
    context.close()
    assert problems == {} and errors == []


def test_the_keyboard_reaches_the_text_first_and_every_control(page):
    page.goto("texts/beta.html")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to the content" and skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    focusable = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focusable.append(page.evaluate("(e => e.className || e.id || (e.dataset.mode ? 'mode-' + e.dataset.mode : ''))"
                                       "(document.activeElement)"))
    assert "mode-reading" in focusable and any("note-marker" in f for f in focusable)
    assert any("pnum" in f for f in focusable) and any("mention" in f for f in focusable)
    modes = page.locator(".modes button")
    assert modes.count() == 3 and all(modes.nth(i).evaluate("e => e.tabIndex") == 0 for i in range(3))


def serve_site_basic_with(tmp_path_factory, module, attribute: str, value, search_index: bool = True):
    """site-basic built with one of the toolkit's limits set to ``value`` and served: ``(out, url)``."""
    from edition.site.pipeline import build_site

    from .conftest import ROOTS, serve

    out = tmp_path_factory.mktemp(attribute.lower()) / "_site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, attribute, value)
        build_site(ROOTS / "site-basic", out, search_index=search_index, incremental=False)
    server, url = serve(out)
    yield out, url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def split_search_server(tmp_path_factory):
    """site-basic with a bundle per page: every language's search index split into several bundles."""
    from edition.site import search

    yield from serve_site_basic_with(tmp_path_factory, search, "BUNDLE_CHARACTERS", 1)


def test_a_language_split_into_bundles_is_searched_whole(browser, split_search_server):
    out, url = split_search_server
    bundles = sorted(p.name for p in out.glob("pagefind-*"))
    assert "pagefind-en" in bundles and "pagefind-en-2" in bundles and len(bundles) > 4, bundles
    context = browser.new_context(base_url=url)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto("search.html?q=Alma-Ata")
        page.locator("#search-results a").first.wait_for(timeout=15000)
        hrefs = page.locator("#search-results a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert any(h.endswith("texts/beta.html#beta-p1") for h in hrefs), hrefs
        assert any(h.endswith("places/almaty.html") for h in hrefs), "an entry's page, in a later English bundle"
        page.goto("search.html?q=" + "Троцкий")
        page.locator("#search-results a").first.wait_for(timeout=15000)
        hrefs = page.locator("#search-results a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert any("alpha.html#alpha-p2" in h for h in hrefs), "the Russian bundle, stemmed as Russian"
    finally:
        context.close()
    assert errors == []


@pytest.fixture(scope="module")
def paged_entries_server(tmp_path_factory):
    """site-basic with an entry's mentions a text a page: the later pages sit a folder deeper."""
    from edition.site.pages import listing

    for _, url in serve_site_basic_with(tmp_path_factory, listing, "PAGE_TEXTS", 1, search_index=False):
        yield url


def test_an_entrys_later_page_of_mentions_is_reached_styled_and_leads_to_the_text(browser, paged_entries_server):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, base_url=paged_entries_server)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        page.goto("persons/trotsky.html")
        page.locator("nav.pager").first.get_by_role("link", name="2", exact=True).click()
        page.wait_for_url("**/persons/trotsky/2.html")
        assert page.locator("nav.pager p").first.inner_text() == "Texts 2–2 of 2"
        # the stylesheet is found from a folder deeper: the pager is laid out as a row
        assert page.locator("nav.pager ol").first.evaluate("e => getComputedStyle(e).display") == "flex"
        page.screenshot(path=str(ARTIFACTS / "page-entry-later-page.png"), full_page=True)
        page.evaluate(axe_script())
        results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        assert [v["id"] for v in results["violations"] if v["impact"] in ("serious", "critical")] == []
        link = page.locator("ol.kwic a.where").first
        target = link.get_attribute("href").rsplit("#", 1)[1]
        link.click()
        page.wait_for_url("**/texts/*.html#*")
        assert page.evaluate("location.hash") == f"#{target}" and page.locator(f"[id='{target}']").count() == 1
        page.go_back()
        page.locator("nav.breadcrumb a", has_text="Persons").click()
        page.wait_for_url("**/persons/index.html#trotsky")
    finally:
        context.close()
    assert errors == []


@pytest.fixture(scope="module")
def paged_home_server(tmp_path_factory):
    """site-basic with a text a home page: the second page sits in index/."""
    from edition.site.pages import listing

    for _, url in serve_site_basic_with(tmp_path_factory, listing, "HOME_TEXTS", 1, search_index=False):
        yield url


def test_the_home_pages_later_page_is_reached_styled_and_leads_to_its_text(browser, paged_home_server):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, base_url=paged_home_server)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        page.goto("index.html")
        first_title = page.locator("ol.text-list h3 a").inner_text()
        page.locator("nav.pager").first.get_by_role("link", name="2", exact=True).click()
        page.wait_for_url("**/index/2.html")
        assert page.locator("nav.pager p").first.inner_text() == "Texts 2–2 of 2"
        assert page.locator("nav.pager ol").first.evaluate("e => getComputedStyle(e).display") == "flex"
        assert page.locator("ol.text-list li").first.evaluate("e => e.parentElement.start") == 2
        page.evaluate(axe_script())
        results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        assert [v["id"] for v in results["violations"] if v["impact"] in ("serious", "critical")] == []
        title = page.locator("ol.text-list h3 a").inner_text()
        assert title != first_title
        page.locator("ol.text-list h3 a").click()
        page.wait_for_url("**/texts/*.html")
        assert page.locator("h1").first.inner_text() == title
        page.go_back()
        page.get_by_role("navigation", name="Edition").get_by_role("link", name="Texts", exact=True).click()
        page.wait_for_url("**/index.html")
        assert not page.url.endswith("/index/index.html")
    finally:
        context.close()
    assert errors == []
