"""The edition's pages around the texts, in a real browser (Debian's Chromium driven by
Playwright): the About page, the map, the registers' compact index, the search's facets.

axe runs with the WCAG 2.2 rules (target size included); screenshots at a laptop's and a
phone's size go to test-artifacts/ for people to look at.
"""

from __future__ import annotations

import json
import re
import pytest

from .conftest import ARTIFACTS, watched_page
from .test_browser import axe_script

pytestmark = pytest.mark.slow

SIZES = {"wide": (1366, 900), "phone": (390, 844)}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def open_page(browser, server, size="wide"):
    """A page at one of ``SIZES`` (``watched_page``: its test fails when it asks another host for
    anything or logs an error)."""
    width, height = SIZES[size]
    return watched_page(browser, server, viewport={"width": width, "height": height})


@pytest.fixture
def wide(browser, edition_server):
    with open_page(browser, edition_server) as page:
        yield page


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
    "places": ("places/index.html", ".place-marker"),
    "place": ("places/almaty.html", ".place-marker"),
    "search": ("search.html?q=Троцкий", "#search-facets fieldset"),
    "chronology": ("chronology.html", None),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", PAGES)
def test_page_types_at_both_sizes_pass_axe_with_wcag22(browser, edition_server, name, size):
    relative, ready = PAGES[name]
    with open_page(browser, edition_server, size) as page:
        page.goto(relative)
        if ready:
            page.locator(ready).first.wait_for(timeout=15000)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{SIZES[size][0]}.png"), full_page=True)
        # nothing wider than the screen: a phone scrolls down, never sideways
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size][0]
        check_axe(page, f"{name}-{size}")


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


def places_with_coordinates(edition_site) -> set[str]:
    from edition.registers import load_registers

    from .conftest import REPOSITORY

    registers = load_registers(REPOSITORY / "tei" / "registers")
    return {f"../places/{entry.id}.html" for entry in registers.of_kind("place") if entry.geo}


def marker_positions(page) -> dict[str, tuple[float, float]]:
    return page.locator(".map-canvas a.place-link").evaluate_all(
        "links => Object.fromEntries(links.map(l => { const r = l.firstChild.getBoundingClientRect(); "
        "return [l.getAttribute('href'), [r.x, r.y]]; }))")


def test_the_map_draws_every_place_with_coordinates_and_zooms(wide, edition_site):
    wide.goto("places/index.html")
    wide.locator(".map-canvas .place-marker").first.wait_for()
    expected = places_with_coordinates(edition_site)
    assert len(expected) >= 20
    links = wide.locator(".map-canvas a.place-link")
    hrefs = links.evaluate_all("links => links.map(l => l.getAttribute('href'))")
    grouped = wide.locator(".map-canvas .place-cluster").evaluate_all(
        "buttons => buttons.flatMap(b => b.getAttribute('data-members').split(' '))")
    assert sorted(hrefs + grouped) == sorted(expected), "one marker per place with coordinates, none twice"
    assert len(hrefs) >= 4 and grouped, "places stand alone, the crowded ones in numbered groups"
    assert not wide.locator("svg.static-map").is_visible(), "the static map gives way to the interactive one"
    assert wide.locator(".map-canvas path.land").count() == 1
    box = wide.locator(".map-canvas").bounding_box()
    before = marker_positions(wide)
    assert all(box["x"] <= x <= box["x"] + box["width"] and box["y"] <= y <= box["y"] + box["height"]
               for x, y in before.values()), "the bounds are fitted to the places"
    shown = links.locator(".place-label:visible")
    assert shown.count() + wide.locator(".place-cluster .place-label:visible").count() >= 10, "labels, not bare dots"
    labels = [element.bounding_box() for element in shown.element_handles()]
    assert not any(a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and
                   a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]
                   for i, a in enumerate(labels) for b in labels[i + 1:]), "no label covers another"
    wide.get_by_role("button", name="Zoom in", exact=True).click()
    wide.wait_for_timeout(600)  # Leaflet's zoom animation
    after = marker_positions(wide)
    london, coyoacan = "../places/london.html", "../places/coyoacan.html"  # far apart: never in one group
    spread = lambda positions: abs(positions[coyoacan][0] - positions[london][0])  # noqa: E731
    assert spread(after) > 1.5 * spread(before), "zoomed in: the places draw apart"
    assert shown.count() >= labels.__len__(), "zoomed in, labels that gave way come back"
    inside = wide.locator(".map-canvas .place-cluster").evaluate_all(
        "(buttons) => { const c = document.querySelector('.map-canvas').getBoundingClientRect(); return buttons.findIndex(b => {"
        " const r = b.firstChild.getBoundingClientRect(); return !b.classList.contains('under-control') &&"
        " r.left > c.left && r.right < c.right && r.top > c.top && r.bottom < c.bottom; }); }")
    assert inside >= 0, "a group in sight"
    cluster = wide.locator(".map-canvas .place-cluster").nth(inside)
    members = cluster.get_attribute("data-members").split()
    cluster.locator(".place-dot").click()
    wide.wait_for_timeout(600)
    now = wide.locator(".map-canvas a.place-link").evaluate_all("links => links.map(l => l.getAttribute('href'))")
    assert set(members) & set(now), "a group's button zooms in until its places stand apart"
    href = sorted(set(members) & set(now))[0]
    wide.locator(f".map-canvas a.place-link[href='{href}'] .place-dot").click()
    wide.wait_for_url("**/places/" + href.rsplit("/", 1)[1])


def test_a_place_page_has_a_zoomed_locator(wide):
    wide.goto("places/almaty.html")
    wide.locator(".map-canvas .place-marker").first.wait_for()
    own = wide.locator(".map-canvas a.place-link:not(.context)")
    assert own.count() == 1 and own.inner_text() == "Almaty"
    assert wide.locator(".map-canvas a.place-link.context").count() == 0, "its page depends on no other place"
    box = wide.locator(".map-canvas").bounding_box()
    dot = own.locator(".place-dot").bounding_box()
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert abs(dot["x"] + dot["width"] / 2 - centre[0]) < 20 and abs(dot["y"] + dot["height"] / 2 - centre[1]) < 20


def search(page, query):
    page.goto(f"search.html?q={query}")
    page.locator("#search-results li").first.wait_for(timeout=15000)
    page.locator("#search-facets fieldset").first.wait_for(timeout=15000)
    return page.locator("#search-results li")


def test_a_name_in_any_script_finds_the_entry_first_and_its_mentions_in_every_language(wide):
    hits = search(wide, "Троцкий")
    assert hits.first.locator("a").inner_text() == "Trotsky, Leon"
    assert hits.first.locator(".hit-kind").inner_text() == "register entry"
    titles = hits.locator("a").all_inner_texts()
    assert any(t.startswith("The expulsion of Trotsky from the USSR") for t in titles), "English mentions"
    assert any(t.startswith("Come Stalin è riuscito") for t in titles), "Italian mentions"
    assert any(t.startswith("The defeat of the Opposition") for t in titles), "Russian mentions"
    for title in titles[1:]:
        text, _, where = title.rpartition(", ")
        assert where and where != text, "a passage is its text and where it stands, once"


def test_alma_ata_finds_the_russian_alma_atu(wide):
    hits = search(wide, "Alma-Ata")
    assert hits.first.locator("a").inner_text() == "Almaty"
    russian = hits.filter(has=wide.locator("a", has_text=re.compile(r"^The defeat of the Opposition .*, ¶ \d+$")))
    assert russian.count() >= 1, "the Russian text's paragraph, found by a Latin name form"
    assert "Names Alma-Ata" in russian.first.locator(".snippet").inner_text(), "the snippet says why it was found"
    russian.first.locator("a").click()
    wide.wait_for_url(re.compile(r"texts/[^#]+\.html#"))
    target = wide.evaluate("location.hash.slice(1)")
    assert "Алма-Ату" in wide.locator(f"[id='{target}']").inner_text()


def test_the_search_facets_narrow_by_kind_and_text(wide):
    hits = search(wide, "Троцкий")
    every = hits.count()
    facets = wide.locator("#search-facets")
    assert facets.locator("legend").all_inner_texts() == ["Kind", "Language", "Text"]
    kinds = facets.locator("fieldset").first.locator("label").all_inner_texts()
    assert [k.rsplit(" (", 1)[0] for k in kinds] == ["note", "paragraph", "register entry"]
    italian = facets.locator("label", has_text="Come Stalin").locator("input")
    italian.check()
    wide.wait_for_function(f"() => document.querySelectorAll('#search-results li').length < {every}")
    titles = hits.locator("a").all_inner_texts()
    assert titles and all(t.startswith("Come Stalin") for t in titles), "the Italian text's passages only"
    assert facets.locator("label", has_text="Come Stalin").locator("input").is_checked()
    facets.locator("label", has_text="Come Stalin").locator("input").uncheck()
    facets.locator("label", has_text=re.compile(r"^ ?note \(")).locator("input").check()
    wide.wait_for_function("() => [...document.querySelectorAll('#search-results li')].every(li => li.className.includes('note'))")
    assert all(", translation note" in t or ", note" in t for t in hits.locator("a").all_inner_texts())


def test_the_language_facet_keeps_the_results_in_that_language_only(wide):
    hits = search(wide, "Trotsky")
    every = hits.count()
    facets = wide.locator("#search-facets")
    languages = facets.locator("fieldset", has=wide.locator("legend", has_text="Language")).locator("label")
    names = [label.rsplit(" (", 1)[0].strip() for label in languages.all_inner_texts()]
    assert {"English", "Italian", "Russian"} <= set(names), "languages by their names, not their codes"
    italian = facets.locator("label", has_text=re.compile(r"^ ?Italian \("))
    counted = int(italian.inner_text().rsplit("(", 1)[1].rstrip(")"))
    italian.locator("input").check()
    wide.wait_for_function(f"() => document.querySelectorAll('#search-results li').length < {every}")
    titles = hits.locator("a").all_inner_texts()
    assert len(titles) == counted, "the count beside the language is the results it keeps"
    assert titles and all(t.startswith("Come Stalin") for t in titles), "the Italian text's Italian passages only"
    assert not any(", translation note" in t for t in titles), "its English translation notes are English"
    wide.screenshot(path=str(ARTIFACTS / "search-language-italian.png"), full_page=True)
    check_axe(wide, "search-language-italian")


def test_the_chronology_on_a_phone_opens_on_its_busiest_years_and_says_it_scrolls(browser, edition_server):
    with open_page(browser, edition_server, "phone") as page:
        page.goto("chronology.html")
        hint = page.locator("#timeline-hint")
        assert "scroll or swipe sideways" in hint.inner_text()
        assert re.search(r"Years 19\d\d–19\d\d in view", hint.inner_text()), "the busiest years (the 1920s), not 1878"
        assert page.locator("figure.timeline").evaluate("f => f.scrollLeft") > 0
