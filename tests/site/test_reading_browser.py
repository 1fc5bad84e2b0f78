"""The edition's reading page in Chromium, on a laptop (1366 px) and a phone (390 px): the reading
modes and the translation layer's switch, margin notes and popovers, the paragraph's citation, the
line length, WCAG 2.2 by axe. Screenshots go to test-artifacts/ (reading-*.png)."""

from __future__ import annotations

import re
from contextlib import ExitStack

import pytest

from .conftest import ARTIFACTS, watched_page
from .test_browser import axe_script

pytestmark = pytest.mark.slow

WIDE, PHONE = {"width": 1366, "height": 900}, {"width": 390, "height": 844}
TRANSPARENT = "rgba(0, 0, 0, 0)"


@pytest.fixture
def open_page(browser, edition_server):
    """``open_page(viewport)``: a fresh page of the edition (``watched_page``: no other host asked,
    no error logged)."""
    with ExitStack() as pages:
        yield lambda viewport=WIDE, **options: pages.enter_context(
            watched_page(browser, edition_server, viewport=viewport, **options))


def background(locator) -> str:
    return locator.evaluate("e => getComputedStyle(e).backgroundColor")


def test_reading_is_the_default_a_clean_text(open_page):
    page = open_page()
    page.goto("texts/expulsion.html")
    assert page.locator("body").get_attribute("class").split()[:1] == ["mode-reading"]
    assert page.locator(".modes button[data-mode='reading']").get_attribute("aria-pressed") == "true"
    assert background(page.locator(".text a.mention").first) == TRANSPARENT, "no highlighting"
    date = page.locator(".text .date[data-norm]").first
    assert date.evaluate("e => getComputedStyle(e, '::after').content") in ("none", "normal"), "no value inline"
    assert not page.locator(".text .parallels").first.is_visible(), "no tool links in the flow"
    assert not page.locator(".choice .machine").first.is_visible()


def test_the_names_mode_by_keyboard_and_by_address_and_its_date_popover(open_page):
    page = open_page()
    page.goto("texts/expulsion.html")
    page.locator(".modes button[data-mode='names']").focus()
    page.keyboard.press("Enter")
    assert re.search(r"[?&]mode=names", page.url)
    mention = page.locator(".text a.mention.person").first
    assert background(mention) != TRANSPARENT
    assert page.locator(".legend").is_visible()
    page.goto("texts/struggle.html?mode=reading")
    assert background(page.locator(".text a.mention.person").first) == TRANSPARENT, "the address wins"
    page.goto("texts/struggle.html")  # a link's mode does not change the reader's remembered choice
    assert page.locator(".modes button[data-mode='names']").get_attribute("aria-pressed") == "true"
    page.goto("texts/struggle.html?mode=names")
    date = page.locator(".text .date[data-norm]").nth(1)
    date.scroll_into_view_if_needed()
    date.focus()
    page.keyboard.press("Enter")
    popover = page.locator("#date-popover")
    assert popover.is_visible() and popover.inner_text() == "Normalised: " + date.get_attribute("data-norm")


def test_the_translation_layer_shows_the_machine_reading_and_its_correction(open_page):
    page = open_page()
    page.goto("texts/struggle.html?mode=translation")
    choice = page.locator(".choice:has(.machine:text-is('imparziale'))")
    machine, corrected = choice.locator(".machine"), choice.locator(".reading")
    assert machine.is_visible() and corrected.is_visible() and corrected.inner_text() == "poco lusinghiero"
    assert "line-through" in machine.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert page.locator(".layers").is_visible()
    page.locator(".layers button[data-layer='machine']").click()
    assert machine.is_visible() and not corrected.is_visible()
    assert "line-through" not in machine.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert re.search(r"layer=machine", page.url)
    page.locator(".layers button[data-layer='corrected']").click()
    assert not machine.is_visible() and corrected.is_visible()
    page.locator(".layers button[data-layer='both']").click()
    note = page.locator("#pop-struggle-n7")  # T6, on "imparziale": in the margin, with lemma and Russian
    assert note.is_visible()
    assert note.locator(".lemma").inner_text() == "in modo molto poco lusinghiero"
    assert note.locator(".tei-foreign[lang='ru']").first.is_visible()
    assert note.locator(".wording-status").first.inner_text().lower() in ("reconstructed", "quoted")
    page.screenshot(path=str(ARTIFACTS / "reading-translation-1366.png"))


def test_margin_notes_stand_beside_their_paragraph_on_a_wide_screen(open_page):
    page = open_page(WIDE)
    page.goto("texts/expulsion.html")
    marker = page.locator(".text button.note-marker.notes").first
    note = page.locator("#" + marker.get_attribute("popovertarget"))
    assert note.is_visible(), "shown without a click"
    text_box, note_box, marker_box = (page.locator(".text").bounding_box(), note.bounding_box(),
                                      marker.bounding_box())
    assert note_box["x"] >= text_box["x"] + text_box["width"], "in the margin, right of the text"
    assert abs(note_box["y"] - marker_box["y"]) < 40, "level with its marker"
    marker.click()
    assert not note.evaluate("e => e.matches(':popover-open')") and "margin-lit" in note.get_attribute("class")
    assert note.locator("a.to-apparatus").get_attribute("href").startswith("#"), "every note links to the notes"
    page.screenshot(path=str(ARTIFACTS / "reading-1366.png"))


def test_notes_open_as_popovers_on_a_phone(open_page):
    page = open_page(PHONE, is_mobile=True, has_touch=True)
    page.goto("texts/expulsion.html")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth + 1"), "no sideways scrolling"
    marker = page.locator(".text button.note-marker.notes").first
    note = page.locator("#" + marker.get_attribute("popovertarget"))
    assert not note.is_visible()
    page.screenshot(path=str(ARTIFACTS / "reading-390.png"))
    marker.tap()
    assert note.is_visible() and note.evaluate("e => e.matches(':popover-open')")
    box = note.bounding_box()
    assert box["width"] >= 380 and box["y"] + box["height"] >= 840, "a sheet along the bottom edge"
    assert note.evaluate("e => getComputedStyle(e).fontWeight") == "400"
    page.screenshot(path=str(ARTIFACTS / "reading-390-note.png"))
    page.keyboard.press("Escape")
    bar = page.locator(".reading-bar")
    page.evaluate("window.scrollTo(0, 5000)")
    assert bar.bounding_box()["y"] == 0 and bar.bounding_box()["height"] < 60, "one slim row stays in sight"


def test_a_note_in_a_heading_is_not_bold(open_page):
    page = open_page({"width": 1000, "height": 900})
    page.goto("texts/struggle.html")
    marker = page.locator("h2 button.note-marker, h3 button.note-marker").first
    marker.click()
    note = page.locator("#" + marker.get_attribute("popovertarget"))
    assert note.is_visible() and note.evaluate("e => getComputedStyle(e).fontWeight") == "400"


def test_contents_notes_and_top_are_at_hand(open_page):
    page = open_page()
    page.goto("texts/struggle.html")
    page.locator(".contents summary").click()
    links = page.locator(".contents ol a")
    assert links.count() > 3 and links.first.is_visible()
    links.nth(2).click()
    assert page.url.endswith("#" + links.nth(2).get_attribute("href").lstrip("#"))
    page.locator(".jumps a[href='#translation-notes']").click()
    assert page.locator("#translation-notes").evaluate("e => e.getBoundingClientRect().top") < 200
    page.locator(".jumps a[href='#top']").click()
    assert page.evaluate("scrollY") < 50


def test_a_paragraph_number_opens_its_citation(open_page):
    page = open_page()
    page.goto("texts/struggle.html")
    page.locator("#cite summary").click()
    whole = page.locator("#cite .citation").inner_text()
    assert whole.startswith("“Come Stalin") and "/texts/struggle.html (accessed " in whole
    number = page.locator("p.para[data-n='3'] > a.pnum")
    box = number.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, "a 24 px target"
    number.click()
    citation = page.locator("#cite-popover .citation").inner_text()
    assert ", ¶ 3. " in citation and re.search(r"/texts/struggle\.html#struggle-p\d+ \(accessed \d{4}-\d\d-\d\d\)", citation)
    assert page.url.endswith(number.get_attribute("href"))


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1366", "390"])
def test_the_line_holds_60_to_75_characters(open_page, viewport):
    page = open_page(viewport)
    page.goto("texts/expulsion.html")
    # the column's width in characters of the text itself, as set (popovers and margin notes apart)
    per_line = page.evaluate("""() => {
        const p = document.querySelector('.text p.para');
        const probe = document.createElement('span');
        probe.textContent = p.innerText.replace(/\\s+/g, ' ').slice(0, 400);
        probe.style.whiteSpace = 'nowrap';
        p.appendChild(probe);
        const average = probe.getBoundingClientRect().width / probe.textContent.length;
        probe.remove();
        return (p.getBoundingClientRect().width - parseFloat(getComputedStyle(p).paddingLeft)) / average; }""")
    if viewport is WIDE:
        assert 60 <= per_line <= 75, per_line
    else:
        assert per_line >= 30, per_line


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1366", "390"])
@pytest.mark.parametrize("mode", ["reading", "names", "translation"])
def test_no_serious_wcag_22_violation_in_any_mode(open_page, viewport, mode):
    script = axe_script()
    if script is None:
        pytest.skip("axe-core is not installed (PyPI axe-playwright-python ships axe.min.js)")
    page = open_page(viewport)
    page.goto(f"texts/struggle.html?mode={mode}")
    page.evaluate(script)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag', values: "
                            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})")
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
