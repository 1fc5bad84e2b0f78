"""A reader's review, in the browser: the glossary's filter, and printing what is folded away on screen."""

from __future__ import annotations

import pytest

from .test_browser import page  # noqa: F401  (the page fixture over the basic site; Chromium from conftest)


def test_the_glossary_filter_finds_a_term_by_russian_words_or_by_its_rendering(page):
    page.goto("glossary.html")
    terms = page.locator(".glossary .term")
    assert terms.count() == 2
    for query, expected in [("орган", ["органы"]), ("SECRET", ["генеральный секретарь"]), ("ogpu", ["органы"]),
                            ("nothing", [])]:
        page.locator("#term-filter").fill(query)
        assert page.locator(".glossary .term:visible dt").all_inner_texts() == expected, query
        assert page.locator("#term-filter-status").inner_text() == f"{len(expected)} of 2 terms match"
        assert page.locator(".letter-group:visible h2").count() == len(expected), "empty letters are hidden"
    page.locator("#term-filter").fill("")
    assert page.locator(".glossary .term:visible").count() == 2


def test_printing_shows_what_is_folded_away_on_screen(page):
    page.goto("persons/trotsky.html")
    page.locator("details.mentions-of-text").first.evaluate("details => { details.open = false; }")
    closed = page.locator("details.mentions-of-text:not([open]) ol.kwic").first
    assert not closed.is_visible(), "on screen the mentions of a folded text are hidden"
    page.emulate_media(media="print")
    assert closed.is_visible() and closed.locator("a.where").first.is_visible()
    page.goto("texts/beta.html")
    assert page.locator("details.about dl").is_visible(), "the source description prints too"
    assert not page.locator(".modes").is_visible(), "controls do not print"


def test_the_printed_text_is_plain_with_its_note_markers(page):
    page.goto("texts/beta.html?mode=names")
    mention = page.locator("#beta-p1 a.mention.person").first
    assert mention.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.emulate_media(media="print")
    assert mention.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert mention.evaluate("e => getComputedStyle(e).textDecorationLine") == "none"
    assert page.locator("#ref-beta-n1").is_visible(), "the note markers stay, the notes follow the text"


@pytest.mark.parametrize("fragment", ["beta-p2", "notes", "translation-notes", "beta-n3"])
def test_a_link_lands_below_the_sticky_toolbar_not_under_it(page, fragment):
    page.set_viewport_size({"width": 1200, "height": 400})  # short, so every target can reach the top
    page.goto(f"texts/beta.html#{fragment}")
    toolbar = page.locator(".toolbar").bounding_box()
    target = page.locator(f"[id='{fragment}']").bounding_box()
    assert target["y"] >= toolbar["y"] + toolbar["height"] - 1, (target, toolbar)


def test_the_source_reading_inside_a_name_opens_by_touch_too(page):
    page.goto("texts/beta.html")
    link = page.locator("a#m9")
    assert link.locator("button").count() == 0, "no button inside a link"
    button = page.locator("a#m9 + button.source-reading")
    popover = page.locator("a#m9 + button.source-reading + .choice-popover")
    assert not popover.is_visible()
    button.click()
    assert popover.is_visible() and "Сталинъ" in popover.inner_text()


def test_an_empty_filter_status_takes_no_room(page):
    page.goto("persons/index.html")
    status = page.locator("#filter-status")
    assert not status.is_visible()
    page.locator("#entry-filter").fill("trock")
    assert status.is_visible() and status.inner_text() == "1 of 3 entries match"
